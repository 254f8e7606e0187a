package gem

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// segmentsAround returns how many sides a circle of radius r (mm) needs for
// the tolerance, at least 8.
func segmentsAround(r float64, tol geom.Tolerance) int {
	n := tol.Segments(r, 2*math.Pi)
	if n < 8 {
		n = 8
	}
	return n
}

// tube sweeps a circle of radius r along an open path (at least 2 points,
// no sharp turns), with a flat cap at the start and, at the end, a
// hemispherical dome or, when pointed, a cone of height 1.5 r (a claw's tip).
// Cross-sections are carried along by parallel transport so the tube does
// not twist.
func tube(path []geom.Vec3, r float64, pointed bool, tol geom.Tolerance) (*geom.Mesh, error) {
	path = foldFree(path, r)
	n := segmentsAround(r, tol)
	domeRings := 1
	if !pointed {
		domeRings = int(math.Ceil(float64(n) / 4))
	}
	if err := tol.CheckBudget("prong", int64(2*n*(len(path)+domeRings+1))); err != nil {
		return nil, err
	}
	m := geom.NewMesh(n*(len(path)+domeRings)+2, 2*n*(len(path)+domeRings+1))
	tangent := func(i int) geom.Vec3 {
		var t geom.Vec3
		if i > 0 {
			t = t.Add(path[i].Sub(path[i-1]).Normalize())
		}
		if i+1 < len(path) {
			t = t.Add(path[i+1].Sub(path[i]).Normalize())
		}
		return t.Normalize()
	}
	t0 := tangent(0)
	u := geom.Vec3{1, 0, 0}
	if math.Abs(t0[0]) > 0.9 {
		u = geom.Vec3{0, 1, 0}
	}
	u = u.Sub(t0.Mul(u.Dot(t0))).Normalize()
	var rings [][]uint32
	addRing := func(c, t, u geom.Vec3, rad float64) {
		v := t.Cross(u)
		ring := make([]uint32, n)
		for k := 0; k < n; k++ {
			s, co := math.Sincos(2 * math.Pi * float64(k) / float64(n))
			ring[k] = m.AddVert(c.Add(u.Mul(rad * co)).Add(v.Mul(rad * s)))
		}
		rings = append(rings, ring)
	}
	prevT := t0
	for i, c := range path {
		t := tangent(i)
		// parallel transport: rotate u by the turn from prevT to t
		u = u.Sub(t.Mul(u.Dot(t))).Normalize()
		prevT = t
		addRing(c, t, u, r)
	}
	_ = prevT
	tEnd := tangent(len(path) - 1)
	end := path[len(path)-1]
	for j := 1; j < domeRings; j++ {
		a := float64(j) / float64(domeRings) * math.Pi / 2
		addRing(end.Add(tEnd.Mul(r*math.Sin(a))), tEnd, u, r*math.Cos(a))
	}
	tipLen := r
	if pointed {
		tipLen = 1.5 * r
	}
	apex := m.AddVert(end.Add(tEnd.Mul(tipLen)))
	start := m.AddVert(path[0])
	// rings wind counter-clockwise about the tangent: side quads face out
	for j := 0; j+1 < len(rings); j++ {
		a, b := rings[j], rings[j+1]
		for k := 0; k < n; k++ {
			k1 := (k + 1) % n
			m.AddQuad(a[k], a[k1], b[k1], b[k])
		}
	}
	last := rings[len(rings)-1]
	for k := 0; k < n; k++ {
		k1 := (k + 1) % n
		m.AddTri(last[k], last[k1], apex)
		m.AddTri(start, rings[0][k1], rings[0][k])
	}
	return m, nil
}

