package ring

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// touchTol is how close a prong must come to the stone to hold it: twice
// the default chord, since a prong's facets lie up to a chord inside its
// true cylinder.
const touchTol = 2 * geom.DefaultChordMM

func solitaireParams(t testing.TB, setting Setting, prongs int) Params {
	t.Helper()
	sz, err := ParseSize("US 7")
	if err != nil {
		t.Fatal(err)
	}
	return Params{Size: sz, WidthMM: 2.5, Stones: []Stone{{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 6.5}, Setting: setting, Prongs: prongs}}}
}

func checkParts(t *testing.T, m *geom.Model) {
	t.Helper()
	for _, p := range m.Parts {
		if err := p.Mesh.Check().Err(); err != nil {
			t.Errorf("part %s: %v", p.Name, err)
		}
	}
}

func TestSolitaireOnTop(t *testing.T) {
	p := solitaireParams(t, Prong, 6)
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, res.Model)
	want := []string{"band", "stone-0", "prong-0", "prong-1", "prong-2", "prong-3", "prong-4", "prong-5", "gallery", "cathedral"}
	var got []string
	for _, pt := range res.Model.Parts {
		got = append(got, pt.Name)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("parts %v, want %v", got, want)
	}
	stone := res.Model.Part("stone-0")
	if stone.Material.Kind != geom.KindGem || stone.Material.Name != "diamond" {
		t.Errorf("stone material %+v, want diamond gem", stone.Material)
	}
	for _, pt := range res.Model.Parts {
		if pt.Name != "stone-0" && pt.Material.Kind != geom.KindMetal {
			t.Errorf("%s is %v, want metal", pt.Name, pt.Material.Kind)
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	if len(res.Stones) != 1 {
		t.Fatalf("%d stone facts", len(res.Stones))
	}
	f := res.Stones[0]
	// 1.00 ct within 3 % (REFERENCE.md: 6.5 mm round ≈ 1 ct)
	if math.Abs(f.Carat-1) > 0.03 || f.Facets != 57 || f.DiameterMM != 6.5 {
		t.Errorf("facts %+v: want 1.00 ct ± 3 %%, 57 facets, 6.5 mm", f)
	}
	// the head sits on top (+Z) and the culet stays clear of the finger
	sb := stone.Mesh.Bounds()
	c := sb.Center()
	if math.Abs(c[0]) > 1e-6 || math.Abs(c[1]) > 1e-6 || c[2] < p.Size.DiameterMM/2 {
		t.Errorf("stone centred at %v, want on +Z", c)
	}
	rIn := p.Size.DiameterMM / 2
	if f.CuletClearanceMM < MinCuletClearanceMM || math.Abs(f.CuletRadiusMM-rIn-f.CuletClearanceMM) > 1e-9 {
		t.Errorf("culet %.3f mm from the axis, %.3f mm clear of the %.3f mm hole", f.CuletRadiusMM, f.CuletClearanceMM, rIn)
	}
	t.Logf("carat %.4f, culet %.3f mm from the axis (clearance %.3f mm)", f.Carat, f.CuletRadiusMM, f.CuletClearanceMM)
	// prongs touch the stone and do not cut into it (no pierce warning
	// above); the cathedral overlaps both the band and the gallery
	for k := 0; k < 6; k++ {
		pr := res.Model.Part("prong-" + string(rune('0'+k)))
		if d, _, _ := geom.MinDistance(pr.Mesh, stone.Mesh); d > touchTol {
			t.Errorf("prong-%d is %.4f mm from the stone, want touching", k, d)
		}
	}
	cat := res.Model.Part("cathedral").Mesh
	for _, other := range []string{"band", "gallery"} {
		if d, _, _ := geom.MinDistance(cat, res.Model.Part(other).Mesh); d > 0 {
			t.Errorf("cathedral is %.3f mm from the %s, want joined", d, other)
		}
	}
	if d, _, _ := geom.MinDistance(cat, stone.Mesh); d < 0.1 {
		t.Errorf("cathedral %.3f mm from the stone, want clear", d)
	}
	// nothing metal reaches into the finger hole
	for _, pt := range res.Model.Parts {
		for _, v := range pt.Mesh.Verts {
			if math.Hypot(v[0], v[2]) < rIn-1e-6 {
				t.Fatalf("%s reaches into the finger hole at %v", pt.Name, v)
			}
		}
	}
}

// TestHaloPointed: halos around cuts with pointed corners (a pear's point,
// a princess's four corners, a heart's point and notch) stand on the ring
// with every part closed and no stone cutting into metal.
func TestHaloPointed(t *testing.T) {
	for _, st := range []gem.Stone{
		{Cut: gem.Pear, LengthMM: 8, WidthMM: 5.5},
		{Cut: gem.Princess, LengthMM: 5.5, WidthMM: 5.5},
		{Cut: gem.Heart, LengthMM: 6.5, WidthMM: 6.5},
		{Cut: gem.Marquise, LengthMM: 10, WidthMM: 5},
	} {
		t.Run(string(st.Cut), func(t *testing.T) {
			p := solitaireParams(t, Halo, 0)
			p.Stones[0].Gem = st
			res, err := Build(p)
			if err != nil {
				t.Fatal(err)
			}
			checkParts(t, res.Model)
			melee := 0
			for _, pt := range res.Model.Parts {
				if strings.HasPrefix(pt.Name, "stone-0.") { // the melee
					melee++
				}
			}
			if melee < 12 {
				t.Errorf("%d melee", melee)
			}
			for _, w := range res.Warnings {
				if strings.Contains(w, "cuts") || strings.Contains(w, "closer") {
					t.Errorf("warning: %s", w)
				}
			}
		})
	}
}

// TestCathedralLongSides: a 9 mm trillion's straight sides once gave the
// cathedral's foot chords that cut under the band and across its corners.
func TestCathedralLongSides(t *testing.T) {
	p := solitaireParams(t, Prong, 0)
	p.Stones[0].Gem = gem.Stone{Cut: gem.Trillion, LengthMM: 9, WidthMM: 9}
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, res.Model)
}

