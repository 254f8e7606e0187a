package geom

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// MaxCDTPoints is the most vertices a constrained Delaunay triangulation may
// hold, input points and inserted intersection points together (about 2
// million: 200 MB of working memory). Larger inputs return an error wrapping
// ErrBudget before the work starts.
const MaxCDTPoints = 1 << 21

// MaxCDTCrossings is the most crossing points constraint segments may make
// in one triangulation (262,144, about a second of work). Segments in general
// position can cross each other quadratically often: 3,000 random segments
// make a million crossings. Outlines of text and traced images cross little;
// an input over the limit returns an error wrapping ErrBudget.
const MaxCDTCrossings = 1 << 18

// MergeRel is the distance, relative to the extent of the input (the larger
// side of its bounding box), within which two points of a triangulation are
// merged into one, and within which an intersection point snaps to a segment
// end. On a 20 mm engraving it is 2 nm: far below any feature, far above
// float64 rounding (about 1e-16 of the extent).
const MergeRel = 1e-10

// maxCoordMM bounds input coordinates so that every product the exact
// predicates form stays far from overflow; minExtentMM keeps the merge
// distance far from underflow.
const (
	maxCoordMM  = 1e15
	minExtentMM = 1e-30
)

// Triangulation2D is the result of a constrained Delaunay triangulation in mm.
type Triangulation2D struct {
	// Verts are the vertices: the distinct input points in input order, then
	// the points inserted where constraint segments cross, in the order they
	// were made.
	Verts []Vec2
	// Tris are the triangles, counter-clockwise; together they cover the
	// convex hull of the points.
	Tris [][3]uint32
	// Index maps every point index to its vertex in Verts; merged
	// duplicates share one. The input points come first (Index[i] for input
	// point i), then the points added with [CDT.AddPoint] and the crossing
	// points, in the order they were made.
	Index []uint32
	// Constrained lists every constrained edge once, lower vertex first,
	// sorted. A constraint segment that crosses others or passes through
	// vertices appears as a chain of edges.
	Constrained [][2]uint32
	// Winding gives, for each triangle, how many times the constraint
	// segments, read as directed edges a→b, wind around it (counter-clockwise
	// positive). When the segments form closed contours this is the contours'
	// winding number, so a fill rule tells inside from outside: an
	// engraving's outlines cut into a surface's grid keep the triangles with
	// Winding ≠ 0 (non-zero) or odd (even-odd).
	Winding []int32
}

// Triangulate2D returns the constrained Delaunay triangulation of pts (mm)
// with the segments segs (pairs of indices into pts) as edges. Segments that
// cross are split where they cross (the crossing becomes a new vertex),
// segments through other points are split there, overlapping collinear
// segments share edges, and points within MergeRel of the extent of each
// other are merged. It never fails on such input; it returns an error only for
// non-finite or out-of-range coordinates, bad segment indices or more than
// MaxCDTPoints vertices.
func Triangulate2D(pts []Vec2, segs [][2]int) (*Triangulation2D, error) {
	c, err := NewCDT(pts)
	if err != nil {
		return nil, err
	}
	for i, s := range segs {
		if err := c.checkIndex(s[0]); err != nil {
			return nil, fmt.Errorf("segment %d: %w", i, err)
		}
		if err := c.checkIndex(s[1]); err != nil {
			return nil, fmt.Errorf("segment %d: %w", i, err)
		}
	}
	for _, s := range segs {
		if err := c.AddSegment(s[0], s[1]); err != nil {
			return nil, err
		}
	}
	return c.Result(), nil
}

// infVertex is the vertex at infinity: every edge of the convex hull has a ghost
// triangle (a, b, ∞) on its outer side, so the triangulation has no
// boundary and every point of the plane lies in some triangle.
const infVertex = int32(-1)

// CDT is a constrained Delaunay triangulation that grows: points and
// constraint segments can be added after it is made. Its zero value is not
// usable; make one with NewCDT. Points are referred to by their point index:
// input points by their position in the slice given to NewCDT, later points
// by the index AddPoint returns.
//
// The triangulation is stored as half-edges: half-edge e starts at vertex
// he[e].v and belongs to triangle e/3, whose half-edges run e0 → e0+1 → e0+2
// counter-clockwise; he[e].twin is the opposite half-edge.
type CDT struct {
	pts       []Vec2        // all points, by point index
	rep       []int32       // rep[i]: the vertex point i was merged into (itself if not)
	he        []cdtHalfEdge // half-edges, three per triangle
	vt        []int32       // vt[p]: a half-edge starting at vertex p, or -1
	last      int32         // triangle where the next walk starts
	eps2      float64       // squared merge distance
	rng       uint64        // state of the walk's deterministic random choices
	stack     []int32       // scratch for legalization
	pairs     [][3]int32    // scratch: edges to legalize (half-edge hint, from, to)
	crossings int           // points made where segments cross
}

// cdtHalfEdge is one side of an edge, in its triangle.
type cdtHalfEdge struct {
	v    int32 // origin vertex
	twin int32 // opposite half-edge
	// wind counts the segments added along this half-edge's direction minus
	// those against it: crossing it from its right side to its left (into
	// its own triangle) raises the contours' winding number by wind.
	wind int32
	// cover counts the segments lying along the edge, either way (it
	// saturates at its maximum).
	cover int16
	con   bool // constrained (both halves set)
}

