package ring

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// Setting is how a stone is held.
type Setting string

// Settings. Pave is named so that specs asking for it get a clear "not
// supported yet" error.
const (
	Prong   Setting = "prong"   // a prong head on a cathedral (default)
	Bezel   Setting = "bezel"   // a bezel cup on a cathedral
	Halo    Setting = "halo"    // a prong head ringed by melee (gem.Halo) on a cathedral
	Channel Setting = "channel" // a run of stones between two rails along the band (channel.go)
	Pave    Setting = "pave"    // rows of round melee in seats drilled into the band, held by beads (pave.go)
)

// Stone placement limits.
const (
	// DefaultCuletGapMM is how far the culet sits above the band's outer
	// surface by default, mm: the cathedral under the head fills the gap.
	DefaultCuletGapMM = 0.5
	// MinCuletClearanceMM is the least distance from the culet to the
	// finger hole (the inner surface's radius), mm: a deeper stone would
	// touch the finger.
	MinCuletClearanceMM = 0.3
	// MaxStonePerDiameter bounds a stone's length and width by the finger
	// hole's diameter: wider stones overhang the neighbouring fingers.
	MaxStonePerDiameter = 1.25
	// CathedralSinkMM is how deep the cathedral's foot sinks into the band,
	// mm, so the two overlap into one casting.
	CathedralSinkMM = 0.3
	// PierceTolMM is how far metal may reach into a stone before Build
	// warns that the stone cuts into metal, mm: twice the default chord,
	// the accuracy to which a prong's facets touch the crown.
	PierceTolMM = 2 * geom.DefaultChordMM
)

// Stone is one stone set in the ring and its setting. The head is placed on
// the band's outer surface at AtDeg, with the stone's length running along
// the finger (north–south); its culet sits CuletGapMM above the band and a
// cathedral (a pedestal lofted from the head's base down into the band)
// carries it.
//
// Part names: the stone is "stone-i" (i its index in Params.Stones, gem
// material); the first stone's setting parts keep the gem package's names
// ("prong-0" … "prong-n" and "gallery" for a prong head, "bezel" for a bezel,
// "halo-frame" and "halo-prongs" for a halo) plus "cathedral"; stone i ≥ 1
// prefixes them "head-i." ("head-1.prong-0"). A halo's melee are
// "stone-i.0" … "stone-i.(N−1)". A channel (Setting Channel) has no head: its
// stones are "stone-i.0" … along the run (the mirrored run after the first)
// and its rails the part "channel-i"; pavé (Setting Pave) likewise names its
// melee, row by row, and its beads "pave-i".
type Stone struct {
	// Gem is the stone: cut, material, size and proportions (gem.Stone).
	Gem gem.Stone
	// Setting is Prong ("" means prong), Bezel, Halo, Channel or Pave.
	Setting Setting
	// Prongs is the number of prongs of a prong head, 3 to 8; 0 means the
	// cut's default (gem.ProngParams.Count).
	Prongs int
	// AtDeg is where the head sits: the angle around the finger axis from
	// the top (+Z) toward +X, degrees, −180 to 180; 0 is the top. For a
	// channel it is where the run starts (see ToDeg).
	AtDeg float64
	// ToDeg is where a channel's (or pavé's) run ends, degrees from the top, AtDeg <
	// ToDeg ≤ 180 (ParseRun reads both from the spec's "at"); AtDeg = ToDeg
	// = 0 means the shoulders (ShoulderFromDeg to ShoulderToDeg, mirrored)
	// for a channel, PaveTopDeg on each side of the top for pavé.
	// Other settings ignore it.
	ToDeg float64
	// Mirror repeats a channel's run on the other side of the top (−ToDeg to
	// −AtDeg); the run must then lie on one side, 0 ≤ AtDeg.
	Mirror bool
	// Count is a channel's number of stones per run, 0 to MaxChannelStones;
	// 0 means as many as fit ChannelGapMM apart, centred in the run.
	Count int
	// CuletGapMM is the culet's height above the band's outer surface, mm,
	// from −(band thickness) to 5; 0 means DefaultCuletGapMM. A negative gap
	// sinks the stone into the band (Build warns that it cuts into the
	// metal); the culet must stay MinCuletClearanceMM outside the finger
	// hole.
	CuletGapMM float64
}

