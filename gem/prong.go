package gem

import (
	"fmt"
	"math"
	"strings"

	"github.com/mandrel3d/mandrel/geom"
)

// ProngStyle is the shape of a prong's tip.
type ProngStyle string

// Prong styles.
const (
	RoundProng ProngStyle = "round" // a rod with a domed tip
	ClawProng  ProngStyle = "claw"  // a rod with a pointed tip
)

// Casting limits of REFERENCE.md §5, used for warnings.
const (
	MinProngMM   = 0.6 // thinnest prong that casts reliably, mm
	MinWallMM    = 0.8 // thinnest wall (bezel, rails), mm
	MinStoneGap  = 0.1 // closest two stones may sit, mm
	DefaultGapMM = 0.2 // JewelCraft's default spacing between stones, mm
)

// ProngParams sets up a prong head. Zero fields mean the defaults.
type ProngParams struct {
	// Count is the number of prongs, 3 to 8; 0 means 4 (3 for a heart or a
	// trillion, 6 for a marquise). Pointed corners always get a V-prong and
	// count toward it.
	Count int
	// Style is RoundProng (default) or ClawProng.
	Style ProngStyle
	// DiameterMM is the prongs' diameter in mm, 0.3 to 3; 0 means the
	// JewelCraft rule on the stone's width (REFERENCE.md §6): 0.8 mm from a
	// 2.5 mm stone up, 0.7 from 1.7, 0.6 from 1.5, 0.5 from 1.2, 0.4 from
	// 1.0, 0.4 × the width below.
	DiameterMM float64
	// LeanPct is how far the tips reach over the crown, in percent of the
	// stone's width, 3 to 25; 0 means 10 (REFERENCE.md §5: prongs extend
	// 10 % past the stone).
	LeanPct float64
	// BelowCuletMM is how far the head reaches below the culet, mm, 0 to 5;
	// 0 means 0.5 (the basket's bottom rail sits there).
	BelowCuletMM float64
}

// ProngDiameter returns the JewelCraft prong diameter (mm) for a stone of
// the given width (mm).
func ProngDiameter(widthMM float64) float64 {
	switch {
	case widthMM >= 2.5:
		return 0.8
	case widthMM >= 1.7:
		return 0.7
	case widthMM >= 1.5:
		return 0.6
	case widthMM >= 1.2:
		return 0.5
	case widthMM >= 1.0:
		return 0.4
	}
	return 0.4 * widthMM
}

// resolved returns the parameters with defaults for the stone.
func (p ProngParams) resolved(g *Geometry) ProngParams {
	if p.Count == 0 {
		switch g.Stone.Cut {
		case Heart, Trillion:
			p.Count = 3
		case Marquise:
			p.Count = 6
		default:
			p.Count = 4
		}
		if p.Count < len(g.Corners) {
			p.Count = len(g.Corners)
		}
	}
	if p.Style == "" {
		p.Style = RoundProng
	}
	if p.DiameterMM == 0 {
		p.DiameterMM = ProngDiameter(g.WidthMM)
	}
	if p.LeanPct == 0 {
		p.LeanPct = 10
	}
	if p.BelowCuletMM == 0 {
		p.BelowCuletMM = 0.5
	}
	return p
}

// Validate reports every bad field, naming it.
func (p ProngParams) Validate() error {
	var errs []string
	if p.Count != 0 && (p.Count < 3 || p.Count > 8) {
		errs = append(errs, fmt.Sprintf("prongs %d: allowed 3 to 8 (0 = default)", p.Count))
	}
	if p.Style != "" && p.Style != RoundProng && p.Style != ClawProng {
		errs = append(errs, fmt.Sprintf("prong_style %q: allowed round, claw", string(p.Style)))
	}
	chk := func(name string, v, lo, hi float64) {
		if v != 0 && !(v >= lo && v <= hi) {
			errs = append(errs, fmt.Sprintf("%s %g: allowed %g to %g (0 = default)", name, v, lo, hi))
		}
	}
	chk("prong_diameter_mm", p.DiameterMM, 0.3, 3)
	chk("prong_lean_pct", p.LeanPct, 3, 25)
	chk("below_culet_mm", p.BelowCuletMM, 0, 5)
	if len(errs) > 0 {
		return fmt.Errorf("%w: %s", ErrInvalid, strings.Join(errs, "; "))
	}
	return nil
}

