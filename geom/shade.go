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
// weighted by the triangle's angle at the vertex (Thürmer & Wüthrich 1998;
// the angle to 1e-11 rad and the rounding of the area),
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
//
// It works in passes over the triangles rather than around each vertex: the
// angle-weighted sum of the faces at every vertex is scattered in triangle
// order (the order of the definition, so the bits are the same), each face is
// then tested against the cone of its corners' sums, and only the vertices
// that fail (creases, cones wider than half the crease angle) are gathered
// corner by corner.
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

	// Pass 1: valid triangles, their unit normals and corner angles, and
	// the angle-weighted sum of the faces at each vertex.
	ok := make([]bool, nt)
	fn := make([]Vec3, nt)
	sum := make([]Vec3, nv)
	// state of a vertex: 0 unused, 1 smooth so far, 2 gathered by corners.
	state := make([]uint8, nv)
	for i, t := range m.Tris {
		if int(t[0]) >= nv || int(t[1]) >= nv || int(t[2]) >= nv {
			continue
		}
		a, b, c := &m.Verts[t[0]], &m.Verts[t[1]], &m.Verts[t[2]]
		if !finite3(*a, *b, *c) {
			continue
		}
		ok[i] = true
		nx, ny, nz, w0, w1, w2 := faceNormalAngles(a, b, c)
		f, w := Vec3{nx, ny, nz}, [3]float64{w0, w1, w2}
		fn[i] = f
		for k, v := range t {
			s := &sum[v]
			s[0], s[1], s[2] = s[0]+f[0]*w[k], s[1]+f[1]*w[k], s[2]+f[2]*w[k]
			state[v] = 1
		}
	}

	// Pass 2: the unit average at each vertex (in place of its sum); a
	// vertex whose sum has no direction is gathered by corners.
	for v := range sum {
		if state[v] != 1 {
			continue
		}
		s := sum[v]
		if l := math.Sqrt(s[0]*s[0] + s[1]*s[1] + s[2]*s[2]); l != 0 && !math.IsNaN(l) && !math.IsInf(l, 0) {
			r := 1 / l
			sum[v] = Vec3{s[0] * r, s[1] * r, s[2] * r}
		} else {
			state[v] = 2
		}
	}
	// Pass 3: a face outside the half-crease cone of a corner's average (or
	// without a normal) sends that vertex to be gathered by corners.
	nGather := 0
	for i, t := range m.Tris {
		if !ok[i] {
			continue
		}
		f := fn[i]
		for _, v := range t {
			if state[v] != 1 {
				continue
			}
			n := sum[v]
			if f == (Vec3{}) || !(f[0]*n[0]+f[1]*n[1]+f[2]*n[2] >= cosHalf) {
				state[v] = 2
				nGather++
			}
		}
	}

	// Output vertices in source order: one per smooth vertex, and for a
	// gathered vertex one per distinct corner normal.
	s := &Shaded{
		Verts:   make([]Vec3, 0, nv),
		Normals: make([]Vec3, 0, nv),
		Tris:    make([][3]uint32, nt), // corner → output vertex; compacted by Shade
	}
	out := s.Tris
	var start []int32
	var corners []shadeCorner
	if nGather > 0 {
		start, corners = m.gatherCorners(ok, state, 2, fn)
	}
	id := make([]uint32, nv)
	for v := 0; v < nv; v++ {
		switch state[v] {
		case 1:
			id[v] = uint32(len(s.Verts))
			s.Verts = append(s.Verts, m.Verts[v])
			s.Normals = append(s.Normals, sum[v])
		case 2:
			m.shadeCorners(s, v, corners[start[v]:start[v+1]], cosC)
		}
	}
	for i, t := range m.Tris {
		if !ok[i] {
			continue
		}
		for k, v := range t {
			if state[v] == 1 {
				out[i][k] = id[v]
			}
		}
	}
	return s, ok
}

// shadeCorner is one corner of a vertex gathered corner by corner.
type shadeCorner struct {
	n  Vec3    // unit normal of the corner's face
	w  float64 // the face's angle at the vertex, radians
	id int32   // 3·triangle + corner
}

// gatherCorners lists the corners of the vertices whose state is want,
// grouped by vertex in triangle order: the corners of v are
// corners[start[v]:start[v+1]]. Only valid triangles count; each triangle
// with such a corner has its angles computed once.
func (m *Mesh) gatherCorners(ok []bool, state []uint8, want uint8, fn []Vec3) (start []int32, corners []shadeCorner) {
	nv := len(m.Verts)
	start = make([]int32, nv+1)
	for i, t := range m.Tris {
		if !ok[i] {
			continue
		}
		for _, v := range t {
			if state[v] == want {
				start[v+1]++
			}
		}
	}
	for v := 0; v < nv; v++ {
		start[v+1] += start[v]
	}
	corners = make([]shadeCorner, start[nv])
	for i, t := range m.Tris {
		if !ok[i] || state[t[0]] != want && state[t[1]] != want && state[t[2]] != want {
			continue
		}
		_, _, _, w0, w1, w2 := faceNormalAngles(&m.Verts[t[0]], &m.Verts[t[1]], &m.Verts[t[2]])
		w := [3]float64{w0, w1, w2}
		for k, v := range t {
			if state[v] == want {
				corners[start[v]] = shadeCorner{n: fn[i], w: w[k], id: int32(3*i + k)}
				start[v]++
			}
		}
	}
	// filling moved each start to the next vertex's: shift back.
	copy(start[1:], start[:nv])
	start[0] = 0
	return start, corners
}

