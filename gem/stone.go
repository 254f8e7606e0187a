package gem

import (
	"errors"
	"fmt"
	"math"
)

// Stone describes one gemstone: its cut, its material and its size, with
// optional proportions. A zero proportion field means the cut's ideal value.
// Give the size one way only: DiameterMM, or LengthMM and/or WidthMM, or Carat.
type Stone struct {
	// Cut is the shape (Round, Oval, …). Required.
	Cut Cut
	// Gem is the material name for Material ("diamond", "sapphire", …);
	// "" means diamond.
	Gem string
	// DiameterMM is a round stone's girdle diameter in mm (0.5 to 50). For
	// other cuts it sets the width, and the length follows Ratio.
	DiameterMM float64
	// LengthMM and WidthMM are the outline's extent along X and Y in mm
	// (0.5 to 50 each, length ≥ width except for a trillion, whose width is
	// its side and whose length is its height). Give one and the other
	// follows Ratio.
	LengthMM, WidthMM float64
	// Carat is the weight in carats (1 ct = 0.2 g), 0.001 to 100; the size is
	// solved from the mesh volume and the gem's density at the given
	// proportions and Ratio.
	Carat float64
	// Ratio is length/width when only one dimension or the carat is given,
	// 1 to 4 (trillion 0.6 to 2); 0 means the cut's usual ratio (oval 1.35,
	// pear 1.55, marquise 2, emerald 1.4, baguette 2.5, trillion 0.866 =
	// equilateral, others 1).
	Ratio float64
	// TablePct is the table's width as a percentage of the stone's width,
	// 40 to 85; 0 means the cut's ideal (round 57).
	TablePct float64
	// CrownAngleDeg is the angle of the bezel facets (step cuts: of the line
	// from the girdle to the table's edge) to the girdle plane, 20 to 45
	// degrees; 0 means the ideal (round 34).
	CrownAngleDeg float64
	// PavilionAngleDeg is the angle of the pavilion mains (step cuts: of the
	// line from the girdle to the culet) to the girdle plane, 35 to 60
	// degrees (brilliant patterns 35 to 50); 0 means the ideal (round 40.7).
	PavilionAngleDeg float64
	// GirdlePct is the girdle's thickness at its thinnest as a percentage of
	// the width, 0.5 to 10; 0 means the ideal (brilliants 2.5, others 3).
	GirdlePct float64
	// CuletPct is the culet facet's width as a percentage of the width,
	// 0 to 20; 0 means no culet (a point).
	CuletPct float64
	// StarPct is how far the star facets reach from the table's edge toward
	// the girdle, in percent, 30 to 75; 0 means 55 (brilliant patterns only).
	StarPct float64
	// LowerHalfPct is how far the lower-half facets reach from the girdle
	// toward the culet, in percent, 50 to 95; 0 means 80 (brilliant patterns
	// only).
	LowerHalfPct float64
}

// Size and proportion limits accepted by Validate.
const (
	MinSizeMM  = 0.5   // smallest length or width, mm (melee is 0.8 to 1.8 mm)
	MaxSizeMM  = 50.0  // largest length or width, mm
	MinCarat   = 0.001 // smallest weight, ct
	MaxCarat   = 100.0 // largest weight, ct
	CaratGrams = 0.2   // grams in one metric carat
)

// props are resolved proportions as fractions and degrees.
type props struct {
	table, crown, pavilion, girdle, culet, star, lower float64
}

// rangeCheck appends an error when v is set and out of [lo, hi].
func rangeCheck(errs []error, field string, v, lo, hi float64, unit string) []error {
	if v == 0 {
		return errs
	}
	if !(v >= lo && v <= hi) {
		errs = append(errs, fieldError(field, v, fmt.Sprintf("allowed %g to %g %s (0 = default)", lo, hi, unit)))
	}
	return errs
}

