package ring

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// Tolerances of the band tests.
const (
	// diameterTol is the contract of DESIGN.md: a ring's inner diameter is
	// exact to 0.01 mm.
	diameterTol = 0.01
	// pappusRelTol is issue #2's bound on the volume against the profile's
	// area swept by Pappus: 0.2 %.
	pappusRelTol = 0.002
)

var fingerAxis = geom.Vec3{0, 1, 0}

// referenceProfile samples a profile far finer than any tolerance (4000
// segments a dome), for reference areas.
func referenceProfile(p Profile, w, t float64) []geom.Vec2 {
	counts := p.segmentCounts(w, t, geom.Tolerance{})
	for i := range counts {
		if counts[i] > 1 {
			counts[i] = 4000
		}
	}
	return p.polygon(w, t, counts)
}

// sweptMoment returns the profile's area A (mm²) and its first moment about
// the finger axis, ∫ρ dA (mm³), for a band of inner radius r: Pappus gives the
// volume of the band as 2π ∫ρ dA.
func sweptMoment(poly []geom.Vec2, r float64) (area, moment float64) {
	var mv float64
	for i := range poly {
		a, b := poly[i], poly[(i+1)%len(poly)]
		c := a[0]*b[1] - b[0]*a[1]
		area += c / 2
		mv += c * (a[1] + b[1]) / 6
	}
	return area, r*area + mv
}

func usSizes() []Size {
	var s []Size
	for v := 3.0; v <= 15; v += 0.25 {
		z, err := SizeIn(US, fmt.Sprint(v))
		if err != nil {
			panic(err)
		}
		s = append(s, z)
	}
	return s
}

func ukSizes(t *testing.T) []Size {
	var out []Size
	for _, s := range Sizes(UK) {
		if s.DiameterMM <= mustSize(t, "UK Z+3").DiameterMM+1e-9 {
			out = append(out, s)
		}
	}
	return out
}

