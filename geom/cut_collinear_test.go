package geom_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// Regions whose edges lie exactly on the patch's grid lines: the outline
// edge and the constrained grid line are then one edge of the window's
// triangulation. Every case is cut into a slab of 0.5 mm cells (grid lines
// at exact multiples of 0.5 mm), engraved and embossed.

// collinearCases returns the regions, each with its exact area in mm².
func collinearCases(t *testing.T) []struct {
	name string
	r    geom.Region
} {
	t.Helper()
	poly := func(fill geom.FillRule, cs ...geom.Contour) geom.Region {
		return geom.Region{Fill: fill, Contours: cs}
	}
	rect := func(x0, y0, x1, y1 float64) geom.Contour {
		return geom.Contour{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
	}
	rev := func(c geom.Contour) geom.Contour {
		out := make(geom.Contour, len(c))
		for i := range c {
			out[i] = c[len(c)-1-i]
		}
		return out
	}
	// An "F" whose stem's left side and top lie on grid lines (u = 3,
	// v = 5), its middle bar's top off the grid.
	f := geom.Contour{{3, 1}, {3.7, 1}, {3.7, 2.6}, {5.1, 2.6}, {5.1, 3.2}, {3.7, 3.2}, {3.7, 4.3}, {5.6, 4.3}, {5.6, 5}, {3, 5}}
	// The glyph "F" of the engraving font at 4 mm cap height, moved so that
	// its stem's left side and its foot lie on grid lines.
	glyph := textRegion(t, "F", 4, 0, 0)
	b := glyph.Bounds()
	glyph = textRegion(t, "F", 4, 4-b.Min[0], 1-b.Min[1])
	return []struct {
		name string
		r    geom.Region
	}{
		{"rectangle on grid lines", poly(geom.NonZero, rect(2, 1.5, 5, 4))},
		{"clockwise rectangle on grid lines", poly(geom.NonZero, rev(rect(2, 1.5, 5, 4)))},
		{"one-cell square", poly(geom.NonZero, rect(3, 2, 3.5, 2.5))},
		{"F with stem on a grid line", poly(geom.NonZero, f)},
		{"F glyph at 4 mm", glyph},
		{"edge along a grid line for part of its length", poly(geom.NonZero,
			geom.Contour{{2.2, 2}, {4.3, 2}, {4.3, 3.7}, {2.2, 3.1}})},
		{"edge along a grid line, ends off the nodes", poly(geom.NonZero,
			geom.Contour{{2.2, 1.3}, {3.25, 1.5}, {4.75, 1.5}, {5.2, 3.9}, {2.2, 3.9}})},
		{"vertices on grid nodes", poly(geom.NonZero,
			geom.Contour{{4, 1}, {5.5, 3}, {4, 4.5}, {2.5, 3}})},
		{"diagonal through grid nodes", poly(geom.NonZero,
			geom.Contour{{2, 1}, {5, 4}, {2, 4}})},
		{"vertex on a node, edges off the lines", poly(geom.NonZero,
			geom.Contour{{3, 2}, {4.3, 1.2}, {4.1, 3.3}})},
		{"hole on grid lines (even-odd)", poly(geom.EvenOdd, rect(2, 1, 6, 5), rect(3, 2, 4.5, 3.5))},
		{"hole on grid lines (non-zero)", poly(geom.NonZero, rect(2, 1, 6, 5), rev(rect(3, 2, 4.5, 3.5)))},
		{"hole sharing a side with the outline", poly(geom.EvenOdd, rect(2, 1, 6, 5), rect(2, 2, 3.5, 3.5))},
		{"two rectangles sharing a side on a grid line", poly(geom.NonZero, rect(2, 2, 3, 4), rect(3, 2, 4.5, 4))},
		{"two rectangles sharing part of a side", poly(geom.NonZero, rect(2, 2, 3, 4), rect(3, 2.7, 4.5, 4.6))},
		{"overlapping rectangles with sides on one line", poly(geom.NonZero, rect(2, 1, 4, 3), rect(3, 1, 5, 2))},
	}
}

func TestCutPatchCollinearWithGrid(t *testing.T) {
	const depth = 0.25
	m, p := slab(12, 6, 2, 24, 12)
	mustCheck(t, "slab", m)
	base := m.Volume()
	for _, tc := range collinearCases(t) {
		area, err := tc.r.Area()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, emboss := range []bool{false, true} {
			out, facts, err := geom.CutPatch(m, p, []geom.Cut{{Region: tc.r, DepthMM: depth, Emboss: emboss}}, geom.Tolerance{})
			if err != nil {
				t.Errorf("%s, emboss=%v: %v", tc.name, emboss, err)
				continue
			}
			if err := out.Check().Err(); err != nil {
				t.Errorf("%s, emboss=%v: %v", tc.name, emboss, err)
				continue
			}
			dv := out.Volume() - base
			if !emboss {
				dv = -dv
			}
			want := area * depth
			if rel := math.Abs(dv-want) / want; rel > 1e-6 {
				t.Errorf("%s, emboss=%v: volume changed by %.9f mm³, area × depth = %.9f", tc.name, emboss, dv, want)
			}
			if math.Abs(facts[0].AreaMM2-area) > 1e-6*area || math.Abs(facts[0].VolumeMM3-dv) > 1e-6*want {
				t.Errorf("%s, emboss=%v: facts %+v, want area %.9f volume %.9f", tc.name, emboss, facts[0], area, dv)
			}
			// Every vertex is on the surface, the floor (or relief) or the
			// slab's bottom; the floor's triangles cover the area.
			zf := -depth
			if emboss {
				zf = depth
			}
			var floorArea float64
			for _, tr := range out.Tris {
				a, b, c := out.Verts[tr[0]], out.Verts[tr[1]], out.Verts[tr[2]]
				for _, q := range []geom.Vec3{a, b, c} {
					if z := q[2]; z != 0 && z != -2 && math.Abs(z-zf) > 1e-12 {
						t.Fatalf("%s, emboss=%v: vertex (%g, %g, %g): neither surface, floor nor bottom", tc.name, emboss, q[0], q[1], q[2])
					}
				}
				if math.Abs(a[2]-zf) < 1e-12 && math.Abs(b[2]-zf) < 1e-12 && math.Abs(c[2]-zf) < 1e-12 {
					floorArea += b.Sub(a).Cross(c.Sub(a)).Len() / 2
				}
			}
			if math.Abs(floorArea-area) > 1e-9*area {
				t.Errorf("%s, emboss=%v: floor area %.9f mm², region %.9f", tc.name, emboss, floorArea, area)
			}
		}
	}
}

// gridSlab is slab with the grid lines at xs (u = x) and ys (v = y).
func gridSlab(xs, ys []float64, t float64) (*geom.Mesh, geom.Patch) {
	nu, nv := len(xs), len(ys)
	m := &geom.Mesh{}
	top := func(i, j int) uint32 { return uint32(i*nv + j) }
	bot := func(i, j int) uint32 { return uint32(nu*nv + i*nv + j) }
	for _, z := range []float64{0, -t} {
		for _, x := range xs {
			for _, y := range ys {
				m.AddVert(geom.Vec3{x, y, z})
			}
		}
	}
	for i := 0; i+1 < nu; i++ {
		for j := 0; j+1 < nv; j++ {
			m.AddQuad(top(i, j), top(i+1, j), top(i+1, j+1), top(i, j+1))
			m.AddQuad(bot(i, j), bot(i, j+1), bot(i+1, j+1), bot(i+1, j))
		}
	}
	var loop [][2]int
	for i := 0; i+1 < nu; i++ {
		loop = append(loop, [2]int{i, 0})
	}
	for j := 0; j+1 < nv; j++ {
		loop = append(loop, [2]int{nu - 1, j})
	}
	for i := nu - 1; i > 0; i-- {
		loop = append(loop, [2]int{i, nv - 1})
	}
	for j := nv - 1; j > 0; j-- {
		loop = append(loop, [2]int{0, j})
	}
	for k, a := range loop {
		b := loop[(k+1)%len(loop)]
		m.AddQuad(top(a[0], a[1]), bot(a[0], a[1]), bot(b[0], b[1]), top(b[0], b[1]))
	}
	p := geom.Patch{
		NU: nu, NV: nv,
		Vert: top,
		UV:   func(i, j int) geom.Vec2 { return geom.Vec2{xs[i], ys[j]} },
		Eval: func(uv geom.Vec2) (geom.Vec3, geom.Vec3) { return geom.Vec3{uv[0], uv[1], 0}, geom.Vec3{0, 0, 1} },
	}
	return m, p
}

// checkCut cuts r into m and checks the result: a valid solid, the volume
// area × depth (1e-6 relative), every vertex on the surface, the floor (or
// relief) or the bottom at z = -2, the floor's area the region's.
func checkCut(t *testing.T, name string, m *geom.Mesh, p geom.Patch, r geom.Region, depth float64, emboss bool) {
	t.Helper()
	area, err := r.Area()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out, facts, err := geom.CutPatch(m, p, []geom.Cut{{Region: r, DepthMM: depth, Emboss: emboss}}, geom.Tolerance{})
	if err != nil {
		t.Errorf("%s, emboss=%v: %v", name, emboss, err)
		return
	}
	if err := out.Check().Err(); err != nil {
		t.Errorf("%s, emboss=%v: %v", name, emboss, err)
		return
	}
	dv := out.Volume() - m.Volume()
	if !emboss {
		dv = -dv
	}
	want := area * depth
	if rel := math.Abs(dv-want) / want; rel > 1e-6 {
		t.Errorf("%s, emboss=%v: volume changed by %.9f mm³, area × depth = %.9f", name, emboss, dv, want)
	}
	if math.Abs(facts[0].AreaMM2-area) > 1e-6*area || math.Abs(facts[0].VolumeMM3-dv) > 1e-6*want {
		t.Errorf("%s, emboss=%v: facts %+v, want area %.9f volume %.9f", name, emboss, facts[0], area, dv)
	}
	zf := -depth
	if emboss {
		zf = depth
	}
	var floorArea float64
	for _, tr := range out.Tris {
		a, b, c := out.Verts[tr[0]], out.Verts[tr[1]], out.Verts[tr[2]]
		for _, q := range []geom.Vec3{a, b, c} {
			if z := q[2]; z != 0 && z != -2 && math.Abs(z-zf) > 1e-12 {
				t.Errorf("%s, emboss=%v: vertex (%g, %g, %g): neither surface, floor nor bottom", name, emboss, q[0], q[1], q[2])
				return
			}
		}
		if math.Abs(a[2]-zf) < 1e-12 && math.Abs(b[2]-zf) < 1e-12 && math.Abs(c[2]-zf) < 1e-12 {
			floorArea += b.Sub(a).Cross(c.Sub(a)).Len() / 2
		}
	}
	if math.Abs(floorArea-area) > 1e-9*area {
		t.Errorf("%s, emboss=%v: floor area %.9f mm², region %.9f", name, emboss, floorArea, area)
	}
}

// TestCutPatchNearGridLines puts the regions' edges on grid lines that are
// not round numbers (as a pendant's face grid is laid out: an origin plus
// multiples of the spacing), so that the outline's points land on the lines
// only to rounding, and then off them by growing distances.
func TestCutPatchNearGridLines(t *testing.T) {
	const s = 0.5
	x0, y0 := 0.1*3, 0.7/3 // not representable: lines off by rounding
	var xs, ys []float64
	for i := 0; i <= 24; i++ {
		xs = append(xs, x0+float64(i)*s)
	}
	for j := 0; j <= 12; j++ {
		ys = append(ys, y0+float64(j)*s)
	}
	m, p := gridSlab(xs, ys, 2)
	mustCheck(t, "slab", m)
	glyph := textRegion(t, "F", 4, 0, 0)
	gb := glyph.Bounds()
	f := geom.Contour{{0, 0}, {0.7, 0}, {0.7, 1.6}, {2.1, 1.6}, {2.1, 2.2}, {0.7, 2.2}, {0.7, 3.3}, {2.6, 3.3}, {2.6, 4}, {0, 4}}
	shift := func(r geom.Region, dx, dy float64) geom.Region {
		out := geom.Region{Fill: r.Fill}
		for _, c := range r.Contours {
			d := make(geom.Contour, len(c))
			for i, q := range c {
				d[i] = geom.Vec2{q[0] + dx, q[1] + dy}
			}
			out.Contours = append(out.Contours, d)
		}
		return out
	}
	for _, off := range []float64{0, 1e-17, -1e-16, 3e-16, -2e-15, 1e-14, -1e-13, 1e-12, -1e-11, 1e-10, -1e-9, 1e-8, -1e-7} {
		cases := []struct {
			name string
			r    geom.Region
		}{
			// stem's left side on the line xs[8], foot on ys[2]
			{"F glyph", shift(glyph, xs[8]-gb.Min[0]+off, ys[2]-gb.Min[1]+off)},
			{"F polygon", shift(geom.Region{Contours: []geom.Contour{f}}, xs[6]+off, ys[2]+off)},
			// a rectangle whose sides lie on the lines, corners on nodes
			{"rectangle", geom.Region{Contours: []geom.Contour{{
				{xs[5] + off, ys[3] - off}, {xs[11] - off, ys[3] + off}, {xs[11] + off, ys[8] + off}, {xs[5] - off, ys[8] - off}}}}},
			// sides on the lines, corners between nodes
			{"rectangle off the nodes", geom.Region{Contours: []geom.Contour{{
				{xs[5] + off, 2.1}, {7.3, ys[3] + off}, {7.3, 4.1}, {xs[5] - off, 4.1}}}}},
			// a slanted edge crossing a line at a tiny angle, and a vertex
			// beside a line
			{"slanted", geom.Region{Contours: []geom.Contour{{
				{xs[6] + off, 1.1}, {xs[6] - off, 4.2}, {xs[9] + 2*off, 3.7}, {5.1, ys[4] + off}}}}},
		}
		for _, tc := range cases {
			name := fmt.Sprintf("%s, offset %g mm", tc.name, off)
			checkCut(t, name, m, p, tc.r, 0.3, false)
			checkCut(t, name, m, p, tc.r, 0.3, true)
		}
	}
}

// TestCutPatchNearSlantedGridLines puts a region's edges on grid rows that
// are not parallel to an axis (as a ring's rows are where its profile
// changes along the band), the outline's points on them only to rounding.
func TestCutPatchNearSlantedGridLines(t *testing.T) {
	const nx, ny, s, slope = 24, 12, 0.5, 0.13
	m, p := slab(12, 6, 2, nx, ny)
	// shear the top's grid: v = y + slope·x
	for i := 0; i <= nx; i++ {
		for j := 0; j <= ny; j++ {
			v := &m.Verts[i*(ny+1)+j]
			v[1] += slope * v[0]
		}
	}
	uv := p.UV
	p.UV = func(i, j int) geom.Vec2 { q := uv(i, j); return geom.Vec2{q[0], q[1] + slope*q[0]} }
	mustCheck(t, "sheared slab", m)
	row := func(j int, x float64) geom.Vec2 { return geom.Vec2{x, float64(j)*s + slope*x} }
	for _, off := range []float64{0, 2e-16, -1e-13, 1e-11, -1e-9} {
		r := geom.Region{Contours: []geom.Contour{{
			row(3, 2.1).Add(geom.Vec2{0, off}), row(3, 4.3).Add(geom.Vec2{0, -off}),
			row(3, 6.7).Add(geom.Vec2{0, off}), row(7, 6.2), row(7, 3.05).Add(geom.Vec2{0, off}), {2.1, 3.3}}}}
		name := fmt.Sprintf("sheared grid, offset %g mm", off)
		checkCut(t, name, m, p, r, 0.3, false)
		checkCut(t, name, m, p, r, 0.3, true)
	}
}
