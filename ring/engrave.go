package ring

import (
	"fmt"
	"math"
	"sort"
	"unicode"

	"github.com/mandrel3d/mandrel/engrave"
	"github.com/mandrel3d/mandrel/geom"
)

// Band surfaces that carry engravings.
const (
	// SurfaceInner is the finger side of the band. Text there reads
	// correctly to someone looking into the ring.
	SurfaceInner = "inner"
	// SurfaceOuter is the outside of the band, read from outside.
	SurfaceOuter = "outer"
)

// Engraving limits and casting figures (REFERENCE.md §5), in mm.
const (
	// DefaultEngraveDepthMM is the depth used when DepthMM is 0: what cast
	// lettering holds.
	DefaultEngraveDepthMM = 0.5
	// MaxEngraveDepthMM bounds DepthMM (a relief or cut deeper than this is
	// not an engraving).
	MaxEngraveDepthMM = 3.0
	// MinMetalUnderEngravingMM is the metal an engraving must leave between
	// its floor and the band's other surface.
	MinMetalUnderEngravingMM = 0.5
	// CastLetteringDepthMM is the depth cast lettering needs; shallower
	// engravings get a warning.
	CastLetteringDepthMM = 0.5
	// CastLetteringHeightMM is the cap height cast lettering needs; smaller
	// text gets a warning.
	CastLetteringHeightMM = 1.75
	// MaxAtMM bounds |AtMM|.
	MaxAtMM = 200.0
)

// Engraving is text or a traced bitmap cut into (or raised from) one of the
// band's surfaces. Exactly one of Text and Image is set.
//
// Placement: the surface is unrolled into (u, v) in millimetres of arc
// length, u around the finger (the reading direction), v across the band
// toward the finger tip (+Y, the text's up). u = 0 is the top of the ring
// (+Z); the region's origin (engrave's x = 0, y = 0: the text's alignment
// point and the middle of its capitals, an image's centre) is put at
// u = AtMM on the middle line of the surface (v = 0). On the inner surface u
// runs against the outer's, so both read correctly from their side.
type Engraving struct {
	// Surface is SurfaceInner (the default when "") or SurfaceOuter.
	Surface string
	// Text is the text to engrave (engrave.Text: font, cap height, align).
	Text *engrave.Text
	// Image is a bitmap to trace (engrave.Image: data, width, threshold).
	Image *engrave.Image
	// DepthMM is the depth of the cut, or with Emboss the height of the
	// relief, in mm along the surface normal (0 means DefaultEngraveDepthMM;
	// up to MaxEngraveDepthMM, and the band must keep
	// MinMetalUnderEngravingMM under the floor).
	DepthMM float64
	// Emboss raises the lettering instead of cutting it.
	Emboss bool
	// AtMM moves the engraving along the surface's reading direction, in mm
	// from the top of the ring (−MaxAtMM to MaxAtMM).
	AtMM float64
}

// EngravingFacts are an engraving's figures, measured on the cut band.
type EngravingFacts struct {
	Surface string
	// AreaMM2 is the engraved area on the surface, mm².
	AreaMM2 float64
	// DepthMM is the depth of the cut (or height of the relief), mm.
	DepthMM float64
	// Emboss is set for a raised engraving.
	Emboss bool
	// VolumeMM3 is the metal removed (or added), mm³.
	VolumeMM3 float64
	// SmallestFeatureMM is the width of the thinnest stroke, mm
	// (engrave.Measure).
	SmallestFeatureMM float64
	// LengthMM and HeightMM are the region's extent along and across the
	// surface, mm.
	LengthMM, HeightMM float64
}

// EngravingPrefix returns the field prefix of engraving i in errors:
// "engravings[i].".
func EngravingPrefix(i int) string { return fmt.Sprintf("engravings[%d].", i) }

func (e Engraving) surface() string {
	if e.Surface == "" {
		return SurfaceInner
	}
	return e.Surface
}

func (e Engraving) depth() float64 {
	if e.DepthMM == 0 {
		return DefaultEngraveDepthMM
	}
	return e.DepthMM
}

