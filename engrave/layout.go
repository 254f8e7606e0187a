package engrave

import (
	"strings"

	"github.com/go-text/typesetting/font"
	"github.com/mandrel3d/mandrel/geom"
)

// TextLayout is a laid-out Text: its outlines as one region and the facts
// a builder needs to place it.
//
// Coordinates are millimetres with y up. Lines stack downward; the block is
// centred vertically on the band its capitals occupy: the top of the first
// line's capitals is at y = +h/2 and the last line's baseline at y = −h/2
// for h = CapHeight + (lines−1)·LineSpacing, so a one-line text has its
// baseline at y = −CapHeight/2 and its capitals span −CapHeight/2 to
// +CapHeight/2. Horizontally each line is placed by Text.Align about x = 0.
// Descenders and accents reach beyond that band: Bounds gives the ink.
type TextLayout struct {
	// Region holds the glyph outlines with the NonZero rule; outer contours
	// run counter-clockwise and holes clockwise. Contours of neighbouring
	// glyphs may overlap where the font joins them (Arabic, Devanagari,
	// scripts); the fill rule unites them.
	Region geom.Region
	// Bounds is the box around every contour point, in mm.
	Bounds Bounds
	// AdvanceMM is the advance width of the widest line in mm: the length
	// along the surface the text takes, side bearings included.
	AdvanceMM float64
	// EmMM is the font size (one em) in mm that gives the cap height.
	EmMM float64
	// CapHeightMM is the cap height asked for, in mm.
	CapHeightMM float64
	// LineSpacingMM is the distance between baselines in mm.
	LineSpacingMM float64
	// Lines describes each line, top first.
	Lines []Line
}

// Line is one laid-out line of text.
type Line struct {
	// Text is the line's text, in logical (reading) order.
	Text string
	// RTL is true when the line reads right to left (its first strong
	// character is Hebrew, Arabic, …; UAX #9 rules P2–P3).
	RTL bool
	// BaselineY is the height of the baseline in mm.
	BaselineY float64
	// StartX and EndX are the left and right ends of the line's advance box
	// in mm (StartX is the left end even for a right-to-left line).
	StartX, EndX float64
	// Glyphs are the shaped glyphs from left to right.
	Glyphs []Glyph
}

// Glyph is one shaped glyph of a line.
type Glyph struct {
	// Font names the font that drew it: the name asked for, "font_data", or
	// the fallback used ("Noto Sans Hebrew", …).
	Font string
	// ID is the glyph's index in that font (after shaping: a joined Arabic
	// form has a different ID from the isolated letter).
	ID uint32
	// Cluster is the index, in runes of the line's Text, of the first
	// character this glyph draws.
	Cluster int
	// X and Y are the glyph origin in mm.
	X, Y float64
	// AdvanceMM is how far the pen moves after it, in mm.
	AdvanceMM float64
}

