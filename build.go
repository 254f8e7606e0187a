package mandrel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mandrel3d/mandrel/geom"
)

// Kinds of piece a spec may ask for.
var Kinds = []string{"ring", "pendant", "chain", "bracelet"}

// Options bound the work one build may do, for servers that take specs from
// strangers. The zero value means the library's defaults.
type Options struct {
	// MaxTriangles is the triangle budget of each mesh the build makes and
	// of the whole model; 0 means geom.DefaultMaxTriangles. A spec that
	// would exceed it fails with an error wrapping geom.ErrBudget, before
	// the large allocations where the builders can tell in advance.
	MaxTriangles int64
}

// Build makes the piece a spec describes and measures it. It returns an error
// wrapping ErrSpec, naming the field, the value and what is allowed, when the
// spec is invalid; it never panics. The context cancels a build in progress.
// Build is safe for concurrent use.
func Build(ctx context.Context, s *Spec) (*geom.Model, *Report, error) {
	return BuildWith(ctx, s, nil)
}

// BuildWith is Build with limits; nil options mean the defaults.
func BuildWith(ctx context.Context, s *Spec, opt *Options) (*geom.Model, *Report, error) {
	if s == nil {
		return nil, nil, fmt.Errorf("%w: no spec", ErrSpec)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	start := time.Now()
	tol, err := s.tolerance()
	if err != nil {
		return nil, nil, err
	}
	if opt != nil {
		if opt.MaxTriangles < 0 {
			return nil, nil, fmt.Errorf("%w: options max_triangles %d: must be positive", ErrSpec, opt.MaxTriangles)
		}
		tol.MaxTriangles = opt.MaxTriangles
	}
	if err := s.validateOutput(); err != nil {
		return nil, nil, err
	}
	if err := s.validateName(); err != nil {
		return nil, nil, err
	}
	rep := &Report{Name: s.Name, Kind: s.Kind, TimingsMS: map[string]float64{}}
	var m *geom.Model
	switch strings.ToLower(s.Kind) {
	case "ring":
		m, err = buildRing(ctx, s, tol, rep)
	case "pendant":
		m, err = buildPendant(ctx, s, tol, rep)
	case "chain":
		m, err = buildChain(ctx, s, tol, rep)
	case "bracelet":
		m, err = buildBracelet(ctx, s, tol, rep)
	case "":
		err = fmt.Errorf("%w: kind is missing: allowed %s", ErrSpec, strings.Join(Kinds, ", "))
	default:
		err = fmt.Errorf("%w: kind %q: allowed %s", ErrSpec, s.Kind, strings.Join(Kinds, ", "))
	}
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if err := tol.CheckBudget("model", int64(m.Triangles())); err != nil {
		return nil, nil, specErr(err)
	}
	rep.measure(m)
	rep.TimingsMS["build"] = ms(time.Since(start))
	return m, rep, nil
}

// Validate checks a spec without building it: the fields every kind shares
// (name, tolerance, output) and, for rings, every parameter of the band, its
// stones and engravings. It returns the error Build would return for an
// invalid ring spec, wrapping ErrSpec, in microseconds. Pendants, chains and
// bracelets are checked as far as their builders allow without building.
func (s *Spec) Validate() error {
	if s == nil {
		return fmt.Errorf("%w: no spec", ErrSpec)
	}
	tol, err := s.tolerance()
	if err != nil {
		return err
	}
	if err := s.validateOutput(); err != nil {
		return err
	}
	if err := s.validateName(); err != nil {
		return err
	}
	switch strings.ToLower(s.Kind) {
	case "ring":
		p, err := ringParams(s, tol)
		if err != nil {
			return err
		}
		return specErr(p.Validate())
	case "pendant", "chain", "bracelet":
		return nil
	case "":
		return fmt.Errorf("%w: kind is missing: allowed %s", ErrSpec, strings.Join(Kinds, ", "))
	}
	return fmt.Errorf("%w: kind %q: allowed %s", ErrSpec, s.Kind, strings.Join(Kinds, ", "))
}

func ms(d time.Duration) float64 { return round(float64(d)/1e6, 2) }

// tolerance returns the spec's tessellation tolerance.
func (s *Spec) tolerance() (geom.Tolerance, error) {
	t := geom.Tolerance{ChordMM: s.ToleranceMM}
	if s.ToleranceMM != 0 && !(s.ToleranceMM >= geom.MinChordMM && s.ToleranceMM <= geom.MaxChordMM) {
		return t, fmt.Errorf("%w: tolerance_mm = %g: allowed %g to %g mm (default %g)", ErrSpec, s.ToleranceMM, geom.MinChordMM, geom.MaxChordMM, geom.DefaultChordMM)
	}
	return t, nil
}

// specErr wraps a builder's parameter error as a spec error.
func specErr(err error) error {
	if err == nil || errors.Is(err, ErrSpec) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrSpec, err)
}

// noOther returns an error when the spec carries a section that belongs to
// another kind (a "pendant" object on a ring is surely a mistake).
func (s *Spec) noOther(kind string) error {
	has := map[string]bool{"ring": s.Ring != nil, "pendant": s.Pendant != nil, "chain": s.Chain != nil, "bracelet": s.Bracelet != nil}
	for _, k := range Kinds {
		if k != kind && has[k] {
			return fmt.Errorf("%w: %s: a %s spec takes no %q section", ErrSpec, k, kind, k)
		}
	}
	return nil
}
