package mandrel

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/ring"
)

// Report holds the figures of a built piece (SPEC.md), every one measured on
// the model that was built, not echoed from the spec. Lengths in mm, volumes
// in mm³, weights in grams.
type Report struct {
	Name      string       `json:"name"`
	Kind      string       `json:"kind"`
	Units     string       `json:"units"`
	BBoxMM    [3]float64   `json:"bbox_mm"`
	Triangles int          `json:"triangles"`
	Parts     []PartReport `json:"parts"`
	// MetalWeightG is the weight of every metal part together.
	MetalWeightG float64        `json:"metal_weight_g"`
	Stones       []StoneReport  `json:"stones,omitempty"`
	Ring         *RingReport    `json:"ring,omitempty"`
	Engravings   []EngravingRep `json:"engravings,omitempty"`
	Pendant      *PendantReport `json:"pendant,omitempty"`
	Chain        *ChainReport   `json:"chain,omitempty"`
	Warnings     []string       `json:"warnings"`
	// TimingsMS holds how long each step took, in milliseconds; it is the
	// one part of a report that differs between identical builds.
	TimingsMS map[string]float64 `json:"timings_ms,omitempty"`
}

// PartReport describes one part.
type PartReport struct {
	Name       string  `json:"name"`
	Material   string  `json:"material"`
	Triangles  int     `json:"triangles"`
	VolumeMM3  float64 `json:"volume_mm3"`
	WeightG    float64 `json:"weight_g"`
	Watertight bool    `json:"watertight"`
}

// StoneReport describes one stone.
type StoneReport struct {
	Cut        string  `json:"cut"`
	Gem        string  `json:"gem"`
	DiameterMM float64 `json:"diameter_mm,omitempty"`
	LengthMM   float64 `json:"length_mm,omitempty"`
	WidthMM    float64 `json:"width_mm,omitempty"`
	Carat      float64 `json:"carat"`
}

// RingReport gives a ring's measured inner size in every standard.
type RingReport struct {
	InnerDiameterMM      float64           `json:"inner_diameter_mm"`
	InnerCircumferenceMM float64           `json:"inner_circumference_mm"`
	Sizes                map[string]string `json:"sizes"`
}

// EngravingRep describes one engraving as cut.
type EngravingRep struct {
	Surface         string  `json:"surface"`
	AreaMM2         float64 `json:"area_mm2"`
	DepthMM         float64 `json:"depth_mm"`
	SmallestFeature float64 `json:"smallest_feature_mm"`
}

// round rounds x to the given number of decimals (reports are read by people
// and scripts; micrometres are below any process's resolution).
func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// measure fills the model-wide figures of the report.
func (r *Report) measure(m *geom.Model) {
	r.Units = "mm"
	s := m.Bounds().Size()
	r.BBoxMM = [3]float64{round(s[0], 3), round(s[1], 3), round(s[2], 3)}
	r.Triangles = m.Triangles()
	r.Parts = r.Parts[:0]
	var metal float64
	for _, p := range m.Parts {
		v := p.Mesh.Volume()
		w := p.Material.WeightG(v)
		ok := p.Mesh.CheckWith(geom.CheckOptions{SkipSelfIntersections: true}).OK()
		r.Parts = append(r.Parts, PartReport{
			Name: p.Name, Material: p.Material.Name, Triangles: len(p.Mesh.Tris),
			VolumeMM3: round(v, 2), WeightG: round(w, 3), Watertight: ok,
		})
		if p.Material.Kind == geom.KindMetal {
			metal += w
		}
	}
	r.MetalWeightG = round(metal, 3)
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
}

// ringReport measures a ring's finger hole on its band.
func ringReport(band *geom.Mesh) *RingReport {
	in, _ := band.AxisDistance(geom.Vec3{}, geom.Vec3{0, 1, 0})
	d := 2 * in
	rr := &RingReport{InnerDiameterMM: round(d, 3), InnerCircumferenceMM: round(math.Pi*d, 2), Sizes: map[string]string{}}
	for _, c := range ring.Conversions(d) {
		rr.Sizes[string(c.Standard)] = c.Label
	}
	return rr
}
