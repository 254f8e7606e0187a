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
	// Project every vertex once onto the plane across the line.
	xy := make([]float64, 2*len(m.Verts))
	for i, p := range m.Verts {
		q := p.Sub(origin)
		xy[2*i] = q[0]*e1[0] + q[1]*e1[1] + q[2]*e1[2]
		xy[2*i+1] = q[0]*e2[0] + q[1]*e2[1] + q[2]*e2[2]
	}
	best2, max2 := math.Inf(1), 0.0
	for _, t := range m.Tris {
		ax, ay := xy[2*t[0]], xy[2*t[0]+1]
		bx, by := xy[2*t[1]], xy[2*t[1]+1]
		cx, cy := xy[2*t[2]], xy[2*t[2]+1]
		for _, d2 := range [3]float64{ax*ax + ay*ay, bx*bx + by*by, cx*cx + cy*cy} {
			if d2 > max2 {
				max2 = d2
			}
		}
		// Skip a triangle whose 2D box is no nearer than the best so far.
		lx, hx := min(ax, bx, cx), max(ax, bx, cx)
		ly, hy := min(ay, by, cy), max(ay, by, cy)
		dx := max(lx, -hx, 0)
		dy := max(ly, -hy, 0)
		if dx*dx+dy*dy >= best2 {
			continue
		}
		d := originToTriangle2(Vec2{ax, ay}, Vec2{bx, by}, Vec2{cx, cy})
		if d*d < best2 {
			best2 = d * d
		}
	}
	return math.Sqrt(best2), math.Sqrt(max2)
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