// StoneFacts are a set stone's measured figures: one entry per stone, a
// halo's melee and a channel's stones each their own.
type StoneFacts struct {
	// Part is the stone's part name ("stone-0", "stone-1.3").
	Part    string
	Cut     gem.Cut
	Gem     string
	Setting Setting
	// LengthMM and WidthMM are the built stone's girdle extent, mm;
	// DiameterMM is set for a round stone.
	LengthMM, WidthMM, DiameterMM float64
	// Carat is the stone's weight: its mesh volume × the gem's density.
	Carat float64
	// Facets is the stone's count of planar facets (girdle excluded).
	Facets int
	// CuletRadiusMM is the distance from the finger axis to the stone's
	// nearest point, mm (the culet for a stone on top).
	CuletRadiusMM float64
	// CuletClearanceMM is CuletRadiusMM minus the finger hole's radius, mm.
	CuletClearanceMM float64
	// ProngDiameterMM is the prongs' diameter, mm (0 for a bezel).
	ProngDiameterMM float64
}

// FieldPrefix returns the spec's name of stone i's fields, "stones[i].".
func FieldPrefix(i int) string { return fmt.Sprintf("stones[%d].", i) }

// stoneErr rewrites a gem error for stone i so it names the spec's field.
func stoneErr(i int, err error) error {
	var fe *gem.FieldError
	if errors.As(err, &fe) {
		return &FieldError{Field: FieldPrefix(i) + fe.Field, Value: fe.Value, Allowed: strings.TrimPrefix(fe.Allowed, "allowed ")}
	}
	return fmt.Errorf("%w: %s%w", ErrParams, FieldPrefix(i), err)
}

// splitErrs returns the errors joined in err, each rewritten for stone i.
func splitErrs(i int, err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, splitErrs(i, e)...)
		}
		return out
	}
	return []error{stoneErr(i, err)}
}

// sizeField returns the field that gives a stone's size.
func sizeField(s gem.Stone) string {
	switch {
	case s.Carat != 0:
		return "carat"
	case s.DiameterMM != 0:
		return "diameter_mm"
	case s.LengthMM != 0:
		return "length_mm"
	}
	return "width_mm"
}

func sizeValue(s gem.Stone) float64 {
	switch sizeField(s) {
	case "carat":
		return s.Carat
	case "diameter_mm":
		return s.DiameterMM
	case "length_mm":
		return s.LengthMM
	}
	return s.WidthMM
}