// validateEngravings returns an error for each invalid engraving.
func (p Params) validateEngravings() []error {
	var errs []error
	for i, e := range p.Engravings {
		pre := EngravingPrefix(i)
		add := func(field string, v any, allowed string) {
			errs = append(errs, &FieldError{Field: pre + field, Value: v, Allowed: allowed})
		}
		switch {
		case e.Text == nil && e.Image == nil:
			add("text", `""`, "a text or an image (one of the two)")
		case e.Text != nil && e.Image != nil:
			add("image", "given with text", "a text or an image, not both")
		case e.Text != nil:
			if err := e.Text.Validate(); err != nil {
				errs = append(errs, fmt.Errorf("%w: %s: %w", ErrParams, pre[:len(pre)-1], err))
			}
		default:
			if err := e.Image.Validate(); err != nil {
				errs = append(errs, fmt.Errorf("%w: %s: %w", ErrParams, pre[:len(pre)-1], err))
			}
		}
		if s := e.surface(); s != SurfaceInner && s != SurfaceOuter {
			add("surface", fmt.Sprintf("%q", e.Surface), `"inner" or "outer" on a ring`)
		}
		if d := e.DepthMM; d != 0 && !(d >= geom.MinCutDepthMM && d <= MaxEngraveDepthMM) {
			add("depth_mm", d, fmt.Sprintf("%g to %g mm (0 = %g)", geom.MinCutDepthMM, MaxEngraveDepthMM, DefaultEngraveDepthMM))
		}
		if a := e.AtMM; !(a >= -MaxAtMM && a <= MaxAtMM) {
			add("at_mm", a, fmt.Sprintf("%g to %g mm", -MaxAtMM, MaxAtMM))
		}
	}
	return errs
}

// placed is an engraving's region on its surface with its measured facts.
type placed struct {
	index  int
	region geom.Region
	facts  engrave.Facts // set once measured
	chars  int           // visible characters of a text
	adv    float64       // a text's advance, mm
	height float64       // a text's cap height, mm
}

// engraveBand cuts the engravings into the band, adding their facts and
// warnings to the result.
func (p Params) engraveBand(band *geom.Mesh, res *Result) (*geom.Mesh, error) {
	if len(p.Engravings) == 0 {
		return band, nil
	}
	p = p.withDefaults()
	g, err := p.bandGrid()
	if err != nil {
		return nil, err
	}
	all := make([]placed, len(p.Engravings))
	for i, e := range p.Engravings {
		pl, err := e.region(i)
		if err != nil {
			return nil, err
		}
		all[i] = pl
	}
	// Measuring (the smallest feature's raster) runs beside the cutting.
	measured := make(chan struct{})
	efacts := make([]engrave.Facts, len(all))
	regions := make([]geom.Region, len(all))
	for i := range all {
		regions[i] = all[i].region
	}
	go func() {
		for i, r := range regions {
			efacts[i] = engrave.Measure(r)
		}
		close(measured)
	}()
	defer func() { <-measured }()
	res.Engravings = make([]EngravingFacts, len(p.Engravings))
	for _, surf := range []string{SurfaceInner, SurfaceOuter} {
		var mine []placed
		for _, pl := range all {
			if p.Engravings[pl.index].surface() == surf {
				mine = append(mine, pl)
			}
		}
		if len(mine) == 0 {
			continue
		}
		bs := g.surface(surf)
		cuts := make([]geom.Cut, len(mine))
		for k, pl := range mine {
			e := p.Engravings[pl.index]
			if err := bs.fits(pl, e, p.Engravings[pl.index].surface()); err != nil {
				return nil, err
			}
			if !e.Emboss {
				if err := g.checkPierce(bs, pl, e); err != nil {
					return nil, err
				}
			}
			cuts[k] = geom.Cut{Region: pl.region, DepthMM: e.depth(), Emboss: e.Emboss}
		}
		out, facts, err := geom.CutPatch(band, bs.patch, cuts, p.Tolerance)
		if err != nil {
			var which []string
			for _, pl := range mine {
				which = append(which, fmt.Sprintf("engravings[%d]", pl.index))
			}
			return nil, fmt.Errorf("%w: %v on the %s surface: %w", ErrParams, which, surf, err)
		}
		band = out
		<-measured
		for k, pl := range mine {
			pl.facts = efacts[pl.index]
			e := p.Engravings[pl.index]
			sz := pl.facts.Bounds.Size()
			res.Engravings[pl.index] = EngravingFacts{
				Surface: surf, AreaMM2: facts[k].AreaMM2, DepthMM: e.depth(), Emboss: e.Emboss,
				VolumeMM3: facts[k].VolumeMM3, SmallestFeatureMM: pl.facts.SmallestFeatureMM,
				LengthMM: sz[0], HeightMM: sz[1],
			}
		}
	}
	for i, f := range res.Engravings {
		e := p.Engravings[i]
		name := fmt.Sprintf("engraving-%d", i)
		if f.SmallestFeatureMM > 0 && f.SmallestFeatureMM < engrave.MinFeatureWarnMM {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: lines %.2f mm wide, thinner than the %.1f mm engraving holds", name, f.SmallestFeatureMM, engrave.MinFeatureWarnMM))
		}
		if !e.Emboss && e.Text != nil && f.DepthMM < CastLetteringDepthMM {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: lettering %.2f mm deep, shallower than the %.1f mm casting holds", name, f.DepthMM, CastLetteringDepthMM))
		}
		if !e.Emboss && e.Image != nil && f.DepthMM < engrave.MinFeatureWarnMM {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: %.2f mm deep, shallower than the %.1f mm engraving holds", name, f.DepthMM, engrave.MinFeatureWarnMM))
		}
		if e.Text != nil && e.Text.CapHeightMM < CastLetteringHeightMM {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: lettering %.2f mm tall, smaller than the %.2f mm casting holds", name, e.Text.CapHeightMM, CastLetteringHeightMM))
		}
	}
	return band, nil
}

