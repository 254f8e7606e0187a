package engrave

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// flatTol is the room a flattened outline has around its font-unit geometry:
// the chord tolerance plus float rounding.
const flatTol = DefaultToleranceMM + 1e-9

func layout(t *testing.T, tx Text) *TextLayout {
	t.Helper()
	l, err := tx.Layout()
	if err != nil {
		t.Fatalf("Layout(%q): %v", tx.Text, err)
	}
	return l
}

func TestTextFNotMirrored(t *testing.T) {
	const cap = 5.0
	l := layout(t, Text{Text: "F", CapHeightMM: cap})
	// The top bar of an F reaches further right than its foot, which is the
	// stem alone.
	var topMaxX, footMaxX, minX = math.Inf(-1), math.Inf(-1), math.Inf(1)
	base := l.Lines[0].BaselineY
	for _, c := range l.Region.Contours {
		for _, p := range c {
			minX = math.Min(minX, p[0])
			switch y := p[1] - base; {
			case y > 0.9*cap:
				topMaxX = math.Max(topMaxX, p[0])
			case y < 0.1*cap:
				footMaxX = math.Max(footMaxX, p[0])
			}
		}
	}
	if !(topMaxX-minX > 2*(footMaxX-minX)) {
		t.Errorf("F: top reaches %.3f mm right of the stem's left edge, foot %.3f mm: want the bar pointing +x", topMaxX-minX, footMaxX-minX)
	}
	var area float64
	for _, c := range l.Region.Contours {
		area += c.Area()
	}
	if !(area > 0) {
		t.Errorf("F: signed area %g, want outer contours counter-clockwise", area)
	}
}

func TestTextOHasHole(t *testing.T) {
	l := layout(t, Text{Text: "O", CapHeightMM: 5})
	if len(l.Region.Contours) != 2 {
		t.Fatalf("O: %d contours, want 2", len(l.Region.Contours))
	}
	outer := math.Max(l.Region.Contours[0].Area(), l.Region.Contours[1].Area())
	f := Measure(l.Region)
	if !(f.AreaMM2 > 0 && f.AreaMM2 < 0.8*outer) {
		t.Errorf("O: area %.3f mm², outer contour %.3f mm²: want a hole", f.AreaMM2, outer)
	}
}

func TestTextCapHeight(t *testing.T) {
	for _, font := range FontNames() {
		for _, cap := range []float64{1.5, 4} {
			l := layout(t, Text{Text: "H", CapHeightMM: cap, Font: font})
			// One line: capitals centred on y = 0, so the baseline is at
			// −cap/2 and the top of the H at +cap/2.
			b := l.Bounds
			if base := l.Lines[0].BaselineY; base != -cap/2 || math.Abs(b.Max[1]-base-cap) > flatTol {
				t.Errorf("%s H at %g mm: baseline %g, top %.5f mm above it", font, cap, base, b.Max[1]-base)
			}
			// The script H swings below the baseline; the others stand on it.
			if h := b.Size()[1]; font != FontScript && math.Abs(h-cap) > flatTol {
				t.Errorf("%s H at %g mm: measures %.5f mm", font, cap, h)
			}
		}
	}
}

func TestTextHebrewRightToLeft(t *testing.T) {
	l := layout(t, Text{Text: "שלום", CapHeightMM: 2})
	line := l.Lines[0]
	if !line.RTL {
		t.Errorf("שלום: RTL false")
	}
	if len(line.Glyphs) != 4 {
		t.Fatalf("שלום: %d glyphs, want 4", len(line.Glyphs))
	}
	// Glyphs are listed left to right: the first logical letter, shin, is
	// rightmost and the last, final mem, leftmost.
	if c := line.Glyphs[len(line.Glyphs)-1].Cluster; c != 0 {
		t.Errorf("rightmost glyph draws rune %d, want 0 (ש)", c)
	}
	if c := line.Glyphs[0].Cluster; c != 3 {
		t.Errorf("leftmost glyph draws rune %d, want 3 (ם)", c)
	}
	for i := 1; i < len(line.Glyphs); i++ {
		if !(line.Glyphs[i].X > line.Glyphs[i-1].X) {
			t.Errorf("glyph %d at x %.3f not right of glyph %d at %.3f", i, line.Glyphs[i].X, i-1, line.Glyphs[i-1].X)
		}
	}
	if f := line.Glyphs[0].Font; f != "Noto Sans Hebrew" {
		t.Errorf("Hebrew drawn with %q, want the Noto Sans Hebrew fallback", f)
	}
	// start alignment of a right-to-left line puts its right end at x = 0.
	ls := layout(t, Text{Text: "שלום", CapHeightMM: 2, Align: AlignStart})
	if e := ls.Lines[0].EndX; math.Abs(e) > 1e-12 {
		t.Errorf("start-aligned Hebrew ends at x %g, want 0", e)
	}
}

