package geom

import "math"

// Mesh is an indexed triangle mesh in millimetres. Each triangle lists three
// indices into Verts, counter-clockwise seen from outside the solid.
type Mesh struct {
	Verts []Vec3      // vertex positions, mm
	Tris  [][3]uint32 // triangles as vertex indices, outward by the right-hand rule
}

// NewMesh returns an empty mesh with room for the given numbers of vertices
// and triangles.
func NewMesh(verts, tris int) *Mesh {
	return &Mesh{Verts: make([]Vec3, 0, verts), Tris: make([][3]uint32, 0, tris)}
}

// AddVert appends a vertex and returns its index.
func (m *Mesh) AddVert(p Vec3) uint32 {
	m.Verts = append(m.Verts, p)
	return uint32(len(m.Verts) - 1)
}

// AddTri appends the triangle (a, b, c).
func (m *Mesh) AddTri(a, b, c uint32) { m.Tris = append(m.Tris, [3]uint32{a, b, c}) }

// AddQuad appends the quad (a, b, c, d), counter-clockwise from outside, as
// two triangles split along the diagonal a–c.
func (m *Mesh) AddQuad(a, b, c, d uint32) {
	m.Tris = append(m.Tris, [3]uint32{a, b, c}, [3]uint32{a, c, d})
}

// Append adds a copy of o's vertices and triangles to m. The two shells stay
// separate (no vertices are shared).
func (m *Mesh) Append(o *Mesh) {
	base := uint32(len(m.Verts))
	m.Verts = append(m.Verts, o.Verts...)
	for _, t := range o.Tris {
		m.Tris = append(m.Tris, [3]uint32{t[0] + base, t[1] + base, t[2] + base})
	}
}

// Clone returns a deep copy of m.
func (m *Mesh) Clone() *Mesh {
	return &Mesh{
		Verts: append([]Vec3(nil), m.Verts...),
		Tris:  append([][3]uint32(nil), m.Tris...),
	}
}

// Triangle returns the three corners of triangle i.
func (m *Mesh) Triangle(i int) (a, b, c Vec3) {
	t := m.Tris[i]
	return m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]]
}

// Transform applies the affine map p ↦ f(p) to every vertex. When f mirrors
// (its Jacobian has negative determinant) the caller must call Flip as well
// to keep the triangles outward.
func (m *Mesh) Transform(f func(Vec3) Vec3) {
	for i, p := range m.Verts {
		m.Verts[i] = f(p)
	}
}

// Translate moves every vertex by d (mm).
func (m *Mesh) Translate(d Vec3) {
	for i := range m.Verts {
		m.Verts[i] = m.Verts[i].Add(d)
	}
}

// Flip reverses the winding of every triangle, turning the mesh inside out.
func (m *Mesh) Flip() {
	for i, t := range m.Tris {
		m.Tris[i] = [3]uint32{t[0], t[2], t[1]}
	}
}

// Box is an axis-aligned bounding box in mm. An empty box has Min > Max.
type Box struct{ Min, Max Vec3 }

// EmptyBox returns a box that contains nothing; extending it by a point gives
// the box of that point.
func EmptyBox() Box {
	inf := math.Inf(1)
	return Box{Min: Vec3{inf, inf, inf}, Max: Vec3{-inf, -inf, -inf}}
}

// Extend returns the smallest box containing b and p. A NaN coordinate
// makes the box's bounds NaN on that axis.
func (b Box) Extend(p Vec3) Box {
	for k := 0; k < 3; k++ {
		if v := p[k]; v != v {
			b.Min[k], b.Max[k] = v, v
			continue
		}
		if p[k] < b.Min[k] {
			b.Min[k] = p[k]
		}
		if p[k] > b.Max[k] {
			b.Max[k] = p[k]
		}
	}
	return b
}

// Union returns the smallest box containing b and o.
func (b Box) Union(o Box) Box {
	for k := 0; k < 3; k++ {
		b.Min[k] = math.Min(b.Min[k], o.Min[k])
		b.Max[k] = math.Max(b.Max[k], o.Max[k])
	}
	return b
}

// Size returns the box's extent along x, y and z in mm (zero for an empty box).
func (b Box) Size() Vec3 {
	if b.Empty() {
		return Vec3{}
	}
	return b.Max.Sub(b.Min)
}

// Center returns the middle of the box.
func (b Box) Center() Vec3 { return b.Min.Add(b.Max).Mul(0.5) }

// Empty reports whether the box contains no point.
func (b Box) Empty() bool { return b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] || b.Min[2] > b.Max[2] }

// Bounds returns the bounding box of the mesh's vertices that triangles use
// (an unused vertex does not count).
func (m *Mesh) Bounds() Box {
	// scalar bounds in registers: this runs on every part of every report.
	inf := math.Inf(1)
	x0, y0, z0, x1, y1, z1 := inf, inf, inf, -inf, -inf, -inf
	nan := false
	nv := uint32(len(m.Verts))
	for _, t := range m.Tris {
		for _, i := range t {
			if i >= nv {
				continue
			}
			p := &m.Verts[i]
			x, y, z := p[0], p[1], p[2]
			if x != x || y != y || z != z {
				nan = true
				continue
			}
			x0, x1 = min(x0, x), max(x1, x)
			y0, y1 = min(y0, y), max(y1, y)
			z0, z1 = min(z0, z), max(z1, z)
		}
	}
	b := Box{Min: Vec3{x0, y0, z0}, Max: Vec3{x1, y1, z1}}
	if nan {
		// rare: Extend gives a NaN coordinate's axis NaN bounds.
		for _, t := range m.Tris {
			for _, i := range t {
				if i < nv {
					b = b.Extend(m.Verts[i])
				}
			}
		}
	}
	return b
}

// Pieces returns the mesh's vertex-connected pieces (its shells, for a
// closed mesh: the beads of a pavé, the prongs of a halo) as separate
// meshes with their own vertices, in order of first triangle. Triangles
// with an index out of range are left out.
func (m *Mesh) Pieces() []*Mesh {
	nv := uint32(len(m.Verts))
	parent := make([]uint32, nv)
	for i := range parent {
		parent[i] = uint32(i)
	}
	find := func(x uint32) uint32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	valid := func(t [3]uint32) bool { return t[0] < nv && t[1] < nv && t[2] < nv }
	for _, t := range m.Tris {
		if !valid(t) {
			continue
		}
		a := find(t[0])
		for _, v := range t[1:] {
			if b := find(v); b != a {
				parent[b] = a
			}
		}
	}
	piece := map[uint32]int{}
	id := make([]uint32, nv)
	seen := make([]bool, nv)
	var out []*Mesh
	for _, t := range m.Tris {
		if !valid(t) {
			continue
		}
		r := find(t[0])
		k, ok := piece[r]
		if !ok {
			k = len(out)
			piece[r] = k
			out = append(out, &Mesh{})
		}
		o := out[k]
		var tri [3]uint32
		for j, v := range t {
			if !seen[v] {
				seen[v], id[v] = true, o.AddVert(m.Verts[v])
			}
			tri[j] = id[v]
		}
		o.AddTri(tri[0], tri[1], tri[2])
	}
	return out
}