// validateStones returns an error for each invalid stone.
func (p Params) validateStones() []error {
	var errs []error
	add := func(i int, field string, v any, allowed string) {
		errs = append(errs, &FieldError{Field: FieldPrefix(i) + field, Value: v, Allowed: allowed})
	}
	for i, s := range p.Stones {
		switch s.Setting {
		case "", Prong, Bezel, Halo, Channel, Pave:
		default:
			add(i, "setting", fmt.Sprintf("%q", s.Setting), "prong, bezel, halo, channel or pave")
		}
		if s.Prongs != 0 && (s.Prongs < 3 || s.Prongs > 8) {
			add(i, "prongs", s.Prongs, "3 to 8 (0 = the cut's default)")
		}
		if s.Prongs != 0 && (s.Setting == Bezel || s.Setting == Channel || s.Setting == Pave) {
			add(i, "prongs", s.Prongs, "none for a "+string(s.Setting)+" setting")
		}
		if s.Setting == Pave && s.Count != 0 {
			add(i, "count", s.Count, "0 for pavé (as many as fit)")
		}
		if s.Setting == Channel || s.Setting == Pave {
			switch {
			case !(s.ToDeg >= -180 && s.ToDeg <= 180) || s.ToDeg < s.AtDeg || (s.ToDeg == s.AtDeg && s.AtDeg != 0):
				add(i, "at", fmt.Sprintf("%g..%g deg", s.AtDeg, s.ToDeg), "a run from one angle to a larger one, −180 to 180 degrees from the top")
			case s.Mirror && s.AtDeg < 0:
				add(i, "at", fmt.Sprintf("%g..%g deg mirrored", s.AtDeg, s.ToDeg), "a mirrored run on one side of the top (0 to 180 degrees)")
			}
			if s.Setting == Channel && (s.Count < 0 || s.Count > MaxChannelStones) {
				add(i, "count", s.Count, fmt.Sprintf("0 to %d (0 = as many as fit)", MaxChannelStones))
			}
			if c := s.Gem.Cut; s.Setting == Channel && (c == gem.Pear || c == gem.Heart) {
				// a channel's walls grip a stone's two sides, matched
				// across its axis; a pear's or a heart's are not
				add(i, "cut", fmt.Sprintf("%q", c), "round, oval, cushion, marquise, princess, emerald, asscher, baguette or trillion in a channel (its walls cannot grip a "+string(c)+"'s sides: set it in prongs or a halo)")
			}
		}
		if !(s.AtDeg >= -180 && s.AtDeg <= 180) {
			add(i, "at", s.AtDeg, "−180 to 180 degrees from the top")
		}
		if !(s.CuletGapMM >= -MaxThicknessMM && s.CuletGapMM <= 5) {
			add(i, "culet_gap_mm", s.CuletGapMM, "−(band thickness) to 5 mm (0 = 0.5)")
		}
		gerr := s.Gem.Validate()
		errs = append(errs, splitErrs(i, gerr)...)
		if gerr == nil && s.Gem.Carat == 0 && p.Size.DiameterMM > 0 {
			// sizes given directly are checked here; a carat's size after
			// the stone is built
			l, w := s.Gem.LengthMM, s.Gem.WidthMM
			if s.Gem.DiameterMM != 0 {
				l, w = s.Gem.DiameterMM, s.Gem.DiameterMM
			}
			if lim := MaxStonePerDiameter * p.Size.DiameterMM; math.Max(l, w) > lim {
				add(i, sizeField(s.Gem), sizeValue(s.Gem), fmt.Sprintf("at most %.3g mm on a ring of %.3g mm inner diameter (%s)", lim, p.Size.DiameterMM, p.Size))
			}
		}
	}
	return errs
}

// ParseAt reads a head's position along the band: "" or "top" is 0°,
// "bottom" 180°, "left" −90° and "right" 90° (seen from the front, the
// viewer at −Y), or an angle "30deg", "-45deg", "30°" or a bare number of
// degrees, measured around the finger axis from the top toward +X.
func ParseAt(s string) (float64, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	switch k {
	case "", "top":
		return 0, nil
	case "bottom":
		return 180, nil
	case "left":
		return -90, nil
	case "right":
		return 90, nil
	}
	num := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(k, "deg"), "°"))
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || !(v >= -180 && v <= 180) {
		return 0, &FieldError{Field: "at", Value: fmt.Sprintf("%q", s), Allowed: `"top", "bottom", "left", "right" or an angle from the top such as "30deg" (−180 to 180)`}
	}
	return v, nil
}

// bandSection returns the band's inner and outer radius (mm from the finger
// axis) at the station angle phi (radians from the top) and at u along the
// finger, and false when u is outside the band's width there.
func (p Params) bandSection(phi, u float64) (in, out float64, ok bool) {
	r := p.Size.DiameterMM / 2
	wb, tb := p.bottom()
	blend := (1 - math.Cos(phi)) / 2
	w := p.WidthMM + (wb-p.WidthMM)*blend
	t := p.ThicknessMM + (tb-p.ThicknessMM)*blend
	wmax, tmax := math.Max(p.WidthMM, wb), math.Max(p.ThicknessMM, tb)
	poly := p.Profile.polygon(w, t, p.Profile.segmentCounts(wmax, tmax, p.Tolerance))
	in, out = math.Inf(1), math.Inf(-1)
	for j := range poly {
		a, b := poly[j], poly[(j+1)%len(poly)]
		if (a[0] <= u && u <= b[0]) || (b[0] <= u && u <= a[0]) {
			var v float64
			if a[0] == b[0] {
				v = math.Max(a[1], b[1])
				in = math.Min(in, r+math.Min(a[1], b[1]))
			} else {
				v = a[1] + (b[1]-a[1])*(u-a[0])/(b[0]-a[0])
				in = math.Min(in, r+v)
			}
			out = math.Max(out, r+v)
		}
	}
	return in, out, out > in
}

