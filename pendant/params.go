package pendant

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// ErrParams is wrapped by every error about bad parameters.
var ErrParams = errors.New("pendant: invalid parameters")

// FieldError is an invalid parameter: the field as the JSON spec names it,
// its value and what is allowed.
type FieldError struct {
	Field   string
	Value   any
	Allowed string
}

func (e *FieldError) Error() string { return fmt.Sprintf("%s = %v: %s", e.Field, e.Value, e.Allowed) }

// Unwrap returns ErrParams.
func (e *FieldError) Unwrap() error { return ErrParams }

func fieldErr(field string, v any, format string, args ...any) error {
	return &FieldError{Field: field, Value: v, Allowed: fmt.Sprintf(format, args...)}
}

// Shape is an outline.
type Shape string

// Outlines.
const (
	Disc     Shape = "disc"     // circle of diameter WidthMM
	Oval     Shape = "oval"     // ellipse WidthMM × HeightMM
	Heart    Shape = "heart"    // heart WidthMM × HeightMM, point down
	Teardrop Shape = "teardrop" // rounded bottom, point up at the bail
	Bar      Shape = "bar"      // rectangle with rounded corners
	Custom   Shape = "custom"   // Params.Outline
)

// Shapes lists the outlines in a fixed order.
var Shapes = []Shape{Disc, Oval, Heart, Teardrop, Bar, Custom}

// Edge is the profile of the body's rim.
type Edge string

// Edge profiles.
const (
	Flat  Edge = "flat"  // square rim
	Round Edge = "round" // half circle of the thickness
	Bevel Edge = "bevel" // 45° chamfers of a third of the thickness (at most 0.5 mm)
)

// BailStyle is the bail's form.
type BailStyle string

// Bail styles.
const (
	Loop BailStyle = "loop" // a round wire ring in the YZ plane
	Tube BailStyle = "tube" // a short hollow cylinder along X
)

// Bail is the loop the chain passes through. Zero fields mean defaults.
type Bail struct {
	// Style is Loop or Tube; "" means Loop.
	Style BailStyle
	// InnerDiameterMM is the hole's diameter, mm, 1 to 20; 0 means the
	// chain's thickness plus 1 mm, or 4 mm when ChainMM is 0.
	InnerDiameterMM float64
	// WireMM is the loop's wire diameter or the tube's wall thickness × 2,
	// mm, 0.5 to 5; 0 means 1.2.
	WireMM float64
	// ChainMM is the thickest section of the chain (or its clasp) that must
	// pass through the bail, mm; 0 means not checked. The hole must exceed
	// it by ClearanceMM on each side.
	ChainMM float64
}

// BailClearanceMM is the play a bail leaves around the chain on each side.
const BailClearanceMM = 0.2

// Params is a pendant. Zero fields mean defaults.
type Params struct {
	Shape Shape
	// WidthMM (X) and HeightMM (Z) are the outline's size, mm, 3 to 100
	// (a disc uses WidthMM only). Defaults: 20 × the shape's usual ratio
	// (oval 1.3, heart 0.9, teardrop 1.4), a bar 8 × 30.
	WidthMM, HeightMM float64
	// ThicknessMM is the body's thickness at the rim, mm, 0.6 to 10; 0
	// means 1.5.
	ThicknessMM float64
	// Edge is the rim's profile; "" means Round.
	Edge Edge
	// DomeMM raises the front's middle, mm, 0 to 5 and at most a quarter of
	// the smaller side.
	DomeMM float64
	// Outline is a Custom shape's closed polyline (x right, y up), mm, 3 to
	// 5000 points, simple (not crossing or touching itself); its box is
	// used as given (WidthMM and HeightMM are ignored).
	Outline []geom.Vec2
	Bail    Bail
	// Stone, when not nil, is set in a bezel on the front at the point
	// farthest from the rim (the body gets an open back under it).
	Stone *gem.Stone
	// Engravings are cut into the front and back faces, in order.
	Engravings []Engraving
	// Metal is the alloy; "" means geom.DefaultMetal.
	Metal     string
	Tolerance geom.Tolerance
}

func (p Params) withDefaults() Params {
	if p.Shape == "" {
		p.Shape = Disc
	}
	if p.Shape == Bar && p.WidthMM == 0 && p.HeightMM == 0 {
		p.WidthMM, p.HeightMM = 8, 30
	}
	if p.WidthMM == 0 {
		p.WidthMM = 20
	}
	if p.HeightMM == 0 {
		r := map[Shape]float64{Oval: 1.3, Heart: 0.9, Teardrop: 1.4, Bar: 3.75}[p.Shape]
		if r == 0 {
			r = 1
		}
		p.HeightMM = r * p.WidthMM
	}
	if p.Shape == Disc {
		p.HeightMM = p.WidthMM
	}
	if p.ThicknessMM == 0 {
		p.ThicknessMM = 1.5
	}
	if p.Edge == "" {
		p.Edge = Round
	}
	if p.Bail.Style == "" {
		p.Bail.Style = Loop
	}
	if p.Bail.WireMM == 0 {
		p.Bail.WireMM = 1.2
	}
	if p.Bail.InnerDiameterMM == 0 {
		p.Bail.InnerDiameterMM = 4
		if p.Bail.ChainMM > 0 {
			p.Bail.InnerDiameterMM = p.Bail.ChainMM + 1
		}
	}
	return p
}

func inRange(v, lo, hi float64) bool { return v >= lo && v <= hi }

// ParseShape returns the outline of a name, case-insensitive.
func ParseShape(s string) (Shape, error) {
	for _, sh := range Shapes {
		if strings.EqualFold(s, string(sh)) {
			return sh, nil
		}
	}
	return "", fieldErr("pendant.shape", s, "allowed disc, oval, heart, teardrop, bar, custom")
}

