package geom

import (
	"math"
)

// MaxTubeTurnDeg is the sharpest turn, in degrees, a tube's path may make at
// one point. The cross-section at a corner is the mitre of the two straight
// pieces, stretched by 1/cos(turn/2) across the bend (2.6× at 135°).
const MaxTubeTurnDeg = 135

// Tube sweeps a circle of the given radius (mm) along a polyline path (mm):
// wire for chain links, bails and prongs. The cross-section follows
// rotation-minimizing frames (the double reflection method of Wang, Jüttler,
// Zheng and Liu, "Computation of rotation minimizing frames", ACM TOG 2008),
// so the wire does not twist; on a closed path the frames' holonomy (the
// angle by which they come back rotated) is spread evenly along the path so
// the tube closes without a kink. At each path point the circle lies in the
// plane halving the turn, mitred as the junction of two straight cylinders;
// the number of segments around follows the tolerance at radius. An open
// path is capped flat at both ends. Repeated path points are dropped; a
// closed path does not repeat its first point at the end.
//
// The path's own chord error adds to the tube's: sample a curved centreline
// by the tolerance at its radius of curvature plus the wire radius (as
// EllipsePath and StadiumPath do). Corners may turn by at most
// MaxTubeTurnDeg, and the pieces next to a sharp corner must be longer than
// the stretched radius, or the wire folds into itself.
func Tube(path []Vec3, closed bool, radius float64, tol Tolerance) (*Mesh, error) {
	if !(radius > 0) || math.IsInf(radius, 0) {
		return nil, invalidf("tube radius %g mm: must be positive and finite", radius)
	}
	if err := tol.Validate(); err != nil {
		return nil, err
	}
	for i, p := range path {
		if !finite(p) {
			return nil, invalidf("tube path point %d is not finite", i)
		}
	}
	pts := cleanPath(path, closed, radius)
	np := len(pts)
	if closed && np < 3 {
		return nil, invalidf("closed tube path needs at least 3 distinct points, got %d", np)
	}
	if !closed && np < 2 {
		return nil, invalidf("open tube path needs at least 2 distinct points, got %d", np)
	}
	k := tol.Segments(radius, 2*math.Pi)
	if k < 3 {
		k = 3
	}
	caps := int64(0)
	if !closed {
		caps = 2 * int64(k-2)
	}
	if err := tol.CheckBudget("tube", 2*int64(np)*int64(k)+caps); err != nil {
		return nil, err
	}

	// Segment directions and the tangent (turn bisector) at each point.
	nseg := np - 1
	if closed {
		nseg = np
	}
	dir := make([]Vec3, nseg)
	for i := range dir {
		dir[i] = unit(pts[(i+1)%np].Sub(pts[i]))
	}
	tan := make([]Vec3, np)
	bend := make([]Vec3, np)     // unit vector across the bend (zero if straight)
	scale := make([]float64, np) // stretch of the section along bend
	cosMax := math.Cos(MaxTubeTurnDeg * math.Pi / 180)
	for i := range pts {
		var din, dout Vec3
		switch {
		case !closed && i == 0:
			din, dout = dir[0], dir[0]
		case !closed && i == np-1:
			din, dout = dir[nseg-1], dir[nseg-1]
		default:
			din, dout = dir[(i-1+nseg)%nseg], dir[i%nseg]
		}
		if din.Dot(dout) < cosMax {
			turn := math.Acos(math.Max(-1, math.Min(1, din.Dot(dout)))) * 180 / math.Pi
			return nil, invalidf("tube path turns by %.1f° at point %d: at most %d° allowed", turn, i, MaxTubeTurnDeg)
		}
		sum := din.Add(dout)
		tan[i] = unit(sum)
		scale[i] = 1
		if d := dout.Sub(din); d.Len() > 1e-12 {
			bend[i] = unit(d)
			scale[i] = 2 / sum.Len() // 1 / cos(turn/2)
		}
	}

	// Rotation-minimizing reference vectors by double reflection.
	ref := make([]Vec3, np+1)
	ref[0] = perpendicular(tan[0])
	reflect := func(i, j int, r Vec3, xi, xj Vec3) Vec3 {
		v1 := xj.Sub(xi)
		c1 := v1.Dot(v1)
		rl := r.Sub(v1.Mul(2 / c1 * v1.Dot(r)))
		tl := tan[i].Sub(v1.Mul(2 / c1 * v1.Dot(tan[i])))
		v2 := tan[j].Sub(tl)
		c2 := v2.Dot(v2)
		if c2 > 1e-300 {
			rl = rl.Sub(v2.Mul(2 / c2 * v2.Dot(rl)))
		}
		// Re-orthonormalize against the tangent to stop drift.
		return unit(rl.Sub(tan[j].Mul(rl.Dot(tan[j]))))
	}
	for i := 0; i+1 < np; i++ {
		ref[i+1] = reflect(i, i+1, ref[i], pts[i], pts[i+1])
	}
	if closed {
		// Once more around to point 0: the frame comes back rotated by the
		// holonomy angle; undo it a fraction at each point.
		back := reflect(np-1, 0, ref[np-1], pts[np-1], pts[0])
		alpha := math.Atan2(back.Cross(ref[0]).Dot(tan[0]), back.Dot(ref[0]))
		for i := 1; i < np; i++ {
			ref[i] = rotateAbout(ref[i], tan[i], alpha*float64(i)/float64(np))
		}
	}

	frames := make([]Frame, np)
	profiles := make([][]Vec2, np)
	for i, p := range pts {
		x := ref[i]
		y := tan[i].Cross(x)
		frames[i] = Frame{Origin: p, X: x, Y: y}
		b := Vec2{bend[i].Dot(x), bend[i].Dot(y)}
		prof := make([]Vec2, k)
		for j := range prof {
			s, c := math.Sincos(2 * math.Pi * float64(j) / float64(k))
			q := Vec2{radius * c, radius * s}
			prof[j] = q.Add(b.Mul(q.Dot(b) * (scale[i] - 1)))
		}
		profiles[i] = prof
	}
	if closed {
		return SweepClosed(frames, profiles, tol)
	}
	return Sweep(frames, profiles, tol)
}