// outlineAt returns the point at arc length s along the girdle outline, the
// outward horizontal normal there and the girdle's top height there.
func (g *Geometry) outlineAt(s float64) (p, n geom.Vec2, top float64) {
	out := g.Outline
	n0 := len(out)
	for k := 0; k < 2*n0; k++ {
		i := k % n0
		a, b := out[i], out[(i+1)%n0]
		l := b.Sub(a).Len()
		if l > 0 && (s <= l || k == 2*n0-1) {
			f := math.Min(s/l, 1)
			e := b.Sub(a).Mul(1 / l)
			return a.Add(e.Mul(s)), geom.Vec2{e[1], -e[0]}, g.Top[i] + f*(g.Top[(i+1)%n0]-g.Top[i])
		}
		s -= l
	}
	return out[0], geom.Vec2{1, 0}, g.Top[0]
}

// arcLengths returns the cumulative arc length at each outline point and the
// perimeter.
func arcLengths(out []geom.Vec2) ([]float64, float64) {
	cum := make([]float64, len(out))
	var s float64
	for i := range out {
		cum[i] = s
		s += out[(i+1)%len(out)].Sub(out[i]).Len()
	}
	return cum, s
}

// prongSpots returns the arc-length positions of the prongs: every pointed
// corner first, then the rest spread into the largest gaps; with no corners,
// evenly, the first half a step past +X.
func prongSpots(g *Geometry, count int) []float64 {
	cum, per := arcLengths(g.Outline)
	if len(g.Corners) == 0 {
		s := make([]float64, count)
		for i := range s {
			s[i] = (float64(i) + 0.5) * per / float64(count)
		}
		return s
	}
	type gap struct {
		start, length float64
		n             int // prongs placed inside
	}
	var gaps []gap
	for i, c := range g.Corners {
		next := cum[g.Corners[(i+1)%len(g.Corners)]]
		l := next - cum[c]
		if l <= 0 {
			l += per
		}
		gaps = append(gaps, gap{start: cum[c], length: l})
	}
	for k := len(g.Corners); k < count; k++ {
		best := 0
		for i := range gaps {
			if gaps[i].length/float64(gaps[i].n+1) > gaps[best].length/float64(gaps[best].n+1) {
				best = i
			}
		}
		gaps[best].n++
	}
	var spots []float64
	for _, gp := range gaps {
		spots = append(spots, gp.start)
		for j := 1; j <= gp.n; j++ {
			spots = append(spots, math.Mod(gp.start+gp.length*float64(j)/float64(gp.n+1), per))
		}
	}
	return spots
}

// roundProng builds a rod prong at outline point p with outward normal n:
// straight down the girdle from just above it to the base, around the
// girdle's top edge, and over the crown to the tip, its axis everywhere at
// least r from the stone and touching the girdle and the crown.
func roundProng(g *Geometry, boxes *triBoxes, p, n geom.Vec2, zTop, zBase, r, lean float64, pointed bool, tol geom.Tolerance) (*geom.Mesh, error) {
	N := geom.Vec3{n[0], n[1], 0}
	A := geom.Vec3{p[0], p[1], zTop}
	path := []geom.Vec3{A.Add(N.Mul(r)).Sub(geom.Vec3{0, 0, zTop - zBase})}
	path = append(path, A.Add(N.Mul(r)))
	// lift moves a point up until it is at least r from the stone; only the
	// triangles near the prong can be that close
	near := boxes.near(A, lean+4*r)
	lift := func(c geom.Vec3) geom.Vec3 {
		d := near.dist(c)
		rate := 0.75 // how fast the distance grows with height (secant)
		for it := 0; it < 30 && d < r-1e-4; it++ {
			dz := (r - d) / rate * 1.02
			c[2] += dz
			d2 := near.dist(c)
			rate = math.Min(math.Max((d2-d)/dz, 0.2), 1)
			d = d2
		}
		return c
	}
	// points over the crown
	const steps = 4
	var over []geom.Vec3
	for k := 1; k <= steps; k++ {
		s := lean * float64(k) / steps
		q := p.Sub(n.Mul(s))
		z, ok := g.CrownZ(q[0], q[1])
		if !ok {
			return nil, fmt.Errorf("%w: prong_lean_pct reaches past the stone's outline", ErrInvalid)
		}
		over = append(over, lift(geom.Vec3{q[0], q[1], z + r}))
	}
	// around the girdle's top edge: an arc of radius 2r (so the rod's inner
	// side bends with radius r and never pinches) centred r inside the edge,
	// from the girdle side toward the first crown point, lifted clear
	Ai := A.Sub(N.Mul(r))
	end := over[0].Sub(Ai)
	phi := math.Atan2(end[2], end.Dot(N))
	arcN := int(math.Ceil(phi / (15 * math.Pi / 180)))
	for k := 1; k < arcN; k++ {
		a := phi * float64(k) / float64(arcN)
		q := lift(Ai.Add(N.Mul(2 * r * math.Cos(a))).Add(geom.Vec3{0, 0, 2 * r * math.Sin(a)}))
		if q.Sub(Ai).Len() > over[0].Sub(Ai).Len() {
			break
		}
		path = append(path, q)
	}
	path = append(path, over...)
	return tube(path, r, pointed, tol)
}

