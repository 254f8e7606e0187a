package geom

import (
	"math"
	"slices"
)

// Shaded is a mesh ready for smooth shading (glTF export, rendering): every
// vertex carries one unit normal, and a vertex of the source mesh on a
// crease is split into one vertex per side.
type Shaded struct {
	Verts   []Vec3      // positions, mm
	Normals []Vec3      // unit normals, one per vertex, pointing outward
	Tris    [][3]uint32 // triangles into Verts, in the source's order and winding
}

// creaseSlack is the rounding allowance of the crease test, on the cosine:
// two faces whose unit normals are parallel may have a dot product 1 − 2⁻⁵²,
// and they must still count as within a crease angle of 0°.
const creaseSlack = 1e-12

// Shade computes smooth normals. The normal of each corner of a triangle is
// the average of the unit normals of the triangles around its vertex whose
// normal is within creaseDeg degrees of the corner's own triangle, each
// weighted by the triangle's angle at the vertex (Thürmer & Wüthrich 1998),
// so the result does not depend on how a surface is split into triangles.
// Corners of one vertex that end with the same normal share one output
// vertex: a smooth band keeps its vertex count, while the facets of a gem
// (creaseDeg below the angle between facets) keep flat normals.
//
// creaseDeg runs from 0 (every face flat) to 180 (every vertex smooth); NaN
// or negative counts as 0. Output vertices come in the order of the source
// vertices, the corners of each in triangle order, so the result is
// deterministic. Triangles with out-of-range indices or non-finite corners are
// left out; a degenerate triangle's corners take the average of all faces
// around the vertex (or +Z if there is none), so every normal is unit length.
func (m *Mesh) Shade(creaseDeg float64) *Shaded {
	if !(creaseDeg > 0) {
		creaseDeg = 0
	}
	cosC := math.Cos(math.Min(creaseDeg, 180)*math.Pi/180) - creaseSlack
	nv := len(m.Verts)

	// valid triangles, their unit normals and corner angles.
	ok := make([]bool, len(m.Tris))
	fn := make([]Vec3, len(m.Tris))
	ang := make([]float64, 3*len(m.Tris))
	start := make([]int32, nv+1)
	for i, t := range m.Tris {
		if int(t[0]) >= nv || int(t[1]) >= nv || int(t[2]) >= nv {
			continue
		}
		a, b, c := m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]]
		if !finite(a) || !finite(b) || !finite(c) {
			continue
		}
		ok[i] = true
		fn[i] = unit(b.Sub(a).Cross(c.Sub(a)))
		p := [3]Vec3{a, b, c}
		for k := 0; k < 3; k++ {
			e1, e2 := p[(k+1)%3].Sub(p[k]), p[(k+2)%3].Sub(p[k])
			ang[3*i+k] = math.Atan2(e1.Cross(e2).Len(), e1.Dot(e2))
			start[t[k]+1]++
		}
	}
	// corners grouped by vertex, in triangle order (counting sort).
	for v := 0; v < nv; v++ {
		start[v+1] += start[v]
	}
	fill := slices.Clone(start[:nv])
	corners := make([]int32, start[nv]) // 3·triangle + corner
	for i, t := range m.Tris {
		if !ok[i] {
			continue
		}
		for k, v := range t {
			corners[fill[v]] = int32(3*i + k)
			fill[v]++
		}
	}

	s := &Shaded{
		Verts:   make([]Vec3, 0, nv),
		Normals: make([]Vec3, 0, nv),
		Tris:    make([][3]uint32, 0, len(m.Tris)),
	}
	out := make([]uint32, 3*len(m.Tris)) // corner → output vertex
	for v := 0; v < nv; v++ {
		cs := corners[start[v]:start[v+1]]
		first := len(s.Verts) // output vertices of v start here
		for _, c := range cs {
			own := fn[c/3]
			var n Vec3
			for _, d := range cs {
				f := fn[d/3]
				if d == c || own == (Vec3{}) || own.Dot(f) >= cosC {
					n = n.Add(f.Mul(ang[d]))
				}
			}
			n = unit(n)
			if n == (Vec3{}) {
				n = own
			}
			if n == (Vec3{}) {
				n = Vec3{0, 0, 1}
			}
			id := -1
			for j := first; j < len(s.Verts); j++ {
				if s.Normals[j] == n {
					id = j
					break
				}
			}
			if id < 0 {
				id = len(s.Verts)
				s.Verts = append(s.Verts, m.Verts[v])
				s.Normals = append(s.Normals, n)
			}
			out[c] = uint32(id)
		}
	}
	for i := range m.Tris {
		if ok[i] {
			s.Tris = append(s.Tris, [3]uint32{out[3*i], out[3*i+1], out[3*i+2]})
		}
	}
	return s
}
