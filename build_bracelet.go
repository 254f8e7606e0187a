package mandrel

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/link"
)

// buildBracelet builds a modular bracelet: plates ("link-0" …) joined by
// hinge rings ("hinge-0" …) round the wrist, its inner length the wrist plus
// link.DefaultComfortMM of ease. Engravings go on a plate's front with
// "surface": "link-k".
func buildBracelet(ctx context.Context, s *Spec, tol geom.Tolerance, rep *Report) (*geom.Model, error) {
	if err := s.noOther("bracelet"); err != nil {
		return nil, err
	}
	bs := s.Bracelet
	if bs == nil {
		return nil, fmt.Errorf("%w: bracelet: a bracelet spec needs a \"bracelet\" section", ErrSpec)
	}
	if len(s.Stones) > 0 {
		return nil, fmt.Errorf("%w: stones: a modular bracelet takes no stones", ErrSpec)
	}
	if st := strings.ToLower(strings.TrimSpace(bs.Style)); st != "" && st != "modular" {
		return nil, fmt.Errorf("%w: bracelet.style: %q: allowed \"modular\"", ErrSpec, bs.Style)
	}
	if bs.Links != 0 && bs.Links < link.MinBraceletLinks {
		return nil, fmt.Errorf("%w: bracelet.links = %d: allowed %d to %d plates", ErrSpec, bs.Links, link.MinBraceletLinks, link.MaxBraceletLinks)
	}
	p := link.BraceletParams{Links: bs.Links, WristMM: bs.WristMM, Metal: s.Metal, Tolerance: tol}
	if l := bs.Link; l != nil {
		p.WidthMM, p.HeightMM, p.ThicknessMM = l.WidthMM, l.HeightMM, l.ThicknessMM
	}
	engr, err := pieceEngravings(s, func(f string) bool {
		_, ok := plateIndex(f)
		return ok
	}, `"link-0", "link-1", … (a plate of the bracelet)`)
	if err != nil {
		return nil, err
	}
	for _, e := range engr {
		k, _ := plateIndex(e.surface)
		p.Engravings = append(p.Engravings, link.PlateEngraving{Plate: k, Region: e.region, DepthMM: e.depthMM, Emboss: e.emboss})
	}
	measured := measureRegions(engr)
	defer measured()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	br, err := link.BuildBracelet(p)
	if err != nil {
		return nil, specErr(err)
	}
	rep.Warnings = append(rep.Warnings, br.Warnings...)
	var ew []string
	rep.Engravings, ew = pieceEngravingReports(engr, measured(), br.Engravings)
	rep.Warnings = append(rep.Warnings, ew...)
	rep.Chain = &ChainReport{Links: br.Links, Parts: len(br.Model.Parts), LengthMM: round(br.InnerLengthMM, 2),
		MinGapMM: round(br.Clearance.MinGapMM, 3), Closed: true}
	if math.IsInf(br.Clearance.MinGapMM, 1) {
		rep.Chain.MinGapMM = 0
	}
	return br.Model, nil
}

// plateIndex parses a plate surface name "link-k".
func plateIndex(s string) (int, bool) {
	d, ok := strings.CutPrefix(s, "link-")
	if !ok || d == "" || len(d) > 4 {
		return 0, false
	}
	k, err := strconv.Atoi(d)
	return k, err == nil && k >= 0 && strconv.Itoa(k) == d
}
