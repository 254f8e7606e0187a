package link

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/mandrel3d/mandrel/geom"
)

// Bracelet limits and defaults.
const (
	// DefaultWristMM is the wrist circumference used when WristMM is 0, mm.
	DefaultWristMM = 170.0
	// MinWristMM and MaxWristMM bound WristMM, mm.
	MinWristMM, MaxWristMM = 100.0, 300.0
	// DefaultComfortMM is the ease a plate bracelet is worn with: its inside
	// is this much longer than the wrist (jewellers add 1.3 to 2.5 cm; a
	// rigid-plate bracelet sits at the snug end), mm.
	DefaultComfortMM = 15.0
	// MinBraceletLinks and MaxBraceletLinks bound Links.
	MinBraceletLinks, MaxBraceletLinks = 3, 100
	// MaxPlateEngraveDepthMM bounds a plate engraving's depth or relief, mm.
	MaxPlateEngraveDepthMM = 2.0
	// MinMetalUnderPlateEngravingMM is the metal a cut must leave above a
	// hinge bore or the plate's back, mm.
	MinMetalUnderPlateEngravingMM = 0.5
)

// BraceletParams is a modular bracelet: Links plates joined by hinge rings
// into a closed loop round the wrist. Zero fields mean defaults.
type BraceletParams struct {
	// Links is the number of plates, MinBraceletLinks to MaxBraceletLinks;
	// 0 means as many as fit with room for the hinges.
	Links int
	// WidthMM (along the bracelet), HeightMM (across the wrist) and
	// ThicknessMM are each plate's size, mm: 4 to 30, 4 to 30 and 1.5 to 6
	// (defaults DefaultPlateWidthMM, DefaultPlateHeightMM,
	// DefaultPlateThicknessMM).
	WidthMM, HeightMM, ThicknessMM float64
	// WristMM is the wrist's circumference, mm, MinWristMM to MaxWristMM
	// (default DefaultWristMM).
	WristMM float64
	// ComfortMM is the ease added to the wrist, mm, 0 to 50; 0 means
	// DefaultComfortMM. The bracelet's inner length (InnerLengthMM) is
	// WristMM + ComfortMM.
	ComfortMM float64
	// WireMM is the hinge rings' wire diameter, mm, 0.3 to 2 (default
	// DefaultHingeWireMM).
	WireMM float64
	// ClearanceMM is the print-in-place gap wanted between parts, mm,
	// 0.1 to 2 (default DefaultClearanceMM).
	ClearanceMM float64
	// Engravings are cut into the plates' fronts.
	Engravings []PlateEngraving
	// Metal is the alloy; "" means geom.DefaultMetal.
	Metal     string
	Tolerance geom.Tolerance
}

// PlateEngraving is a region cut into (or raised from) a plate's front.
type PlateEngraving struct {
	// Plate is the plate's index (part "link-Plate").
	Plate int
	// Region is the outline in the plate's front (u, v), mm: u along the
	// bracelet (to the right as seen from outside with the wrist's axis
	// up), v across it, origin at the plate's centre.
	Region geom.Region
	// DepthMM is the depth (or with Emboss the relief), mm:
	// geom.MinCutDepthMM to MaxPlateEngraveDepthMM; a cut must leave
	// MinMetalUnderPlateEngravingMM of metal.
	DepthMM float64
	Emboss  bool
}

// Bracelet is a built modular bracelet.
type Bracelet struct {
	// Model holds the plates "link-0" … and the hinge rings "hinge-0" …
	// (hinge-k joins link-k to link-(k+1), the last to link-0).
	Model *geom.Model
	// Plates are the plates' fronts on their meshes as built (before
	// engraving), in world coordinates.
	Plates []geom.Patch
	// Links is the number of plates.
	Links int
	// InnerLengthMM is the bracelet's inner length measured on the model:
	// the perimeter of the polygon through the centres of the plates'
	// inner faces (the plates' centres of mass moved inward by half the
	// thickness), mm.
	InnerLengthMM float64
	// Clearance is the smallest gap between parts.
	Clearance Clearance
	// Engravings are the figures of the engravings as cut, in order.
	Engravings []geom.CutFacts
	// Warnings list what a caster or printer would flag.
	Warnings []string
}

func (p BraceletParams) withDefaults() BraceletParams {
	if p.WidthMM == 0 {
		p.WidthMM = DefaultPlateWidthMM
	}
	if p.HeightMM == 0 {
		p.HeightMM = DefaultPlateHeightMM
	}
	if p.ThicknessMM == 0 {
		p.ThicknessMM = DefaultPlateThicknessMM
	}
	if p.WristMM == 0 {
		p.WristMM = DefaultWristMM
	}
	if p.ComfortMM == 0 {
		p.ComfortMM = DefaultComfortMM
	}
	if p.WireMM == 0 {
		p.WireMM = DefaultHingeWireMM
	}
	if p.ClearanceMM == 0 {
		p.ClearanceMM = DefaultClearanceMM
	}
	return p
}

