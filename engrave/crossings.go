package engrave

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Crossings counts the pairs of edges of r that meet, other than
// consecutive edges of one contour at their shared vertex: 0 means every
// contour is a simple polygon and no two contours touch. Traced images
// always give 0; text may overlap where the font joins glyphs. Edges are
// bucketed on a uniform grid, so the cost is about linear in the points.
func Crossings(r geom.Region) int {
	type seg struct {
		a, b       geom.Vec2
		contour, i int
		n          int // points in the contour
	}
	var segs []seg
	b := emptyBounds()
	var total float64
	for ci, c := range r.Contours {
		for i := range c {
			s := seg{a: c[i], b: c[(i+1)%len(c)], contour: ci, i: i, n: len(c)}
			segs = append(segs, s)
			b.extend(s.a)
			total += s.b.Sub(s.a).Len()
		}
	}
	if len(segs) < 2 {
		return 0
	}
	size := b.Size()
	// about two edges' length per cell, and no more than ~4 cells per edge
	cell := math.Max(2*total/float64(len(segs)), 1e-9)
	cell = math.Max(cell, math.Max(size[0], size[1])/4096)
	nx := int(size[0]/cell) + 1
	ny := int(size[1]/cell) + 1
	cellOf := func(p geom.Vec2) (int, int) {
		return min(int((p[0]-b.Min[0])/cell), nx-1), min(int((p[1]-b.Min[1])/cell), ny-1)
	}
	grid := map[int][]int{}
	type box struct{ x0, y0, x1, y1 int }
	boxes := make([]box, len(segs))
	for k, s := range segs {
		x0, y0 := cellOf(geom.Vec2{math.Min(s.a[0], s.b[0]), math.Min(s.a[1], s.b[1])})
		x1, y1 := cellOf(geom.Vec2{math.Max(s.a[0], s.b[0]), math.Max(s.a[1], s.b[1])})
		boxes[k] = box{x0, y0, x1, y1}
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				grid[y*nx+x] = append(grid[y*nx+x], k)
			}
		}
	}
	count := 0
	for key, ks := range grid {
		cx, cy := key%nx, key/nx
		for i := 0; i < len(ks); i++ {
			for j := i + 1; j < len(ks); j++ {
				p, q := ks[i], ks[j]
				bp, bq := boxes[p], boxes[q]
				// count each pair once: in the lowest cell both boxes share
				if cx != max(bp.x0, bq.x0) || cy != max(bp.y0, bq.y0) {
					continue
				}
				s, t := segs[p], segs[q]
				if s.contour == t.contour && (s.i+1)%s.n == t.i || (t.i+1)%t.n == s.i && s.contour == t.contour {
					if !collinearOverlap(s.a, s.b, t.a, t.b) {
						continue
					}
				}
				if segmentsMeet(s.a, s.b, t.a, t.b) {
					count++
				}
			}
		}
	}
	return count
}

func orient(a, b, c geom.Vec2) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

func sgn(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// onSegment reports whether c, collinear with a–b, lies within its box.
func onSegment(a, b, c geom.Vec2) bool {
	return math.Min(a[0], b[0]) <= c[0] && c[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= c[1] && c[1] <= math.Max(a[1], b[1])
}

// segmentsMeet reports whether closed segments a–b and c–d share a point.
func segmentsMeet(a, b, c, d geom.Vec2) bool {
	d1, d2 := sgn(orient(c, d, a)), sgn(orient(c, d, b))
	d3, d4 := sgn(orient(a, b, c)), sgn(orient(a, b, d))
	if d1*d2 < 0 && d3*d4 < 0 {
		return true
	}
	return d1 == 0 && onSegment(c, d, a) || d2 == 0 && onSegment(c, d, b) ||
		d3 == 0 && onSegment(a, b, c) || d4 == 0 && onSegment(a, b, d)
}

// collinearOverlap reports whether consecutive edges a–b, c–d fold back on
// each other (a spike): collinear with more than their shared point in common.
func collinearOverlap(a, b, c, d geom.Vec2) bool {
	if orient(a, b, c) != 0 || orient(a, b, d) != 0 {
		return false
	}
	// the far ends: if either lies strictly inside the other segment
	return (onSegment(a, b, c) && c != a && c != b) || (onSegment(a, b, d) && d != a && d != b) ||
		(onSegment(c, d, a) && a != c && a != d) || (onSegment(c, d, b) && b != c && b != d)
}
