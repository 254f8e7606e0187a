package geom

import "math"

// AxisDistance returns the smallest and largest distance in mm between the
// line through origin along dir and the mesh's surface. The smallest is exact
// for the triangles (not just their vertices): each triangle is projected onto
// the plane across the line, and the distance from the line's trace to that
// 2D triangle is measured. It is 0 when the line pierces the mesh. A ring's
// measured inner radius is AxisDistance along the finger axis.
func (m *Mesh) AxisDistance(origin, dir Vec3) (minD, maxD float64) {
	d := unit(dir)
	if d == (Vec3{}) || len(m.Tris) == 0 {
		return 0, 0
	}
	// An orthonormal basis (e1, e2) of the plane across the line.
	e1 := unit(d.Cross(Vec3{1, 0, 0}))
	if e1.Len() < 0.5 || math.Abs(d[0]) > 0.9 {
		e1 = unit(d.Cross(Vec3{0, 1, 0}))
	}
	e2 := d.Cross(e1)
	proj := func(p Vec3) Vec2 {
		q := p.Sub(origin)
		return Vec2{q.Dot(e1), q.Dot(e2)}
	}
	minD = math.Inf(1)
	for _, t := range m.Tris {
		a, b, c := proj(m.Verts[t[0]]), proj(m.Verts[t[1]]), proj(m.Verts[t[2]])
		minD = math.Min(minD, originToTriangle2(a, b, c))
		for _, q := range [3]Vec2{a, b, c} {
			maxD = math.Max(maxD, q.Len())
		}
	}
	return minD, maxD
}

// originToTriangle2 returns the distance from the 2D origin to the triangle
// abc (0 when the triangle contains it).
func originToTriangle2(a, b, c Vec2) float64 {
	s1, s2, s3 := cross2(b.Sub(a), a.Mul(-1)), cross2(c.Sub(b), b.Mul(-1)), cross2(a.Sub(c), c.Mul(-1))
	if (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0) {
		if cross2(b.Sub(a), c.Sub(a)) != 0 {
			return 0
		}
	}
	return math.Min(originToSegment2(a, b), math.Min(originToSegment2(b, c), originToSegment2(c, a)))
}

// originToSegment2 returns the distance from the 2D origin to segment ab.
func originToSegment2(a, b Vec2) float64 {
	ab := b.Sub(a)
	l2 := ab.Dot(ab)
	if l2 == 0 {
		return a.Len()
	}
	t := math.Max(0, math.Min(1, -a.Dot(ab)/l2))
	return a.Add(ab.Mul(t)).Len()
}
