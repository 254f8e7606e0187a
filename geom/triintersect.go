package geom

import "math"

// This file decides whether two triangles meet, exactly: the only arithmetic
// is the sign of orientation determinants, computed in float64 and checked
// against Shewchuk's forward error bound ("Adaptive Precision Floating-Point
// Arithmetic and Fast Robust Geometric Predicates", 1997); when the float
// value is too small to trust, the determinant is recomputed exactly with
// floating-point expansions. Coplanar faces of a cube or a gem, vertices lying on
// another triangle's edge, and triangles sharing edges are decided exactly.
// The structure follows Möller ("A Fast Triangle-Triangle Intersection Test",
// 1997): reject when one triangle lies strictly on one side of the other's
// plane, handle the coplanar case in 2D, otherwise test the edges of each
// triangle against the other.

// Error-bound coefficients of Shewchuk's orient2d and orient3d filters
// (ε = 2⁻⁵³): a float determinant larger than coefficient × permanent has the
// right sign.
const (
	o3dErrBoundA = (7 + 56*predEps) * predEps
)

// orient3d returns the sign (−1, 0, +1) of det[a−d; b−d; c−d]: positive when
// d lies below the plane of (a, b, c), that is on the side opposite the
// right-hand normal (b−a)×(c−a).
func orient3d(a, b, c, d Vec3) int {
	adx, ady, adz := a[0]-d[0], a[1]-d[1], a[2]-d[2]
	bdx, bdy, bdz := b[0]-d[0], b[1]-d[1], b[2]-d[2]
	cdx, cdy, cdz := c[0]-d[0], c[1]-d[1], c[2]-d[2]
	bdxcdy, cdxbdy := bdx*cdy, cdx*bdy
	cdxady, adxcdy := cdx*ady, adx*cdy
	adxbdy, bdxady := adx*bdy, bdx*ady
	det := adz*(bdxcdy-cdxbdy) + bdz*(cdxady-adxcdy) + cdz*(adxbdy-bdxady)
	perm := math.Abs(adz)*(math.Abs(bdxcdy)+math.Abs(cdxbdy)) +
		math.Abs(bdz)*(math.Abs(cdxady)+math.Abs(adxcdy)) +
		math.Abs(cdz)*(math.Abs(adxbdy)+math.Abs(bdxady))
	if det > o3dErrBoundA*perm {
		return 1
	}
	if -det > o3dErrBoundA*perm {
		return -1
	}
	return orient3dExact(a, b, c, d)
}

// orient3dExact computes the sign of the orient3d determinant exactly with
// floating-point expansions (Shewchuk 1997): every difference, product and
// sum is kept as a list of non-overlapping float64 terms whose sum is the
// exact value, so the sign is that of the largest term.
func orient3dExact(a, b, c, d Vec3) int {
	// Fast exact path: when every coordinate difference is exact in
	// float64 (neighbouring vertices of a mesh, by Sterbenz's lemma, or
	// coordinates on a grid), the determinant is a sum of six triple
	// products, each exactly four float64 terms with FMA; summing the 24
	// terms into one expansion needs no allocation.
	var df [3][3]float64 // df[i][k]: coordinate k of (a, b, c)[i] − d
	exact := true
	for i, p := range [3]Vec3{a, b, c} {
		for k := 0; k < 3; k++ {
			var e float64
			df[i][k], e = ceTwoSum(p[k], -d[k])
			exact = exact && e == 0
		}
	}
	if exact {
		var buf [24]float64
		n := 0
		add := func(x, y, z float64) {
			p := x * y
			pe := math.FMA(x, y, -p)
			for _, u := range [2]float64{pe, p} {
				hi := u * z
				for _, t := range [2]float64{math.FMA(u, z, -hi), hi} {
					// Grow-Expansion in place: buf[:n] stays a
					// non-overlapping expansion of increasing magnitude
					// (zeros allowed).
					q := t
					for i := 0; i < n; i++ {
						q, buf[i] = ceTwoSum(q, buf[i])
					}
					buf[n] = q
					n++
				}
			}
		}
		A, B, C := df[0], df[1], df[2]
		add(A[2], B[0], C[1])
		add(-A[2], C[0], B[1])
		add(B[2], C[0], A[1])
		add(-B[2], A[0], C[1])
		add(C[2], A[0], B[1])
		add(-C[2], B[0], A[1])
		return ceSignZeros(buf[:n])
	}
	var buf [9][2]float64
	var ad, bd, cd [3][]float64
	for k := 0; k < 3; k++ {
		ad[k] = ceDiff(buf[k][:0], a[k], d[k])
		bd[k] = ceDiff(buf[3+k][:0], b[k], d[k])
		cd[k] = ceDiff(buf[6+k][:0], c[k], d[k])
	}
	minor := func(x, y [3][]float64) []float64 { // x_x y_y − x_y y_x
		return ceSub(ceMul(x[0], y[1]), ceMul(x[1], y[0]))
	}
	det := ceMul(ad[2], minor(bd, cd))
	det = ceAdd(det, ceMul(bd[2], minor(cd, ad)))
	det = ceAdd(det, ceMul(cd[2], minor(ad, bd)))
	return ceSign(det)
}

