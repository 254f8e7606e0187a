package ring

import "github.com/mandrel3d/mandrel/geom"

// Stone is one stone set in the ring and its setting.
type Stone struct{}

// validateStones returns an error for each invalid stone.
func (p Params) validateStones() []error { return nil }

// addStones adds the stones and their settings to the model.
func (p Params) addStones(m *geom.Model, metal geom.Material) ([]string, error) { return nil, nil }
