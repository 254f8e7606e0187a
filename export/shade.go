package export

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// shaded is a mesh prepared for smooth shading: vertices split where the
// surface has a crease, each with a unit normal.
type shaded struct {
	verts, normals []geom.Vec3
	tris           [][3]uint32
}

// shade splits m's vertices along creases sharper than creaseDeg degrees and
// gives every vertex the area-weighted average normal of the faces that meet
// it smoothly. A corner's normal averages the faces around its vertex whose
// normals lie within creaseDeg of its own face's normal; corners of one vertex
// with bit-identical normals share an output vertex. Winding is kept.
// Faces of zero area contribute nothing; a corner whose sum has no direction
// takes its face's normal or, failing that, +Z, so every normal is a unit
// vector. m must have valid indices (checkPartMesh).
//
// (geom/shade.go's (*Mesh).Shade is to replace this once it lands.)
func shade(m *geom.Mesh, creaseDeg float64) shaded {
	nv, nt := len(m.Verts), len(m.Tris)
	face := make([]geom.Vec3, nt) // area-weighted (×2) face normals
	unit := make([]geom.Vec3, nt)
	for i := range m.Tris {
		a, b, c := m.Triangle(i)
		n := b.Sub(a).Cross(c.Sub(a))
		face[i] = n
		if l := n.Len(); l > 0 {
			unit[i] = n.Mul(1 / l)
		}
	}
	// Triangles around each vertex, in CSR form, in triangle order.
	start := make([]int32, nv+1)
	for _, t := range m.Tris {
		for _, v := range t {
			start[v+1]++
		}
	}
	for i := 0; i < nv; i++ {
		start[i+1] += start[i]
	}
	around := make([]int32, 3*nt)
	fill := append([]int32(nil), start[:nv]...)
	for i, t := range m.Tris {
		for _, v := range t {
			around[fill[v]] = int32(i)
			fill[v]++
		}
	}
	cosCrease := math.Cos(creaseDeg * math.Pi / 180)
	out := shaded{
		verts:   make([]geom.Vec3, 0, nv+nv/4),
		normals: make([]geom.Vec3, 0, nv+nv/4),
		tris:    make([][3]uint32, nt),
	}
	// Vertex by vertex, in index order: each corner's normal, and one output
	// vertex per distinct normal (usually one; more along creases).
	for v := 0; v < nv; v++ {
		fan := around[start[v]:start[v+1]]
		first := uint32(len(out.verts))
		var all geom.Vec3 // the normalized sum of the whole fan, once needed
		allDone := false
		for _, i := range fan {
			var n geom.Vec3
			smooth := 0
			for _, j := range fan {
				if j == i || unit[j].Dot(unit[i]) >= cosCrease {
					smooth++
				}
			}
			if smooth == len(fan) && allDone {
				n = all
			} else {
				for _, j := range fan {
					if j == i || unit[j].Dot(unit[i]) >= cosCrease {
						n = n.Add(face[j])
					}
				}
				n = unitOr(n, geom.Vec3{})
				if n == (geom.Vec3{}) {
					n = unitOr(face[i], geom.Vec3{0, 0, 1})
				} else if smooth == len(fan) {
					all, allDone = n, true
				}
			}
			id := first
			for ; id < uint32(len(out.verts)); id++ {
				if out.normals[id] == n {
					break
				}
			}
			if id == uint32(len(out.verts)) {
				out.verts = append(out.verts, m.Verts[v])
				out.normals = append(out.normals, n)
			}
			t := m.Tris[i]
			for k := range t {
				if t[k] == uint32(v) {
					out.tris[i][k] = id
				}
			}
		}
	}
	return out
}

// unitOr returns v scaled to unit length, or def when v has no direction.
func unitOr(v, def geom.Vec3) geom.Vec3 {
	l := v.Len()
	if !(l > 0) || math.IsInf(l, 0) {
		return def
	}
	return v.Mul(1 / l)
}
