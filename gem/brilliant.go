package gem

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// brilliantPlan holds the exact points and planes of a brilliant pattern for
// given girdle-point heights.
type brilliantPlan struct {
	zTop, zBot float64
	top, bot   []float64   // band edge heights at every outline sample
	T, S, V    []geom.Vec3 // table corners, star points, lower-half points (8 each)
	Q          []geom.Vec3 // culet corners (8) when there is a culet
	C          geom.Vec3   // culet point (no culet) or culet centre
	zt         float64     // table height
}

// brilliantFrame is what the plan is built from: the girdle points and the
// tilt of each bezel and pavilion main about its line of steepest descent.
type brilliantFrame struct {
	K                []geom.Vec2 // the 16 girdle points
	w, hc, pd        float64     // width, crown height, pavilion depth (mm)
	p                props
	tbl              [8]geom.Vec2 // table corners
	bezTilt, pavTilt [8]float64   // radians; 0 = the plane's horizontal runs across the radius
}

// across returns the horizontal direction of main i's facets: across the
// radius, turned by tilt.
func (f *brilliantFrame) across(i int, tilt float64) geom.Vec3 {
	g := f.K[2*i]
	s, c := math.Sincos(tilt)
	x, y := -g[1], g[0]
	return geom.Vec3{c*x - s*y, s*x + c*y, 0}
}

func (f *brilliantFrame) bezel(i int, zTop float64) plane {
	g := v3(f.K[2*i], zTop)
	t := v3(f.tbl[i], zTop+f.hc)
	return planeThrough(g, t.Sub(g), f.across(i, f.bezTilt[i]), 1)
}

func (f *brilliantFrame) main(i int, zBot float64) plane {
	g := v3(f.K[2*i], zBot)
	c := geom.Vec3{0, 0, zBot - f.pd}
	return planeThrough(g, c.Sub(g), f.across(i, f.pavTilt[i]), -1)
}

// starTarget is where star point i should be seen from above: star_pct of
// the way from the middle of the table's edge to the girdle's half point.
func (f *brilliantFrame) starTarget(i int) geom.Vec2 {
	j := (i + 1) % 8
	a := f.tbl[i].Add(f.tbl[j]).Mul(0.5)
	return a.Add(f.K[2*i+1].Sub(a).Mul(f.p.star))
}

// lowerTarget is where lower-half point i should be seen from above:
// lower_half_pct of the way from the girdle's half point to the centre.
func (f *brilliantFrame) lowerTarget(i int) geom.Vec2 { return f.K[2*i+1].Mul(1 - f.p.lower) }

// table places the table's corners at table_pct of the way from the centre
// to the main girdle points. A corner that would make the table concave (a
// heart's cleft) is pushed out to just past its neighbours' chord, so the
// table stays convex and the bezel at the cleft keeps a usable slope.
func (f *brilliantFrame) table() {
	for i := range f.tbl {
		f.tbl[i] = f.K[2*i].Mul(f.p.table)
	}
	for i := range f.tbl {
		a, b, c := f.tbl[(i+7)%8], f.tbl[i], f.tbl[(i+1)%8]
		// the chord a–c meets the ray through b at s·b
		e := c.Sub(a)
		den := b[0]*e[1] - b[1]*e[0]
		if den == 0 {
			continue
		}
		s := (a[0]*e[1] - a[1]*e[0]) / den
		if s > 1 {
			f.tbl[i] = b.Mul(s * 1.05)
		}
	}
}

// fit turns the bezels and the pavilion mains about their steepest lines
// until the star and lower-half points fall where their lengths put them.
// On a round (and on the symmetry axes of fancy shapes) no turn is needed;
// on fancy shapes without it neighbouring facets of different slopes would
// meet far from the pattern. Every cut is mirror-symmetric about the X axis,
// so mains 0 and 4 stay untilted and main 8 − i mirrors main i; mains 1 to 3
// are found by coordinate descent with a golden-section search each.
func (f *brilliantFrame) fit() {
	miss := func(planes func(i int) plane, target func(i int) geom.Vec2) float64 {
		var e float64
		for k := 0; k < 8; k++ {
			p, d, ok := meet(planes(k), planes((k+1)%8))
			if !ok {
				return math.Inf(1)
			}
			q := nearestXY(p, d, target(k))
			e += geom.Vec2{q[0], q[1]}.Sub(target(k)).LenSqr()
		}
		return e
	}
	bez := func() float64 { return miss(func(i int) plane { return f.bezel(i, 0) }, f.starTarget) }
	pav := func() float64 { return miss(func(i int) plane { return f.main(i, 0) }, f.lowerTarget) }
	tol := 1e-12 * f.w * f.w
	for sweep := 0; sweep < 4; sweep++ {
		for i := 1; i <= 3; i++ {
			if bez() > tol {
				golden(func(t float64) float64 { f.bezTilt[i], f.bezTilt[8-i] = t, -t; return bez() }, -1, 1)
			}
			if pav() > tol {
				golden(func(t float64) float64 { f.pavTilt[i], f.pavTilt[8-i] = t, -t; return pav() }, -1, 1)
			}
		}
	}
}

