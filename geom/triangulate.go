package geom

import (
	"fmt"
	"math"
)

// MaxRegionPoints is the most contour points a Region may have for
// triangulation, area and extrusion (a traced fingerprint has tens of
// thousands). Larger regions return an error wrapping ErrBudget.
const MaxRegionPoints = 1_000_000

// Triangulate returns the triangles covering the region under its fill rule:
// the constrained Delaunay triangulation of every contour edge, keeping the
// triangles whose winding number (the sum over contours of how often each
// winds around the triangle, counter-clockwise positive) is inside by the
// rule. Overlapping contours under NonZero make their union, holes (contours
// wound the other way, or nested under EvenOdd) stay empty, and a contour
// that crosses itself is split where it crosses, the crossings becoming new
// vertices. Vertices are in mm; triangles are counter-clockwise and index the
// returned vertices, which are only the ones the triangles use.
//
// A region that encloses nothing (no contours, or every point on one line)
// gives no triangles and no error. It returns an error for non-finite
// coordinates and, wrapping ErrBudget, for more than MaxRegionPoints points.
func (r Region) Triangulate() ([]Vec2, [][3]uint32, error) {
	rt, err := r.triangulate()
	if err != nil {
		return nil, nil, err
	}
	verts, tris, _ := rt.compact()
	return verts, tris, nil
}

// regionTriangulation is a region's CDT with each triangle marked inside or
// outside by the fill rule.
type regionTriangulation struct {
	c    *CDT
	keep []bool  // by triangle slot of c (ghost triangles are never kept)
	wind []int32 // winding number of every triangle slot (0 for ghosts)
}

// validate checks the region's size and coordinates and returns its number
// of points.
func (r Region) validate() (int, error) {
	if r.Fill != NonZero && r.Fill != EvenOdd {
		return 0, invalidf("region fill rule %d: allowed NonZero (%d) or EvenOdd (%d)", r.Fill, NonZero, EvenOdd)
	}
	n := 0
	for i, c := range r.Contours {
		n += len(c)
		if n > MaxRegionPoints {
			return 0, fmt.Errorf("%w: region has more than %d points (contour %d)", ErrBudget, MaxRegionPoints, i)
		}
		for j, p := range c {
			if !finite2(p) || math.Abs(p[0]) > maxCoordMM || math.Abs(p[1]) > maxCoordMM {
				return 0, invalidf("region contour %d point %d is (%g, %g): coordinates must be finite and within ±%g mm", i, j, p[0], p[1], maxCoordMM)
			}
		}
	}
	return n, nil
}

func finite2(p Vec2) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// triangulate builds the CDT of every contour edge and classifies its
// triangles by winding number.
func (r Region) triangulate() (*regionTriangulation, error) {
	n, err := r.validate()
	if err != nil {
		return nil, err
	}
	pts := make([]Vec2, 0, n)
	for _, c := range r.Contours {
		pts = append(pts, c...)
	}
	c, err := NewCDT(pts)
	if err != nil {
		return nil, err
	}
	base := 0
	for _, ct := range r.Contours {
		k := len(ct)
		if k >= 2 {
			for i := 0; i < k; i++ {
				a, b := c.rep[base+i], c.rep[base+(i+1)%k]
				if err := c.addSegment(a, b, 1); err != nil {
					return nil, err
				}
			}
		}
		base += k
	}
	nt := len(c.he) / 3
	rt := &regionTriangulation{c: c, keep: make([]bool, nt)}
	if nt == 0 {
		return rt, nil
	}
	w := c.windings()
	rt.wind = w
	for t := range rt.keep {
		if c.isGhostTri(int32(t)) {
			continue
		}
		if r.Fill == EvenOdd {
			rt.keep[t] = w[t]%2 != 0
		} else {
			rt.keep[t] = w[t] != 0
		}
	}
	return rt, nil
}

// compact returns the kept triangles with their own vertex list (used
// vertices in vertex order) and, for each kept triangle, its slot in the CDT.
func (rt *regionTriangulation) compact() ([]Vec2, [][3]uint32, []int32) {
	c := rt.c
	id := make([]int32, len(c.pts))
	for i := range id {
		id[i] = -1
	}
	var slots []int32
	for t, k := range rt.keep {
		if !k {
			continue
		}
		slots = append(slots, int32(t))
		for j := 0; j < 3; j++ {
			id[c.he[3*t+j].v] = 0
		}
	}
	var verts []Vec2
	for i := range id {
		if id[i] == 0 {
			id[i] = int32(len(verts))
			verts = append(verts, c.pts[i])
		}
	}
	tris := make([][3]uint32, len(slots))
	for i, t := range slots {
		for j := 0; j < 3; j++ {
			tris[i][j] = uint32(id[c.he[3*t+int32(j)].v])
		}
	}
	return verts, tris, slots
}

// Area returns the area in mm² that the region encloses under its fill rule
// (overlaps counted once, holes left out), summed over its triangulation.
// It returns the error of Triangulate.
func (r Region) Area() (float64, error) {
	rt, err := r.triangulate()
	if err != nil {
		return 0, err
	}
	c := rt.c
	var s float64
	for t, k := range rt.keep {
		if k {
			a, b, d := c.pts[c.he[3*t].v], c.pts[c.he[3*t+1].v], c.pts[c.he[3*t+2].v]
			s += cross2(b.Sub(a), d.Sub(a))
		}
	}
	return s / 2, nil
}
