package render

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"
)

// ErrOptions is wrapped by every error about bad Options.
var ErrOptions = errors.New("render: invalid options")

// ErrModel is wrapped by the error returned for a model that cannot be drawn
// (no triangles, a non-finite vertex, a triangle naming a missing vertex).
var ErrModel = errors.New("render: invalid model")

// Named views. Each looks at the centre of the model's bounds.
const (
	// ViewFront stands at −Y looking toward +Y, Z up (DESIGN.md's viewer).
	ViewFront = "front"
	// ViewTop looks straight down −Z, with +Y up in the image (the front of
	// the model at the bottom).
	ViewTop = "top"
	// ViewSide stands at +X looking toward −X, Z up.
	ViewSide = "side"
	// ViewThreeQuarter stands in front, to the right and above: azimuth 35°
	// from the front toward +X, elevation 25°. The default.
	ViewThreeQuarter = "three-quarter"
)

// Views lists the named views in a fixed order.
var Views = []string{ViewFront, ViewTop, ViewSide, ViewThreeQuarter}

// Defaults and limits of Options.
const (
	// DefaultSize is the image width and height in pixels when both are 0.
	DefaultSize = 1024
	// MaxSize is the largest width or height accepted, in pixels.
	MaxSize = 8192
	// DefaultSSAA is the default number of samples per pixel (a 2×2 grid).
	DefaultSSAA = 4
	// DefaultMargin is the default fraction of the image's half-size kept
	// empty around the model on the tighter axis.
	DefaultMargin = 0.08
	// DefaultFovDeg is the default vertical field of view in degrees: a
	// long lens, as product photographers use, so that perspective stays
	// gentle.
	DefaultFovDeg = 24
	// MaxWorkers caps Options.Workers.
	MaxWorkers = 256
)

// Options sets up one rendering. The zero value (or a nil *Options) means
// every default: 1024 × 1024 pixels, three-quarter view, transparent
// background, 4 samples per pixel, contact shadow on.
type Options struct {
	// Width and Height are the image size in pixels, 1..MaxSize. When one
	// is 0 it takes the other's value; both 0 means DefaultSize. Draw uses
	// the destination's bounds instead.
	Width, Height int
	// View is one of Views; "" means ViewThreeQuarter.
	View string
	// AzimuthDeg turns the camera about the vertical (Z) axis through the
	// model's centre, in degrees, counter-clockwise seen from above: the
	// model appears to turn clockwise. Turntable frames step it. Any
	// finite value.
	AzimuthDeg float64
	// Turntable frames the model for every azimuth at once (its bounding
	// cylinder about Z), so that frames of a turntable keep one scale.
	Turntable bool
	// Background fills the image where the model is not. nil means
	// transparent (the contact shadow is then a translucent dark area).
	Background color.Color
	// SSAA is the number of samples per pixel, a square: 1, 4, 9 or 16;
	// 0 means DefaultSSAA.
	SSAA int
	// Margin is the fraction of the image's half-size left empty around
	// the model, 0..0.45; 0 means DefaultMargin.
	Margin float64
	// FovDeg is the vertical field of view in degrees, 1..90; 0 means
	// DefaultFovDeg.
	FovDeg float64
	// NoShadow turns the contact shadow on the ground off.
	NoShadow bool
	// Workers is the number of goroutines, 0..MaxWorkers; 0 means
	// runtime.GOMAXPROCS(0). The image does not depend on it.
	Workers int
}

// Validate reports every bad field, each naming the value and the allowed
// range, joined with errors.Join; nil when the options are usable.
func (o *Options) Validate() error {
	if o == nil {
		return nil
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: "+format, append([]any{ErrOptions}, args...)...))
	}
	if o.Width < 0 || o.Width > MaxSize {
		bad("width %d: allowed 1 to %d pixels (0 = default)", o.Width, MaxSize)
	}
	if o.Height < 0 || o.Height > MaxSize {
		bad("height %d: allowed 1 to %d pixels (0 = default)", o.Height, MaxSize)
	}
	if o.View != "" && !validView(o.View) {
		bad("view %q: allowed %s", o.View, strings.Join(Views, ", "))
	}
	if math.IsNaN(o.AzimuthDeg) || math.IsInf(o.AzimuthDeg, 0) {
		bad("azimuth_deg %g: must be finite", o.AzimuthDeg)
	}
	if s := o.SSAA; s != 0 && s != 1 && s != 4 && s != 9 && s != 16 {
		bad("ssaa %d: allowed 1, 4, 9 or 16 samples per pixel (0 = %d)", s, DefaultSSAA)
	}
	if m := o.Margin; !(m >= 0 && m <= 0.45) {
		bad("margin %g: allowed 0 to 0.45 (0 = %g)", m, DefaultMargin)
	}
	if f := o.FovDeg; f != 0 && !(f >= 1 && f <= 90) {
		bad("fov_deg %g: allowed 1 to 90 degrees (0 = %g)", f, float64(DefaultFovDeg))
	}
	if o.Workers < 0 || o.Workers > MaxWorkers {
		bad("workers %d: allowed 0 to %d", o.Workers, MaxWorkers)
	}
	return errors.Join(errs...)
}

func validView(v string) bool {
	for _, w := range Views {
		if v == w {
			return true
		}
	}
	return false
}

// size returns the image size the options ask for.
func (o *Options) size() (w, h int) {
	w, h = o.Width, o.Height
	switch {
	case w == 0 && h == 0:
		return DefaultSize, DefaultSize
	case w == 0:
		return h, h
	case h == 0:
		return w, w
	}
	return w, h
}

// grid returns the side of the supersampling grid (2 for 4 samples).
func (o *Options) grid() int {
	switch o.SSAA {
	case 1:
		return 1
	case 9:
		return 3
	case 16:
		return 4
	}
	return 2
}

func (o *Options) view() string {
	if o.View == "" {
		return ViewThreeQuarter
	}
	return o.View
}

func (o *Options) margin() float64 {
	if o.Margin == 0 {
		return DefaultMargin
	}
	return o.Margin
}

func (o *Options) fov() float64 {
	if o.FovDeg == 0 {
		return DefaultFovDeg
	}
	return o.FovDeg
}