// golden finds the x in [lo, hi] minimising f (unimodal) to 1e-9 and
// leaves f's last call at it.
func golden(f func(float64) float64, lo, hi float64) {
	const r = 0.6180339887498949
	a, b := lo, hi
	c, d := b-r*(b-a), a+r*(b-a)
	fc, fd := f(c), f(d)
	for b-a > 1e-9 {
		if fc < fd {
			b, d, fd = d, c, fc
			c = b - r*(b-a)
			fc = f(c)
		} else {
			a, c, fc = c, d, fd
			d = a + r*(b-a)
			fd = f(d)
		}
	}
	f((a + b) / 2)
}

// planBrilliant computes the pattern on the sampled outline with the girdle
// points' upper edge at zTop and lower edge at zBot.
func planBrilliant(s Stone, smp sampled, f *brilliantFrame, zTop, zBot float64) (*brilliantPlan, error) {
	K, p, w := f.K, f.p, f.w
	pl := &brilliantPlan{zTop: zTop, zBot: zBot, zt: zTop + f.hc}
	pl.C = geom.Vec3{0, 0, zBot - f.pd}
	var bezel, main [8]plane
	for i := 0; i < 8; i++ {
		pl.T = append(pl.T, v3(f.tbl[i], pl.zt))
		bezel[i] = f.bezel(i, zTop)
		main[i] = f.main(i, zBot)
	}
	var zc float64
	if p.culet > 0 {
		zc = pl.C[2] + p.culet*w/2*math.Tan(p.pavilion*math.Pi/180)
	}
	upper := make([]plane, 16) // upper girdle facets, two per half point
	lower := make([]plane, 16)
	for i := 0; i < 8; i++ {
		j := (i + 1) % 8
		h := K[2*i+1]
		// star point: on both bezels, star_pct from the table edge to the girdle
		lp, ld, ok := meet(bezel[i], bezel[j])
		if !ok {
			return nil, foldError(s, StarFacet)
		}
		st := nearestXY(lp, ld, f.starTarget(i))
		if !(st[2] < pl.zt && st[2] > zTop) {
			return nil, fmt.Errorf("%w: star_pct %g with table_pct %g and crown_angle_deg %g puts a star point at z = %.3f mm, outside the crown (girdle %.3f to table %.3f mm) on this %s outline: move star_pct or table_pct toward the ideal (55, 57)",
				ErrInvalid, 100*p.star, 100*p.table, p.crown, st[2], zTop, pl.zt, s.Cut)
		}
		pl.S = append(pl.S, st)
		// lower-half point: on both mains, lower_half_pct from the girdle to the culet
		mp, md, ok := meet(main[i], main[j])
		if !ok {
			return nil, foldError(s, LowerGirdleFacet)
		}
		vt := nearestXY(mp, md, f.lowerTarget(i))
		if !(vt[2] < zBot && vt[2] > pl.C[2]) || (p.culet > 0 && vt[2] <= zc) {
			return nil, fmt.Errorf("%w: lower_half_pct %g puts the lower-half points at z = %.3f mm, outside the pavilion: use 50 to 95 with a smaller culet_pct (%g)",
				ErrInvalid, 100*p.lower, vt[2], 100*p.culet)
		}
		pl.V = append(pl.V, vt)
		if p.culet > 0 {
			q, _ := atZ(mp, md, zc)
			pl.Q = append(pl.Q, q)
		}
		gi, hh, gj := v3(K[2*i], zTop), v3(h, zTop), v3(K[2*j], zTop)
		upper[2*i] = plane3(gi, hh, st, 1)
		upper[2*i+1] = plane3(hh, gj, st, 1)
		gi[2], hh[2], gj[2] = zBot, zBot, zBot
		lower[2*i] = plane3(gi, hh, vt, -1)
		lower[2*i+1] = plane3(hh, gj, vt, -1)
	}
	if p.culet > 0 {
		pl.C[2] = zc
	}
	n := len(smp.pts)
	pl.top, pl.bot = make([]float64, n), make([]float64, n)
	for k := 0; k < keyCount; k++ {
		for i := smp.key[k]; i < smp.key[k+1]; i++ {
			if i == smp.key[k] {
				pl.top[i], pl.bot[i] = zTop, zBot
				continue
			}
			q := smp.pts[i]
			pl.top[i] = upper[k].zAt(q[0], q[1])
			pl.bot[i] = lower[k].zAt(q[0], q[1])
		}
	}
	return pl, nil
}

// minGirdleFrac is the thinnest the girdle band may get between girdle
// points, as a fraction of girdle_pct: where the facets' cuts into a curved
// outline would thin it more (tight curves of fancy shapes), the girdle
// points are raised until it is this thick.
const minGirdleFrac = 0.4

