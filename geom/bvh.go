package geom

import (
	"iter"
	"math"
)

// BVH is a bounding-volume hierarchy over a mesh's triangles: axis-aligned
// boxes in a flat array, split by the surface area heuristic over binned
// centroids. It answers overlapping-triangle pairs, the nearest point on the
// mesh, the first hit of a ray, and (through MinDistance) the distance
// between two meshes. Building is deterministic: the same mesh gives the
// same tree.
//
// The BVH keeps a reference to the mesh's vertices and triangles; do not
// modify the mesh while using it. Triangles with out-of-range indices or
// non-finite corners are left out. A BVH is safe for concurrent queries.
type BVH struct {
	verts []Vec3
	tris  [][3]uint32
	nodes []bvhNode
	order []int32 // triangle indices; each leaf holds a range of it
	boxes []Box   // boxes[i] is the box of triangle order[i]
}

// bvhNode is a box with either two children (count == 0; they sit at
// first and first+1) or a range order[first : first+count] of triangles.
type bvhNode struct {
	box   Box
	first int32
	count int32
}

const (
	bvhLeafSize = 4  // a node with this many triangles or fewer is a leaf
	bvhBins     = 16 // centroid bins per axis for the SAH split
)

// NewBVH builds the hierarchy over the mesh's triangles.
func NewBVH(m *Mesh) *BVH {
	b := &BVH{verts: m.Verts, tris: m.Tris}
	nv := len(m.Verts)
	// Boxes and centroids are kept in slot order and move with the
	// triangles when a node is partitioned, so every pass of the build
	// reads memory in sequence.
	boxes := make([]Box, 0, len(m.Tris))
	cents := make([]Vec3, 0, len(m.Tris))
	b.order = make([]int32, 0, len(m.Tris))
	for i, t := range m.Tris {
		if int(t[0]) >= nv || int(t[1]) >= nv || int(t[2]) >= nv {
			continue
		}
		p, q, r := m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]]
		if !finite(p) || !finite(q) || !finite(r) {
			continue
		}
		bx := triBox(p, q, r)
		boxes = append(boxes, bx)
		cents = append(cents, bx.Center())
		b.order = append(b.order, int32(i))
	}
	if len(b.order) == 0 {
		return b
	}
	// SAH leaves hold about 3 triangles, so about 2n/3 nodes; n is room
	// enough not to grow.
	b.nodes = make([]bvhNode, 1, len(b.order)+1)
	bld := bvhBuilder{b: b, boxes: boxes, cents: cents}
	box, cb := bld.boxesOf(0, int32(len(b.order)))
	bld.build(0, 0, int32(len(b.order)), box, cb)
	b.boxes = boxes
	return b
}

// triBox returns the bounding box of a triangle.
func triBox(p, q, r Vec3) Box {
	var b Box
	for k := 0; k < 3; k++ {
		lo, hi := p[k], p[k]
		if q[k] < lo {
			lo = q[k]
		} else if q[k] > hi {
			hi = q[k]
		}
		if r[k] < lo {
			lo = r[k]
		} else if r[k] > hi {
			hi = r[k]
		}
		b.Min[k], b.Max[k] = lo, hi
	}
	return b
}

// unionBox is Box.Union for boxes without NaN, with plain comparisons.
func unionBox(a, b Box) Box {
	for k := 0; k < 3; k++ {
		if b.Min[k] < a.Min[k] {
			a.Min[k] = b.Min[k]
		}
		if b.Max[k] > a.Max[k] {
			a.Max[k] = b.Max[k]
		}
	}
	return a
}

// extendBox is Box.Extend for finite points, with plain comparisons.
func extendBox(a Box, p Vec3) Box {
	for k := 0; k < 3; k++ {
		if p[k] < a.Min[k] {
			a.Min[k] = p[k]
		}
		if p[k] > a.Max[k] {
			a.Max[k] = p[k]
		}
	}
	return a
}

type bvhBuilder struct {
	b     *BVH
	boxes []Box  // by slot, like order
	cents []Vec3 // by slot
}

