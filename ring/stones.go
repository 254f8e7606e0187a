package ring

import "github.com/mandrel3d/mandrel/geom"

// Stone is one stone set in the ring and its setting.
type Stone struct{}

// StoneFacts are a set stone's measured figures.
type StoneFacts struct{}

// validateStones returns an error for each invalid stone.
func (p Params) validateStones() []error { return nil }

// addStones adds the stones and their settings to the result's model, and
// their facts and warnings to the result.
func (p Params) addStones(res *Result, metal geom.Material) error { return nil }