// Layout lays out the text and returns its outlines in mm (see TextLayout
// for the coordinates). Errors wrap ErrInvalid and name the field: an
// invalid parameter, empty text, an unreadable FontData, or characters that
// neither the font nor the shipped fallbacks can draw (*MissingGlyphsError
// lists them).
func (t Text) Layout() (*TextLayout, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	name := t.Font
	if name == "" {
		name = FontSans
	}
	faces, err := loadFaces(name, t.FontData)
	if err != nil {
		return nil, err
	}
	if len(t.FontData) > 0 {
		name = "font_data"
	}
	s := &shaper{faces: faces}
	text := strings.ReplaceAll(strings.ReplaceAll(t.Text, "\r\n", "\n"), "\t", " ")
	lines := strings.Split(text, "\n")

	// Characters no font covers are an error, listed all at once.
	var missing []rune
	seen := map[rune]bool{}
	lineRunes := make([][]rune, len(lines))
	for i, l := range lines {
		lineRunes[i] = []rune(l)
		missing = s.missingRunes(lineRunes[i], seen, missing)
	}
	if len(missing) > 0 {
		return nil, &MissingGlyphsError{Font: name, Runes: missing}
	}

	primary := faces[0].face
	capUnits := capHeightUnits(primary)
	em := t.CapHeightMM * float64(primary.Upem()) / capUnits
	spacing := t.LineSpacing
	if spacing == 0 {
		spacing = DefaultLineSpacing
	}
	lay := &TextLayout{
		Region:        geom.Region{Fill: geom.NonZero},
		EmMM:          em,
		CapHeightMM:   t.CapHeightMM,
		LineSpacingMM: spacing * t.CapHeightMM,
	}
	tol := toleranceOrDefault(t.Tolerance)
	top := (float64(len(lines)-1)*lay.LineSpacingMM - t.CapHeightMM) / 2
	cache := map[glyphKey][]geom.Contour{}
	points := 0
	seenMissing := map[rune]bool{}
	for i, runes := range lineRunes {
		runs, rtl := s.shapeLine(runes)
		line := Line{Text: lines[i], RTL: rtl, BaselineY: top - float64(i)*lay.LineSpacingMM}
		// Pen positions in mm, left to right, from x = 0.
		var pen float64
		for _, run := range runs {
			face := run.out.Face
			unit := em / float64(face.Upem()) / 64 // mm per 26.6 shaper unit
			fname := faces.nameOf(face)
			for _, g := range run.out.Glyphs {
				if g.GlyphID == 0 {
					if r := runes[g.ClusterIndex]; !ignorable(r) && !seenMissing[r] {
						seenMissing[r] = true
						missing = append(missing, r)
					}
				}
				line.Glyphs = append(line.Glyphs, Glyph{
					Font:      fname,
					ID:        uint32(g.GlyphID),
					Cluster:   g.ClusterIndex,
					X:         pen + float64(g.XOffset)*unit,
					Y:         float64(g.YOffset) * unit,
					AdvanceMM: float64(g.Advance) * unit,
				})
				pen += float64(g.Advance) * unit
			}
		}
		var x0 float64
		switch {
		case t.Align == AlignCenter:
			x0 = -pen / 2
		case (t.Align == AlignStart) == !rtl:
			x0 = 0
		default:
			x0 = -pen
		}
		line.StartX, line.EndX = x0, x0+pen
		lay.AdvanceMM = max(lay.AdvanceMM, pen)
		gi := 0
		for _, run := range runs {
			face := run.out.Face
			scale := em / float64(face.Upem())
			for range run.out.Glyphs {
				g := &line.Glyphs[gi]
				gi++
				g.X += x0
				g.Y += line.BaselineY
				key := glyphKey{face, font.GID(g.ID)}
				cs, ok := cache[key]
				if !ok {
					if o, ok := face.GlyphDataOutline(font.GID(g.ID)); ok {
						cs = flattenOutline(o, tol/scale)
					}
					cache[key] = cs
				}
				for _, c := range cs {
					points += len(c)
					if points > maxTextPoints {
						return nil, invalidf("text: outlines would need more than %d points; raise tolerance (%g mm) or shorten the text", maxTextPoints, tol)
					}
					out := make(geom.Contour, len(c))
					for k, p := range c {
						out[k] = geom.Vec2{g.X + p[0]*scale, g.Y + p[1]*scale}
					}
					lay.Region.Contours = append(lay.Region.Contours, out)
				}
			}
		}
		lay.Lines = append(lay.Lines, line)
	}
	if len(missing) > 0 {
		return nil, &MissingGlyphsError{Font: name, Runes: missing}
	}
	if len(lay.Region.Contours) == 0 {
		return nil, invalidf("text %q: draws nothing (no visible glyph)", t.Text)
	}
	lay.Bounds = RegionBounds(lay.Region)
	return lay, nil
}

// Region returns the text's outlines (Layout(...).Region).
func (t Text) Region() (geom.Region, error) {
	l, err := t.Layout()
	if err != nil {
		return geom.Region{}, err
	}
	return l.Region, nil
}

type glyphKey struct {
	face *font.Face
	gid  font.GID
}

// capHeightUnits returns the cap height of a face in font units: the top of
// its "H" when it has one (so that an H measures exactly the height asked
// for), else the OS/2 cap height, else 0.7 em.
func capHeightUnits(f *font.Face) float64 {
	if gid, ok := f.NominalGlyph('H'); ok {
		if ext, ok := f.GlyphExtents(gid); ok && ext.YBearing > 0 {
			return float64(ext.YBearing)
		}
	}
	if c := f.LineMetric(font.CapHeight); c > 0 {
		return float64(c)
	}
	return 0.7 * float64(f.Upem())
}
