package link

import (
	"errors"
	"fmt"
	"math"
	"strings"

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
	// EndRings adds a round jump ring interlocked with each end of an
	// open (Straight) chain: parts "end-ring-0" and "end-ring-1".
	EndRings bool
	// Clasp fastens an open chain; any clasp brings the end rings, and
	// hangs on end-ring-1 as part "clasp". The length includes them.
	Clasp Clasp
}

// Chain is a built chain with its measured figures.
type Chain struct {
	// Model holds the parts in chain order: "end-ring-0" when there are
	// end rings, the links "link-0", "link-1", … along the path, then
	// "end-ring-1" and "clasp" when present.
	Model *geom.Model
	// Centerlines are the parts' wire centrelines as placed, in part
	// order, mm.
	Centerlines [][]geom.Vec3
	// Links is the number of links (not counting end rings and clasp).
	Links int
	// WeightG is the metal's weight of all parts, g.
	WeightG float64
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

	names []string
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
	if _, err := ParseClasp(string(p.Clasp)); err != nil {
		errs = append(errs, err)
	}
	if p.Path.closed() && p.EndRings {
		errs = append(errs, fieldErr("chain.end_rings", true, "only an open (straight) chain has ends; chain.path is %s", p.Path))
	}
	if p.Path.closed() && p.Clasp != ClaspNone {
		errs = append(errs, fieldErr("chain.clasp", p.Clasp, "only an open (straight) chain has ends; chain.path is %s", p.Path))
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
// needs, the spacing then loosened evenly to meet the length. The spacing
// is first set from the wires' centrelines (no meshes), then the meshes are
// built once and their clearance measured; it returns an error when two
// parts touch.
func BuildChain(p ChainParams) (*Chain, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p = p.withDefaults()
	lp := p.Link.withDefaults()
	tol := lp.Tolerance
	c := lp.ClearanceMM

	// Refuse absurd lengths before any mesh: the tight centre distance of
	// two links is at least their inner length minus the clearance.
	tightest := lp.InnerLengthMM - c
	if est := p.LengthMM / tightest; est > MaxLinks {
		return nil, fieldErr("chain.length_mm", p.LengthMM, "needs about %.0f links of this size: at most %d", est, MaxLinks)
	}

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
	var ends endParts
	if p.EndRings || p.Clasp != ClaspNone {
		var err error
		if ends, err = newEndParts(p, lp); err != nil {
			return nil, err
		}
	}
	m := len(pattern)
	if p.Path.closed() && lp.Style != Curb && m%2 == 1 {
		m *= 2 // alternating links close only in even numbers
	}
	at := func(k int) *Shape { return pattern[k%len(pattern)] }
	gapOf := func(a, b *Shape) float64 {
		return a.centreLength()/2 + b.centreLength()/2 - (a.WireMM+b.WireMM)/2 - c
	}
	if lmin := minChainLength(p, ends, at, gapOf, m); p.LengthMM < lmin {
		return nil, tooShort(p, lmin)
	}

	// How many links: the fewest whose tight length reaches the request.
	var n int
	var sum float64 // tight length over the links' joints counted
	if p.Path.closed() {
		for n < m || sum < p.LengthMM || n%m != 0 {
			sum += gapOf(at(n), at(n+1))
			n++
		}
	} else {
		n = 1
		for sum+ends.tight(at(0), at(n-1), gapOf) < p.LengthMM || n < 2 {
			sum += gapOf(at(n-1), at(n))
			n++
		}
	}
	perTri := int64(0)
	for _, s := range pattern {
		perTri = max(perTri, int64(len(s.Mesh.Tris)))
	}
	if err := tol.CheckBudget("chain", perTri*int64(n)); err != nil {
		return nil, fieldErr("chain.length_mm", p.LengthMM, "%d links of %d triangles exceed the triangle budget of %d", n, perTri, tol.Budget())
	}
	// On a curve neighbours meet at an angle and come closer than on a
	// straight line: loosen by the shortfall, first as the centrelines
	// show it, then as the meshes measure it (a few rounds at most).
	extra := 0.0
	var pl *placement
	bestPl, bestG := (*placement)(nil), math.Inf(-1)
	g2lim := c // the next but one may come no closer than this
	for round := 0; ; round++ {
		var err error
		if pl, n, err = placeFit(p, lp, ends, at, gapOf, n, m, extra); err != nil {
			return nil, err
		}
		g, g2 := pl.estimate()
		if round == 0 {
			g2lim = math.Min(c, g2) // end parts may start closer
		}
		if v := math.Min(g, g2-g2lim+c); v > bestG {
			bestPl, bestG = pl, v
		}
		// Stop when neighbours clear, when loosening has brought the next
		// but one too close, or after a few rounds; keep the best.
		if g >= c || round > 0 && g2 < g2lim || round == 8 {
			break
		}
		extra = pl.slack + c - g + 1e-4
	}
	pl = bestPl
	if pl == nil {
		return nil, unspaceable(p)
	}
	var best *Chain
	for round := 0; ; round++ {
		ch, err := pl.build(p, lp)
		if err != nil {
			if best != nil && errors.Is(err, ErrIntersect) {
				return best, nil
			}
			if errors.Is(err, ErrIntersect) {
				return nil, fmt.Errorf("%w (%w)", unspaceable(p), err)
			}
			return nil, err
		}
		ch.Warnings = ch.Clearance.warnings(ch.names, c)
		g, pr := ch.Clearance.MinGapMM, ch.Clearance.Pair
		neighbours := pr[1] == pr[0]+1 || ch.Closed && pr[0] == 0 && pr[1] == len(pl.seq)-1
		if g >= c || !neighbours || round == 2 {
			return ch, nil
		}
		best = ch
		extra = pl.slack + c - g + 0.001
		if pl, n, err = placeFit(p, lp, ends, at, gapOf, n, m, extra); err != nil {
			return nil, err
		}
	}
}

// Fewest links a chain is built with: a closed chain of fewer bends so
// sharply that a link reaches its next but one, and an open chain of fewer
// is a charm, not a chain.
const (
	MinClosedLinks   = 16
	MinStraightLinks = 3
)

// minChainLength returns the shortest length, mm, that BuildChain builds
// for the pattern: MinClosedLinks links (a whole number of patterns) for a
// closed path; MinStraightLinks links and the end parts, tip to tip, for an
// open one; their joints 5 % short of tight (the fit loosens the joints
// from tight, so a chain exactly tight would take more links pushed
// together), rounded down to 0.1 mm.
func minChainLength(p ChainParams, ends endParts, at func(int) *Shape, gapOf func(a, b *Shape) float64, m int) float64 {
	var sum float64
	if p.Path.closed() {
		n := (MinClosedLinks + m - 1) / m * m
		for k := 0; k < n; k++ {
			sum += 0.95 * gapOf(at(k), at(k+1))
		}
		return math.Floor(sum*10) / 10
	}
	for k := 1; k < MinStraightLinks; k++ {
		sum += 0.95 * gapOf(at(k-1), at(k))
	}
	return math.Floor((sum+ends.tight(at(0), at(MinStraightLinks-1), gapOf))*10) / 10
}

// tooShort is the error for a chain shorter than minChainLength.
func tooShort(p ChainParams, lmin float64) error {
	if p.Path.closed() {
		return fieldErr("chain.length_mm", p.LengthMM, "at least %.1f mm for a closed (%s) chain of these links: %d links or more, or shorter links (chain.link_length_mm)", lmin, p.Path, MinClosedLinks)
	}
	return fieldErr("chain.length_mm", p.LengthMM, "at least %.1f mm tip to tip for an open chain of these links and ends: %d links or more, or shorter links (chain.link_length_mm)", lmin, MinStraightLinks)
}

// unspaceable is the error for a length whose links cannot be spaced
// without touching.
func unspaceable(p ChainParams) error {
	return fieldErr("chain.length_mm", p.LengthMM, "the links cannot be spaced to this length without touching: try another length or a larger chain.clearance_mm")
}

// placement is a chain's parts placed: the shape of each, its rotation
// (columns: where the shape's X, Y and Z go) and centre, and the placed
// centrelines; names are the parts' names.
type placement struct {
	seq     []*Shape
	names   []string
	rots    [][3]geom.Vec3
	centres []geom.Vec3
	cls     [][]geom.Vec3
	closed  bool
	c       float64
	// slack is how much every joint was loosened from the tightest, mm.
	slack float64
}

// placeFit places the chain with n links (more, m at a time, when the
// joints loosened by extra fall short of the length); it returns the
// placement and the number of links.
func placeFit(p ChainParams, lp Params, ends endParts, at func(int) *Shape, gapOf func(a, b *Shape) float64, n, m int, extra float64) (*placement, int, error) {
	for {
		seq, names := ends.sequence(at, n)
		joints := len(seq) - 1
		if p.Path.closed() {
			joints = len(seq)
		}
		gap0 := make([]float64, joints)
		sum, gmin := 0.0, math.Inf(1)
		for k := range gap0 {
			gap0[k] = gapOf(seq[k], seq[(k+1)%len(seq)])
			sum += gap0[k]
			gmin = math.Min(gmin, gap0[k])
		}
		target := p.LengthMM
		if !p.Path.closed() {
			first, last := seq[0], seq[len(seq)-1]
			target -= first.centreLength()/2 + first.WireMM/2 + last.centreLength()/2 + last.WireMM/2
		}
		// Every joint is loosened in proportion to its tight distance (a
		// figaro's long links take more), the tightest by at least extra.
		if extra >= gmin {
			// No number of links helps: the joints cannot loosen that far.
			return nil, 0, unspaceable(p)
		}
		if sum*(1-extra/gmin) < target {
			n += m
			if n > MaxLinks {
				return nil, 0, fieldErr("chain.length_mm", p.LengthMM, "needs more than %d links", MaxLinks)
			}
			continue
		}
		f := math.Max(extra/gmin, (sum-target)/sum)
		dist := make([]float64, joints)
		for k := range dist {
			dist[k] = gap0[k] * (1 - f)
		}
		slack := f * gmin
		pl := place(p, lp, seq, names, dist)
		pl.slack = slack
		return pl, n, nil
	}
}

// place puts the parts' centres dist apart along the path, alternating
// their planes (a curb's all lie in the path's plane, twisted at the ends).
func place(p ChainParams, lp Params, seq []*Shape, names []string, dist []float64) *placement {
	n := len(seq)
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
			if k < len(dist) {
				x += dist[k]
			}
		}
		for k := range centres {
			centres[k][0] -= x / 2
		}
	}
	n0 := p.Path.normal()
	pl := &placement{seq: seq, names: names, centres: centres, closed: p.Path.closed(), c: lp.ClearanceMM,
		rots: make([][3]geom.Vec3, n), cls: make([][]geom.Vec3, n)}
	for k := 0; k < n; k++ {
		u := axes[k]
		mz := n0
		switch {
		case lp.Style == Curb && seq[k].Style != Curb:
			// An end ring meets a curb link's end turned by CurbTwistDeg:
			// at right angles to it.
			a := (90 - CurbTwistDeg) * math.Pi / 180
			if names[k] == "end-ring-1" {
				a = -a
			}
			s, co := math.Sincos(a)
			side := u.Cross(n0)
			mz = n0.Mul(co).Add(side.Mul(s))
		case lp.Style != Curb && k%2 == 1:
			mz = u.Cross(n0)
		}
		v := mz.Cross(u)
		pl.rots[k] = [3]geom.Vec3{u, v, mz}
		f := pl.mapOf(k)
		cl := make([]geom.Vec3, len(seq[k].Centerline))
		for i, q := range seq[k].Centerline {
			cl[i] = f(q)
		}
		pl.cls[k] = cl
	}
	return pl
}

