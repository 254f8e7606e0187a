package server

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mandrel3d/mandrel"
)

// builtinFonts is the allow-list of engraving fonts: the library's built-in
// faces. A font named by path is refused: the server opens no file a
// request names.
var builtinFonts = map[string]bool{"": true, "sans": true, "serif": true, "mono": true, "script": true}

// fieldErr is a refused spec: the field (as SPEC.md names it) and why.
type fieldErr struct {
	field, msg string
}

func (e *fieldErr) Error() string { return e.field + ": " + e.msg }

func refuse(field, format string, args ...any) *fieldErr {
	return &fieldErr{field: field, msg: fmt.Sprintf(format, args...)}
}

// preflight refuses, before any work, a spec that would exceed the server's
// budget or that names a file. It returns nil for a spec the library may
// build (which then validates everything else).
func (c Config) preflight(s *mandrel.Spec) *fieldErr {
	if t := s.ToleranceMM; t != 0 && t < c.MinToleranceMM {
		return refuse("tolerance_mm", "%g mm is finer than this server builds: allowed %g to 1 mm (0 = 0.01)", t, c.MinToleranceMM)
	}
	if n := len(s.Engravings); n > c.MaxEngravings {
		return refuse("engravings", "%d engravings: this server allows at most %d", n, c.MaxEngravings)
	}
	for i, e := range s.Engravings {
		f := fmt.Sprintf("engravings[%d].", i)
		if n := utf8.RuneCountInString(e.Text); n > c.MaxEngravingRunes {
			return refuse(f+"text", "%d characters: this server engraves at most %d", n, c.MaxEngravingRunes)
		}
		if !builtinFonts[strings.ToLower(e.Font)] {
			return refuse(f+"font", "%q: allowed sans, serif, mono or script (this server reads no font files)", clip(e.Font))
		}
		if e.Image != "" {
			return refuse(f+"image", "%q: this server reads no files; image engravings are not accepted here", clip(e.Image))
		}
	}
	if n := len(s.Stones); n > c.MaxStones {
		return refuse("stones", "%d stones: this server allows at most %d", n, c.MaxStones)
	}
	if ch := s.Chain; ch != nil && ch.LengthMM > c.MaxChainMM {
		return refuse("chain.length_mm", "%g mm: this server builds chains up to %g mm", ch.LengthMM, c.MaxChainMM)
	}
	if b := s.Bracelet; b != nil && b.Links > c.MaxLinks {
		return refuse("bracelet.links", "%d links: this server builds at most %d", b.Links, c.MaxLinks)
	}
	if p := s.Pendant; p != nil && len(p.Outline) > c.MaxOutlinePoints {
		return refuse("pendant.outline", "%d points: this server allows at most %d", len(p.Outline), c.MaxOutlinePoints)
	}
	if o := s.Output; o != nil && o.PNG != nil {
		if w := o.PNG.Width; w < 0 || w > c.MaxPNGSize {
			return refuse("output.png.width", "%d pixels: allowed 1 to %d (0 = %d)", w, c.MaxPNGSize, c.PNGSize)
		}
		if h := o.PNG.Height; h < 0 || h > c.MaxPNGSize {
			return refuse("output.png.height", "%d pixels: allowed 1 to %d (0 = %d)", h, c.MaxPNGSize, c.PNGSize)
		}
	}
	return nil
}

// clip shortens a value quoted back in a message.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	r := []rune(s)
	if len(r) > 40 {
		r = r[:40]
	}
	return string(r) + "…"
}