func TestBezelAndAngle(t *testing.T) {
	p := solitaireParams(t, Bezel, 0)
	p.Stones[0].Gem = gem.Stone{Cut: gem.Oval, LengthMM: 8, WidthMM: 6, Gem: "sapphire"}
	p.Stones[0].AtDeg = 90
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, res.Model)
	if res.Model.Part("bezel") == nil || res.Model.Part("cathedral") == nil {
		t.Fatal("no bezel or cathedral part")
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	sb := res.Model.Part("stone-0").Mesh.Bounds()
	// at 90° the head points along +X, its length along the finger (Y)
	if c := sb.Center(); c[0] < p.Size.DiameterMM/2 || math.Abs(c[2]) > 1e-6 {
		t.Errorf("stone centred at %v, want on +X", c)
	}
	if s := sb.Size(); math.Abs(s[1]-8) > 1e-6 || math.Abs(s[2]-6) > 1e-6 {
		t.Errorf("stone extent %v, want 8 along Y and 6 along Z", s)
	}
	bez := res.Model.Part("bezel").Mesh
	if d, _, _ := geom.MinDistance(bez, res.Model.Part("cathedral").Mesh); d > 0 {
		t.Errorf("bezel %.3f mm from the cathedral", d)
	}
	if d, _, _ := geom.MinDistance(bez, res.Model.Part("stone-0").Mesh); d > touchTol {
		t.Errorf("bezel %.3f mm from the stone, want touching", d)
	}
}

func TestStoneWarnings(t *testing.T) {
	// a stone sunk into the band cuts into it
	p := solitaireParams(t, Prong, 4)
	p.Stones[0].CuletGapMM = -1
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(res.Warnings, "stone-0 cuts") {
		t.Errorf("sunk stone: warnings %v", res.Warnings)
	}
	// two stones side by side, touching
	p = solitaireParams(t, Prong, 4)
	p.Stones = append(p.Stones, Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 6.5}, Prongs: 4, AtDeg: 20})
	res, err = Build(p)
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, res.Model)
	if !hasWarning(res.Warnings, "stone-0 and stone-1") || res.Model.Part("head-1.prong-0") == nil {
		t.Errorf("crowded stones: warnings %v", res.Warnings)
	}
	// thin prongs on a small stone
	p = solitaireParams(t, Prong, 3)
	p.Stones[0].Gem.DiameterMM = 1.3
	res, err = Build(p)
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(res.Warnings, "prong-0: 0.50 mm") {
		t.Errorf("thin prongs: warnings %v", res.Warnings)
	}
}

