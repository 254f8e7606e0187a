package gem

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// buildStepped makes a cut whose crown and pavilion are tiers of the outline
// polygon scaled about the centre: each tier facet lies between two parallel
// edges and so is exactly planar. The crown rises from the girdle to the
// table along a quarter sine (steep at the girdle, flat toward the table)
// whose chord has the crown angle; the pavilion falls the same way to a point
// (or to a culet facet of culet_pct), the chord at the pavilion angle, its
// profile a blend of a straight cone and the quarter sine set per cut. Angles
// and depths are taken across the polygon's inscribed width (the width of a
// rectangle), so a 1.4:1 emerald's long and short sides share one profile in
// scale but not in slope: a keel-less step cut.
func buildStepped(s Stone, l, w float64, tol geom.Tolerance) (*Geometry, error) {
	p := s.props()
	ci := cutInfo[s.Cut]
	poly := polygonOutline(s.Cut, l, w)
	ref := 2 * inradius(poly)
	g := p.girdle * w
	zTop, zBot := g/2, -g/2
	hc := (1 - p.table) / 2 * math.Tan(p.crown*math.Pi/180) * ref
	pd := math.Tan(p.pavilion*math.Pi/180) * ref / 2
	n := len(poly)
	b := &builder{m: geom.NewMesh(n*(ci.crownTiers+ci.pavTiers+4), 4*n*(ci.crownTiers+ci.pavTiers+2))}
	ring := func(scale, z float64) []uint32 {
		r := make([]uint32, n+1)
		for i, q := range poly {
			r[i] = b.m.AddVert(v3(q.Mul(scale), z))
		}
		r[n] = r[0]
		return r
	}
	top, bot := ring(1, zTop), ring(1, zBot)
	for i := 0; i < n; i++ {
		b.add(GirdleFacet, bot[i], bot[i+1], top[i+1], top[i])
	}
	// crown tiers
	prev := top
	for j := 1; j <= ci.crownTiers; j++ {
		f := float64(j) / float64(ci.crownTiers)
		cur := ring(1-(1-p.table)*f, zTop+hc*math.Sin(f*math.Pi/2))
		for i := 0; i < n; i++ {
			b.add(CrownStepFacet, prev[i], prev[i+1], cur[i+1], cur[i])
		}
		prev = cur
	}
	zt := zTop + hc
	b.addFan(TableFacet, b.m.AddVert(geom.Vec3{0, 0, zt}), prev, false)
	// pavilion tiers
	prev = bot
	end := p.culet
	zc := zBot - pd
	for j := 1; j <= ci.pavTiers; j++ {
		f := float64(j) / float64(ci.pavTiers)
		scale := 1 - (1-end)*f
		z := zBot - pd*(1-end)*((1-ci.bulge)*f+ci.bulge*math.Sin(f*math.Pi/2))
		if j == ci.pavTiers && end == 0 {
			apex := b.m.AddVert(geom.Vec3{0, 0, zc})
			for i := 0; i < n; i++ {
				b.add(PavilionStepFacet, prev[i], apex, prev[i+1])
			}
			break
		}
		cur := ring(scale, z)
		for i := 0; i < n; i++ {
			b.add(PavilionStepFacet, prev[i], cur[i], cur[i+1], prev[i+1])
		}
		prev = cur
		if j == ci.pavTiers {
			zc = z
			b.addFan(CuletFacet, b.m.AddVert(geom.Vec3{0, 0, z}), cur, true)
		}
	}
	if err := b.finish(s); err != nil {
		return nil, err
	}
	outline := append([]geom.Vec2(nil), poly...)
	tops, bots := make([]float64, n), make([]float64, n)
	for i := range tops {
		tops[i], bots[i] = zTop, zBot
	}
	return &Geometry{
		Stone: s, LengthMM: l, WidthMM: w, Mesh: b.m, Facets: b.facets,
		Outline: outline, Top: tops, Bottom: bots, Corners: append([]int(nil), ci.pointed...),
		TableZ: zt, CuletZ: zc,
	}, nil
}