// NewCDT returns the Delaunay triangulation of pts (mm), ready for
// constraint segments. Points within MergeRel of the extent of each other are
// merged. It returns an error for non-finite or out-of-range coordinates or
// more than MaxCDTPoints points.
func NewCDT(pts []Vec2) (*CDT, error) {
	if len(pts) > MaxCDTPoints {
		return nil, fmt.Errorf("%w: triangulation of %d points: at most %d allowed", ErrBudget, len(pts), MaxCDTPoints)
	}
	lo := Vec2{math.Inf(1), math.Inf(1)}
	hi := Vec2{math.Inf(-1), math.Inf(-1)}
	for i, p := range pts {
		for k := 0; k < 2; k++ {
			if math.IsNaN(p[k]) || math.IsInf(p[k], 0) || math.Abs(p[k]) > maxCoordMM {
				return nil, invalidf("triangulation point %d is (%g, %g): coordinates must be finite and within ±%g mm", i, p[0], p[1], maxCoordMM)
			}
			lo[k] = math.Min(lo[k], p[k])
			hi[k] = math.Max(hi[k], p[k])
		}
	}
	c := &CDT{pts: append(make([]Vec2, 0, len(pts)+len(pts)/8+16), pts...), rng: 0x9E3779B97F4A7C15}
	c.rep = make([]int32, len(pts), cap(c.pts))
	c.vt = make([]int32, len(pts), cap(c.pts))
	for i := range c.rep {
		c.rep[i] = int32(i)
		c.vt[i] = -1
	}
	ext := math.Max(hi[0]-lo[0], hi[1]-lo[1])
	if len(pts) == 0 || ext < minExtentMM {
		// Nothing to triangulate: every point is the first one.
		for i := range c.rep {
			c.rep[i] = 0
		}
		c.eps2 = math.Inf(-1)
		return c, nil
	}
	eps := MergeRel * ext
	c.eps2 = eps * eps
	c.build(lo, hi)
	return c, nil
}

// build inserts every point in a biased randomized insertion order.
func (c *CDT) build(lo, hi Vec2) {
	n := len(c.pts)
	order := insertionOrder(c.pts, lo, hi)
	// The first triangle: two distinct points and one off their line.
	i0 := order[0]
	k1 := -1
	for k := 1; k < n; k++ {
		if c.pts[order[k]] != c.pts[i0] && sqDist2(c.pts[order[k]], c.pts[i0]) > c.eps2 {
			k1 = k
			break
		}
	}
	k2 := -1
	if k1 >= 0 {
		for k := k1 + 1; k < n; k++ {
			if orient2(c.pts[i0], c.pts[order[k1]], c.pts[order[k]]) != 0 {
				k2 = k
				break
			}
		}
	}
	if k2 < 0 {
		// All points on one line: no triangles. Merge near duplicates only.
		c.he = c.he[:0]
		for k := 1; k < n; k++ {
			for j := 0; j < k && j < 64; j++ {
				a, b := order[k], order[k-1-j]
				if c.rep[b] == b && sqDist2(c.pts[a], c.pts[b]) <= c.eps2 {
					c.rep[a] = b
					break
				}
			}
		}
		return
	}
	a, b, d := order[0], order[k1], order[k2]
	if orient2(c.pts[a], c.pts[b], c.pts[d]) < 0 {
		b, d = d, b
	}
	nt := 2*n + n/4 + 8
	c.he = make([]cdtHalfEdge, 0, 3*nt)
	t0, g0, g1, g2 := c.newTri(), c.newTri(), c.newTri(), c.newTri()
	c.setTri(t0, a, b, d)
	c.setTri(g0, b, a, infVertex)
	c.setTri(g1, d, b, infVertex)
	c.setTri(g2, a, d, infVertex)
	c.link(3*t0, 3*g0)
	c.link(3*t0+1, 3*g1)
	c.link(3*t0+2, 3*g2)
	c.link(3*g0+1, 3*g2+2)
	c.link(3*g0+2, 3*g1+1)
	c.link(3*g1+2, 3*g2+1)
	c.last = t0
	for k, i := range order {
		if k == 0 || k == k1 || k == k2 {
			continue
		}
		c.insert(i)
	}
}

// AddPoint adds a point (mm) to the triangulation, keeping it constrained
// Delaunay, and returns its point index (for AddSegment and Result's Index).
// A point within the merge distance of a vertex is merged into it.
func (c *CDT) AddPoint(p Vec2) (int, error) {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > maxCoordMM || math.Abs(p[1]) > maxCoordMM {
		return 0, invalidf("point (%g, %g): coordinates must be finite and within ±%g mm", p[0], p[1], maxCoordMM)
	}
	if len(c.he) == 0 {
		return 0, invalidf("point (%g, %g): the triangulation has no triangle to add to (its points are all on one line)", p[0], p[1])
	}
	if len(c.pts) >= MaxCDTPoints {
		return 0, fmt.Errorf("%w: triangulation would exceed %d points", ErrBudget, MaxCDTPoints)
	}
	i := c.newPoint(p)
	c.insert(i)
	return int(i), nil
}