// build fills node n with the triangles order[lo:hi], whose bounding box
// and centroid box the caller has computed.
func (bl *bvhBuilder) build(n int, lo, hi int32, box, cb Box) {
	b := bl.b
	b.nodes[n] = bvhNode{box: box, first: lo, count: hi - lo}
	if hi-lo <= bvhLeafSize {
		return
	}
	mid, lb, lc, rb, rc := bl.split(lo, hi, cb)
	c := len(b.nodes)
	b.nodes = append(b.nodes, bvhNode{}, bvhNode{})
	b.nodes[n].first, b.nodes[n].count = int32(c), 0
	bl.build(c, lo, mid, lb, lc)
	bl.build(c+1, mid, hi, rb, rc)
}

// boxesOf returns the bounding box and the centroid box of order[lo:hi].
func (bl *bvhBuilder) boxesOf(lo, hi int32) (box, cb Box) {
	box, cb = EmptyBox(), EmptyBox()
	for i := lo; i < hi; i++ {
		box = unionBox(box, bl.boxes[i])
		cb = extendBox(cb, bl.cents[i])
	}
	return box, cb
}

// split partitions order[lo:hi] (more than one triangle) at the cheapest
// bin boundary by the surface area heuristic along the longest axis of the
// centroid box, and returns the partition point with the bounding and
// centroid boxes of both sides. When the centroids coincide it splits by
// count.
func (bl *bvhBuilder) split(lo, hi int32, cb Box) (mid int32, lb, lc, rb, rc Box) {
	b := bl.b
	ext := cb.Max.Sub(cb.Min)
	ax := 0
	for k := 1; k < 3; k++ {
		if ext[k] > ext[ax] {
			ax = k
		}
	}
	halve := func() (int32, Box, Box, Box, Box) {
		mid := lo + (hi-lo)/2 // all centroids equal: order is arbitrary but fixed
		lb, lc := bl.boxesOf(lo, mid)
		rb, rc := bl.boxesOf(mid, hi)
		return mid, lb, lc, rb, rc
	}
	if !(ext[ax] > 0) {
		return halve()
	}
	var cnt [bvhBins]int
	var bb, bc [bvhBins]Box
	for i := range bb {
		bb[i], bc[i] = EmptyBox(), EmptyBox()
	}
	scale := bvhBins / ext[ax]
	bin := func(slot int32) int {
		i := int((bl.cents[slot][ax] - cb.Min[ax]) * scale)
		return min(max(i, 0), bvhBins-1)
	}
	for t := lo; t < hi; t++ {
		i := bin(t)
		cnt[i]++
		bb[i] = unionBox(bb[i], bl.boxes[t])
		bc[i] = extendBox(bc[i], bl.cents[t])
	}
	// cost of splitting after bin i: area(left)·n(left) + area(right)·n(right)
	var right [bvhBins]float64
	acc, n := EmptyBox(), 0
	for i := bvhBins - 1; i > 0; i-- {
		acc, n = unionBox(acc, bb[i]), n+cnt[i]
		right[i] = boxArea(acc) * float64(n)
	}
	best, bestCost := -1, math.Inf(1)
	acc, n = EmptyBox(), 0
	for i := 0; i < bvhBins-1; i++ {
		acc, n = unionBox(acc, bb[i]), n+cnt[i]
		if n == 0 || n == int(hi-lo) {
			continue
		}
		if c := boxArea(acc)*float64(n) + right[i+1]; c < bestCost {
			best, bestCost = i, c
		}
	}
	if best < 0 {
		return halve()
	}
	lb, lc, rb, rc = EmptyBox(), EmptyBox(), EmptyBox(), EmptyBox()
	for i := 0; i < bvhBins; i++ {
		if i <= best {
			lb, lc = unionBox(lb, bb[i]), unionBox(lc, bc[i])
		} else {
			rb, rc = unionBox(rb, bb[i]), unionBox(rc, bc[i])
		}
	}
	// in-place partition (Hoare): deterministic for a given input.
	i, j := lo, hi-1
	for {
		for i <= j && bin(i) <= best {
			i++
		}
		for i <= j && bin(j) > best {
			j--
		}
		if i >= j {
			break
		}
		b.order[i], b.order[j] = b.order[j], b.order[i]
		bl.boxes[i], bl.boxes[j] = bl.boxes[j], bl.boxes[i]
		bl.cents[i], bl.cents[j] = bl.cents[j], bl.cents[i]
	}
	return i, lb, lc, rb, rc
}

