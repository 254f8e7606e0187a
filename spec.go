package mandrel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// MaxSpecBytes is the largest spec ParseSpec reads: far above any real spec
// (a long custom outline is a few kB), and small enough for a server.
const MaxSpecBytes = 1 << 20

// ErrSpec is wrapped by every error about a spec's content or syntax.
var ErrSpec = errors.New("invalid spec")

// Spec is a piece of jewellery as JSON describes it (SPEC.md). Lengths are in
// millimetres (fields ending _mm), angles in degrees (_deg). A zero field means
// its default.
type Spec struct {
	// Name names the outputs (NAME.stl, …); the CLI defaults it to the spec
	// file's base name.
	Name string `json:"name,omitempty"`
	// Kind is ring, pendant, chain or bracelet.
	Kind string `json:"kind"`
	// Metal is the alloy (default 18k-yellow).
	Metal string `json:"metal,omitempty"`
	// ToleranceMM is the chord tolerance of curved surfaces in mm (default
	// 0.01; 0.0001 to 1). An extension of SPEC.md.
	ToleranceMM float64 `json:"tolerance_mm,omitempty"`

	Ring     *RingSpec     `json:"ring,omitempty"`
	Pendant  *PendantSpec  `json:"pendant,omitempty"`
	Chain    *ChainSpec    `json:"chain,omitempty"`
	Bracelet *BraceletSpec `json:"bracelet,omitempty"`

	Stones     []StoneSpec     `json:"stones,omitempty"`
	Engravings []EngravingSpec `json:"engravings,omitempty"`

	// Output says which files to write; nil means all four.
	Output *OutputSpec `json:"output,omitempty"`

	// BaseDir is the directory that relative image and font paths of the
	// engravings resolve against (the CLI sets it to the spec file's
	// directory). It is not part of the JSON. Empty means the spec may name
	// no file at all: a server leaves it empty and passes image and font
	// bytes in Files instead.
	BaseDir string `json:"-"`
	// Files holds the bytes of images and fonts by the name the engravings
	// use, for callers that must not read files (a web server). Not JSON.
	Files map[string][]byte `json:"-"`
}

// RingSpec is a ring's band.
type RingSpec struct {
	Size        string     `json:"size"`              // "US 7", "UK N1/2", "EU 54", "mm 17.35", …
	Profile     string     `json:"profile,omitempty"` // flat, comfort, d-shape, knife-edge, flat-comfort, bevelled
	WidthMM     float64    `json:"width_mm,omitempty"`
	ThicknessMM float64    `json:"thickness_mm,omitempty"`
	Taper       *TaperSpec `json:"taper,omitempty"`
}

// TaperSpec is the band's size at the bottom (palm side).
type TaperSpec struct {
	WidthMM     float64 `json:"width_mm,omitempty"`
	ThicknessMM float64 `json:"thickness_mm,omitempty"`
}

// StoneSpec is one stone and its setting.
type StoneSpec struct {
	Cut        string  `json:"cut"`
	DiameterMM float64 `json:"diameter_mm,omitempty"`
	LengthMM   float64 `json:"length_mm,omitempty"`
	WidthMM    float64 `json:"width_mm,omitempty"`
	Carat      float64 `json:"carat,omitempty"`
	Gem        string  `json:"gem,omitempty"`
	Setting    string  `json:"setting,omitempty"`
	Prongs     int     `json:"prongs,omitempty"`
	At         string  `json:"at,omitempty"`
}

// EngravingSpec is text or an image cut into (or raised from) a surface.
type EngravingSpec struct {
	Text     string  `json:"text,omitempty"`
	Image    string  `json:"image,omitempty"`
	Surface  string  `json:"surface,omitempty"`
	HeightMM float64 `json:"height_mm,omitempty"`
	WidthMM  float64 `json:"width_mm,omitempty"`
	DepthMM  float64 `json:"depth_mm,omitempty"`
	Mode     string  `json:"mode,omitempty"`
	Font     string  `json:"font,omitempty"`
	Align    string  `json:"align,omitempty"`
	AtMM     float64 `json:"at_mm,omitempty"`
	Invert   bool    `json:"invert,omitempty"`
}

// PendantSpec is a pendant's body and bail.
type PendantSpec struct {
	Shape       string       `json:"shape"`
	WidthMM     float64      `json:"width_mm,omitempty"`
	HeightMM    float64      `json:"height_mm,omitempty"`
	ThicknessMM float64      `json:"thickness_mm,omitempty"`
	Edge        string       `json:"edge,omitempty"`
	DomeMM      float64      `json:"dome_mm,omitempty"`
	Bail        *BailSpec    `json:"bail,omitempty"`
	Outline     [][2]float64 `json:"outline,omitempty"`
}

// BailSpec is the loop a pendant hangs from.
type BailSpec struct {
	InnerDiameterMM float64 `json:"inner_diameter_mm,omitempty"`
	// Style is "loop" (default) or "tube".
	Style string `json:"style,omitempty"`
	// WireMM is the loop's wire diameter (tube: twice its wall), mm.
	WireMM float64 `json:"wire_mm,omitempty"`
	// ChainMM is the thickest part of the chain that must pass through the
	// bail, mm; the hole must clear it.
	ChainMM float64 `json:"chain_mm,omitempty"`
}

