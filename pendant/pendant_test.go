package pendant

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// hangTolDeg is the limit for a symmetric pendant (2°).
const hangTolDeg = 2

func checkModel(t *testing.T, m *geom.Model) {
	t.Helper()
	for _, part := range m.Parts {
		if err := part.Mesh.Check().Err(); err != nil {
			t.Fatalf("%s: %v", part.Name, err)
		}
	}
}

func TestShapesHangTrue(t *testing.T) {
	for _, sh := range []Shape{Disc, Oval, Heart, Teardrop, Bar} {
		for _, e := range []Edge{Flat, Round, Bevel} {
			r, err := Build(Params{Shape: sh, Edge: e, DomeMM: 0.5})
			if err != nil {
				t.Fatalf("%s %s: %v", sh, e, err)
			}
			checkModel(t, r.Model)
			if math.Abs(r.HangAngleDeg) > hangTolDeg {
				t.Errorf("%s %s: hangs at %.3f°", sh, e, r.HangAngleDeg)
			}
			if r.CentreOfMassMM[2] >= 0 {
				t.Errorf("%s %s: centre of mass %v above the pivot", sh, e, r.CentreOfMassMM)
			}
			// The body hangs from the bail: they overlap.
			bb, lb := r.Model.Part("body").Mesh.Bounds(), r.Model.Part("bail").Mesh.Bounds()
			if bb.Max[2] <= lb.Min[2] {
				t.Errorf("%s %s: body top %.3f below the bail's bottom %.3f", sh, e, bb.Max[2], lb.Min[2])
			}
		}
	}
}

func TestDomeAndThickness(t *testing.T) {
	r, err := Build(Params{Shape: Disc, WidthMM: 20, ThicknessMM: 1.5, Edge: Flat, DomeMM: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	b := r.Model.Part("body").Mesh.Bounds()
	if got := b.Size()[1]; math.Abs(got-2.0) > 0.02 {
		t.Errorf("disc depth %.4f mm, want 1.5 + 0.5 dome", got)
	}
	if got := b.Size()[0]; math.Abs(got-20) > 0.02 {
		t.Errorf("disc width %.4f mm, want 20", got)
	}
	// A flat disc's volume is πr²t within the chord error.
	f, err := Build(Params{Shape: Disc, WidthMM: 20, ThicknessMM: 1.5, Edge: Flat})
	if err != nil {
		t.Fatal(err)
	}
	v, want := f.Model.Part("body").Mesh.Volume(), math.Pi*100*1.5
	if math.Abs(v-want)/want > 0.002 {
		t.Errorf("flat disc volume %.3f mm³, want %.3f", v, want)
	}
}

func TestStoneBezel(t *testing.T) {
	r, err := Build(Params{Shape: Heart, DomeMM: 0.4, Stone: &gem.Stone{Cut: gem.Round, DiameterMM: 5}})
	if err != nil {
		t.Fatal(err)
	}
	checkModel(t, r.Model)
	for _, name := range []string{"body", "bail", "bezel", "stone-0"} {
		if r.Model.Part(name) == nil {
			t.Fatalf("no part %q", name)
		}
	}
	// The stone does not touch the body (it sits in the bezel over a hole).
	if d, _, _ := geom.MinDistance(r.Model.Part("stone-0").Mesh, r.Model.Part("body").Mesh); d <= 0 {
		t.Errorf("stone touches the body")
	}
	if math.Abs(r.HangAngleDeg) > hangTolDeg || r.TiltDeg <= 0 {
		t.Errorf("hang %.3f°, tilt %.3f° (want ≈0 and forward)", r.HangAngleDeg, r.TiltDeg)
	}
	t.Logf("heart with stone: CoM %.3v, hang %.3f°, tilt %.3f°", r.CentreOfMassMM, r.HangAngleDeg, r.TiltDeg)
}

func TestCustomTilt(t *testing.T) {
	// An L-shaped outline hangs tilted toward its heavy side.
	l := []geom.Vec2{{0, 0}, {20, 0}, {20, 5}, {5, 5}, {5, 20}, {0, 20}}
	r, err := Build(Params{Shape: Custom, Outline: l, Edge: Flat})
	if err != nil {
		t.Fatal(err)
	}
	checkModel(t, r.Model)
	if math.Abs(r.HangAngleDeg) < 5 {
		t.Errorf("L outline hangs at %.3f°, want a clear tilt", r.HangAngleDeg)
	}
	t.Logf("L outline: hang %.2f°", r.HangAngleDeg)
}

func TestBadInput(t *testing.T) {
	bow := []geom.Vec2{{0, 0}, {10, 10}, {10, 0}, {0, 10}}
	cases := []struct {
		p     Params
		field string
	}{
		{Params{Shape: Custom, Outline: bow}, "pendant.outline"},
		{Params{Bail: Bail{InnerDiameterMM: 2, ChainMM: 3}}, "pendant.bail.inner_diameter_mm"},
		{Params{Shape: "star"}, "pendant.shape"},
		{Params{ThicknessMM: 50}, "pendant.thickness_mm"},
		{Params{WidthMM: 10, DomeMM: 4}, "pendant.dome_mm"},
		{Params{WidthMM: 8, Stone: &gem.Stone{Cut: gem.Round, DiameterMM: 9}}, "stones[0]"},
	}
	for _, c := range cases {
		_, err := Build(c.p)
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%+v: error %v, want one naming %s", c.p, err, c.field)
		}
		var fe *FieldError
		if c.field != "stones[0]" && !errors.As(err, &fe) {
			t.Errorf("%v: not a FieldError", err)
		}
	}
}

func BenchmarkHeartWithStone(b *testing.B) {
	for b.Loop() {
		if _, err := Build(Params{Shape: Heart, DomeMM: 0.4, Stone: &gem.Stone{Cut: gem.Round, DiameterMM: 5}}); err != nil {
			b.Fatal(err)
		}
	}
}