// Validate reports every bad field of s at once, each error naming the field,
// its value and the allowed range.
func (s Stone) Validate() error {
	var errs []error
	ci, ok := cutInfo[s.Cut]
	if !ok {
		if s.Cut == "" {
			errs = append(errs, fieldError("cut", `""`, "one of "+cutNames()+" (required)"))
		} else {
			errs = append(errs, fieldError("cut", fmt.Sprintf("%q", string(s.Cut)), "allowed "+cutNames()))
		}
	}
	if _, err := Material(s.gemName()); err != nil {
		errs = append(errs, err)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"diameter_mm", s.DiameterMM}, {"length_mm", s.LengthMM}, {"width_mm", s.WidthMM}, {"carat", s.Carat}, {"ratio", s.Ratio},
		{"table_pct", s.TablePct}, {"crown_angle_deg", s.CrownAngleDeg}, {"pavilion_angle_deg", s.PavilionAngleDeg},
		{"girdle_pct", s.GirdlePct}, {"culet_pct", s.CuletPct}, {"star_pct", s.StarPct}, {"lower_half_pct", s.LowerHalfPct}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < 0 {
			errs = append(errs, fieldError(f.name, f.v, "a finite number ≥ 0 (0 = default)"))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	n := 0
	if s.DiameterMM != 0 {
		n++
	}
	if s.LengthMM != 0 || s.WidthMM != 0 {
		n++
	}
	if s.Carat != 0 {
		n++
	}
	switch {
	case n == 0:
		errs = append(errs, fieldError("diameter_mm", 0, "a size: diameter_mm, length_mm and width_mm, or carat (required)"))
	case n > 1:
		errs = append(errs, fieldError("carat", s.Carat, fmt.Sprintf("one way of giving the size only (diameter_mm %g, length_mm %g, width_mm %g, carat %g)", s.DiameterMM, s.LengthMM, s.WidthMM, s.Carat)))
	}
	errs = rangeCheck(errs, "diameter_mm", s.DiameterMM, MinSizeMM, MaxSizeMM, "mm")
	errs = rangeCheck(errs, "length_mm", s.LengthMM, MinSizeMM, MaxSizeMM, "mm")
	errs = rangeCheck(errs, "width_mm", s.WidthMM, MinSizeMM, MaxSizeMM, "mm")
	errs = rangeCheck(errs, "carat", s.Carat, MinCarat, MaxCarat, "ct")
	if s.Cut == Trillion {
		errs = rangeCheck(errs, "ratio", s.Ratio, 0.6, 2, "(length/width)")
	} else {
		errs = rangeCheck(errs, "ratio", s.Ratio, 1, 4, "(length/width)")
	}
	if s.Cut == Round && s.Ratio != 0 && s.Ratio != 1 {
		errs = append(errs, fieldError("ratio", s.Ratio, "1 for a round stone"))
	}
	if s.Cut != Trillion && s.LengthMM != 0 && s.WidthMM != 0 && s.LengthMM < s.WidthMM {
		errs = append(errs, fieldError("length_mm", s.LengthMM, fmt.Sprintf("at least width_mm %g (the length runs along X)", s.WidthMM)))
	}
	if s.LengthMM != 0 && s.WidthMM != 0 && s.LengthMM > 4*s.WidthMM {
		errs = append(errs, fieldError("length_mm", s.LengthMM, fmt.Sprintf("at most 4 × width_mm %g", s.WidthMM)))
	}
	if s.Cut == Round && s.LengthMM != s.WidthMM && s.LengthMM != 0 && s.WidthMM != 0 {
		errs = append(errs, fieldError("length_mm", s.LengthMM, fmt.Sprintf("equal to the width %g for a round stone (use diameter_mm)", s.WidthMM)))
	}
	errs = rangeCheck(errs, "table_pct", s.TablePct, 40, 85, "%")
	errs = rangeCheck(errs, "crown_angle_deg", s.CrownAngleDeg, 20, 45, "degrees")
	if ci.pattern == brilliant {
		errs = rangeCheck(errs, "pavilion_angle_deg", s.PavilionAngleDeg, 35, 50, "degrees")
	} else {
		errs = rangeCheck(errs, "pavilion_angle_deg", s.PavilionAngleDeg, 35, 60, "degrees")
	}
	errs = rangeCheck(errs, "girdle_pct", s.GirdlePct, 0.5, 10, "%")
	errs = rangeCheck(errs, "culet_pct", s.CuletPct, 0, 20, "%")
	errs = rangeCheck(errs, "star_pct", s.StarPct, 30, 75, "%")
	errs = rangeCheck(errs, "lower_half_pct", s.LowerHalfPct, 50, 95, "%")
	return errors.Join(errs...)
}

func (s Stone) gemName() string {
	if s.Gem == "" {
		return "diamond"
	}
	return s.Gem
}

// props returns the proportions with defaults applied.
func (s Stone) props() props {
	ci := cutInfo[s.Cut]
	p := props{table: ci.table, crown: ci.crown, pavilion: ci.pavilion, girdle: ci.girdle, star: ci.star, lower: ci.lower}
	if s.TablePct != 0 {
		p.table = s.TablePct / 100
	}
	if s.CrownAngleDeg != 0 {
		p.crown = s.CrownAngleDeg
	}
	if s.PavilionAngleDeg != 0 {
		p.pavilion = s.PavilionAngleDeg
	}
	if s.GirdlePct != 0 {
		p.girdle = s.GirdlePct / 100
	}
	p.culet = s.CuletPct / 100
	if s.StarPct != 0 {
		p.star = s.StarPct / 100
	}
	if s.LowerHalfPct != 0 {
		p.lower = s.LowerHalfPct / 100
	}
	return p
}

// ratio returns length/width with the cut's default applied.
func (s Stone) ratio() float64 {
	if s.Ratio != 0 {
		return s.Ratio
	}
	return cutInfo[s.Cut].ratio
}

// dims returns the length and width in mm given directly (not by carat).
func (s Stone) dims() (l, w float64) {
	r := s.ratio()
	switch {
	case s.DiameterMM != 0:
		return s.DiameterMM * r, s.DiameterMM
	case s.LengthMM != 0 && s.WidthMM != 0:
		return s.LengthMM, s.WidthMM
	case s.LengthMM != 0:
		return s.LengthMM, s.LengthMM / r
	default:
		return s.WidthMM * r, s.WidthMM
	}
}