// region lays out or traces the engraving and measures it.
func (e Engraving) region(i int) (placed, error) {
	pl := placed{index: i}
	pre := EngravingPrefix(i)
	switch {
	case e.Text != nil:
		lay, err := e.Text.Layout()
		if err != nil {
			return pl, fmt.Errorf("%w: %s: %w", ErrParams, pre[:len(pre)-1], err)
		}
		pl.region, pl.adv, pl.height = lay.Region, lay.AdvanceMM, lay.CapHeightMM
		for _, r := range e.Text.Text {
			if !unicode.IsSpace(r) {
				pl.chars++
			}
		}
	case e.Image != nil:
		r, err := e.Image.Region()
		if err != nil {
			return pl, fmt.Errorf("%w: %s: %w", ErrParams, pre[:len(pre)-1], err)
		}
		pl.region = r
	default:
		return pl, &FieldError{Field: pre + "text", Value: `""`, Allowed: "a text or an image"}
	}
	if len(pl.region.Contours) == 0 {
		return pl, &FieldError{Field: pre + fieldOf(e), Value: "nothing to cut", Allowed: "text or an image with some area"}
	}
	// Onto the surface: x along the reading direction from AtMM.
	rg := geom.Region{Fill: pl.region.Fill, Contours: make([]geom.Contour, len(pl.region.Contours))}
	for k, c := range pl.region.Contours {
		d := make(geom.Contour, len(c))
		for j, q := range c {
			d[j] = geom.Vec2{q[0] + e.AtMM, q[1]}
		}
		rg.Contours[k] = d
	}
	pl.region = rg
	return pl, nil
}

func fieldOf(e Engraving) string {
	if e.Image != nil {
		return "image"
	}
	return "text"
}

// bandSurface is one of the band's surfaces as a patch.
type bandSurface struct {
	patch geom.Patch
	// lengthMM is the surface's length around the finger at v = 0, mm.
	lengthMM float64
	// vLo and vHi bound v over every station, mm (the narrowest station).
	vLo, vHi float64
	// du is the spacing of stations along u, mm.
	du   float64
	name string
	run  [2]int // profile indices of the surface's first and last points
}

// surfaceRun returns the profile indices of the surface's points.
func (g *bandSweep) surfaceRun(surf string) [2]int {
	if surf == SurfaceInner {
		return [2]int{0, g.counts[0]}
	}
	a := g.counts[0] + g.counts[1]
	b := 0
	for _, c := range g.counts[:len(g.counts)-1] {
		b += c
	}
	return [2]int{a, b}
}