// cleanPath drops points closer than a millionth of the radius to the
// previous kept point (and, when closed, the last points that repeat the
// first).
func cleanPath(path []Vec3, closed bool, radius float64) []Vec3 {
	minLen := 1e-6 * radius
	var out []Vec3
	for _, p := range path {
		if len(out) > 0 && p.Sub(out[len(out)-1]).Len() <= minLen {
			continue
		}
		out = append(out, p)
	}
	if closed {
		for len(out) > 1 && out[len(out)-1].Sub(out[0]).Len() <= minLen {
			out = out[:len(out)-1]
		}
	}
	return out
}

// perpendicular returns a unit vector perpendicular to the unit vector t,
// chosen deterministically from the axis t is least aligned with.
func perpendicular(t Vec3) Vec3 {
	a := Vec3{1, 0, 0}
	if math.Abs(t[1]) < math.Abs(t[0]) && math.Abs(t[1]) <= math.Abs(t[2]) {
		a = Vec3{0, 1, 0}
	} else if math.Abs(t[2]) < math.Abs(t[0]) && math.Abs(t[2]) < math.Abs(t[1]) {
		a = Vec3{0, 0, 1}
	}
	return unit(a.Sub(t.Mul(a.Dot(t))))
}

// rotateAbout rotates v about the unit axis by angle radians (Rodrigues).
func rotateAbout(v, axis Vec3, angle float64) Vec3 {
	s, c := math.Sincos(angle)
	return v.Mul(c).Add(axis.Cross(v).Mul(s)).Add(axis.Mul(axis.Dot(v) * (1 - c)))
}