// Validate reports every bad field (errors.Join of *FieldError) after the
// defaults are applied: sizes out of range, a custom outline that is not a
// simple closed polygon, a bail too small for the chain.
func (p Params) Validate() error {
	p = p.withDefaults()
	var errs []error
	add := func(e error) { errs = append(errs, e) }
	if _, err := ParseShape(string(p.Shape)); err != nil {
		add(err)
	}
	if p.Shape != Custom {
		if !inRange(p.WidthMM, 3, 100) {
			add(fieldErr("pendant.width_mm", p.WidthMM, "allowed 3 to 100 mm"))
		}
		if !inRange(p.HeightMM, 3, 100) {
			add(fieldErr("pendant.height_mm", p.HeightMM, "allowed 3 to 100 mm"))
		}
		if len(p.Outline) > 0 {
			add(fieldErr("pendant.outline", len(p.Outline), "an outline is only for shape custom"))
		}
		// A teardrop's point rises above its round bottom only when it is
		// taller than wide; at or below that its outline folds on itself.
		if p.Shape == Teardrop && inRange(p.WidthMM, 3, 100) && inRange(p.HeightMM, 3, 100) && !(p.HeightMM > p.WidthMM) {
			add(fieldErr("pendant.height_mm", p.HeightMM, "a teardrop must be taller than wide: above its width %g mm (up to 100 mm)", p.WidthMM))
		}
	} else if err := checkOutline(p.Outline); err != nil {
		add(err)
	}
	if !inRange(p.ThicknessMM, 0.6, 10) {
		add(fieldErr("pendant.thickness_mm", p.ThicknessMM, "allowed 0.6 to 10 mm"))
	}
	switch p.Edge {
	case Flat, Round, Bevel:
	default:
		add(fieldErr("pendant.edge", p.Edge, "allowed flat, round, bevel"))
	}
	small := math.Min(p.WidthMM, p.HeightMM)
	if p.Shape == Custom {
		b := geom.Contour(p.Outline).Bounds().Size()
		small = math.Min(b[0], b[1])
	}
	if !inRange(p.DomeMM, 0, math.Min(5, small/4)) {
		add(fieldErr("pendant.dome_mm", p.DomeMM, "allowed 0 to %g mm (5 mm and a quarter of the smaller side)", math.Min(5, small/4)))
	}
	b := p.Bail
	switch b.Style {
	case Loop, Tube:
	default:
		add(fieldErr("pendant.bail.style", b.Style, "allowed loop, tube"))
	}
	if !inRange(b.InnerDiameterMM, 1, 20) {
		add(fieldErr("pendant.bail.inner_diameter_mm", b.InnerDiameterMM, "allowed 1 to 20 mm"))
	} else if need := b.ChainMM + 2*BailClearanceMM; b.ChainMM > 0 && b.InnerDiameterMM < need {
		add(fieldErr("pendant.bail.inner_diameter_mm", b.InnerDiameterMM, "too small for the %g mm chain: at least %g mm", b.ChainMM, need))
	}
	if !inRange(b.WireMM, 0.5, 5) {
		add(fieldErr("pendant.bail.wire_mm", b.WireMM, "allowed 0.5 to 5 mm"))
	}
	if !(b.ChainMM >= 0 && b.ChainMM <= 20) {
		add(fieldErr("pendant.bail.chain_mm", b.ChainMM, "allowed 0 to 20 mm"))
	}
	if _, err := geom.Metal(metalName(p.Metal)); err != nil {
		add(fieldErr("metal", p.Metal, "allowed %v", geom.MetalNames()))
	}
	if err := p.Tolerance.Validate(); err != nil {
		add(err)
	}
	errs = append(errs, p.validateEngravings()...)
	return errors.Join(errs...)
}

func metalName(m string) string {
	if m == "" {
		return geom.DefaultMetal
	}
	return m
}

// MaxOutlinePoints bounds a custom outline.
const MaxOutlinePoints = 5000

func checkOutline(o []geom.Vec2) error {
	if len(o) < 3 || len(o) > MaxOutlinePoints {
		return fieldErr("pendant.outline", fmt.Sprintf("%d points", len(o)), "allowed 3 to %d points", MaxOutlinePoints)
	}
	for i, q := range o {
		if math.IsNaN(q[0]+q[1]) || math.IsInf(q[0]+q[1], 0) || math.Abs(q[0]) > 1000 || math.Abs(q[1]) > 1000 {
			return fieldErr(fmt.Sprintf("pendant.outline[%d]", i), q, "coordinates must be finite, within ±1000 mm")
		}
	}
	c := geom.Contour(o)
	if len(o) > 3 && c[0] == c[len(c)-1] {
		c = c[:len(c)-1] // a repeated closing point
	}
	if a := math.Abs(c.Area()); a < 1 {
		return fieldErr("pendant.outline", fmt.Sprintf("area %.3g mm²", a), "must enclose at least 1 mm²")
	}
	b := c.Bounds().Size()
	if !inRange(b[0], 3, 100) || !inRange(b[1], 3, 100) {
		return fieldErr("pendant.outline", fmt.Sprintf("%.3g × %.3g mm", b[0], b[1]), "its box must be 3 to 100 mm on each side")
	}
	if !c.Simple() {
		x := c.SelfIntersections()
		where := ""
		if len(x) > 0 {
			where = fmt.Sprintf(" (edges %d and %d cross)", x[0][0], x[0][1])
		}
		return fieldErr("pendant.outline", fmt.Sprintf("%d points", len(c)), "must be a simple closed polygon, not crossing or touching itself%s", where)
	}
	return nil
}