func (pl *placement) mapOf(k int) func(geom.Vec3) geom.Vec3 {
	o, r := pl.centres[k], pl.rots[k]
	return func(q geom.Vec3) geom.Vec3 {
		return o.Add(r[0].Mul(q[0])).Add(r[1].Mul(q[1])).Add(r[2].Mul(q[2]))
	}
}

// estimate returns the smallest gap between neighbours' wires, and
// between next-but-one parts', as their centrelines give it: centreline
// distance minus both wires' surface radii (the half side for a box link's
// square wire, which meets its neighbours flat face to flat face).
func (pl *placement) estimate() (g, g2 float64) {
	g, g2 = math.Inf(1), math.Inf(1)
	n := len(pl.seq)
	r := func(s *Shape) float64 {
		if s.Style == Box {
			return s.WireMM / 2
		}
		return s.rmax
	}
	boxes := make([][]geom.Box, n)
	for k := range boxes {
		boxes[k] = segBoxes(pl.cls[k])
	}
	for step := 1; step <= 2; step++ {
		for k := 0; k < n; k++ {
			j := k + step
			if j >= n {
				if !pl.closed || n <= 2*step {
					break
				}
				j -= n
			}
			d := centreDist(pl.cls[k], pl.cls[j], boxes[k], boxes[j]) - r(pl.seq[k]) - r(pl.seq[j])
			if step == 1 {
				g = math.Min(g, d)
			} else {
				g2 = math.Min(g2, d)
			}
		}
	}
	return g, g2
}

