package engrave

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is wrapped by every error about bad input: a parameter out of
// range, empty text, an unreadable or oversized image, an unknown font.
var ErrInvalid = errors.New("engrave: invalid input")

// MissingGlyphsError is returned when the text holds characters that neither
// the chosen font nor any shipped fallback can draw. It wraps ErrInvalid.
type MissingGlyphsError struct {
	Font  string // the font asked for ("sans", …, or "font_data")
	Runes []rune // the characters no font covers, each once, in order of first use
}

func (e *MissingGlyphsError) Error() string {
	var b strings.Builder
	for i, r := range e.Runes {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%U %q", r, r)
	}
	return fmt.Sprintf("engrave: text: font %q and its fallbacks lack glyphs for %s: allowed %s", e.Font, b.String(), coveredScripts)
}

// coveredScripts says which characters the built-in fonts and their
// fallbacks draw, for MissingGlyphsError.
const coveredScripts = "Latin, Greek, Cyrillic, Hebrew, Arabic and Devanagari letters, digits and common symbols, or a font file that has these characters"

// Unwrap returns ErrInvalid.
func (e *MissingGlyphsError) Unwrap() error { return ErrInvalid }

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}
