package ring

import (
	"errors"
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// ErrParams is wrapped by every error Validate and Build return for
// parameters out of range.
var ErrParams = errors.New("ring: invalid params")

// Defaults and limits of the band, in mm. Widths and thicknesses beyond them
// are not rings a jeweller makes (REFERENCE.md §6: bands run 2–10 mm wide and
// 1.3–2.1 mm deep); the limits keep untrusted specs from asking for absurd work.
const (
	DefaultWidthMM     = 4.0
	DefaultThicknessMM = 1.8
	MinWidthMM         = 1.0
	MaxWidthMM         = 20.0
	MaxThicknessMM     = 6.0
	// MaxThicknessPerWidth bounds how tall a band may be for its width: a
	// taller band is a tube, not a ring band.
	MaxThicknessPerWidth = 1.5
	// MinDiameterMM and MaxDiameterMM bound the finger hole's diameter: a
	// child's size 0 is 11.6 mm and the largest sizes of any standard stay
	// under 26 mm.
	MinDiameterMM = 10.0
	MaxDiameterMM = 28.0
)

// Params are a ring's parameters. A zero field means its default.
type Params struct {
	// Size is the finger size; required (see ParseSize).
	Size Size
	// Profile is the band's cross-section; "" means comfort.
	Profile Profile
	// WidthMM is the band's width along the finger at the top, in mm
	// (default 4; 1 to 20).
	WidthMM float64
	// ThicknessMM is the band's radial thickness at the top, in mm (default
	// 1.8; from the profile's minimum to 6, at most 1.5 × the width).
	ThicknessMM float64
	// Taper, when set, gives the width and thickness at the bottom (palm
	// side); the band blends smoothly between top and bottom. Nil means a
	// uniform band.
	Taper *Taper
	// Metal names the alloy (geom.MetalNames); "" means 18k-yellow.
	Metal string
	// Tolerance sets the tessellation (zero value: 0.01 mm chord).
	Tolerance geom.Tolerance
	// Stones are the stones set in the ring and their settings (stones.go).
	Stones []Stone
	// Engravings are cut into or raised from the band (engrave.go).
	Engravings []Engraving
}

// Taper is the band's size at the bottom, opposite the top, in mm. A zero
// field keeps the top's value.
type Taper struct {
	WidthMM     float64
	ThicknessMM float64
}

// FieldError is an invalid parameter: the field (as the JSON spec names it),
// its value and what is allowed.
type FieldError struct {
	Field   string // e.g. "ring.width_mm"
	Value   any    // the value given
	Allowed string // e.g. "1 to 20 mm"
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s = %v: allowed %s", e.Field, e.Value, e.Allowed)
}

// Unwrap returns ErrParams.
func (e *FieldError) Unwrap() error { return ErrParams }

// withDefaults returns p with every zero field set to its default.
func (p Params) withDefaults() Params {
	if p.Profile == "" {
		p.Profile = DefaultProfile
	}
	if p.WidthMM == 0 {
		p.WidthMM = DefaultWidthMM
	}
	if p.ThicknessMM == 0 {
		p.ThicknessMM = DefaultThicknessMM
	}
	if p.Metal == "" {
		p.Metal = geom.DefaultMetal
	}
	return p
}

// bottom returns the width and thickness at the bottom of the band.
func (p Params) bottom() (w, t float64) {
	w, t = p.WidthMM, p.ThicknessMM
	if p.Taper != nil {
		if p.Taper.WidthMM != 0 {
			w = p.Taper.WidthMM
		}
		if p.Taper.ThicknessMM != 0 {
			t = p.Taper.ThicknessMM
		}
	}
	return w, t
}

// Validate reports every parameter out of range, each as a *FieldError,
// joined with errors.Join. It applies the defaults first.
func (p Params) Validate() error {
	p = p.withDefaults()
	var errs []error
	add := func(field string, v any, allowed string) {
		errs = append(errs, &FieldError{Field: field, Value: v, Allowed: allowed})
	}
	d := p.Size.DiameterMM
	if !(d >= MinDiameterMM && d <= MaxDiameterMM) {
		add("ring.size", p.Size.String(), fmt.Sprintf("a finger size of %g to %g mm inner diameter", MinDiameterMM, MaxDiameterMM))
	}
	if _, err := ParseProfile(string(p.Profile)); err != nil {
		add("ring.profile", fmt.Sprintf("%q", p.Profile), "flat, comfort, d-shape, knife-edge, flat-comfort, bevelled")
	}
	checkWT := func(prefix string, w, t float64) {
		if !(w >= MinWidthMM && w <= MaxWidthMM) {
			add(prefix+"width_mm", w, fmt.Sprintf("%g to %g mm", MinWidthMM, MaxWidthMM))
		}
		tmin := p.Profile.MinThicknessMM()
		tmax := MaxThicknessMM
		if w >= MinWidthMM && w <= MaxWidthMM {
			tmax = math.Min(tmax, MaxThicknessPerWidth*w)
		}
		if !(t >= tmin && t <= tmax) {
			add(prefix+"thickness_mm", t, fmt.Sprintf("%.2f to %.2f mm for a %s band %g mm wide", tmin, tmax, p.Profile, w))
		}
	}
	checkWT("ring.", p.WidthMM, p.ThicknessMM)
	if p.Taper != nil {
		w, t := p.bottom()
		checkWT("ring.taper.", w, t)
	}
	if _, err := geom.Metal(p.Metal); err != nil {
		add("metal", fmt.Sprintf("%q", p.Metal), "one of "+fmt.Sprint(geom.MetalNames()))
	}
	if err := p.Tolerance.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("%w: %w", ErrParams, err))
	}
	errs = append(errs, p.validateStones()...)
	errs = append(errs, p.validateEngravings()...)
	return errors.Join(errs...)
}