// boxArea is half the surface area of a non-empty box.
func boxArea(b Box) float64 {
	if b.Empty() {
		return 0
	}
	d := b.Max.Sub(b.Min)
	return d[0]*d[1] + d[1]*d[2] + d[2]*d[0]
}

// boxesOverlap reports whether two closed boxes share a point.
func boxesOverlap(a, b Box) bool {
	return a.Min[0] <= b.Max[0] && b.Min[0] <= a.Max[0] &&
		a.Min[1] <= b.Max[1] && b.Min[1] <= a.Max[1] &&
		a.Min[2] <= b.Max[2] && b.Min[2] <= a.Max[2]
}

// Bounds returns the box of every triangle in the hierarchy (empty when it
// has none).
func (b *BVH) Bounds() Box {
	if len(b.nodes) == 0 {
		return EmptyBox()
	}
	return b.nodes[0].box
}

// Overlapping yields every triangle whose bounding box meets the closed box
// q, in a fixed order.
func (b *BVH) Overlapping(q Box) iter.Seq[int] {
	return func(yield func(int) bool) {
		if len(b.nodes) == 0 {
			return
		}
		stack := []int32{0}
		for len(stack) > 0 {
			n := &b.nodes[stack[len(stack)-1]]
			stack = stack[:len(stack)-1]
			if !boxesOverlap(n.box, q) {
				continue
			}
			if n.count == 0 {
				stack = append(stack, n.first+1, n.first)
				continue
			}
			for i := n.first; i < n.first+n.count; i++ {
				if boxesOverlap(b.boxes[i], q) && !yield(int(b.order[i])) {
					return
				}
			}
		}
	}
}

// OverlappingPairs yields every pair of triangles (i, j), i < j, whose
// closed bounding boxes meet, once each, in a fixed order. It is the broad
// phase of the self-intersection test.
func (b *BVH) OverlappingPairs() iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		if len(b.nodes) == 0 {
			return
		}
		emit := func(i, j int32) bool {
			if !boxesOverlap(b.boxes[i], b.boxes[j]) {
				return true
			}
			t, u := b.order[i], b.order[j]
			return yield(int(min(t, u)), int(max(t, u)))
		}
		type pair struct{ a, c int32 }
		stack := []pair{{0, 0}}
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			na, nc := &b.nodes[p.a], &b.nodes[p.c]
			if p.a == p.c {
				if na.count == 0 {
					l, r := na.first, na.first+1
					stack = append(stack, pair{l, r}, pair{r, r}, pair{l, l})
					continue
				}
				end := na.first + na.count
				for i := na.first; i < end; i++ {
					for j := i + 1; j < end; j++ {
						if !emit(i, j) {
							return
						}
					}
				}
				continue
			}
			if !boxesOverlap(na.box, nc.box) {
				continue
			}
			switch {
			case na.count == 0 && (nc.count != 0 || boxArea(na.box) >= boxArea(nc.box)):
				stack = append(stack, pair{na.first + 1, p.c}, pair{na.first, p.c})
			case nc.count == 0:
				stack = append(stack, pair{p.a, nc.first + 1}, pair{p.a, nc.first})
			default:
				for i := na.first; i < na.first+na.count; i++ {
					for j := nc.first; j < nc.first+nc.count; j++ {
						if !emit(i, j) {
							return
						}
					}
				}
			}
		}
	}
}

