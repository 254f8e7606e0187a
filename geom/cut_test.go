package geom_test

import (
	"errors"
	"math"
	"testing"

	"github.com/mandrel3d/mandrel/engrave"
	"github.com/mandrel3d/mandrel/geom"
)

// slab returns a box [0, w]×[0, h]×[−t, 0] whose top and bottom are grids of
// nx×ny cells, and the patch of its top face (u = x, v = y, normal +Z).
func slab(w, h, t float64, nx, ny int) (*geom.Mesh, geom.Patch) {
	m := &geom.Mesh{}
	top := func(i, j int) uint32 { return uint32(i*(ny+1) + j) }
	bot := func(i, j int) uint32 { return uint32((nx+1)*(ny+1) + i*(ny+1) + j) }
	for _, z := range []float64{0, -t} {
		for i := 0; i <= nx; i++ {
			for j := 0; j <= ny; j++ {
				m.AddVert(geom.Vec3{w * float64(i) / float64(nx), h * float64(j) / float64(ny), z})
			}
		}
	}
	for i := 0; i < nx; i++ {
		for j := 0; j < ny; j++ {
			m.AddQuad(top(i, j), top(i+1, j), top(i+1, j+1), top(i, j+1))
			m.AddQuad(bot(i, j), bot(i, j+1), bot(i+1, j+1), bot(i+1, j))
		}
	}
	// the boundary loop, counter-clockwise seen from +Z
	var loop [][2]int
	for i := 0; i < nx; i++ {
		loop = append(loop, [2]int{i, 0})
	}
	for j := 0; j < ny; j++ {
		loop = append(loop, [2]int{nx, j})
	}
	for i := nx; i > 0; i-- {
		loop = append(loop, [2]int{i, ny})
	}
	for j := ny; j > 0; j-- {
		loop = append(loop, [2]int{0, j})
	}
	for k, a := range loop {
		b := loop[(k+1)%len(loop)]
		m.AddQuad(top(a[0], a[1]), bot(a[0], a[1]), bot(b[0], b[1]), top(b[0], b[1]))
	}
	p := geom.Patch{
		NU: nx + 1, NV: ny + 1,
		Vert: top,
		UV:   func(i, j int) geom.Vec2 { return geom.Vec2{w * float64(i) / float64(nx), h * float64(j) / float64(ny)} },
		Eval: func(uv geom.Vec2) (geom.Vec3, geom.Vec3) { return geom.Vec3{uv[0], uv[1], 0}, geom.Vec3{0, 0, 1} },
	}
	return m, p
}

