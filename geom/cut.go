package geom

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Limits of CutPatch.
const (
	// MinCutDepthMM is the shallowest cut or relief accepted, in mm (1 µm).
	MinCutDepthMM = 0.001
	// windowWeight is the winding weight of a window's boundary, so that a
	// triangle's winding tells the window (multiples of it) from the region
	// (the remainder).
	windowWeight = 1 << 24
)

// Cut is a region to cut into a patch.
type Cut struct {
	// Region is the outline in the patch's (u, v) coordinates, mm, read by
	// its fill rule. It must lie inside the patch, clear of its open edges.
	Region Region
	// DepthMM is how far the inside is recessed (or, with Emboss, raised)
	// along the surface normal, in mm: MinCutDepthMM or more.
	DepthMM float64
	// Emboss raises the inside instead of recessing it.
	Emboss bool
}

// CutFacts are a cut's figures measured on the mesh it made.
type CutFacts struct {
	// AreaMM2 is the area of the region on the surface, in mm².
	AreaMM2 float64
	// VolumeMM3 is the volume removed (engraved) or added (embossed), mm³.
	VolumeMM3 float64
	// FloorTriangles and WallTriangles count the triangles of the recessed
	// (or raised) floor and of the side walls.
	FloorTriangles, WallTriangles int
}

// CutPatch cuts regions into a mesh's patch and returns the new mesh: for
// each cut, the cells its region covers (with a cell of margin) are replaced
// by the constrained Delaunay triangulation of their grid points and the
// region's edges, with every grid line constrained so that no triangle spans
// two cells (the surface and the floor follow the patch cell by cell, as the
// mesh around them does), mapped onto the surface by the patch's Eval. The
// triangles inside the region by its fill rule are moved by DepthMM along
// the normal (inward, or outward for Emboss), and side walls join them to the
// surface along the outline, which is followed exactly. Where the region
// touches itself at a single point (squares corner to corner), each fan of
// floor around the point gets its own vertex, moved into its fan by at most
// 2 µm, so the walls meeting there stay manifold, in an STL too. The window's
// boundary keeps the mesh's vertices, so the result stays one closed mesh
// when m is; m is not modified.
//
// Errors: a region off the patch, touching its open edges or longer than a
// closed patch; cuts whose windows overlap (join them into one region); a
// depth below MinCutDepthMM; a patch that does not match the mesh; the
// triangle budget of tol.
func CutPatch(m *Mesh, p Patch, cuts []Cut, tol Tolerance) (*Mesh, []CutFacts, error) {
	if err := p.validate(); err != nil {
		return nil, nil, err
	}
	if err := tol.Validate(); err != nil {
		return nil, nil, err
	}
	wins := make([]patchWindow, len(cuts))
	owner := map[int64]int{}
	for k, c := range cuts {
		if !(c.DepthMM >= MinCutDepthMM) || math.IsInf(c.DepthMM, 0) {
			return nil, nil, invalidf("cut %d depth %g mm: must be at least %g mm and finite", k, c.DepthMM, MinCutDepthMM)
		}
		if _, err := c.Region.validate(); err != nil {
			return nil, nil, fmt.Errorf("cut %d: %w", k, err)
		}
		b := c.Region.Bounds()
		if b.Empty() {
			return nil, nil, invalidf("cut %d: region has no points", k)
		}
		w, err := p.window(b)
		if err != nil {
			return nil, nil, fmt.Errorf("cut %d: %w", k, err)
		}
		wins[k] = w
		for _, key := range p.cellKeys(w) {
			if o, ok := owner[key]; ok && o != k {
				return nil, nil, invalidf("cuts %d and %d lie too close together on the patch (their cells overlap): make them one region or move them apart", o, k)
			}
			owner[key] = k
		}
	}
	// Triangles of the replaced cells.
	nv := len(m.Verts)
	cellOf := make([]int32, nv) // 1 + window index of a window's grid vertex
	for k, w := range wins {
		for i := w.I0; i <= w.I1; i++ {
			for j := w.J0; j <= w.J1; j++ {
				v := p.vertAt(i, j)
				if int(v) >= nv {
					return nil, nil, invalidf("patch vertex (%d, %d) = %d: the mesh has %d vertices", i, j, v, nv)
				}
				cellOf[v] = int32(k + 1)
			}
		}
	}
	removed := make([]int, len(cuts))
	keep := make([]bool, len(m.Tris))
	for t, tr := range m.Tris {
		keep[t] = true
		if int(tr[0]) >= nv || int(tr[1]) >= nv || int(tr[2]) >= nv {
			continue
		}
		k := cellOf[tr[0]]
		if k != 0 && cellOf[tr[1]] == k && cellOf[tr[2]] == k {
			keep[t] = false
			removed[k-1]++
		}
	}
	for k, w := range wins {
		if want := 2 * (w.I1 - w.I0) * (w.J1 - w.J0); removed[k] != want {
			return nil, nil, invalidf("patch does not match the mesh: cut %d covers %d cells, found %d of their %d triangles", k, want/2, removed[k], want)
		}
	}
	out := &Mesh{Verts: slices.Clip(append([]Vec3(nil), m.Verts...))}
	out.Tris = make([][3]uint32, 0, len(m.Tris))
	for t, tr := range m.Tris {
		if keep[t] {
			out.Tris = append(out.Tris, tr)
		}
	}
	facts := make([]CutFacts, len(cuts))
	for k, c := range cuts {
		f, err := cutWindow(out, &p, wins[k], c, tol)
		if err != nil {
			return nil, nil, fmt.Errorf("cut %d: %w", k, err)
		}
		facts[k] = f
	}
	return out, facts, nil
}

