package engrave

import (
	"slices"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// shaper holds the reusable state of the shaping pipeline for one layout.
type shaper struct {
	faces faceSet
	hb    shaping.HarfbuzzShaper
	seg   shaping.Segmenter
	para  bidi.Paragraph
}

// visualRun is one shaped run of a line, in the order it is drawn from left
// to right.
type visualRun struct {
	out   shaping.Output
	level bidi.Level
}

// shapeLine shapes one line: Unicode bidi (UAX #9) splits it into runs of
// one direction, each run is split by script and by the face that has its
// characters, each piece is shaped by HarfBuzz (joining, ligatures, marks,
// kerning), and the runs are put in visual order (UAX #9 rule L2). It
// returns the runs left to right and whether the line reads right to left.
func (s *shaper) shapeLine(runes []rune) (runs []visualRun, rtl bool) {
	if len(runes) == 0 {
		return nil, false
	}
	br := s.para.Segment(runes, bidi.Neutral)
	type bidiRun struct {
		start, end int
		level      bidi.Level
	}
	var brs []bidiRun
	minLevel := bidi.Level(127)
	for i := 0; i < br.NumRuns(); i++ {
		r := br.Run(i)
		brs = append(brs, bidiRun{r.Start, r.End, r.Level})
		minLevel = min(minLevel, r.Level)
	}
	// The paragraph level is the lowest level of its characters (rule P3
	// gives the first strong character the paragraph level).
	rtl = minLevel%2 == 1
	var pieces [][]visualRun
	for _, b := range brs {
		dir := di.DirectionLTR
		if b.level%2 == 1 {
			dir = di.DirectionRTL
		}
		in := shaping.Input{Text: runes, RunStart: b.start, RunEnd: b.end, Direction: dir}
		split := s.seg.Split(in, s.faces)
		var piece []visualRun
		for _, part := range split {
			part.Size = fixed.I(int(part.Face.Upem()))
			out := s.hb.Shape(part)
			piece = append(piece, visualRun{out: out, level: b.level})
		}
		if dir == di.DirectionRTL {
			slices.Reverse(piece)
		}
		pieces = append(pieces, piece)
	}
	// Rule L2: from the highest level down to the lowest odd level, reverse
	// every maximal sequence of runs at that level or higher.
	maxLevel, lowestOdd := bidi.Level(0), bidi.Level(127)
	for _, b := range brs {
		maxLevel = max(maxLevel, b.level)
		if b.level%2 == 1 {
			lowestOdd = min(lowestOdd, b.level)
		}
	}
	for lvl := maxLevel; lvl >= lowestOdd && lvl > 0; lvl-- {
		for i := 0; i < len(brs); {
			if brs[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(brs) && brs[j].level >= lvl {
				j++
			}
			slices.Reverse(brs[i:j])
			slices.Reverse(pieces[i:j])
			i = j
		}
	}
	for _, p := range pieces {
		runs = append(runs, p...)
	}
	return runs, rtl
}

// ignorable reports whether a character needs no glyph of its own: spaces,
// which shaping replaces when a font lacks them, and default-ignorable code
// points such as the zero-width joiners of Arabic and Devanagari.
func ignorable(r rune) bool {
	return unicode.IsSpace(r) || harfbuzz.IsDefaultIgnorable(r)
}

// missingRunes returns the characters of runes that no face maps, each once,
// in order of first use.
func (s *shaper) missingRunes(runes []rune, seen map[rune]bool, out []rune) []rune {
	for _, r := range runes {
		if ignorable(r) || seen[r] {
			continue
		}
		seen[r] = true
		if !s.faces.has(r) {
			out = append(out, r)
		}
	}
	return out
}