// EllipsePath returns a closed ellipse in the XY plane centred at the origin
// with semi-axes rx along X and ry along Y (mm), counter-clockwise seen from
// +Z, starting at (rx, 0, 0), for Tube: a chain link's oval wire loop. It is
// sampled so that a tube of radius wire (mm, ≥ 0) swept along it keeps its
// chord error and segment angle within the tolerance on its outer side.
func EllipsePath(rx, ry, wire float64, tol Tolerance) ([]Vec3, error) {
	if !(rx > 0) || !(ry > 0) || math.IsInf(rx, 0) || math.IsInf(ry, 0) {
		return nil, invalidf("ellipse semi-axes %g × %g mm: must be positive and finite", rx, ry)
	}
	if !(wire >= 0) || math.IsInf(wire, 0) {
		return nil, invalidf("ellipse wire radius %g mm: must be zero or positive and finite", wire)
	}
	if err := tol.Validate(); err != nil {
		return nil, err
	}
	// The outer offset curve at parameter t and its unit tangent.
	at := func(t float64) (Vec2, Vec2) {
		s, c := math.Sincos(t)
		d := Vec2{-rx * s, ry * c}
		tl := d.Len()
		n := Vec2{d[1] / tl, -d[0] / tl} // outward normal
		return Vec2{rx * c, ry * s}.Add(n.Mul(wire)), d.Mul(1 / tl)
	}
	chord, maxAngle := tol.Chord(), tol.MaxAngle()
	// Adaptive subdivision of [0, 2π) from 8 equal pieces: split a piece
	// while its midpoint strays from the chord by more than the tolerance or
	// its tangent turns by more than the maximum angle.
	var ts []float64
	var split func(t0, t1 float64, depth int)
	split = func(t0, t1 float64, depth int) {
		if len(ts) > maxSegments {
			return
		}
		p0, d0 := at(t0)
		p1, d1 := at(t1)
		pm, _ := at((t0 + t1) / 2)
		turn := math.Acos(math.Max(-1, math.Min(1, d0.Dot(d1))))
		if depth < 24 && (segmentDist(p0, p1, pm) > chord || turn > maxAngle) {
			split(t0, (t0+t1)/2, depth+1)
			split((t0+t1)/2, t1, depth+1)
			return
		}
		ts = append(ts, t0)
	}
	for i := 0; i < 8; i++ {
		split(2*math.Pi*float64(i)/8, 2*math.Pi*float64(i+1)/8, 0)
		if len(ts) > maxSegments {
			return nil, &BudgetError{What: "ellipse path", Triangles: int64(len(ts)), Max: maxSegments}
		}
	}
	out := make([]Vec3, len(ts))
	for i, t := range ts {
		s, c := math.Sincos(t)
		out[i] = Vec3{rx * c, ry * s, 0}
	}
	return out, nil
}

// StadiumPath returns a closed stadium (two half circles joined by straight
// sides) in the XY plane centred at the origin, length mm along X and width
// mm along Y (length ≥ width; equal gives a circle), counter-clockwise seen
// from +Z, for Tube: the centreline of an oval chain link. The half circles
// are sampled so that a tube of radius wire (mm, ≥ 0) keeps its chord error
// within the tolerance on its outer side.
func StadiumPath(length, width, wire float64, tol Tolerance) ([]Vec3, error) {
	if !(width > 0) || !(length >= width) || math.IsInf(length, 0) {
		return nil, invalidf("stadium %g × %g mm: width must be positive and length at least the width, finite", length, width)
	}
	if !(wire >= 0) || math.IsInf(wire, 0) {
		return nil, invalidf("stadium wire radius %g mm: must be zero or positive and finite", wire)
	}
	if err := tol.Validate(); err != nil {
		return nil, err
	}
	r := width / 2
	h := (length - width) / 2
	n := tol.Segments(r+wire, math.Pi)
	if n < 2 {
		n = 2
	}
	out := make([]Vec3, 0, 2*n+2)
	for side := 0; side < 2; side++ {
		cx := h
		if side == 1 {
			cx = -h
		}
		for i := 0; i <= n; i++ {
			if h == 0 && i == n {
				break // a circle: the arcs share their ends
			}
			th := -math.Pi/2 + math.Pi*float64(side) + math.Pi*float64(i)/float64(n)
			s, c := math.Sincos(th)
			out = append(out, Vec3{cx + r*c, r * s, 0})
		}
	}
	return out, nil
}