// surface returns the band's surface as a geom.Patch: u = su·φ·R (su = +1
// outside, −1 inside, R the radius of the surface's middle line at the
// top), v the arc length along the profile from the middle of the surface,
// toward +Y. Between stations the profile is blended linearly and placed on
// the circle, between profile points it is linear with normals blended from
// the points' (the average of their segments' normals on the surface).
func (g *bandSweep) surface(surf string) *bandSurface {
	run := g.surfaceRun(surf)
	n := len(g.frames)
	K := len(g.profiles[0])
	nv := run[1] - run[0] + 1
	su := 1.0
	if surf == SurfaceInner {
		su = -1
	}
	// per station: v, axial, radius and 2D normal of each point of the run
	type station struct{ v, ax, rad, na, nr []float64 }
	st := make([]station, n)
	vLo, vHi := math.Inf(-1), math.Inf(1)
	for i := range st {
		prof := g.profiles[i]
		s := station{v: make([]float64, nv), ax: make([]float64, nv), rad: make([]float64, nv), na: make([]float64, nv), nr: make([]float64, nv)}
		var total float64
		for j := 0; j < nv; j++ {
			q := prof[run[0]+j]
			s.ax[j], s.rad[j] = q[0], q[1]
			if j > 0 {
				total += q.Sub(prof[run[0]+j-1]).Len()
			}
			s.v[j] = total
		}
		for j := 0; j < nv; j++ {
			// v from the middle, increasing toward +axial
			s.v[j] -= total / 2
			if prof[run[1]][0] < prof[run[0]][0] {
				s.v[j] = -s.v[j]
			}
			var na, nr float64
			for _, k := range []int{j - 1, j} {
				if k < 0 || k+1 >= nv {
					continue
				}
				d := prof[run[0]+k+1].Sub(prof[run[0]+k])
				l := d.Len()
				na += d[1] / l
				nr -= d[0] / l
			}
			l := math.Hypot(na, nr)
			s.na[j], s.nr[j] = na/l, nr/l
		}
		vLo = math.Max(vLo, math.Min(s.v[0], s.v[nv-1]))
		vHi = math.Min(vHi, math.Max(s.v[0], s.v[nv-1]))
		st[i] = s
	}
	// at station s, v → segment index and fraction
	locate := func(s *station, v float64) (int, float64) {
		asc := s.v[nv-1] > s.v[0]
		k := sort.Search(nv, func(j int) bool {
			if asc {
				return s.v[j] > v
			}
			return s.v[j] < v
		}) - 1
		k = min(max(k, 0), nv-2)
		return k, (v - s.v[k]) / (s.v[k+1] - s.v[k])
	}
	// R: radius at v = 0 of the top station
	k0, f0 := locate(&st[0], 0)
	R := st[0].rad[k0] + (st[0].rad[k0+1]-st[0].rad[k0])*f0
	dphi := 2 * math.Pi / float64(n)
	bs := &bandSurface{lengthMM: 2 * math.Pi * R, vLo: vLo, vHi: vHi, du: dphi * R, name: surf, run: run}
	bs.patch = geom.Patch{
		NU: n, NV: nv, ClosedU: true, PeriodU: su * 2 * math.Pi * R,
		Vert: func(i, j int) uint32 { return uint32(i*K + run[0] + j) },
		UV: func(i, j int) geom.Vec2 {
			return geom.Vec2{su * float64(i) * dphi * R, st[i].v[j]}
		},
		Eval: func(uv geom.Vec2) (geom.Vec3, geom.Vec3) {
			phi := uv[0] / (su * R)
			fi := phi / dphi
			i0 := math.Floor(fi)
			f := fi - i0
			a := int(i0) % n
			if a < 0 {
				a += n
			}
			b := (a + 1) % n
			// each station's point and normal, then linearly between them:
			// the chord, as the band's facets
			var pt, nm geom.Vec3
			for _, q := range [2]struct {
				s int
				w float64
			}{{a, 1 - f}, {b, f}} {
				s := &st[q.s]
				k, t := locate(s, uv[1])
				ax := s.ax[k] + (s.ax[k+1]-s.ax[k])*t
				rad := s.rad[k] + (s.rad[k+1]-s.rad[k])*t
				na := s.na[k] + (s.na[k+1]-s.na[k])*t
				nr := s.nr[k] + (s.nr[k+1]-s.nr[k])*t
				sn, cs := math.Sincos(float64(q.s) * dphi)
				pt = pt.Add(geom.Vec3{rad * sn, ax, rad * cs}.Mul(q.w))
				nm = nm.Add(geom.Vec3{nr * sn, na, nr * cs}.Mul(q.w))
			}
			return pt, nm.Normalize()
		},
	}
	return bs
}

