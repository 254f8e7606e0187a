package geom

import (
	"fmt"
	"math"
)

// Default tessellation limits.
const (
	// DefaultChordMM is the default largest distance, in mm, between a curved
	// surface and the flat facets that approximate it (DESIGN.md: 0.01 mm).
	DefaultChordMM = 0.01
	// DefaultMaxAngleDeg is the default largest angle, in degrees, that one
	// segment of a tessellated arc may turn through. It only matters on very
	// small radii, where the chord tolerance alone would allow few segments.
	DefaultMaxAngleDeg = 15
	// MinChordMM is the smallest chord tolerance accepted, in mm: 0.1 µm, far
	// below any printer's resolution (25 µm), and the point past which a ring
	// would need millions of triangles.
	MinChordMM = 0.0001
	// MaxChordMM is the largest chord tolerance accepted, in mm.
	MaxChordMM = 1.0
)

// Tolerance sets how finely curved surfaces are tessellated. The zero value
// means the defaults.
type Tolerance struct {
	// ChordMM is the largest distance in mm between a curve and its chords.
	// 0 means DefaultChordMM; valid values run from MinChordMM to MaxChordMM.
	ChordMM float64
	// MaxAngleDeg is the largest angle in degrees one segment may span.
	// 0 means DefaultMaxAngleDeg; valid values run from 1 to 90.
	MaxAngleDeg float64
	// MaxTriangles is the triangle budget of one mesh; 0 means
	// DefaultMaxTriangles. Builders return an error wrapping ErrBudget
	// rather than allocate more.
	MaxTriangles int64
}

// Validate reports whether the tolerance is usable, naming the bad field.
func (t Tolerance) Validate() error {
	if c := t.ChordMM; c != 0 && !(c >= MinChordMM && c <= MaxChordMM) {
		return fmt.Errorf("%w: tolerance chord_mm %g: allowed %g to %g mm", ErrInvalid, c, MinChordMM, MaxChordMM)
	}
	if a := t.MaxAngleDeg; a != 0 && !(a >= 1 && a <= 90) {
		return fmt.Errorf("%w: tolerance max_angle_deg %g: allowed 1 to 90 degrees", ErrInvalid, a)
	}
	if t.MaxTriangles < 0 {
		return fmt.Errorf("%w: tolerance max_triangles %d: must be positive", ErrInvalid, t.MaxTriangles)
	}
	return nil
}

// Chord returns the chord tolerance in mm, applying the default.
func (t Tolerance) Chord() float64 {
	if t.ChordMM <= 0 || math.IsNaN(t.ChordMM) {
		return DefaultChordMM
	}
	return math.Max(t.ChordMM, MinChordMM)
}

// MaxAngle returns the largest angle per segment in radians, applying the default.
func (t Tolerance) MaxAngle() float64 {
	a := t.MaxAngleDeg
	if a <= 0 || math.IsNaN(a) {
		a = DefaultMaxAngleDeg
	}
	return math.Min(a, 90) * math.Pi / 180
}

// Budget returns the triangle budget, applying the default.
func (t Tolerance) Budget() int64 {
	if t.MaxTriangles <= 0 {
		return DefaultMaxTriangles
	}
	return t.MaxTriangles
}

// CheckBudget returns a *BudgetError when n triangles exceed the budget.
func (t Tolerance) CheckBudget(what string, n int64) error {
	if n > t.Budget() || n < 0 {
		return &BudgetError{What: what, Triangles: n, Max: t.Budget()}
	}
	return nil
}

// Segments returns how many equal segments an arc of the given radius (mm)
// and span (radians) needs so that every chord stays within the chord
// tolerance and no segment turns more than the maximum angle. It is at least 1,
// and at most maxSegments so that absurd inputs cannot ask for unbounded work.
func (t Tolerance) Segments(radius, span float64) int {
	span = math.Abs(span)
	if !(radius > 0) || !(span > 0) || math.IsInf(radius, 0) || math.IsInf(span, 0) {
		return 1
	}
	step := t.MaxAngle()
	if c := t.Chord(); c < radius {
		// sagitta of a chord spanning θ: r(1 − cos θ/2) ≤ c.
		step = math.Min(step, 2*math.Acos(1-c/radius))
	}
	n := math.Ceil(span/step - 1e-9)
	if n < 1 {
		return 1
	}
	if n > maxSegments {
		return maxSegments
	}
	return int(n)
}

// maxSegments caps one arc's segment count (a 1 m radius at 0.1 µm would
// otherwise ask for 70,000); budgets catch what is still too large.
const maxSegments = 1 << 16