// ringPlace maps the head's local frame (z radial, x along the band, y along
// the finger) to the ring frame: a rotation about Y by at.
func ringPlace(at float64) func(geom.Vec3) geom.Vec3 {
	s, c := math.Sincos(at)
	return func(v geom.Vec3) geom.Vec3 {
		return geom.Vec3{v[0]*c + v[2]*s, v[1], -v[0]*s + v[2]*c}
	}
}

// surfaceZ returns the local height of the band's outer surface under the
// local point (x, y) of a head at angle at, and false off the band.
func (p Params) surfaceZ(at, x, y float64) (float64, bool) {
	_, out, ok := p.bandSection(at, y)
	if !ok {
		return 0, false
	}
	// the surface point at station φ' = at + δ lies at local angle δ:
	// x = ρ(φ') sin δ; iterate δ
	var z float64
	for it := 0; it < 8; it++ {
		if math.Abs(x) >= out {
			return 0, false
		}
		d := math.Asin(x / out)
		_, o2, ok2 := p.bandSection(at+d, y)
		if !ok2 {
			return 0, false
		}
		z = math.Sqrt(math.Max(o2*o2-x*x, 0))
		if math.Abs(o2-out) < 1e-9 {
			break
		}
		out = o2
	}
	return z, true
}

// partName names stone i's setting part.
func partName(i int, name string) string {
	if i == 0 {
		return name
	}
	return fmt.Sprintf("head-%d.%s", i, name)
}

// addStones adds the stones and their settings to the result's model, and
// their facts and warnings to the result.
func (p Params) addStones(res *Result, metal geom.Material) error {
	var stones []*geom.Mesh
	var names []string
	for i, s := range p.Stones {
		ms, ns, err := p.addStone(i, s, res, metal)
		if err != nil {
			return err
		}
		stones = append(stones, ms...)
		names = append(names, ns...)
	}
	// every pair whose boxes come within MinStoneGap (neighbours only, in
	// a row or a halo)
	boxes := make([]geom.Box, len(stones))
	for k, m := range stones {
		boxes[k] = m.Bounds()
	}
	for i := range stones {
		for j := i + 1; j < len(stones); j++ {
			if boxGap(boxes[i], boxes[j]) >= gem.MinStoneGap {
				continue
			}
			if d, _, _ := geom.MinDistanceBelow(stones[i], stones[j], gem.MinStoneGap); d < gem.MinStoneGap {
				res.Warnings = append(res.Warnings, fmt.Sprintf("%s and %s: %.2f mm apart, closer than the %.1f mm a setter needs", names[i], names[j], d, gem.MinStoneGap))
			}
		}
	}
	return nil
}

// boxGap returns the distance between two boxes, mm (0 when they overlap).
func boxGap(a, b geom.Box) float64 {
	var d2 float64
	for k := 0; k < 3; k++ {
		g := math.Max(a.Min[k]-b.Max[k], b.Min[k]-a.Max[k])
		if g > 0 {
			d2 += g * g
		}
	}
	return math.Sqrt(d2)
}

// addStone builds stone i's head on the band (or its channel) and returns
// the stones' meshes in the ring frame and their part names.
func (p Params) addStone(i int, s Stone, res *Result, metal geom.Material) ([]*geom.Mesh, []string, error) {
	tol := p.Tolerance
	g, err := s.Gem.Geometry(tol)
	if err != nil {
		return nil, nil, stoneErr(i, err)
	}
	if s.Setting == Channel {
		if s.AtDeg == 0 && s.ToDeg == 0 {
			s.AtDeg, s.ToDeg, s.Mirror = ShoulderFromDeg, ShoulderToDeg, true
		}
		return p.addChannel(i, s, g, res, metal)
	}
	if s.Setting == Pave {
		if s.AtDeg == 0 && s.ToDeg == 0 {
			s.AtDeg, s.ToDeg = -PaveTopDeg, PaveTopDeg
		}
		return p.addPave(i, s, g, res, metal)
	}
	m, err := p.addHead(i, s, g, res, metal)
	if err != nil {
		return nil, nil, err
	}
	return m, stoneNames(res, i), nil
}