// fits returns an error when the region does not fit on the surface.
func (bs *bandSurface) fits(pl placed, e Engraving, surf string) error {
	pre := EngravingPrefix(pl.index)
	b := pl.region.Bounds()
	length := b.Max[0] - b.Min[0]
	room := bs.lengthMM - 4*bs.du
	if length > room {
		if e.Text != nil {
			fit := 0
			if pl.chars > 0 {
				fit = int(room / (pl.adv / float64(pl.chars)))
			}
			return &FieldError{Field: pre + "text", Value: fmt.Sprintf("%q (%.1f mm long)", e.Text.Text, length),
				Allowed: fmt.Sprintf("at most %.1f mm around the %s surface: about %d characters at %g mm cap height", room, surf, fit, e.Text.CapHeightMM)}
		}
		return &FieldError{Field: pre + "width_mm", Value: e.Image.WidthMM,
			Allowed: fmt.Sprintf("at most %.1f mm around the %s surface", room, surf)}
	}
	// clear of the band's edges by a tenth of a millimetre
	const edge = 0.1
	if b.Min[1] < bs.vLo+edge || b.Max[1] > bs.vHi-edge {
		tall := b.Max[1] - b.Min[1]
		room := bs.vHi - bs.vLo - 2*edge
		if e.Text != nil {
			return &FieldError{Field: pre + "height_mm", Value: e.Text.CapHeightMM,
				Allowed: fmt.Sprintf("text up to %.2f mm tall with its accents and descenders on the %s surface, %.2f mm wide (this text is %.2f mm tall)", room, surf, bs.vHi-bs.vLo, tall)}
		}
		return &FieldError{Field: pre + "width_mm", Value: e.Image.WidthMM,
			Allowed: fmt.Sprintf("an image up to %.2f mm tall on the %s surface (this one is %.2f mm tall)", room, surf, tall)}
	}
	return nil
}

// checkPierce returns an error when the cut would leave less than
// MinMetalUnderEngravingMM of metal under its floor: the band's thickness is
// measured radially at every station and profile point the region covers.
func (g *bandSweep) checkPierce(bs *bandSurface, pl placed, e Engraving) error {
	other := SurfaceOuter
	if bs.name == SurfaceOuter {
		other = SurfaceInner
	}
	orun := g.surfaceRun(other)
	b := pl.region.Bounds()
	n := len(g.frames)
	worst := math.Inf(1)
	for i := 0; i < n; i++ {
		uv := bs.patch.UV(i, 0)
		u := uv[0]
		// nearest copy of the station's u to the region
		per := bs.patch.PeriodU
		for u < b.Min[0]-bs.du {
			u += math.Abs(per)
		}
		for u > b.Max[0]+bs.du {
			u -= math.Abs(per)
		}
		if u < b.Min[0]-bs.du || u > b.Max[0]+bs.du {
			continue
		}
		prof := g.profiles[i]
		for j := 0; j < bs.patch.NV; j++ {
			q := bs.patch.UV(i, j)
			if q[1] < b.Min[1]-0.5 || q[1] > b.Max[1]+0.5 {
				continue
			}
			a := prof[bs.run[0]+j]
			// the other surface's radius at the same axial position
			for k := orun[0]; k < orun[1]; k++ {
				p0, p1 := prof[k], prof[k+1]
				lo, hi := math.Min(p0[0], p1[0]), math.Max(p0[0], p1[0])
				if a[0] < lo || a[0] > hi || hi == lo {
					continue
				}
				r := p0[1] + (p1[1]-p0[1])*(a[0]-p0[0])/(p1[0]-p0[0])
				worst = math.Min(worst, math.Abs(r-a[1]))
			}
		}
	}
	if math.IsInf(worst, 1) {
		return nil
	}
	if d := e.depth(); worst-d < MinMetalUnderEngravingMM {
		return &FieldError{Field: EngravingPrefix(pl.index) + "depth_mm", Value: d,
			Allowed: fmt.Sprintf("at most %.2f mm here: the band is %.2f mm thick under the engraving and must keep %.1f mm of metal", math.Max(worst-MinMetalUnderEngravingMM, 0), worst, MinMetalUnderEngravingMM)}
	}
	return nil
}