// orient2d returns the sign of det[a−c; b−c]: positive when a, b, c run
// counter-clockwise.
func orient2d(a, b, c Vec2) int { return orient2(a, b, c) }

// TrianglesIntersect reports whether the closed triangles a and b have at
// least one point in common: crossing, touching at a point or along an edge,
// or overlapping in a common plane. The answer is exact for the given float64
// coordinates. Degenerate triangles (collinear corners) are handled as the
// segments or points they are only in the non-coplanar case; callers should
// leave them out.
func TrianglesIntersect(a, b [3]Vec3) bool {
	var sb, sa [3]int
	for i := 0; i < 3; i++ {
		sb[i] = orient3d(a[0], a[1], a[2], b[i])
	}
	if allSame(sb) {
		return false
	}
	if sb == [3]int{} {
		return coplanarTrianglesIntersect(a, b)
	}
	for i := 0; i < 3; i++ {
		sa[i] = orient3d(b[0], b[1], b[2], a[i])
	}
	if allSame(sa) {
		return false
	}
	for i := 0; i < 3; i++ {
		j := (i + 1) % 3
		if segmentTriangle(a[i], a[j], sa[i], sa[j], b) || segmentTriangle(b[i], b[j], sb[i], sb[j], a) {
			return true
		}
	}
	return false
}

// allSame reports whether three signs are all strictly positive or all
// strictly negative.
func allSame(s [3]int) bool {
	return s[0] > 0 && s[1] > 0 && s[2] > 0 || s[0] < 0 && s[1] < 0 && s[2] < 0
}

// segmentTriangle reports whether the closed segment pq meets the closed
// triangle t, given the orient3d signs of p and q against t's plane.
func segmentTriangle(p, q Vec3, sp, sq int, t [3]Vec3) bool {
	if sp == sq && sp != 0 {
		return false
	}
	if sp == 0 && sq == 0 {
		ax := dropAxis(t)
		return segmentTriangle2(proj(p, ax), proj(q, ax), proj(t[0], ax), proj(t[1], ax), proj(t[2], ax))
	}
	// The line pq crosses the plane within the segment; it passes through
	// the triangle when it turns the same way around all three edges.
	s0 := orient3d(p, q, t[0], t[1])
	s1 := orient3d(p, q, t[1], t[2])
	s2 := orient3d(p, q, t[2], t[0])
	return (s0 >= 0 && s1 >= 0 && s2 >= 0) || (s0 <= 0 && s1 <= 0 && s2 <= 0)
}

// dropAxis returns the axis along which the triangle's normal is largest;
// dropping it projects the triangle to 2D without collapsing it.
func dropAxis(t [3]Vec3) int {
	n := t[1].Sub(t[0]).Cross(t[2].Sub(t[0]))
	ax := 0
	for k := 1; k < 3; k++ {
		if math.Abs(n[k]) > math.Abs(n[ax]) {
			ax = k
		}
	}
	return ax
}

// proj drops coordinate ax (exactly: no arithmetic).
func proj(p Vec3, ax int) Vec2 {
	switch ax {
	case 0:
		return Vec2{p[1], p[2]}
	case 1:
		return Vec2{p[2], p[0]}
	}
	return Vec2{p[0], p[1]}
}

func coplanarTrianglesIntersect(a, b [3]Vec3) bool {
	ax := dropAxis(a)
	var p, q [3]Vec2
	for i := 0; i < 3; i++ {
		p[i], q[i] = proj(a[i], ax), proj(b[i], ax)
	}
	for i := 0; i < 3; i++ {
		if segmentTriangle2(p[i], p[(i+1)%3], q[0], q[1], q[2]) {
			return true
		}
	}
	// no edge of a meets b: either b lies inside a, or they are apart.
	return pointInTriangle2(q[0], p[0], p[1], p[2])
}

