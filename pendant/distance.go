package pendant

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// segIndex answers distances to a closed polygon's edges quickly: the
// edges are filed in the square cells their boxes touch, and a query
// visits rings of cells outward from its own until no nearer edge can be
// left. It gives exactly polyDist's answer.
type segIndex struct {
	poly    []geom.Vec2
	x0, z0  float64
	cell    float64
	nx, nz  int
	buckets [][]int32
}

// newSegIndex files the polygon's edges in cells of side about cell mm
// (at most 64 a side).
func newSegIndex(poly []geom.Vec2, cell float64) *segIndex {
	bx := geom.Contour(poly).Bounds()
	sz := bx.Size()
	cell = math.Max(cell, math.Max(sz[0], sz[1])/64)
	s := &segIndex{poly: poly, x0: bx.Min[0], z0: bx.Min[1], cell: cell}
	s.nx = int(sz[0]/cell) + 1
	s.nz = int(sz[1]/cell) + 1
	s.buckets = make([][]int32, s.nx*s.nz)
	for i, a := range poly {
		c := poly[(i+1)%len(poly)]
		ia, ib := s.col(math.Min(a[0], c[0])), s.col(math.Max(a[0], c[0]))
		ja, jb := s.row(math.Min(a[1], c[1])), s.row(math.Max(a[1], c[1]))
		for x := ia; x <= ib; x++ {
			for z := ja; z <= jb; z++ {
				s.buckets[x*s.nz+z] = append(s.buckets[x*s.nz+z], int32(i))
			}
		}
	}
	return s
}

func (s *segIndex) col(x float64) int {
	return min(max(int((x-s.x0)/s.cell), 0), s.nx-1)
}

func (s *segIndex) row(z float64) int {
	return min(max(int((z-s.z0)/s.cell), 0), s.nz-1)
}

// dist returns the distance from q to the polygon's nearest edge, mm.
func (s *segIndex) dist(q geom.Vec2) float64 {
	if q[0] < s.x0 || q[1] < s.z0 || q[0] > s.x0+float64(s.nx)*s.cell || q[1] > s.z0+float64(s.nz)*s.cell {
		return polyDist(q, s.poly)
	}
	ci, cj := s.col(q[0]), s.row(q[1])
	best := math.Inf(1)
	n := len(s.poly)
	visit := func(x, z int) {
		if x < 0 || z < 0 || x >= s.nx || z >= s.nz {
			return
		}
		for _, e := range s.buckets[x*s.nz+z] {
			best = math.Min(best, segDist(s.poly[e], s.poly[(int(e)+1)%n], q))
		}
	}
	for r := 0; r <= s.nx+s.nz; r++ {
		if r == 0 {
			visit(ci, cj)
		} else {
			for d := -r; d <= r; d++ {
				visit(ci+d, cj-r)
				visit(ci+d, cj+r)
			}
			for d := -r + 1; d < r; d++ {
				visit(ci-r, cj+d)
				visit(ci+r, cj+d)
			}
		}
		// every edge not yet visited lies at least r cells away
		if best <= float64(r)*s.cell {
			break
		}
	}
	return best
}
