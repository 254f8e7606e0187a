package geom

import (
	"math"
	"slices"
)

// Box2 is an axis-aligned rectangle in mm. An empty box has Min > Max.
type Box2 struct{ Min, Max Vec2 }

// EmptyBox2 returns a rectangle that contains nothing.
func EmptyBox2() Box2 {
	inf := math.Inf(1)
	return Box2{Min: Vec2{inf, inf}, Max: Vec2{-inf, -inf}}
}

// Extend returns the smallest rectangle containing b and p.
func (b Box2) Extend(p Vec2) Box2 {
	for k := 0; k < 2; k++ {
		b.Min[k] = math.Min(b.Min[k], p[k])
		b.Max[k] = math.Max(b.Max[k], p[k])
	}
	return b
}

// Empty reports whether the rectangle contains no point.
func (b Box2) Empty() bool { return b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] }

// Size returns the width and height in mm (zero for an empty box).
func (b Box2) Size() Vec2 {
	if b.Empty() {
		return Vec2{}
	}
	return b.Max.Sub(b.Min)
}

// Bounds returns the bounding rectangle of the contour's points.
func (c Contour) Bounds() Box2 {
	b := EmptyBox2()
	for _, p := range c {
		b = b.Extend(p)
	}
	return b
}

// Bounds returns the bounding rectangle of every contour point.
func (r Region) Bounds() Box2 {
	b := EmptyBox2()
	for _, c := range r.Contours {
		for _, p := range c {
			b = b.Extend(p)
		}
	}
	return b
}

// Winding returns how many times the contour winds around p,
// counter-clockwise positive (exact; a point on the contour itself may count
// either way).
func (c Contour) Winding(p Vec2) int {
	wn := 0
	for i, a := range c {
		b := c[(i+1)%len(c)]
		if a[1] <= p[1] {
			if b[1] > p[1] && orient2(a, b, p) > 0 {
				wn++
			}
		} else if b[1] <= p[1] && orient2(a, b, p) < 0 {
			wn--
		}
	}
	return wn
}

// Winding returns the sum of the contours' winding numbers around p.
func (r Region) Winding(p Vec2) int {
	wn := 0
	for _, c := range r.Contours {
		wn += c.Winding(p)
	}
	return wn
}

// Contains reports whether p (mm) is inside the region under its fill rule.
// Points on a contour may be reported either way.
func (r Region) Contains(p Vec2) bool {
	wn := r.Winding(p)
	if r.Fill == EvenOdd {
		return wn%2 != 0
	}
	return wn != 0
}

// maxSelfIntersections caps the pairs SelfIntersections returns.
const maxSelfIntersections = 1024

// SelfIntersections returns the pairs of edges of the contour that touch or
// cross, as edge indices i < j (edge i runs from point i to point i+1, the
// last edge back to point 0), sorted, at most 1024 of them. Neighbouring edges
// count only when they overlap beyond their shared point (the contour folds
// back on itself); a repeated point counts as a zero-length edge touching its
// non-neighbours. It is exact. It sweeps the edges along the longer side of
// the bounding box, fast for outlines but quadratic in the worst case (many
// edges spanning the same range): use Simple to validate untrusted input.
func (c Contour) SelfIntersections() [][2]int {
	n := len(c)
	if n < 3 {
		return nil
	}
	// Sweep along the longer side of the bounding box.
	ax := 0
	if s := c.Bounds().Size(); s[1] > s[0] {
		ax = 1
	}
	type span struct {
		lo, hi float64
		i      int
	}
	spans := make([]span, n)
	for i := range c {
		a, b := c[i][ax], c[(i+1)%n][ax]
		spans[i] = span{math.Min(a, b), math.Max(a, b), i}
	}
	slices.SortFunc(spans, func(x, y span) int {
		switch {
		case x.lo < y.lo:
			return -1
		case x.lo > y.lo:
			return 1
		}
		return x.i - y.i
	})
	var out [][2]int
	for k, s := range spans {
		for _, t := range spans[k+1:] {
			if t.lo > s.hi {
				break
			}
			i, j := min(s.i, t.i), max(s.i, t.i)
			if c.edgesMeet(i, j) {
				out = append(out, [2]int{i, j})
			}
		}
	}
	slices.SortFunc(out, func(x, y [2]int) int {
		if x[0] != y[0] {
			return x[0] - y[0]
		}
		return x[1] - y[1]
	})
	if len(out) > maxSelfIntersections {
		out = out[:maxSelfIntersections]
	}
	return out
}