// boxDist2 returns the squared distance from p to the closed box (0 inside).
func boxDist2(bx Box, p Vec3) float64 {
	var d float64
	for k := 0; k < 3; k++ {
		if v := bx.Min[k] - p[k]; v > 0 {
			d += v * v
		} else if v := p[k] - bx.Max[k]; v > 0 {
			d += v * v
		}
	}
	return d
}

// Nearest returns the point q of the mesh closest to p, the triangle it lies
// on and the distance |p − q| in mm. On an empty hierarchy it returns
// tri = −1 and dist = +Inf. Ties go to the first triangle found in the
// tree's fixed order.
func (b *BVH) Nearest(p Vec3) (q Vec3, tri int, dist float64) {
	tri = -1
	best := math.Inf(1)
	if len(b.nodes) == 0 {
		return q, tri, best
	}
	var buf [64]int32 // the stack lives on the goroutine stack unless the tree is deeper
	stack := append(buf[:0], 0)
	for len(stack) > 0 {
		ni := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := &b.nodes[ni]
		if boxDist2(n.box, p) >= best {
			continue
		}
		if n.count == 0 {
			l, r := n.first, n.first+1
			if boxDist2(b.nodes[l].box, p) <= boxDist2(b.nodes[r].box, p) {
				stack = append(stack, r, l)
			} else {
				stack = append(stack, l, r)
			}
			continue
		}
		for _, t := range b.order[n.first : n.first+n.count] {
			tr := b.tris[t]
			c := closestOnTriangle(p, b.verts[tr[0]], b.verts[tr[1]], b.verts[tr[2]])
			if d := c.Sub(p).LenSqr(); d < best {
				best, q, tri = d, c, int(t)
			}
		}
	}
	return q, tri, math.Sqrt(best)
}

// closestOnTriangle returns the point of the closed triangle abc nearest p
// (Ericson, Real-Time Collision Detection, §5.1.5: Voronoi regions of the
// vertices, then the edges, then the face).
func closestOnTriangle(p, a, b, c Vec3) Vec3 {
	ab, ac, ap := b.Sub(a), c.Sub(a), p.Sub(a)
	d1, d2 := ab.Dot(ap), ac.Dot(ap)
	if d1 <= 0 && d2 <= 0 {
		return a
	}
	bp := p.Sub(b)
	d3, d4 := ab.Dot(bp), ac.Dot(bp)
	if d3 >= 0 && d4 <= d3 {
		return b
	}
	vc := d1*d4 - d3*d2
	if vc <= 0 && d1 >= 0 && d3 <= 0 {
		return a.Add(ab.Mul(d1 / (d1 - d3)))
	}
	cp := p.Sub(c)
	d5, d6 := ab.Dot(cp), ac.Dot(cp)
	if d6 >= 0 && d5 <= d6 {
		return c
	}
	vb := d5*d2 - d1*d6
	if vb <= 0 && d2 >= 0 && d6 <= 0 {
		return a.Add(ac.Mul(d2 / (d2 - d6)))
	}
	va := d3*d6 - d5*d4
	if va <= 0 && d4-d3 >= 0 && d5-d6 >= 0 {
		return b.Add(c.Sub(b).Mul((d4 - d3) / ((d4 - d3) + (d5 - d6))))
	}
	den := va + vb + vc
	if den == 0 { // degenerate triangle: fall back to its edges
		best := closestOnSegment(p, a, b)
		for _, s := range [][2]Vec3{{b, c}, {c, a}} {
			if q := closestOnSegment(p, s[0], s[1]); q.Sub(p).LenSqr() < best.Sub(p).LenSqr() {
				best = q
			}
		}
		return best
	}
	v, w := vb/den, vc/den
	return a.Add(ab.Mul(v)).Add(ac.Mul(w))
}

// closestOnSegment returns the point of segment ab nearest p.
func closestOnSegment(p, a, b Vec3) Vec3 {
	ab := b.Sub(a)
	l := ab.LenSqr()
	if l == 0 {
		return a
	}
	t := math.Min(1, math.Max(0, p.Sub(a).Dot(ab)/l))
	return a.Add(ab.Mul(t))
}

