package engrave

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mandrel3d/mandrel/geom"
)

// Align says where each line of text sits relative to x = 0.
type Align int

// Alignments. Start and end follow each line's reading direction: a Hebrew
// or Arabic line starts at the right.
const (
	// AlignCenter centres each line's advance box on x = 0 (the default).
	AlignCenter Align = iota
	// AlignStart puts each line's start at x = 0 (the left edge of a
	// left-to-right line, the right edge of a right-to-left one).
	AlignStart
	// AlignEnd puts each line's end at x = 0.
	AlignEnd
)

// String returns the spec name of the alignment: "center", "start" or "end".
func (a Align) String() string {
	switch a {
	case AlignCenter:
		return "center"
	case AlignStart:
		return "start"
	case AlignEnd:
		return "end"
	}
	return fmt.Sprintf("Align(%d)", int(a))
}

// ParseAlign reads a spec alignment: "center" (or ""), "start" or "end".
func ParseAlign(s string) (Align, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "center", "centre":
		return AlignCenter, nil
	case "start":
		return AlignStart, nil
	case "end":
		return AlignEnd, nil
	}
	return 0, invalidf("align %q: allowed center, start, end", s)
}

// Limits of a Text.
const (
	// MinCapHeightMM and MaxCapHeightMM bound Text.CapHeightMM. 0.1 mm is
	// far below what any process can cut (REFERENCE.md: lettering ≥ 1.75 mm
	// tall when cast); 200 mm is far above any jewel.
	MinCapHeightMM = 0.1
	MaxCapHeightMM = 200.0
	// DefaultLineSpacing is the baseline-to-baseline distance in cap
	// heights when Text.LineSpacing is 0: about 1.25 em in the Go fonts.
	DefaultLineSpacing = 1.75
	// MinLineSpacing and MaxLineSpacing bound Text.LineSpacing (cap heights).
	MinLineSpacing = 0.5
	MaxLineSpacing = 10.0
	// DefaultToleranceMM is the chord tolerance in mm used when a Tolerance
	// field is 0 (DESIGN.md: 0.01 mm).
	DefaultToleranceMM = geom.DefaultChordMM
	// MinToleranceMM and MaxToleranceMM bound the Tolerance fields.
	MinToleranceMM = 0.0005
	MaxToleranceMM = 0.5
	// MaxTextRunes bounds the characters of one Text, and MaxTextLines its
	// lines, so that untrusted input has bounded cost (an engraving is a few
	// words).
	MaxTextRunes = 1000
	MaxTextLines = 50
	// maxTextPoints bounds the contour points of one layout (about 64 MB).
	maxTextPoints = 4_000_000
)

// Text is an engraving of text. The zero value of each optional field means
// its documented default.
type Text struct {
	// Text is the text to engrave, UTF-8; "\n" starts a new line. It must
	// hold at least one visible character and at most MaxTextRunes runes.
	Text string
	// Font names a built-in font: "sans" (the default when empty), "serif",
	// "mono" or "script" (see FontNames). A font file is the caller's to
	// read: pass its bytes in FontData.
	Font string
	// FontData, when not empty, is a TrueType or OpenType font file used in
	// place of Font.
	FontData []byte
	// CapHeightMM is the height of capital letters in mm (the top of "H"
	// above the baseline), from MinCapHeightMM to MaxCapHeightMM. Required.
	CapHeightMM float64
	// Align places each line relative to x = 0; the zero value centres.
	Align Align
	// LineSpacing is the distance between baselines in cap heights, from
	// MinLineSpacing to MaxLineSpacing; 0 means DefaultLineSpacing.
	LineSpacing float64
	// Tolerance is the largest distance in mm between a glyph's curves and
	// the chords that replace them, from MinToleranceMM to MaxToleranceMM;
	// 0 means DefaultToleranceMM (0.01 mm).
	Tolerance float64
}

// Validate reports every bad field of t, each error naming the field, its
// value and the allowed range, joined with errors.Join semantics.
func (t Text) Validate() error {
	var errs []error
	if !utf8.ValidString(t.Text) {
		errs = append(errs, invalidf("text: not valid UTF-8"))
	} else if n := utf8.RuneCountInString(t.Text); n > MaxTextRunes {
		errs = append(errs, invalidf("text: %d characters, allowed at most %d", n, MaxTextRunes))
	} else if strings.IndexFunc(t.Text, func(r rune) bool { return !unicode.IsSpace(r) }) < 0 {
		errs = append(errs, invalidf("text %q: empty, needs at least one visible character", t.Text))
	} else if n := strings.Count(t.Text, "\n") + 1; n > MaxTextLines {
		errs = append(errs, invalidf("text: %d lines, allowed at most %d", n, MaxTextLines))
	}
	if len(t.FontData) == 0 && t.Font != "" && builtins[t.Font] == nil {
		errs = append(errs, invalidf("font %q: allowed %q, %q, %q, %q, or the font file's bytes in FontData", t.Font, FontSans, FontSerif, FontMono, FontScript))
	}
	if h := t.CapHeightMM; !(h >= MinCapHeightMM && h <= MaxCapHeightMM) {
		errs = append(errs, invalidf("cap_height_mm %g: allowed %g to %g mm", h, MinCapHeightMM, MaxCapHeightMM))
	}
	if t.Align < AlignCenter || t.Align > AlignEnd {
		errs = append(errs, invalidf("align %d: allowed center, start, end", int(t.Align)))
	}
	if s := t.LineSpacing; s != 0 && !(s >= MinLineSpacing && s <= MaxLineSpacing) {
		errs = append(errs, invalidf("line_spacing %g: allowed %g to %g cap heights (0 = %g)", s, MinLineSpacing, MaxLineSpacing, DefaultLineSpacing))
	}
	if err := checkTolerance(t.Tolerance); err != nil {
		errs = append(errs, err)
	}
	return joinErrs(errs)
}

func checkTolerance(tol float64) error {
	if tol != 0 && !(tol >= MinToleranceMM && tol <= MaxToleranceMM) {
		return invalidf("tolerance %g mm: allowed %g to %g mm (0 = %g)", tol, MinToleranceMM, MaxToleranceMM, DefaultToleranceMM)
	}
	return nil
}

func toleranceOrDefault(tol float64) float64 {
	if tol == 0 {
		return DefaultToleranceMM
	}
	return tol
}

// Bounds is an axis-aligned box in mm. An empty region has Min > Max.
type Bounds struct {
	Min, Max geom.Vec2
}

// Size returns the width and height of the box in mm (zero when empty).
func (b Bounds) Size() geom.Vec2 {
	if b.Min[0] > b.Max[0] {
		return geom.Vec2{}
	}
	return b.Max.Sub(b.Min)
}

// emptyBounds is the identity of extend.
func emptyBounds() Bounds {
	return Bounds{Min: geom.Vec2{math.Inf(1), math.Inf(1)}, Max: geom.Vec2{math.Inf(-1), math.Inf(-1)}}
}

func (b *Bounds) extend(p geom.Vec2) {
	b.Min[0] = math.Min(b.Min[0], p[0])
	b.Min[1] = math.Min(b.Min[1], p[1])
	b.Max[0] = math.Max(b.Max[0], p[0])
	b.Max[1] = math.Max(b.Max[1], p[1])
}

// RegionBounds returns the bounds of every point of r's contours.
func RegionBounds(r geom.Region) Bounds {
	b := emptyBounds()
	for _, c := range r.Contours {
		for _, p := range c {
			b.extend(p)
		}
	}
	return b
}
