package link

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Plate limits and defaults (Nomination-style modular links, REFERENCE.md:
// about 9–10 mm × 9–10 mm × 2.5 mm), mm.
const (
	DefaultPlateWidthMM     = 9.0
	DefaultPlateHeightMM    = 9.5
	DefaultPlateThicknessMM = 2.5
	// DefaultHingeWireMM is the hinge rings' wire diameter.
	DefaultHingeWireMM = 0.6
	// MinPlateWallMM is the metal a plate keeps round its hinge bores.
	MinPlateWallMM = 0.4
	// MaxPlateCellMM is the largest side of a plate face's grid cells (the
	// grid an engraving is cut into).
	MaxPlateCellMM = 0.5
)

// Plate is one plate of a modular bracelet in its own frame: x along the
// bracelet (WidthMM), y across the wrist (HeightMM), z outward
// (ThicknessMM), centred on the origin. It has a hinge bore along y near
// each end.
type Plate struct {
	WidthMM, HeightMM, ThicknessMM float64
	// BoreRadiusMM is the hinge bores' radius and BoreXMM the distance of
	// their axes from the plate's centre along x, mm.
	BoreRadiusMM, BoreXMM float64
	// Mesh is the plate, closed and outward.
	Mesh *geom.Mesh
	// Front is the outer face (z = ThicknessMM/2) as a structured grid:
	// u = x, v = y, the normal +z, so a region reads correctly from
	// outside the bracelet.
	Front geom.Patch
}

// plateGridLines returns the lines of a face's grid across [−half, half]: the
// two edges and lines about step apart between them, off round distances
// from the centre by the fraction off of a step (a glyph's straight edge
// exactly on a grid line would leave degenerate triangles in a cut).
func plateGridLines(half, step, off float64) []float64 {
	out := []float64{-half}
	k0 := math.Ceil((-half+0.3*step)/step - off)
	for k := k0; ; k++ {
		x := (k + off) * step
		if x > half-0.3*step {
			break
		}
		out = append(out, x)
	}
	return append(out, half)
}

// newPlate builds a plate with bores of radius rb whose axes lie bx from
// the centre.
func newPlate(w, h, t, rb, bx float64, tol geom.Tolerance) (*Plate, error) {
	pl := &Plate{WidthMM: w, HeightMM: h, ThicknessMM: t, BoreRadiusMM: rb, BoreXMM: bx}
	xs := plateGridLines(w/2, MaxPlateCellMM, 0.3719)
	ys := plateGridLines(h/2, MaxPlateCellMM, 0.4281)
	nu, nv := len(xs), len(ys)
	// bore polygon: its sides (not corners) at rb, so the clearance is at
	// least the nominal one
	nb := max(tol.Segments(rb, 2*math.Pi), 12)
	rc := rb / math.Cos(math.Pi/float64(nb))
	if err := tol.CheckBudget("bracelet plate", int64(4*nu*nv+8*nv+4*nb+4*nu)); err != nil {
		return nil, err
	}
	m := geom.NewMesh(2*nu*nv+4*nb, 4*nu*nv+8*nv+4*nb+4*nu)
	// orient adds a triangle facing want.
	orient := func(a, b, c uint32, want geom.Vec3) {
		pa, pb, pc := m.Verts[a], m.Verts[b], m.Verts[c]
		if pb.Sub(pa).Cross(pc.Sub(pa)).Dot(want) < 0 {
			b, c = c, b
		}
		m.AddTri(a, b, c)
	}
	front := make([]uint32, nu*nv)
	back := make([]uint32, nu*nv)
	for i, x := range xs {
		for j, y := range ys {
			front[i*nv+j] = m.AddVert(geom.Vec3{x, y, t / 2})
			back[i*nv+j] = m.AddVert(geom.Vec3{x, y, -t / 2})
		}
	}
	up, down := geom.Vec3{0, 0, 1}, geom.Vec3{0, 0, -1}
	for i := 0; i+1 < nu; i++ {
		for j := 0; j+1 < nv; j++ {
			a, b, c, d := i*nv+j, (i+1)*nv+j, (i+1)*nv+j+1, i*nv+j+1
			orient(front[a], front[b], front[c], up)
			orient(front[a], front[c], front[d], up)
			orient(back[a], back[b], back[c], down)
			orient(back[a], back[c], back[d], down)
		}
	}
	// ends (x = ±w/2)
	for _, e := range []struct {
		i    int
		want geom.Vec3
	}{{0, geom.Vec3{-1, 0, 0}}, {nu - 1, geom.Vec3{1, 0, 0}}} {
		for j := 0; j+1 < nv; j++ {
			a, b := e.i*nv+j, e.i*nv+j+1
			orient(front[a], back[a], back[b], e.want)
			orient(front[a], back[b], front[b], e.want)
		}
	}
	// sides (y = ±h/2): the cross-section with the two bores, triangulated
	var pts []geom.Vec2
	var segs [][2]int
	outer := make([]int, 0, 2*nu)
	for i := range xs { // bottom edge, left to right
		outer = append(outer, len(pts))
		pts = append(pts, geom.Vec2{xs[i], -t / 2})
	}
	for i := nu - 1; i >= 0; i-- { // top edge, right to left
		outer = append(outer, len(pts))
		pts = append(pts, geom.Vec2{xs[i], t / 2})
	}
	for k := range outer {
		segs = append(segs, [2]int{outer[k], outer[(k+1)%len(outer)]})
	}
	boreStart := len(pts)
	for _, cx := range []float64{-bx, bx} {
		o := len(pts)
		for k := 0; k < nb; k++ {
			s, c := math.Sincos(-2 * math.Pi * float64(k) / float64(nb)) // clockwise
			pts = append(pts, geom.Vec2{cx + rc*c, rc * s})
			segs = append(segs, [2]int{o + k, o + (k+1)%nb})
		}
	}
	tr, err := geom.Triangulate2D(pts, segs)
	if err != nil {
		return nil, err
	}
	if len(tr.Verts) != len(pts) {
		return nil, fmt.Errorf("%w: plate %g × %g mm: its hinge bores touch its faces", ErrParams, w, t)
	}
	inv := make([]int, len(tr.Verts))
	for k, v := range tr.Index[:len(pts)] {
		inv[v] = k
	}
	var sideIDs [2][]uint32
	for si, side := range []struct {
		j    int
		want geom.Vec3
	}{{0, geom.Vec3{0, -1, 0}}, {nv - 1, geom.Vec3{0, 1, 0}}} {
		y := ys[side.j]
		id := make([]uint32, len(pts))
		for k := range pts {
			switch {
			case k < nu:
				id[k] = back[k*nv+side.j]
			case k < 2*nu:
				id[k] = front[(2*nu-1-k)*nv+side.j]
			default:
				id[k] = m.AddVert(geom.Vec3{pts[k][0], y, pts[k][1]})
			}
		}
		for ti, tri := range tr.Tris {
			if tr.Winding[ti] == 0 {
				continue
			}
			orient(id[inv[tri[0]]], id[inv[tri[1]]], id[inv[tri[2]]], side.want)
		}
		sideIDs[si] = id
	}
	// bore walls, facing the bores' axes
	for b, cx := range []float64{-bx, bx} {
		o := boreStart + b*nb
		for k := 0; k < nb; k++ {
			k1 := (k + 1) % nb
			mid := pts[o+k].Add(pts[o+k1]).Mul(0.5)
			want := geom.Vec3{cx - mid[0], 0, -mid[1]}
			a0, a1 := sideIDs[0][o+k], sideIDs[0][o+k1]
			b0, b1 := sideIDs[1][o+k], sideIDs[1][o+k1]
			orient(a0, a1, b1, want)
			orient(a0, b1, b0, want)
		}
	}
	pl.Mesh = m
	pl.Front = geom.Patch{NU: nu, NV: nv,
		Vert: func(i, j int) uint32 { return front[i*nv+j] },
		UV:   func(i, j int) geom.Vec2 { return geom.Vec2{xs[i], ys[j]} },
		Eval: func(q geom.Vec2) (geom.Vec3, geom.Vec3) { return geom.Vec3{q[0], q[1], t / 2}, up },
	}
	return pl, nil
}