// AddSegment makes the segment between points a and b (point indices) a
// constrained edge, splitting it where it passes through vertices or crosses
// other constrained edges (each crossing becomes a new vertex).
func (c *CDT) AddSegment(a, b int) error {
	if err := c.checkIndex(a); err != nil {
		return err
	}
	if err := c.checkIndex(b); err != nil {
		return err
	}
	return c.addSegment(c.rep[a], c.rep[b], 1)
}

func (c *CDT) checkIndex(i int) error {
	if i < 0 || i >= len(c.pts) {
		return invalidf("point index %d: allowed 0 to %d", i, len(c.pts)-1)
	}
	return nil
}

// Result returns the triangulation: its vertices, its counter-clockwise
// triangles, the vertex of every point and the constrained edges.
func (c *CDT) Result() *Triangulation2D {
	nt := len(c.he) / 3
	out := &Triangulation2D{
		Index: make([]uint32, len(c.pts)),
		Verts: make([]Vec2, 0, len(c.pts)),
		Tris:  make([][3]uint32, 0, nt),
	}
	id := make([]int32, len(c.pts))
	for i := range c.pts {
		if c.rep[i] == int32(i) && (c.vt[i] >= 0 || len(c.he) == 0) {
			id[i] = int32(len(out.Verts))
			out.Verts = append(out.Verts, c.pts[i])
		} else {
			id[i] = -1
		}
	}
	for i := range c.pts {
		r := c.rep[i]
		if id[r] < 0 { // an isolated vertex cannot happen; keep the index valid
			id[r] = int32(len(out.Verts))
			out.Verts = append(out.Verts, c.pts[r])
		}
		out.Index[i] = uint32(id[r])
	}
	w := c.windings()
	out.Winding = make([]int32, 0, nt)
	for t := 0; t < len(c.he)/3; t++ {
		a, b, d := c.he[3*t].v, c.he[3*t+1].v, c.he[3*t+2].v
		if a == infVertex || b == infVertex || d == infVertex {
			continue
		}
		out.Tris = append(out.Tris, [3]uint32{uint32(id[a]), uint32(id[b]), uint32(id[d])})
		out.Winding = append(out.Winding, w[t])
	}
	keys := make([]uint64, 0, len(c.pts))
	for e := range c.he {
		if !c.he[e].con {
			continue
		}
		a, b := id[c.he[e].v], id[c.he[heNext(int32(e))].v]
		if a < b {
			keys = append(keys, uint64(a)<<32|uint64(b))
		}
	}
	radixSort(keys, 0, 53) // vertex ids are below MaxCDTPoints = 2^21
	out.Constrained = make([][2]uint32, len(keys))
	for i, k := range keys {
		out.Constrained[i] = [2]uint32{uint32(k >> 32), uint32(k)}
	}
	return out
}

// windings returns the winding number of every triangle slot by a
// breadth-first walk from the outside (the ghost triangles, winding 0):
// crossing a half-edge from its right side into its own triangle adds its
// winding weight.
func (c *CDT) windings() []int32 {
	nt := len(c.he) / 3
	w := make([]int32, nt)
	seen := make([]bool, nt)
	queue := make([]int32, 0, nt)
	for t := int32(0); t < int32(nt); t++ {
		if c.isGhostTri(t) {
			seen[t] = true
			queue = append(queue, t)
		}
	}
	for head := 0; head < len(queue); head++ {
		t := queue[head]
		for k := int32(0); k < 3; k++ {
			g := c.he[3*t+k].twin
			u := g / 3
			if seen[u] {
				continue
			}
			seen[u] = true
			w[u] = w[t] + c.he[g].wind
			queue = append(queue, u)
		}
	}
	return w
}

// ---- half-edge structure ----

func heNext(e int32) int32 {
	if e%3 == 2 {
		return e - 2
	}
	return e + 1
}

func hePrev(e int32) int32 {
	if e%3 == 0 {
		return e + 2
	}
	return e - 1
}

func (c *CDT) newTri() int32 {
	t := int32(len(c.he) / 3)
	c.he = append(c.he, cdtHalfEdge{twin: -1}, cdtHalfEdge{twin: -1}, cdtHalfEdge{twin: -1})
	return t
}

func (c *CDT) newPoint(p Vec2) int32 {
	c.pts = append(c.pts, p)
	c.rep = append(c.rep, int32(len(c.pts)-1))
	c.vt = append(c.vt, -1)
	return int32(len(c.pts) - 1)
}

// setTri sets triangle t's corners; its half-edges lose their constraints.
func (c *CDT) setTri(t, a, b, d int32) {
	e := 3 * t
	for k, p := range [3]int32{a, b, d} {
		c.he[e+int32(k)] = cdtHalfEdge{v: p, twin: -1}
		if p != infVertex {
			c.vt[p] = e + int32(k)
		}
	}
}

// link makes e and f twins.
func (c *CDT) link(e, f int32) { c.he[e].twin, c.he[f].twin = f, e }

// save returns a copy of half-edge e (its twin and constraint) to restore
// into a new slot.
func (c *CDT) save(e int32) cdtHalfEdge { return c.he[e] }

// restore makes e the twin of the saved edge's twin and gives it the saved
// constraint, keeping e's vertex.
func (c *CDT) restore(e int32, r cdtHalfEdge) {
	r.v = c.he[e].v
	c.he[e] = r
	c.he[r.twin].twin = e
}

func (c *CDT) isGhostTri(t int32) bool {
	return c.he[3*t].v == infVertex || c.he[3*t+1].v == infVertex || c.he[3*t+2].v == infVertex
}

