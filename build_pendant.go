package mandrel

import (
	"context"
	"fmt"
	"strings"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/pendant"
)

func buildPendant(ctx context.Context, s *Spec, tol geom.Tolerance, rep *Report) (*geom.Model, error) {
	if err := s.noOther("pendant"); err != nil {
		return nil, err
	}
	ps := s.Pendant
	if ps == nil {
		return nil, fmt.Errorf("%w: pendant: a pendant spec needs a \"pendant\" section with at least a shape", ErrSpec)
	}
	shape, err := pendant.ParseShape(ps.Shape)
	if err != nil {
		return nil, specErr(err)
	}
	edge := pendant.Edge(strings.ToLower(ps.Edge))
	p := pendant.Params{Shape: shape, WidthMM: ps.WidthMM, HeightMM: ps.HeightMM, ThicknessMM: ps.ThicknessMM,
		Edge: edge, DomeMM: ps.DomeMM, Metal: s.Metal, Tolerance: tol}
	for _, q := range ps.Outline {
		p.Outline = append(p.Outline, geom.Vec2{q[0], q[1]})
	}
	if b := ps.Bail; b != nil {
		p.Bail = pendant.Bail{Style: pendant.BailStyle(strings.ToLower(b.Style)), InnerDiameterMM: b.InnerDiameterMM,
			WireMM: b.WireMM, ChainMM: b.ChainMM}
	}
	engr, err := pieceEngravings(s, func(f string) bool { return f == pendant.FaceFront || f == pendant.FaceBack },
		`"front" or "back" on a pendant`)
	if err != nil {
		return nil, err
	}
	for _, e := range engr {
		p.Engravings = append(p.Engravings, pendant.Engraving{Surface: e.surface, Region: e.region, DepthMM: e.depthMM, Emboss: e.emboss})
	}
	switch len(s.Stones) {
	case 0:
	case 1:
		st := s.Stones[0]
		if st.Setting != "" && !strings.EqualFold(st.Setting, "bezel") {
			return nil, fmt.Errorf("%w: stones[0].setting %q: a pendant sets its stone in a bezel", ErrSpec, st.Setting)
		}
		cut, err := gem.ParseCut(st.Cut)
		if err != nil {
			return nil, fmt.Errorf("%w: stones[0].cut: %w", ErrSpec, err)
		}
		p.Stone = &gem.Stone{Cut: cut, Gem: st.Gem, DiameterMM: st.DiameterMM, LengthMM: st.LengthMM, WidthMM: st.WidthMM, Carat: st.Carat}
	default:
		return nil, fmt.Errorf("%w: stones: a pendant takes one stone, got %d", ErrSpec, len(s.Stones))
	}
	measured := measureRegions(engr)
	defer measured()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res, err := pendant.Build(p)
	if err != nil {
		return nil, specErr(err)
	}
	rep.Warnings = append(rep.Warnings, res.Warnings...)
	var ew []string
	rep.Engravings, ew = pieceEngravingReports(engr, measured(), res.Engravings)
	rep.Warnings = append(rep.Warnings, ew...)
	c := res.CentreOfMassMM
	rep.Pendant = &PendantReport{
		CentreOfMassMM: [3]float64{round(c[0], 3), round(c[1], 3), round(c[2], 3)},
		HangAngleDeg:   round(res.HangAngleDeg, 2),
		TiltDeg:        round(res.TiltDeg, 2),
	}
	if st := res.Model.Part("stone-0"); st != nil && p.Stone != nil {
		g, err := p.Stone.Geometry(tol)
		if err == nil {
			rep.Stones = append(rep.Stones, StoneReport{Cut: string(g.Stone.Cut), Gem: gemName(g.Stone.Gem),
				LengthMM: round(g.LengthMM, 3), WidthMM: round(g.WidthMM, 3), Carat: round(g.Carat(), 3)})
		}
	}
	return res.Model, nil
}

func gemName(g string) string {
	if g == "" {
		return "diamond"
	}
	return g
}

// PendantReport gives a pendant's balance, measured on the model: the
// centre of mass of every part at its material's density (mm from the bail's
// pivot, the origin), the angle it hangs at in its own plane (0 = upright;
// a symmetric outline is within 2°), and how far its bottom tilts toward
// the viewer.
type PendantReport struct {
	CentreOfMassMM [3]float64 `json:"centre_of_mass_mm"`
	HangAngleDeg   float64    `json:"hang_angle_deg"`
	TiltDeg        float64    `json:"tilt_deg"`
}