func TestTextMixedBidi(t *testing.T) {
	// An English line with a Hebrew word: the Hebrew reads right to left
	// inside the left-to-right line.
	l := layout(t, Text{Text: "ab שלום cd", CapHeightMM: 2})
	line := l.Lines[0]
	if line.RTL {
		t.Errorf("line starting with Latin reads RTL")
	}
	var clusters []int
	for _, g := range line.Glyphs {
		clusters = append(clusters, g.Cluster)
	}
	want := []int{0, 1, 2, 6, 5, 4, 3, 7, 8, 9}
	if !slices.Equal(clusters, want) {
		t.Errorf("visual order of clusters %v, want %v", clusters, want)
	}
}

func TestTextArabicJoins(t *testing.T) {
	const word = "بيت" // beh, yeh, teh: initial, medial, final forms
	l := layout(t, Text{Text: word, CapHeightMM: 2})
	line := l.Lines[0]
	if !line.RTL || len(line.Glyphs) != 3 {
		t.Fatalf("بيت: RTL %v, %d glyphs; want RTL, 3", line.RTL, len(line.Glyphs))
	}
	for _, g := range line.Glyphs {
		r := []rune(word)[g.Cluster]
		iso := layout(t, Text{Text: string(r), CapHeightMM: 2}).Lines[0].Glyphs[0]
		if g.ID == iso.ID {
			t.Errorf("%U in بيت has glyph %d, the same as its isolated form: not joined", r, g.ID)
		}
		if g.Font != "Noto Sans Arabic" {
			t.Errorf("%U drawn with %q", r, g.Font)
		}
	}
}

func TestTextDevanagari(t *testing.T) {
	const word = "नमस्ते"
	l := layout(t, Text{Text: word, CapHeightMM: 2})
	g := l.Lines[0].Glyphs
	if n := len([]rune(word)); !(len(g) < n) {
		t.Errorf("नमस्ते: %d glyphs for %d characters: want the conjunct and matra shaped into fewer", len(g), n)
	}
	for _, gl := range g {
		if gl.ID == 0 || gl.Font != "Noto Sans Devanagari" {
			t.Errorf("glyph %+v: want a Noto Sans Devanagari glyph", gl)
		}
	}
	if f := Measure(l.Region); !(f.AreaMM2 > 0) {
		t.Errorf("नमस्ते: area %g", f.AreaMM2)
	}
}

func TestTextMissingGlyphs(t *testing.T) {
	_, err := Text{Text: "A中B😀中", CapHeightMM: 2}.Layout()
	var mg *MissingGlyphsError
	if !errors.As(err, &mg) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("err %v, want *MissingGlyphsError wrapping ErrInvalid", err)
	}
	if want := []rune{'中', '😀'}; !slices.Equal(mg.Runes, want) {
		t.Errorf("missing %q, want %q", mg.Runes, want)
	}
	t.Log(err)
}

func TestTextErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		t    Text
		want string // field named in the error
	}{
		{"empty", Text{Text: "", CapHeightMM: 2}, "text"},
		{"blank", Text{Text: " \n ", CapHeightMM: 2}, "text"},
		{"no height", Text{Text: "A"}, "cap_height_mm"},
		{"huge height", Text{Text: "A", CapHeightMM: 1e9}, "cap_height_mm"},
		{"nan height", Text{Text: "A", CapHeightMM: math.NaN()}, "cap_height_mm"},
		{"font", Text{Text: "A", CapHeightMM: 2, Font: "/tmp/x.ttf"}, "font"},
		{"font data", Text{Text: "A", CapHeightMM: 2, FontData: []byte("not a font")}, "font_data"},
		{"spacing", Text{Text: "A", CapHeightMM: 2, LineSpacing: -1}, "line_spacing"},
		{"tolerance", Text{Text: "A", CapHeightMM: 2, Tolerance: 5}, "tolerance"},
		{"align", Text{Text: "A", CapHeightMM: 2, Align: 7}, "align"},
	} {
		_, err := tc.t.Layout()
		if !errors.Is(err, ErrInvalid) || !containsWord(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want ErrInvalid naming %q", tc.name, err, tc.want)
		}
	}
}

