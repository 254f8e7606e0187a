package gem

import (
	"math"
	"sort"

	"github.com/mandrel3d/mandrel/geom"
)

// keyCount is the number of girdle points of the brilliant pattern: 8 main
// points (where the bezels and pavilion mains touch the girdle) alternating
// with 8 half points (where the upper and lower girdle facets meet).
const keyCount = 16

// curve is a closed girdle outline parametrised by u in [0, keyCount): the
// integer values are the brilliant pattern's girdle points, counter-clockwise
// from +X, even ones the mains.
type curve func(u float64) geom.Vec2

// brilliantCurve returns the outline of a brilliant-pattern cut of the given
// length (along X) and width (along Y) in mm.
func brilliantCurve(c Cut, l, w float64) curve {
	a, b := l/2, w/2
	step := math.Pi / 8
	switch c {
	case Cushion:
		// superellipse |x/a|^n + |y/b|^n = 1: a square with rounded corners
		// whose sides bow out, as on a cushion.
		const n = 3.5
		return func(u float64) geom.Vec2 {
			s, co := math.Sincos(u * step)
			return geom.Vec2{a * math.Copysign(math.Pow(math.Abs(co), 2/n), co), b * math.Copysign(math.Pow(math.Abs(s), 2/n), s)}
		}
	case Marquise:
		// two circular arcs through (±a, 0) and (0, ±b).
		rho := (a*a + b*b) / (2 * b)
		yc := b - rho
		phi0 := math.Atan2(-yc, a)
		upper := func(u float64) geom.Vec2 {
			phi := phi0 + (math.Pi-2*phi0)*u/8
			s, co := math.Sincos(phi)
			return geom.Vec2{rho * co, yc + rho*s}
		}
		return func(u float64) geom.Vec2 {
			if u <= 8 {
				return upper(u)
			}
			p := upper(16 - u)
			return geom.Vec2{p[0], -p[1]}
		}
	case Pear:
		// the teardrop curve x = a cos θ, y ∝ sin θ · sin(θ/2): round toward −X,
		// a point toward +X; its widest value, 4/(3√3) before scaling, is b.
		// Girdle points are spread evenly by arc length.
		k := b / (4 / (3 * math.Sqrt(3)))
		return byArcLength(func(u float64) geom.Vec2 {
			th := u * step
			s, co := math.Sincos(th)
			return geom.Vec2{a * co, k * s * math.Sin(th/2)}
		})
	case Heart:
		return heartCurve(a, b)
	default: // Round, Oval
		return func(u float64) geom.Vec2 {
			s, co := math.Sincos(u * step)
			return geom.Vec2{a * co, b * s}
		}
	}
}

// heartCurve is a heart with its point at (a, 0), two circular lobes
// reaching x = −a and y = ±b, and a cleft where the lobes meet on the X axis.
// Each side from the point to its lobe is a circular arc leaving the point at
// heartTipDeg to the axis and meeting the lobe tangentially, so the outline is
// smooth everywhere but at the point and the cleft. Each half is
// parametrised by arc length.
func heartCurve(a, b float64) curve {
	rho := 0.7 * b                       // lobe radius
	ox, oy := -a+rho, b-rho              // upper lobe centre
	clx := ox - math.Sqrt(rho*rho-oy*oy) // cleft on the X axis
	// side circle: centre C = P + R·e on the inner normal e at the point P,
	// internally tangent to the lobe: |C − O| = R − ρ.
	sg, cg := math.Sincos(heartTipDeg * math.Pi / 180)
	ex, ey := -sg, -cg
	px, py := a-ox, -oy // P − O
	R := (rho*rho - px*px - py*py) / (2 * (px*ex + py*ey + rho))
	cx, cy := a+R*ex, R*ey
	// tangent point: from C through O, at distance R from C
	dx, dy := ox-cx, oy-cy
	dl := math.Hypot(dx, dy)
	tx, ty := cx+R*dx/dl, cy+R*dy/dl
	phiP := math.Atan2(-cy, a-cx) // the point's angle on the side circle
	phiT := math.Atan2(ty-cy, tx-cx)
	side := R * (phiT - phiP)
	psiT := math.Atan2(ty-oy, tx-ox)
	psiC := math.Atan2(-oy, clx-ox)
	for psiC < psiT {
		psiC += 2 * math.Pi
	}
	arc := rho * (psiC - psiT)
	upper := func(u float64) geom.Vec2 {
		s := u / 8 * (side + arc)
		if s <= side {
			phi := phiP + s/R
			return geom.Vec2{cx + R*math.Cos(phi), cy + R*math.Sin(phi)}
		}
		psi := psiT + (s-side)/rho
		return geom.Vec2{ox + rho*math.Cos(psi), oy + rho*math.Sin(psi)}
	}
	return func(u float64) geom.Vec2 {
		if u <= 8 {
			return upper(u)
		}
		p := upper(16 - u)
		return geom.Vec2{p[0], -p[1]}
	}
}

