package engrave

import (
	"bytes"
	"embed"
	"fmt"
	"sync"

	"github.com/go-text/typesetting/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
)

// Built-in font names accepted by [Text.Font].
const (
	FontSans   = "sans"   // Go Regular (golang.org/x/image/font/gofont, BSD licence)
	FontSerif  = "serif"  // Noto Serif Regular (fonts/, SIL OFL 1.1)
	FontMono   = "mono"   // Go Mono (golang.org/x/image/font/gofont, BSD licence)
	FontScript = "script" // Dancing Script Regular (fonts/, SIL OFL 1.1)
)

// fontFiles holds the openly licensed fonts shipped with the package; their
// copyright notices and licence are in fonts/OFL.txt.
//
//go:embed fonts/*.ttf fonts/*.otf fonts/OFL.txt
var fontFiles embed.FS

// builtinFont is a font the package can load by name, parsed once on first
// use. A parsed *font.Font is safe for concurrent use; the *font.Face that
// wraps it for one layout is not, so each layout makes its own faces.
type builtinFont struct {
	name string
	data func() []byte
	once sync.Once
	font *font.Font
	err  error
}

func embedded(path string) func() []byte {
	return func() []byte {
		b, err := fontFiles.ReadFile(path)
		if err != nil {
			panic("engrave: embedded font missing: " + path) // a build defect, not an input error
		}
		return b
	}
}

func (b *builtinFont) load() (*font.Font, error) {
	b.once.Do(func() {
		f, err := font.ParseTTF(bytes.NewReader(b.data()))
		if err != nil {
			b.err = fmt.Errorf("engrave: built-in font %s: %w", b.name, err)
			return
		}
		b.font = f.Font
	})
	return b.font, b.err
}

var (
	goRegular   = &builtinFont{name: FontSans, data: func() []byte { return goregular.TTF }}
	goMono      = &builtinFont{name: FontMono, data: func() []byte { return gomono.TTF }}
	notoSerif   = &builtinFont{name: FontSerif, data: embedded("fonts/NotoSerif-Regular.ttf")}
	dancing     = &builtinFont{name: FontScript, data: embedded("fonts/DancingScript-Regular.otf")}
	notoHebrew  = &builtinFont{name: "Noto Sans Hebrew", data: embedded("fonts/NotoSansHebrew-Regular.ttf")}
	notoArabic  = &builtinFont{name: "Noto Sans Arabic", data: embedded("fonts/NotoSansArabic-Regular.ttf")}
	notoDevanag = &builtinFont{name: "Noto Sans Devanagari", data: embedded("fonts/NotoSansDevanagari-Regular.ttf")}
)

// builtins maps the names accepted by Text.Font to their fonts.
var builtins = map[string]*builtinFont{
	FontSans:   goRegular,
	FontSerif:  notoSerif,
	FontMono:   goMono,
	FontScript: dancing,
}

// fallbacks are consulted, in this order, for characters the chosen font
// lacks: the scripts the Go fonts do not cover, then Latin, Greek and
// Cyrillic from Go Regular and Noto Serif.
var fallbacks = []*builtinFont{notoHebrew, notoArabic, notoDevanag, goRegular, notoSerif}

// FontNames lists the built-in font names, in a fixed order.
func FontNames() []string { return []string{FontSans, FontSerif, FontMono, FontScript} }

// LicenseText returns the copyright notices and the SIL Open Font License of
// the fonts shipped in engrave/fonts, for a product's notices.
func LicenseText() string {
	b, _ := fontFiles.ReadFile("fonts/OFL.txt")
	return string(b)
}

// namedFace is a face for one layout with the name reported for it.
type namedFace struct {
	name string
	face *font.Face
}

// faceSet is the primary face followed by its fallbacks, for one layout.
type faceSet []namedFace

// ResolveFace implements shaping.Fontmap: the first face that maps r, else
// the primary face.
func (fs faceSet) ResolveFace(r rune) *font.Face {
	for _, f := range fs {
		if _, ok := f.face.NominalGlyph(r); ok {
			return f.face
		}
	}
	return fs[0].face
}

// has reports whether any face maps r.
func (fs faceSet) has(r rune) bool {
	for _, f := range fs {
		if _, ok := f.face.NominalGlyph(r); ok {
			return true
		}
	}
	return false
}

func (fs faceSet) nameOf(f *font.Face) string {
	for _, n := range fs {
		if n.face == f {
			return n.name
		}
	}
	return ""
}

// loadFaces returns the faces for one layout: the font given by data (when
// non-empty) or by name, then the fallbacks.
func loadFaces(name string, data []byte) (faceSet, error) {
	var primary *font.Font
	label := name
	if len(data) > 0 {
		f, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: font_data (%d bytes): not a readable TrueType/OpenType font: %v", ErrInvalid, len(data), err)
		}
		primary, label = f.Font, "font_data"
	} else {
		b := builtins[name]
		if b == nil {
			return nil, fmt.Errorf("%w: font %q: allowed %q, %q, %q, %q, or the font file's bytes in FontData", ErrInvalid, name, FontSans, FontSerif, FontMono, FontScript)
		}
		f, err := b.load()
		if err != nil {
			return nil, err
		}
		primary = f
	}
	set := faceSet{{name: label, face: font.NewFace(primary)}}
	for _, fb := range fallbacks {
		f, err := fb.load()
		if err != nil {
			return nil, err
		}
		if f == primary {
			continue
		}
		set = append(set, namedFace{name: fb.name, face: font.NewFace(f)})
	}
	return set, nil
}