// Hit is where a ray first meets a mesh.
type Hit struct {
	T     float64 // ray parameter: the hit is orig + T·dir (mm when dir is a unit vector)
	Tri   int     // the triangle hit
	U, V  float64 // barycentrics: Point = (1−U−V)·corner0 + U·corner1 + V·corner2
	Point Vec3    // the hit point, mm
}

// Raycast returns the first triangle the ray orig + t·dir meets with
// 0 < t ≤ tmax, from either side. A ray starting on the surface finds its own
// triangle at t ≈ 0 only when rounding places the origin just behind it;
// callers measuring from the surface should start a small distance (say
// 1e-6 mm) along dir. Ties in t go to the lower triangle index.
func (b *BVH) Raycast(orig, dir Vec3, tmax float64) (Hit, bool) {
	var h Hit
	found := false
	if len(b.nodes) == 0 || !(tmax > 0) || dir == (Vec3{}) || !finite(orig) || !finite(dir) {
		return h, false
	}
	var inv Vec3
	for k := 0; k < 3; k++ {
		inv[k] = 1 / dir[k] // ±Inf for a zero component: the slab test copes
	}
	best := tmax
	var buf [64]int32
	stack := append(buf[:0], 0)
	for len(stack) > 0 {
		n := &b.nodes[stack[len(stack)-1]]
		stack = stack[:len(stack)-1]
		if t0, ok := raySlab(n.box, orig, inv, best); !ok || t0 > best {
			continue
		}
		if n.count == 0 {
			l, r := n.first, n.first+1
			tl, okl := raySlab(b.nodes[l].box, orig, inv, best)
			tr, okr := raySlab(b.nodes[r].box, orig, inv, best)
			switch {
			case okl && okr && tl <= tr:
				stack = append(stack, r, l)
			case okl && okr:
				stack = append(stack, l, r)
			case okl:
				stack = append(stack, l)
			case okr:
				stack = append(stack, r)
			}
			continue
		}
		for _, ti := range b.order[n.first : n.first+n.count] {
			tr := b.tris[ti]
			t, u, v, ok := rayTriangle(orig, dir, b.verts[tr[0]], b.verts[tr[1]], b.verts[tr[2]])
			if !ok || !(t > 0) || t > best {
				continue
			}
			if t == best && found && int(ti) > h.Tri {
				continue
			}
			best, found = t, true
			h = Hit{T: t, Tri: int(ti), U: u, V: v}
		}
	}
	if found {
		h.Point = orig.Add(dir.Mul(h.T))
	}
	return h, found
}

// raySlab returns where the ray enters the box and whether it meets it
// within [0, tmax] (Kay–Kajiya slabs).
func raySlab(bx Box, o, inv Vec3, tmax float64) (float64, bool) {
	t0, t1 := 0.0, tmax
	for k := 0; k < 3; k++ {
		a := (bx.Min[k] - o[k]) * inv[k]
		c := (bx.Max[k] - o[k]) * inv[k]
		if math.IsNaN(a) || math.IsNaN(c) { // 0·Inf: origin on the slab plane, parallel ray
			if o[k] < bx.Min[k] || o[k] > bx.Max[k] {
				return 0, false
			}
			continue
		}
		if a > c {
			a, c = c, a
		}
		t0, t1 = math.Max(t0, a), math.Min(t1, c)
		if t0 > t1 {
			return 0, false
		}
	}
	return t0, true
}

// rayTriangle intersects the ray o + t·d with triangle abc (Möller &
// Trumbore 1997), from either side; u, v are the barycentrics of b and c.
func rayTriangle(o, d, a, b, c Vec3) (t, u, v float64, ok bool) {
	e1, e2 := b.Sub(a), c.Sub(a)
	p := d.Cross(e2)
	det := e1.Dot(p)
	if det == 0 {
		return 0, 0, 0, false
	}
	inv := 1 / det
	s := o.Sub(a)
	u = s.Dot(p) * inv
	if u < 0 || u > 1 {
		return 0, 0, 0, false
	}
	q := s.Cross(e1)
	v = d.Dot(q) * inv
	if v < 0 || u+v > 1 {
		return 0, 0, 0, false
	}
	return e2.Dot(q) * inv, u, v, true
}