func mustSize(t testing.TB, s string) Size {
	t.Helper()
	z, err := ParseSize(s)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// checkBand asserts what a jeweller relies on for one band: a closed mesh, the
// exact inner diameter, and the volume of the profile swept around the axis.
func checkBand(t *testing.T, p Params, full bool) {
	t.Helper()
	m, err := p.Band()
	if err != nil {
		t.Fatalf("%s %s: %v", p.Profile, p.Size, err)
	}
	opt := geom.CheckOptions{SkipSelfIntersections: !full}
	if err := m.CheckWith(opt).Err(); err != nil {
		t.Fatalf("%s %s: %v", p.Profile, p.Size, err)
	}
	in, _ := m.AxisDistance(geom.Vec3{}, fingerAxis)
	if d := 2 * in; math.Abs(d-p.Size.DiameterMM) > diameterTol {
		t.Errorf("%s %s: inner diameter %.4f mm, want %.4f", p.Profile, p.Size, d, p.Size.DiameterMM)
	}
	q := p.withDefaults()
	_, mom := sweptMoment(referenceProfile(q.Profile, q.WidthMM, q.ThicknessMM), q.Size.DiameterMM/2)
	want := 2 * math.Pi * mom
	if got := m.Volume(); math.Abs(got-want) > pappusRelTol*want {
		t.Errorf("%s %s: volume %.3f mm³, Pappus %.3f (%.3f %%)", p.Profile, p.Size, got, want, 100*(got/want-1))
	}
}

func TestBandEveryProfileAndSize(t *testing.T) {
	sizes := append(usSizes(), ukSizes(t)...)
	if len(sizes) != 49+57 {
		t.Fatalf("got %d sizes, want 49 US (3..15 by quarters) + 57 UK (A..Z+3 by halves)", len(sizes))
	}
	for _, pr := range Profiles {
		for i, s := range sizes {
			// The self-intersection search is the slow part of Check: run it
			// on every tenth size, the topology on all of them.
			checkBand(t, Params{Size: s, Profile: pr}, i%10 == 0)
		}
	}
}

func TestBandWidthsAndThicknesses(t *testing.T) {
	s := mustSize(t, "US 9.5")
	for _, pr := range Profiles {
		for _, w := range []float64{1.5, 2, 6, 10} {
			for _, tk := range []float64{pr.MinThicknessMM(), math.Min(2.5, MaxThicknessPerWidth*w)} {
				checkBand(t, Params{Size: s, Profile: pr, WidthMM: w, ThicknessMM: tk}, true)
			}
		}
	}
}

// TestBandTaper compares a tapered band's volume with the integral of the
// profile's swept moment around the ring, ∫ ∫ρ dA dφ, by the trapezoidal rule.
func TestBandTaper(t *testing.T) {
	for _, pr := range Profiles {
		p := Params{Size: mustSize(t, "US 6"), Profile: pr, WidthMM: 6, ThicknessMM: 2.2,
			Taper: &Taper{WidthMM: 2.5, ThicknessMM: 1.4}}
		m, err := p.Band()
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Check().Err(); err != nil {
			t.Fatalf("%s: %v", pr, err)
		}
		in, _ := m.AxisDistance(geom.Vec3{}, fingerAxis)
		if math.Abs(2*in-p.Size.DiameterMM) > diameterTol {
			t.Errorf("%s taper: inner diameter %.4f, want %.4f", pr, 2*in, p.Size.DiameterMM)
		}
		// The integrand is smooth and periodic: the trapezoidal rule
		// converges geometrically, and 72 steps are exact to rounding.
		const steps = 72
		r := p.Size.DiameterMM / 2
		var want float64
		for i := 0; i < steps+1; i++ {
			phi := 2 * math.Pi * float64(i) / steps
			f := (1 - math.Cos(phi)) / 2
			w, tk := 6+(2.5-6)*f, 2.2+(1.4-2.2)*f
			_, mom := sweptMoment(referenceProfile(pr, w, tk), r)
			if i < steps {
				want += mom
			}
		}
		want *= 2 * math.Pi / steps
		if got := m.Volume(); math.Abs(got-want) > pappusRelTol*want {
			t.Errorf("%s taper: volume %.3f mm³, integral %.3f (%.3f %%)", pr, got, want, 100*(got/want-1))
		}
		// The band is 6 mm wide at the top and 2.5 mm at the bottom.
		top, bottom := widthAt(m, 1), widthAt(m, -1)
		if math.Abs(top-6) > 1e-6 || math.Abs(bottom-2.5) > 1e-6 {
			t.Errorf("%s taper: width top %.4f bottom %.4f, want 6 and 2.5", pr, top, bottom)
		}
	}
}

// widthAt measures the band's extent along the finger axis among the vertices
// on the top (sign +1) or bottom (−1) station.
func widthAt(m *geom.Mesh, sign float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range m.Verts {
		if math.Abs(v[0]) < 1e-9 && v[2]*sign > 0 {
			lo, hi = math.Min(lo, v[1]), math.Max(hi, v[1])
		}
	}
	return hi - lo
}

func TestBandTaperIsSmooth(t *testing.T) {
	// Blend (1 − cos φ)/2 has zero slope at top and bottom: the widths of
	// the stations next to the top differ from the top's by second order.
	p := Params{Size: mustSize(t, "US 7"), WidthMM: 6, Taper: &Taper{WidthMM: 2}}
	m, err := p.Band()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	// Widths of consecutive stations change by a smooth amount: the second
	// difference is small everywhere (no kink).
	n := len(m.Verts) / stationSize(m)
	ws := make([]float64, n)
	k := stationSize(m)
	for i := 0; i < n; i++ {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range m.Verts[i*k : (i+1)*k] {
			lo, hi = math.Min(lo, v[1]), math.Max(hi, v[1])
		}
		ws[i] = hi - lo
	}
	dphi := 2 * math.Pi / float64(n)
	for i := 0; i < n; i++ {
		d2 := (ws[(i+1)%n] - 2*ws[i] + ws[(i-1+n)%n]) / (dphi * dphi)
		// |w''| ≤ (6−2)/2 = 2 mm/rad² for the cosine blend.
		if math.Abs(d2) > 2.01 {
			t.Fatalf("station %d: width second derivative %.3f mm/rad², a kink", i, d2)
		}
	}
}

// stationSize returns the number of profile points per station, from the
// first station's vertices (those at x = 0, z > 0).
func stationSize(m *geom.Mesh) int {
	k := 0
	for _, v := range m.Verts {
		if math.Abs(v[0]) > 1e-12 || v[2] < 0 {
			break
		}
		k++
	}
	return k
}

func TestParamsErrors(t *testing.T) {
	us7 := mustSize(t, "US 7")
	nan := math.NaN()
	cases := []struct {
		p     Params
		field string
	}{
		{Params{Size: us7, WidthMM: -2}, "ring.width_mm"},
		{Params{Size: us7, WidthMM: nan}, "ring.width_mm"},
		{Params{Size: us7, WidthMM: 10000}, "ring.width_mm"},
		{Params{Size: us7, ThicknessMM: 0.5}, "ring.thickness_mm"},
		{Params{Size: us7, Profile: Comfort, ThicknessMM: 1.0}, "ring.thickness_mm"},
		{Params{Size: us7, WidthMM: 2, ThicknessMM: 3.5}, "ring.thickness_mm"},
		{Params{Size: us7, ThicknessMM: math.Inf(1)}, "ring.thickness_mm"},
		{Params{Size: us7, Profile: "wavy"}, "ring.profile"},
		{Params{Size: us7, Taper: &Taper{WidthMM: 0.2}}, "ring.taper.width_mm"},
		{Params{Size: us7, Taper: &Taper{ThicknessMM: 9}}, "ring.taper.thickness_mm"},
		{Params{Size: Size{Standard: MM, Label: "10000", DiameterMM: 10000}}, "ring.size"},
		{Params{}, "ring.size"},
		{Params{Size: us7, Metal: "unobtainium"}, "metal"},
		{Params{Size: us7, Tolerance: geom.Tolerance{ChordMM: 1e-9}}, "chord_mm"},
	}
	for _, c := range cases {
		err := c.p.Validate()
		if err == nil {
			t.Errorf("%+v: no error, want one naming %s", c.p, c.field)
			continue
		}
		if !errors.Is(err, ErrParams) || !strings.Contains(err.Error(), c.field) || !strings.Contains(err.Error(), "allowed") {
			t.Errorf("%+v: error %q should wrap ErrParams and name %s and the allowed range", c.p, err, c.field)
		}
		if _, err := Build(c.p); err == nil {
			t.Errorf("%+v: Build succeeded", c.p)
		}
	}
}

func TestBandBudget(t *testing.T) {
	p := Params{Size: mustSize(t, "US 7"), Tolerance: geom.Tolerance{ChordMM: geom.MinChordMM, MaxTriangles: 10000}}
	_, err := p.Band()
	if !errors.Is(err, geom.ErrBudget) {
		t.Fatalf("got %v, want a budget error", err)
	}
}

func TestBandDeterministic(t *testing.T) {
	p := Params{Size: mustSize(t, "UK N1/2"), Profile: DShape, Taper: &Taper{WidthMM: 2.5}}
	a, _ := p.Band()
	b, _ := p.Band()
	if len(a.Verts) != len(b.Verts) {
		t.Fatal("vertex counts differ")
	}
	for i := range a.Verts {
		if a.Verts[i] != b.Verts[i] {
			t.Fatalf("vertex %d differs", i)
		}
	}
}
