package engrave

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// smooth returns a copy of a closed contour with each point moved a quarter
// of the way toward the midpoint of its neighbours (one pass of Laplacian
// smoothing, λ = 1/4): it softens the half-pixel staircase of a traced
// black-and-white image while moving no point more than an eighth of the
// local edge length.
func smooth(c geom.Contour) geom.Contour {
	n := len(c)
	out := make(geom.Contour, n)
	for i, p := range c {
		m := c[(i+n-1)%n].Add(c[(i+1)%n]).Mul(0.5)
		out[i] = p.Add(m.Sub(p).Mul(0.25))
	}
	return out
}

// simplifyClosed returns a closed contour with points removed (Douglas &
// Peucker 1973) so that no removed point lies farther than tol from the
// kept outline, or nil when fewer than three points remain. The split
// starts at the point farthest from the first.
func simplifyClosed(c geom.Contour, tol float64) geom.Contour {
	n := len(c)
	if n < 4 {
		return c
	}
	far, best := 0, -1.0
	for i, p := range c {
		if d := p.Sub(c[0]).Len(); d > best {
			far, best = i, d
		}
	}
	if far == 0 {
		return nil
	}
	keep := make([]bool, n+1)
	keep[0], keep[far], keep[n] = true, true, true
	at := func(i int) geom.Vec2 { return c[i%n] }
	var rec func(a, b int)
	rec = func(a, b int) {
		if b-a < 2 {
			return
		}
		pa, pb := at(a), at(b)
		d := pb.Sub(pa)
		l := d.Len()
		idx, dmax := -1, tol
		for i := a + 1; i < b; i++ {
			var dist float64
			if l == 0 {
				dist = at(i).Sub(pa).Len()
			} else {
				dist = math.Abs(cross(d, at(i).Sub(pa))) / l
			}
			if dist > dmax {
				idx, dmax = i, dist
			}
		}
		if idx >= 0 {
			keep[idx] = true
			rec(a, idx)
			rec(idx, b)
		}
	}
	// Long runs are cut into pieces of at most dpPiece points whose ends
	// are kept, which bounds the cost at O(n·dpPiece) on long spirals.
	for _, run := range [][2]int{{0, far}, {far, n}} {
		for a := run[0]; a < run[1]; a += dpPiece {
			b := min(a+dpPiece, run[1])
			keep[a], keep[b] = true, true
			rec(a, b)
		}
	}
	out := make(geom.Contour, 0, 16)
	for i := 0; i < n; i++ {
		if keep[i] {
			out = append(out, c[i])
		}
	}
	if len(out) < 3 {
		return nil
	}
	return out
}

// dpPiece is the longest run of points simplified in one piece.
const dpPiece = 128

func cross(a, b geom.Vec2) float64 { return a[0]*b[1] - a[1]*b[0] }