// findEdge returns the half-edge from a to b, or -1.
func (c *CDT) findEdge(a, b int32) int32 {
	e0 := c.vt[a]
	if e0 < 0 {
		return -1
	}
	e := e0
	for {
		if c.he[heNext(e)].v == b {
			return e
		}
		e = c.he[hePrev(e)].twin
		if e == e0 || e < 0 {
			return -1
		}
	}
}

// mark constrains edge e for n segments of total winding weight w along it.
func (c *CDT) mark(e, w int32, n int16) {
	f := c.he[e].twin
	c.he[e].con, c.he[f].con = true, true
	c.he[e].wind += w
	c.he[f].wind -= w
	if c.he[e].cover < math.MaxInt16-int16(n) {
		c.he[e].cover += int16(n)
		c.he[f].cover += int16(n)
	}
}

// ---- point insertion ----

// Location kinds of locate.
const (
	locFace   = iota // strictly inside triangle t (a ghost: outside the hull)
	locEdge          // in the interior of half-edge e
	locVertex        // on vertex v[e]
)

func (c *CDT) random3() int32 {
	c.rng ^= c.rng << 13
	c.rng ^= c.rng >> 7
	c.rng ^= c.rng << 17
	return int32(c.rng % 3)
}

// locate finds where p lies by a stochastic visibility walk from c.last
// (Devillers, Pion, Teillaud: "Walking in a triangulation", 2002). It is exact:
// every decision is an exact orientation.
func (c *CDT) locate(p Vec2) (kind int, t, e int32) {
	t = c.last
	if int(t)*3 >= len(c.he) || t < 0 {
		t = 0
	}
	limit := len(c.he) + 64
	for step := 0; step < limit; step++ {
		if c.isGhostTri(t) {
			k := int32(0)
			for c.he[3*t+k].v != infVertex {
				k++
			}
			ea := 3*t + (k+1)%3 // real hull edge a→b; the outside is on its left
			a, b := c.he[ea].v, c.he[heNext(ea)].v
			pa, pb := c.pts[a], c.pts[b]
			switch o := orient2(pa, pb, p); {
			case o > 0:
				return locFace, t, 3 * t
			case o < 0:
				t = c.he[ea].twin / 3
				continue
			}
			if p == pa {
				return locVertex, t, ea
			}
			if p == pb {
				return locVertex, t, heNext(ea)
			}
			d := p.Sub(pa).Dot(pb.Sub(pa))
			switch {
			case d > 0 && d < pb.Sub(pa).Dot(pb.Sub(pa)):
				t = c.he[ea].twin / 3
			case d > 0:
				t = c.he[heNext(ea)].twin / 3
			default:
				t = c.he[hePrev(ea)].twin / 3
			}
			continue
		}
		r := c.random3()
		moved := false
		var zero [3]bool
		for j := int32(0); j < 3; j++ {
			e := 3*t + (r+j)%3
			o := orient2(c.pts[c.he[e].v], c.pts[c.he[heNext(e)].v], p)
			if o < 0 {
				t = c.he[e].twin / 3
				moved = true
				break
			}
			zero[(r+j)%3] = o == 0
		}
		if moved {
			continue
		}
		for k := int32(0); k < 3; k++ {
			if zero[k] && zero[(k+1)%3] {
				return locVertex, t, 3*t + (k+1)%3
			}
		}
		for k := int32(0); k < 3; k++ {
			if zero[k] {
				return locEdge, t, 3*t + k
			}
		}
		return locFace, t, 3 * t
	}
	return c.locateSlow(p)
}

