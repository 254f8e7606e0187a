package link

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// LinkingNumber returns the Gauss linking number of two closed polylines
// (each not repeating its first point): ±1 for two links that pass through
// each other once, 0 for two that do not interlock. It sums the exact
// signed solid angle each pair of segments subtends (Klenin and Langowski,
// "Computation of writhe in modeling of supercoiled DNA", Biopolymers 54,
// 2000, eq. 15), so for curves that do not touch the result is an integer
// up to rounding.
func LinkingNumber(a, b []geom.Vec3) float64 {
	var sum float64
	for i := range a {
		p1, p2 := a[i], a[(i+1)%len(a)]
		for j := range b {
			p3, p4 := b[j], b[(j+1)%len(b)]
			sum += segmentSolidAngle(p1, p2, p3, p4)
		}
	}
	return sum / (4 * math.Pi)
}

func segmentSolidAngle(p1, p2, p3, p4 geom.Vec3) float64 {
	r13, r14 := p3.Sub(p1), p4.Sub(p1)
	r23, r24 := p3.Sub(p2), p4.Sub(p2)
	n1 := unitOr0(r13.Cross(r14))
	n2 := unitOr0(r14.Cross(r24))
	n3 := unitOr0(r24.Cross(r23))
	n4 := unitOr0(r23.Cross(r13))
	as := func(x float64) float64 { return math.Asin(math.Max(-1, math.Min(1, x))) }
	om := as(n1.Dot(n2)) + as(n2.Dot(n3)) + as(n3.Dot(n4)) + as(n4.Dot(n1))
	s := p4.Sub(p3).Cross(p2.Sub(p1)).Dot(r13)
	switch {
	case s > 0:
		return om
	case s < 0:
		return -om
	}
	return 0
}

func unitOr0(v geom.Vec3) geom.Vec3 {
	l := v.Len()
	if l == 0 {
		return v
	}
	return v.Mul(1 / l)
}
