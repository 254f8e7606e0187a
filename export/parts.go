package export

import "github.com/mandrel3d/mandrel/geom"

// MetalParts selects the parts made of metal: a casting master leaves the
// stones out. Use it as STLOptions.Parts or GLBOptions.Parts.
func MetalParts(p geom.Part) bool { return p.Material.Kind == geom.KindMetal }

// selected returns the parts of m that filter keeps (all when filter is nil),
// in model order, leaving out parts without triangles.
func selected(m *geom.Model, filter func(geom.Part) bool) []geom.Part {
	if m == nil {
		return nil
	}
	var out []geom.Part
	for _, p := range m.Parts {
		if p.Mesh == nil || len(p.Mesh.Tris) == 0 {
			continue
		}
		if filter == nil || filter(p) {
			out = append(out, p)
		}
	}
	return out
}

// checkPartMesh returns an error naming the part when a triangle names a
// missing vertex or a vertex is not finite.
func checkPartMesh(p geom.Part) error {
	n := uint32(len(p.Mesh.Verts))
	for i, t := range p.Mesh.Tris {
		for _, v := range t {
			if v >= n {
				return invalidf("part %q triangle %d names vertex %d, the mesh has %d vertices", p.Name, i, v, n)
			}
		}
	}
	for i, v := range p.Mesh.Verts {
		// x − x is 0 for a finite x and NaN for ±Inf or NaN.
		if (v[0]-v[0])+(v[1]-v[1])+(v[2]-v[2]) != 0 {
			return invalidf("part %q vertex %d is not finite: %v", p.Name, i, v)
		}
	}
	return nil
}