// build makes the meshes and measures the chain.
func (pl *placement) build(p ChainParams, lp Params) (*Chain, error) {
	mat, _ := geom.Metal(metalName(p.Metal))
	n := len(pl.seq)
	ch := &Chain{Model: &geom.Model{}, Closed: pl.closed, Centerlines: pl.cls, names: pl.names}
	bodies := make([]body, n)
	for k, s := range pl.seq {
		mesh := s.Mesh.Clone()
		mesh.Transform(pl.mapOf(k))
		ch.Model.Add(pl.names[k], mat, mesh)
		bodies[k] = body{mesh: mesh, cl: pl.cls[k], rmax: s.rmax, rin: s.rin, sh: s, rot: pl.rots[k], o: pl.centres[k]}
		ch.WeightG += mat.WeightG(s.volume)
		if strings.HasPrefix(pl.names[k], "link-") {
			ch.Links++
		}
	}
	if pl.closed {
		cs := make([]geom.Vec3, n)
		for k, s := range pl.seq {
			cs[k] = pl.mapOf(k)(s.centroid)
		}
		for k := range cs {
			ch.LengthMM += cs[(k+1)%n].Sub(cs[k]).Len()
		}
	} else {
		ch.LengthMM = ch.Model.Bounds().Size()[0]
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

func (c Clearance) warnings(names []string, want float64) []string {
	var w []string
	for i, pr := range c.Below {
		if i == 5 {
			w = append(w, fmt.Sprintf("%d more pairs of parts closer than %.2f mm", len(c.Below)-5, want))
			break
		}
		w = append(w, fmt.Sprintf("%s and %s: gap below the %.2f mm print-in-place clearance", names[pr[0]], names[pr[1]], want))
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