// stoneNames returns the names of stone i's stones among the facts.
func stoneNames(res *Result, i int) []string {
	var out []string
	pre := fmt.Sprintf("stone-%d", i)
	for _, f := range res.Stones {
		if f.Part == pre || strings.HasPrefix(f.Part, pre+".") {
			out = append(out, f.Part)
		}
	}
	return out
}

// addHead builds stone i's head (prong, bezel or halo) on the band and
// returns the stones' meshes in the ring frame, the centre stone first.
func (p Params) addHead(i int, s Stone, g *gem.Geometry, res *Result, metal geom.Material) ([]*geom.Mesh, error) {
	tol := p.Tolerance
	var err error
	dIn := p.Size.DiameterMM
	if lim := MaxStonePerDiameter * dIn; math.Max(g.LengthMM, g.WidthMM) > lim {
		return nil, &FieldError{Field: FieldPrefix(i) + sizeField(s.Gem), Value: sizeValue(s.Gem),
			Allowed: fmt.Sprintf("a stone at most %.3g mm long on a ring of %.3g mm inner diameter (this one is %.3g × %.3g mm)", lim, dIn, g.LengthMM, g.WidthMM)}
	}
	var h *gem.Head
	switch s.Setting {
	case Bezel:
		h, err = gem.Bezel(g, gem.BezelParams{Cup: true}, tol)
	case Halo:
		h, err = gem.Halo(g, gem.HaloParams{Centre: gem.ProngParams{Count: s.Prongs}}, tol)
	default:
		h, err = gem.Prongs(g, gem.ProngParams{Count: s.Prongs}, tol)
	}
	if err != nil {
		return nil, stoneErr(i, err)
	}
	at := s.AtDeg * math.Pi / 180
	gap := s.CuletGapMM
	if gap == 0 {
		gap = DefaultCuletGapMM
	}
	rIn := dIn / 2
	zTop, ok := p.surfaceZ(at, 0, 0)
	if !ok {
		return nil, &FieldError{Field: FieldPrefix(i) + "at", Value: s.AtDeg, Allowed: "a place on the band"}
	}
	zCulet := zTop + gap
	if zCulet < rIn+MinCuletClearanceMM {
		return nil, &FieldError{Field: FieldPrefix(i) + "culet_gap_mm", Value: s.CuletGapMM,
			Allowed: fmt.Sprintf("at least %.2f mm: the culet must stay %.1f mm outside the finger hole", rIn+MinCuletClearanceMM-zTop, MinCuletClearanceMM)}
	}
	// local frame: stone length along the finger (north–south), culet at
	// zCulet
	dz := zCulet - g.CuletZ
	local := func(v geom.Vec3) geom.Vec3 { return geom.Vec3{-v[1], v[0], v[2] + dz} }
	place := ringPlace(at)
	var stone *geom.Mesh
	var melee []*geom.Mesh
	for _, part := range h.Parts {
		m := part.Mesh.Clone()
		m.Transform(func(v geom.Vec3) geom.Vec3 { return place(local(v)) })
		if part.Material.Kind == geom.KindGem {
			if stone == nil {
				stone = m
				res.Model.Add(fmt.Sprintf("stone-%d", i), part.Material, m)
			} else {
				res.Model.Add(fmt.Sprintf("stone-%d.%d", i, len(melee)), part.Material, m)
				melee = append(melee, m)
			}
			continue
		}
		res.Model.Add(partName(i, part.Name), metal, m)
	}
	if len(h.Base) > 0 {
		cat, err := p.cathedral(h.Base, local, at)
		if err != nil {
			return nil, stoneErr(i, err)
		}
		if cat != nil {
			cat.Transform(place)
			res.Model.Add(partName(i, "cathedral"), metal, cat)
		}
	}
	for _, w := range h.Warnings() {
		res.Warnings = append(res.Warnings, partName(i, w))
	}
	// measured facts
	f := StoneFacts{Part: fmt.Sprintf("stone-%d", i), Cut: g.Stone.Cut, Gem: gemName(g.Stone), Setting: s.Setting, LengthMM: g.LengthMM, WidthMM: g.WidthMM,
		Carat: g.Carat(), Facets: gem.FacetCount(g.Mesh, 0.01), ProngDiameterMM: h.ProngDiameterMM}
	if f.Setting == "" {
		f.Setting = Prong
	}
	if g.Stone.Cut == gem.Round {
		f.DiameterMM = g.WidthMM
	}
	f.CuletRadiusMM = math.Inf(1)
	for _, v := range stone.Verts {
		f.CuletRadiusMM = math.Min(f.CuletRadiusMM, math.Hypot(v[0], v[2]))
	}
	f.CuletClearanceMM = f.CuletRadiusMM - rIn
	res.Stones = append(res.Stones, f)
	p.warnPierced(f.Part, g, stone, res, false)
	out := []*geom.Mesh{stone}
	for k, m := range melee {
		mg := h.Melee[k].Stone
		mf := StoneFacts{Part: fmt.Sprintf("stone-%d.%d", i, k), Cut: mg.Stone.Cut, Gem: gemName(mg.Stone), Setting: Halo,
			LengthMM: mg.LengthMM, WidthMM: mg.WidthMM, DiameterMM: mg.WidthMM, Carat: mg.Carat(),
			Facets: gem.FacetCount(mg.Mesh, 0.01), ProngDiameterMM: h.HaloProngMM}
		mf.CuletRadiusMM = math.Inf(1)
		for _, v := range m.Verts {
			mf.CuletRadiusMM = math.Min(mf.CuletRadiusMM, math.Hypot(v[0], v[2]))
		}
		mf.CuletClearanceMM = mf.CuletRadiusMM - rIn
		res.Stones = append(res.Stones, mf)
		p.warnPierced(mf.Part, mg, m, res, false)
		out = append(out, m)
	}
	return out, nil
}