// edgesMeet reports whether edges i < j of the contour touch, ignoring the
// point neighbouring edges share unless they overlap.
func (c Contour) edgesMeet(i, j int) bool {
	n := len(c)
	a, b := c[i], c[(i+1)%n]
	p, q := c[j], c[(j+1)%n]
	switch {
	case j == i+1: // share b == p
		return foldsBack(a, b, q)
	case i == 0 && j == n-1: // share a == q
		return foldsBack(b, a, p)
	}
	return segmentsMeet(a, b, p, q)
}

// foldsBack reports whether the edges s–a and s–b, which share s, overlap
// beyond it. A zero-length edge does not overlap.
func foldsBack(a, s, b Vec2) bool {
	if a == s || b == s {
		return false
	}
	return orient2(a, s, b) == 0 && a.Sub(s).Dot(b.Sub(s)) > 0
}

// segmentsMeet reports whether the closed segments a–b and c–d share a point
// (exact).
func segmentsMeet(a, b, c, d Vec2) bool {
	o1, o2 := orient2(a, b, c), orient2(a, b, d)
	o3, o4 := orient2(c, d, a), orient2(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return true
	}
	return (o1 == 0 && onSegmentBox(a, b, c)) || (o2 == 0 && onSegmentBox(a, b, d)) ||
		(o3 == 0 && onSegmentBox(c, d, a)) || (o4 == 0 && onSegmentBox(c, d, b))
}

// onSegmentBox reports whether p, collinear with a–b, lies on the closed segment.
func onSegmentBox(a, b, p Vec2) bool {
	return p[0] >= math.Min(a[0], b[0]) && p[0] <= math.Max(a[0], b[0]) &&
		p[1] >= math.Min(a[1], b[1]) && p[1] <= math.Max(a[1], b[1])
}

// Simple reports whether the contour is a simple polygon: at least 3 points,
// non-zero area, no repeated point and no two edges touching except
// neighbours at their shared point. A pendant's custom outline must be simple.
// It runs in about O(n log n) (a constrained triangulation of the edges,
// whose crossing budget bounds the work on hostile input) and treats points
// or edges closer than MergeRel of the contour's size as touching.
func (c Contour) Simple() bool {
	n := len(c)
	if n < 3 || n > MaxRegionPoints || c.Area() == 0 {
		return false
	}
	for i, p := range c {
		if p == c[(i+1)%n] || !finite2(p) {
			return false
		}
	}
	t, err := NewCDT(c)
	if err != nil || len(t.he) == 0 {
		return false
	}
	for i := range c {
		if t.rep[i] != int32(i) { // a repeated point
			return false
		}
	}
	for i := range c {
		if err := t.addSegment(int32(i), int32((i+1)%n), 1); err != nil {
			return false
		}
	}
	if len(t.pts) != n { // edges cross
		return false
	}
	// Each edge must be one constrained edge of its own: an edge through a
	// vertex is split (more edges), overlapping edges share one (cover > 1).
	halves := 0
	for _, h := range t.he {
		if h.con {
			if h.cover != 1 {
				return false
			}
			halves++
		}
	}
	return halves == 2*n
}

// Simplify returns the contour with points removed by Douglas–Peucker: every
// removed point lies within tolMM (mm) of the simplified outline, and the
// first point and the one farthest from it are always kept. A tolerance ≤ 0
// removes only points exactly on the line of their neighbours' chord.
func (c Contour) Simplify(tolMM float64) Contour {
	n := len(c)
	if n <= 3 {
		return slices.Clone(c)
	}
	if !(tolMM > 0) {
		tolMM = 0
	}
	far, fd := 0, -1.0
	for i, p := range c {
		if d := sqDist2(p, c[0]); d > fd {
			far, fd = i, d
		}
	}
	keep := make([]bool, n)
	keep[0], keep[far] = true, true
	type chain struct{ i, j int } // points i..j (j may be n: point 0 again)
	stack := []chain{{0, far}, {far, n}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.j-s.i < 2 {
			continue
		}
		a, b := c[s.i], c[s.j%n]
		best, bd := -1, tolMM
		for k := s.i + 1; k < s.j; k++ {
			if d := segmentDist(a, b, c[k]); d > bd {
				best, bd = k, d
			}
		}
		if best >= 0 {
			keep[best] = true
			stack = append(stack, chain{s.i, best}, chain{best, s.j})
		}
	}
	out := make(Contour, 0, n)
	for i, k := range keep {
		if k {
			out = append(out, c[i])
		}
	}
	return out
}

// segmentDist returns the distance from p to the segment a–b.
func segmentDist(a, b, p Vec2) float64 {
	ab := b.Sub(a)
	l := ab.Dot(ab)
	t := 0.0
	if l > 0 {
		t = math.Max(0, math.Min(1, p.Sub(a).Dot(ab)/l))
	}
	return math.Sqrt(sqDist2(a.Add(ab.Mul(t)), p))
}
