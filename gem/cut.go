package gem

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is wrapped by every error returned for bad parameters (an unknown
// cut, a size out of range, a stone too small for its setting).
var ErrInvalid = errors.New("gem: invalid parameters")

// FieldError is a bad parameter: the field (as the spec names it, e.g.
// "diameter_mm"), the value given and what is allowed. It wraps ErrInvalid.
type FieldError struct {
	Field   string
	Value   any
	Allowed string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%v: %s %v: %s", ErrInvalid, e.Field, e.Value, e.Allowed)
}

// Unwrap returns ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// fieldError returns an error naming the field, the value and what is allowed.
func fieldError(field string, value any, allowed string) error {
	return &FieldError{Field: field, Value: value, Allowed: allowed}
}

// Cut names a stone shape. The names are the spec's (SPEC.md `stones.cut`).
type Cut string

// The cuts mandrel makes.
const (
	Round    Cut = "round"    // round brilliant, 57 facets (58 with a culet)
	Oval     Cut = "oval"     // brilliant pattern on an ellipse
	Cushion  Cut = "cushion"  // brilliant pattern on a rounded square (superellipse)
	Pear     Cut = "pear"     // brilliant pattern on a teardrop, point toward +X
	Marquise Cut = "marquise" // brilliant pattern on two circular arcs, points on ±X
	Heart    Cut = "heart"    // brilliant pattern on two lobes and a point toward +X
	Princess Cut = "princess" // square, stepped crown and a deep four-sided pavilion
	Emerald  Cut = "emerald"  // step cut, rectangle with cut corners
	Asscher  Cut = "asscher"  // step cut, square with large cut corners
	Baguette Cut = "baguette" // step cut, narrow rectangle
	Trillion Cut = "trillion" // triangle, first corner toward +X
)

// Cuts lists every cut in a fixed order.
var Cuts = []Cut{Round, Oval, Cushion, Pear, Marquise, Heart, Princess, Emerald, Asscher, Baguette, Trillion}

// ParseCut returns the cut with the given name (case-insensitive).
func ParseCut(name string) (Cut, error) {
	c := Cut(strings.ToLower(strings.TrimSpace(name)))
	if _, ok := cutInfo[c]; ok {
		return c, nil
	}
	return "", fieldError("cut", fmt.Sprintf("%q", name), "allowed "+cutNames())
}

func cutNames() string {
	s := make([]string, len(Cuts))
	for i, c := range Cuts {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// kind of facet pattern a cut uses.
type pattern int

const (
	brilliant pattern = iota // 57/58 facets mapped onto the outline
	stepped                  // homothetic tiers on a polygonal outline
)

// info is what a cut is by default.
type info struct {
	pattern pattern
	ratio   float64 // default length/width
	// ideal proportions: table (fraction of width), crown and pavilion angles
	// (degrees), girdle (fraction of width), star and lower-half lengths.
	table, crown, pavilion, girdle, star, lower float64
	crownTiers, pavTiers                        int // stepped cuts only
	// bulge blends the pavilion tier profile from a straight cone (0) to a
	// quarter sine (1), stepped cuts only.
	bulge   float64
	pointed []int // outline key indices of pointed corners (V-prongs)
}

// cutInfo holds every cut's defaults. Round brilliant: GIA's weight-ratio
// reference (table 57 %, crown 34.0°, pavilion 40.7°) with GIA's chart
// defaults star 55 %, lower half 80 % and a 2.5 % girdle (REFERENCE.md §3).
// Fancy brilliants use the same proportions across their width. Stepped cuts
// are set so their total depth falls in the trade's usual range (emerald
// 60–65 %, asscher 62–68 %, princess 68–76 %).
var cutInfo = map[Cut]info{
	Round:    {pattern: brilliant, ratio: 1, table: 0.57, crown: 34, pavilion: 40.7, girdle: 0.025, star: 0.55, lower: 0.80},
	Oval:     {pattern: brilliant, ratio: 1.35, table: 0.57, crown: 34, pavilion: 40.7, girdle: 0.025, star: 0.55, lower: 0.80},
	Cushion:  {pattern: brilliant, ratio: 1, table: 0.57, crown: 34, pavilion: 40.7, girdle: 0.025, star: 0.55, lower: 0.80},
	Pear:     {pattern: brilliant, ratio: 1.55, table: 0.57, crown: 34, pavilion: 40.7, girdle: 0.025, star: 0.55, lower: 0.80, pointed: []int{0}},
	Marquise: {pattern: brilliant, ratio: 2, table: 0.57, crown: 34, pavilion: 40.7, girdle: 0.025, star: 0.55, lower: 0.80, pointed: []int{0, 8}},
	Heart:    {pattern: brilliant, ratio: 1, table: 0.57, crown: 34, pavilion: 40.7, girdle: 0.025, star: 0.55, lower: 0.80, pointed: []int{0}},
	Princess: {pattern: stepped, ratio: 1, table: 0.70, crown: 34, pavilion: 50, girdle: 0.03, crownTiers: 2, pavTiers: 4, bulge: 0.3, pointed: []int{0, 1, 2, 3}},
	Emerald:  {pattern: stepped, ratio: 1.4, table: 0.65, crown: 33, pavilion: 44, girdle: 0.03, crownTiers: 3, pavTiers: 3, bulge: 1},
	Asscher:  {pattern: stepped, ratio: 1, table: 0.62, crown: 34, pavilion: 45, girdle: 0.03, crownTiers: 3, pavTiers: 4, bulge: 1},
	Baguette: {pattern: stepped, ratio: 2.5, table: 0.70, crown: 30, pavilion: 40, girdle: 0.03, crownTiers: 1, pavTiers: 2, bulge: 1, pointed: []int{0, 1, 2, 3}},
	Trillion: {pattern: stepped, ratio: 0.8660254037844386, table: 0.60, crown: 32, pavilion: 45, girdle: 0.03, crownTiers: 1, pavTiers: 3, bulge: 1, pointed: []int{0, 1, 2}},
}
