package geom

import "math"

// Exact geometric predicates (Shewchuk, "Adaptive Precision Floating-Point
// Arithmetic and Fast Robust Geometric Predicates", 1997): a floating-point
// filter with a proven error bound, and exact arithmetic on expansions (lists
// of non-overlapping float64 terms, increasing in magnitude, summing to the
// exact value) when the filter cannot decide. The triangulation (cdt.go) and
// the triangle intersection test (triintersect.go) share them.

const predEps = 1.1102230246251565e-16 // 2^-53, half an ulp of 1

var (
	ccwErrBound = (3 + 16*predEps) * predEps
	iccErrBound = (10 + 96*predEps) * predEps
)

// orient2 returns +1 when a, b, c turn counter-clockwise, −1 when clockwise,
// 0 when they are collinear, exactly.
func orient2(a, b, c Vec2) int {
	l := (a[0] - c[0]) * (b[1] - c[1])
	r := (a[1] - c[1]) * (b[0] - c[0])
	det := l - r
	var sum float64
	switch {
	case l > 0:
		if r <= 0 {
			return signOf(det)
		}
		sum = l + r
	case l < 0:
		if r >= 0 {
			return signOf(det)
		}
		sum = -l - r
	default:
		return signOf(det)
	}
	if b := ccwErrBound * sum; det >= b || -det >= b {
		return signOf(det)
	}
	return orient2Exact(a, b, c)
}

func signOf(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

func orient2Exact(a, b, c Vec2) int {
	var buf [4][2]float64
	acx := ceDiff(buf[0][:0], a[0], c[0])
	bcy := ceDiff(buf[1][:0], b[1], c[1])
	acy := ceDiff(buf[2][:0], a[1], c[1])
	bcx := ceDiff(buf[3][:0], b[0], c[0])
	l := ceMul(acx, bcy)
	r := ceMul(acy, bcx)
	return ceSign(ceSub(l, r))
}

// incircle2 returns +1 when d lies inside the circle through a, b, c
// (counter-clockwise), −1 outside, 0 on it, exactly.
func incircle2(a, b, c, d Vec2) int {
	adx, ady := a[0]-d[0], a[1]-d[1]
	bdx, bdy := b[0]-d[0], b[1]-d[1]
	cdx, cdy := c[0]-d[0], c[1]-d[1]
	bdxcdy, cdxbdy := bdx*cdy, cdx*bdy
	alift := adx*adx + ady*ady
	cdxady, adxcdy := cdx*ady, adx*cdy
	blift := bdx*bdx + bdy*bdy
	adxbdy, bdxady := adx*bdy, bdx*ady
	clift := cdx*cdx + cdy*cdy
	det := alift*(bdxcdy-cdxbdy) + blift*(cdxady-adxcdy) + clift*(adxbdy-bdxady)
	perm := (math.Abs(bdxcdy)+math.Abs(cdxbdy))*alift +
		(math.Abs(cdxady)+math.Abs(adxcdy))*blift +
		(math.Abs(adxbdy)+math.Abs(bdxady))*clift
	if bound := iccErrBound * perm; det > bound || -det > bound {
		return signOf(det)
	}
	return incircle2Exact(a, b, c, d)
}

func incircle2Exact(a, b, c, d Vec2) int {
	var buf [6][2]float64
	adx := ceDiff(buf[0][:0], a[0], d[0])
	ady := ceDiff(buf[1][:0], a[1], d[1])
	bdx := ceDiff(buf[2][:0], b[0], d[0])
	bdy := ceDiff(buf[3][:0], b[1], d[1])
	cdx := ceDiff(buf[4][:0], c[0], d[0])
	cdy := ceDiff(buf[5][:0], c[1], d[1])
	alift := ceAdd(ceMul(adx, adx), ceMul(ady, ady))
	blift := ceAdd(ceMul(bdx, bdx), ceMul(bdy, bdy))
	clift := ceAdd(ceMul(cdx, cdx), ceMul(cdy, cdy))
	bc := ceSub(ceMul(bdx, cdy), ceMul(bdy, cdx))
	ca := ceSub(ceMul(cdx, ady), ceMul(cdy, adx))
	ab := ceSub(ceMul(adx, bdy), ceMul(ady, bdx))
	det := ceAdd(ceAdd(ceMul(alift, bc), ceMul(blift, ca)), ceMul(clift, ab))
	return ceSign(det)
}

// ceTwoSum returns x = fl(a+b) and the exact error y: a + b = x + y.
func ceTwoSum(a, b float64) (x, y float64) {
	x = a + b
	bv := x - a
	av := x - bv
	return x, (a - av) + (b - bv)
}

// ceDiff appends the exact difference a − b as an expansion to dst.
func ceDiff(dst []float64, a, b float64) []float64 {
	x, y := ceTwoSum(a, -b)
	if y != 0 {
		dst = append(dst, y)
	}
	if x != 0 {
		dst = append(dst, x)
	}
	return dst
}

// ceGrow adds b to the expansion e in place (Shewchuk's Grow-Expansion with
// zero elimination): components stay non-overlapping, increasing in
// magnitude, so the last one carries the sign.
func ceGrow(e []float64, b float64) []float64 {
	q := b
	n := 0
	for _, x := range e {
		var h float64
		q, h = ceTwoSum(q, x)
		if h != 0 {
			e[n] = h
			n++
		}
	}
	e = e[:n]
	if q != 0 {
		e = append(e, q)
	}
	return e
}

// ceMul returns the exact product of two expansions.
func ceMul(e, f []float64) []float64 {
	out := make([]float64, 0, 2*len(e)*len(f)+1)
	for _, x := range e {
		for _, y := range f {
			p := x * y
			out = ceGrow(out, math.FMA(x, y, -p))
			out = ceGrow(out, p)
		}
	}
	return out
}

// ceAdd returns the exact sum of two expansions.
func ceAdd(e, f []float64) []float64 {
	out := make([]float64, len(e), len(e)+len(f)+1)
	copy(out, e)
	for _, y := range f {
		out = ceGrow(out, y)
	}
	return out
}

// ceSub returns the exact difference e − f.
func ceSub(e, f []float64) []float64 {
	out := make([]float64, len(e), len(e)+len(f)+1)
	copy(out, e)
	for _, y := range f {
		out = ceGrow(out, -y)
	}
	return out
}

func ceSign(e []float64) int {
	if len(e) == 0 {
		return 0
	}
	return signOf(e[len(e)-1])
}

// ceSignZeros returns the sign of an expansion that may hold zero terms
// (Grow-Expansion without zero elimination): that of its largest non-zero
// term.
func ceSignZeros(e []float64) int {
	for i := len(e) - 1; i >= 0; i-- {
		if e[i] != 0 {
			return signOf(e[i])
		}
	}
	return 0
}
