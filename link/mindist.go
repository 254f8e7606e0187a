package link

import (
	"math"
	"sort"

	"github.com/mandrel3d/mandrel/geom"
)

// body is a part for clearance: its mesh and, for wire parts, the wire's
// centreline with the largest distance of the surface from it (mm). A
// centreline gives a cheap proven lower bound on the gap between two parts
// (centreline distance minus both surface radii), which decides most pairs
// without measuring their meshes, and crops the meshes to the triangles
// that can be nearest when they must be measured.
type body struct {
	mesh *geom.Mesh
	cl   []geom.Vec3
	// rmax bounds the surface's distance from cl from above; rin from
	// below (a ball of radius rin about any centreline point lies inside).
	rmax float64
	rin  float64
	// sh, when not nil, is the shape the part was placed from by the
	// rotation rot (columns: where the shape's X, Y, Z go) and the
	// translation o; its bands crop the mesh, and pairs placed alike are
	// measured once.
	sh  *Shape
	rot [3]geom.Vec3
	o   geom.Vec3
}

// bands assign each triangle of a wire mesh to a centreline segment: every
// point of triangle i lies within r[seg[i]] of segment seg[i] (the distance
// to a segment is convex, so the largest of the three corners' distances
// bounds the whole triangle). rmax is the largest r.
type bands struct {
	seg  []int32
	r    []float64
	rmax float64
}

// newBands assigns every triangle of m to the segment of the closed
// polyline cl that bounds it most tightly among those near its centroid.
func newBands(m *geom.Mesh, cl []geom.Vec3) bands {
	n := len(cl)
	b := bands{seg: make([]int32, len(m.Tris)), r: make([]float64, n)}
	for i, t := range m.Tris {
		p, q, r := m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]]
		g := p.Add(q).Add(r).Mul(1.0 / 3)
		near, nd := 0, math.Inf(1)
		for s := 0; s < n; s++ {
			if d := segPointDist(g, cl[s], cl[(s+1)%n]); d < nd {
				near, nd = s, d
			}
		}
		best, br := near, math.Inf(1)
		for k := -2; k <= 2; k++ {
			s := ((near+k)%n + n) % n
			a, c := cl[s], cl[(s+1)%n]
			d := math.Max(segPointDist(p, a, c), math.Max(segPointDist(q, a, c), segPointDist(r, a, c)))
			if d < br {
				best, br = s, d
			}
		}
		b.seg[i] = int32(best)
		b.r[best] = math.Max(b.r[best], br)
	}
	for _, r := range b.r {
		b.rmax = math.Max(b.rmax, r)
	}
	return b
}

// segPointDist returns the distance from p to the segment ab.
func segPointDist(p, a, b geom.Vec3) float64 {
	ab := b.Sub(a)
	t := 0.0
	if l2 := ab.Dot(ab); l2 > 0 {
		t = math.Max(0, math.Min(1, p.Sub(a).Dot(ab)/l2))
	}
	return p.Sub(a.Add(ab.Mul(t))).Len()
}

