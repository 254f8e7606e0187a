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
		qx, qy, qz := p[0]-origin[0], p[1]-origin[1], p[2]-origin[2]
		xy[2*i] = qx*e1[0] + qy*e1[1] + qz*e1[2]
		xy[2*i+1] = qx*e2[0] + qy*e2[1] + qz*e2[2]
	}
	// The corners of the triangles give the largest distance and a first
	// bound on the smallest (vertices no triangle uses do not count).
	best2, max2 := math.Inf(1), 0.0
	for _, t := range m.Tris {
		for _, v := range t {
			x, y := xy[2*int(v)], xy[2*int(v)+1]
			r2 := x*x + y*y
			if r2 < best2 {
				best2 = r2
			}
			if r2 > max2 {
				max2 = r2
			}
		}
	}
	// A triangle can only come nearer than its corners inside an edge or,
	// when it holds the origin, inside itself.
	for _, t := range m.Tris {
		ax, ay := xy[2*t[0]], xy[2*t[0]+1]
		bx, by := xy[2*t[1]], xy[2*t[1]+1]
		cx, cy := xy[2*t[2]], xy[2*t[2]+1]
		// Skip a triangle whose 2D box is no nearer than the best so far.
		lx, hx := span3(ax, bx, cx)
		ly, hy := span3(ay, by, cy)
		dx, dy := 0.0, 0.0
		if lx > 0 {
			dx = lx
		} else if hx < 0 {
			dx = -hx
		}
		if ly > 0 {
			dy = ly
		} else if hy < 0 {
			dy = -hy
		}
		if dx*dx+dy*dy >= best2 {
			continue
		}
		if dx == 0 && dy == 0 && holdsOrigin(ax, ay, bx, by, cx, cy) {
			return 0, math.Sqrt(max2)
		}
		best2 = nearerOnEdge(ax, ay, bx, by, best2)
		best2 = nearerOnEdge(bx, by, cx, cy, best2)
		best2 = nearerOnEdge(cx, cy, ax, ay, best2)
	}
	return math.Sqrt(best2), math.Sqrt(max2)
}

// span3 returns the least and the greatest of a, b and c.
func span3(a, b, c float64) (lo, hi float64) {
	lo, hi = a, a
	if b < lo {
		lo = b
	} else if b > hi {
		hi = b
	}
	if c < lo {
		lo = c
	} else if c > hi {
		hi = c
	}
	return lo, hi
}

// holdsOrigin reports whether the 2D triangle abc, of non-zero area, holds
// the origin (on its boundary counts).
func holdsOrigin(ax, ay, bx, by, cx, cy float64) bool {
	s1, s2, s3 := ax*by-ay*bx, bx*cy-by*cx, cx*ay-cy*ax
	if (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0) {
		return (bx-ax)*(cy-ay)-(by-ay)*(cx-ax) != 0
	}
	return false
}

// nearerOnEdge returns the squared distance from the 2D origin to the
// closest point strictly inside segment ab when that is below best2, else
// best2. The corners are left out: the caller has counted them.
func nearerOnEdge(ax, ay, bx, by, best2 float64) float64 {
	ex, ey := bx-ax, by-ay
	l2 := ex*ex + ey*ey
	p := -(ax*ex + ay*ey) // the closest point is a + ex·p/l2
	if !(p > 0 && p < l2) {
		return best2
	}
	// The squared distance from the origin to the edge's line is c²/l2.
	if c := ax*ey - ay*ex; c*c >= best2*l2 {
		return best2
	}
	t := p / l2
	qx, qy := ax+ex*t, ay+ey*t
	if s := qx*qx + qy*qy; s < best2 {
		return s
	}
	return best2
}

// originToTriangle2 returns the distance from the 2D origin to the triangle
// abc (0 when the triangle contains it). It is the plain form of the measure
// AxisDistance takes in squares and with early rejections; tests use it as
// the reference.
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
