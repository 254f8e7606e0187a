package geom

import (
	"math"
	"slices"
)

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
	pinch := cutPinches(cd, state)
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
	// lowCorner is the floor vertex of the corner at half-edge e's origin:
	// the vertex's own, or at a pinch point its fan's.
	fanLow := map[int32]uint32{}
	lowCorner := func(e int32) uint32 {
		v := cd.he[e].v
		fan, ok := pinch.fanOf[e]
		if !ok {
			return lowVert(v)
		}
		if id, ok := fanLow[fan]; ok {
			return id
		}
		uv := pinch.at[fan]
		q, n := p.Eval(uv)
		q = q.Add(n.Mul(d))
		if !finite(q) {
			bad = invalidf("patch maps (%g, %g) to a non-finite point or normal", uv[0], uv[1])
		}
		id := out.AddVert(q)
		fanLow[fan] = id
		return id
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
		la, lb, lq := lowCorner(e), lowCorner(e+1), lowCorner(e+2)
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
			tu, tv, lu, lv := topVert(u), topVert(v), lowCorner(e+k), lowCorner(e+(k+1)%3)
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

// cutPinch lists the pinch points of a window's region: vertices where the
// region touches itself or another of its parts at a single point (two
// squares corner to corner, a figure eight), so that more than one fan of
// inside triangles meets there. A shared floor vertex would join the fans'
// walls along one edge of four triangles; each fan gets its own.
type cutPinch struct {
	// fanOf maps a half-edge of an inside triangle, starting at a pinch
	// point, to its fan's number.
	fanOf map[int32]int32
	// at is each fan's floor point in (u, v): the pinch point moved a little
	// into the fan (see cutPinches).
	at []Vec2
}

// pinchMoveMM caps how far a fan's floor point moves from its pinch point,
// mm: far below what casting or printing resolves, far above float32
// rounding at jewellery sizes, so the fans' floors stay apart in an STL too.
const pinchMoveMM = 0.002

// cutPinches finds the pinch points of the triangulation cd with triangle
// states state, and numbers their fans. A vertex has one wall edge in and
// one out per fan of inside triangles, so more than two wall edges mark a
// pinch. The fans are found by walking around the vertex, starting from a
// triangle outside the region. Each fan's floor point moves from the pinch
// point toward the centroid of its first triangle by at most a tenth of
// the fan's smallest height over the point (so no floor triangle flips)
// and at most pinchMoveMM.
func cutPinches(cd *CDT, state []uint8) cutPinch {
	var pc cutPinch
	walls := map[int32]int{}
	nt := len(cd.he) / 3
	for t := 0; t < nt; t++ {
		if state[t] != cutInside {
			continue
		}
		e := 3 * int32(t)
		for k := int32(0); k < 3; k++ {
			if state[cd.he[e+k].twin/3] == cutSurface {
				walls[cd.he[e+k].v]++
				walls[cd.he[e+(k+1)%3].v]++
			}
		}
	}
	var pts []int32
	for v, n := range walls {
		if n > 2 {
			pts = append(pts, v)
		}
	}
	if len(pts) == 0 {
		return pc
	}
	slices.Sort(pts) // map order is random; the output must not be
	pc.fanOf = map[int32]int32{}
	// next turns around a half-edge's origin: the half-edge from the same
	// vertex in the neighbouring triangle.
	next := func(e int32) int32 {
		prev := e/3*3 + (e%3+2)%3
		return cd.he[prev].twin
	}
	for _, v := range pts {
		// a start outside the region, so no fan is cut in two
		e0 := cd.vt[v]
		for e := e0; ; {
			if state[e/3] != cutInside {
				e0 = e
				break
			}
			if e = next(e); e == e0 {
				break
			}
		}
		pv := cd.pts[v]
		fan := int32(-1)
		var first Vec2
		minH := math.Inf(1)
		flush := func() {
			if fan < 0 {
				return
			}
			dir := first.Sub(pv)
			l := dir.Len()
			move := min(0.25*l, 0.1*minH, pinchMoveMM)
			pc.at[fan] = pv.Add(dir.Mul(move / l))
		}
		inFan := false
		for e := e0; ; {
			if state[e/3] == cutInside {
				if !inFan {
					flush()
					fan = int32(len(pc.at))
					pc.at = append(pc.at, pv)
					t := e / 3 * 3
					a, b, c := cd.pts[cd.he[t].v], cd.pts[cd.he[t+1].v], cd.pts[cd.he[t+2].v]
					first = a.Add(b).Add(c).Mul(1.0 / 3)
					minH = math.Inf(1)
					inFan = true
				}
				pc.fanOf[e] = fan
				// height of v over the opposite edge of this triangle
				b, c := cd.pts[cd.he[e/3*3+(e%3+1)%3].v], cd.pts[cd.he[e/3*3+(e%3+2)%3].v]
				if bc := c.Sub(b); bc.Len() > 0 {
					minH = min(minH, math.Abs(cross2(bc, pv.Sub(b)))/bc.Len())
				}
			} else {
				inFan = false
			}
			if e = next(e); e == e0 {
				break
			}
		}
		flush()
	}
	return pc
}
