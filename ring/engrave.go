package ring

import "github.com/mandrel3d/mandrel/geom"

// Engraving is text or a bitmap cut into or raised from the band.
type Engraving struct{}

// EngravingFacts are an engraving's measured figures.
type EngravingFacts struct{}

// validateEngravings returns an error for each invalid engraving.
func (p Params) validateEngravings() []error { return nil }

// engraveBand cuts the engravings into the band, adding their facts and
// warnings to the result.
func (p Params) engraveBand(band *geom.Mesh, res *Result) (*geom.Mesh, error) { return band, nil }
