package ring

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Band returns the band's closed mesh in the ring frame (package doc): the
// profile swept once around the finger axis Y, blending from the top size to
// the taper's bottom size as (1 − cos φ)/2, where φ is the angle from the top.
// The blend has zero slope at the top and bottom, so the band has no kink.
func (p Params) Band() (*geom.Mesh, error) {
	g, err := p.bandGrid()
	if err != nil {
		return nil, err
	}
	return geom.SweepClosed(g.frames, g.profiles, p.Tolerance)
}

// bandSweep is the band's sweep: one frame and one profile (placed in the
// frame, radius circumscribed) per station; counts are the segments of each
// piece of the profile's outline. Vertex j of station i is vertex
// i·len(profile) + j of the band's mesh.
type bandSweep struct {
	frames   []geom.Frame
	profiles [][]geom.Vec2
	counts   []int
}

// bandGrid returns the band's stations (see Band).
func (p Params) bandGrid() (*bandSweep, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p = p.withDefaults()
	r := p.Size.DiameterMM / 2
	wb, tb := p.bottom()
	wmax, tmax := math.Max(p.WidthMM, wb), math.Max(p.ThicknessMM, tb)

	// Stations: enough for the outermost surface, a multiple of 4 so that the
	// top, bottom and sides are stations.
	n := p.Tolerance.Segments(r+tmax, 2*math.Pi)
	n = max(16, (n+3)/4*4)
	// Circumscribe: a point at distance ρ is placed at ρ/cos(π/n), so the
	// middle of every chord between stations lies at ρ exactly.
	k := 1 / math.Cos(math.Pi/float64(n))

	counts := p.Profile.segmentCounts(wmax, tmax, p.Tolerance)
	k0 := 0
	for _, c := range counts {
		k0 += c
	}
	if err := p.Tolerance.CheckBudget("ring band", 2*int64(n)*int64(k0)); err != nil {
		return nil, err
	}
	frames := make([]geom.Frame, n)
	// profiles are read-only once made: stations of the same width and
	// thickness (all of an untapered band) share one.
	profiles := make([][]geom.Vec2, n)
	var lastW, lastT float64
	for i := range frames {
		phi := 2 * math.Pi * float64(i) / float64(n)
		s, c := math.Sincos(phi)
		frames[i] = geom.Frame{X: geom.Vec3{0, 1, 0}, Y: geom.Vec3{s, 0, c}}
		blend := (1 - c) / 2
		w := p.WidthMM + (wb-p.WidthMM)*blend
		t := p.ThicknessMM + (tb-p.ThicknessMM)*blend
		if i > 0 && w == lastW && t == lastT {
			profiles[i] = profiles[i-1]
			continue
		}
		poly := p.Profile.polygon(w, t, counts)
		for j, q := range poly {
			poly[j] = geom.Vec2{q[0], (r + q[1]) * k}
		}
		profiles[i], lastW, lastT = poly, w, t
	}
	return &bandSweep{frames: frames, profiles: profiles, counts: counts}, nil
}

// Result is a built ring: its model and the facts measured while building it.
type Result struct {
	Model *geom.Model
	// Warnings are borderline designs: thin prongs, shallow lettering.
	Warnings []string
	// Stones holds one entry per stone (stones.go).
	Stones []StoneFacts
	// Engravings holds one entry per engraving (engrave.go).
	Engravings []EngravingFacts
}

// Build returns the ring: the part "band" of the params' metal with its
// engravings cut, then the stones and their settings (stones.go).
func Build(p Params) (*Result, error) {
	band, err := p.Band()
	if err != nil {
		return nil, err
	}
	p = p.withDefaults()
	metal, err := geom.Metal(p.Metal)
	if err != nil {
		return nil, err
	}
	res := &Result{Model: &geom.Model{}}
	band, err = p.engraveBand(band, res)
	if err != nil {
		return nil, err
	}
	res.Model.Add("band", metal, band)
	if err := p.addStones(res, metal); err != nil {
		return nil, err
	}
	return res, nil
}
