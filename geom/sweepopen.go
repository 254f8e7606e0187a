package geom

// Sweep joins profiles, one per frame, along an open path into a closed
// solid: station i to station i+1, with the first station capped facing
// backwards (against X × Y of its frame) and the last capped facing forwards.
// Every profile is a simple polygon with the same number of points (at least
// 3), counter-clockwise in its frame's (x, y) and listed from corresponding
// starting points; consecutive frames must advance along X × Y. The caps are
// the constrained Delaunay triangulations of the first and last profiles, on
// the profile points only. Stations may differ in shape and size, as long as
// the solid does not fold over itself.
func Sweep(frames []Frame, profiles [][]Vec2, tol Tolerance) (*Mesh, error) {
	n, k, err := checkStations("open sweep", frames, profiles, 2)
	if err != nil {
		return nil, err
	}
	if err := tol.Validate(); err != nil {
		return nil, err
	}
	if err := tol.CheckBudget("sweep", 2*int64(n-1)*int64(k)+2*int64(k-2)); err != nil {
		return nil, err
	}
	first, err := capTriangles(0, profiles[0])
	if err != nil {
		return nil, err
	}
	last, err := capTriangles(n-1, profiles[n-1])
	if err != nil {
		return nil, err
	}
	m := NewMesh(n*k, 2*(n-1)*k+2*(k-2))
	for i, f := range frames {
		for _, p := range profiles[i] {
			q := f.Place(p)
			if !finite(q) {
				return nil, invalidf("sweep station %d has a non-finite point", i)
			}
			m.Verts = append(m.Verts, q)
		}
	}
	idx := func(i, j int) uint32 { return uint32(i*k + j%k) }
	for i := 0; i+1 < n; i++ {
		for j := 0; j < k; j++ {
			m.AddQuad(idx(i, j), idx(i, j+1), idx(i+1, j+1), idx(i+1, j))
		}
	}
	for _, t := range first { // facing backwards: reversed
		m.AddTri(idx(0, int(t[0])), idx(0, int(t[2])), idx(0, int(t[1])))
	}
	for _, t := range last {
		m.AddTri(idx(n-1, int(t[0])), idx(n-1, int(t[1])), idx(n-1, int(t[2])))
	}
	return m, nil
}

// capTriangles triangulates a sweep profile for a cap, on its own points
// (indices into the profile), counter-clockwise. The profile must be a
// simple counter-clockwise polygon: its triangulation then has exactly
// k−2 triangles, each wound once, and no new or merged points.
func capTriangles(station int, p []Vec2) ([][3]uint32, error) {
	if err := checkProfile("sweep cap profile", p); err != nil {
		return nil, invalidf("station %d: %v", station, err)
	}
	rt, err := Region{Contours: []Contour{Contour(p)}}.triangulate()
	if err != nil {
		return nil, invalidf("sweep profile %d: %v", station, err)
	}
	c := rt.c
	simple := len(c.pts) == len(p)
	for i, r := range c.rep {
		simple = simple && r == int32(i)
	}
	var tris [][3]uint32
	for t, keep := range rt.keep {
		if !keep {
			continue
		}
		if rt.wind[t] != 1 {
			simple = false
		}
		tris = append(tris, [3]uint32{uint32(c.he[3*t].v), uint32(c.he[3*t+1].v), uint32(c.he[3*t+2].v)})
	}
	if !simple || len(tris) != len(p)-2 {
		return nil, invalidf("sweep profile %d is not a simple polygon (it touches or crosses itself, or repeats a point)", station)
	}
	return tris, nil
}