// Validate reports every bad field (errors.Join of *FieldError).
func (p BraceletParams) Validate() error {
	p = p.withDefaults()
	var errs []error
	add := func(field string, v any, format string, args ...any) {
		errs = append(errs, fieldErr(field, v, format, args...))
	}
	if p.Links != 0 && (p.Links < MinBraceletLinks || p.Links > MaxBraceletLinks) {
		add("bracelet.links", p.Links, "allowed %d to %d plates", MinBraceletLinks, MaxBraceletLinks)
	}
	in := func(v, lo, hi float64) bool { return v >= lo && v <= hi }
	if !in(p.WidthMM, 4, 30) {
		add("bracelet.link.width_mm", p.WidthMM, "allowed 4 to 30 mm")
	}
	if !in(p.HeightMM, 4, 30) {
		add("bracelet.link.height_mm", p.HeightMM, "allowed 4 to 30 mm")
	}
	if !in(p.ThicknessMM, 1.5, 6) {
		add("bracelet.link.thickness_mm", p.ThicknessMM, "allowed 1.5 to 6 mm")
	}
	if !in(p.WristMM, MinWristMM, MaxWristMM) {
		add("bracelet.wrist_mm", p.WristMM, "allowed %g to %g mm", MinWristMM, MaxWristMM)
	}
	if !in(p.ComfortMM, 0, 50) {
		add("bracelet.comfort_mm", p.ComfortMM, "allowed 0 to 50 mm")
	}
	if !in(p.WireMM, 0.3, 2) {
		add("bracelet.wire_mm", p.WireMM, "allowed 0.3 to 2 mm")
	}
	if !in(p.ClearanceMM, 0.1, 2) {
		add("bracelet.clearance_mm", p.ClearanceMM, "allowed 0.1 to 2 mm")
	}
	if len(errs) == 0 {
		if bore := 2 * p.boreRadius(); bore > p.ThicknessMM-2*MinPlateWallMM {
			add("bracelet.link.thickness_mm", p.ThicknessMM, "at least %.2f mm: the %.2f mm hinge bores (wire %g mm with %g mm clearance) need %g mm of metal on each side",
				bore+2*MinPlateWallMM, bore, p.WireMM, p.ClearanceMM, MinPlateWallMM)
		}
		// The two bores must keep a wall between them too (a 4 mm plate's
		// met in the middle and the plate could not be made).
		if rb := p.boreRadius(); p.boreX()-rb < MinPlateWallMM/2-1e-9 {
			wmin := 2 * (2*rb + 1.5*MinPlateWallMM + 0.1)
			add("bracelet.link.width_mm", p.WidthMM, "at least %.2f mm: the two %.2f mm hinge bores (wire %g mm with %g mm clearance) need %g mm of metal between them and at the ends",
				math.Ceil(wmin*100-1e-6)/100, 2*rb, p.WireMM, p.ClearanceMM, MinPlateWallMM)
		}
	}
	if _, err := geom.Metal(metalName(p.Metal)); err != nil {
		add("metal", p.Metal, "allowed %v", geom.MetalNames())
	}
	if err := p.Tolerance.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// boreRadius is the hinge bores' radius: the wire's with the clearance
// and 0.05 mm for the polygons' facets.
func (p BraceletParams) boreRadius() float64 { return p.WireMM/2 + p.ClearanceMM + 0.05 }

// boreX is the bores' distance from the plate's centre.
func (p BraceletParams) boreX() float64 {
	return p.WidthMM/2 - p.boreRadius() - MinPlateWallMM - 0.1
}

// centreRadius is the radius of n plates' centres, mm: their inner faces'
// centres on a polygon of perimeter WristMM + ComfortMM.
func (p BraceletParams) centreRadius(n int) float64 {
	inner := (p.WristMM + p.ComfortMM) / (2 * float64(n) * math.Sin(math.Pi/float64(n)))
	return inner + p.ThicknessMM/2
}

// braceletFrame returns plate k's centre and axes (along, across, outward).
func braceletFrame(k, n int, rc float64) (o, t, a, r geom.Vec3) {
	s, c := math.Sincos(2 * math.Pi * float64(k) / float64(n))
	r = geom.Vec3{s, 0, c}
	return r.Mul(rc), geom.Vec3{c, 0, -s}, geom.Vec3{0, 1, 0}, r
}

func onPlate(q, o, t, a, r geom.Vec3) geom.Vec3 {
	return o.Add(t.Mul(q[0])).Add(a.Mul(q[1])).Add(r.Mul(q[2]))
}

// gaps returns, for n plates, the gap between neighbours at their inner
// corners and at the bores' height (where the hinge wire passes).
func (p BraceletParams) gaps(n int) (inner, mid float64) {
	rc := p.centreRadius(n)
	o0, t0, a0, r0 := braceletFrame(0, n, rc)
	o1, t1, a1, r1 := braceletFrame(1, n, rc)
	w, th := p.WidthMM/2, p.ThicknessMM/2
	inner = onPlate(geom.Vec3{w, 0, -th}, o0, t0, a0, r0).Sub(onPlate(geom.Vec3{-w, 0, -th}, o1, t1, a1, r1)).Len()
	mid = onPlate(geom.Vec3{w, 0, 0}, o0, t0, a0, r0).Sub(onPlate(geom.Vec3{-w, 0, 0}, o1, t1, a1, r1)).Len()
	return inner, mid
}

// fits reports whether n plates leave room for the hinges: the inner
// corners ClearanceMM apart, the wire with ClearanceMM on both sides
// between the end faces.
func (p BraceletParams) fits(n int) bool {
	in, mid := p.gaps(n)
	// the inner corners could have crossed over: check the plates'
	// angular extent too
	rc := p.centreRadius(n)
	half := math.Atan2(p.WidthMM/2, rc-p.ThicknessMM/2)
	if 2*half >= 2*math.Pi/float64(n) {
		return false
	}
	return in >= p.ClearanceMM && mid >= p.WireMM+2*p.ClearanceMM
}

// maxLinks returns the most plates that fit (0 when not even
// MinBraceletLinks do).
func (p BraceletParams) maxLinks() int {
	best := 0
	for n := MinBraceletLinks; n <= MaxBraceletLinks; n++ {
		if p.fits(n) {
			best = n
		}
	}
	return best
}

// BuildBracelet builds the bracelet round the Y axis (the wrist's), the
// plates' centres on a circle in the XZ plane, link-0 at the top (+Z), the
// others following clockwise as seen from the viewer (−Y). Neighbouring
// parts are measured (MeasureClearance) round plate 0 and round every
// plate with a raised engraving (the rest are the same parts turned about
// the axis, or have only lost metal to a cut):
// parts that touch are an error, gaps under ClearanceMM a warning.
func BuildBracelet(p BraceletParams) (*Bracelet, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p = p.withDefaults()
	n := p.Links
	nmax := p.maxLinks()
	if n == 0 {
		n = nmax
		if n == 0 {
			return nil, fieldErr("bracelet.link.width_mm", p.WidthMM, "too wide for even %d plates on a %g mm wrist", MinBraceletLinks, p.WristMM)
		}
	} else if !p.fits(n) {
		// the widest plate that fits n
		lo, hi := 0.0, p.WidthMM
		for it := 0; it < 40; it++ {
			q := p
			q.WidthMM = (lo + hi) / 2
			if q.fits(n) {
				lo = q.WidthMM
			} else {
				hi = q.WidthMM
			}
		}
		allowed := fmt.Sprintf("at most %.2f mm for %d plates on a %g mm wrist (+ %g mm ease), leaving %g mm for the hinges", lo, n, p.WristMM, p.ComfortMM, p.ClearanceMM)
		if nmax >= MinBraceletLinks {
			allowed += fmt.Sprintf("; or use at most %d plates (bracelet.links)", nmax)
		}
		return nil, fieldErr("bracelet.link.width_mm", p.WidthMM, "%s", allowed)
	}
	if _, mid := p.gaps(n); mid > p.WidthMM {
		return nil, fieldErr("bracelet.links", n, "too few for a %g mm wrist with %g mm plates: the hinges would span %.1f mm; use %d to %d", p.WristMM, p.WidthMM, mid, p.minLinks(), nmax)
	}
	for k, e := range p.Engravings {
		if e.Plate < 0 || e.Plate >= n {
			return nil, fieldErr(fmt.Sprintf("engravings[%d].surface", k), fmt.Sprintf("link-%d", e.Plate), "allowed link-0 to link-%d", n-1)
		}
	}
	metal, _ := geom.Metal(metalName(p.Metal))
	tol := p.Tolerance
	rb, bx := p.boreRadius(), p.boreX()
	plate, err := newPlate(p.WidthMM, p.HeightMM, p.ThicknessMM, rb, bx, tol)
	if err != nil {
		return nil, err
	}
	// one hinge ring, in its own frame: a stadium along X (across the
	// wrist) of width 2ρ along Y, ρ half the distance between the bores
	rc := p.centreRadius(n)
	o0, t0, a0, r0 := braceletFrame(0, n, rc)
	o1, t1, a1, r1 := braceletFrame(1, n, rc)
	bA := onPlate(geom.Vec3{bx, 0, 0}, o0, t0, a0, r0)
	bB := onPlate(geom.Vec3{-bx, 0, 0}, o1, t1, a1, r1)
	rho := bB.Sub(bA).Len() / 2
	rw := p.WireMM / 2
	y0 := p.HeightMM/2 + rw + p.ClearanceMM + 0.05
	path, err := geom.StadiumPath(2*(y0+rho), 2*rho, rw, tol)
	if err != nil {
		return nil, err
	}
	ring, err := geom.Tube(path, true, rw, tol)
	if err != nil {
		return nil, err
	}
	br := &Bracelet{Model: &geom.Model{}, Links: n, Plates: make([]geom.Patch, n)}
	meshes := make([]*geom.Mesh, 0, 2*n)
	cuts := make([][]int, n)
	for k, e := range p.Engravings {
		cuts[e.Plate] = append(cuts[e.Plate], k)
	}
	br.Engravings = make([]geom.CutFacts, len(p.Engravings))
	for k := 0; k < n; k++ {
		o, t, a, r := braceletFrame(k, n, rc)
		m := plate.Mesh.Clone()
		m.Transform(func(q geom.Vec3) geom.Vec3 { return onPlate(q, o, t, a, r) })
		pt := plate.Front
		pt.Eval = func(q geom.Vec2) (geom.Vec3, geom.Vec3) {
			return onPlate(geom.Vec3{q[0], q[1], p.ThicknessMM / 2}, o, t, a, r), r
		}
		br.Plates[k] = pt
		if len(cuts[k]) > 0 {
			if m, err = p.engravePlate(m, pt, cuts[k], br.Engravings); err != nil {
				return nil, err
			}
		}
		br.Model.Add(fmt.Sprintf("link-%d", k), metal, m)
		meshes = append(meshes, m)
	}
	for k := 0; k < n; k++ {
		o, t, a, r := braceletFrame(k, n, rc)
		on, tn, an, rn := braceletFrame((k+1)%n, n, rc)
		pa := onPlate(geom.Vec3{bx, 0, 0}, o, t, a, r)
		pb := onPlate(geom.Vec3{-bx, 0, 0}, on, tn, an, rn)
		c := pa.Add(pb).Mul(0.5)
		d := pb.Sub(pa).Normalize()
		z := a.Cross(d) // stadium X → a (across), Y → d, Z → a × d
		m := ring.Clone()
		m.Transform(func(q geom.Vec3) geom.Vec3 { return c.Add(a.Mul(q[0])).Add(d.Mul(q[1])).Add(z.Mul(q[2])) })
		br.Model.Add(fmt.Sprintf("hinge-%d", k), metal, m)
		meshes = append(meshes, m)
	}
	// measured inner length
	for k := 0; k < n; k++ {
		ck := br.Model.Parts[k].Mesh.Centroid()
		cn := br.Model.Parts[(k+1)%n].Mesh.Centroid()
		in := func(q geom.Vec3) geom.Vec3 {
			rr := math.Hypot(q[0], q[2])
			return q.Mul((rr - p.ThicknessMM/2) / rr)
		}
		br.InnerLengthMM += in(cn).Sub(in(ck)).Len()
	}
	// The bracelet is n copies of one plate and one hinge turned about the
	// axis, so the neighbourhood of plate 0 (plates n−1, 0, 1 and the two
	// hinges between them) stands for every plate; the neighbourhood of a
	// plate with a relief (Emboss) is measured too.
	var pick []int
	seen := make([]bool, 2*n)
	add := func(i int) {
		if !seen[i] {
			seen[i] = true
			pick = append(pick, i)
		}
	}
	centres := []int{0}
	for _, e := range p.Engravings {
		if e.Emboss { // a cut only takes metal away: no gap can shrink
			centres = append(centres, e.Plate)
		}
	}
	for _, c := range centres {
		add((c + n - 1) % n)
		add(c)
		add((c + 1) % n)
		add(n + (c+n-1)%n)
		add(n + c)
	}
	sort.Ints(pick)
	sub := make([]*geom.Mesh, len(pick))
	for i, k := range pick {
		sub[i] = meshes[k]
	}
	cl, err := MeasureClearance(sub, p.ClearanceMM)
	name := func(i int) string { return br.Model.Parts[pick[i]].Name }
	if err != nil {
		if errors.Is(err, ErrIntersect) && cl.Pair[0] >= 0 {
			return nil, fmt.Errorf("%w (%s and %s)", err, name(cl.Pair[0]), name(cl.Pair[1]))
		}
		return nil, err
	}
	if cl.Pair[0] >= 0 {
		cl.Pair = [2]int{pick[cl.Pair[0]], pick[cl.Pair[1]]}
	}
	for i, pr := range cl.Below {
		cl.Below[i] = [2]int{pick[pr[0]], pick[pr[1]]}
	}
	br.Clearance = cl
	for i, pr := range cl.Below {
		if i == 5 {
			br.Warnings = append(br.Warnings, fmt.Sprintf("%d more pairs of parts closer than %.2f mm", len(cl.Below)-5, p.ClearanceMM))
			break
		}
		br.Warnings = append(br.Warnings, fmt.Sprintf("%s and %s: gap below the %.2f mm print-in-place clearance",
			br.Model.Parts[pr[0]].Name, br.Model.Parts[pr[1]].Name, p.ClearanceMM))
	}
	return br, nil
}

// minLinks returns the fewest plates whose hinges span at most a plate's
// width.
func (p BraceletParams) minLinks() int {
	for n := MinBraceletLinks; n <= MaxBraceletLinks; n++ {
		if _, mid := p.gaps(n); mid <= p.WidthMM {
			return n
		}
	}
	return MaxBraceletLinks
}

// engravePlate cuts the engravings ks (indices into p.Engravings) into a
// placed plate's mesh, recording their facts in facts.
func (p BraceletParams) engravePlate(m *geom.Mesh, pt geom.Patch, ks []int, facts []geom.CutFacts) (*geom.Mesh, error) {
	// the bores run under the front beyond |u| = bx − rb: only a relief
	// or a cut that leaves the metal over them may reach there
	rb, bx := p.boreRadius(), p.boreX()
	overBore := p.ThicknessMM/2 - rb - MinMetalUnderPlateEngravingMM
	full := p.ThicknessMM - MinMetalUnderPlateEngravingMM
	const edge = MaxPlateCellMM + 0.1 // a cell of margin from the plate's edges
	cuts := make([]geom.Cut, len(ks))
	for i, k := range ks {
		e := p.Engravings[k]
		field := fmt.Sprintf("engravings[%d]", k)
		if !(e.DepthMM >= geom.MinCutDepthMM && e.DepthMM <= MaxPlateEngraveDepthMM) {
			return nil, fieldErr(field+".depth_mm", e.DepthMM, "allowed %g to %g mm", geom.MinCutDepthMM, MaxPlateEngraveDepthMM)
		}
		b := e.Region.Bounds()
		if b.Empty() {
			return nil, fieldErr(field, "empty region", "an outline with some area")
		}
		w, h := p.WidthMM/2-edge, p.HeightMM/2-edge
		if b.Min[0] < -w || b.Max[0] > w || b.Min[1] < -h || b.Max[1] > h {
			return nil, fieldErr(field, fmt.Sprintf("u %.2f to %.2f, v %.2f to %.2f mm", b.Min[0], b.Max[0], b.Min[1], b.Max[1]),
				"must lie on link-%d's face, u −%.2f to %.2f and v −%.2f to %.2f mm: make it smaller or move it", e.Plate, w, w, h, h)
		}
		if !e.Emboss {
			lim := full
			if b.Min[0] < -(bx-rb)+0.1 || b.Max[0] > bx-rb-0.1 {
				lim = overBore
			}
			if e.DepthMM > lim {
				if lim <= 0 {
					return nil, fieldErr(field, fmt.Sprintf("u %.2f to %.2f mm", b.Min[0], b.Max[0]),
						"a cut must stay within u −%.2f to %.2f mm on link-%d: the hinge bores run under the rest", bx-rb-0.1, bx-rb-0.1, e.Plate)
				}
				return nil, fieldErr(field+".depth_mm", e.DepthMM, "at most %.2f mm here: the plate must keep %g mm of metal under the cut", lim, MinMetalUnderPlateEngravingMM)
			}
		}
		cuts[i] = geom.Cut{Region: e.Region, DepthMM: e.DepthMM, Emboss: e.Emboss}
	}
	out, f, err := geom.CutPatch(m, pt, cuts, p.Tolerance)
	if err != nil {
		return nil, fmt.Errorf("%w: engravings %v on link-%d: %w", ErrParams, ks, p.Engravings[ks[0]].Plate, err)
	}
	for i, k := range ks {
		facts[k] = f[i]
	}
	return out, nil
}
