package link

import (
	"math"
	"strings"

	"github.com/mandrel3d/mandrel/geom"
)

// Path is the curve a chain's link centres follow.
type Path string

// Chain paths.
const (
	// Straight runs along X, centred at the origin, links alternating flat
	// (in XY) and upright; an open chain, measured tip to tip.
	Straight Path = "straight"
	// Circle is a closed loop in the XY plane around the origin (a bracelet
	// lying on a table); measured along the link centres.
	Circle Path = "circle"
	// Necklace is a closed loop in the XZ plane facing the viewer, an
	// ellipse 1.3 times as tall as wide with link 0 at the bottom (where a
	// pendant hangs); measured along the link centres.
	Necklace Path = "necklace"
)

// Paths lists the chain paths in a fixed order.
var Paths = []Path{Straight, Circle, Necklace}

// ParsePath returns the path of a name ("" means Straight).
func ParsePath(s string) (Path, error) {
	if s == "" {
		return Straight, nil
	}
	for _, p := range Paths {
		if strings.EqualFold(s, string(p)) {
			return p, nil
		}
	}
	return "", fieldErr("chain.path", s, "allowed straight, circle, necklace")
}

// closed reports whether the path is a loop.
func (p Path) closed() bool { return p == Circle || p == Necklace }

// normal is the plane the path lies in, by its normal.
func (p Path) normal() geom.Vec3 {
	if p == Necklace {
		return geom.Vec3{0, 1, 0}
	}
	return geom.Vec3{0, 0, 1}
}

// unitCurve is the closed path at scale 1, parameter t in [0, 2π).
func (p Path) unitCurve(t float64) geom.Vec3 {
	s, c := math.Sincos(t)
	if p == Necklace {
		return geom.Vec3{s, 0, -necklaceAspect * c}
	}
	return geom.Vec3{c, s, 0}
}

// necklaceAspect is a Necklace's height over its width.
const necklaceAspect = 1.3

// placeClosed puts len(dist) points on the closed path, consecutive ones
// dist[k] apart (chord length, mm; the last back to the first), by finding
// the path's scale at which the chords close the loop.
func placeClosed(p Path, dist []float64) []geom.Vec3 {
	total := 0.0
	for _, d := range dist {
		total += d
	}
	// Perimeter of the unit curve.
	per := 0.0
	const m = 4096
	for i := 0; i < m; i++ {
		per += p.unitCurve(2 * math.Pi * float64(i+1) / m).Sub(p.unitCurve(2 * math.Pi * float64(i) / m)).Len()
	}
	// walk returns the parameter reached after all but the last chord, and
	// the points, at scale s.
	walk := func(s float64, pts []geom.Vec3) float64 {
		t := 0.0
		q := p.unitCurve(0).Mul(s)
		pts[0] = q
		for k := 0; k+1 < len(dist); k++ {
			t = nextAt(p, s, t, q, dist[k])
			q = p.unitCurve(t).Mul(s)
			pts[k+1] = q
		}
		return t
	}
	pts := make([]geom.Vec3, len(dist))
	// The chords must come round exactly once: bisect on the scale for the
	// parameter after the last chord to be 2π (it falls as the scale grows).
	resid := func(s float64) float64 {
		t := walk(s, pts)
		return nextAt(p, s, t, pts[len(pts)-1], dist[len(dist)-1]) - 2*math.Pi
	}
	lo, hi := 0.5*total/per, 1.5*total/per
	for i := 0; i < 60 && hi-lo > 1e-12*hi; i++ {
		mid := (lo + hi) / 2
		if resid(mid) > 0 { // went past the start: the loop is too small
			lo = mid
		} else {
			hi = mid
		}
	}
	walk((lo+hi)/2, pts)
	return pts
}

// nextAt returns the parameter after t at which the scaled curve lies the
// chord d from q = curve(t).
func nextAt(p Path, s, t float64, q geom.Vec3, d float64) float64 {
	// Bracket: the chord grows with the parameter for chords shorter than
	// the curve's half.
	step := d / s / necklaceAspect / 2
	lo, hi := t, t+step
	for p.unitCurve(hi).Mul(s).Sub(q).Len() < d && hi < t+math.Pi {
		lo, hi = hi, hi+step
	}
	for i := 0; i < 50; i++ {
		mid := (lo + hi) / 2
		if p.unitCurve(mid).Mul(s).Sub(q).Len() < d {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}