func mustCheck(t *testing.T, what string, m *geom.Mesh) {
	t.Helper()
	if err := m.Check().Err(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// textRegion lays out s at cap height h, moved by (dx, dy).
func textRegion(t *testing.T, s string, h, dx, dy float64) geom.Region {
	t.Helper()
	r, err := engrave.Text{Text: s, CapHeightMM: h}.Region()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Contours {
		for i := range c {
			c[i] = c[i].Add(geom.Vec2{dx, dy})
		}
	}
	return r
}

func TestCutPatchFlat(t *testing.T) {
	const depth = 0.3
	m, p := slab(12, 6, 2, 24, 12)
	mustCheck(t, "slab", m)
	r := textRegion(t, "F8&e", 2.5, 6, 3)
	want, err := r.Area()
	if err != nil {
		t.Fatal(err)
	}
	for _, emboss := range []bool{false, true} {
		out, facts, err := geom.CutPatch(m, p, []geom.Cut{{Region: r, DepthMM: depth, Emboss: emboss}}, geom.Tolerance{})
		if err != nil {
			t.Fatal(err)
		}
		mustCheck(t, "engraved slab", out)
		dv := out.Volume() - m.Volume()
		if !emboss {
			dv = -dv
		}
		if rel := math.Abs(dv-want*depth) / (want * depth); rel > 0.02 {
			t.Errorf("emboss=%v: volume changed by %.5f mm³, area × depth = %.5f (%.2f%%)", emboss, dv, want*depth, 100*rel)
		}
		if math.Abs(facts[0].AreaMM2-want) > 1e-9*want || math.Abs(facts[0].VolumeMM3-dv) > 1e-9*dv {
			t.Errorf("facts %+v, want area %.6f volume %.6f", facts[0], want, dv)
		}
		// Every vertex is on the surface or at the depth.
		zf := -depth
		if emboss {
			zf = depth
		}
		floor := 0
		for _, tr := range out.Tris {
			for _, v := range tr {
				z := out.Verts[v][2]
				if math.Abs(z-zf) < 0.01 {
					floor++
				} else if math.Abs(z) > 1e-12 && math.Abs(z+2) > 1e-12 {
					t.Fatalf("vertex %d at z = %g: neither surface, floor nor bottom", v, z)
				}
			}
		}
		if floor == 0 {
			t.Fatal("no floor")
		}
	}
}

// TestCutPatchOutline checks that the top edge of every wall lies on the
// region's outline and every outline point is a vertex of a wall.
func TestCutPatchOutline(t *testing.T) {
	m, p := slab(12, 6, 2, 24, 12)
	r := textRegion(t, "Rg", 3, 6, 3)
	out, _, err := geom.CutPatch(m, p, []geom.Cut{{Region: r, DepthMM: 0.2}}, geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	dist := func(q geom.Vec2) float64 {
		best := math.Inf(1)
		for _, c := range r.Contours {
			for i := range c {
				a, b := c[i], c[(i+1)%len(c)]
				ab := b.Sub(a)
				s := math.Max(0, math.Min(1, q.Sub(a).Dot(ab)/ab.Dot(ab)))
				best = math.Min(best, a.Add(ab.Mul(s)).Sub(q).Len())
			}
		}
		return best
	}
	onWall := map[[2]float64]bool{}
	for _, tr := range out.Tris {
		a, b, c := out.Verts[tr[0]], out.Verts[tr[1]], out.Verts[tr[2]]
		n := b.Sub(a).Cross(c.Sub(a))
		if math.Abs(n[2]) > 1e-9*n.Len() || math.Min(a[2], math.Min(b[2], c[2])) < -0.5 {
			continue // not an engraving's wall
		}
		for _, q := range []geom.Vec3{a, b, c} {
			if q[2] == 0 {
				if d := dist(geom.Vec2{q[0], q[1]}); d > 0.02 {
					t.Fatalf("wall top vertex (%g, %g) is %.4f mm from the outline", q[0], q[1], d)
				}
				onWall[[2]float64{q[0], q[1]}] = true
			}
		}
	}
	for _, c := range r.Contours {
		for _, q := range c {
			if !onWall[[2]float64{q[0], q[1]}] {
				t.Fatalf("outline point (%g, %g) is not on a wall", q[0], q[1])
			}
		}
	}
}

func TestCutPatchErrors(t *testing.T) {
	m, p := slab(12, 6, 2, 24, 12)
	r := textRegion(t, "A", 2, 6, 3)
	off := textRegion(t, "A", 2, 30, 3)
	edge := textRegion(t, "A", 2, 6, 5.5)
	cases := map[string][]geom.Cut{
		"off the patch": {{Region: off, DepthMM: 0.2}},
		"at the edge":   {{Region: edge, DepthMM: 0.2}},
		"overlap":       {{Region: r, DepthMM: 0.2}, {Region: r, DepthMM: 0.2}},
		"no depth":      {{Region: r, DepthMM: 0}},
		"nan depth":     {{Region: r, DepthMM: math.NaN()}},
	}
	for name, cuts := range cases {
		out, _, err := geom.CutPatch(m, p, cuts, geom.Tolerance{})
		if !errors.Is(err, geom.ErrInvalid) || out != nil {
			t.Errorf("%s: got %v, want ErrInvalid", name, err)
		}
	}
	// Two cuts far apart are fine.
	a, b := textRegion(t, "A", 2, 2.5, 3), textRegion(t, "B", 2, 9.5, 3)
	out, _, err := geom.CutPatch(m, p, []geom.Cut{{Region: a, DepthMM: 0.2}, {Region: b, DepthMM: 0.1, Emboss: true}}, geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, "two cuts", out)
}