func gemName(s gem.Stone) string {
	if s.Gem == "" {
		return "diamond"
	}
	return strings.ToLower(s.Gem)
}

// cathedral lofts the head's base loop (stone frame) down into the band: the
// foot is the loop stretched 1.3× along the band, narrowed to 70 % of the
// band's width across it, and sunk CathedralSinkMM under the band's outer
// surface. It returns nil when the head already sits in the band (a sunk
// stone needs no pedestal).
func (p Params) cathedral(base []geom.Vec3, local func(geom.Vec3) geom.Vec3, at float64) (*geom.Mesh, error) {
	// A long straight side of the base (a trillion's) would give the foot a
	// chord cutting under the curved band and across its own corners:
	// split the sides so that the foot follows the band.
	const maxSideMM = 0.5
	if !starShaped(base) {
		// a heart's notch: the pedestal fills it (it stands under the
		// head, clear of the stone) and its caps stay simple fans
		base = convexLoop(base)
	}
	var dense []geom.Vec3
	for k, a := range base {
		b := base[(k+1)%len(base)]
		steps := min(int(math.Ceil(b.Sub(a).Len()/maxSideMM)), 64) // a stone is at most a few cm round
		for j := 0; j < steps; j++ {
			dense = append(dense, a.Add(b.Sub(a).Mul(float64(j)/float64(steps))))
		}
	}
	base = dense
	top := make([]geom.Vec3, len(base))
	var bx, by float64
	for k, v := range base {
		top[k] = local(v)
		bx = math.Max(bx, math.Abs(top[k][0]))
		by = math.Max(by, math.Abs(top[k][1]))
	}
	wb, _ := p.bottom()
	w := p.WidthMM + (wb-p.WidthMM)*(1-math.Cos(at))/2
	sy := math.Min(1, 0.35*w/by)
	sx := 1.3
	if 1.3*bx > 0.6*p.Size.DiameterMM {
		sx = 0.6 * p.Size.DiameterMM / bx
	}
	_, t := p.bottom()
	t = math.Min(t, p.ThicknessMM)
	sink := math.Min(CathedralSinkMM, 0.4*t)
	foot := make([]geom.Vec3, len(top))
	for k, v := range top {
		x, y := v[0]*sx, v[1]*sy
		z, ok := p.surfaceZ(at, x, y)
		if !ok {
			return nil, fmt.Errorf("cathedral foot (%.3g, %.3g) mm falls off the band", x, y)
		}
		foot[k] = geom.Vec3{x, y, z - sink}
		if foot[k][2] > v[2]-0.1 {
			return nil, nil
		}
	}
	return gem.Cathedral(top, foot)
}

