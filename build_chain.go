package mandrel

import (
	"context"
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/link"
)

// buildChain builds a chain spec as a closed necklace (the chain as worn,
// facing the viewer), its length measured along the links' centres.
func buildChain(ctx context.Context, s *Spec, tol geom.Tolerance, rep *Report) (*geom.Model, error) {
	if err := s.noOther("chain"); err != nil {
		return nil, err
	}
	cs := s.Chain
	if cs == nil {
		return nil, fmt.Errorf("%w: chain: a chain spec needs a \"chain\" section", ErrSpec)
	}
	if len(s.Stones) > 0 || len(s.Engravings) > 0 {
		return nil, fmt.Errorf("%w: a chain takes no stones or engravings", ErrSpec)
	}
	st, err := link.ParseStyle(cs.Style)
	if err != nil {
		return nil, specErr(err)
	}
	path := link.Necklace
	if cs.Path != "" {
		if path, err = link.ParsePath(cs.Path); err != nil {
			return nil, specErr(err)
		}
	}
	clasp, err := link.ParseClasp(cs.Clasp)
	if err != nil {
		return nil, specErr(err)
	}
	p := link.ChainParams{
		Link: link.Params{Style: st, WireMM: cs.WireMM, InnerLengthMM: cs.LinkLengthMM, InnerWidthMM: cs.LinkWidthMM,
			ClearanceMM: cs.ClearanceMM, Tolerance: tol},
		Path: path, LengthMM: cs.LengthMM, Metal: s.Metal, EndRings: cs.EndRings, Clasp: clasp,
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ch, err := link.BuildChain(p)
	if err != nil {
		return nil, specErr(err)
	}
	rep.Warnings = append(rep.Warnings, ch.Warnings...)
	rep.Chain = &ChainReport{Links: ch.Links, Parts: len(ch.Model.Parts), LengthMM: round(ch.LengthMM, 2),
		MinGapMM: round(ch.Clearance.MinGapMM, 3), Closed: ch.Closed}
	if math.IsInf(ch.Clearance.MinGapMM, 1) {
		rep.Chain.MinGapMM = 0
	}
	return ch.Model, nil
}

// ChainReport gives a chain's measured figures: the number of links (and of
// parts, with end rings and clasp), the
// length (tip to tip for an open chain, along the links' centres of mass
// for a closed one), and the smallest gap between two parts, mm.
type ChainReport struct {
	Links    int     `json:"links"`
	Parts    int     `json:"parts"` // links plus end rings and clasp`
	LengthMM float64 `json:"length_mm"`
	MinGapMM float64 `json:"min_gap_mm"`
	Closed   bool    `json:"closed"`
}
