package geom

import "math"

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
	s, ok := m.shade(creaseDeg)
	n := 0
	for i := range s.Tris {
		if ok[i] {
			s.Tris[n] = s.Tris[i]
			n++
		}
	}
	s.Tris = s.Tris[:n:n]
	return s
}

// CornerNormals returns the unit shading normal of every corner of every
// triangle of m, indexed as m.Tris (normals[i][k] belongs to corner k of
// triangle i): the normals Shade computes, without the vertex split, for a
// renderer that interpolates per corner. A corner averages only the faces
// around its vertex within creaseDeg degrees of its own face, so a sharp
// edge (a band's rim, an engraving's wall) does not tilt the faces beside
// it, as averaging every face at a vertex and then falling back to the flat
// normal would. A triangle Shade leaves out (out-of-range index, non-finite
// corner) gets zero normals.
func (m *Mesh) CornerNormals(creaseDeg float64) [][3]Vec3 {
	s, ok := m.shade(creaseDeg)
	cn := make([][3]Vec3, len(m.Tris))
	for i, t := range s.Tris {
		if ok[i] {
			cn[i] = [3]Vec3{s.Normals[t[0]], s.Normals[t[1]], s.Normals[t[2]]}
		}
	}
	return cn
}

// shade is Shade before the triangles it leaves out are removed: s.Tris is
// indexed as m.Tris, and ok tells which triangles are valid (the others'
// entries are meaningless).
func (m *Mesh) shade(creaseDeg float64) (*Shaded, []bool) {
	if !(creaseDeg > 0) {
		creaseDeg = 0
	}
	cosC := math.Cos(math.Min(creaseDeg, 180)*math.Pi/180) - creaseSlack
	// Faces within creaseDeg/2 of a vertex's whole average are within
	// creaseDeg of each other (triangle inequality on the sphere), so such a
	// vertex is smooth without testing every pair; shadeConeSlack keeps the
	// shortcut on the safe side of rounding.
	cosHalf := math.Cos(math.Min(creaseDeg, 180)*math.Pi/360) + shadeConeSlack
	nv := len(m.Verts)
	nt := len(m.Tris)

	// valid triangles, their unit normals and corner angles; corners are
	// counted per vertex for the CSR adjacency below.
	ok := make([]bool, nt)
	fn := make([]Vec3, nt)
	ang := make([]float64, 3*nt)
	start := make([]int32, nv+1)
	for i, t := range m.Tris {
		if int(t[0]) >= nv || int(t[1]) >= nv || int(t[2]) >= nv {
			continue
		}
		a, b, c := m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]]
		if !finite3(a, b, c) {
			continue
		}
		ok[i] = true
		// Scalar arithmetic in mgl64's order of operations (Sub, Cross,
		// Dot, Len, unit), so the bits are those of the vector methods:
		// the compiler keeps scalars in registers but [3]float64 in memory.
		abx, aby, abz := b[0]-a[0], b[1]-a[1], b[2]-a[2]
		acx, acy, acz := c[0]-a[0], c[1]-a[1], c[2]-a[2]
		nx, ny, nz := aby*acz-abz*acy, abz*acx-abx*acz, abx*acy-aby*acx
		if l := math.Sqrt(nx*nx + ny*ny + nz*nz); l != 0 && !math.IsNaN(l) && !math.IsInf(l, 0) {
			r := 1 / l
			fn[i] = Vec3{nx * r, ny * r, nz * r}
		}
		bcx, bcy, bcz := c[0]-b[0], c[1]-b[1], c[2]-b[2]
		bax, bay, baz := a[0]-b[0], a[1]-b[1], a[2]-b[2]
		cax, cay, caz := a[0]-c[0], a[1]-c[1], a[2]-c[2]
		cbx, cby, cbz := b[0]-c[0], b[1]-c[1], b[2]-c[2]
		ang[3*i] = cornerAngle(abx, aby, abz, acx, acy, acz)
		ang[3*i+1] = cornerAngle(bcx, bcy, bcz, bax, bay, baz)
		ang[3*i+2] = cornerAngle(cax, cay, caz, cbx, cby, cbz)
		start[t[0]+1]++
		start[t[1]+1]++
		start[t[2]+1]++
	}
	// corners grouped by vertex, in triangle order (counting sort): the
	// corners of v are corners[start[v]:start[v+1]].
	for v := 0; v < nv; v++ {
		start[v+1] += start[v]
	}
	corners := make([]int32, start[nv]) // 3·triangle + corner
	for i, t := range m.Tris {
		if !ok[i] {
			continue
		}
		for k, v := range t {
			corners[start[v]] = int32(3*i + k)
			start[v]++
		}
	}
	// filling moved each start to the next vertex's: shift back.
	copy(start[1:], start[:nv])
	start[0] = 0

	s := &Shaded{
		Verts:   make([]Vec3, 0, nv),
		Normals: make([]Vec3, 0, nv),
		Tris:    make([][3]uint32, nt), // corner → output vertex; compacted below
	}
	out := s.Tris
	for v := 0; v < nv; v++ {
		cs := corners[start[v]:start[v+1]]
		if len(cs) == 0 {
			continue
		}
		// Smooth vertex: every corner sums every face, in the same order
		// as below, so its normal is the same bits either way.
		var sx, sy, sz float64
		for _, d := range cs {
			f, w := fn[d/3], ang[d]
			sx, sy, sz = sx+f[0]*w, sy+f[1]*w, sz+f[2]*w
		}
		if l := math.Sqrt(sx*sx + sy*sy + sz*sz); l != 0 && !math.IsNaN(l) && !math.IsInf(l, 0) {
			r := 1 / l
			nx, ny, nz := sx*r, sy*r, sz*r
			smooth := true
			for _, d := range cs {
				f := fn[d/3]
				if f == (Vec3{}) || !(f[0]*nx+f[1]*ny+f[2]*nz >= cosHalf) {
					smooth = false
					break
				}
			}
			if smooth {
				id := uint32(len(s.Verts))
				s.Verts = append(s.Verts, m.Verts[v])
				s.Normals = append(s.Normals, Vec3{nx, ny, nz})
				for _, c := range cs {
					out[c/3][c%3] = id
				}
				continue
			}
		}
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
			out[c/3][c%3] = uint32(id)
		}
	}
	return s, ok
}

// shadeConeSlack is the margin, on the cosine, by which every face around a
// vertex must lie inside the half-crease cone of its average normal for
// Shade's smooth shortcut: far above the rounding of the dot products, far
// below any angle that matters.
const shadeConeSlack = 1e-9

// cornerAngle returns the angle between (x1, y1, z1) and (x2, y2, z2) in
// radians, 0 to π: atan2(|e1 × e2|, e1 · e2), as mgl64 computes it.
func cornerAngle(x1, y1, z1, x2, y2, z2 float64) float64 {
	cx, cy, cz := y1*z2-z1*y2, z1*x2-x1*z2, x1*y2-y1*x2
	return math.Atan2(math.Sqrt(cx*cx+cy*cy+cz*cz), x1*x2+y1*y2+z1*z2)
}

// finite3 reports whether every coordinate of a, b and c is finite: x − x is
// 0 for a finite x and NaN for ±Inf or NaN, and NaN spreads through the sum.
func finite3(a, b, c Vec3) bool {
	return (a[0]-a[0])+(a[1]-a[1])+(a[2]-a[2])+(b[0]-b[0])+(b[1]-b[1])+(b[2]-b[2])+
		(c[0]-c[0])+(c[1]-c[1])+(c[2]-c[2]) == 0
}
