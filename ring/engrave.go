package ring

import (
	"errors"
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
	surfs := map[string]*bandSurface{SurfaceInner: g.surface(SurfaceInner), SurfaceOuter: g.surface(SurfaceOuter)}
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
		bs := surfs[surf]
		cuts := make([]geom.Cut, len(mine))
		for k, pl := range mine {
			e := p.Engravings[pl.index]
			pl.region = bs.wrap(pl.region)
			if err := bs.fits(pl, e, p.Engravings[pl.index].surface()); err != nil {
				return nil, err
			}
			if !e.Emboss {
				if err := g.checkPierce(bs, pl, e, facing(p.Engravings, all, pl.index, surfs)); err != nil {
					return nil, err
				}
			}
			if err := g.checkFold(bs, pl, e); err != nil {
				return nil, err
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
			return pl, fmt.Errorf("%w: %s: %w", ErrParams, layoutField(pre, err), err)
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
			return pl, fmt.Errorf("%w: %simage: %w", ErrParams, pre, err)
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

// layoutField names the field a text's layout error is about: the text
// when its characters have no glyphs, else the engraving (a font file that
// does not parse).
func layoutField(pre string, err error) string {
	var mg *engrave.MissingGlyphsError
	if errors.As(err, &mg) {
		return pre + "text"
	}
	return pre[:len(pre)-1]
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

// wrap returns the region moved by whole turns of the surface so that it
// lies where the patch's grid reaches (u from −1 to 2 turns outside, −2 to 1
// inside, with two stations to spare): an AtMM longer than the band's
// circumference goes on around it. A region already there is returned as
// it is.
func (bs *bandSurface) wrap(r geom.Region) geom.Region {
	per := math.Abs(bs.patch.PeriodU)
	lo, hi := -per, 2*per
	if bs.patch.PeriodU < 0 {
		lo, hi = -2*per, per
	}
	b := r.Bounds()
	if per == 0 || len(r.Contours) == 0 || b.Min[0] > lo+2*bs.du && b.Max[0] < hi-2*bs.du {
		return r
	}
	shift := -per * math.Round((b.Min[0]+b.Max[0])/2/per)
	out := geom.Region{Fill: r.Fill, Contours: make([]geom.Contour, len(r.Contours))}
	for k, c := range r.Contours {
		d := make(geom.Contour, len(c))
		for j, q := range c {
			d[j] = geom.Vec2{q[0] + shift, q[1]}
		}
		out.Contours[k] = d
	}
	return out
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
		// The region scales about v = 0 with its size: the largest size
		// that keeps both its top and its bottom clear of the edges.
		k := math.Inf(1)
		if b.Max[1] > 0 {
			k = math.Min(k, (bs.vHi-edge)/b.Max[1])
		}
		if b.Min[1] < 0 {
			k = math.Min(k, (bs.vLo+edge)/b.Min[1])
		}
		k = math.Max(k, 0)
		if e.Text != nil {
			return &FieldError{Field: pre + "height_mm", Value: e.Text.CapHeightMM,
				Allowed: fmt.Sprintf("at most %.2f mm for this text on the %s surface: with its accents and descenders it is %.2f mm tall, and the surface is %.2f mm wide with %.1f mm kept clear of each edge",
					floor2(e.Text.CapHeightMM*k), surf, tall, bs.vHi-bs.vLo, edge)}
		}
		return &FieldError{Field: pre + "width_mm", Value: e.Image.WidthMM,
			Allowed: fmt.Sprintf("at most %.2f mm for this image on the %s surface: at this width it is %.2f mm tall, and the surface is %.2f mm wide with %.1f mm kept clear of each edge",
				floor2(e.Image.WidthMM*k), surf, tall, bs.vHi-bs.vLo, edge)}
	}
	return nil
}

// floor2 rounds x down to a hundredth, so that a size quoted as allowed is.
func floor2(x float64) float64 { return math.Floor(x*100+1e-6) / 100 }

// checkPierce returns an error when the cut would leave less than
// MinMetalUnderEngravingMM of metal under its floor. The band's thickness is
// measured radially under every profile point of the surface the region
// covers, at the region's top and bottom and under the other surface's
// corners, at every station it covers (the thickness is linear between
// them). The floor lies along the surface's normal, not radially: on a
// slanted surface (a knife edge's flanks) it also runs sideways, so it must
// besides keep the metal from the band's sides (the profile is convex: its
// distance to each side's line) and stay inside the surface itself.
func (g *bandSweep) checkPierce(bs *bandSurface, pl placed, e Engraving, across facingCut) error {
	other := SurfaceOuter
	if bs.name == SurfaceOuter {
		other = SurfaceInner
	}
	orun := g.surfaceRun(other)
	b := pl.region.Bounds()
	n := len(g.frames)
	nv := bs.patch.NV
	d := e.depth()
	worst := math.Inf(1)
	// along is the deepest cut whose floor keeps clear of the faces, and
	// face the face that bounds it
	along, face := math.Inf(1), ""
	nrm := make([]geom.Vec2, nv)
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
		run := prof[bs.run[0] : bs.run[0]+nv]
		surfaceNormals(run, nrm)
		K := len(prof)
		// the other surface's radius at the same axial position, and the
		// floor's room along the normal
		thick := func(a, nm geom.Vec2) {
			for k := orun[0]; k < orun[1]; k++ {
				p0, p1 := prof[k], prof[k+1]
				lo, hi := math.Min(p0[0], p1[0]), math.Max(p0[0], p1[0])
				if a[0] < lo || a[0] > hi || hi == lo {
					continue
				}
				r := p0[1] + (p1[1]-p0[1])*(a[0]-p0[0])/(p1[0]-p0[0])
				worst = math.Min(worst, math.Abs(r-a[1]))
			}
			for k := 0; k < K; k++ {
				p0, p1 := prof[k], prof[(k+1)%K]
				dd := p1.Sub(p0)
				l := dd.Len()
				if l == 0 {
					continue
				}
				in := geom.Vec2{-dd[1] / l, dd[0] / l} // into the metal
				closing := nm[0]*in[0] + nm[1]*in[1]   // per mm of depth
				if closing <= 1e-9 {
					continue
				}
				if k >= orun[0] && k < orun[1] {
					continue // measured radially above
				}
				keep, what := MinMetalUnderEngravingMM, "the band's side"
				if k >= bs.run[0] && k < bs.run[1] {
					keep, what = 0.1, "the "+bs.name+" surface beside it"
				}
				gap := a.Sub(p0)
				if room := (gap[0]*in[0] + gap[1]*in[1] - keep) / closing; room < along {
					along, face = room, fmt.Sprintf("%s (%.1f mm)", what, keep)
				}
			}
		}
		for j := 0; j < nv; j++ {
			q := bs.patch.UV(i, j)
			if q[1] < b.Min[1]-0.5 || q[1] > b.Max[1]+0.5 {
				continue
			}
			thick(run[j], nrm[j])
		}
		at := func(j int, t float64) {
			a := run[j].Add(run[j+1].Sub(run[j]).Mul(t))
			nm := nrm[j].Add(nrm[j+1].Sub(nrm[j]).Mul(t))
			thick(a, nm.Mul(1/nm.Len()))
		}
		for j := 0; j+1 < nv; j++ {
			v0, v1 := bs.patch.UV(i, j)[1], bs.patch.UV(i, j+1)[1]
			if v0 == v1 {
				continue
			}
			vlo, vhi := math.Min(v0, v1), math.Max(v0, v1)
			if vhi < b.Min[1] || vlo > b.Max[1] {
				continue
			}
			for _, v := range [2]float64{b.Min[1], b.Max[1]} {
				if v >= vlo && v <= vhi {
					at(j, (v-v0)/(v1-v0))
				}
			}
			// the part of this segment under the region, and the other
			// surface's corners above it
			a0, a1 := run[j], run[j+1]
			if a1[0] == a0[0] {
				continue
			}
			t0 := math.Max(0, math.Min(1, (b.Min[1]-v0)/(v1-v0)))
			t1 := math.Max(0, math.Min(1, (b.Max[1]-v0)/(v1-v0)))
			alo := math.Min(a0[0]+(a1[0]-a0[0])*t0, a0[0]+(a1[0]-a0[0])*t1)
			ahi := math.Max(a0[0]+(a1[0]-a0[0])*t0, a0[0]+(a1[0]-a0[0])*t1)
			for k := orun[0]; k <= orun[1]; k++ {
				if x := prof[k][0]; x > alo && x < ahi {
					at(j, (x-a0[0])/(a1[0]-a0[0]))
				}
			}
		}
	}
	if math.IsInf(worst, 1) && math.IsInf(along, 1) {
		return nil
	}
	if worst-d-across.depth < MinMetalUnderEngravingMM-1e-9 {
		also := ""
		if across.depth > 0 {
			worst -= across.depth
			also = fmt.Sprintf(" once engravings[%d] has cut %g mm from the other side", across.index, across.depth)
		}
		if most := floor2(worst - MinMetalUnderEngravingMM); most < geom.MinCutDepthMM {
			return &FieldError{Field: EngravingPrefix(pl.index) + "depth_mm", Value: d,
				Allowed: fmt.Sprintf("none here: the band is only %.2f mm thick under the engraving%s and must keep %.1f mm of metal (raise it with \"mode\": \"emboss\", move it with at_mm, or thicken the band)", worst, also, MinMetalUnderEngravingMM)}
		}
		return &FieldError{Field: EngravingPrefix(pl.index) + "depth_mm", Value: d,
			Allowed: fmt.Sprintf("%g to %.2f mm here: the band is %.2f mm thick under the engraving%s and must keep %.1f mm of metal", geom.MinCutDepthMM, floor2(worst-MinMetalUnderEngravingMM), worst, also, MinMetalUnderEngravingMM)}
	}
	if d > along+1e-9 {
		if most := floor2(along); most < geom.MinCutDepthMM {
			return &FieldError{Field: EngravingPrefix(pl.index) + "depth_mm", Value: d,
				Allowed: fmt.Sprintf("none here: cut along the surface's slant, the floor would come closer to %s (raise it with \"mode\": \"emboss\" or move it)", face)}
		}
		return &FieldError{Field: EngravingPrefix(pl.index) + "depth_mm", Value: d,
			Allowed: fmt.Sprintf("%g to %.2f mm here: cut along the surface's slant, a deeper floor would come closer to %s", geom.MinCutDepthMM, floor2(along), face)}
	}
	return nil
}

// facingCut is the deepest cut on the band's other surface facing an
// engraving: its index and depth (0 when there is none).
type facingCut struct {
	index int
	depth float64
}

// facing returns the deepest cut on the other surface than engraving k's
// whose region faces k's across the band, within MinMetalUnderEngravingMM:
// their angles round the finger and their spans across the band (v, the
// arc length from the middle, which bounds the axial span) overlap. The
// metal under both must be counted once.
func facing(es []Engraving, all []placed, k int, surfs map[string]*bandSurface) facingCut {
	span := func(i int) (phi, half float64, v [2]float64) {
		bs := surfs[es[i].surface()]
		b := all[i].region.Bounds()
		r := bs.lengthMM / (2 * math.Pi)
		a, c := b.Min[0]/(r*math.Copysign(1, bs.patch.PeriodU)), b.Max[0]/(r*math.Copysign(1, bs.patch.PeriodU))
		return (a + c) / 2, math.Abs(c-a)/2 + MinMetalUnderEngravingMM/r, [2]float64{b.Min[1], b.Max[1]}
	}
	var out facingCut
	p0, h0, v0 := span(k)
	for i, e := range es {
		if e.Emboss || e.surface() == es[k].surface() {
			continue
		}
		p1, h1, v1 := span(i)
		dphi := math.Abs(math.Remainder(p1-p0, 2*math.Pi))
		if dphi > h0+h1 || v1[0] > v0[1]+MinMetalUnderEngravingMM || v0[0] > v1[1]+MinMetalUnderEngravingMM {
			continue
		}
		if d := e.depth(); d > out.depth {
			out = facingCut{index: i, depth: d}
		}
	}
	return out
}

// surfaceNormals sets nrm to the normals of the surface's points in
// (axial, radial) as bandSweep.surface makes them: the mean of the two
// neighbouring segments' outward normals.
func surfaceNormals(run []geom.Vec2, nrm []geom.Vec2) {
	nv := len(run)
	for j := range nrm {
		var na, nr float64
		for _, k := range []int{j - 1, j} {
			if k < 0 || k+1 >= nv {
				continue
			}
			d := run[k+1].Sub(run[k])
			l := d.Len()
			na += d[1] / l
			nr -= d[0] / l
		}
		l := math.Hypot(na, nr)
		nrm[j] = geom.Vec2{na / l, nr / l}
	}
}

// minFloorRatio is the least length of the floor's profile, as a fraction
// of the surface's above it, that an engraving may have: the walls of a
// floor squeezed much narrower than its outline twist, and their two
// triangles a piece cross their neighbours'.
const minFloorRatio = 0.5

// checkFold returns an error when the engraving is deeper than the band's
// surface is curved across it. The floor of a cut (or the top of a relief)
// is the surface moved by the depth along the normals the patch blends
// between profile points; where the surface curves tightly (a narrow
// d-shape's crown, the ends of a comfort band's domes) or has a crease (a
// knife edge's ridge, a bevel's corners, whose normals the flat between
// them blends), a deep floor is squeezed narrower than its outline, and
// deeper still folds over itself. The profile is sampled eight times a
// segment under the region at every station it covers; the floor's profile
// must keep minFloorRatio of the surface's length, piece by piece, and
// turn the same way.
func (g *bandSweep) checkFold(bs *bandSurface, pl placed, e Engraving) error {
	b := pl.region.Bounds()
	n := len(g.frames)
	nv := bs.patch.NV
	sign := 1.0
	if e.Emboss {
		sign = -1
	}
	// the samples (point, normal) of each station the region covers
	var rows [][][2]geom.Vec2
	nrm := make([]geom.Vec2, nv)
	const sub = 8
	for i := 0; i < n; i++ {
		u := bs.patch.UV(i, 0)[0]
		per := math.Abs(bs.patch.PeriodU)
		for u < b.Min[0]-bs.du {
			u += per
		}
		for u > b.Max[0]+bs.du {
			u -= per
		}
		if u < b.Min[0]-bs.du || u > b.Max[0]+bs.du {
			continue
		}
		prof := g.profiles[i][bs.run[0] : bs.run[0]+nv]
		surfaceNormals(prof, nrm)
		var row [][2]geom.Vec2
		for j := 0; j+1 < nv; j++ {
			v0, v1 := bs.patch.UV(i, j)[1], bs.patch.UV(i, j+1)[1]
			if math.Max(v0, v1) < b.Min[1] || math.Min(v0, v1) > b.Max[1] {
				continue
			}
			for k := 0; k <= sub; k++ {
				if k == 0 && len(row) > 0 {
					continue // the point ending the previous segment
				}
				t := float64(k) / sub
				q := prof[j].Add(prof[j+1].Sub(prof[j]).Mul(t))
				m := nrm[j].Add(nrm[j+1].Sub(nrm[j]).Mul(t))
				row = append(row, [2]geom.Vec2{q, m.Mul(1 / m.Len())})
			}
		}
		if len(row) > 2 {
			rows = append(rows, row)
		}
	}
	cross := func(a, b geom.Vec2) float64 { return a[0]*b[1] - a[1]*b[0] }
	dot := func(a, b geom.Vec2) float64 { return a[0]*b[0] + a[1]*b[1] }
	folds := func(d float64) bool {
		for _, row := range rows {
			var pc, fc geom.Vec2 // the previous chord of the surface and the floor
			for k := 1; k < len(row); k++ {
				p := row[k][0].Sub(row[k-1][0])
				f := p.Sub(row[k][1].Sub(row[k-1][1]).Mul(sign * d))
				if dot(f, p) <= minFloorRatio*dot(p, p) {
					return true
				}
				if k > 1 {
					ps, fs := cross(pc, p), cross(fc, f)
					scale := p.Len() * pc.Len()
					if math.Abs(ps) > 1e-9*scale && (fs == 0 || (fs > 0) != (ps > 0)) && dot(fc, f) < 0 {
						return true
					}
				}
				pc, fc = p, f
			}
		}
		return false
	}
	d := e.depth()
	if !folds(d) {
		return nil
	}
	// the deepest floor that does not fold, to a hundredth of a millimetre
	lo, hi := 0.0, d
	for hi-lo > 0.002 {
		if mid := (lo + hi) / 2; folds(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	most := floor2(lo)
	what, dir := "cut", "floor"
	if e.Emboss {
		what, dir = "relief", "top"
	}
	if most < geom.MinCutDepthMM {
		return &FieldError{Field: EngravingPrefix(pl.index) + "depth_mm", Value: d,
			Allowed: fmt.Sprintf("none here: the %s surface curves too tightly across the engraving for any %s (make it smaller or move it with at_mm)", bs.name, what)}
	}
	return &FieldError{Field: EngravingPrefix(pl.index) + "depth_mm", Value: d,
		Allowed: fmt.Sprintf("%g to %.2f mm here: the %s surface curves too tightly across the engraving: a deeper %s's %s would be squeezed to under half the width of its outline, or fold", geom.MinCutDepthMM, most, bs.name, what, dir)}
}