func TestTextLines(t *testing.T) {
	const cap, spacing = 2.0, 1.5
	l := layout(t, Text{Text: "ONE\nTWO\nSIX", CapHeightMM: cap, LineSpacing: spacing, Align: AlignStart})
	if len(l.Lines) != 3 {
		t.Fatalf("%d lines", len(l.Lines))
	}
	for i, ln := range l.Lines {
		want := (2*spacing*cap-cap)/2 - float64(i)*spacing*cap
		if math.Abs(ln.BaselineY-want) > 1e-12 {
			t.Errorf("line %d baseline %g, want %g", i, ln.BaselineY, want)
		}
		if ln.StartX != 0 {
			t.Errorf("line %d starts at %g, want 0 (start alignment)", i, ln.StartX)
		}
	}
	// The capitals' band is centred on y = 0.
	if b := l.Bounds; math.Abs(b.Max[1]+b.Min[1]) > 0.1 {
		t.Errorf("bounds y %g to %g not centred", b.Min[1], b.Max[1])
	}
}

func TestTextFontData(t *testing.T) {
	b := goRegular.data()
	a := layout(t, Text{Text: "Ag", CapHeightMM: 3, FontData: b})
	c := layout(t, Text{Text: "Ag", CapHeightMM: 3})
	if math.Abs(a.AdvanceMM-c.AdvanceMM) > 1e-12 || len(a.Region.Contours) != len(c.Region.Contours) {
		t.Errorf("FontData of Go Regular: advance %g, %d contours; sans: %g, %d", a.AdvanceMM, len(a.Region.Contours), c.AdvanceMM, len(c.Region.Contours))
	}
}

func TestTextKerning(t *testing.T) {
	// Noto Serif kerns "AV": the pair is narrower than its letters apart.
	av := layout(t, Text{Text: "AV", CapHeightMM: 3, Font: FontSerif}).AdvanceMM
	a := layout(t, Text{Text: "A", CapHeightMM: 3, Font: FontSerif}).AdvanceMM
	v := layout(t, Text{Text: "V", CapHeightMM: 3, Font: FontSerif}).AdvanceMM
	if !(av < a+v-0.01) {
		t.Errorf("AV advance %.4f mm, A+V %.4f mm: want kerning", av, a+v)
	}
}

func TestTextDeterministic(t *testing.T) {
	tx := Text{Text: "FOREVER 2026\nשלום", CapHeightMM: 1.5}
	a, b := layout(t, tx), layout(t, tx)
	if len(a.Region.Contours) != len(b.Region.Contours) {
		t.Fatal("contour counts differ")
	}
	for i := range a.Region.Contours {
		if !slices.Equal(a.Region.Contours[i], b.Region.Contours[i]) {
			t.Fatalf("contour %d differs", i)
		}
	}
}

func TestTextNoSelfIntersections(t *testing.T) {
	for _, font := range FontNames() {
		l := layout(t, Text{Text: "FOREVER 2026 &@Qg", CapHeightMM: 1.5, Font: font})
		for i, c := range l.Region.Contours {
			if n := Crossings(geom.Region{Contours: []geom.Contour{c}}); n != 0 {
				t.Errorf("%s: contour %d crosses itself %d times", font, i, n)
			}
		}
	}
}

func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w {
			return true
		}
	}
	return false
}

func TestTextTolerance(t *testing.T) {
	// A coarser chord tolerance uses fewer points, and the area changes by
	// no more than the outline's length times the tolerance.
	fine := layout(t, Text{Text: "O", CapHeightMM: 5, Tolerance: MinToleranceMM})
	ff := Measure(fine.Region)
	var perimeter float64
	for _, c := range fine.Region.Contours {
		for i := range c {
			perimeter += c[(i+1)%len(c)].Sub(c[i]).Len()
		}
	}
	for _, tol := range []float64{0.002, 0.01, 0.05} {
		l := layout(t, Text{Text: "O", CapHeightMM: 5, Tolerance: tol})
		f := Measure(l.Region)
		if !(f.Points < ff.Points) {
			t.Errorf("tolerance %g: %d points, not fewer than %d at %g", tol, f.Points, ff.Points, MinToleranceMM)
		}
		if d := math.Abs(f.AreaMM2 - ff.AreaMM2); d > perimeter*tol {
			t.Errorf("tolerance %g: area differs by %.5f mm², more than %.5f", tol, d, perimeter*tol)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"FOREVER 2026", "שלום", "بيت", "नमस्ते", "a\nb", "\u200d", "ab שלום 12 cd"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, font uint8) {
		tx := Text{Text: s, CapHeightMM: 2, Font: FontNames()[int(font)%4], Align: Align(font % 3)}
		l, err := tx.Layout()
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		for _, c := range l.Region.Contours {
			if len(c) < 3 {
				t.Fatalf("contour of %d points", len(c))
			}
			for _, p := range c {
				if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
					t.Fatalf("non-finite point %v", p)
				}
			}
		}
	})
}
