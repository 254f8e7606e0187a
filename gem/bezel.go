package gem

import (
	"fmt"
	"math"
	"slices"

	"github.com/mandrel3d/mandrel/geom"
)

// BezelParams sets up a bezel: a metal wall around the girdle whose lip is
// rubbed over the crown. Zero fields mean the defaults.
type BezelParams struct {
	// WallMM is the wall's thickness outside the girdle, mm, 0.3 to 3;
	// 0 means 0.8 (REFERENCE.md §5: walls ≥ 0.8 mm cast).
	WallMM float64
	// LipPct is how far the lip reaches over the crown, in percent of the
	// stone's width on each side, 2 to 15; 0 means 5 (the lip then covers
	// 10 % of the stone across, REFERENCE.md §6).
	LipPct float64
	// SeatPct is the width of the ledge under the girdle the stone rests
	// on, in percent of the stone's width, 3 to 20; 0 means 8.
	SeatPct float64
	// Cup continues the wall down around the pavilion into a cup that ends
	// CupClearanceMM under the culet, with a light hole of a quarter of the
	// stone's width under it, so that a shank or a [Cathedral] can carry the
	// bezel from below (Head.Base is then set).
	Cup bool
}

// CupClearanceMM is how far a bezel cup's inside stays under the culet, mm.
const CupClearanceMM = 0.15

// Validate reports the first bad field, naming it.
func (p BezelParams) Validate() error {
	for _, f := range []struct {
		name      string
		v, lo, hi float64
	}{{"bezel_wall_mm", p.WallMM, 0.3, 3}, {"bezel_lip_pct", p.LipPct, 2, 15}, {"bezel_seat_pct", p.SeatPct, 3, 20}} {
		if f.v != 0 && !(f.v >= f.lo && f.v <= f.hi) {
			return fieldError(f.name, f.v, fmt.Sprintf("allowed %g to %g (0 = default)", f.lo, f.hi))
		}
	}
	return nil
}

