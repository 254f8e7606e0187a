package geom

import "math"

// Extrude makes a prism of the region from z = 0 to z = height (mm): the top
// cap is the region's triangulation (Region.Triangulate) facing +Z, the bottom
// the same facing −Z, and the side walls stand on the boundary edges of the
// kept triangles (edges between inside and outside), so overlapping contours
// get walls only where the filled area ends, and holes get inner walls. The
// mesh is closed and outward; its volume is the region's area times height.
// Two parts of a region touching at a single point give a vertex shared by
// two walls (not a 2-manifold vertex). The tolerance only sets the budget: a
// region's edges are already straight.
func Extrude(r Region, height float64, tol Tolerance) (*Mesh, error) {
	if !(height > 0) || math.IsInf(height, 0) {
		return nil, invalidf("extrude height %g mm: must be positive and finite", height)
	}
	if err := tol.Validate(); err != nil {
		return nil, err
	}
	rt, err := r.triangulate()
	if err != nil {
		return nil, err
	}
	verts, tris, slots := rt.compact()
	if len(tris) == 0 {
		return nil, invalidf("extrude region encloses no area")
	}
	c := rt.c
	var walls [][2]uint32
	for i, s := range slots {
		for k := int32(0); k < 3; k++ {
			if !rt.keep[c.he[3*s+k].twin/3] {
				walls = append(walls, [2]uint32{tris[i][k], tris[i][(k+1)%3]})
			}
		}
	}
	if err := tol.CheckBudget("extrusion", 2*int64(len(tris))+2*int64(len(walls))); err != nil {
		return nil, err
	}
	nv := uint32(len(verts))
	m := NewMesh(2*len(verts), 2*len(tris)+2*len(walls))
	for _, p := range verts {
		m.Verts = append(m.Verts, Vec3{p[0], p[1], 0})
	}
	for _, p := range verts {
		m.Verts = append(m.Verts, Vec3{p[0], p[1], height})
	}
	for _, t := range tris {
		m.AddTri(t[0], t[2], t[1])          // bottom, facing −Z
		m.AddTri(t[0]+nv, t[1]+nv, t[2]+nv) // top, facing +Z
	}
	for _, w := range walls {
		// The filled side is left of u→v, so the outward normal points right.
		u, v := w[0], w[1]
		m.AddQuad(u, v, v+nv, u+nv)
	}
	return m, nil
}
