package render

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// creaseCos is the cosine of the crease angle (35°): where a vertex's
// averaged normal turns further than this from a face's own normal, that
// face is shaded flat at the vertex, so a band's sharp edge stays sharp
// while its curved faces shade smoothly.
var creaseCos = math.Cos(35 * math.Pi / 180)

// normals returns the unit face normals of m (zero when degenerate) and,
// when smooth, its area-weighted unit vertex normals (zero for a vertex no
// triangle uses). Face normals are computed in parallel ranges; the vertex
// sums run in triangle order, so the result does not depend on workers.
func normals(m *geom.Mesh, smooth bool, workers int) (face, vert []geom.Vec3) {
	face = make([]geom.Vec3, len(m.Tris))
	var area []float64
	if smooth {
		area = make([]float64, len(m.Tris))
	}
	parallelRange(len(m.Tris), workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			t := m.Tris[i]
			a, b, c := m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]]
			f := b.Sub(a).Cross(c.Sub(a))
			if l := f.Len(); l > 0 {
				face[i] = f.Mul(1 / l)
				if area != nil {
					area[i] = l
				}
			}
		}
	})
	if !smooth {
		return face, nil
	}
	vert = make([]geom.Vec3, len(m.Verts))
	for i, t := range m.Tris {
		f := face[i].Mul(area[i])
		vert[t[0]] = vert[t[0]].Add(f)
		vert[t[1]] = vert[t[1]].Add(f)
		vert[t[2]] = vert[t[2]].Add(f)
	}
	parallelRange(len(vert), workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			if l := vert[i].Len(); l > 0 {
				vert[i] = vert[i].Mul(1 / l)
			}
		}
	})
	return face, vert
}

// cornerNormal returns the shading normal at one corner of a face with unit
// normal fn: the vertex normal unless it crosses the crease angle.
func cornerNormal(vn, fn geom.Vec3) geom.Vec3 {
	if vn.Dot(fn) >= creaseCos {
		return vn
	}
	return fn
}
