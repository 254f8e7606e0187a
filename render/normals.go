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

// vertexNormals returns area-weighted unit vertex normals of m (zero for a
// vertex no triangle uses).
func vertexNormals(m *geom.Mesh) []geom.Vec3 {
	n := make([]geom.Vec3, len(m.Verts))
	for _, t := range m.Tris {
		a, b, c := m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]]
		f := b.Sub(a).Cross(c.Sub(a))
		n[t[0]] = n[t[0]].Add(f)
		n[t[1]] = n[t[1]].Add(f)
		n[t[2]] = n[t[2]].Add(f)
	}
	for i, v := range n {
		if l := v.Len(); l > 0 {
			n[i] = v.Mul(1 / l)
		}
	}
	return n
}

// cornerNormal returns the shading normal at one corner of a face with unit
// normal fn: the vertex normal unless it crosses the crease angle.
func cornerNormal(vn, fn geom.Vec3) geom.Vec3 {
	if vn.Dot(fn) >= creaseCos {
		return vn
	}
	return fn
}

// faceNormals returns the unit normal of every triangle (zero when
// degenerate).
func faceNormals(m *geom.Mesh) []geom.Vec3 {
	n := make([]geom.Vec3, len(m.Tris))
	for i := range m.Tris {
		a, b, c := m.Triangle(i)
		f := b.Sub(a).Cross(c.Sub(a))
		if l := f.Len(); l > 0 {
			n[i] = f.Mul(1 / l)
		}
	}
	return n
}