// buildBrilliant makes a brilliant-pattern stone of length l and width w.
// girdle_pct is the band's height at the 16 girdle points; between them the
// band follows the facets' cuts into the curved outline and is thinner, as on
// a real stone, but never thinner than minGirdleFrac of it.
func buildBrilliant(s Stone, l, w float64, tol geom.Tolerance) (*Geometry, error) {
	p := s.props()
	smp := sample(brilliantCurve(s.Cut, l, w), tol)
	if err := tol.CheckBudget("stone", int64(4*len(smp.pts)+128)); err != nil {
		return nil, err
	}
	f := &brilliantFrame{w: w, p: p,
		hc: (1 - p.table) / 2 * math.Tan(p.crown*math.Pi/180) * w,
		pd: math.Tan(p.pavilion*math.Pi/180) * w / 2}
	for k := 0; k < keyCount; k++ {
		f.K = append(f.K, smp.pts[smp.key[k]])
	}
	f.table()
	f.fit()
	g := p.girdle * w
	extra := 0.0
	var pl *brilliantPlan
	for pass := 0; pass < 4; pass++ {
		var err error
		pl, err = planBrilliant(s, smp, f, g/2+extra, -g/2-extra)
		if err != nil {
			return nil, err
		}
		thin := math.Inf(1)
		for i := range pl.top {
			thin = math.Min(thin, pl.top[i]-pl.bot[i])
		}
		if thin >= minGirdleFrac*g*(1-1e-9) {
			break
		}
		extra += (minGirdleFrac*g - thin) / 2
	}
	return assembleBrilliant(s, l, w, smp, pl)
}

// assembleBrilliant turns a plan into a mesh with its facets.
func assembleBrilliant(s Stone, l, w float64, smp sampled, pl *brilliantPlan) (*Geometry, error) {
	n := len(smp.pts)
	b := &builder{m: geom.NewMesh(2*n+40, 4*n+80)}
	top := make([]uint32, n+1)
	bot := make([]uint32, n+1)
	for i, q := range smp.pts {
		top[i] = b.m.AddVert(v3(q, pl.top[i]))
		bot[i] = b.m.AddVert(v3(q, pl.bot[i]))
	}
	top[n], bot[n] = top[0], bot[0]
	var T, S, V, Q [9]uint32
	for i := 0; i < 8; i++ {
		T[i] = b.m.AddVert(pl.T[i])
		S[i] = b.m.AddVert(pl.S[i])
		V[i] = b.m.AddVert(pl.V[i])
		if pl.Q != nil {
			Q[i] = b.m.AddVert(pl.Q[i])
		}
	}
	T[8], S[8], V[8], Q[8] = T[0], S[0], V[0], Q[0]
	tc := b.m.AddVert(geom.Vec3{0, 0, pl.zt})
	cc := b.m.AddVert(pl.C)
	key := func(k int) int { return smp.key[k] }

	// crown
	b.addFan(TableFacet, tc, T[:], false)
	for i := 0; i < 8; i++ {
		b.add(StarFacet, S[i], T[i+1], T[i])
		prev := S[(i+7)%8]
		b.add(BezelFacet, T[i], prev, top[key(2*i)], S[i])
		for h := 0; h < 2; h++ {
			poly := []uint32{S[i]}
			for j := key(2*i + h); j <= key(2*i+h+1); j++ {
				poly = append(poly, top[j])
			}
			b.add(UpperGirdleFacet, poly...)
		}
	}
	// girdle band
	for i := 0; i < n; i++ {
		b.add(GirdleFacet, bot[i], bot[i+1], top[i+1], top[i])
	}
	// pavilion
	for i := 0; i < 8; i++ {
		for h := 0; h < 2; h++ {
			poly := []uint32{V[i]}
			for j := key(2*i + h + 1); j >= key(2*i+h); j-- {
				poly = append(poly, bot[j])
			}
			b.add(LowerGirdleFacet, poly...)
		}
		prev := (i + 7) % 8
		if pl.Q == nil {
			b.add(PavilionFacet, cc, V[i], bot[key(2*i)], V[prev])
		} else {
			b.add(PavilionFacet, Q[i], V[i], bot[key(2*i)], V[prev], Q[prev])
		}
	}
	if pl.Q != nil {
		b.addFan(CuletFacet, cc, Q[:], true)
	}
	if err := b.finish(s); err != nil {
		return nil, err
	}
	corners := []int{}
	for _, k := range cutInfo[s.Cut].pointed {
		corners = append(corners, smp.key[k])
	}
	return &Geometry{
		Stone: s, LengthMM: l, WidthMM: w, Mesh: b.m, Facets: b.facets,
		Outline: smp.pts, Top: pl.top[:n], Bottom: pl.bot[:n], Corners: corners,
		TableZ: pl.zt, CuletZ: pl.C[2],
	}, nil
}

// addFan adds a facet fanned from a centre vertex c over the closed ring
// (ring[len-1] == ring[0]), counter-clockwise seen from +Z, or seen from −Z
// when down is set.
func (b *builder) addFan(kind FacetKind, c uint32, ring []uint32, down bool) {
	f := Facet{Kind: kind}
	for i := 0; i+1 < len(ring); i++ {
		f.Tris = append(f.Tris, len(b.m.Tris))
		if down {
			b.m.AddTri(c, ring[i+1], ring[i])
		} else {
			b.m.AddTri(c, ring[i], ring[i+1])
		}
	}
	b.facets = append(b.facets, f)
}