// cutWindow triangulates one window with its region and appends the result
// to out.
func cutWindow(out *Mesh, p *Patch, w patchWindow, c Cut, tol Tolerance) (CutFacts, error) {
	var f CutFacts
	ni, nj := w.I1-w.I0+1, w.J1-w.J0+1
	grid := make([]Vec2, 0, ni*nj)
	for i := w.I0; i <= w.I1; i++ {
		for j := w.J0; j <= w.J1; j++ {
			grid = append(grid, p.uvAt(i, j))
		}
	}
	gid := func(i, j int) int { return (i-w.I0)*nj + (j - w.J0) }
	onBorder := func(g int) bool {
		i, j := g/nj, g%nj
		return i == 0 || j == 0 || i == ni-1 || j == nj-1
	}
	// Spacing: the shortest grid edge of the window.
	h := math.Inf(1)
	for i := 0; i < ni; i++ {
		for j := 0; j < nj; j++ {
			q := grid[i*nj+j]
			if i+1 < ni {
				h = math.Min(h, grid[(i+1)*nj+j].Sub(q).Len())
			}
			if j+1 < nj {
				h = math.Min(h, grid[i*nj+j+1].Sub(q).Len())
			}
		}
	}
	if !(h > 0) || math.IsInf(h, 0) {
		return f, invalidf("patch grid has coincident points")
	}
	// Outline points. Edges need no splitting: the grid lines, constrained
	// below, split them where they leave a cell.
	var pts []Vec2
	var segs [][2]int32 // indices into pts (before the grid is prepended)
	for _, ct := range c.Region.Contours {
		n := len(ct)
		if n < 2 {
			continue
		}
		first := len(pts)
		pts = append(pts, ct...)
		for i := first; i < len(pts); i++ {
			j := i + 1
			if j == len(pts) {
				j = first
			}
			segs = append(segs, [2]int32{int32(i), int32(j)})
		}
	}
	if len(pts) > MaxCDTPoints {
		return f, fmt.Errorf("%w: region of %d points over %d", ErrBudget, len(pts), MaxCDTPoints)
	}
	all := make([]Vec2, 0, len(grid)+len(pts))
	all = append(all, grid...)
	all = append(all, pts...)
	cd, err := NewCDT(all)
	if err != nil {
		return f, err
	}
	// The window's boundary, counter-clockwise in (u, v), weighted so that the
	// triangles inside it wind windowWeight more than the region says.
	var loop []int
	for i := 0; i < ni-1; i++ {
		loop = append(loop, gid(w.I0+i, w.J0))
	}
	for j := 0; j < nj-1; j++ {
		loop = append(loop, gid(w.I1, w.J0+j))
	}
	for i := ni - 1; i > 0; i-- {
		loop = append(loop, gid(w.I0+i, w.J1))
	}
	for j := nj - 1; j > 0; j-- {
		loop = append(loop, gid(w.I0, w.J0+j))
	}
	var area2 float64
	for k := range loop {
		area2 += cross2(grid[loop[k]], grid[loop[(k+1)%len(loop)]])
	}
	if area2 < 0 {
		slices.Reverse(loop)
	}
	for k := range loop {
		a, b := cd.rep[loop[k]], cd.rep[loop[(k+1)%len(loop)]]
		if err := cd.addSegment(a, b, windowWeight); err != nil {
			return f, err
		}
	}
	// Every grid line inside the window, constrained with no winding, so
	// that no triangle spans two cells: the surface and the floor then
	// follow the patch cell by cell, as the mesh around them does. A grid
	// line runs through the outline's points that lie on it to within the
	// merge distance (see onGridLines).
	var lines [][2]int32
	for i := 1; i < ni-1; i++ {
		for j := 0; j < nj-1; j++ {
			lines = append(lines, [2]int32{cd.rep[gid(w.I0+i, w.J0+j)], cd.rep[gid(w.I0+i, w.J0+j+1)]})
		}
	}
	for j := 1; j < nj-1; j++ {
		for i := 0; i < ni-1; i++ {
			lines = append(lines, [2]int32{cd.rep[gid(w.I0+i, w.J0+j)], cd.rep[gid(w.I0+i+1, w.J0+j)]})
		}
	}
	on := onGridLines(cd, lines, int32(len(grid)), h)
	for k, l := range lines {
		a := l[0]
		for _, v := range on[k] {
			if err := cd.addSegment(a, v, 0); err != nil {
				return f, err
			}
			a = v
		}
		if err := cd.addSegment(a, l[1], 0); err != nil {
			return f, err
		}
	}
	base := int32(len(grid))
	for _, s := range segs {
		if err := cd.addSegment(cd.rep[base+s[0]], cd.rep[base+s[1]], 1); err != nil {
			return f, err
		}
	}
	// The boundary must survive whole: nothing of the region on it.
	for k := range loop {
		a, b := cd.rep[loop[k]], cd.rep[loop[(k+1)%len(loop)]]
		if cd.findEdge(a, b) < 0 {
			return f, invalidf("region reaches the edge of the surface (u %.3f, v %.3f mm)", grid[loop[k]][0], grid[loop[k]][1])
		}
	}
	return cutAssemble(out, p, w, c, cd, len(grid), nj, onBorder, tol)
}

