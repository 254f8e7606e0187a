package ring

import (
	"fmt"
	"math"
	"strings"

	"github.com/mandrel3d/mandrel/geom"
)

// Profile is the shape of the band's cross-section.
type Profile string

// Band profiles.
const (
	Flat        Profile = "flat"         // flat inside and out, square edges
	Comfort     Profile = "comfort"      // court: domed outside, domed inside
	DShape      Profile = "d-shape"      // flat inside, half-round outside
	KnifeEdge   Profile = "knife-edge"   // flat inside, outside rising to a ridge
	FlatComfort Profile = "flat-comfort" // flat outside, domed (comfort) inside
	Bevelled    Profile = "bevelled"     // flat inside, flat outside with 45° chamfered edges
)

// DefaultProfile is the profile used when none is given.
const DefaultProfile = Comfort

// Profiles lists every profile.
var Profiles = []Profile{Flat, Comfort, DShape, KnifeEdge, FlatComfort, Bevelled}

// ParseProfile returns the named profile (case-insensitive; "court" is
// comfort, "d" is d-shape).
func ParseProfile(s string) (Profile, error) {
	switch k := strings.ToLower(strings.TrimSpace(s)); k {
	case "":
		return DefaultProfile, nil
	case "court":
		return Comfort, nil
	case "d", "dshape", "d_shape":
		return DShape, nil
	case "knife", "knife_edge", "knifeedge":
		return KnifeEdge, nil
	case "flat_comfort", "flat-court", "flatcomfort":
		return FlatComfort, nil
	case "beveled":
		return Bevelled, nil
	default:
		for _, p := range Profiles {
			if string(p) == k {
				return p, nil
			}
		}
	}
	names := make([]string, len(Profiles))
	for i, p := range Profiles {
		names[i] = string(p)
	}
	return "", &FieldError{Field: "ring.profile", Value: fmt.Sprintf("%q", s), Allowed: strings.Join(names, ", ")}
}

// Shape fractions of the profiles, as fractions of the thickness t. They follow
// the proportions of trade profiles (iJewel3D band builder, REFERENCE.md §6):
// a comfort band 1.8 mm thick is domed 0.54 mm outside and 0.45 mm inside and
// keeps 0.81 mm square edges.
const (
	comfortInner = 0.25 // depth of the inner dome of comfort and flat-comfort
	comfortOuter = 0.30 // height of the outer dome of comfort
	dShapeEdge   = 0.30 // edge height of d-shape; the rest is the dome
	knifeEdge    = 0.30 // edge height of knife-edge; the rest rises to the ridge
	bevelFrac    = 0.30 // 45° chamfer of bevelled, capped at a quarter of the width
)

// MinThicknessMM returns the thinnest band the profile can hold, in mm. The
// crown must keep the casting wall of 0.8 mm (REFERENCE.md §5), and the domes
// and chamfers must leave edges of at least 0.5 mm where the profile has
// edges: comfort 0.45·t, flat-comfort 0.75·t, bevelled 0.7·t; d-shape and
// knife-edge edges are 0.3·t and must keep 0.3 mm.
func (p Profile) MinThicknessMM() float64 {
	switch p {
	case Comfort:
		return 0.5 / (1 - comfortInner - comfortOuter) // 1.11 mm
	case FlatComfort:
		return 0.8
	case DShape:
		return 0.3 / dShapeEdge // 1.0 mm
	case KnifeEdge:
		return 0.3 / knifeEdge // 1.0 mm
	case Bevelled:
		return 0.8
	}
	return 0.8
}

// piece is one stretch of a profile's outline: a straight line or a half
// ellipse from the previous point to To. A non-zero Dome is the height in mm of
// the half ellipse over its chord, to the right of the direction of travel (out
// of a counter-clockwise outline); the other semi-axis is half the chord, so a
// dome always fits the width it spans.
//
// Domes away from the finger are sampled area-true: their sampled height is
// raised by π/(n·sin(π/n)) so that the polygon encloses exactly the half
// ellipse's area (an affine image of a regular half polygon keeps the circle's
// area ratio n·sin(π/n)/π). The band's volume is then exact to the second order
// while every point stays within the chord tolerance. A dome on the finger side
// (Finger) keeps its vertices on the curve instead, so that its crown is the
// innermost point of the band and the inner diameter stays exact.
type piece struct {
	To     geom.Vec2
	Dome   float64
	Finger bool
}