// pointInTriangle2 reports whether p lies in the closed 2D triangle abc of
// either orientation.
func pointInTriangle2(p, a, b, c Vec2) bool {
	s0, s1, s2 := orient2d(a, b, p), orient2d(b, c, p), orient2d(c, a, p)
	return (s0 >= 0 && s1 >= 0 && s2 >= 0) || (s0 <= 0 && s1 <= 0 && s2 <= 0)
}

// segmentTriangle2 reports whether the closed 2D segment pq meets the closed
// triangle abc.
func segmentTriangle2(p, q, a, b, c Vec2) bool {
	return pointInTriangle2(p, a, b, c) || pointInTriangle2(q, a, b, c) ||
		segmentsIntersect2(p, q, a, b) || segmentsIntersect2(p, q, b, c) || segmentsIntersect2(p, q, c, a)
}

// segmentsIntersect2 reports whether the closed 2D segments pq and rs meet.
func segmentsIntersect2(p, q, r, s Vec2) bool {
	o1, o2 := orient2d(p, q, r), orient2d(p, q, s)
	o3, o4 := orient2d(r, s, p), orient2d(r, s, q)
	if o1*o2 < 0 && o3*o4 < 0 {
		return true
	}
	return o1 == 0 && onSegment2(p, q, r) || o2 == 0 && onSegment2(p, q, s) ||
		o3 == 0 && onSegment2(r, s, p) || o4 == 0 && onSegment2(r, s, q)
}

// onSegment2 reports whether r, known to be collinear with pq, lies between
// p and q.
func onSegment2(p, q, r Vec2) bool {
	return math.Min(p[0], q[0]) <= r[0] && r[0] <= math.Max(p[0], q[0]) &&
		math.Min(p[1], q[1]) <= r[1] && r[1] <= math.Max(p[1], q[1])
}

// meshTrianglesIntersect reports whether triangles ta and tb of a mesh meet
// other than at the vertices they share by index: with no shared vertex, any
// common point counts; with one shared vertex, a common point away from it;
// with a shared edge, only an overlap beyond the edge (a fold-over, possible
// only when the two are coplanar); the same three vertices always overlap.
// Both triangles must be non-degenerate.
func meshTrianglesIntersect(verts []Vec3, ta, tb [3]uint32) bool {
	var ia, ib [3]int // position in the other triangle, or −1
	shared := 0
	for i := 0; i < 3; i++ {
		ia[i], ib[i] = -1, -1
	}
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if ta[i] == tb[j] {
				ia[i], ib[j] = j, i
				shared++
			}
		}
	}
	a := [3]Vec3{verts[ta[0]], verts[ta[1]], verts[ta[2]]}
	b := [3]Vec3{verts[tb[0]], verts[tb[1]], verts[tb[2]]}
	switch shared {
	case 0:
		return TrianglesIntersect(a, b)
	case 1:
		// the edges opposite the shared vertex, each against the other
		// triangle: the intersection of two triangles sharing only v is a
		// segment from v, whose far end lies on one of these edges.
		var i, j int
		for k := 0; k < 3; k++ {
			if ia[k] >= 0 {
				i = k
			}
			if ib[k] >= 0 {
				j = k
			}
		}
		// When the far edge of one lies strictly on one side of the other's
		// plane, that triangle meets the plane only at v: no intersection.
		// This settles most pairs of a fan.
		p, q := a[(i+1)%3], a[(i+2)%3]
		sp, sq := orient3d(b[0], b[1], b[2], p), orient3d(b[0], b[1], b[2], q)
		if sp == sq && sp != 0 {
			return false
		}
		r, u := b[(j+1)%3], b[(j+2)%3]
		sr, su := orient3d(a[0], a[1], a[2], r), orient3d(a[0], a[1], a[2], u)
		if sr == su && sr != 0 {
			return false
		}
		return segmentTriangle(p, q, sp, sq, b) || segmentTriangle(r, u, sr, su, a)
	case 2:
		// shared edge u–w; the triangles overlap beyond it only when they
		// are coplanar with their third corners on the same side.
		var i, j int
		for k := 0; k < 3; k++ {
			if ia[k] < 0 {
				i = k
			}
			if ib[k] < 0 {
				j = k
			}
		}
		// The cheap side test comes first: it settles most pairs (the two
		// halves of a flat quad lie on opposite sides) without the
		// coplanarity test, whose exact zero would need exact arithmetic.
		u, w := a[(i+1)%3], a[(i+2)%3]
		ax := dropAxis(a)
		pu, pw := proj(u, ax), proj(w, ax)
		if orient2d(pu, pw, proj(a[i], ax)) != orient2d(pu, pw, proj(b[j], ax)) {
			return false
		}
		return orient3d(u, w, a[i], b[j]) == 0
	}
	return true
}