// onGridLines returns, for each grid line segment of lines (vertex pairs of
// cd), the outline's vertices (those not merged into a grid point: index
// nGrid or more) within the merge distance of it, in order from its first
// end to its second; each vertex goes to its nearest segment only. h is the
// grid's spacing (the shortest segment), mm.
//
// Such a point lies on the line for every purpose but the exact predicates:
// a glyph's straight edge on a grid line, its points moved by a float
// addition, lands 1e-16 mm beside it. Constrained straight, the line would
// then pass the point at that distance and leave a triangle of it and the
// line's two ends, of zero area in all but rounding: a degenerate triangle
// on the surface and on the floor (and walls meeting at it). Constrained
// through the point instead, the line bends by less than the merge distance
// and no such sliver is forced.
func onGridLines(cd *CDT, lines [][2]int32, nGrid int32, h float64) [][]int32 {
	out := make([][]int32, len(lines))
	if !(cd.eps2 > 0) || !(h > 0) {
		return out
	}
	eps := math.Sqrt(cd.eps2)
	// The outline's distinct vertices, bucketed on a square grid of side h.
	type key struct{ x, y int64 }
	cell := func(q Vec2) key { return key{int64(math.Floor(q[0] / h)), int64(math.Floor(q[1] / h))} }
	buckets := map[key][]int32{}
	seen := make([]bool, len(cd.pts))
	var verts []int32
	for p := nGrid; p < int32(len(cd.rep)); p++ {
		v := cd.rep[p]
		if v < nGrid || seen[v] {
			continue
		}
		seen[v] = true
		verts = append(verts, v)
		k := cell(cd.pts[v])
		buckets[k] = append(buckets[k], v)
	}
	if len(verts) == 0 {
		return out
	}
	best := make(map[int32]int, len(verts)) // vertex → index of its nearest line
	bestD := make(map[int32]float64, len(verts))
	for li, l := range lines {
		pa, pb := cd.pts[l[0]], cd.pts[l[1]]
		lo := cell(Vec2{math.Min(pa[0], pb[0]) - eps, math.Min(pa[1], pb[1]) - eps})
		hi := cell(Vec2{math.Max(pa[0], pb[0]) + eps, math.Max(pa[1], pb[1]) + eps})
		if (hi.x-lo.x+1)*(hi.y-lo.y+1) > int64(4*len(verts)+64) {
			// a line far longer than the spacing: test every vertex
			lo, hi = key{1, 1}, key{0, 0}
			for _, v := range verts {
				if d := segmentDist(pa, pb, cd.pts[v]); d <= eps {
					if bd, ok := bestD[v]; !ok || d < bd {
						best[v], bestD[v] = li, d
					}
				}
			}
		}
		for x := lo.x; x <= hi.x; x++ {
			for y := lo.y; y <= hi.y; y++ {
				for _, v := range buckets[key{x, y}] {
					if d := segmentDist(pa, pb, cd.pts[v]); d <= eps {
						if bd, ok := bestD[v]; !ok || d < bd {
							best[v], bestD[v] = li, d
						}
					}
				}
			}
		}
	}
	// verts is in index order, so out is deterministic before the sort
	for _, v := range verts {
		if li, ok := best[v]; ok {
			out[li] = append(out[li], v)
		}
	}
	for li, vs := range out {
		if len(vs) < 2 {
			continue
		}
		pa, pb := cd.pts[lines[li][0]], cd.pts[lines[li][1]]
		d := pb.Sub(pa)
		slices.SortStableFunc(vs, func(a, b int32) int {
			return cmp.Compare(cd.pts[a].Sub(pa).Dot(d), cd.pts[b].Sub(pa).Dot(d))
		})
	}
	return out
}
