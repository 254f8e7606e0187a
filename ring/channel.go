package ring

import (
	"fmt"
	"math"
	"strings"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// Channel setting figures.
const (
	// ChannelGapMM is the girdle-to-girdle spacing of channel stones, mm
	// (between the 0.1 mm a setter needs and JewelCraft's 0.2 mm).
	ChannelGapMM = 0.15
	// ChannelCoverPct is how much of a channel stone's width the two rails'
	// lips cover together, percent (walls cover 10–15 %, REFERENCE.md §6).
	ChannelCoverPct = 12
	// ChannelCuletGapMM is how far a channel stone's culet sits above the
	// band's outer surface by default, mm: the rails stand on the band and
	// the stones ride between them, so nothing is cut from the band.
	ChannelCuletGapMM = 0.1
	// ChannelWallMM is the rails' wall thickness outside the girdle groove,
	// mm, when the band is wide enough; on a narrower band the walls are
	// thinned (down to ChannelMinWallMM) to end at the band's edge, and
	// Build warns below gem.MinWallMM.
	ChannelWallMM    = 0.8
	ChannelMinWallMM = 0.4
	// ChannelSinkMM is how deep the rails' feet sink into the band, mm.
	ChannelSinkMM = 0.3
	// ShoulderFromDeg and ShoulderToDeg are the run "shoulders" means, on
	// each side of the top, degrees from the top.
	ShoulderFromDeg, ShoulderToDeg = 30.0, 70.0
	// MaxChannelStones bounds one run's stone count.
	MaxChannelStones = 200
)

// ParseRun reads a channel's run along the band: "shoulders" (or "") is
// ShoulderFromDeg to ShoulderToDeg on both sides of the top (mirror true);
// "A..B" is one run from angle A to angle B, each read by ParseAt ("20deg",
// "-60", "right"), −180 to 180 degrees from the top toward +X.
func ParseRun(s string) (fromDeg, toDeg float64, mirror bool, err error) {
	k := strings.ToLower(strings.TrimSpace(s))
	if k == "" || k == "shoulders" {
		return ShoulderFromDeg, ShoulderToDeg, true, nil
	}
	bad := &FieldError{Field: "at", Value: fmt.Sprintf("%q", s), Allowed: `for a channel or pavé: "shoulders" or a run of angles from the top such as "20deg..60deg" (−180 to 180)`}
	a, b, ok := strings.Cut(k, "..")
	if !ok {
		return 0, 0, false, bad
	}
	from, err1 := ParseAt(a)
	to, err2 := ParseAt(b)
	if err1 != nil || err2 != nil || from == to {
		return 0, 0, false, bad
	}
	if from > to {
		from, to = to, from
	}
	return from, to, false, nil
}

// channelRun is one run of channel stones: the angles of its stones'
// centres, radians.
type channelRun struct{ at []float64 }

// addChannel builds stone i's channel: stones of s.Gem along the band's
// outer surface from s.AtDeg to s.ToDeg (and mirrored with s.Mirror), each
// with its length along the band and its table facing out along the band's
// normal, ChannelGapMM apart, their culets ChannelCuletGapMM above the band;
// and two rails per run swept along the band's arc, their grooves holding
// the girdles and their lips covering ChannelCoverPct of the stone. Parts:
// "stone-i.k" (gem) and "channel-i" (metal, one closed shell per rail). It
// returns the stones' meshes and names.
func (p Params) addChannel(i int, s Stone, g *gem.Geometry, res *Result, metal geom.Material) ([]*geom.Mesh, []string, error) {
	tol := p.Tolerance
	field := FieldPrefix(i)
	L, W := g.LengthMM, g.WidthMM
	from, to := s.AtDeg*math.Pi/180, s.ToDeg*math.Pi/180
	gap := s.CuletGapMM
	if gap == 0 {
		gap = ChannelCuletGapMM
	}
	// the stone's origin radius at φ: its culet gap above the band
	origin := func(phi float64) (float64, bool) {
		_, out, ok := p.bandSection(phi, 0)
		return out + gap - g.CuletZ, ok
	}
	// every run's stones, evenly spaced, centred in the run
	spans := [][2]float64{{from, to}}
	if s.Mirror {
		spans = append(spans, [2]float64{-to, -from})
	}
	var runs []channelRun
	for _, sp := range spans {
		rMin := math.Inf(1)
		for k := 0; k <= 16; k++ {
			r, ok := origin(sp[0] + (sp[1]-sp[0])*float64(k)/16)
			if !ok {
				return nil, nil, &FieldError{Field: field + "at", Value: s.AtDeg, Allowed: "a run on the band"}
			}
			rMin = math.Min(rMin, r+g.GirdleBottomZ())
		}
		step := 2 * math.Asin(math.Min((L+ChannelGapMM)/(2*rMin), 1))
		half := math.Asin(math.Min(L/(2*rMin), 1))
		fit := int(math.Floor((sp[1]-sp[0]-2*half)/step)) + 1
		n := fit
		if s.Count != 0 {
			if s.Count > fit {
				return nil, nil, &FieldError{Field: field + "count", Value: s.Count, Allowed: fmt.Sprintf("at most %d stones of %.3g mm in %.4g° to %.4g°", max(fit, 0), L, sp[0]*180/math.Pi, sp[1]*180/math.Pi)}
			}
			n = s.Count
		}
		if n < 1 {
			return nil, nil, &FieldError{Field: field + "at", Value: fmt.Sprintf("%.4g..%.4g deg", sp[0]*180/math.Pi, sp[1]*180/math.Pi), Allowed: fmt.Sprintf("a run long enough for one %.3g mm stone", L)}
		}
		if n > MaxChannelStones {
			return nil, nil, &FieldError{Field: field + sizeField(s.Gem), Value: sizeValue(s.Gem), Allowed: fmt.Sprintf("a stone large enough that at most %d fit in the run (%d would)", MaxChannelStones, n)}
		}
		mid := (sp[0] + sp[1]) / 2
		var run channelRun
		for k := 0; k < n; k++ {
			run.at = append(run.at, mid+(float64(k)-float64(n-1)/2)*step)
		}
		runs = append(runs, run)
	}
	if err := tol.CheckBudget("channel stones", int64(len(runs)*len(runs[0].at))*int64(len(g.Mesh.Tris))); err != nil {
		return nil, nil, err
	}
	mat, err := gem.Material(gemName(g.Stone))
	if err != nil {
		return nil, nil, stoneErr(i, err)
	}
	// the rails' profile in the stone's frame (y across, z up): lips over
	// the crown above every stone point outside y0, a groove behind the
	// girdle, a seat under the pavilion
	y0 := W/2 - ChannelCoverPct/200*W
	rNear, _ := origin(from)
	margin := 0.02 + L*L/(8*rNear) // a stone's ends rise this much against the rails' arc
	zLip, zSeat := sideExtent(g.Mesh, y0)
	zLip += margin
	zSeat -= 0.02
	yg := W/2 + 0.05
	lipT := math.Max(0.4, 0.5*(zLip-zSeat))
	wb, _ := p.bottom()
	halfBand := math.Min(p.WidthMM, wb) / 2
	wall := math.Max(ChannelMinWallMM, math.Min(ChannelWallMM, halfBand-yg))
	yo := yg + wall
	if wall < gem.MinWallMM {
		res.Warnings = append(res.Warnings, fmt.Sprintf("channel-%d: rail walls %.2f mm thick outside the girdle on a %.3g mm band, below the %.1f mm that casting holds", i, wall, 2*halfBand, gem.MinWallMM))
	}
	var names []string
	var stones []*geom.Mesh
	rails := geom.NewMesh(0, 0)
	for _, run := range runs {
		for _, phi := range run.at {
			ro, _ := origin(phi)
			place := ringPlace(phi)
			m := g.Mesh.Clone()
			m.Transform(func(v geom.Vec3) geom.Vec3 { return place(geom.Vec3{v[0], v[1], v[2] + ro}) })
			name := fmt.Sprintf("stone-%d.%d", i, len(stones))
			res.Model.Add(name, mat, m)
			stones = append(stones, m)
			names = append(names, name)
		}
		a0, a1 := run.at[0], run.at[len(run.at)-1]
		ext := (L/2 + 0.4) / rNear
		a0, a1 = a0-ext, a1+ext
		rOut := rNear + zLip + lipT
		ns := max(tol.Segments(rOut, a1-a0), 2)
		if err := tol.CheckBudget("channel rails", int64(4*ns*8)); err != nil {
			return nil, nil, err
		}
		for _, side := range []float64{1, -1} {
			frames := make([]geom.Frame, ns+1)
			profs := make([][]geom.Vec2, ns+1)
			for k := 0; k <= ns; k++ {
				phi := a0 + (a1-a0)*float64(k)/float64(ns)
				ro, _ := origin(phi)
				foot := math.Inf(1)
				for j := 0; j <= 8; j++ {
					y := y0 + (yo-y0)*float64(j)/8
					if _, out, ok := p.bandSection(phi, side*y); ok {
						foot = math.Min(foot, out)
					}
				}
				if math.IsInf(foot, 1) {
					return nil, nil, &FieldError{Field: field + sizeField(s.Gem), Value: sizeValue(s.Gem), Allowed: fmt.Sprintf("a stone whose channel rails stand on the %.3g mm band", 2*halfBand)}
				}
				foot -= ChannelSinkMM
				// right rail, counter-clockwise in (y, ρ)
				prof := []geom.Vec2{
					{y0, foot}, {yo, foot}, {yo, ro + zLip + lipT}, {y0, ro + zLip + lipT},
					{y0, ro + zLip}, {yg, ro + zLip}, {yg, ro + zSeat}, {y0, ro + zSeat},
				}
				if side < 0 { // mirrored: negate y and reverse to stay counter-clockwise
					for a, b := 0, len(prof)-1; a < b; a, b = a+1, b-1 {
						prof[a], prof[b] = prof[b], prof[a]
					}
					for j := range prof {
						prof[j][0] = -prof[j][0]
					}
				}
				sn, cs := math.Sincos(phi)
				frames[k] = geom.Frame{X: geom.Vec3{0, 1, 0}, Y: geom.Vec3{sn, 0, cs}}
				profs[k] = prof
			}
			m, err := geom.Sweep(frames, profs, tol)
			if err != nil {
				return nil, nil, stoneErr(i, err)
			}
			rails.Append(m)
		}
	}
	res.Model.Add(fmt.Sprintf("channel-%d", i), metal, rails)
	p.addRowFacts(g, Channel, stones, names, res)
	return stones, names, nil
}

// addRowFacts adds the facts of a row of set stones (a channel's, pavé's)
// of geometry g to the result and warns where metal cuts into them; pavé's
// stones sit in seats, so their pavilions in the band are not warned of.
func (p Params) addRowFacts(g *gem.Geometry, setting Setting, stones []*geom.Mesh, names []string, res *Result) {
	rIn := p.Size.DiameterMM / 2
	for k, m := range stones {
		f := StoneFacts{Part: names[k], Cut: g.Stone.Cut, Gem: gemName(g.Stone), Setting: setting,
			LengthMM: g.LengthMM, WidthMM: g.WidthMM, Carat: g.Carat(), Facets: gem.FacetCount(g.Mesh, 0.01)}
		if g.Stone.Cut == gem.Round {
			f.DiameterMM = g.WidthMM
		}
		f.CuletRadiusMM = math.Inf(1)
		for _, v := range m.Verts {
			f.CuletRadiusMM = math.Min(f.CuletRadiusMM, math.Hypot(v[0], v[2]))
		}
		f.CuletClearanceMM = f.CuletRadiusMM - rIn
		res.Stones = append(res.Stones, f)
		p.warnPierced(names[k], g, m, res, setting == Pave)
	}
}

// sideExtent returns the highest and lowest height (mm, stone frame) of the
// stone's surface where |y| ≥ y0: over its vertices there and where its
// edges cross |y| = y0.
func sideExtent(m *geom.Mesh, y0 float64) (hi, lo float64) {
	hi, lo = math.Inf(-1), math.Inf(1)
	see := func(v geom.Vec3) {
		hi, lo = math.Max(hi, v[2]), math.Min(lo, v[2])
	}
	for _, v := range m.Verts {
		if math.Abs(v[1]) >= y0 {
			see(v)
		}
	}
	for _, t := range m.Tris {
		for e := 0; e < 3; e++ {
			a, b := m.Verts[t[e]], m.Verts[t[(e+1)%3]]
			for _, y := range []float64{y0, -y0} {
				if (a[1]-y)*(b[1]-y) < 0 {
					f := (y - a[1]) / (b[1] - a[1])
					see(a.Add(b.Sub(a).Mul(f)))
				}
			}
		}
	}
	return hi, lo
}