// shadeCorners gives each corner cs of vertex v its own normal: the
// angle-weighted average of the faces around v within the crease of the
// corner's face (cosC on the cosine). Corners with the same normal share an
// output vertex, appended to s; their ids go to s.Tris.
func (m *Mesh) shadeCorners(s *Shaded, v int, cs []shadeCorner, cosC float64) {
	first := len(s.Verts) // output vertices of v start here
	for ci, c := range cs {
		own := c.n
		var nx, ny, nz float64
		for di, f := range cs {
			if di == ci || own == (Vec3{}) || own[0]*f.n[0]+own[1]*f.n[1]+own[2]*f.n[2] >= cosC {
				nx, ny, nz = nx+f.n[0]*f.w, ny+f.n[1]*f.w, nz+f.n[2]*f.w
			}
		}
		n := unit(Vec3{nx, ny, nz})
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
		s.Tris[c.id/3][c.id%3] = uint32(id)
	}
}

// shadeConeSlack is the margin, on the cosine, by which every face around a
// vertex must lie inside the half-crease cone of its average normal for
// Shade's smooth shortcut: far above the rounding of the dot products, far
// below any angle that matters.
const shadeConeSlack = 1e-9

// faceNormalAngles returns the unit normal of triangle abc (zero if it has
// none) and its angles at a, b and c in radians, within 1e-11 rad plus the
// rounding of the area (relative 2⁻⁵²·ℓ²/2A for longest edge ℓ, area A). The
// normal is computed in scalars in mgl64's order of operations (Sub, Cross,
// Dot, Len, unit), so its bits are those of the vector methods. Every corner
// angle is atan2(|e1 × e2|, e1 · e2), and |e1 × e2| is twice the area at all
// three corners: one cross product serves the normal and the angles, and the
// third angle is π minus the other two.
func faceNormalAngles(a, b, c *Vec3) (nx, ny, nz, w0, w1, w2 float64) {
	// pointers in and scalars out travel in registers; arrays would not.
	abx, aby, abz := b[0]-a[0], b[1]-a[1], b[2]-a[2]
	acx, acy, acz := c[0]-a[0], c[1]-a[1], c[2]-a[2]
	bcx, bcy, bcz := c[0]-b[0], c[1]-b[1], c[2]-b[2]
	cx, cy, cz := aby*acz-abz*acy, abz*acx-abx*acz, abx*acy-aby*acx
	l := math.Sqrt(cx*cx + cy*cy + cz*cz)
	if l != 0 && !math.IsNaN(l) && !math.IsInf(l, 0) {
		r := 1 / l
		nx, ny, nz = cx*r, cy*r, cz*r
	}
	w0 = atan2Upper(l, abx*acx+aby*acy+abz*acz)
	w1 = atan2Upper(l, -(abx*bcx + aby*bcy + abz*bcz))
	w2 = max(0, math.Pi-w0-w1)
	return nx, ny, nz, w0, w1, w2
}

// tanPi8 is tan(π/8), the bound of atanSmall's interval.
const tanPi8 = 0.41421356237309503

// atan2Upper returns atan2(y, x) for y ≥ 0 (the upper half-plane, 0 to π)
// within 1e-11 rad, several times faster than math.Atan2: one division and a
// polynomial. The angle φ from the x axis to (|x|, y) is reduced to an
// argument of at most tan(π/8): φ = atan(y/|x|) below π/8, π/2 − atan(|x|/y)
// above 3π/8, and π/4 + atan((y−|x|)/(y+|x|)) between. atan2Upper(0, 0) is 0;
// NaN gives NaN, and an infinite y with a finite x gives π/2.
func atan2Upper(y, x float64) float64 {
	ax := math.Abs(x)
	var phi float64
	switch {
	case y <= tanPi8*ax:
		if ax == 0 {
			return 0
		}
		phi = atanSmall(y / ax)
	case ax <= tanPi8*y:
		phi = math.Pi/2 - atanSmall(ax/y)
	default:
		phi = math.Pi/4 + atanSmall((y-ax)/(y+ax))
	}
	if x < 0 {
		return math.Pi - phi
	}
	return phi
}

// atanSmall returns atan(z) for |z| ≤ tan(π/8) within 3e-13: z·p(z²), with
// p the degree-7 Chebyshev interpolant of atan(√w)/√w on [0, tan²(π/8)].
func atanSmall(z float64) float64 {
	w := z * z
	p := -0.037701739493473684
	p = p*w + 0.06977004527152933
	p = p*w - 0.08993216839634535
	p = p*w + 0.11103534816703556
	p = p*w - 0.14285391248881696
	p = p*w + 0.19999993188354553
	p = p*w - 0.333333332783726
	p = p*w + 0.9999999999992695
	return z * p
}

// finite3 reports whether every coordinate of a, b and c is finite: x − x is
// 0 for a finite x and NaN for ±Inf or NaN, and NaN spreads through the sum.
func finite3(a, b, c Vec3) bool {
	return (a[0]-a[0])+(a[1]-a[1])+(a[2]-a[2])+(b[0]-b[0])+(b[1]-b[1])+(b[2]-b[2])+
		(c[0]-c[0])+(c[1]-c[1])+(c[2]-c[2]) == 0
}