// vProng builds a V-prong hugging the pointed corner at outline index ci: a
// chevron of wall thickness t whose inner faces lie on the girdle's two
// sides, rising from zBase past the girdle and folding over the crown by
// lean at a height that clears it.
func vProng(g *Geometry, ci int, zBase, t, lean float64) (*geom.Mesh, error) {
	out := g.Outline
	nn := len(out)
	P := out[ci]
	e1 := out[(ci+nn-1)%nn].Sub(P).Normalize() // toward the previous point
	e2 := out[(ci+1)%nn].Sub(P).Normalize()    // toward the next point
	arm := 1.5 * t
	// outward normals of the two sides (the outline runs counter-clockwise)
	n1 := geom.Vec2{e1[1], -e1[0]}.Mul(-1) // side from prev to P
	n2 := geom.Vec2{e2[1], -e2[0]}
	bis := n1.Add(n2).Normalize()
	miter := t / math.Max(bis.Dot(n1), 0.2)
	inner := []geom.Vec2{P.Add(e1.Mul(arm)), P, P.Add(e2.Mul(arm))}
	outer := []geom.Vec2{P.Add(e1.Mul(arm)).Add(n1.Mul(t)), P.Add(bis.Mul(miter)), P.Add(e2.Mul(arm)).Add(n2.Mul(t))}
	// the ring runs counter-clockwise from above: inner from the next side
	// back to the previous, then outer forward.
	ring := func(in []geom.Vec2, z float64) []geom.Vec3 {
		return []geom.Vec3{v3(in[2], z), v3(in[1], z), v3(in[0], z), v3(outer[0], z), v3(outer[1], z), v3(outer[2], z)}
	}
	zTop := g.Top[ci]
	// the fold's inner edge, moved in along the corner's bisector and sides;
	// at a sharp corner (a trillion's 60°) a side's point moved by the full
	// lean would cross the bisector and turn the chevron inside out, so the
	// lean stops at 80 % of the way there
	for _, sd := range [][2]geom.Vec2{{e1, n1}, {e2, n2}} {
		e, nn := sd[0], sd[1]
		u := e.Sub(bis.Mul(e.Dot(bis))).Normalize() // across the bisector, toward this side
		if toward := nn.Dot(u); toward > 0 {
			lean = math.Min(lean, 0.8*arm*e.Dot(u)/toward)
		}
	}
	fold := []geom.Vec2{inner[0].Sub(n1.Mul(lean)), P.Sub(bis.Mul(lean / math.Max(bis.Dot(n1), 0.2))), inner[2].Sub(n2.Mul(lean))}
	// the fold sits above the crown's tangent at the girdle edge, so no face
	// between the girdle edge and the fold cuts into the stone
	zFold := zTop
	for j, f := range fold {
		for k := 1; k <= 4; k++ {
			q := inner[j].Add(f.Sub(inner[j]).Mul(float64(k) / 4))
			z, ok := g.CrownZ(q[0], q[1])
			if !ok {
				if j == 1 { // across the corner, through the stone
					return nil, fmt.Errorf("%w: prong_lean_pct reaches past the stone's outline at a corner", ErrInvalid)
				}
				// an arm runs straight on past a curved side's first
				// point, outside the stone: no crown there to clear
				continue
			}
			zFold = math.Max(zFold, zTop+(z-zTop)*4/float64(k))
		}
	}
	rings := [][]geom.Vec3{ring(inner, zBase), ring(inner, zTop), ring(fold, zFold), ring(fold, zFold+0.6*t)}
	m := loft(rings, chevronCap)
	if m.Volume() < 0 {
		m.Flip()
	}
	return m, nil
}

// chevronCap caps a six-point chevron ring (three inner points, three outer)
// with two quads.
func chevronCap(m *geom.Mesh, id []uint32, down bool) {
	if down {
		m.AddQuad(id[0], id[5], id[4], id[1])
		m.AddQuad(id[1], id[4], id[3], id[2])
		return
	}
	m.AddQuad(id[0], id[1], id[4], id[5])
	m.AddQuad(id[1], id[2], id[3], id[4])
}