func hasWarning(ws []string, s string) bool {
	for _, w := range ws {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

func TestStoneErrors(t *testing.T) {
	sz3, _ := ParseSize("US 3")
	cases := []struct {
		name  string
		s     Stone
		field string
	}{
		{"tiny stone", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 0.1}, Prongs: 6}, "stones[0].diameter_mm"},
		{"huge stone", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 30}}, "stones[0].diameter_mm"},
		{"huge carat", Stone{Gem: gem.Stone{Cut: gem.Round, Carat: 40}}, "stones[0].carat"},
		{"unknown cut", Stone{Gem: gem.Stone{Cut: "rose", DiameterMM: 5}}, "stones[0].cut"},
		{"unknown gem", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 5, Gem: "glass"}}, "stones[0].gem"},
		{"prongs", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 5}, Prongs: 9}, "stones[0].prongs"},
		{"pave melee too large", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 5}, Setting: Pave}, "stones[0].diameter_mm"},
		{"channel of pears", Stone{Gem: gem.Stone{Cut: gem.Pear, LengthMM: 3, WidthMM: 2}, Setting: Channel}, "stones[0].cut"},
		{"channel prongs", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 2}, Setting: Channel, Prongs: 4}, "stones[0].prongs"},
		{"channel backwards", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 2}, Setting: Channel, AtDeg: 60, ToDeg: 20}, "stones[0].at"},
		{"channel too many", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 2}, Setting: Channel, AtDeg: 20, ToDeg: 30, Count: 5}, "stones[0].count"},
		{"channel too short", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 2}, Setting: Channel, AtDeg: 20, ToDeg: 21}, "stones[0].at"},
		{"too deep", Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 5}, CuletGapMM: -1.7}, "stones[0].culet_gap_mm"},
	}
	for _, c := range cases {
		_, err := Build(Params{Size: sz3, Stones: []Stone{c.s}})
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || !errors.Is(err, ErrParams) {
			t.Errorf("%s: error %v, want a FieldError naming %s", c.name, err, c.field)
		}
	}
}

func TestParseAt(t *testing.T) {
	for s, want := range map[string]float64{"": 0, "top": 0, "Bottom": 180, "right": 90, "left": -90, "30deg": 30, "-45°": -45, "12.5": 12.5} {
		if got, err := ParseAt(s); err != nil || got != want {
			t.Errorf("ParseAt(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"side", "200deg", "north"} {
		if _, err := ParseAt(s); err == nil {
			t.Errorf("ParseAt(%q) gave no error", s)
		}
	}
}

// BenchmarkSolitaire builds a six-prong 6.5 mm solitaire ring (US 7) and
// writes it as STL and GLB (issue #3's target: 5 ms on one core); the
// sub-benchmarks time the build alone and the build with the STL only.
func BenchmarkSolitaire(b *testing.B) {
	p := solitaireParams(b, Prong, 6)
	run := func(b *testing.B, stl, glb bool) {
		var buf bytes.Buffer
		for i := 0; i < b.N; i++ {
			res, err := Build(p)
			if err != nil {
				b.Fatal(err)
			}
			buf.Reset()
			if stl {
				if err := export.WriteSTL(&buf, res.Model, &export.STLOptions{Parts: export.MetalParts}); err != nil {
					b.Fatal(err)
				}
			}
			if glb {
				if err := export.WriteGLB(&buf, res.Model, nil); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("build+stl+glb", func(b *testing.B) { run(b, true, true) })
	b.Run("build+stl", func(b *testing.B) { run(b, true, false) })
	b.Run("build", func(b *testing.B) { run(b, false, false) })
}

// TestConvexLoop: a loop with a deep notch is not star-shaped about its
// centroid; its hull is, counter-clockwise, with the notch's point gone.
func TestConvexLoop(t *testing.T) {
	// a "C": a square with a deep notch on the right, counter-clockwise
	loop := []geom.Vec3{{-2, -2, 1}, {2, -2, 1}, {2, -0.2, 1}, {-1.8, 0, 1}, {2, 0.2, 1}, {2, 2, 1}, {-2, 2, 1}}
	if starShaped(loop) {
		t.Fatal("a notched loop reads as star-shaped")
	}
	hull := convexLoop(loop)
	if len(hull) != 4 || !starShaped(hull) {
		t.Fatalf("hull %v: want the 4 corners, counter-clockwise", hull)
	}
	for _, v := range hull {
		if v[2] != 1 || math.Abs(math.Abs(v[0])-2) > 0 || math.Abs(math.Abs(v[1])-2) > 0 {
			t.Errorf("hull point %v is not a corner at z 1", v)
		}
	}
}