// Bezel builds a bezel head around an already built stone: the stone, a
// "bezel" part and the stone's seat cutter, in the stone's frame. The bezel's
// profile, at every girdle point: a wall of WallMM outside the girdle, a lip
// over the crown whose underside stays above the crown's tangent at the
// girdle edge (so it touches the girdle edge and never cuts the stone), and
// a ledge under the girdle below the pavilion's tangent, on which the stone
// sits. Outlines with sharp points (marquise, pear, heart, trillion) get no
// bezel cup's light hole narrows toward their points (see cupHoles).
func Bezel(g *Geometry, p BezelParams, tol geom.Tolerance) (*Head, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	wall, lipPct, seatPct := p.WallMM, p.LipPct, p.SeatPct
	if wall == 0 {
		wall = 0.8
	}
	if lipPct == 0 {
		lipPct = 5
	}
	if seatPct == 0 {
		seatPct = 8
	}
	lip := lipPct / 100 * g.WidthMM
	seat := seatPct / 100 * g.WidthMM
	n := len(g.Outline)
	if err := tol.CheckBudget("bezel", int64(16*n)); err != nil {
		return nil, err
	}
	holeR := 0.125 * g.WidthMM
	norms := outlineNormals(g.Outline)
	holes := cupHoles(g, norms, holeR)
	if p.Cup && -slices.Min(holes) < 0.15*g.WidthMM {
		return nil, fieldError("setting", "bezel", fmt.Sprintf("prongs for a %s (its outline leaves no room for a bezel cup's light hole)", g.Stone.Cut))
	}
	frames := make([]geom.Frame, 0, n)
	profiles := make([][]geom.Vec2, 0, n)
	// near a pointed corner the lip and the ledge reach in no farther than
	// most of the room there (inscribedRadii), or their inward offsets fold
	thinnest := wall // the wall's least thickness
	var room, roomOut []float64
	if len(g.Corners) > 0 {
		room = inscribedRadii(g.Outline, norms)
		roomOut = touchingRadii(g.Outline, norms, -1)
	}
	// the sweep advances along X × Y = outward × up, clockwise from above
	for j := n - 1; j >= 0; j-- {
		q, nn, k := g.Outline[j], norms[j].n, norms[j].miter
		lipK, seatK := lip*k, seat*k // inward reach of the lip and the ledge
		wallK := wall * k            // outward reach of the wall
		if room != nil {
			lipK, seatK = math.Min(lipK, 0.6*room[j]), math.Min(seatK, 0.6*room[j])
			// and in a notch the wall thins rather than fold
			wallK = math.Min(wallK, math.Max(0.6*roomOut[j], 0.2*wall))
			thinnest = math.Min(thinnest, wallK/k)
		}
		lip, seat, k := lipK/k, seatK/k, k
		in := func(u float64) geom.Vec2 { return q.Add(nn.Mul(-u * k)) }
		zTop, zBot := g.Top[j], g.Bottom[j]
		// steepest rise of the crown and fall of the pavilion inward
		rise, fall := 0.0, 0.0
		for s := 1; s <= 4; s++ {
			u := lip * float64(s) / 4
			c := in(u)
			if z, ok := g.CrownZ(c[0], c[1]); ok {
				rise = math.Max(rise, (z-zTop)/u)
			}
			u = seat * float64(s) / 4
			c = in(u)
			if z, ok := g.PavilionZ(c[0], c[1]); ok {
				fall = math.Max(fall, (zBot-z)/u)
			}
		}
		zUnder := zTop + rise*lip
		zLip := zUnder + 0.5*wall
		zLedge := zBot - fall*seat
		zB := zLedge - wall
		frames = append(frames, geom.Frame{Origin: v3(q, 0), X: geom.Vec3{nn[0], nn[1], 0}, Y: geom.Vec3{0, 0, 1}})
		if !p.Cup {
			profiles = append(profiles, []geom.Vec2{
				{-seat * k, zB}, {wallK, zB}, {wallK, zLip}, {-lip * k, zLip},
				{-lip * k, zUnder}, {0, zTop}, {0, zBot}, {-seat * k, zLedge},
			})
			continue
		}
		// the cup: the inner face runs straight from the ledge to the hole's
		// rim under the culet (both ends lie below the convex pavilion, so
		// the whole face does); the outer face runs parallel, a wall below
		hole := holes[j]
		zc := g.CuletZ - CupClearanceMM
		profiles = append(profiles, []geom.Vec2{
			{hole, zc - wall}, {wallK, zB}, {wallK, zLip}, {-lip * k, zLip},
			{-lip * k, zUnder}, {0, zTop}, {0, zBot}, {-seat * k, zLedge}, {hole, zc},
		})
	}
	m, err := geom.SweepClosed(frames, profiles, tol)
	if err != nil {
		return nil, err
	}
	mat, err := Material(g.Stone.gemName())
	if err != nil {
		return nil, err
	}
	h := &Head{Stone: g}
	h.Parts = append(h.Parts, geom.Part{Name: "stone-0", Material: mat, Mesh: g.Mesh}, geom.Part{Name: "bezel", Mesh: m})
	h.BottomZ = m.Bounds().Min[2]
	if p.Cup {
		// the base loop: the hole's rim grown by a fifth of the wall, a
		// little above the cup's bottom, so it lies between the cup's faces
		zc := g.CuletZ - CupClearanceMM
		for j := range g.Outline {
			q, nn := g.Outline[j], norms[j].n
			u := holes[j] + 0.2*wall
			h.Base = append(h.Base, v3(q.Add(nn.Mul(u)), zc-0.6*wall))
		}
	}
	cut, err := SeatCutter(g, 0.05, tol)
	if err != nil {
		return nil, err
	}
	h.Cutters = append(h.Cutters, cut)
	if wall < MinWallMM {
		h.warnf("bezel: wall %.2f mm thick, below the %.1f mm that casting holds", wall, MinWallMM)
	} else if thinnest < MinWallMM {
		h.warnf("bezel: wall thins to %.2f mm in the %s's notch, below the %.1f mm that casting holds", thinnest, g.Stone.Cut, MinWallMM)
	}
	return h, nil
}

// outlineNormal is the outward normal at an outline point, averaged from
// its two sides, and the miter factor that keeps offsets parallel to them.
type outlineNormal struct {
	n     geom.Vec2
	miter float64
}

func outlineNormals(out []geom.Vec2) []outlineNormal {
	nn := len(out)
	res := make([]outlineNormal, nn)
	for i := range out {
		e1 := out[i].Sub(out[(i+nn-1)%nn]).Normalize()
		e2 := out[(i+1)%nn].Sub(out[i]).Normalize()
		n1 := geom.Vec2{e1[1], -e1[0]}
		n2 := geom.Vec2{e2[1], -e2[0]}
		m := n1.Add(n2).Normalize()
		res[i] = outlineNormal{n: m, miter: 1 / math.Max(m.Dot(n1), 1.0/3)}
	}
	return res
}

