package engrave

import (
	"math"
	"slices"

	"github.com/mandrel3d/mandrel/geom"
)

// edge is one non-horizontal edge of a region, stored bottom to top.
type edge struct {
	y0, y1 float64 // y0 < y1
	x0     float64 // x at y0
	dxdy   float64
	dir    int // +1 when the contour runs upward along it, −1 downward
}

func (e *edge) xAt(y float64) float64 { return e.x0 + (y-e.y0)*e.dxdy }

// regionEdges returns the non-horizontal edges of r sorted by their lower y.
func regionEdges(r geom.Region) []edge {
	var es []edge
	for _, c := range r.Contours {
		for i := range c {
			a, b := c[i], c[(i+1)%len(c)]
			if a[1] == b[1] {
				continue
			}
			dir := 1
			if a[1] > b[1] {
				a, b, dir = b, a, -1
			}
			es = append(es, edge{y0: a[1], y1: b[1], x0: a[0], dxdy: (b[0] - a[0]) / (b[1] - a[1]), dir: dir})
		}
	}
	slices.SortFunc(es, func(a, b edge) int {
		if a.y0 < b.y0 {
			return -1
		}
		if a.y0 > b.y0 {
			return 1
		}
		return 0
	})
	return es
}

// crossing is where a horizontal line meets an edge.
type crossing struct {
	x   float64
	dir int
}

// spans calls fn for each interval [x0, x1] of the line at height y that the
// region covers under its fill rule, given the edges active at y. xs is
// scratch space; the grown slice is returned.
func spans(active []*edge, y float64, fill geom.FillRule, xs []crossing, fn func(x0, x1 float64)) []crossing {
	xs = xs[:0]
	for _, e := range active {
		if y >= e.y0 && y < e.y1 {
			xs = append(xs, crossing{e.xAt(y), e.dir})
		}
	}
	slices.SortFunc(xs, func(a, b crossing) int {
		if a.x < b.x {
			return -1
		}
		if a.x > b.x {
			return 1
		}
		return 0
	})
	w := 0
	var start float64
	for _, c := range xs {
		was := inside(w, fill)
		w += c.dir
		now := inside(w, fill)
		if !was && now {
			start = c.x
		} else if was && !now {
			fn(start, c.x)
		}
	}
	return xs
}

func inside(w int, fill geom.FillRule) bool {
	if fill == geom.EvenOdd {
		return w%2 != 0
	}
	return w != 0
}

// coveredLength returns the total length of the spans at height y.
func coveredLength(active []*edge, y float64, fill geom.FillRule, xs []crossing) (float64, []crossing) {
	var l float64
	xs = spans(active, y, fill, xs, func(a, b float64) { l += b - a })
	return l, xs
}

// fillArea returns the area in mm² that r covers under its fill rule,
// exactly up to rounding: between consecutive vertex heights (and the
// heights where two edges cross) the covered length of a horizontal line
// is linear in y, so the midpoint rule integrates each slab exactly.
func fillArea(r geom.Region) float64 {
	es := regionEdges(r)
	if len(es) == 0 {
		return 0
	}
	ys := make([]float64, 0, 2*len(es))
	for _, e := range es {
		ys = append(ys, e.y0, e.y1)
	}
	slices.Sort(ys)
	ys = slices.Compact(ys)
	var area float64
	var active []*edge
	var xs []crossing
	var cuts []float64
	next := 0
	for k := 0; k+1 < len(ys); k++ {
		ya, yb := ys[k], ys[k+1]
		// drop finished edges, add starting ones
		n := 0
		for _, e := range active {
			if e.y1 > ya {
				active[n] = e
				n++
			}
		}
		active = active[:n]
		for next < len(es) && es[next].y0 <= ya {
			if es[next].y1 > ya {
				active = append(active, &es[next])
			}
			next++
		}
		if len(active) == 0 {
			continue
		}
		// Heights inside the slab where two edges cross.
		cuts = append(cuts[:0], ya)
		if !sameOrder(active, ya, yb) {
			for i := range active {
				for j := i + 1; j < len(active); j++ {
					a, b := active[i], active[j]
					da := a.xAt(ya) - b.xAt(ya)
					db := a.xAt(yb) - b.xAt(yb)
					if da*db < 0 {
						t := da / (da - db)
						cuts = append(cuts, ya+t*(yb-ya))
					}
				}
			}
			slices.Sort(cuts)
		}
		cuts = append(cuts, yb)
		for i := 0; i+1 < len(cuts); i++ {
			y0, y1 := cuts[i], cuts[i+1]
			if !(y1 > y0) {
				continue
			}
			var l float64
			l, xs = coveredLength(active, (y0+y1)/2, r.Fill, xs)
			area += l * (y1 - y0)
		}
	}
	return area
}

// sameOrder reports whether no two active edges swap their left-to-right
// order between heights ya and yb.
func sameOrder(active []*edge, ya, yb float64) bool {
	ym := (ya + yb) / 2
	idx := make([]int, len(active))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		a, b := active[i].xAt(ym), active[j].xAt(ym)
		if a < b {
			return -1
		}
		if a > b {
			return 1
		}
		return 0
	})
	pa, pb := math.Inf(-1), math.Inf(-1)
	for _, i := range idx {
		xa, xb := active[i].xAt(ya), active[i].xAt(yb)
		if xa < pa || xb < pb {
			return false
		}
		pa, pb = xa, xb
	}
	return true
}
