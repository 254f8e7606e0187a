package geom

import "math"

// Triangle states of a window's triangulation.
const (
	cutOutside = iota // a ghost, or outside the window
	cutSurface        // in the window, outside the region
	cutInside         // inside the region: moved to the floor (or the relief)
)

// cutAssemble maps a window's triangulation onto the surface and appends
// its triangles (surface, floor, walls) to out. Points below len(gridOf) are
// grid points (gridOf gives their index in the window, nj rows a column).
func cutAssemble(out *Mesh, p *Patch, w patchWindow, c Cut, cd *CDT, nGrid int, nj int, onBorder func(int) bool, tol Tolerance) (CutFacts, error) {
	var f CutFacts
	nt := len(cd.he) / 3
	wind := cd.windings()
	state := make([]uint8, nt)
	var nSurf, nIn, nWall int
	for t := 0; t < nt; t++ {
		if cd.isGhostTri(int32(t)) {
			continue
		}
		wt := int64(wind[t])
		inWin := (wt + windowWeight/2) >> 24 // floor division by windowWeight
		rw := wt - inWin*windowWeight
		switch {
		case inWin == 0 && rw == 0:
			continue
		case inWin != 1:
			return f, invalidf("region leaves the surface's grid window (internal winding %d)", wt)
		}
		in := rw != 0
		if c.Region.Fill == EvenOdd {
			in = rw%2 != 0
		}
		if in {
			state[t] = cutInside
			nIn++
		} else {
			state[t] = cutSurface
			nSurf++
		}
	}
	for t := 0; t < nt; t++ {
		if state[t] != cutInside {
			continue
		}
		for k := int32(0); k < 3; k++ {
			switch state[cd.he[3*int32(t)+k].twin/3] {
			case cutSurface:
				nWall++
			case cutOutside:
				return f, invalidf("region reaches the edge of the surface's grid window")
			}
		}
	}
	if err := tol.CheckBudget("engraved mesh", int64(len(out.Tris))+int64(nSurf+nIn+2*nWall)); err != nil {
		return f, err
	}
	np := len(cd.pts)
	top := make([]int32, np)
	low := make([]int32, np)
	evalN := make([]Vec3, np)
	evalP := make([]Vec3, np)
	have := make([]bool, np)
	for i := range top {
		top[i], low[i] = -1, -1
	}
	eval := func(v int32) {
		if !have[v] {
			evalP[v], evalN[v] = p.Eval(cd.pts[v])
			have[v] = true
		}
	}
	var bad error
	topVert := func(v int32) uint32 {
		if top[v] < 0 {
			if int(v) < nGrid {
				g := int(v)
				top[v] = int32(p.vertAt(w.I0+g/nj, w.J0+g%nj))
			} else {
				eval(v)
				if !finite(evalP[v]) {
					bad = invalidf("patch maps (%g, %g) to a non-finite point", cd.pts[v][0], cd.pts[v][1])
				}
				top[v] = int32(out.AddVert(evalP[v]))
			}
		}
		return uint32(top[v])
	}
	d := c.DepthMM
	if !c.Emboss {
		d = -d
	}
	lowVert := func(v int32) uint32 {
		if low[v] < 0 {
			if int(v) < nGrid && onBorder(int(v)) {
				bad = invalidf("region reaches the edge of the surface's grid window")
			}
			eval(v)
			q := evalP[v].Add(evalN[v].Mul(d))
			if !finite(q) {
				bad = invalidf("patch maps (%g, %g) to a non-finite point or normal", cd.pts[v][0], cd.pts[v][1])
			}
			low[v] = int32(out.AddVert(q))
		}
		return uint32(low[v])
	}
	// Volumes as sums of a·(b×c) about a local origin.
	var o Vec3
	originSet := false
	det := func(a, b, c uint32) float64 {
		if !originSet {
			o, originSet = out.Verts[a], true
		}
		pa, pb, pc := out.Verts[a].Sub(o), out.Verts[b].Sub(o), out.Verts[c].Sub(o)
		return pa.Dot(pb.Cross(pc))
	}
	var lid, moved, walls float64
	for t := 0; t < nt; t++ {
		s := state[t]
		if s == cutOutside {
			continue
		}
		e := 3 * int32(t)
		a, b, q := cd.he[e].v, cd.he[e+1].v, cd.he[e+2].v
		if s == cutSurface {
			out.AddTri(topVert(a), topVert(b), topVert(q))
			continue
		}
		ta, tb, tq := topVert(a), topVert(b), topVert(q)
		la, lb, lq := lowVert(a), lowVert(b), lowVert(q)
		out.AddTri(la, lb, lq)
		f.FloorTriangles++
		pa, pb, pq := out.Verts[ta], out.Verts[tb], out.Verts[tq]
		f.AreaMM2 += pb.Sub(pa).Cross(pq.Sub(pa)).Len() / 2
		lid += det(ta, tb, tq)
		moved += det(la, lb, lq)
		for k := int32(0); k < 3; k++ {
			if state[cd.he[e+k].twin/3] != cutSurface {
				continue
			}
			u, v := cd.he[e+k].v, cd.he[e+(k+1)%3].v
			tu, tv, lu, lv := topVert(u), topVert(v), lowVert(u), lowVert(v)
			out.AddQuad(tu, tv, lv, lu)
			walls += det(tu, tv, lv) + det(tu, lv, lu)
			f.WallTriangles += 2
		}
	}
	if bad != nil {
		return f, bad
	}
	f.VolumeMM3 = math.Abs(moved+walls-lid) / 6
	return f, nil
}