// foldFree returns the path without the interior points at which a tube of
// radius r would fold. A ring stands across the mean of its two segments'
// directions, so at a turn θ its inner side reaches r·tan(θ/2) along each
// segment; where the reaches from a segment's two ends add up to more than
// 90 % of its length, neighbouring rings cross (a short step after a bend:
// a prong's first step over the crown). The later point of such a segment
// goes (the earlier when the later is the path's end), until none is left;
// the ends stay.
func foldFree(path []geom.Vec3, r float64) []geom.Vec3 {
	reach := func(p []geom.Vec3, i int) float64 {
		if i == 0 || i == len(p)-1 {
			return 0
		}
		a, b := p[i].Sub(p[i-1]), p[i+1].Sub(p[i])
		c := a.Dot(b) / (a.Len() * b.Len())
		c = math.Max(-1, math.Min(1, c))
		// tan(θ/2) = sin θ / (1 + cos θ)
		return r * math.Sqrt(math.Max(0, 1-c*c)) / math.Max(1+c, 1e-9)
	}
	for changed := true; changed && len(path) > 2; {
		changed = false
		for i := 0; i+1 < len(path); i++ {
			if reach(path, i)+reach(path, i+1) <= 0.9*path[i+1].Sub(path[i]).Len() {
				continue
			}
			drop := i + 1
			if drop == len(path)-1 {
				drop = i
			}
			if drop == 0 {
				continue
			}
			path = append(path[:drop:drop], path[drop+1:]...)
			changed = true
			break
		}
	}
	return path
}

// loop sweeps a circle of radius r along a closed path (a basket rail).
func loop(path []geom.Vec3, r float64, tol geom.Tolerance) (*geom.Mesh, error) {
	n := segmentsAround(r, tol)
	frames := make([]geom.Frame, len(path))
	profiles := make([][]geom.Vec2, len(path))
	prof := make([]geom.Vec2, n)
	for k := range prof {
		s, c := math.Sincos(2 * math.Pi * float64(k) / float64(n))
		prof[k] = geom.Vec2{r * c, r * s}
	}
	L := len(path)
	for i, p := range path {
		t := path[(i+1)%L].Sub(path[(i+L-1)%L]).Normalize()
		x := geom.Vec3{0, 0, 1}.Cross(t)
		if x.Len() < 1e-9 {
			return nil, fieldError("rail", "vertical", "horizontal only (a basket rail)")
		}
		x = x.Normalize()
		// X × Y must point along the path: Y = t × X
		frames[i] = geom.Frame{Origin: p, X: x, Y: t.Cross(x)}
		profiles[i] = prof
	}
	return geom.SweepClosed(frames, profiles, tol)
}

// loft joins rings of points (each counter-clockwise seen from +Z, the same
// count, listed bottom to top) into a closed solid: side quads between
// consecutive rings, and caps given as quads or fans by the cap function,
// which receives the ring's vertex ids and whether it faces down.
func loft(rings [][]geom.Vec3, cap func(m *geom.Mesh, ids []uint32, down bool)) *geom.Mesh {
	k := len(rings[0])
	m := geom.NewMesh(k*len(rings)+2, 2*k*len(rings)+2*k)
	ids := make([][]uint32, len(rings))
	for j, r := range rings {
		ids[j] = make([]uint32, k)
		for i, p := range r {
			ids[j][i] = m.AddVert(p)
		}
	}
	for j := 0; j+1 < len(rings); j++ {
		a, b := ids[j], ids[j+1]
		for i := 0; i < k; i++ {
			i1 := (i + 1) % k
			m.AddQuad(a[i], a[i1], b[i1], b[i])
		}
	}
	cap(m, ids[0], true)
	cap(m, ids[len(ids)-1], false)
	return m
}

// fanCap caps a star-shaped ring with a fan from its centroid.
func fanCap(m *geom.Mesh, ids []uint32, down bool) {
	var c geom.Vec3
	for _, i := range ids {
		c = c.Add(m.Verts[i])
	}
	ci := m.AddVert(c.Mul(1 / float64(len(ids))))
	for i := range ids {
		a, b := ids[i], ids[(i+1)%len(ids)]
		if down {
			m.AddTri(ci, b, a)
		} else {
			m.AddTri(ci, a, b)
		}
	}
}