// segSegDist returns the distance between the segments p1q1 and p2q2, mm.
func segSegDist(p1, q1, p2, q2 geom.Vec3) float64 {
	a, b := geom.ClosestSegmentPoints(p1, q1, p2, q2)
	return a.Sub(b).Len()
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// surfaceRadius returns 1.1 times the largest distance of a vertex of m from
// the closed polyline cl: a bound on how far the surface strays from its
// centreline for parts without bands (the margin covers face interiors).
func surfaceRadius(m *geom.Mesh, cl []geom.Vec3) float64 {
	r := 0.0
	for _, v := range m.Verts {
		r = math.Max(r, polylineDist(v, cl))
	}
	return 1.1 * r
}

func polylineDist(p geom.Vec3, cl []geom.Vec3) float64 {
	best := math.Inf(1)
	for i, a := range cl {
		best = math.Min(best, segPointDist(p, a, cl[(i+1)%len(cl)]))
	}
	return best
}

// segBoxes returns the boxes of a closed polyline's segments.
func segBoxes(cl []geom.Vec3) []geom.Box {
	out := make([]geom.Box, len(cl))
	for i, a := range cl {
		out[i] = geom.EmptyBox().Extend(a).Extend(cl[(i+1)%len(cl)])
	}
	return out
}

// centreDist returns the distance between two closed polylines, skipping
// segment pairs whose boxes are farther apart than the best so far.
func centreDist(a, b []geom.Vec3, ba, bb []geom.Box) float64 {
	best := math.Inf(1)
	for i := range a {
		for j := range b {
			if boxGap(ba[i], bb[j]) >= best {
				continue
			}
			best = math.Min(best, segSegDist(a[i], a[(i+1)%len(a)], b[j], b[(j+1)%len(b)]))
		}
	}
	return best
}

// segNear reports whether some segment of b comes within cap of segment i
// of a.
func segNear(a []geom.Vec3, i int, b []geom.Vec3, ba []geom.Box, bb []geom.Box, cap float64) bool {
	for j := range b {
		if boxGap(ba[i], bb[j]) > cap {
			continue
		}
		if segSegDist(a[i], a[(i+1)%len(a)], b[j], b[(j+1)%len(b)]) <= cap {
			return true
		}
	}
	return false
}

// cropGap returns the distance between the surfaces of x and y measured on
// the triangles that can come within limit of the other part (by the
// bands), and whether it is exact: when the cropped distance exceeds limit
// the true one does too, and exact is false.
func cropGap(x, y *body, bx, by []geom.Box, limit float64) (float64, bool) {
	crop := func(x, y *body, bx, by []geom.Box) *geom.Mesh {
		keep := make([]bool, len(x.cl))
		for s := range x.cl {
			keep[s] = segNear(x.cl, s, y.cl, bx, by, limit+x.sh.bands.r[s]+y.sh.bands.rmax)
		}
		out := &geom.Mesh{Verts: x.mesh.Verts}
		for i, t := range x.mesh.Tris {
			if keep[x.sh.bands.seg[i]] {
				out.Tris = append(out.Tris, t)
			}
		}
		return out
	}
	ca := crop(x, y, bx, by)
	if len(ca.Tris) == 0 {
		return math.Inf(1), false
	}
	cb := crop(y, x, by, bx)
	if len(cb.Tris) == 0 {
		return math.Inf(1), false
	}
	// only a gap within limit is of use: box pairs farther apart are
	// pruned from the start
	d, _, _ := geom.MinDistanceBelow(ca, cb, math.Nextafter(limit, math.Inf(1)))
	return d, d <= limit
}

// congruent is a measured pair of parts placed from shapes: b's placement
// in a's frame and the gap.
type congruent struct {
	sa, sb *Shape
	rot    [3]geom.Vec3
	t      geom.Vec3
	gap    float64
}

// relPose returns b's rotation (columns) and origin in a's frame.
func relPose(a, b *body) ([3]geom.Vec3, geom.Vec3) {
	in := func(v geom.Vec3) geom.Vec3 { return geom.Vec3{a.rot[0].Dot(v), a.rot[1].Dot(v), a.rot[2].Dot(v)} }
	return [3]geom.Vec3{in(b.rot[0]), in(b.rot[1]), in(b.rot[2])}, in(b.o.Sub(a.o))
}

// congruentMM is how far (mm) any vertex of a pair may lie from where it
// lies in a measured pair for the pair to take that pair's gap: a gap
// reported from a congruent pair is within this of its own measure.
const congruentMM = 1e-9

// GapAccuracyMM is how far below a chain's reported smallest gap an
// unmeasured pair may lie: pairs whose proven lower bound is within this
// of the smallest gap measured are not measured on their meshes (a tenth
// of a printer's 0.1 mm resolution), mm.
const GapAccuracyMM = 0.01

// measureClearance measures the gap between every two bodies whose boxes
// come closer than within. Pairs are taken in order of their proven lower
// bound (centreline distance minus both surface radii, −∞ for parts
// without a centreline); a pair is measured on its meshes only while that
// bound is below within (it might warn or touch) or below the smallest gap
// measured so far less GapAccuracyMM (it might be the smallest), and a pair
// placed as an already measured one (to within congruentMM) takes its
// gap. So MinGapMM is the smallest gap measured on the meshes, no pair is
// closer than MinGapMM − GapAccuracyMM, and Below is complete.
func measureClearance(bodies []body, within float64) (Clearance, error) {
	res := Clearance{MinGapMM: math.Inf(1), Pair: [2]int{-1, -1}}
	boxes := make([]geom.Box, len(bodies))
	order := make([]int, len(bodies))
	sboxes := make([][]geom.Box, len(bodies))
	for i := range bodies {
		boxes[i] = bodies[i].mesh.Bounds()
		order[i] = i
		if bodies[i].cl != nil {
			sboxes[i] = segBoxes(bodies[i].cl)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return boxes[order[a]].Min[0] < boxes[order[b]].Min[0] })
	type cand struct {
		i, j   int
		lo, cd float64
	}
	var pairs []cand
	for a, i := range order {
		for _, j := range order[a+1:] {
			if boxes[j].Min[0] > boxes[i].Max[0]+within {
				break
			}
			if boxGap(boxes[i], boxes[j]) >= within {
				continue
			}
			c := cand{i: min(i, j), j: max(i, j), lo: math.Inf(-1)}
			x, y := &bodies[c.i], &bodies[c.j]
			if x.cl != nil && y.cl != nil {
				c.cd = centreDist(x.cl, y.cl, sboxes[c.i], sboxes[c.j])
				c.lo = c.cd - x.rmax - y.rmax
			}
			pairs = append(pairs, c)
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		p, q := pairs[a], pairs[b]
		if p.lo != q.lo {
			return p.lo < q.lo
		}
		return p.i < q.i || p.i == q.i && p.j < q.j
	})
	res.Pairs = len(pairs)
	var seen []congruent
	for _, c := range pairs {
		limit := math.Max(within, res.MinGapMM-GapAccuracyMM)
		if c.lo >= limit {
			break // so is every later pair's
		}
		x, y := &bodies[c.i], &bodies[c.j]
		g, known := 0.0, false
		if x.sh != nil && y.sh != nil {
			rot, t := relPose(x, y)
			for _, s := range seen {
				if s.sa != x.sh || s.sb != y.sh {
					continue
				}
				dr := 0.0
				for k := 0; k < 3; k++ {
					dr += rot[k].Sub(s.rot[k]).LenSqr()
				}
				if t.Sub(s.t).Len()+math.Sqrt(dr)*y.sh.radius <= congruentMM {
					g, known = s.gap, true
					break
				}
			}
			if !known {
				// Crop to the limit, or (nothing measured yet) to the gap
				// along the centrelines' common normal; widen if that
				// estimate was short.
				lim := limit
				if math.IsInf(lim, 1) {
					lim = math.Max(within, c.cd-x.rin-y.rin)
				}
				var exact bool
				for try := 0; try < 3 && !known; try++ {
					g, exact = cropGap(x, y, sboxes[c.i], sboxes[c.j], lim)
					if exact {
						known = true
					} else if !math.IsInf(limit, 1) {
						break // farther than the limit: neither smallest nor below
					}
					lim = 2*lim + 1
				}
				if known {
					seen = append(seen, congruent{sa: x.sh, sb: y.sh, rot: rot, t: t, gap: g})
				}
			}
		}
		if !known && (x.sh == nil || y.sh == nil || math.IsInf(limit, 1)) {
			g, _, _ = geom.MinDistance(x.mesh, y.mesh)
			known = true
		}
		if !known {
			continue
		}
		pr := [2]int{c.i, c.j}
		if g <= 0 {
			return res, errIntersect(pr)
		}
		if g < res.MinGapMM || g == res.MinGapMM && (pr[0] < res.Pair[0] || pr[0] == res.Pair[0] && pr[1] < res.Pair[1]) {
			res.MinGapMM, res.Pair = g, pr
		}
		if g < within {
			res.Below = append(res.Below, pr)
		}
	}
	sort.Slice(res.Below, func(a, b int) bool {
		p, q := res.Below[a], res.Below[b]
		return p[0] < q[0] || p[0] == q[0] && p[1] < q[1]
	})
	return res, nil
}
