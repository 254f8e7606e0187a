package link

import (
	"errors"
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Limits that refuse absurd chains before any mesh is made.
const (
	// MaxChainMM is the longest chain built, mm (5 m).
	MaxChainMM = 5000
	// MaxLinks is the most links in one chain or bracelet.
	MaxLinks = 20000
)

// ChainParams is a chain of interlocked links. Zero fields mean defaults.
type ChainParams struct {
	// Link is every link (a figaro's short links; its long ones follow).
	Link Params
	// Path is the curve the links follow; "" means Straight.
	Path Path
	// LengthMM is the chain's length, mm, 5 to MaxChainMM; 0 means 450. A
	// straight chain is measured from tip to tip, a closed one along its
	// links' centres. The built chain is within 1 % (it is exact but for
	// rounding: the links' spacing is loosened to fit).
	LengthMM float64
	// Metal is the alloy ("" means geom.DefaultMetal).
	Metal string
}

// Chain is a built chain with its measured figures.
type Chain struct {
	// Model holds the links as parts "link-0", "link-1", … in path order.
	Model *geom.Model
	// Centerlines are the links' wire centrelines as placed, mm.
	Centerlines [][]geom.Vec3
	// Closed tells whether the last link interlocks with the first.
	Closed bool
	// LengthMM is the measured length: tip to tip along X for a straight
	// chain, the sum of the distances between consecutive links' centres of
	// mass for a closed one.
	LengthMM float64
	// Clearance is the gap measured between the parts.
	Clearance Clearance
	// Warnings list what a printer would flag (gaps under the clearance).
	Warnings []string
}

func (p ChainParams) withDefaults() ChainParams {
	if p.Path == "" {
		p.Path = Straight
	}
	if p.LengthMM == 0 {
		p.LengthMM = 450
	}
	return p
}

// Validate reports every bad field, after applying the defaults.
func (p ChainParams) Validate() error {
	p = p.withDefaults()
	var errs []error
	if err := p.Link.Validate(); err != nil {
		errs = append(errs, err)
	}
	if _, err := ParsePath(string(p.Path)); err != nil {
		errs = append(errs, err)
	}
	if !(p.LengthMM >= 5 && p.LengthMM <= MaxChainMM) {
		errs = append(errs, fieldErr("chain.length_mm", p.LengthMM, "allowed 5 to %g mm", float64(MaxChainMM)))
	}
	if _, err := geom.Metal(metalName(p.Metal)); err != nil {
		errs = append(errs, fieldErr("metal", p.Metal, "allowed %v", geom.MetalNames()))
	}
	return errors.Join(errs...)
}

func metalName(m string) string {
	if m == "" {
		return geom.DefaultMetal
	}
	return m
}

// BuildChain builds the chain: links spaced so that neighbours interlock
// with at least the clearance between their wires, as many as the length
// needs, the spacing then loosened evenly to meet the length. It measures
// the clearance on the meshes and returns an error when two links touch.
func BuildChain(p ChainParams) (*Chain, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p = p.withDefaults()
	lp := p.Link.withDefaults()
	tol := lp.Tolerance

	// The pattern of shapes.
	var pattern []*Shape
	if lp.Style == Figaro {
		short, long, err := FigaroShapes(lp)
		if err != nil {
			return nil, err
		}
		pattern = []*Shape{short, short, short, long}
	} else {
		s, err := NewShape(lp)
		if err != nil {
			return nil, err
		}
		pattern = []*Shape{s}
	}
	m := len(pattern)
	if p.Path.closed() && lp.Style != Curb && m%2 == 1 {
		m *= 2 // alternating links close only in even numbers
	}
	at := func(k int) *Shape { return pattern[k%len(pattern)] }
	// gap0(k) is the tight centre distance from link k to link k+1.
	c, d := lp.ClearanceMM, lp.WireMM
	gap0 := func(k int) float64 {
		return at(k).centreLength()/2 + at(k+1).centreLength()/2 - d - c
	}
	ends := at(0).centreLength()/2 + d/2 // tip to centre of an end link

	// How many links: the fewest whose tight length reaches the request.
	minGap := math.Inf(1)
	for k := 0; k < len(pattern); k++ {
		minGap = math.Min(minGap, gap0(k))
	}
	if est := p.LengthMM / minGap; est > MaxLinks {
		return nil, fieldErr("chain.length_mm", p.LengthMM, "needs about %.0f links of this size: at most %d", est, MaxLinks)
	}
	var n int
	var sum float64 // tight length over the joints counted
	if p.Path.closed() {
		for n < m || sum < p.LengthMM || n%m != 0 {
			sum += gap0(n)
			n++
		}
	} else {
		n = 1
		for 2*ends+sum < p.LengthMM || n < 2 {
			sum += gap0(n - 1)
			n++
		}
		ends = at(0).centreLength()/2 + at(n-1).centreLength()/2 + d
	}
	perTri := int64(0)
	for _, s := range pattern {
		perTri = max(perTri, int64(len(s.Mesh.Tris)))
	}
	if err := tol.CheckBudget("chain", perTri*int64(n)); err != nil {
		return nil, fieldErr("chain.length_mm", p.LengthMM, "%d links of %d triangles exceed the triangle budget of %d", n, perTri, tol.Budget())
	}
	joints := n - 1
	if p.Path.closed() {
		joints = n
	}
	// On a curve neighbours meet at an angle and come closer than on a
	// straight line: loosen and measure again (a few rounds at most).
	extra := 0.0
	var ch *Chain
	for round := 0; ; round++ {
		var err error
		ch, err = assemble(p, lp, at, gap0, n, joints, ends, extra)
		if err != nil {
			return nil, err
		}
		g := ch.Clearance.MinGapMM
		pr := ch.Clearance.Pair
		neighbours := pr[1] == pr[0]+1 || ch.Closed && pr[0] == 0 && pr[1] == n-1
		if g >= c || !neighbours || round == 3 {
			break
		}
		extra += c - g + 0.01
		// Keep the length: more links if the loosened ones fall short.
		for {
			sum := 0.0
			for k := 0; k < joints; k++ {
				sum += gap0(k) - extra
			}
			if !p.Path.closed() {
				sum += ends
			}
			if sum >= p.LengthMM {
				break
			}
			n += m
			joints += m
			if n > MaxLinks {
				return nil, fieldErr("chain.length_mm", p.LengthMM, "needs more than %d links", MaxLinks)
			}
		}
	}
	ch.Warnings = ch.Clearance.warnings("link", c)
	return ch, nil
}

// assemble places n links with their joints loosened evenly to meet the
// length (by at least extra mm each) and measures the result.
func assemble(p ChainParams, lp Params, at func(int) *Shape, gap0 func(int) float64, n, joints int, ends, extra float64) (*Chain, error) {
	mat, _ := geom.Metal(metalName(p.Metal))
	sum := 0.0
	for k := 0; k < joints; k++ {
		sum += gap0(k)
	}
	target := p.LengthMM
	if !p.Path.closed() {
		target -= ends
	}
	slack := math.Max(extra, (sum-target)/float64(joints))
	dist := make([]float64, joints)
	for k := range dist {
		dist[k] = gap0(k) - slack
	}
	// Centres and axes.
	centres := make([]geom.Vec3, n)
	axes := make([]geom.Vec3, n)
	if p.Path.closed() {
		centres = placeClosed(p.Path, dist)
		for k := range centres {
			axes[k] = centres[(k+1)%n].Sub(centres[(k+n-1)%n]).Normalize()
		}
	} else {
		x := 0.0
		for k := 0; k < n; k++ {
			centres[k] = geom.Vec3{x, 0, 0}
			axes[k] = geom.Vec3{1, 0, 0}
			if k < joints {
				x += dist[k]
			}
		}
		for k := range centres {
			centres[k][0] -= x / 2
		}
	}
	n0 := p.Path.normal()
	ch := &Chain{Model: &geom.Model{}, Closed: p.Path.closed()}
	rots := make([][3]geom.Vec3, n)
	for k := 0; k < n; k++ {
		u := axes[k]
		mz := n0
		if lp.Style != Curb && k%2 == 1 {
			mz = u.Cross(n0)
		}
		v := mz.Cross(u)
		o := centres[k]
		rots[k] = [3]geom.Vec3{u, v, mz}
		f := func(q geom.Vec3) geom.Vec3 {
			return o.Add(u.Mul(q[0])).Add(v.Mul(q[1])).Add(mz.Mul(q[2]))
		}
		mesh := at(k).Mesh.Clone()
		mesh.Transform(f)
		cl := make([]geom.Vec3, len(at(k).Centerline))
		for i, q := range at(k).Centerline {
			cl[i] = f(q)
		}
		ch.Model.Add(fmt.Sprintf("link-%d", k), mat, mesh)
		ch.Centerlines = append(ch.Centerlines, cl)
	}

	// Measure.
	if p.Path.closed() {
		cs := make([]geom.Vec3, n)
		for k, part := range ch.Model.Parts {
			cs[k] = part.Mesh.Centroid()
		}
		for k := range cs {
			ch.LengthMM += cs[(k+1)%n].Sub(cs[k]).Len()
		}
	} else {
		ch.LengthMM = ch.Model.Bounds().Size()[0]
	}
	meshes := make([]*geom.Mesh, n)
	for k, part := range ch.Model.Parts {
		meshes[k] = part.Mesh
	}
	bodies := make([]body, n)
	for k := range bodies {
		bodies[k] = body{mesh: meshes[k], cl: ch.Centerlines[k], rmax: at(k).rmax, rin: at(k).rin,
			sh: at(k), rot: rots[k], o: centres[k]}
	}
	cl, err := measureClearance(bodies, lp.ClearanceMM)
	if err != nil {
		return nil, err
	}
	ch.Clearance = cl
	return ch, nil
}

// Clearance is the smallest gap between parts.
type Clearance struct {
	// MinGapMM is the smallest distance between the surfaces of two parts
	// that come within the checked distance of each other (+Inf when none
	// does), mm.
	MinGapMM float64
	// Pair is the two parts (indices, first < second) with that gap.
	Pair [2]int
	// Pairs is how many pairs of parts were measured.
	Pairs int
	// Below lists every measured pair whose gap is under the clearance.
	Below [][2]int
}

func (c Clearance) warnings(prefix string, want float64) []string {
	var w []string
	for i, pr := range c.Below {
		if i == 5 {
			w = append(w, fmt.Sprintf("%d more pairs of parts closer than %.2f mm", len(c.Below)-5, want))
			break
		}
		w = append(w, fmt.Sprintf("%s-%d and %s-%d: gap below the %.2f mm print-in-place clearance", prefix, pr[0], prefix, pr[1], want))
	}
	return w
}

// ErrIntersect is wrapped by the error MeasureClearance returns when two
// parts touch or cross.
var ErrIntersect = errors.New("link: parts intersect")

// MeasureClearance measures the gap between every two meshes whose bounding
// boxes come closer than within (mm): boxes are swept along X to find the
// candidates, then the surfaces are measured with geom.MinDistance (both
// BVHs walked together). Pairs with a gap below within are listed in Below.
// It returns an error wrapping ErrIntersect, naming the first pair, when
// two meshes touch or cross.
func MeasureClearance(meshes []*geom.Mesh, within float64) (Clearance, error) {
	bodies := make([]body, len(meshes))
	for i, m := range meshes {
		bodies[i] = body{mesh: m}
	}
	return measureClearance(bodies, within)
}

func errIntersect(pr [2]int) error {
	return fmt.Errorf("%w: parts %d and %d touch or cross", ErrIntersect, pr[0], pr[1])
}

func boxGap(a, b geom.Box) float64 {
	var s float64
	for k := 0; k < 3; k++ {
		if v := a.Min[k] - b.Max[k]; v > 0 {
			s += v * v
		} else if v := b.Min[k] - a.Max[k]; v > 0 {
			s += v * v
		}
	}
	return math.Sqrt(s)
}
