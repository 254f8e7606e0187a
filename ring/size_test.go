package ring

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

// sizeMust parses s or fails the test.
func sizeMust(t *testing.T, s string) Size {
	t.Helper()
	sz, err := ParseSize(s)
	if err != nil {
		t.Fatalf("ParseSize(%q): %v", s, err)
	}
	return sz
}

func sizeNear(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// TestSizeReferenceRows checks every sample row of REFERENCE.md §2 to ±0.01 mm.
func TestSizeReferenceRows(t *testing.T) {
	const tol = 0.01
	us := []struct{ s, d, c float64 }{
		{4, 14.88, 46.76}, {5, 15.70, 49.31}, {6, 16.51, 51.87},
		{7, 17.32, 54.42}, {8, 18.14, 56.97}, {10, 19.76, 62.08},
	}
	for _, r := range us {
		sz := sizeMust(t, "US "+strconv.FormatFloat(r.s, 'f', -1, 64))
		if !sizeNear(sz.DiameterMM, r.d, tol) || !sizeNear(sz.CircumferenceMM(), r.c, tol) {
			t.Errorf("US %v: d %.4f C %.4f, want d %.2f C %.2f", r.s, sz.DiameterMM, sz.CircumferenceMM(), r.d, r.c)
		}
	}
	uk := []struct {
		label string
		c, d  float64
	}{
		{"H", 46.25, 14.72}, {"J½", 49.38, 15.72}, {"L½", 51.88, 16.51},
		{"N½", 54.38, 17.31}, {"P½", 56.88, 18.10}, {"T½", 61.88, 19.70},
	}
	for _, r := range uk {
		sz := sizeMust(t, "UK "+r.label)
		if !sizeNear(sz.DiameterMM, r.d, tol) || !sizeNear(sz.CircumferenceMM(), r.c, tol) {
			t.Errorf("UK %s: d %.4f C %.4f, want d %.2f C %.2f", r.label, sz.DiameterMM, sz.CircumferenceMM(), r.d, r.c)
		}
	}
	ch := []struct{ s, c, d float64 }{
		{6, 46, 14.64}, {10, 50, 15.92}, {14.5, 54.5, 17.35}, {18, 58, 18.46}, {22, 62, 19.74},
	}
	for _, r := range ch {
		sz := sizeMust(t, "CH "+strconv.FormatFloat(r.s, 'f', -1, 64))
		if !sizeNear(sz.DiameterMM, r.d, tol) || !sizeNear(sz.CircumferenceMM(), r.c, tol) {
			t.Errorf("CH %v: d %.4f C %.4f, want d %.2f C %.2f", r.s, sz.DiameterMM, sz.CircumferenceMM(), r.d, r.c)
		}
	}
	iso := []struct{ s, d float64 }{{48, 15.28}, {52, 16.55}, {54, 17.19}, {57, 18.14}, {60, 19.10}}
	for _, r := range iso {
		sz := sizeMust(t, "EU "+strconv.FormatFloat(r.s, 'f', -1, 64))
		if !sizeNear(sz.DiameterMM, r.d, tol) || !sizeNear(sz.CircumferenceMM(), r.s, 1e-9) {
			t.Errorf("EU %v: d %.4f C %.4f, want d %.2f C %v", r.s, sz.DiameterMM, sz.CircumferenceMM(), r.d, r.s)
		}
	}
	jp := []struct{ n, d, c float64 }{
		{7, 15.00, 47.12}, {9, 15.67, 49.22}, {13, 17.00, 53.41}, {16, 18.00, 56.55}, {19, 19.00, 59.69},
	}
	for _, r := range jp {
		for _, std := range []string{"JP ", "CN "} {
			sz := sizeMust(t, std+strconv.FormatFloat(r.n, 'f', -1, 64))
			if !sizeNear(sz.DiameterMM, r.d, tol) || !sizeNear(sz.CircumferenceMM(), r.c, tol) {
				t.Errorf("%s%v: d %.4f C %.4f, want d %.2f C %.2f", std, r.n, sz.DiameterMM, sz.CircumferenceMM(), r.d, r.c)
			}
		}
	}
	india := []struct {
		n string
		c float64
	}{{"1", 41.0}, {"6", 46.1}, {"8", 48.0}, {"12", 51.9}, {"14", 54.4}, {"22", 62.1}, {"30", 69.7}}
	for _, r := range india {
		sz := sizeMust(t, "IN "+r.n)
		if !sizeNear(sz.CircumferenceMM(), r.c, tol) || !sizeNear(sz.DiameterMM, r.c/math.Pi, tol) {
			t.Errorf("IN %s: C %.4f, want %.1f", r.n, sz.CircumferenceMM(), r.c)
		}
	}
	// HK ends of JewelCraft's HK_TO_US_SIZE_MAP: HK 5 = US 2.75, HK 30 = US 13.25.
	for _, r := range []struct{ hk, us string }{{"5", "2.75"}, {"15", "7"}, {"30", "13.25"}} {
		if h, u := sizeMust(t, "HK "+r.hk), sizeMust(t, "US "+r.us); h.DiameterMM != u.DiameterMM {
			t.Errorf("HK %s d %.4f, want US %s d %.4f", r.hk, h.DiameterMM, r.us, u.DiameterMM)
		}
	}
}

// TestSizeUS7 checks the decision table's US 7 and its conversions.
func TestSizeUS7(t *testing.T) {
	us7 := sizeMust(t, "US 7")
	if !sizeNear(us7.DiameterMM, 17.32, 0.005) {
		t.Fatalf("US 7 = %.4f mm, want 17.32", us7.DiameterMM)
	}
	want := map[Standard]string{US: "7", UK: "N1/2", EU: "54.5", JP: "14", CN: "14", CH: "14.5", IN: "14", HK: "15"}
	got := Conversions(us7.DiameterMM)
	if len(got) != len(Standards) {
		t.Fatalf("Conversions(US 7) has %d rows, want %d: %+v", len(got), len(Standards), got)
	}
	for i, c := range got {
		if c.Standard != Standards[i] {
			t.Errorf("row %d is %s, want %s (report order)", i, c.Standard, Standards[i])
		}
		if c.Label != want[c.Standard] {
			t.Errorf("US 7 in %s = %q, want %q", c.Standard, c.Label, want[c.Standard])
		}
		if !sizeNear(c.ErrorMM, c.DiameterMM-us7.DiameterMM, 1e-12) {
			t.Errorf("%s error %.6f, want diameter − 17.3228 = %.6f", c.Standard, c.ErrorMM, c.DiameterMM-us7.DiameterMM)
		}
		if math.Abs(c.ErrorMM) > 0.03 {
			t.Errorf("%s %s is %.4f mm off US 7, want within 0.03", c.Standard, c.Label, c.ErrorMM)
		}
	}
	// JCS JP 14 = 13 + 13/3 = 17.33 mm.
	if jp := sizeMust(t, "JP 14"); !sizeNear(jp.DiameterMM, 17.33, 0.005) {
		t.Errorf("JP 14 = %.4f mm, want 17.33", jp.DiameterMM)
	}
}

// TestParseSizeForms checks the accepted spellings and their canonical labels.
func TestParseSizeForms(t *testing.T) {
	cases := []struct {
		in    string
		std   Standard
		label string
	}{
		{"US 7", US, "7"}, {"us 7.25", US, "7.25"}, {"US 7 1/4", US, "7.25"}, {"US 7¼", US, "7.25"},
		{"US 7 ½", US, "7.5"}, {"US7.75", US, "7.75"}, {"  US   0  ", US, "0"}, {"US 16", US, "16"},
		{"US 07.50", US, "7.5"}, {"US 1/2", US, "0.5"}, {"US ¾", US, "0.75"}, {"CA 7", US, "7"},
		{"US -0", US, "0"}, {"US\t7", US, "7"},
		{"UK N", UK, "N"}, {"uk n", UK, "N"}, {"UK N1/2", UK, "N1/2"}, {"UK N 1/2", UK, "N1/2"},
		{"UK N½", UK, "N1/2"}, {"UK A", UK, "A"}, {"UK Z", UK, "Z"}, {"UK Z½", UK, "Z1/2"},
		{"UK Z+2", UK, "Z+2"}, {"UK z+1 1/2", UK, "Z+1 1/2"}, {"UK Z + 1½", UK, "Z+1 1/2"},
		{"UK Z+6", UK, "Z+6"}, {"AU N", UK, "N"},
		{"EU 54", EU, "54"}, {"EU 54.5", EU, "54.5"}, {"EU 54,5", EU, "54.5"}, {"eu 54 1/2", EU, "54.5"},
		{"EU 54.37", EU, "54.37"}, {"EU 38", EU, "38"}, {"EU 80", EU, "80"}, {"ISO 52", EU, "52"},
		{"JP 13", JP, "13"}, {"JP 13.0", JP, "13"}, {"JP 1", JP, "1"}, {"JP 30", JP, "30"}, {"CN 14", CN, "14"},
		{"CH 14", CH, "14"}, {"CH 14.5", CH, "14.5"}, {"CH 14 1/2", CH, "14.5"}, {"IT 14", CH, "14"}, {"ES 0", CH, "0"},
		{"IN 15", IN, "15"}, {"in 1", IN, "1"}, {"IN 30", IN, "30"}, {"IN 15.0", IN, "15"},
		{"HK 12", HK, "12"}, {"HK 5", HK, "5"}, {"HK 30", HK, "30"},
		{"mm 17.35", MM, "17.35"}, {"MM 17.32", MM, "17.32"}, {"mm17", MM, "17"}, {"17.35 mm", MM, "17.35"},
		{"17.35mm", MM, "17.35"}, {"mm 10", MM, "10"}, {"mm 28", MM, "28"},
	}
	for _, c := range cases {
		sz, err := ParseSize(c.in)
		if err != nil {
			t.Errorf("ParseSize(%q): %v", c.in, err)
			continue
		}
		if sz.Standard != c.std || sz.Label != c.label {
			t.Errorf("ParseSize(%q) = %s %q, want %s %q", c.in, sz.Standard, sz.Label, c.std, c.label)
		}
		if back, err := ParseSize(sz.String()); err != nil || back != sz {
			t.Errorf("ParseSize(%q) = %+v, %v; want %+v", sz.String(), back, err, sz)
		}
	}
	if mm := sizeMust(t, "mm 17.35"); mm.DiameterMM != 17.35 {
		t.Errorf("mm 17.35 has diameter %v", mm.DiameterMM)
	}
}

// TestSizeUSQuartersUKHalves parses US 3…15 every quarter and UK A…Z+3 every
// half, in every written form, against the formulas, and round-trips them.
func TestSizeUSQuartersUKHalves(t *testing.T) {
	fracs := []struct{ dec, frac, glyph string }{{"", "", ""}, {".25", " 1/4", "¼"}, {".5", " 1/2", "½"}, {".75", " 3/4", "¾"}}
	for whole := 3; whole <= 15; whole++ {
		for q, f := range fracs {
			if whole == 15 && q > 0 {
				break
			}
			s := float64(whole) + float64(q)/4
			want := 11.6332 + 0.8128*s
			w := strconv.Itoa(whole)
			var first Size
			for i, in := range []string{"US " + w + f.dec, "US " + w + f.frac, "US " + w + f.glyph} {
				sz := sizeMust(t, in)
				if !sizeNear(sz.DiameterMM, want, 1e-9) {
					t.Errorf("%s = %.6f mm, want %.6f", in, sz.DiameterMM, want)
				}
				if i == 0 {
					first = sz
				} else if sz != first {
					t.Errorf("%s = %+v, want %+v", in, sz, first)
				}
			}
			if sz, e, ok := Nearest(US, want); !ok || sz != first || e != 0 {
				t.Errorf("Nearest(US, %.4f) = %+v %v %v, want %+v", want, sz, e, ok, first)
			}
		}
	}
	var labels []string
	for c := 'A'; c <= 'Z'; c++ {
		labels = append(labels, string(c), string(c)+"1/2")
	}
	labels = append(labels, "Z+1", "Z+1 1/2", "Z+2", "Z+2 1/2", "Z+3")
	for n, label := range labels {
		want := (37.5 + 0.625*float64(n)) / math.Pi
		sz := sizeMust(t, "UK "+label)
		if sz.Label != label || !sizeNear(sz.DiameterMM, want, 1e-9) {
			t.Errorf("UK %s = %q %.6f mm, want %q %.6f", label, sz.Label, sz.DiameterMM, label, want)
		}
		if alt := strings.Replace(label, "1/2", "½", 1); alt != label {
			if sz2 := sizeMust(t, "UK "+alt); sz2 != sz {
				t.Errorf("UK %s = %+v, want %+v", alt, sz2, sz)
			}
		}
		if got, e, ok := Nearest(UK, want); !ok || got != sz || math.Abs(e) > 1e-12 {
			t.Errorf("Nearest(UK, %.4f) = %+v %v %v, want %+v", want, got, e, ok, sz)
		}
	}
}

// sizeHalfStep is half the spacing of Nearest's grid in diameter (mm), for
// the linear standards.
var sizeHalfStep = map[Standard]float64{
	US: 0.8128 / 8, UK: 0.625 / 2 / math.Pi, EU: 0.25 / math.Pi, CH: 0.25 / math.Pi,
	JP: 1.0 / 6, CN: 1.0 / 6, MM: 0.005,
}

// TestSizeRoundTrip checks, for every valid size of every standard, that
// Nearest finds it exactly and that its label reads back to it; then, over a
// sweep of diameters, that Nearest returns the closest valid size, its label
// round-trips, and ok is false exactly outside the range.
func TestSizeRoundTrip(t *testing.T) {
	counts := map[Standard]int{US: 65, UK: 63, EU: 85, JP: 30, CN: 30, CH: 71, IN: 30, HK: 26, MM: 1801}
	all := append(append([]Standard{}, Standards...), MM)
	for _, std := range all {
		sizes := Sizes(std)
		if len(sizes) != counts[std] {
			t.Errorf("%s has %d sizes, want %d", std, len(sizes), counts[std])
		}
		for i, sz := range sizes {
			if i > 0 && !(sz.DiameterMM > sizes[i-1].DiameterMM) {
				t.Errorf("%s sizes not increasing at %s", std, sz)
			}
			if got, e, ok := Nearest(std, sz.DiameterMM); !ok || got != sz || e != 0 {
				t.Errorf("Nearest(%s, %v) = %+v %v %v, want %+v", std, sz.DiameterMM, got, e, ok, sz)
			}
			if got, err := ParseSize(sz.String()); err != nil || got != sz {
				t.Errorf("ParseSize(%q) = %+v, %v; want %+v", sz.String(), got, err, sz)
			}
			if got, err := SizeIn(std, sz.Label); err != nil || got != sz {
				t.Errorf("SizeIn(%s, %q) = %+v, %v; want %+v", std, sz.Label, got, err, sz)
			}
		}
		first, last := sizes[0].DiameterMM, sizes[len(sizes)-1].DiameterMM
		lo, hi := first-sizeHalfStep[std], last+sizeHalfStep[std]
		if std == IN || std == HK {
			lo = first - (sizes[1].DiameterMM-first)/2
			hi = last + (last-sizes[len(sizes)-2].DiameterMM)/2
		}
		for d := 8.0; d <= 30; d += 0.0037 {
			sz, e, ok := Nearest(std, d)
			inside := d > lo+1e-9 && d < hi-1e-9
			if d < lo-1e-9 || d > hi+1e-9 {
				if ok {
					t.Errorf("Nearest(%s, %.4f) = %s, want !ok (range %.4f–%.4f)", std, d, sz, lo, hi)
				}
				continue
			}
			if !ok {
				if inside {
					t.Errorf("Nearest(%s, %.4f) not ok inside range %.4f–%.4f", std, d, lo, hi)
				}
				continue
			}
			if e != sz.DiameterMM-d {
				t.Errorf("Nearest(%s, %.4f) error %v, want %v", std, d, e, sz.DiameterMM-d)
			}
			if got, err := ParseSize(sz.String()); err != nil || got != sz {
				t.Errorf("ParseSize(%q) = %+v, %v; want %+v", sz.String(), got, err, sz)
			}
			for _, other := range sizes {
				if math.Abs(other.DiameterMM-d) < math.Abs(e)-1e-9 {
					t.Errorf("Nearest(%s, %.4f) = %s (%.4f off), but %s is %.4f off", std, d, sz, e, other, other.DiameterMM-d)
					break
				}
			}
		}
	}
}

// TestSizeErrors checks that bad inputs are errors wrapping ErrSize with a
// message naming the value and the allowed range.
func TestSizeErrors(t *testing.T) {
	cases := []struct {
		in   string
		std  Standard
		want string // substring of the message
	}{
		{"US 99", US, "0 to 16 in quarter steps"},
		{"US 16.25", US, "0 to 16 in quarter steps"},
		{"US -1", US, "0 to 16 in quarter steps"},
		{"US 7.3", US, "7.3 is not a quarter size"},
		{"US 7 1/8", US, "7.125 is not a quarter size"},
		{"US 7 1/3", US, "not a quarter size"},
		{"US", US, "no size"},
		{"US NaN", US, `cannot read "NaN"`},
		{"US Inf", US, "cannot read"},
		{"US +Inf", US, "cannot read"},
		{"US 1e1", US, "cannot read"},
		{"US 0x10", US, "cannot read"},
		{"US 7_0", US, "cannot read"},
		{"US 1/0", US, "cannot read"},
		{"US 3/2", US, "cannot read"},
		{"US 7.", US, "cannot read"},
		{"US .5", US, "cannot read"},
		{"US 7 1/4 1/4", US, "cannot read"},
		{"US 7.5 1/4", US, "cannot read"},
		{"US 99999999999999999999", US, "0 to 16"},
		{"US ７", US, "cannot read"},
		{"US 7\x00", US, "cannot read"},
		{"US 7,5,0", US, "cannot read"},
		{"UK Z+7", UK, "A to Z+6 in half steps"},
		{"UK Z+6 1/2", UK, "A to Z+6"},
		{"UK Z+0", UK, "cannot read"},
		{"UK Z+", UK, "cannot read"},
		{"UK Z+11/2", UK, "cannot read"},
		{"UK A+1", UK, "cannot read"},
		{"UK N3/4", UK, "cannot read"},
		{"UK 13", UK, "cannot read"},
		{"UK NN", UK, "cannot read"},
		{"UK Ñ", UK, "cannot read"},
		{"EU 37.5", EU, "38 to 80 mm"},
		{"EU 80.5", EU, "38 to 80 mm"},
		{"EU 54..5", EU, "cannot read"},
		{"JP 0", JP, "1 to 30 in whole steps"},
		{"JP 31", JP, "1 to 30"},
		{"JP 13.5", JP, "13.5 is not a whole size"},
		{"CN 31", CN, "CN sizes run from 1 to 30"},
		{"CH 35.5", CH, "0 to 35 in half steps"},
		{"CH 14.25", CH, "14.25 is not a half size"},
		{"IN 0", IN, "1 to 30 of the Indian chart"},
		{"IN 31", IN, "Indian chart"},
		{"IN 15.5", IN, "Indian chart"},
		{"IN x", IN, "Indian chart"},
		{"HK 4", HK, "5 to 30 of the Hong Kong chart"},
		{"HK 31", HK, "Hong Kong chart"},
		{"mm 9.99", MM, "10 to 28 mm"},
		{"mm 28.01", MM, "10 to 28 mm"},
		{"mm 1e308", MM, "cannot read"},
		{"30 mm", MM, "10 to 28 mm"},
		{"mm", MM, "no size"},
		{"", "", "empty"},
		{"   ", "", "empty"},
		{"XX 7", "", `unknown standard "XX"`},
		{"Uſ 7", "", "unknown standard"},
		{"ＵＳ 7", "", "no standard"},
		{"UKN", "", `unknown standard "UKN"`},
		{"7", "", "no standard"},
		{"17.35", "", "no standard"},
		{"\xff\xfe", "", "no standard"},
		{"US " + strings.Repeat("9", 100), "", "too long"},
	}
	for _, c := range cases {
		sz, err := ParseSize(c.in)
		if err == nil {
			t.Errorf("ParseSize(%q) = %+v, want an error", c.in, sz)
			continue
		}
		if !errors.Is(err, ErrSize) {
			t.Errorf("ParseSize(%q) error %v does not wrap ErrSize", c.in, err)
		}
		var se *SizeError
		if !errors.As(err, &se) {
			t.Errorf("ParseSize(%q) error %T is not a *SizeError", c.in, err)
			continue
		}
		if se.Standard != c.std {
			t.Errorf("ParseSize(%q) error standard %q, want %q", c.in, se.Standard, c.std)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "ring size ") || !strings.Contains(msg, c.want) {
			t.Errorf("ParseSize(%q) error %q, want it to contain %q", c.in, msg, c.want)
		}
		if sz != (Size{}) {
			t.Errorf("ParseSize(%q) returned %+v with its error", c.in, sz)
		}
		if len(msg) > 400 {
			t.Errorf("ParseSize(%q) error is %d bytes long", c.in, len(msg))
		}
	}
	if _, err := ParseSize("US 99"); err == nil || err.Error() != `ring size "US 99": US sizes run from 0 to 16 in quarter steps` {
		t.Errorf("US 99: %v", err)
	}
	var long *SizeError
	if _, err := ParseSize("UK " + strings.Repeat("\xbf", 200)); !errors.As(err, &long) || len(long.Input) > sizeMaxInput+len("…") || !strings.HasSuffix(long.Input, "…") {
		t.Errorf("long input kept as %q (%v)", long.Input, err)
	}
	if _, err := SizeIn("XX", "7"); !errors.Is(err, ErrSize) {
		t.Errorf("SizeIn(XX, 7) = %v, want ErrSize", err)
	}
	if _, err := SizeIn(US, "7.3"); err == nil || !strings.Contains(err.Error(), `"US 7.3"`) {
		t.Errorf("SizeIn(US, 7.3) = %v", err)
	}
	if _, err := SizeIn(US, strings.Repeat("7", 1000)); !errors.Is(err, ErrSize) {
		t.Errorf("SizeIn(US, long) = %v", err)
	}
}

func TestSizeInAndStandard(t *testing.T) {
	if sz, err := SizeIn("uk", "N½"); err != nil || sz.Standard != UK || sz.Label != "N1/2" {
		t.Errorf("SizeIn(uk, N½) = %+v, %v", sz, err)
	}
	if sz, err := SizeIn(US, "7 1/4"); err != nil || sz.Label != "7.25" {
		t.Errorf("SizeIn(US, 7 1/4) = %+v, %v", sz, err)
	}
	for in, want := range map[string]Standard{"us": US, " Uk ": UK, "ISO": EU, "mm": MM, "MM": MM, "hk": HK, "it": CH} {
		if got, err := ParseStandard(in); err != nil || got != want {
			t.Errorf("ParseStandard(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "USA", "DE", "Uſ", "ＵＳ"} {
		if got, err := ParseStandard(in); !errors.Is(err, ErrSize) {
			t.Errorf("ParseStandard(%q) = %q, %v; want ErrSize", in, got, err)
		}
	}
	sz := sizeMust(t, "EU 54")
	if sz.String() != "EU 54" || !sizeNear(sz.CircumferenceMM(), 54, 1e-12) {
		t.Errorf("EU 54: %q, C %v", sz.String(), sz.CircumferenceMM())
	}
}

func TestNearestOutOfRange(t *testing.T) {
	for _, d := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, -17, 1e300, -1e300, 5, 40, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		for _, std := range append([]Standard{MM, "XX", ""}, Standards...) {
			if sz, e, ok := Nearest(std, d); ok || sz != (Size{}) || e != 0 {
				t.Errorf("Nearest(%q, %v) = %+v %v %v, want zero, false", std, d, sz, e, ok)
			}
		}
		if c := Conversions(d); len(c) != 0 {
			t.Errorf("Conversions(%v) = %+v, want none", d, c)
		}
	}
	if Sizes("XX") != nil {
		t.Error("Sizes(XX) is not nil")
	}
	// 12.0 mm: US 0.5 (12.04 mm) and UK A (11.94 mm) are within half a step;
	// EU 38 (12.10 mm, C 37.70 < 37.75), CH 0 (12.73), JP/CN 1 (13.0), IN 1
	// (13.05) and HK 5 (13.87) are not.
	got := map[Standard]string{}
	for _, c := range Conversions(12.0) {
		got[c.Standard] = c.Label
	}
	want := map[Standard]string{US: "0.5", UK: "A"}
	if len(got) != len(want) {
		t.Errorf("Conversions(12.0) = %v, want %v", got, want)
	}
	for std, l := range want {
		if got[std] != l {
			t.Errorf("Conversions(12.0)[%s] = %q, want %q", std, got[std], l)
		}
	}
}

// FuzzParseSize checks that ParseSize never panics, that every accepted size
// has a finite diameter within 8–30 mm and reads back from its own String,
// and that every error wraps ErrSize with a bounded message.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{
		"US 7", "us 7.25", "US 7 1/4", "US 7¼", "UK N", "UK N1/2", "UK N½", "UK Z+2", "UK Z+1 1/2",
		"EU 54", "EU 54,5", "JP 13", "CH 14", "IN 15", "CN 14", "HK 12", "mm 17.35", "17.35 mm",
		"US 99", "US NaN", "US 1e400", "", "UK Z+11/2", "\xff", "US -0", "mm 0x1p4", "US 7 99/100",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sz, err := ParseSize(s)
		if err != nil {
			if !errors.Is(err, ErrSize) {
				t.Fatalf("ParseSize(%q) error %v does not wrap ErrSize", s, err)
			}
			if len(err.Error()) > 600 {
				t.Fatalf("ParseSize(%q) error is %d bytes", s, len(err.Error()))
			}
			return
		}
		d := sz.DiameterMM
		if math.IsNaN(d) || math.IsInf(d, 0) || d < 8 || d > 30 {
			t.Fatalf("ParseSize(%q) diameter %v", s, d)
		}
		if sz.Label == "" {
			t.Fatalf("ParseSize(%q) has an empty label", s)
		}
		if back, err := ParseSize(sz.String()); err != nil || back != sz {
			t.Fatalf("ParseSize(%q) = %+v; its String %q reads as %+v, %v", s, sz, sz.String(), back, err)
		}
	})
}
