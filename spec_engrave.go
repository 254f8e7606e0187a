package mandrel

import (
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/mandrel3d/mandrel/engrave"
	"github.com/mandrel3d/mandrel/ring"
)

// MaxEngravingFileBytes is the largest image or font file a spec's
// engraving may name or carry inline (16 MiB).
const MaxEngravingFileBytes = 16 << 20

// Engraving files: an engraving's "image" and a "font" that is not a
// built-in name are looked up in Spec.Files, else read as a base64 data: URI,
// else read from Spec.BaseDir (the CLI sets it to the spec file's
// directory). A server leaves BaseDir empty and no file is ever opened.

// Engraving modes of EngravingSpec.Mode.
const (
	ModeEngrave = "engrave" // cut into the surface (the default)
	ModeEmboss  = "emboss"  // raised from the surface
)

// engravingFile returns the bytes of an engraving's image or font file
// named by ref: Spec.Files[ref] when present, else a base64 data: URI
// ("data:[type];base64,…"), else a path read relative to Spec.BaseDir. With
// an empty BaseDir no file is ever opened (a server's case): a path that is
// not in Files is an error.
func (s *Spec) engravingFile(ref string) ([]byte, error) {
	if b, ok := s.Files[ref]; ok {
		if len(b) > MaxEngravingFileBytes {
			return nil, fmt.Errorf("larger than %d MiB", MaxEngravingFileBytes>>20)
		}
		return b, nil
	}
	if isDataURI(ref) {
		return decodeDataURI(ref)
	}
	if s.BaseDir == "" {
		return nil, fmt.Errorf("not among the files given with the spec, and this build reads no files (send the bytes in Files or as a data: URI)")
	}
	p := ref
	if !filepath.IsAbs(p) {
		p = filepath.Join(s.BaseDir, p)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxEngravingFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if len(b) > MaxEngravingFileBytes {
		return nil, fmt.Errorf("larger than %d MiB", MaxEngravingFileBytes>>20)
	}
	return b, nil
}

func isBuiltinFont(name string) bool {
	for _, f := range engrave.FontNames() {
		if strings.EqualFold(name, f) {
			return true
		}
	}
	return false
}

func isDataURI(s string) bool { return strings.HasPrefix(s, "data:") }

// shortRef shortens a data: URI for an error message.
func shortRef(s string) string {
	if len(s) > 40 {
		return s[:32] + "…"
	}
	return s
}

// decodeDataURI returns the bytes of a base64 data: URI.
func decodeDataURI(s string) ([]byte, error) {
	meta, data, ok := strings.Cut(strings.TrimPrefix(s, "data:"), ",")
	if !ok || !strings.HasSuffix(meta, ";base64") {
		return nil, fmt.Errorf("a data: URI must be base64 (data:[type];base64,…)")
	}
	if base64.StdEncoding.DecodedLen(len(data)) > MaxEngravingFileBytes+3 {
		return nil, fmt.Errorf("larger than %d MiB", MaxEngravingFileBytes>>20)
	}
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return nil, fmt.Errorf("bad base64: %v", err)
	}
	return b, nil
}

// ringEngravings turns the spec's engravings into the ring's, reading
// images and font files as engravingFile says.
func ringEngravings(s *Spec) ([]ring.Engraving, error) {
	out := make([]ring.Engraving, 0, len(s.Engravings))
	for i, es := range s.Engravings {
		e, err := es.ringEngraving(i, s)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func (es EngravingSpec) ringEngraving(i int, s *Spec) (ring.Engraving, error) {
	tolMM := s.ToleranceMM
	field := func(f string) string { return fmt.Sprintf("engravings[%d].%s", i, f) }
	bad := func(f string, format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrSpec, field(f), fmt.Sprintf(format, args...))
	}
	e := ring.Engraving{Surface: strings.ToLower(strings.TrimSpace(es.Surface)), DepthMM: es.DepthMM, AtMM: es.AtMM}
	switch strings.ToLower(strings.TrimSpace(es.Mode)) {
	case "", ModeEngrave:
	case ModeEmboss:
		e.Emboss = true
	default:
		return e, bad("mode", "%q: allowed %q or %q", es.Mode, ModeEngrave, ModeEmboss)
	}
	if es.DepthMM < 0 {
		return e, bad("depth_mm", "%g: allowed a positive depth in mm (use \"mode\": %q to raise the engraving)", es.DepthMM, ModeEmboss)
	}
	// engrave's chord tolerance follows the spec's, within engrave's range
	tol := 0.0
	if tolMM != 0 {
		tol = math.Min(math.Max(tolMM, engrave.MinToleranceMM), engrave.MaxToleranceMM)
	}
	switch {
	case es.Text != "" && es.Image != "":
		return e, bad("image", "given with text: an engraving is a text or an image, not both")
	case es.Text == "" && es.Image == "":
		return e, bad("text", "empty: give a text or an image")
	case es.Image != "":
		if es.HeightMM != 0 {
			return e, bad("height_mm", "%g: an image is sized by width_mm", es.HeightMM)
		}
		if w := es.WidthMM; !(w >= engrave.MinImageWidthMM && w <= engrave.MaxImageWidthMM) {
			return e, bad("width_mm", "%g: allowed %g to %g mm (the width of the image's ink; required)", w, engrave.MinImageWidthMM, engrave.MaxImageWidthMM)
		}
		data, err := s.engravingFile(es.Image)
		if err != nil {
			return e, bad("image", "%q: %v", shortRef(es.Image), err)
		}
		e.Image = &engrave.Image{Data: data, WidthMM: es.WidthMM, Invert: es.Invert, Tolerance: tol}
	default:
		if es.WidthMM != 0 {
			return e, bad("width_mm", "%g: text is sized by height_mm (its cap height)", es.WidthMM)
		}
		if es.Invert {
			return e, bad("invert", "true: invert is for images")
		}
		if h := es.HeightMM; !(h >= engrave.MinCapHeightMM && h <= engrave.MaxCapHeightMM) {
			return e, bad("height_mm", "%g: allowed %g to %g mm (the text's cap height; required)", h, engrave.MinCapHeightMM, engrave.MaxCapHeightMM)
		}
		al, err := engrave.ParseAlign(es.Align)
		if err != nil {
			return e, bad("align", "%q: allowed center, start, end", es.Align)
		}
		t := &engrave.Text{Text: es.Text, CapHeightMM: es.HeightMM, Align: al, Tolerance: tol}
		switch {
		case es.Font == "":
		case isBuiltinFont(es.Font):
			t.Font = strings.ToLower(es.Font)
		default:
			data, err := s.engravingFile(es.Font)
			if err != nil {
				return e, bad("font", "%q: allowed %s, or a TTF/OTF file: %v", shortRef(es.Font), strings.Join(engrave.FontNames(), ", "), err)
			}
			t.FontData = data
		}
		e.Text = t
	}
	return e, nil
}

// engravingReports turns the ring's EngravingFacts into report entries.
func engravingReports(facts []ring.EngravingFacts) []EngravingRep {
	if len(facts) == 0 {
		return nil
	}
	out := make([]EngravingRep, len(facts))
	for i, f := range facts {
		out[i] = EngravingRep{Surface: f.Surface, AreaMM2: round(f.AreaMM2, 3), DepthMM: round(f.DepthMM, 3), SmallestFeature: round(f.SmallestFeatureMM, 3)}
	}
	return out
}
