package gem

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Geometry builds the stone in its own frame (see the package doc) with its
// size resolved: a stone given by carat is scaled so its mesh weighs that
// much. It returns an error naming the field for bad parameters.
func (s Stone) Geometry(tol geom.Tolerance) (*Geometry, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := tol.Validate(); err != nil {
		return nil, err
	}
	l, w, err := s.size(tol)
	if err != nil {
		return nil, err
	}
	return s.build(l, w, tol)
}

// Mesh returns the stone's closed, outward-facing mesh in its own frame: the
// girdle's middle at z = 0, the table up (+Z), the culet down, centred on the
// Z axis, the length along X.
func (s Stone) Mesh(tol geom.Tolerance) (*geom.Mesh, error) {
	g, err := s.Geometry(tol)
	if err != nil {
		return nil, err
	}
	return g.Mesh, nil
}

// Carats returns the stone's weight in carats: its mesh volume (mm³) times
// the gem's density (mg/mm³), 1 ct = 200 mg. (The field Carat is the weight
// asked for; Carats measures the stone that is built.)
func (s Stone) Carats(tol geom.Tolerance) (float64, error) {
	g, err := s.Geometry(tol)
	if err != nil {
		return 0, err
	}
	return g.Carat(), nil
}

// Carat returns the weight in carats of the stone's mesh in its gem.
func (g *Geometry) Carat() float64 {
	m, err := Material(g.Stone.gemName())
	if err != nil {
		return 0
	}
	return m.WeightG(g.Mesh.Volume()) / CaratGrams
}

// build makes the stone at the given length and width.
func (s Stone) build(l, w float64, tol geom.Tolerance) (*Geometry, error) {
	var g *Geometry
	var err error
	if cutInfo[s.Cut].pattern == brilliant {
		g, err = buildBrilliant(s, l, w, tol)
	} else {
		g, err = buildStepped(s, l, w, tol)
	}
	if err != nil {
		return nil, err
	}
	g.Stone.DiameterMM, g.Stone.Carat = 0, 0
	g.Stone.LengthMM, g.Stone.WidthMM = l, w
	return g, nil
}

// size returns the stone's length and width in mm. A stone given by carat is
// solved in closed form: at fixed proportions the weight grows with the cube
// of the size, so a stone built at a 1 mm width that weighs c₁ carats scales
// by (carat/c₁)^⅓. The tessellation of a curved girdle changes slightly with
// size, so one correction pass follows.
func (s Stone) size(tol geom.Tolerance) (l, w float64, err error) {
	if s.Carat == 0 {
		l, w = s.dims()
		if l > MaxSizeMM || w < MinSizeMM {
			return 0, 0, fieldError("ratio", s.ratio(), fmt.Sprintf("one giving %g to %g mm (this gives %.3g × %.3g mm)", MinSizeMM, MaxSizeMM, l, w))
		}
		return l, w, nil
	}
	r := s.ratio()
	mat, err := Material(s.gemName())
	if err != nil {
		return 0, 0, err
	}
	w = 1.0
	for pass := 0; pass < 2; pass++ {
		g, err := s.build(r*w, w, tol)
		if err != nil {
			return 0, 0, err
		}
		ct := mat.WeightG(g.Mesh.Volume()) / CaratGrams
		w *= math.Cbrt(s.Carat / ct)
		if w*r > MaxSizeMM || w < MinSizeMM {
			return 0, 0, fieldError("carat", s.Carat, fmt.Sprintf("one giving %g to %g mm (this gives a %s %s of %.3g × %.3g mm)", MinSizeMM, MaxSizeMM, s.gemName(), s.Cut, w*r, w))
		}
	}
	return r * w, w, nil
}
