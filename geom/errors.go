package geom

import (
	"errors"
	"fmt"
)

// ErrInvalid is wrapped by every error a builder returns for geometry it cannot
// make from its inputs (a degenerate profile, too few points, non-finite values).
var ErrInvalid = errors.New("geom: invalid input")

// ErrBudget is wrapped by the error a builder returns when the mesh it would
// make has more triangles than the budget allows. It is returned before the
// mesh is allocated.
var ErrBudget = errors.New("geom: triangle budget exceeded")

// DefaultMaxTriangles is the triangle budget used when a Tolerance leaves
// MaxTriangles zero: about 100 MB of float64 mesh, far above any ring at the
// default tolerance (tens of thousands of triangles) and far below what a
// server can hold for many concurrent requests.
const DefaultMaxTriangles = 4_000_000

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// BudgetError is the error returned when a mesh would exceed its triangle
// budget. It wraps ErrBudget.
type BudgetError struct {
	What      string // what was being built
	Triangles int64  // triangles it would have
	Max       int64  // the budget
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("geom: %s would have %d triangles, over the budget of %d (raise the chord tolerance or the budget)", e.What, e.Triangles, e.Max)
}

// Unwrap returns ErrBudget.
func (e *BudgetError) Unwrap() error { return ErrBudget }
