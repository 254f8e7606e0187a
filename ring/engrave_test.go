package ring

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/engrave"
	"github.com/mandrel3d/mandrel/geom"
)

func us7(t testing.TB) Size {
	t.Helper()
	s, err := ParseSize("US 7")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func checked(t *testing.T, what string, m *geom.Mesh) {
	t.Helper()
	if err := m.Check().Err(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// expectedVolume integrates the volume between the patch and its offset by
// depth along the normal over the region (centroid rule on the region's
// triangles, two-point Gauss across the depth).
func expectedVolume(t *testing.T, p geom.Patch, r geom.Region, depth float64, emboss bool) float64 {
	t.Helper()
	pts, tris, err := r.Triangulate()
	if err != nil {
		t.Fatal(err)
	}
	s := -1.0
	if emboss {
		s = 1
	}
	const h = 1e-5
	var v float64
	for _, tr := range tris {
		a, b, c := pts[tr[0]], pts[tr[1]], pts[tr[2]]
		area := math.Abs((b[0]-a[0])*(c[1]-a[1])-(c[0]-a[0])*(b[1]-a[1])) / 2
		m := a.Add(b).Add(c).Mul(1.0 / 3)
		p0, n0 := p.Eval(m)
		pu, nu := p.Eval(m.Add(geom.Vec2{h, 0}))
		pv, nv := p.Eval(m.Add(geom.Vec2{0, h}))
		for _, g := range []float64{0.5 - 0.5/math.Sqrt(3), 0.5 + 0.5/math.Sqrt(3)} {
			tt := s * depth * g
			xu := pu.Add(nu.Mul(tt)).Sub(p0.Add(n0.Mul(tt))).Mul(1 / h)
			xv := pv.Add(nv.Mul(tt)).Sub(p0.Add(n0.Mul(tt))).Mul(1 / h)
			v += area * depth / 2 * math.Abs(xu.Cross(xv).Dot(n0))
		}
	}
	return v
}

// TestEngraveInnerComfort cuts the SPEC example into a comfort US 7 band.
func TestEngraveInnerComfort(t *testing.T) {
	const depth = 0.3
	p := Params{Size: us7(t), Engravings: []Engraving{{Text: &engrave.Text{Text: "FOREVER 2026", CapHeightMM: 1.5}, DepthMM: depth}}}
	band, err := p.Band()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	out := res.Model.Part("band").Mesh
	checked(t, "engraved band", out)
	f := res.Engravings[0]
	// removed volume against the integral over the curved surface
	g, _ := p.withDefaults().bandGrid()
	bs := g.surface(SurfaceInner)
	lay, _ := p.Engravings[0].Text.Layout()
	area, _ := lay.Region.Area()
	want := expectedVolume(t, bs.patch, lay.Region, depth, false)
	got := band.Volume() - out.Volume()
	if rel := math.Abs(got-want) / want; rel > 0.03 {
		t.Errorf("removed %.4f mm³, integral %.4f mm³ (%.2f%%)", got, want, 100*rel)
	}
	if math.Abs(f.VolumeMM3-got) > 1e-6*got {
		t.Errorf("facts volume %.6f, mesh %.6f", f.VolumeMM3, got)
	}
	t.Logf("area %.3f mm² (flat %.3f), removed %.4f mm³, integral %.4f, area×depth %.4f; %d triangles (band %d)",
		f.AreaMM2, area, got, want, area*depth, len(out.Tris), len(band.Tris))
	// inner diameter unchanged
	in0, _ := band.AxisDistance(geom.Vec3{}, geom.Vec3{0, 1, 0})
	in1, _ := out.AxisDistance(geom.Vec3{}, geom.Vec3{0, 1, 0})
	if math.Abs(in1-in0) > 1e-9 {
		t.Errorf("inner radius %.6f → %.6f", in0, in1)
	}
	floorDepths(t, band, out, depth)
	if len(res.Warnings) == 0 || !strings.Contains(strings.Join(res.Warnings, "\n"), "shallower") {
		t.Errorf("want a shallow-lettering warning, got %q", res.Warnings)
	}
}

// floorDepths checks that every new vertex lies on the band's surface or at
// the depth below it, within 0.01 mm, and that there is a floor.
func floorDepths(t *testing.T, band, out *geom.Mesh, depth float64) {
	t.Helper()
	bvh := geom.NewBVH(band)
	floor := 0
	used := make([]bool, len(out.Verts))
	for _, tr := range out.Tris {
		used[tr[0]], used[tr[1]], used[tr[2]] = true, true, true
	}
	for v := len(band.Verts); v < len(out.Verts); v++ {
		if !used[v] {
			continue
		}
		_, _, d := bvh.Nearest(out.Verts[v])
		switch {
		case d < 0.01:
		case math.Abs(d-depth) <= 0.01:
			floor++
		default:
			t.Fatalf("vertex %d is %.4f mm from the band: neither on it nor %.2f mm deep", v, d, depth)
		}
	}
	if floor == 0 {
		t.Fatal("no floor vertices")
	}
}

// readsRight checks that the floor's "F" reads unmirrored for a viewer
// looking along f with up U: its bars stick out to the viewer's right.
func readsRight(t *testing.T, band, out *geom.Mesh, f, up geom.Vec3, depth float64) {
	t.Helper()
	right := f.Cross(up)
	bvh := geom.NewBVH(band)
	var ys []float64
	type pt struct{ x, y float64 }
	var fl []pt
	for v := len(band.Verts); v < len(out.Verts); v++ {
		if _, _, d := bvh.Nearest(out.Verts[v]); math.Abs(d-depth) < 0.01 {
			q := out.Verts[v]
			fl = append(fl, pt{q.Dot(right), q.Dot(up)})
			ys = append(ys, q.Dot(up))
		}
	}
	if len(fl) == 0 {
		t.Fatal("no floor")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	xlo, xhi := math.Inf(1), math.Inf(-1)
	for _, q := range fl {
		lo, hi = math.Min(lo, q.y), math.Max(hi, q.y)
		xlo, xhi = math.Min(xlo, q.x), math.Max(xhi, q.x)
	}
	// the bottom fifth of an F is its stem alone: it sits at the left
	var stemX, n float64
	for _, q := range fl {
		if q.y < lo+0.2*(hi-lo) {
			stemX += q.x
			n++
		}
	}
	stemX /= n
	if mid := (xlo + xhi) / 2; !(stemX < mid) {
		t.Errorf("the F's stem is at %.3f, right of the middle %.3f: mirrored (x %.3f to %.3f)", stemX, mid, xlo, xhi)
	}
}

func TestEngraveNotMirrored(t *testing.T) {
	for _, surf := range []string{SurfaceInner, SurfaceOuter} {
		p := Params{Size: us7(t), Profile: Flat, WidthMM: 5, ThicknessMM: 2,
			Engravings: []Engraving{{Surface: surf, Text: &engrave.Text{Text: "F", CapHeightMM: 2}, DepthMM: 0.4}}}
		band, _ := p.Band()
		res, err := Build(p)
		if err != nil {
			t.Fatal(err)
		}
		out := res.Model.Part("band").Mesh
		checked(t, surf, out)
		// At the top: from inside the viewer looks up (+Z) from the finger
		// hole, from outside down (−Z); the text's up is +Y either way.
		f := geom.Vec3{0, 0, 1}
		if surf == SurfaceOuter {
			f = geom.Vec3{0, 0, -1}
		}
		readsRight(t, band, out, f, geom.Vec3{0, 1, 0}, 0.4)
	}
}

func TestEngraveEmbossOuterAndAt(t *testing.T) {
	p := Params{Size: us7(t), Profile: DShape, WidthMM: 6, ThicknessMM: 2,
		Engravings: []Engraving{
			{Surface: SurfaceOuter, Text: &engrave.Text{Text: "AB", CapHeightMM: 2}, DepthMM: 0.2, Emboss: true, AtMM: 20},
			{Surface: SurfaceOuter, Text: &engrave.Text{Text: "Ωé", CapHeightMM: 2, Font: "serif"}, DepthMM: 0.6},
			{Surface: SurfaceInner, Text: &engrave.Text{Text: "J & K", CapHeightMM: 2, Align: engrave.AlignStart}, DepthMM: 0.5, AtMM: -10},
		}}
	band, _ := p.Band()
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	out := res.Model.Part("band").Mesh
	checked(t, "three engravings", out)
	dv := out.Volume() - band.Volume()
	wantDV := res.Engravings[0].VolumeMM3 - res.Engravings[1].VolumeMM3 - res.Engravings[2].VolumeMM3
	if math.Abs(dv-wantDV) > 1e-6 {
		t.Errorf("volume change %.5f, facts say %.5f", dv, wantDV)
	}
	// the embossed text sits 20 mm round from the top: at φ = 20/R
	var c geom.Vec3
	n := 0
	for v := len(band.Verts); v < len(out.Verts); v++ {
		q := out.Verts[v]
		if r := math.Hypot(q[0], q[2]); r > 17.32/2+2+0.1 { // above the outer crown: the relief
			c = c.Add(q)
			n++
		}
	}
	if n == 0 {
		t.Fatal("no relief above the band")
	}
	c = c.Mul(1 / float64(n))
	phi := math.Atan2(c[0], c[2])
	if arc := phi * (17.32/2 + 2); math.Abs(arc-20) > 1 {
		t.Errorf("relief centred %.2f mm round from the top, want 20", arc)
	}
}

func TestEngraveErrors(t *testing.T) {
	sz := us7(t)
	text := func(s string, h float64) *engrave.Text { return &engrave.Text{Text: s, CapHeightMM: h} }
	cases := []struct {
		name, field string
		e           Engraving
		p           func(*Params)
	}{
		{"empty", "engravings[0]: engrave: invalid input: text", Engraving{Text: text("  ", 1.5)}, nil},
		{"none", "engravings[0].text", Engraving{}, nil},
		{"too long", "about", Engraving{Text: text(strings.Repeat("FOREVER ", 8), 1.5)}, nil},
		{"too tall", "engravings[0].height_mm", Engraving{Text: text("TALL", 4.5)}, nil},
		{"missing glyphs", "engravings[0].text: engrave: text: font \"sans\" and its fallbacks lack glyphs for U+1F600", Engraving{Text: text("hi \U0001F600", 1.5)}, nil},
		{"surface", "engravings[0].surface", Engraving{Text: text("A", 1.5), Surface: "side"}, nil},
		{"pierce", "engravings[0].depth_mm", Engraving{Text: text("A", 1.5), DepthMM: 1.5}, nil},
		{"image unreadable", "engravings[0].image: engrave: invalid input: image", Engraving{Image: &engrave.Image{Data: []byte("not a png"), WidthMM: 3}}, nil},
		{"depth range", "engravings[0].depth_mm", Engraving{Text: text("A", 1.5), DepthMM: -1}, nil},
	}
	for _, c := range cases {
		p := Params{Size: sz, Engravings: []Engraving{c.e}}
		res, err := Build(p)
		if err == nil || res != nil || !errors.Is(err, ErrParams) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: got %v, want an ErrParams naming %q", c.name, err, c.field)
			continue
		}
		t.Logf("%s: %v", c.name, err)
	}
}

func fingerprintPNG(t testing.TB) []byte {
	b, err := os.ReadFile("testdata/fingerprint-whorl.png")
	if err != nil {
		t.Skipf("fingerprint sample: %v", err)
	}
	return b
}

// fingerprintParams is the fingerprint benchmark: the sample whorl 8 mm
// wide on the outer band of a wide comfort band.
func fingerprintParams(t testing.TB) Params {
	return Params{Size: us7(t), WidthMM: 12, ThicknessMM: 2.2,
		Engravings: []Engraving{{Surface: SurfaceOuter, Image: &engrave.Image{Data: fingerprintPNG(t), WidthMM: 8}, DepthMM: 0.15}}}
}

func TestEngraveFingerprint(t *testing.T) {
	p := fingerprintParams(t)
	band, _ := p.Band()
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	out := res.Model.Part("band").Mesh
	checked(t, "fingerprint band", out)
	if len(out.Tris) >= 250_000 {
		t.Errorf("%d triangles, want under 250k", len(out.Tris))
	}
	g, _ := p.withDefaults().bandGrid()
	r, _ := p.Engravings[0].Image.Region()
	want := expectedVolume(t, g.surface(SurfaceOuter).patch, r, 0.15, false)
	got := band.Volume() - out.Volume()
	if rel := math.Abs(got-want) / want; rel > 0.03 {
		t.Errorf("removed %.4f mm³, integral %.4f (%.2f%%)", got, want, 100*rel)
	}
	t.Logf("%d triangles, removed %.4f mm³ (integral %.4f), facts %+v, warnings %q", len(out.Tris), got, want, res.Engravings[0], res.Warnings)
}

func BenchmarkEngraveForever(b *testing.B) {
	p := Params{Size: us7(b), Engravings: []Engraving{{Text: &engrave.Text{Text: "FOREVER 2026", CapHeightMM: 1.5}, DepthMM: 0.3}}}
	for b.Loop() {
		if _, err := Build(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEngraveFingerprint(b *testing.B) {
	p := fingerprintParams(b)
	for b.Loop() {
		if _, err := Build(p); err != nil {
			b.Fatal(err)
		}
	}
}

// shadingFollowsBand checks the shading normals of an engraved band: at every
// corner of a triangle on the untouched surface or on the floor, the corner
// normal (geom's CornerNormals at the renderer's 35° crease) must be within
// maxDeg of the plain band's own shading at that point (its corner normals
// interpolated on the nearest triangle; the floor is offset along the
// normal, so it shades as the surface above it). An engraving's walls stand
// at 90° to the surface and must not tilt the faces beside them.
func shadingFollowsBand(t *testing.T, band, out *geom.Mesh, depth, maxDeg float64) {
	t.Helper()
	const creaseDeg = 35
	bvh := geom.NewBVH(band)
	bn := band.CornerNormals(creaseDeg)
	on := out.CornerNormals(creaseDeg)
	// depth class of each vertex: 0 on the surface, 1 on the floor
	class := make([]int8, len(out.Verts))
	near := make([]geom.Vec3, len(out.Verts))
	for v, p := range out.Verts {
		q, tri, d := bvh.Nearest(p)
		switch {
		case d < 0.01:
			class[v] = 0
		case math.Abs(d-depth) <= 0.01:
			class[v] = 1
		default:
			class[v] = -1
			continue
		}
		// the band's shading normal at q, barycentric on its triangle
		a, b, c := band.Triangle(tri)
		n := b.Sub(a).Cross(c.Sub(a))
		area := n.Dot(n)
		wb := q.Sub(a).Cross(c.Sub(a)).Dot(n) / area
		wc := b.Sub(a).Cross(q.Sub(a)).Dot(n) / area
		wa := 1 - wb - wc
		cn := bn[tri]
		near[v] = cn[0].Mul(wa).Add(cn[1].Mul(wb)).Add(cn[2].Mul(wc)).Normalize()
	}
	cosMax := math.Cos(maxDeg * math.Pi / 180)
	worst, bad, corners := 0.0, 0, 0
	for i, tr := range out.Tris {
		k := class[tr[0]]
		if k < 0 || class[tr[1]] != k || class[tr[2]] != k {
			continue // a wall, or a triangle of the band's rounded rim
		}
		for c, v := range tr {
			corners++
			if cs := on[i][c].Dot(near[v]); cs < cosMax {
				bad++
				worst = math.Max(worst, math.Acos(math.Max(-1, cs))*180/math.Pi)
			}
		}
	}
	if corners == 0 {
		t.Fatal("no surface or floor corners")
	}
	if bad > 0 {
		t.Errorf("%d of %d surface and floor corners shade more than %g° off the band (worst %.1f°)", bad, corners, maxDeg, worst)
	}
}

// shadingTolDeg is how far an engraved band's shading may turn from the plain
// band's, in degrees: a new vertex inside a facet takes the facet's normal,
// up to half the angle between neighbouring facets (about 2.5° here) from
// the band's interpolated normal. Averaging the walls in tilts it 10–37°.
const shadingTolDeg = 5

// TestEngraveShading: the fingerprint on the outer band and FOREVER 2026
// inside shade as the band does around and under them.
func TestEngraveShading(t *testing.T) {
	fp := fingerprintParams(t)
	forever := Params{Size: us7(t), WidthMM: 4, ThicknessMM: 1.8, Engravings: []Engraving{{Text: &engrave.Text{Text: "FOREVER 2026", CapHeightMM: 1.5}, DepthMM: 0.3}}}
	for _, c := range []struct {
		name  string
		p     Params
		depth float64
	}{{"fingerprint", fp, 0.15}, {"forever", forever, 0.3}} {
		band, err := c.p.Band()
		if err != nil {
			t.Fatal(err)
		}
		res, err := Build(c.p)
		if err != nil {
			t.Fatal(err)
		}
		out := res.Model.Part("band").Mesh
		checked(t, c.name, out)
		t.Run(c.name, func(t *testing.T) { shadingFollowsBand(t, band, out, c.depth, shadingTolDeg) })
	}
}