// heartTipDeg is the angle between a heart's side and its axis at the point,
// degrees (a 110° point, the sides bowing out to the lobes).
const heartTipDeg = 55

// byArcLength reparametrises a curve symmetric about the X axis (u and
// keyCount − u mirror each other) so that equal steps of u cover equal
// lengths of outline.
func byArcLength(c curve) curve {
	const n = 512
	cum := make([]float64, n+1)
	prev := c(0)
	for i := 1; i <= n; i++ {
		p := c(keyCount * float64(i) / n)
		cum[i] = cum[i-1] + p.Sub(prev).Len()
		prev = p
	}
	total := cum[n]
	return func(u float64) geom.Vec2 {
		s := u / keyCount * total
		i := sort.SearchFloat64s(cum, s)
		if i <= 0 {
			return c(0)
		}
		if i > n {
			i = n
		}
		f := (s - cum[i-1]) / (cum[i] - cum[i-1])
		return c(keyCount * (float64(i-1) + f) / n)
	}
}

// sampled is a girdle outline sampled within the chord tolerance.
type sampled struct {
	pts []geom.Vec2 // counter-clockwise seen from +Z
	key []int       // key[k] is the index in pts of girdle point k (len keyCount+1, last = len(pts))
}

// sample samples each span between girdle points finely enough that the
// chords stay within the tolerance.
func sample(c curve, tol geom.Tolerance) sampled {
	var s sampled
	for k := 0; k < keyCount; k++ {
		s.key = append(s.key, len(s.pts))
		n := spanSegments(c, float64(k), float64(k+1), tol)
		for i := 0; i < n; i++ {
			s.pts = append(s.pts, c(float64(k)+float64(i)/float64(n)))
		}
	}
	s.key = append(s.key, len(s.pts))
	return s
}

// spanSegments estimates how many chords the curve needs between u0 and u1:
// it measures the span's length and turning, and treats it as an arc.
func spanSegments(c curve, u0, u1 float64, tol geom.Tolerance) int {
	const probes = 16
	var length, turn float64
	prev := c(u0)
	var pd geom.Vec2
	for i := 1; i <= probes; i++ {
		p := c(u0 + (u1-u0)*float64(i)/probes)
		d := p.Sub(prev)
		length += d.Len()
		if i > 1 {
			turn += math.Abs(math.Atan2(pd[0]*d[1]-pd[1]*d[0], pd.Dot(d)))
		}
		pd, prev = d, p
	}
	if turn < 1e-9 || length == 0 {
		return 1
	}
	n := tol.Segments(length/turn, turn)
	if n > 64 {
		n = 64
	}
	return n
}

// polygonOutline returns the corners of a stepped cut's outline,
// counter-clockwise from +X, and the index of each pointed corner.
func polygonOutline(c Cut, l, w float64) []geom.Vec2 {
	a, b := l/2, w/2
	switch c {
	case Emerald, Asscher:
		k := 0.15 * w // corner cut, each leg
		if c == Asscher {
			k = 0.25 * w
		}
		return []geom.Vec2{{a, -b + k}, {a, b - k}, {a - k, b}, {-a + k, b}, {-a, b - k}, {-a, -b + k}, {-a + k, -b}, {a - k, -b}}
	case Trillion:
		// a triangle with its first corner on +X and the opposite side
		// parallel to Y, so the bounding box is l × w and the centroid is the
		// origin (equilateral when l = w·√3/2).
		return []geom.Vec2{{2 * l / 3, 0}, {-l / 3, b}, {-l / 3, -b}}
	default: // Princess, Baguette: a rectangle, corners first toward +X+Y
		return []geom.Vec2{{a, b}, {-a, b}, {-a, -b}, {a, -b}}
	}
}

// inradius returns the distance from the origin to the nearest side of a
// convex polygon that contains the origin.
func inradius(p []geom.Vec2) float64 {
	r := math.Inf(1)
	for i := range p {
		a, b := p[i], p[(i+1)%len(p)]
		e := b.Sub(a)
		d := math.Abs(e[0]*a[1]-e[1]*a[0]) / e.Len()
		r = math.Min(r, d)
	}
	return r
}