// cupHoles returns, for each outline point, how far inward the bezel cup's
// light hole lies (a negative offset along the outward normal, mm). A
// rounded outline gets one distance, cupHole's. At a pointed corner a
// parallel curve has no room, so an outline with corners gets a distance
// per point: at most 0.8 of the radius of the largest circle inside the
// outline that touches it there (it shrinks to nothing at the point, so the
// cup's inner face drops straight down there), at most the uniform bound
// away from the centre, growing from point to point by at most half their
// distance (no zigzag), and cut further while any side of the hole's rim
// would turn over.
func cupHoles(g *Geometry, norms []outlineNormal, holeR float64) []float64 {
	out := g.Outline
	n := len(out)
	h := make([]float64, n)
	if len(g.Corners) == 0 {
		d := cupHole(out, norms, holeR)
		for j := range h {
			h[j] = -d
		}
	} else {
		ins := inscribedRadii(out, norms)
		for j, q := range out {
			h[j] = math.Max(math.Min(q.Dot(norms[j].n)-holeR, 0.8*ins[j]), 0)
		}
		// and grows no faster than half the distance along the outline,
		// so the rim (and the base loop beside it) has no radial zigzag
		for changed, pass := true, 0; changed && pass < 2*n; pass++ {
			changed = false
			for j := range out {
				for _, i := range []int{(j + n - 1) % n, (j + 1) % n} {
					if lim := h[i] + 0.5*out[j].Sub(out[i]).Len(); h[j] > lim {
						h[j], changed = lim, true
					}
				}
			}
		}
		for pass := 0; pass < 50; pass++ {
			turned := false
			for j := range out {
				j1 := (j + 1) % n
				a := out[j].Sub(norms[j].n.Mul(h[j]))
				b := out[j1].Sub(norms[j1].n.Mul(h[j1]))
				if b.Sub(a).Dot(out[j1].Sub(out[j])) <= 0 {
					h[j], h[j1] = 0.8*h[j], 0.8*h[j1]
					turned = true
				}
			}
			if !turned {
				break
			}
		}
	}
	for j := range h {
		h[j] = -h[j]
	}
	return h
}

// inscribedRadii returns, for each outline point, the radius of the
// largest circle inside the outline that touches it there (centred on
// q − r·n, through no other outline point): r = min |p − q|² / (2 (q − p)·n).
// It shrinks to nothing at a pointed corner.
func inscribedRadii(out []geom.Vec2, norms []outlineNormal) []float64 {
	return touchingRadii(out, norms, 1)
}

// touchingRadii is inscribedRadii for side = 1, and for side = −1 the same
// outside the outline (it shrinks to nothing in a heart's notch).
func touchingRadii(out []geom.Vec2, norms []outlineNormal, side float64) []float64 {
	r := make([]float64, len(out))
	for j, q := range out {
		nj := norms[j].n.Mul(side)
		best := math.Inf(1)
		for i, p := range out {
			if i == j {
				continue
			}
			qp := q.Sub(p)
			if den := 2 * qp.Dot(nj); den > 1e-12 {
				best = math.Min(best, qp.Dot(qp)/den)
			}
		}
		r[j] = best
	}
	return r
}

// cupHole returns how far inward (as a negative offset along the outward
// normals, mm) the light hole's rim lies from the outline: one distance for
// every outline point, so the rim is a parallel curve of the outline, at
// most 0.8 of the outline's least radius of curvature (a parallel curve
// within it never folds) and leaving at least holeR to the centre.
func cupHole(out []geom.Vec2, norms []outlineNormal, holeR float64) float64 {
	n := len(out)
	d := math.Inf(1)
	for j, q := range out {
		d = math.Min(d, q.Dot(norms[j].n)-holeR)
		a, b := out[(j+n-1)%n], out[(j+1)%n]
		ab, aq, qb := b.Sub(a).Len(), q.Sub(a).Len(), b.Sub(q).Len()
		cross := math.Abs((q[0]-a[0])*(b[1]-a[1]) - (q[1]-a[1])*(b[0]-a[0]))
		if cross > 1e-12 {
			d = math.Min(d, 0.8*ab*aq*qb/(2*cross))
		}
		// and no side turns over: moved in by u along the two ends'
		// normals, side q→b keeps its direction while u stays under
		// |b − q|² / ((n_b − n_q)·(b − q)) (an emerald's short corner
		// sides go first)
		j1 := (j + 1) % n
		side := out[j1].Sub(q)
		if den := norms[j1].n.Sub(norms[j].n).Dot(side); den > 1e-12 {
			d = math.Min(d, 0.8*side.Dot(side)/den)
		}
	}
	return -math.Max(d, 0)
}
