package link

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/mandrel3d/mandrel/geom"
)

// ErrParams is wrapped by every error about bad parameters.
var ErrParams = errors.New("link: invalid parameters")

// FieldError is an invalid parameter: the field (as the JSON spec names it),
// its value and what is allowed.
type FieldError struct {
	Field   string // e.g. "chain.wire_mm"
	Value   any    // the value given
	Allowed string // e.g. "0.2 to 5 mm"
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s = %v: %s", e.Field, e.Value, e.Allowed)
}

// Unwrap returns ErrParams.
func (e *FieldError) Unwrap() error { return ErrParams }

func fieldErr(field string, v any, format string, args ...any) error {
	return &FieldError{Field: field, Value: v, Allowed: fmt.Sprintf(format, args...)}
}

// Style is a link's shape.
type Style string

// Link styles (REFERENCE.md §6).
const (
	Cable  Style = "cable"  // oval (stadium) loop of round wire
	Rolo   Style = "rolo"   // round loop (belcher); its inner diameter is the inner length
	Curb   Style = "curb"   // cable link twisted 45° at each end and flattened, so the chain lies flat
	Box    Style = "box"    // rounded-rectangle loop of square wire
	Figaro Style = "figaro" // pattern of three short cable links and one long one
)

// Styles lists the link styles in a fixed order.
var Styles = []Style{Cable, Rolo, Curb, Box, Figaro}

// ParseStyle returns the style of a name ("" means Cable), case-insensitive.
func ParseStyle(s string) (Style, error) {
	if s == "" {
		return Cable, nil
	}
	for _, st := range Styles {
		if strings.EqualFold(s, string(st)) {
			return st, nil
		}
	}
	names := make([]string, len(Styles))
	for i, st := range Styles {
		names[i] = string(st)
	}
	return "", fieldErr("chain.style", s, "allowed %s", strings.Join(names, ", "))
}

// Defaults and limits.
const (
	DefaultWireMM        = 0.8 // 20 gauge (REFERENCE.md §6: 0.81 mm)
	DefaultInnerLengthMM = 4.0
	DefaultInnerWidthMM  = 3.0
	// DefaultClearanceMM is the smallest gap between interlocked printed
	// parts (REFERENCE.md §5, SLS design guide: 0.4 mm).
	DefaultClearanceMM = 0.4
	// FigaroLongRatio is the inner length of a figaro pattern's long link
	// over the short links'.
	FigaroLongRatio = 2.5
	// CurbTwistDeg is how far a curb link's ends are turned about its long
	// axis (in opposite senses), so neighbours meet at right angles while
	// all links lie in one plane.
	CurbTwistDeg = 45
	// CurbFlatten is the curb wire's thickness across the chain's plane
	// over its diameter (the link is pressed flat after twisting).
	CurbFlatten = 0.8
	MinWireMM   = 0.2
	MaxWireMM   = 5.0
	MaxLinkMM   = 50.0
)

// Params is one link. Zero fields mean the defaults.
type Params struct {
	// Style is the shape; "" means Cable.
	Style Style
	// WireMM is the wire's diameter, mm, 0.2 to 5; 0 means 0.8.
	WireMM float64
	// InnerLengthMM is the opening's length along the link's axis, mm (for
	// a rolo its inner diameter); 0 means 4. At most 50.
	InnerLengthMM float64
	// InnerWidthMM is the opening's width across, mm, at most the inner
	// length; 0 means 3 (a rolo ignores it). Note that REFERENCE.md §6
	// quotes catalogue widths outside the wire; this is the inside.
	InnerWidthMM float64
	// ClearanceMM is the gap wanted between interlocked links, mm, 0.05 to
	// 3; 0 means 0.4. A link's opening must take its neighbour's wire with
	// this gap on both sides.
	ClearanceMM float64
	// Tolerance sets the tessellation.
	Tolerance geom.Tolerance
}

func (p Params) withDefaults() Params {
	if p.Style == "" {
		p.Style = Cable
	}
	if p.WireMM == 0 {
		p.WireMM = DefaultWireMM
	}
	if p.InnerLengthMM == 0 {
		p.InnerLengthMM = DefaultInnerLengthMM
	}
	if p.InnerWidthMM == 0 {
		p.InnerWidthMM = math.Min(DefaultInnerWidthMM, p.InnerLengthMM)
	}
	if p.Style == Rolo {
		p.InnerWidthMM = p.InnerLengthMM
	}
	if p.ClearanceMM == 0 {
		p.ClearanceMM = DefaultClearanceMM
	}
	return p
}

func finitePos(v float64) bool { return v > 0 && !math.IsInf(v, 0) }

// Validate reports every bad field (errors.Join of *FieldError), after
// applying the defaults. A wire thicker than its link's opening can take
// (inner width < wire + 2 × clearance), or links too short for the next but
// one not to touch (inner length < 2 × wire + 3 × clearance), are errors.
func (p Params) Validate() error {
	p = p.withDefaults()
	var errs []error
	if _, err := ParseStyle(string(p.Style)); err != nil {
		errs = append(errs, err)
	}
	if !(p.WireMM >= MinWireMM && p.WireMM <= MaxWireMM) {
		errs = append(errs, fieldErr("chain.wire_mm", p.WireMM, "allowed %g to %g mm", MinWireMM, MaxWireMM))
	}
	if !(p.ClearanceMM >= 0.05 && p.ClearanceMM <= 3) {
		errs = append(errs, fieldErr("chain.clearance_mm", p.ClearanceMM, "allowed 0.05 to 3 mm"))
	}
	lengthOK := finitePos(p.InnerLengthMM) && p.InnerLengthMM <= MaxLinkMM
	if !lengthOK {
		errs = append(errs, fieldErr("chain.link_length_mm", p.InnerLengthMM, "allowed above 0 to %g mm", MaxLinkMM))
	}
	// The width defaults from the length: a bad length is reported once,
	// not again as a bad width bounded by it.
	if !finitePos(p.InnerWidthMM) && (lengthOK || p.InnerWidthMM != math.Min(DefaultInnerWidthMM, p.InnerLengthMM)) {
		errs = append(errs, fieldErr("chain.link_width_mm", p.InnerWidthMM, "allowed above 0 up to the inner length (chain.link_length_mm)"))
	} else if lengthOK && p.InnerWidthMM > p.InnerLengthMM {
		errs = append(errs, fieldErr("chain.link_width_mm", p.InnerWidthMM, "allowed above 0 up to the inner length %g mm", p.InnerLengthMM))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if need := p.WireMM + 2*p.ClearanceMM; p.InnerWidthMM < need {
		f := "chain.link_width_mm"
		if p.Style == Rolo {
			f = "chain.link_length_mm"
		}
		errs = append(errs, fieldErr(f, p.InnerWidthMM, "the opening must take the %g mm wire with %g mm clearance each side: at least %.4g mm (or a thinner chain.wire_mm)", p.WireMM, p.ClearanceMM, need))
	}
	if need := 2*p.WireMM + 3*p.ClearanceMM; p.InnerLengthMM < need {
		errs = append(errs, fieldErr("chain.link_length_mm", p.InnerLengthMM, "at least 2 × wire + 3 × clearance = %.4g mm, or the next link but one touches", need))
	}
	if p.Style == Curb && p.InnerLengthMM <= p.InnerWidthMM {
		errs = append(errs, fieldErr("chain.link_width_mm", p.InnerWidthMM, "a curb link's width must be below its length %g mm (it is twisted along its straight sides)", p.InnerLengthMM))
	}
	return errors.Join(errs...)
}
