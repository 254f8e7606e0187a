package mandrel

import (
	"context"
	"fmt"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/ring"
)

func buildRing(ctx context.Context, s *Spec, tol geom.Tolerance, rep *Report) (*geom.Model, error) {
	p, err := ringParams(s, tol)
	if err != nil {
		return nil, err
	}
	res, err := ring.Build(p)
	if err != nil {
		return nil, specErr(err)
	}
	rep.Warnings = append(rep.Warnings, res.Warnings...)
	rep.Stones = stoneReports(res.Stones)
	rep.Engravings = engravingReports(res.Engravings)
	rep.Ring = ringReport(res.Model.Part("band").Mesh)
	return res.Model, nil
}

// ringParams turns a ring spec into the ring builder's parameters.
func ringParams(s *Spec, tol geom.Tolerance) (ring.Params, error) {
	var p ring.Params
	if err := s.noOther("ring"); err != nil {
		return p, err
	}
	if s.Ring == nil {
		return p, fmt.Errorf("%w: ring: a ring spec needs a \"ring\" section with at least a size", ErrSpec)
	}
	size, err := ring.ParseSize(s.Ring.Size)
	if err != nil {
		return p, fmt.Errorf("%w: ring.size: %w", ErrSpec, err)
	}
	prof, err := ring.ParseProfile(s.Ring.Profile)
	if err != nil {
		return p, specErr(err)
	}
	p = ring.Params{Size: size, Profile: prof, WidthMM: s.Ring.WidthMM, ThicknessMM: s.Ring.ThicknessMM,
		Metal: s.Metal, Tolerance: tol}
	if t := s.Ring.Taper; t != nil {
		p.Taper = &ring.Taper{WidthMM: t.WidthMM, ThicknessMM: t.ThicknessMM}
	}
	if p.Stones, err = ringStones(s); err != nil {
		return p, err
	}
	if p.Engravings, err = ringEngravings(s); err != nil {
		return p, err
	}
	return p, nil
}
