package ring

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/engrave"
)

// TestEngraveKnifeEdgeThinFlanks: a knife edge is thickest at its ridge and
// thin at its sides, and its inside is flat with no profile point under a
// text in the middle. Deep text as tall as the band used to pass the metal
// check (made only at the cut surface's own profile points: the ridge
// outside, none at all inside) and cut through the flanks, the band's mesh
// self-intersecting. It is refused now, naming depth_mm and the depths
// allowed; at the deepest of them the band is closed.
func TestEngraveKnifeEdgeThinFlanks(t *testing.T) {
	sz, err := ParseSize("US 7")
	if err != nil {
		t.Fatal(err)
	}
	for _, surf := range []string{SurfaceInner, SurfaceOuter} {
		p := Params{Size: sz, Profile: KnifeEdge, WidthMM: 8, ThicknessMM: 2,
			Engravings: []Engraving{{Surface: surf, Text: &engrave.Text{Text: "Ana & João 8%", CapHeightMM: 4, Font: "serif"}, DepthMM: 1}}}
		_, err := Build(p)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "engravings[0].depth_mm" || !errors.Is(err, ErrParams) {
			t.Fatalf("%s: got %v, want a FieldError on engravings[0].depth_mm", surf, err)
		}
		var lo, hi float64
		if _, err := fmt.Sscanf(fe.Allowed, "%g to %g mm", &lo, &hi); err != nil {
			t.Fatalf("%s: allowed %q: %v", surf, fe.Allowed, err)
		}
		// the flanks 2.6 mm from the middle are 0.6 + 1.4·(1 − 2.6/4) ≈ 1.1 mm
		// thick (less along the outside's slant): about 0.3 to 0.6 mm
		if !(hi > 0.2 && hi < 0.65) {
			t.Fatalf("%s: allowed up to %g mm, want the flanks' 0.2 to 0.65 mm", surf, hi)
		}
		p.Engravings[0].DepthMM = hi
		res, err := Build(p)
		if err != nil {
			t.Fatalf("%s at the allowed %g mm: %v", surf, hi, err)
		}
		checked(t, surf+" at the allowed depth", res.Model.Part("band").Mesh)
		t.Logf("%s: %v; at %g mm the band is closed", surf, fe, hi)
	}
}

// TestEngraveAtWrapsAround: at_mm goes on around the band (it is allowed up
// to MaxAtMM, more than any band's circumference). An engraving more than a
// turn round, or past the patch's grid inside, used to be refused with
// geom's "lies off the patch"; it is cut where at_mm less whole turns puts
// it, the same volume, the band closed.
func TestEngraveAtWrapsAround(t *testing.T) {
	sz, err := ParseSize("US 5")
	if err != nil {
		t.Fatal(err)
	}
	for _, surf := range []string{SurfaceInner, SurfaceOuter} {
		build := func(at float64) *Result {
			t.Helper()
			p := Params{Size: sz, Profile: DShape, WidthMM: 5, ThicknessMM: 2,
				Engravings: []Engraving{{Surface: surf, Text: &engrave.Text{Text: "LOVE you", CapHeightMM: 2}, DepthMM: 0.4, AtMM: at}}}
			res, err := Build(p)
			if err != nil {
				t.Fatalf("%s at_mm %g: %v", surf, at, err)
			}
			checked(t, fmt.Sprintf("%s at_mm %g", surf, at), res.Model.Part("band").Mesh)
			return res
		}
		base := build(5)
		// the surface's length round at v = 0
		p := Params{Size: sz, Profile: DShape, WidthMM: 5, ThicknessMM: 2}.withDefaults()
		g, err := p.bandGrid()
		if err != nil {
			t.Fatal(err)
		}
		turn := g.surface(surf).lengthMM
		for _, k := range []float64{1, 2, 3, -1, -2} {
			at := 5 + k*turn
			if math.Abs(at) > MaxAtMM {
				continue
			}
			r := build(at)
			if a, b := r.Engravings[0].VolumeMM3, base.Engravings[0].VolumeMM3; math.Abs(a-b) > 1e-3*b {
				t.Errorf("%s at_mm %.2f (%g turns on): %.4f mm³ cut, at 5 mm %.4f", surf, at, k, a, b)
			}
		}
		// half way round and past it: on the other side of the band
		for _, at := range []float64{0.6 * turn, 0.9 * turn, -0.9 * turn} {
			build(at)
		}
	}
}

