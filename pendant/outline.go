package pendant

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Outline returns the pendant's outline in its own plane (x right, y up),
// counter-clockwise, mm, centred on its box, sampled so that chords stay
// within the tolerance of the curve.
func Outline(p Params) ([]geom.Vec2, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return outline(p.withDefaults()), nil
}

func outline(p Params) []geom.Vec2 {
	w, h := p.WidthMM/2, p.HeightMM/2
	var out []geom.Vec2
	switch p.Shape {
	case Custom:
		c := geom.Contour(p.Outline)
		if len(c) > 3 && c[0] == c[len(c)-1] {
			c = c[:len(c)-1]
		}
		out = append([]geom.Vec2(nil), c...)
		if c.Area() < 0 {
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
		}
		return out
	case Disc, Oval:
		out = sampleCurve(func(t float64) geom.Vec2 {
			s, c := math.Sincos(t)
			return geom.Vec2{w * c, h * s}
		}, p.Tolerance)
	case Heart:
		// The classic heart curve, x = sin³t, y = (13cos t − 5cos 2t −
		// 2cos 3t − cos 4t)/16, scaled to the box; t = 0 is the notch.
		f := func(t float64) geom.Vec2 {
			s := math.Sin(t)
			y := (13*math.Cos(t) - 5*math.Cos(2*t) - 2*math.Cos(3*t) - math.Cos(4*t)) / 16
			return geom.Vec2{-s * s * s, y}
		}
		raw := sampleCurve(func(t float64) geom.Vec2 { q := f(t); return geom.Vec2{q[0] * w, q[1] * h} }, p.Tolerance)
		b := geom.Contour(raw).Bounds()
		sx, sy := 2*w/(b.Max[0]-b.Min[0]), 2*h/(b.Max[1]-b.Min[1])
		cy := (b.Max[1] + b.Min[1]) / 2
		for _, q := range raw {
			out = append(out, geom.Vec2{q[0] * sx, (q[1] - cy) * sy})
		}
	case Teardrop:
		r := w
		cy := -h + r
		l := 2*h - r // tip to circle centre
		beta := math.Acos(math.Min(1, r/l))
		a0, a1 := math.Pi/2+beta, 2*math.Pi+math.Pi/2-beta
		n := p.Tolerance.Segments(r, a1-a0)
		for i := 0; i <= n; i++ {
			s, c := math.Sincos(a0 + (a1-a0)*float64(i)/float64(n))
			out = append(out, geom.Vec2{r * c, cy + r*s})
		}
		tip := geom.Vec2{0, h}
		last := out[len(out)-1]
		for i := 1; i < 8; i++ { // the straight side up to the tip
			out = append(out, last.Add(tip.Sub(last).Mul(float64(i)/8)))
		}
		first := out[0]
		out = append(out, tip)
		for i := 1; i < 8; i++ {
			out = append(out, tip.Add(first.Sub(tip).Mul(float64(i)/8)))
		}
	case Bar:
		rc := 0.15 * math.Min(2*w, 2*h)
		n := p.Tolerance.Segments(rc, math.Pi/2)
		for k := 0; k < 4; k++ {
			sx, sy := 1.0, 1.0
			if k == 1 || k == 2 {
				sx = -1
			}
			if k >= 2 {
				sy = -1
			}
			for i := 0; i <= n; i++ {
				s, c := math.Sincos(math.Pi/2*float64(k) + math.Pi/2*float64(i)/float64(n))
				out = append(out, geom.Vec2{sx*(w-rc) + rc*c, sy*(h-rc) + rc*s})
			}
		}
	}
	return out
}

// sampleCurve samples a closed curve on [0, 2π) by splitting pieces whose
// midpoint strays more than the chord tolerance or whose ends' directions
// differ by more than the tolerance's angle.
func sampleCurve(f func(t float64) geom.Vec2, tol geom.Tolerance) []geom.Vec2 {
	chord, ang := tol.Chord(), tol.MaxAngle()
	var out []geom.Vec2
	var split func(t0, t1 float64, depth int)
	split = func(t0, t1 float64, depth int) {
		p0, p1, pm := f(t0), f(t1), f((t0+t1)/2)
		d := segDist(p0, p1, pm)
		e0, e1 := pm.Sub(p0), p1.Sub(pm)
		turn := 0.0
		if e0.Len() > 0 && e1.Len() > 0 {
			turn = math.Acos(math.Max(-1, math.Min(1, e0.Normalize().Dot(e1.Normalize()))))
		}
		if depth < 16 && (d > chord || 2*turn > ang) {
			split(t0, (t0+t1)/2, depth+1)
			split((t0+t1)/2, t1, depth+1)
			return
		}
		if len(out) == 0 || p0.Sub(out[len(out)-1]).Len() > 1e-9 {
			out = append(out, p0)
		}
	}
	for i := 0; i < 16; i++ {
		split(2*math.Pi*float64(i)/16, 2*math.Pi*float64(i+1)/16, 0)
	}
	if len(out) > 1 && out[0].Sub(out[len(out)-1]).Len() < 1e-9 {
		out = out[:len(out)-1]
	}
	return out
}

func segDist(a, b, p geom.Vec2) float64 {
	ab := b.Sub(a)
	t := 0.0
	if l2 := ab.Dot(ab); l2 > 0 {
		t = math.Max(0, math.Min(1, p.Sub(a).Dot(ab)/l2))
	}
	return p.Sub(a.Add(ab.Mul(t))).Len()
}

func polyDist(p geom.Vec2, poly []geom.Vec2) float64 {
	best := math.Inf(1)
	for i, a := range poly {
		best = math.Min(best, segDist(a, poly[(i+1)%len(poly)], p))
	}
	return best
}