// locateSlow is the fallback of a walk that did not arrive (it cannot cycle
// with probability 1, but its length is bounded): a scan of every triangle.
func (c *CDT) locateSlow(p Vec2) (kind int, t, e int32) {
	for t = 0; int(t)*3 < len(c.he); t++ {
		if c.isGhostTri(t) {
			continue
		}
		var o [3]int
		ok := true
		for k := int32(0); k < 3; k++ {
			e := 3*t + k
			o[k] = orient2(c.pts[c.he[e].v], c.pts[c.he[heNext(e)].v], p)
			if o[k] < 0 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for k := int32(0); k < 3; k++ {
			if o[k] == 0 && o[(k+1)%3] == 0 {
				return locVertex, t, 3*t + (k+1)%3
			}
		}
		for k := int32(0); k < 3; k++ {
			if o[k] == 0 {
				return locEdge, t, 3*t + k
			}
		}
		return locFace, t, 3 * t
	}
	// Outside the hull: a ghost triangle that sees p.
	for t = 0; int(t)*3 < len(c.he); t++ {
		if !c.isGhostTri(t) {
			continue
		}
		k := int32(0)
		for c.he[3*t+k].v != infVertex {
			k++
		}
		ea := 3*t + (k+1)%3
		if orient2(c.pts[c.he[ea].v], c.pts[c.he[heNext(ea)].v], p) > 0 {
			return locFace, t, 3 * t
		}
	}
	return locFace, 0, 0
}

// nearVertex returns a vertex of triangle t or of its three neighbours
// within the merge distance of p, or -1.
func (c *CDT) nearVertex(t int32, p Vec2) int32 {
	best, bd := int32(-1), c.eps2
	try := func(q int32) {
		if q == infVertex {
			return
		}
		if d := sqDist2(c.pts[q], p); d <= bd {
			best, bd = q, d
		}
	}
	for k := int32(0); k < 3; k++ {
		e := 3*t + k
		try(c.he[e].v)
		try(c.he[hePrev(c.he[e].twin)].v)
	}
	return best
}

// insert adds point i as a vertex (or merges it into a vertex within the
// merge distance) and restores the constrained Delaunay property. It returns
// the vertex point i became.
func (c *CDT) insert(i int32) int32 {
	p := c.pts[i]
	kind, t, e := c.locate(p)
	c.last = t
	if kind == locVertex {
		c.rep[i] = c.he[e].v
		return c.he[e].v
	}
	if q := c.nearVertex(t, p); q >= 0 {
		c.rep[i] = q
		return q
	}
	c.stack = c.stack[:0]
	if kind == locEdge {
		c.splitEdge(e, i)
	} else {
		c.splitTri(t, i)
	}
	c.legalizeStack()
	return i
}

// splitTri splits triangle t into three at vertex p.
func (c *CDT) splitTri(t, p int32) {
	e := 3 * t
	a, b, d := c.he[e].v, c.he[e+1].v, c.he[e+2].v
	ra, rb, rd := c.save(e), c.save(e+1), c.save(e+2)
	t2, t3 := c.newTri(), c.newTri()
	c.setTri(t, a, b, p)
	c.setTri(t2, b, d, p)
	c.setTri(t3, d, a, p)
	c.restore(3*t, ra)
	c.restore(3*t2, rb)
	c.restore(3*t3, rd)
	c.link(3*t+1, 3*t2+2)
	c.link(3*t+2, 3*t3+1)
	c.link(3*t2+1, 3*t3+2)
	c.stack = append(c.stack, 3*t, 3*t2, 3*t3)
}

// splitEdge splits half-edge e (and its twin) at vertex p, which lies on it:
// two triangles become four. A constrained edge stays constrained in both
// halves.
func (c *CDT) splitEdge(e, p int32) {
	f := c.he[e].twin
	t1, t2 := e/3, f/3
	a, b, d1, d2 := c.he[e].v, c.he[heNext(e)].v, c.he[hePrev(e)].v, c.he[hePrev(f)].v
	x1, x2, x3, x4 := c.save(heNext(e)), c.save(hePrev(e)), c.save(heNext(f)), c.save(hePrev(f))
	old := c.he[e]
	t3, t4 := c.newTri(), c.newTri()
	c.setTri(t1, a, p, d1) // A
	c.setTri(t3, p, b, d1) // B
	c.setTri(t2, b, p, d2) // C
	c.setTri(t4, p, a, d2) // D
	A, B, C, D := 3*t1, 3*t3, 3*t2, 3*t4
	c.link(A, D)
	c.link(A+1, B+2)
	c.restore(A+2, x2)
	c.link(B, C)
	c.restore(B+1, x1)
	c.link(C+1, D+2)
	c.restore(C+2, x4)
	c.restore(D+1, x3)
	if old.con {
		for _, h := range [4]int32{A, D, B, C} {
			c.he[h].con, c.he[h].cover = true, old.cover
		}
		c.he[A].wind, c.he[D].wind, c.he[B].wind, c.he[C].wind = old.wind, -old.wind, old.wind, -old.wind
	}
	c.stack = append(c.stack, A+2, B+1, C+2, D+1)
}

// flip replaces the edge e = a→b, between triangles (a, b, c) and (b, a, d),
// by the edge c–d: the triangles become (a, d, c) and (d, b, c), in the same
// slots. It returns their half-edges a→d and d→b (opposite c).
func (c *CDT) flip(e int32) (int32, int32) {
	f := c.he[e].twin
	T1, T2 := e-e%3, f-f%3
	en, ep, fn, fp := heNext(e), hePrev(e), heNext(f), hePrev(f)
	a, b, p, d := c.he[e].v, c.he[en].v, c.he[ep].v, c.he[fp].v
	x1, x2, x3, x4 := c.he[en], c.he[ep], c.he[fn], c.he[fp]
	he := c.he
	x3.v, x2.v, x4.v, x1.v = a, p, d, b
	he[T1] = x3
	he[T1+1] = cdtHalfEdge{v: d, twin: T2 + 2}
	he[T1+2] = x2
	he[T2] = x4
	he[T2+1] = x1
	he[T2+2] = cdtHalfEdge{v: p, twin: T1 + 1}
	he[x3.twin].twin = T1
	he[x2.twin].twin = T1 + 2
	he[x4.twin].twin = T2
	he[x1.twin].twin = T2 + 1
	for _, q := range [4][2]int32{{a, T1}, {d, T1 + 1}, {p, T1 + 2}, {b, T2 + 1}} {
		if q[0] != infVertex {
			c.vt[q[0]] = q[1]
		}
	}
	return T1, T2
}

// illegal reports whether the unconstrained edge e fails the Delaunay test:
// the far vertex of its twin's triangle lies inside the circumcircle of e's
// triangle. Ghost triangles use the limit of their circle: the open half-plane
// beyond their hull edge (plus the open edge itself).
func (c *CDT) illegal(e int32) bool {
	if c.he[e].con {
		return false
	}
	f := c.he[e].twin
	a, b, p, d := c.he[e].v, c.he[heNext(e)].v, c.he[hePrev(e)].v, c.he[hePrev(f)].v
	switch {
	case a == infVertex: // triangle (∞, b, p): hull edge b→p
		return c.inGhostCircle(b, p, d)
	case b == infVertex: // triangle (a, ∞, p): hull edge p→a
		return c.inGhostCircle(p, a, d)
	case p == infVertex:
		return c.inGhostCircle(a, b, d)
	case d == infVertex:
		return c.inGhostCircle(b, a, p)
	}
	return incircle2(c.pts[a], c.pts[b], c.pts[p], c.pts[d]) > 0
}

// inGhostCircle reports whether q lies in the "circle" of the ghost triangle
// on hull edge a→b: strictly left of it, or in its open interior.
func (c *CDT) inGhostCircle(a, b, q int32) bool {
	pa, pb, pq := c.pts[a], c.pts[b], c.pts[q]
	switch o := orient2(pa, pb, pq); {
	case o > 0:
		return true
	case o < 0:
		return false
	}
	d := pq.Sub(pa).Dot(pb.Sub(pa))
	return d > 0 && d < pb.Sub(pa).Dot(pb.Sub(pa))
}

// legalizeStack flips the edges on the stack (each opposite the new vertex in
// its triangle) until every one is locally Delaunay (Lawson).
func (c *CDT) legalizeStack() {
	for len(c.stack) > 0 {
		e := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		if c.illegal(e) {
			x, y := c.flip(e)
			c.stack = append(c.stack, x, y)
		}
	}
}

// legalizePairs makes every edge in c.pairs locally Delaunay
// by flips, checking the outer edges of every flipped quad in turn. Lawson's
// flips reach the constrained Delaunay triangulation from any triangulation.
func (c *CDT) legalizePairs() {
	for len(c.pairs) > 0 {
		q := c.pairs[len(c.pairs)-1]
		c.pairs = c.pairs[:len(c.pairs)-1]
		e := q[0]
		if e < 0 || int(e) >= len(c.he) || c.he[e].v != q[1] || c.he[heNext(e)].v != q[2] {
			// The hint went stale: a later flip moved the edge.
			a, b := q[1], q[2]
			if a == infVertex {
				a, b = b, a
			}
			if a == infVertex {
				continue
			}
			e = c.findEdge(a, b)
		}
		if e < 0 || !c.illegal(e) {
			continue
		}
		c.pushQuad(e)
		c.flip(e)
	}
}

// pushQuad queues the four outer edges of the quad around edge e.
func (c *CDT) pushQuad(e int32) {
	f := c.he[e].twin
	for _, h := range [4]int32{heNext(e), hePrev(e), heNext(f), hePrev(f)} {
		// The twin lies in a triangle the flip leaves alone.
		c.pairs = append(c.pairs, [3]int32{c.he[h].twin, c.he[heNext(h)].v, c.he[h].v})
	}
}

// ---- constraint segments ----

// errCDTStuck reports an internal inconsistency; it cannot happen with exact
// predicates and is returned rather than panicking.
var errCDTStuck = errors.New("geom: constrained triangulation could not place a segment (internal error)")

// pendingSeg is a segment still to place: from a to b, with the winding
// weight w and the number n of input segments it stands for.
type pendingSeg struct {
	a, b, w int32
	n       int16
}

// addSegment inserts the constraint a→b with winding weight w, splitting it
// at vertices on it and at crossings with other constraints.
func (c *CDT) addSegment(a, b, w int32) error {
	if len(c.he) == 0 || a == b {
		return nil
	}
	todo := []pendingSeg{{a, b, w, 1}}
	budget := 64 + 16*len(c.he)
	for len(todo) > 0 {
		s := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if s.a == s.b {
			continue
		}
		if budget--; budget < 0 {
			return errCDTStuck
		}
		var err error
		todo, err = c.placeSegment(s, todo)
		if err != nil {
			return err
		}
	}
	return nil
}

// placeSegment inserts s as far as the first vertex on it or the first
// constrained edge it crosses, and appends what remains to todo.
func (c *CDT) placeSegment(s pendingSeg, todo []pendingSeg) ([]pendingSeg, error) {
	a, b := s.a, s.b
	if e := c.findEdge(a, b); e >= 0 { // the common case, by vertex ids only
		c.mark(e, s.w, s.n)
		return todo, nil
	}
	pa, pb := c.pts[a], c.pts[b]
	dir := pb.Sub(pa)
	// Turn around a to the edge along the segment (when a–b or a–v with v
	// on the segment is an edge) or the triangle the segment leaves a
	// through. Each neighbour's orientation is computed once.
	side := func(v int32) int {
		if v == infVertex {
			return 0
		}
		return orient2(pa, pb, c.pts[v])
	}
	e0 := c.vt[a]
	e := e0
	start := int32(-1)
	v1 := c.he[heNext(e)].v
	o1 := side(v1)
	for {
		v2 := c.he[hePrev(e)].v
		o2 := side(v2)
		if v1 != infVertex && o1 == 0 && c.pts[v1].Sub(pa).Dot(dir) > 0 {
			// v1 lies on the segment (or is b): constrain a–v1, go on from v1.
			c.mark(e, s.w, s.n)
			return append(todo, pendingSeg{v1, b, s.w, s.n}), nil
		}
		if v1 != infVertex && v2 != infVertex && o1 < 0 && o2 > 0 {
			start = heNext(e)
			break
		}
		e = c.he[hePrev(e)].twin
		if e == e0 {
			break
		}
		v1, o1 = v2, o2
	}
	if start < 0 {
		return todo, errCDTStuck
	}
	// Walk along the segment collecting the edges it crosses.
	c.pairs = c.pairs[:0]
	var crossed [][2]int32
	end := b
	h := start
	for {
		if c.he[h].con {
			return c.splitAtCrossing(s, h, todo)
		}
		crossed = append(crossed, [2]int32{c.he[h].v, c.he[heNext(h)].v})
		g := c.he[h].twin
		q := c.he[hePrev(g)].v
		if q == b {
			break
		}
		if q == infVertex {
			return todo, errCDTStuck
		}
		o := orient2(pa, pb, c.pts[q])
		if o == 0 {
			end = q
			todo = append(todo, pendingSeg{q, b, s.w, s.n})
			break
		}
		if o < 0 {
			h = hePrev(g)
		} else {
			h = heNext(g)
		}
	}
	if err := c.removeCrossings(a, end, crossed); err != nil {
		return todo, err
	}
	e = c.findEdge(a, end)
	if e < 0 {
		return todo, errCDTStuck
	}
	c.mark(e, s.w, s.n)
	c.legalizePairs()
	return todo, nil
}

// removeCrossings flips the edges crossing the open segment a–end away
// (Sloan 1993): an edge whose quad is strictly convex is flipped; if its new
// diagonal still crosses, it goes back in the queue. The outer edges of every
// flip are queued for legalization.
func (c *CDT) removeCrossings(a, end int32, crossed [][2]int32) error {
	pa, pe := c.pts[a], c.pts[end]
	queue := crossed
	limit := 64 + 8*len(crossed)*len(crossed)
	if limit > 1<<26 {
		limit = 1 << 26
	}
	for head := 0; head < len(queue); head++ {
		if head > limit {
			return errCDTStuck
		}
		u, w := queue[head][0], queue[head][1]
		e := c.findEdge(u, w)
		if e < 0 {
			return errCDTStuck
		}
		p, d := c.he[hePrev(e)].v, c.he[hePrev(c.he[e].twin)].v
		if p == infVertex || d == infVertex {
			return errCDTStuck
		}
		pu, pw, pp, pd := c.pts[u], c.pts[w], c.pts[p], c.pts[d]
		if orient2(pu, pd, pp) <= 0 || orient2(pd, pw, pp) <= 0 {
			queue = append(queue, queue[head])
			continue
		}
		c.pushQuad(e)
		c.flip(e)
		if o1, o2 := orient2(pa, pe, pp), orient2(pa, pe, pd); o1*o2 < 0 {
			queue = append(queue, [2]int32{p, d})
		} else {
			c.pairs = append(c.pairs, [3]int32{-1, p, d})
		}
	}
	return nil
}

// splitAtCrossing handles segment s meeting the constrained edge h (c→d, c
// right of s and d left of it) at an interior point: the crossing becomes a
// vertex x (or snaps to a segment end within the merge distance), both
// constraints are re-routed through x.
func (c *CDT) splitAtCrossing(s pendingSeg, h int32, todo []pendingSeg) ([]pendingSeg, error) {
	cv, dv := c.he[h].v, c.he[heNext(h)].v
	wcd, ncd := c.he[h].wind, c.he[h].cover
	pa, pb, pc, pd := c.pts[s.a], c.pts[s.b], c.pts[cv], c.pts[dv]
	// A segment end within the merge distance of the other segment takes
	// the crossing: nearly collinear segments then share vertices instead of
	// making ever more crossing points between them (the rounded crossing of
	// two nearly parallel lines lies far along them).
	x0 := int32(-1)
	bd := c.eps2
	for _, q := range [4]struct {
		v    int32
		p, q Vec2
	}{{s.a, pc, pd}, {s.b, pc, pd}, {cv, pa, pb}, {dv, pa, pb}} {
		if d := segmentDist(q.p, q.q, c.pts[q.v]); d*d <= bd {
			x0, bd = q.v, d*d
		}
	}
	if x0 < 0 {
		x := segCross2(pa, pb, pc, pd)
		if len(c.pts) >= MaxCDTPoints {
			return todo, fmt.Errorf("%w: triangulation would exceed %d points (too many crossing segments)", ErrBudget, MaxCDTPoints)
		}
		if c.crossings++; c.crossings > MaxCDTCrossings {
			return todo, fmt.Errorf("%w: constraint segments cross more than %d times", ErrBudget, MaxCDTCrossings)
		}
		c.last = h / 3
		x0 = c.insert(c.newPoint(x))
	}
	if x0 != cv && x0 != dv {
		if e := c.findEdge(cv, dv); e >= 0 {
			// x did not land on c–d: free it and route the constraint via x.
			f := c.he[e].twin
			c.he[e].con, c.he[f].con = false, false
			c.he[e].wind, c.he[f].wind = 0, 0
			c.he[e].cover, c.he[f].cover = 0, 0
			c.pairs = append(c.pairs[:0], [3]int32{e, cv, dv})
			c.legalizePairs()
			todo = append(todo, pendingSeg{cv, x0, wcd, ncd}, pendingSeg{x0, dv, wcd, ncd})
		}
	}
	return append(todo, pendingSeg{x0, s.b, s.w, s.n}, pendingSeg{s.a, x0, s.w, s.n}), nil
}

// segCross2 returns the crossing point of segments a–b and c–d, which are
// known to cross; the parameter along a–b is clamped to the segment.
func segCross2(a, b, c, d Vec2) Vec2 {
	ab, cd := b.Sub(a), d.Sub(c)
	den := cross2(ab, cd)
	t := cross2(c.Sub(a), cd) / den
	if !(t > 0) || math.IsInf(t, 0) {
		t = 0
	} else if t > 1 {
		t = 1
	}
	// Interpolate from the nearer end for accuracy.
	if t > 0.5 {
		return b.Sub(ab.Mul(1 - t))
	}
	return a.Add(ab.Mul(t))
}

func sqDist2(a, b Vec2) float64 {
	dx, dy := a[0]-b[0], a[1]-b[1]
	return dx*dx + dy*dy
}

// ---- insertion order ----

// insertionOrder returns the point indices in a biased randomized insertion
// order (Amenta, Choi, Rote: "Incremental constructions con BRIO", 2003):
// each point gets a round from a hash of its index (round k holds about
// half the points of round k+1), rounds go in turn, and within a round the
// points follow a Hilbert curve over the bounding box (a 2^16 × 2^16 grid;
// ties by index). The randomness keeps the expected number of flips per
// point constant even for points in convex position (a glyph's curve),
// where a purely spatial order costs far more; the curve keeps every walk
// short. The order depends only on the points, so output is deterministic.
func insertionOrder(pts []Vec2, lo, hi Vec2) []int32 {
	keys := make([]uint64, len(pts))
	const side = 1 << 16
	sx := (side - 1) / math.Max(hi[0]-lo[0], 1e-300)
	sy := (side - 1) / math.Max(hi[1]-lo[1], 1e-300)
	for i, p := range pts {
		x := uint32(math.Min(side-1, math.Max(0, (p[0]-lo[0])*sx)))
		y := uint32(math.Min(side-1, math.Max(0, (p[1]-lo[1])*sy)))
		// splitmix64 of the index; its trailing zeros are geometric.
		z := uint64(i) + 0x9E3779B97F4A7C15
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		z ^= z >> 31
		level := uint64(bits.TrailingZeros64(z | 1<<20))
		keys[i] = (20-level)<<53 | uint64(hilbertIndex(x, y))<<21 | uint64(i)
	}
	// The keys are made in index order, so a stable sort on the round and
	// curve bits (21 to 57) leaves ties in index order.
	radixSort(keys, 21, 58)
	out := make([]int32, len(pts))
	for i, k := range keys {
		out[i] = int32(k & (1<<21 - 1))
	}
	return out
}

// hilbertLUT drives hilbertIndex: indexed by state<<2 | xbit<<1 | ybit, it
// gives the quadrant's position along the curve <<2 | the next state. A state
// is the transform the curve has applied so far: bit 0 swaps x and y, bit 1
// complements both (the two commute). In the base orientation the curve
// visits the quadrants (x, y) = (0,0), (0,1), (1,1), (1,0); the lower-left
// quadrant is then swapped, the lower-right swapped and complemented.
var hilbertLUT = func() (lut [16]uint8) {
	for st := 0; st < 4; st++ {
		for q := 0; q < 4; q++ {
			bx, by := q>>1, q&1
			if st&2 != 0 {
				bx, by = bx^1, by^1
			}
			if st&1 != 0 {
				bx, by = by, bx
			}
			pos := (3 * bx) ^ by
			next := st
			if by == 0 {
				next ^= 1
				if bx == 1 {
					next ^= 2
				}
			}
			lut[st<<2|q] = uint8(pos<<2 | next)
		}
	}
	return lut
}()

// hilbertIndex returns the distance along the Hilbert curve of the cell
// (x, y) of a 2^16 × 2^16 grid.
func hilbertIndex(x, y uint32) uint32 {
	var d, st uint32
	for b := 15; b >= 0; b-- {
		v := hilbertLUT[st<<2|(x>>b&1)<<1|(y>>b&1)]
		d = d<<2 | uint32(v>>2)
		st = uint32(v & 3)
	}
	return d
}

// radixSort sorts keys stably by their bits lo to hi−1 (least significant
// digit first, 8 bits a pass).
func radixSort(keys []uint64, lo, hi uint) {
	if len(keys) < 2 {
		return
	}
	tmp := make([]uint64, len(keys))
	src, dst := keys, tmp
	for shift := lo; shift < hi; shift += 8 {
		var count [257]int
		for _, k := range src {
			count[(k>>shift)&0xff+1]++
		}
		for i := 1; i < 257; i++ {
			count[i] += count[i-1]
		}
		for _, k := range src {
			d := (k >> shift) & 0xff
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// ---- exact predicates ----
//
// orient2 and incircle2 first evaluate their determinant in float64 and
// return its sign when it exceeds Shewchuk's error bound ("Adaptive Precision
// Floating-Point Arithmetic and Fast Robust Geometric Predicates", 1997);
// otherwise they evaluate it exactly with floating-point expansions (sums of
// non-overlapping float64 components; products made exact with FMA).