// MinDistance returns the smallest distance in mm between the surfaces of
// two meshes and a closest pair of points, pa on a and pb on b. It is 0 when
// the surfaces touch or cross (pa = pb is then a common point). Both trees
// are walked together, nearest boxes first, and pairs of boxes farther apart
// than the best distance so far are pruned. When either mesh has no usable
// triangle it returns +Inf.
//
// Note that it measures between surfaces: a mesh lying wholly inside the
// other is at a positive distance.
func MinDistance(a, b *Mesh) (dist float64, pa, pb Vec3) {
	return MinDistanceBelow(a, b, math.Inf(1))
}

// MinDistanceBelow is MinDistance for a question with a bound: are the two
// surfaces closer than limit mm (two stones closer than a setter needs)? It
// returns the smallest distance and its points when it is below limit, and
// +Inf otherwise, pruning every pair of boxes limit or more apart from the
// start, so far-apart parts of the meshes cost nothing.
func MinDistanceBelow(a, b *Mesh, limit float64) (dist float64, pa, pb Vec3) {
	ta, tb := NewBVH(a), NewBVH(b)
	best := limit
	if len(ta.nodes) == 0 || len(tb.nodes) == 0 || !(limit > 0) {
		return math.Inf(1), pa, pb
	}
	type pair struct {
		a, b int32
		d2   float64
	}
	stack := []pair{{0, 0, boxBoxDist2(ta.nodes[0].box, tb.nodes[0].box)}}
	for len(stack) > 0 && best > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p.d2 >= best*best {
			continue
		}
		na, nb := &ta.nodes[p.a], &tb.nodes[p.b]
		if na.count != 0 && nb.count != 0 {
			for _, i := range ta.order[na.first : na.first+na.count] {
				x := a.Tris[i]
				tx := [3]Vec3{a.Verts[x[0]], a.Verts[x[1]], a.Verts[x[2]]}
				bx := triBox(tx[0], tx[1], tx[2])
				for _, j := range tb.order[nb.first : nb.first+nb.count] {
					y := b.Tris[j]
					ty := [3]Vec3{b.Verts[y[0]], b.Verts[y[1]], b.Verts[y[2]]}
					// the triangles' boxes bound their distance from below:
					// the exact test (fifteen candidates) only when it can win
					if boxBoxDist2(bx, triBox(ty[0], ty[1], ty[2])) >= best*best {
						continue
					}
					if d, p, q := triangleDistance(tx, ty); d < best {
						best, pa, pb = d, p, q
					}
				}
			}
			continue
		}
		// descend into the larger box (or the only inner node)
		var c1, c2 pair
		if nb.count != 0 || na.count == 0 && boxArea(na.box) >= boxArea(nb.box) {
			c1 = pair{na.first, p.b, boxBoxDist2(ta.nodes[na.first].box, nb.box)}
			c2 = pair{na.first + 1, p.b, boxBoxDist2(ta.nodes[na.first+1].box, nb.box)}
		} else {
			c1 = pair{p.a, nb.first, boxBoxDist2(na.box, tb.nodes[nb.first].box)}
			c2 = pair{p.a, nb.first + 1, boxBoxDist2(na.box, tb.nodes[nb.first+1].box)}
		}
		if c1.d2 <= c2.d2 {
			stack = append(stack, c2, c1)
		} else {
			stack = append(stack, c1, c2)
		}
	}
	if !(best < limit) {
		return math.Inf(1), Vec3{}, Vec3{}
	}
	return best, pa, pb
}

// boxBoxDist2 returns the squared distance between two closed boxes.
func boxBoxDist2(a, b Box) float64 {
	var d float64
	for k := 0; k < 3; k++ {
		if v := a.Min[k] - b.Max[k]; v > 0 {
			d += v * v
		} else if v := b.Min[k] - a.Max[k]; v > 0 {
			d += v * v
		}
	}
	return d
}

