package ring

import (
	"errors"
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// Pavé figures.
const (
	// PaveGapMM is the girdle-to-girdle spacing of pavé melee, mm
	// (JewelCraft's 0.2 mm default).
	PaveGapMM = 0.2
	// PaveMinMM and PaveMaxMM bound the melee's diameter, mm (pavé and
	// micro-pavé melee run 0.8 to 1.8 mm, REFERENCE.md §6).
	PaveMinMM, PaveMaxMM = 0.8, 2.5
	// PaveSeatPct is the seat hole's diameter, percent of the melee's: the
	// pavilion rests on the hole's rim, the rest of it hangs in the hole.
	PaveSeatPct = 80
	// PaveEdgeMM is the least metal between the outermost beads and the
	// band's edges, mm.
	PaveEdgeMM = 0.2
	// PaveFloorMM is the least metal left under a seat, mm.
	PaveFloorMM = 0.5
	// PaveBeadMaxMM caps a bead's diameter, mm.
	PaveBeadMaxMM = 0.7
	// PaveTiltDeg is how far the outer surface's normal may lean from the
	// radial direction where pavé goes, degrees: the top face of the band.
	PaveTiltDeg = 25.0
	// PaveTopDeg is the run pavé covers by default: PaveTopDeg on each side
	// of the top, degrees.
	PaveTopDeg = 30.0
	// paveFitMM is the clearance between a melee's pavilion and its seat's
	// rim, and between a bead and the melee, mm.
	paveFitMM = 0.005
)

// addPave builds stone i's pavé: round melee of s.Gem in staggered rows over
// the band's outer surface from s.AtDeg to s.ToDeg (and mirrored with
// s.Mirror), PaveGapMM apart, as many rows as the band's width takes; a seat
// drilled into the band under each (a hole PaveSeatPct of the melee's
// diameter, cut with geom.CutPatch, deep enough for the culet), the melee
// resting on its rim with the table facing out along the surface's normal;
// and beads, half sunk into the band between every three neighbours (and
// beside the rows' ends and outer sides), each as large as it can be
// without cutting into a stone. Parts: "stone-i.k" (gem) and "pave-i" (metal,
// one closed shell per bead); the band part gets the seats. It returns the
// stones' meshes and names.
func (p Params) addPave(i int, s Stone, g *gem.Geometry, res *Result, metal geom.Material) ([]*geom.Mesh, []string, error) {
	field := FieldPrefix(i)
	tol := p.Tolerance
	if g.Stone.Cut != gem.Round {
		return nil, nil, &FieldError{Field: field + "cut", Value: fmt.Sprintf("%q", g.Stone.Cut), Allowed: "round for pavé (its seats are drilled round)"}
	}
	d := g.WidthMM
	if d < PaveMinMM || d > PaveMaxMM {
		return nil, nil, &FieldError{Field: field + sizeField(s.Gem), Value: sizeValue(s.Gem), Allowed: fmt.Sprintf("melee of %g to %g mm for pavé (this one is %.3g mm)", PaveMinMM, PaveMaxMM, d)}
	}
	if p.Profile == KnifeEdge {
		return nil, nil, &FieldError{Field: field + "setting", Value: `"pave"`, Allowed: "a band with a face on top to drill the seats in (a knife-edge band's outer surface is a ridge)"}
	}
	band := res.Model.Part("band")
	if band == nil {
		return nil, nil, fmt.Errorf("%w: pavé needs the band", ErrParams)
	}
	gr, err := p.bandGrid()
	if err != nil {
		return nil, nil, err
	}
	bs := gr.surface(SurfaceOuter)
	r := d / 2
	pitch := d + PaveGapMM
	beadOff := pitch / (2 * math.Sqrt(3)) // a bead's offset across from its row
	// the seat: a hole of radius rh; the melee sits where its surface
	// outside the hole's inscribed polygon is all above the band
	rh := PaveSeatPct * d / 200
	nseg := max(12, tol.Segments(rh, 2*math.Pi))
	rFit := rh * math.Cos(math.Pi/float64(nseg))
	zRest := lowestOutside(g.Mesh, rFit) // stone frame: lowest point outside rFit
	lift := paveFitMM - zRest            // the stone's origin above the surface
	depth := lift - g.CuletZ + 0.1       // the culet 0.1 mm above the seat's floor
	_, tb := p.bottom()
	thick := math.Min(p.ThicknessMM, tb)
	if depth+PaveFloorMM > thick {
		return nil, nil, &FieldError{Field: field + sizeField(s.Gem), Value: sizeValue(s.Gem),
			Allowed: fmt.Sprintf("melee whose %.2f mm seats leave %g mm of metal in a %.3g mm thick band (a thicker band or smaller melee)", depth, PaveFloorMM, thick)}
	}
	// runs along the band, in u = φ·R at v = 0
	R := bs.lengthMM / (2 * math.Pi)
	from, to := s.AtDeg*math.Pi/180, s.ToDeg*math.Pi/180
	spans := [][2]float64{{from, to}}
	if s.Mirror {
		spans = append(spans, [2]float64{-to, -from})
	}
	// rows across the band, staggered, on the part of the outer surface
	// that faces out over the whole run (a comfort band's dome falls away
	// at its sides)
	flat := math.Inf(1)
	for _, sp := range spans {
		flat = math.Min(flat, flatHalf(bs, PaveTiltDeg, sp[0]*R, sp[1]*R))
	}
	half := math.Min(math.Min(bs.vHi, -bs.vLo)-PaveEdgeMM, flat)
	rows := 0
	if reach := math.Max(r, beadOff+0.15); half >= reach {
		rows = int(math.Floor((2*half-2*reach)/(pitch*math.Sqrt(3)/2))) + 1
	}
	if rows < 1 {
		return nil, nil, &FieldError{Field: field + sizeField(s.Gem), Value: sizeValue(s.Gem),
			Allowed: fmt.Sprintf("melee small enough for one row across the band's top face (%.3g mm wide there)", 2*math.Max(half, 0))}
	}
	rowV := func(k int) float64 { return (float64(k) - float64(rows-1)/2) * pitch * math.Sqrt(3) / 2 }
	var cuts []geom.Cut
	var all [][]geom.Vec2 // each run's stone centres (u, v)
	var steps []float64   // each run's step along u
	scaleU := func(uv geom.Vec2) float64 {
		// mm along the surface per unit of u at uv
		h := 0.01
		a, _ := bs.patch.Eval(geom.Vec2{uv[0] - h, uv[1]})
		b, _ := bs.patch.Eval(geom.Vec2{uv[0] + h, uv[1]})
		return b.Sub(a).Len() / (2 * h)
	}
	for _, sp := range spans {
		u0, u1 := sp[0]*R, sp[1]*R
		// one step along u for every row, so the rows stay staggered: the
		// shortest row (the outermost on a dome) keeps the gap
		su := math.Inf(1)
		for k := range rows {
			su = math.Min(su, scaleU(geom.Vec2{(u0 + u1) / 2, rowV(k)}))
		}
		step := pitch / su
		var centres []geom.Vec2
		for k := range rows {
			v := rowV(k)
			// odd rows hold one stone less, centred: they fall between
			// the even rows' stones
			n := int(math.Floor((u1-u0-d/su)/step)) + 1 - k%2
			mid := (u0 + u1) / 2
			for j := range n {
				centres = append(centres, geom.Vec2{mid + (float64(j)-float64(n-1)/2)*step, v})
			}
		}
		if len(centres) == 0 {
			return nil, nil, &FieldError{Field: field + "at", Value: fmt.Sprintf("%.4g..%.4g deg", sp[0]*180/math.Pi, sp[1]*180/math.Pi), Allowed: fmt.Sprintf("a run long enough for one %.3g mm stone", d)}
		}
		if len(centres) > MaxChannelStones {
			return nil, nil, &FieldError{Field: field + sizeField(s.Gem), Value: sizeValue(s.Gem), Allowed: fmt.Sprintf("melee large enough that at most %d fit in the run (%d would)", MaxChannelStones, len(centres))}
		}
		// one region of round seats: an ellipse in (u, v) that is a circle
		// of radius rh on the surface
		var reg geom.Region
		for _, c := range centres {
			su := scaleU(c)
			ct := make(geom.Contour, nseg)
			for k := range ct {
				sn, cs := math.Sincos(2 * math.Pi * float64(k) / float64(nseg))
				ct[k] = geom.Vec2{c[0] + rh*cs/su, c[1] + rh*sn}
			}
			reg.Contours = append(reg.Contours, ct)
		}
		cuts = append(cuts, geom.Cut{Region: bs.wrap(reg), DepthMM: depth})
		all = append(all, centres)
		steps = append(steps, step)
	}
	total := 0
	for _, c := range all {
		total += len(c)
	}
	if err := tol.CheckBudget("pavé", int64(total)*int64(len(g.Mesh.Tris)+600)); err != nil {
		return nil, nil, err
	}
	cut, _, err := geom.CutPatch(band.Mesh, bs.patch, cuts, tol)
	if err != nil {
		if errors.Is(err, geom.ErrBudget) {
			return nil, nil, err
		}
		return nil, nil, &FieldError{Field: field + "at", Value: fmt.Sprintf("%g..%g deg", s.AtDeg, s.ToDeg), Allowed: fmt.Sprintf("a run of the outer surface whose seats the band can take, clear of engravings there (%v)", err)}
	}
	band.Mesh = cut
	mat, err := gem.Material(gemName(g.Stone))
	if err != nil {
		return nil, nil, stoneErr(i, err)
	}
	// the frame at a point of the surface: x along the band, z out
	frame := func(uv geom.Vec2) (o, x, y, z geom.Vec3) {
		h := 0.01
		a, _ := bs.patch.Eval(geom.Vec2{uv[0] - h, uv[1]})
		b, _ := bs.patch.Eval(geom.Vec2{uv[0] + h, uv[1]})
		o, z = bs.patch.Eval(uv)
		x = b.Sub(a)
		x = x.Sub(z.Mul(x.Dot(z))).Normalize()
		return o, x, z.Cross(x), z
	}
	var stones []*geom.Mesh
	var names []string
	beads := geom.NewMesh(0, 0)
	rbMax := PaveBeadMaxMM / 2
	sphere, err := geom.Revolve(semicircle(rbMax, tol), tol)
	if err != nil {
		return nil, nil, err
	}
	minBead := math.Inf(1)
	for ri, centres := range all {
		step := steps[ri]
		var placed []*geom.BVH
		for _, c := range centres {
			o, x, y, z := frame(c)
			m := g.Mesh.Clone()
			m.Transform(func(v geom.Vec3) geom.Vec3 {
				return o.Add(x.Mul(v[0])).Add(y.Mul(v[1])).Add(z.Mul(v[2] + lift))
			})
			name := fmt.Sprintf("stone-%d.%d", i, len(stones))
			res.Model.Add(name, mat, m)
			stones = append(stones, m)
			names = append(names, name)
			placed = append(placed, geom.NewBVH(m))
		}
		// beads: beside every stone, at the corners of its hexagon that
		// lie on the band, once each
		seen := map[[2]int64]bool{}
		for _, c := range centres {
			for _, off := range [][2]float64{{-0.5, -1}, {0.5, -1}, {-0.5, 1}, {0.5, 1}} {
				// the rows share the step, so neighbours name the same
				// corner to the bit
				q := geom.Vec2{c[0] + off[0]*step, c[1] + off[1]*beadOff}
				key := [2]int64{int64(math.Round(q[0] * 1e4)), int64(math.Round(q[1] * 1e4))}
				if seen[key] || math.Abs(q[1]) > half-0.15 {
					continue
				}
				seen[key] = true
				o, _, _, _ := frame(q)
				rb := rbMax
				for j, t := range placed {
					if math.Abs(centres[j][1]-q[1]) > pitch || math.Abs(centres[j][0]-q[0]) > 2*step {
						continue
					}
					_, _, dist := t.Nearest(o)
					rb = math.Min(rb, dist-paveFitMM)
				}
				if rb < 0.1 {
					continue // too little room between these stones
				}
				minBead = math.Min(minBead, 2*rb)
				b := sphere.Clone()
				b.Transform(func(v geom.Vec3) geom.Vec3 { return o.Add(v.Mul(rb / rbMax)) })
				beads.Append(b)
			}
		}
	}
	res.Model.Add(fmt.Sprintf("pave-%d", i), metal, beads)
	if minBead < gem.MinProngMM {
		res.Warnings = append(res.Warnings, fmt.Sprintf("pave-%d: beads %.2f mm across, below the %.1f mm that casting holds (a setter raises them from the metal)", i, minBead, gem.MinProngMM))
	}
	p.addRowFacts(g, Pave, stones, names, res)
	return stones, names, nil
}

// flatHalf returns how far from the middle of the band's outer surface, in
// v (mm, the least over both sides and the stations of u0 to u1), the
// surface faces out: its normal leans no more than tiltDeg from the radial
// direction.
func flatHalf(bs *bandSurface, tiltDeg, u0, u1 float64) float64 {
	const dv = 0.02
	cosMax := math.Cos(tiltDeg * math.Pi / 180)
	lim := math.Inf(1)
	for k := 0; k <= 8; k++ {
		u := u0 + (u1-u0)*float64(k)/8
		for _, side := range []float64{1, -1} {
			end := bs.vHi
			if side < 0 {
				end = -bs.vLo
			}
			v := 0.0
			for ; v < end && v < lim; v += dv {
				q, n := bs.patch.Eval(geom.Vec2{u, side * v})
				if n.Dot(geom.Vec3{q[0], 0, q[2]}.Normalize()) < cosMax {
					break
				}
			}
			lim = math.Min(lim, v)
		}
	}
	return lim
}

// lowestOutside returns the lowest height (mm, stone frame) of the stone's
// surface at a distance of at least r from its axis: over its vertices
// there and where its edges cross the cylinder of radius r.
func lowestOutside(m *geom.Mesh, r float64) float64 {
	lo := math.Inf(1)
	rho := func(v geom.Vec3) float64 { return math.Hypot(v[0], v[1]) }
	for _, v := range m.Verts {
		if rho(v) >= r {
			lo = math.Min(lo, v[2])
		}
	}
	for _, t := range m.Tris {
		for e := 0; e < 3; e++ {
			a, b := m.Verts[t[e]], m.Verts[t[(e+1)%3]]
			ra, rb := rho(a), rho(b)
			if (ra-r)*(rb-r) >= 0 {
				continue
			}
			// bisect for the crossing (ρ is not linear along the edge)
			lo0, hi0 := 0.0, 1.0
			if ra > r {
				lo0, hi0 = 1, 0
			}
			for range 40 {
				mid := (lo0 + hi0) / 2
				if rho(a.Add(b.Sub(a).Mul(mid))) < r {
					lo0 = mid
				} else {
					hi0 = mid
				}
			}
			lo = math.Min(lo, a.Add(b.Sub(a).Mul(hi0))[2])
		}
	}
	return lo
}

// semicircle returns the profile of a unit sphere for geom.Revolve: a half
// circle from the south pole to the north in (radius, height).
func semicircle(radius float64, tol geom.Tolerance) []geom.Vec2 {
	n := max(8, tol.Segments(radius, math.Pi))
	pts := make([]geom.Vec2, 0, n+1)
	for k := 0; k <= n; k++ {
		sn, cs := math.Sincos(math.Pi * float64(k) / float64(n))
		if k == 0 || k == n {
			sn = 0 // the poles exactly on the axis
		}
		pts = append(pts, geom.Vec2{radius * sn, -radius * cs})
	}
	return pts
}
