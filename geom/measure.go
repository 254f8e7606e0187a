package geom

import "math"

// Volume returns the signed volume enclosed by the mesh in mm³, by the
// divergence theorem (sum of signed tetrahedra from the origin). It is positive
// for a closed mesh whose triangles face outward, and meaningless for an open
// one. Partial sums are accumulated per triangle relative to the first vertex
// to keep rounding small far from the origin. A triangle with a vertex index
// out of range makes it NaN.
func (m *Mesh) Volume() float64 {
	if len(m.Tris) == 0 {
		return 0
	}
	nv := uint32(len(m.Verts))
	if m.Tris[0][0] >= nv {
		return math.NaN()
	}
	o := m.Verts[m.Tris[0][0]]
	var v float64
	for _, t := range m.Tris {
		if t[0] >= nv || t[1] >= nv || t[2] >= nv {
			return math.NaN()
		}
		// a · (b × c) in scalars, in mgl64's order of operations.
		a, b, c := &m.Verts[t[0]], &m.Verts[t[1]], &m.Verts[t[2]]
		ax, ay, az := a[0]-o[0], a[1]-o[1], a[2]-o[2]
		bx, by, bz := b[0]-o[0], b[1]-o[1], b[2]-o[2]
		cx, cy, cz := c[0]-o[0], c[1]-o[1], c[2]-o[2]
		v += ax*(by*cz-bz*cy) + ay*(bz*cx-bx*cz) + az*(bx*cy-by*cx)
	}
	return v / 6
}

// Area returns the total surface area of the mesh in mm².
func (m *Mesh) Area() float64 {
	var s float64
	for i := range m.Tris {
		a, b, c := m.Triangle(i)
		s += b.Sub(a).Cross(c.Sub(a)).Len()
	}
	return s / 2
}

// Centroid returns the centre of mass of the solid the closed mesh encloses,
// assuming uniform density, in mm. It returns the zero vector when the volume
// is zero.
func (m *Mesh) Centroid() Vec3 {
	if len(m.Tris) == 0 {
		return Vec3{}
	}
	o := m.Verts[m.Tris[0][0]]
	var v float64
	var c Vec3
	for _, t := range m.Tris {
		a := m.Verts[t[0]].Sub(o)
		b := m.Verts[t[1]].Sub(o)
		d := m.Verts[t[2]].Sub(o)
		w := a.Dot(b.Cross(d))
		v += w
		c = c.Add(a.Add(b).Add(d).Mul(w))
	}
	if v == 0 {
		return Vec3{}
	}
	return c.Mul(1 / (4 * v)).Add(o)
}
