package render

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// creaseDeg is the crease angle: faces meeting at more than this are shaded
// apart, so a band's sharp edge stays sharp while its curved faces shade
// smoothly.
const creaseDeg = 35

// creaseCos is the cosine of creaseDeg.
var creaseCos = math.Cos(creaseDeg * math.Pi / 180)

// normals returns the unit face normals of m (zero when degenerate) and,
// when smooth, the shading normal of every triangle corner
// (geom.(*Mesh).CornerNormals at the crease angle): a corner averages only
// the faces within the crease angle of its own, so a sharp edge (a band's
// rim, an engraving's wall) never tilts the faces beside it. Face normals
// are computed in parallel ranges.
func normals(m *geom.Mesh, smooth bool, workers int) (face []geom.Vec3, corner [][3]geom.Vec3) {
	face = make([]geom.Vec3, len(m.Tris))
	parallelRange(len(m.Tris), workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			t := m.Tris[i]
			a, b, c := m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]]
			f := b.Sub(a).Cross(c.Sub(a))
			if l := f.Len(); l > 0 {
				face[i] = f.Mul(1 / l)
			}
		}
	})
	if !smooth {
		return face, nil
	}
	return face, m.CornerNormals(creaseDeg)
}
