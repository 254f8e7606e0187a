package geom

// Volume returns the signed volume enclosed by the mesh in mm³, by the
// divergence theorem (sum of signed tetrahedra from the origin). It is positive
// for a closed mesh whose triangles face outward, and meaningless for an open
// one. Partial sums are accumulated per triangle relative to the first vertex
// to keep rounding small far from the origin.
func (m *Mesh) Volume() float64 {
	if len(m.Tris) == 0 {
		return 0
	}
	o := m.Verts[m.Tris[0][0]]
	var v float64
	for _, t := range m.Tris {
		a := m.Verts[t[0]].Sub(o)
		b := m.Verts[t[1]].Sub(o)
		c := m.Verts[t[2]].Sub(o)
		v += a.Dot(b.Cross(c))
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