// outline returns the profile's pieces for width w and thickness t (mm), in
// the (u, v) plane: u across the band (along the finger axis), v outward from
// the finger-hole surface (v = 0 is the innermost point). The outline is
// counter-clockwise and starts at its first point, which is also the last
// piece's end.
func (p Profile) outline(w, t float64) (start geom.Vec2, pieces []piece) {
	h := w / 2
	switch p {
	case Comfort:
		ci, co := comfortInner*t, comfortOuter*t
		return geom.Vec2{-h, ci}, []piece{
			{To: geom.Vec2{h, ci}, Dome: ci, Finger: true}, // inner dome, bulging toward the finger
			{To: geom.Vec2{h, t - co}},
			{To: geom.Vec2{-h, t - co}, Dome: co}, // outer dome
			{To: geom.Vec2{-h, ci}},
		}
	case FlatComfort:
		ci := comfortInner * t
		return geom.Vec2{-h, ci}, []piece{
			{To: geom.Vec2{h, ci}, Dome: ci, Finger: true},
			{To: geom.Vec2{h, t}},
			{To: geom.Vec2{-h, t}},
			{To: geom.Vec2{-h, ci}},
		}
	case DShape:
		e := dShapeEdge * t
		return geom.Vec2{-h, 0}, []piece{
			{To: geom.Vec2{h, 0}},
			{To: geom.Vec2{h, e}},
			{To: geom.Vec2{-h, e}, Dome: t - e},
			{To: geom.Vec2{-h, 0}},
		}
	case KnifeEdge:
		e := knifeEdge * t
		return geom.Vec2{-h, 0}, []piece{
			{To: geom.Vec2{h, 0}},
			{To: geom.Vec2{h, e}},
			{To: geom.Vec2{0, t}},
			{To: geom.Vec2{-h, e}},
			{To: geom.Vec2{-h, 0}},
		}
	case Bevelled:
		b := math.Min(bevelFrac*t, w/4)
		return geom.Vec2{-h, 0}, []piece{
			{To: geom.Vec2{h, 0}},
			{To: geom.Vec2{h, t - b}},
			{To: geom.Vec2{h - b, t}},
			{To: geom.Vec2{-h + b, t}},
			{To: geom.Vec2{-h, t - b}},
			{To: geom.Vec2{-h, 0}},
		}
	default: // Flat
		return geom.Vec2{-h, 0}, []piece{
			{To: geom.Vec2{h, 0}},
			{To: geom.Vec2{h, t}},
			{To: geom.Vec2{-h, t}},
			{To: geom.Vec2{-h, 0}},
		}
	}
}

// segmentCounts returns how many segments each piece of the outline needs at
// width w and thickness t so that every dome keeps within the tolerance. A half
// ellipse sampled at n equal steps of its parameter deviates from its chords by
// at most (π/n)²·max(a, b)/8, the figure of a circle of radius max(a, b), so it
// is given that circle's count. Domes get an even count so that their crown
// (the innermost point of a comfort band) is a vertex.
func (p Profile) segmentCounts(w, t float64, tol geom.Tolerance) []int {
	start, ps := p.outline(w, t)
	counts := make([]int, len(ps))
	prev := start
	for i, pc := range ps {
		counts[i] = 1
		if pc.Dome != 0 {
			r := math.Max(pc.To.Sub(prev).Len()/2, math.Abs(pc.Dome))
			// Area-true domes put vertices outside the curve by up to a third
			// of the sagitta: sample them at 3/4 of the tolerance.
			if !pc.Finger {
				tol.ChordMM = 0.75 * tol.Chord()
			}
			n := tol.Segments(r, math.Pi)
			n += n % 2
			counts[i] = max(n, 4)
		}
		prev = pc.To
	}
	return counts
}

// polygon samples the outline with the given per-piece segment counts. The
// result is counter-clockwise in (u, v) and does not repeat its first point.
func (p Profile) polygon(w, t float64, counts []int) []geom.Vec2 {
	start, ps := p.outline(w, t)
	n := 0
	for _, c := range counts {
		n += c
	}
	out := make([]geom.Vec2, 0, n)
	prev := start
	for i, pc := range ps {
		c := counts[i]
		if pc.Dome == 0 {
			for k := 0; k < c; k++ {
				f := float64(k) / float64(c)
				out = append(out, prev.Add(pc.To.Sub(prev).Mul(f)))
			}
		} else {
			dome := pc.Dome
			if !pc.Finger {
				dome *= math.Pi / (float64(c) * math.Sin(math.Pi/float64(c)))
			}
			out = appendDome(out, prev, pc.To, dome, c)
		}
		prev = pc.To
	}
	return out
}

// appendDome appends n points of the half ellipse from a to b (excluding b)
// whose height over the chord is dome, to the right of a→b.
func appendDome(out []geom.Vec2, a, b geom.Vec2, dome float64, n int) []geom.Vec2 {
	mid := a.Add(b).Mul(0.5)
	half := a.Sub(mid)
	d := b.Sub(a)
	right := geom.Vec2{d[1], -d[0]}.Mul(dome / d.Len())
	for k := 0; k < n; k++ {
		s, c := math.Sincos(math.Pi * float64(k) / float64(n))
		out = append(out, mid.Add(half.Mul(c)).Add(right.Mul(s)))
	}
	return out
}