// triangleDistance returns the distance between two closed triangles and a
// closest pair of points. When an edge of one pierces the other the distance
// is 0 at the piercing point; otherwise the minimum is reached between a
// vertex and a face or between two edges, and all fifteen are tried.
func triangleDistance(a, b [3]Vec3) (float64, Vec3, Vec3) {
	if p, ok := piercing(a, b); ok {
		return 0, p, p
	}
	if p, ok := piercing(b, a); ok {
		return 0, p, p
	}
	best := math.Inf(1)
	var pa, pb Vec3
	try := func(p, q Vec3) {
		if d := p.Sub(q).LenSqr(); d < best {
			best, pa, pb = d, p, q
		}
	}
	for i := 0; i < 3; i++ {
		try(a[i], closestOnTriangle(a[i], b[0], b[1], b[2]))
		try(closestOnTriangle(b[i], a[0], a[1], a[2]), b[i])
	}
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			p, q := ClosestSegmentPoints(a[i], a[(i+1)%3], b[j], b[(j+1)%3])
			try(p, q)
		}
	}
	return math.Sqrt(best), pa, pb
}

// piercing returns a point where an edge of a crosses the interior or
// boundary of triangle b, if one does (floating point; used for distances).
func piercing(a, b [3]Vec3) (Vec3, bool) {
	n := b[1].Sub(b[0]).Cross(b[2].Sub(b[0]))
	if n.LenSqr() == 0 {
		return Vec3{}, false
	}
	// a crossing point within pierceRel of the mesh's scale of b counts
	// (it is computed with rounding).
	sc := 0.0
	for _, p := range append(a[:], b[:]...) {
		sc = math.Max(sc, math.Max(math.Abs(p[0]), math.Max(math.Abs(p[1]), math.Abs(p[2]))))
	}
	tol := pierceRel * sc
	var s [3]float64
	for i := range a {
		s[i] = n.Dot(a[i].Sub(b[0]))
	}
	for i := 0; i < 3; i++ {
		j := (i + 1) % 3
		if s[i] > 0 && s[j] > 0 || s[i] < 0 && s[j] < 0 || s[i] == s[j] {
			continue // same side, or the edge lies in the plane (edges cover it)
		}
		p := a[i].Add(a[j].Sub(a[i]).Mul(s[i] / (s[i] - s[j])))
		if q := closestOnTriangle(p, b[0], b[1], b[2]); q.Sub(p).LenSqr() <= tol*tol {
			return p, true
		}
	}
	return Vec3{}, false
}

// pierceRel is the rounding allowance of piercing, relative to the largest
// coordinate: a few hundred float64 ulps.
const pierceRel = 1e-13

// ClosestSegmentPoints returns the closest points of the segments p1q1 and
// p2q2, mm (Ericson, Real-Time Collision Detection, §5.1.9). Degenerate
// segments (points) are allowed.
func ClosestSegmentPoints(p1, q1, p2, q2 Vec3) (Vec3, Vec3) {
	d1, d2, r := q1.Sub(p1), q2.Sub(p2), p1.Sub(p2)
	a, e, f := d1.LenSqr(), d2.LenSqr(), d2.Dot(r)
	var s, t float64
	switch {
	case a == 0 && e == 0:
		return p1, p2
	case a == 0:
		t = clamp01(f / e)
	default:
		c := d1.Dot(r)
		if e == 0 {
			s = clamp01(-c / a)
		} else {
			bb := d1.Dot(d2)
			den := a*e - bb*bb
			if den > 0 {
				s = clamp01((bb*f - c*e) / den)
			}
			t = (bb*s + f) / e
			if t < 0 {
				t, s = 0, clamp01(-c/a)
			} else if t > 1 {
				t, s = 1, clamp01((bb-c)/a)
			}
		}
	}
	return p1.Add(d1.Mul(s)), p2.Add(d2.Mul(t))
}

func clamp01(x float64) float64 { return math.Min(1, math.Max(0, x)) }