// warnPierced warns when metal reaches more than PierceTolMM into stone i:
// the depth of each metal vertex near the stone inside all of its facet
// planes (exact for a convex stone, a lower bound otherwise).
func (p Params) warnPierced(name string, g *gem.Geometry, stone *geom.Mesh, res *Result, seated bool) {
	type plane struct {
		n geom.Vec3
		d float64
	}
	planes := make([]plane, 0, len(g.Facets))
	for _, f := range g.Facets {
		a, b, c := stone.Triangle(f.Tris[0])
		n := b.Sub(a).Cross(c.Sub(a)).Normalize()
		planes = append(planes, plane{n, n.Dot(a)})
	}
	box := stone.Bounds()
	for _, part := range res.Model.Parts {
		if part.Material.Kind == geom.KindGem {
			continue
		}
		worst, last := 0.0, 0
		// the vertices triangles use (a cut band keeps the ones its seats
		// and engravings took out of the surface, unused)
		verts := part.Mesh.Verts
		for _, tr := range part.Mesh.Tris {
			for _, vi := range tr {
				v := verts[vi]
				if v[0] < box.Min[0] || v[0] > box.Max[0] || v[1] < box.Min[1] || v[1] > box.Max[1] || v[2] < box.Min[2] || v[2] > box.Max[2] {
					continue
				}
				// depth inside every facet plane; neighbouring vertices
				// are mostly cut off by the same plane, so it is tried first
				if pl := planes[last]; pl.d-pl.n.Dot(v) <= worst {
					continue
				}
				d := math.Inf(1)
				for k, pl := range planes {
					if d = math.Min(d, pl.d-pl.n.Dot(v)); d <= worst {
						last = k
						break
					}
				}
				worst = math.Max(worst, d)
			}
		}
		if worst > PierceTolMM {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s cuts %.2f mm into %s: the metal needs a seat there", name, worst, part.Name))
		}
	}
	if seated {
		return // its seat in the band holds the pavilion
	}
	// the stone's own vertices inside the band (the culet of a sunk stone)
	worst := 0.0
	_, tb := p.bottom()
	rOut := p.Size.DiameterMM/2 + math.Max(p.ThicknessMM, tb)
	for _, v := range stone.Verts {
		rho := math.Hypot(v[0], v[2])
		if rho >= rOut {
			continue
		}
		in, out, ok := p.bandSection(math.Atan2(v[0], v[2]), v[1])
		if ok && rho > in && rho < out {
			worst = math.Max(worst, math.Min(rho-in, out-rho))
		}
	}
	if worst > PierceTolMM {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s cuts %.2f mm into band: the band needs a seat there", name, worst))
	}
}

// starShaped reports whether the loop (counter-clockwise seen from +Z) runs
// strictly counter-clockwise around its centroid in x, y, so that a fan
// from the centroid covers it without overlap.
func starShaped(loop []geom.Vec3) bool {
	var cx, cy float64
	for _, v := range loop {
		cx, cy = cx+v[0], cy+v[1]
	}
	cx, cy = cx/float64(len(loop)), cy/float64(len(loop))
	for k, a := range loop {
		b := loop[(k+1)%len(loop)]
		if (a[0]-cx)*(b[1]-cy)-(a[1]-cy)*(b[0]-cx) <= 0 {
			return false
		}
	}
	return true
}

// convexLoop returns the convex hull of the loop's points in x, y (their z
// kept), counter-clockwise, by Andrew's monotone chain.
func convexLoop(loop []geom.Vec3) []geom.Vec3 {
	pts := slices.Clone(loop)
	slices.SortFunc(pts, func(a, b geom.Vec3) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	turn := func(o, a, b geom.Vec3) float64 { return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0]) }
	var hull []geom.Vec3
	for pass := 0; pass < 2; pass++ {
		start := len(hull)
		for _, p := range pts {
			for len(hull) >= start+2 && turn(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
				hull = hull[:len(hull)-1]
			}
			hull = append(hull, p)
		}
		hull = hull[:len(hull)-1] // the last is the next chain's first
		slices.Reverse(pts)
	}
	return hull
}