// TestEngraveFitMessages: a text too tall for the band names height_mm and
// the cap height that fits (which does); an engraving where no depth leaves
// the metal needed says so instead of "at most 0.00 mm".
func TestEngraveFitMessages(t *testing.T) {
	sz := us7(t)
	p := Params{Size: sz, Profile: Comfort, WidthMM: 4, ThicknessMM: 2,
		Engravings: []Engraving{{Surface: SurfaceOuter, Text: &engrave.Text{Text: "Ågy", CapHeightMM: 3}, DepthMM: 0.1}}}
	_, err := Build(p)
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "engravings[0].height_mm" {
		t.Fatalf("got %v, want a FieldError on engravings[0].height_mm", err)
	}
	var most float64
	if _, err := fmt.Sscanf(fe.Allowed, "at most %g mm", &most); err != nil || !(most > 1 && most < 3) {
		t.Fatalf("allowed %q: want \"at most H mm\" with 1 < H < 3 (%v)", fe.Allowed, err)
	}
	p.Engravings[0].Text.CapHeightMM = most
	res, err := Build(p)
	if err != nil {
		t.Fatalf("at the allowed %g mm: %v", most, err)
	}
	checked(t, "at the allowed height", res.Model.Part("band").Mesh)
	p.Engravings[0].Text.CapHeightMM = most + 0.02
	if _, err := Build(p); !errors.As(err, &fe) || fe.Field != "engravings[0].height_mm" {
		t.Fatalf("0.02 mm over the allowed %g mm: got %v, want a height_mm error", most, err)
	}

	// a tapered d-shape's outside falls to 0.45 mm over its inside at the
	// palm side under this text, less than the metal a cut must keep
	us5, err := ParseSize("US 5")
	if err != nil {
		t.Fatal(err)
	}
	p = Params{Size: us5, Profile: DShape, WidthMM: 5, ThicknessMM: 2, Taper: &Taper{WidthMM: 2.5, ThicknessMM: 1.5},
		Engravings: []Engraving{{Surface: SurfaceOuter, Text: &engrave.Text{Text: "LOVE you 2026", CapHeightMM: 2}, DepthMM: 0.4, AtMM: 30}}}
	_, err = Build(p)
	if !errors.As(err, &fe) || fe.Field != "engravings[0].depth_mm" || !strings.HasPrefix(fe.Allowed, "none here") {
		t.Fatalf("got %v, want depth_mm allowed \"none here…\"", err)
	}
	if strings.Contains(err.Error(), "0.00 mm") {
		t.Errorf("%v: quotes a depth of 0.00 mm", err)
	}
}

// TestEngraveFoldRefused: a cut deeper than the band's surface is curved
// across it (a narrow d-shape's crown, a knife edge's ridge, the flat of a
// bevelled band whose corners' normals it blends) squeezes its floor and
// crosses its walls. These passed the metal check and came out
// self-intersecting; they are refused naming depth_mm and the depths
// allowed, and at the deepest of those the band is closed.
func TestEngraveFoldRefused(t *testing.T) {
	for _, c := range []struct {
		size    string
		profile Profile
		w, th   float64
		cap, d  float64
	}{
		{"US 3", DShape, 2, 2.5, 0.8, 1.38},
		{"US 13", Comfort, 2, 2.5, 0.8, 1.21},
		{"US 3", KnifeEdge, 2, 2.5, 0.8, 1.44},
		{"US 3", Bevelled, 4, 2.5, 0.8, 2},
		{"US 3", Bevelled, 2, 1.6, 0.8, 1.01},
	} {
		name := fmt.Sprintf("%s %s %g×%g mm, %g mm deep", c.size, c.profile, c.w, c.th, c.d)
		sz, err := ParseSize(c.size)
		if err != nil {
			t.Fatal(err)
		}
		p := Params{Size: sz, Profile: c.profile, WidthMM: c.w, ThicknessMM: c.th,
			Engravings: []Engraving{{Surface: SurfaceOuter, Text: &engrave.Text{Text: "Ágy & 8%", CapHeightMM: c.cap}, DepthMM: c.d}}}
		_, err = Build(p)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "engravings[0].depth_mm" {
			t.Errorf("%s: got %v, want a FieldError on engravings[0].depth_mm", name, err)
			continue
		}
		var lo, hi float64
		if _, err := fmt.Sscanf(fe.Allowed, "%g to %g mm", &lo, &hi); err != nil || !(hi > 0.1 && hi < c.d) {
			t.Errorf("%s: allowed %q: want a range below %g mm (%v)", name, fe.Allowed, c.d, err)
			continue
		}
		p.Engravings[0].DepthMM = hi
		res, err := Build(p)
		if err != nil {
			t.Errorf("%s at the allowed %g mm: %v", name, hi, err)
			continue
		}
		checked(t, name+" at the allowed depth", res.Model.Part("band").Mesh)
		t.Logf("%s: %v", name, fe)
	}
}

// TestEngraveFacingCuts: cuts inside and outside the band at the same
// place each left the metal needed under themselves, but not under both:
// 1.4 mm from each side of a 2.5 mm band crossed floors and came out
// self-intersecting. The second is refused naming its depth_mm and what the
// first leaves; cuts that face each other with the metal kept, or that do
// not face each other, are built closed.
func TestEngraveFacingCuts(t *testing.T) {
	sz := us7(t)
	build := func(d float64, at float64) (*Result, error) {
		p := Params{Size: sz, Profile: Flat, WidthMM: 6, ThicknessMM: 2.5,
			Engravings: []Engraving{
				{Surface: SurfaceOuter, Text: &engrave.Text{Text: "IIII", CapHeightMM: 3}, DepthMM: d},
				{Surface: SurfaceInner, Text: &engrave.Text{Text: "IIII", CapHeightMM: 3}, DepthMM: d, AtMM: at},
			}}
		return Build(p)
	}
	_, err := build(1.4, 0)
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "engravings[1].depth_mm" || !strings.Contains(fe.Allowed, "engravings[0] has cut 1.4 mm") {
		t.Fatalf("1.4 mm from each side of 2.5 mm: got %v, want engravings[1].depth_mm refused for engravings[0]'s cut", err)
	}
	var lo, hi float64
	if _, err := fmt.Sscanf(fe.Allowed, "%g to %g mm", &lo, &hi); err != nil || math.Abs(hi-0.6) > 0.011 {
		t.Fatalf("allowed %q: want up to 2.5 − 1.4 − 0.5 = 0.6 mm (%v)", fe.Allowed, err)
	}
	for _, c := range []struct{ d, at float64 }{{0.75, 0}, {1.4, 25}} {
		res, err := build(c.d, c.at)
		if err != nil {
			t.Fatalf("%g mm from each side, inside at_mm %g: %v", c.d, c.at, err)
		}
		checked(t, fmt.Sprintf("%g mm from each side, inside at_mm %g", c.d, c.at), res.Model.Part("band").Mesh)
	}
}