// ChainSpec is a chain of interlocked links.
type ChainSpec struct {
	Style        string  `json:"style,omitempty"`
	WireMM       float64 `json:"wire_mm,omitempty"`
	LinkLengthMM float64 `json:"link_length_mm,omitempty"`
	LinkWidthMM  float64 `json:"link_width_mm,omitempty"`
	LengthMM     float64 `json:"length_mm,omitempty"`
	// Path is the curve the links follow: "necklace" (default, closed, as
	// worn), "circle" (closed, lying flat) or "straight" (open, with ends).
	Path string `json:"path,omitempty"`
	// ClearanceMM is the smallest gap wanted between interlocked parts
	// (default 0.4 mm, the print-in-place clearance of REFERENCE.md).
	ClearanceMM float64 `json:"clearance_mm,omitempty"`
	// EndRings adds a jump ring at each end of a straight chain.
	EndRings bool `json:"end_rings,omitempty"`
	// Clasp fastens a straight chain: "none" or "ring" (brings end rings).
	Clasp string `json:"clasp,omitempty"`
}

// BraceletSpec is a modular bracelet of plates.
type BraceletSpec struct {
	Style   string    `json:"style,omitempty"`
	Links   int       `json:"links,omitempty"`
	Link    *LinkSpec `json:"link,omitempty"`
	WristMM float64   `json:"wrist_mm,omitempty"`
}

// LinkSpec is one plate of a modular bracelet.
type LinkSpec struct {
	WidthMM     float64 `json:"width_mm,omitempty"`
	HeightMM    float64 `json:"height_mm,omitempty"`
	ThicknessMM float64 `json:"thickness_mm,omitempty"`
}

// OutputSpec says which files a build writes. A nil field means yes.
type OutputSpec struct {
	STL *bool `json:"stl,omitempty"`
	// STLStones includes the stones in the STL (default false: a casting
	// master is metal only; stones are set after casting).
	STLStones *bool    `json:"stl_stones,omitempty"`
	GLB       *bool    `json:"glb,omitempty"`
	PNG       *PNGSpec `json:"png,omitempty"`
	Report    *bool    `json:"report,omitempty"`
}

// PNGSpec is the preview image: false, true, or its size in pixels.
type PNGSpec struct {
	Off    bool `json:"-"`
	Width  int  `json:"width,omitempty"`
	Height int  `json:"height,omitempty"`
}

// UnmarshalJSON accepts true, false or {"width": W, "height": H}.
func (p *PNGSpec) UnmarshalJSON(b []byte) error {
	switch s := strings.TrimSpace(string(b)); s {
	case "true":
		*p = PNGSpec{}
		return nil
	case "false":
		*p = PNGSpec{Off: true}
		return nil
	}
	type plain PNGSpec
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var q plain
	if err := d.Decode(&q); err != nil {
		return err
	}
	*p = PNGSpec(q)
	return nil
}

// MarshalJSON writes false for Off, else the size.
func (p PNGSpec) MarshalJSON() ([]byte, error) {
	if p.Off {
		return []byte("false"), nil
	}
	type plain PNGSpec
	return json.Marshal(plain(p))
}

// Wants reports whether the output named "stl", "glb", "png" or "report" is
// asked for.
func (o *OutputSpec) Wants(what string) bool {
	if o == nil {
		return true
	}
	b := func(p *bool) bool { return p == nil || *p }
	switch what {
	case "stl":
		return b(o.STL)
	case "glb":
		return b(o.GLB)
	case "png":
		return o.PNG == nil || !o.PNG.Off
	case "report":
		return b(o.Report)
	}
	return false
}

// ParseSpec reads one JSON spec of at most MaxSpecBytes. Unknown fields,
// trailing data and values of the wrong type are errors naming the field.
func ParseSpec(r io.Reader) (*Spec, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSpecBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading spec: %w", err)
	}
	if len(b) > MaxSpecBytes {
		return nil, fmt.Errorf("%w: the spec is larger than %d bytes", ErrSpec, MaxSpecBytes)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var s Spec
	if err := d.Decode(&s); err != nil {
		return nil, jsonError(err)
	}
	if d.More() {
		return nil, fmt.Errorf("%w: data after the spec's closing brace", ErrSpec)
	}
	return &s, nil
}

// jsonError rewords encoding/json's errors to name the field.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return fmt.Errorf("%w: %s: a JSON %s where %s is expected", ErrSpec, te.Field, te.Value, jsonType(te.Type.Kind().String()))
	case errors.As(err, &se):
		return fmt.Errorf("%w: JSON syntax error at byte %d: %v", ErrSpec, se.Offset, err)
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%w: empty spec", ErrSpec)
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		f := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return fmt.Errorf("%w: unknown field %s (a typo? fields are those of SPEC.md)", ErrSpec, f)
	}
	return fmt.Errorf("%w: %v", ErrSpec, err)
}

func jsonType(kind string) string {
	switch kind {
	case "float64", "float32":
		return "a number"
	case "int", "int64", "int32":
		return "a whole number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "a list"
	}
	return "an object"
}

// MaxNameLen is the longest name a spec may carry, in bytes.
const MaxNameLen = 100

// validateName checks that the name can name files: letters, digits, '-',
// '_' and '.', not starting with '.', at most MaxNameLen bytes.
func (s *Spec) validateName() error {
	n := s.Name
	bad := len(n) > MaxNameLen || strings.HasPrefix(n, ".")
	for _, r := range n {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.') {
			bad = true
		}
	}
	if bad {
		return fmt.Errorf("%w: name %q: allowed letters, digits, '-', '_' and '.', not starting with '.', at most %d bytes (it names the output files)", ErrSpec, n, MaxNameLen)
	}
	return nil
}
