package link

import (
	"math"
	"runtime"
	"sync"

	"github.com/mandrel3d/mandrel/geom"
)

// body is a part for clearance: its mesh and, for wire parts, the wire's
// centreline with the largest distance of the surface from it (mm). A
// centreline lets the other part be cropped to the triangles that can be
// nearest before the exact measure, which is what makes interlocked wires
// cheap to measure.
type body struct {
	mesh *geom.Mesh
	cl   []geom.Vec3
	rmax float64
	rin  float64
}

// surfaceRadius returns 1.1 times the largest distance of a vertex of m from
// the closed polyline cl: a bound on how far the surface strays from its
// centreline (the margin covers face interiors at mitred bends).
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
		b := cl[(i+1)%len(cl)]
		ab := b.Sub(a)
		t := 0.0
		if l2 := ab.Dot(ab); l2 > 0 {
			t = math.Max(0, math.Min(1, p.Sub(a).Dot(ab)/l2))
		}
		best = math.Min(best, p.Sub(a.Add(ab.Mul(t))).Len())
	}
	return best
}

func grow(b geom.Box, e float64) geom.Box {
	return geom.Box{Min: b.Min.Sub(geom.Vec3{e, e, e}), Max: b.Max.Add(geom.Vec3{e, e, e})}
}

func inBox(b geom.Box, p geom.Vec3) bool {
	return p[0] >= b.Min[0] && p[0] <= b.Max[0] && p[1] >= b.Min[1] && p[1] <= b.Max[1] && p[2] >= b.Min[2] && p[2] <= b.Max[2]
}

// pairDistance returns the distance between the surfaces of a and b, as
// geom.MinDistance measures it, after dropping triangles that provably
// cannot be nearest. The bound U: the segment from a vertex v of one part
// to the other's centreline (inside the other) crosses the other's surface,
// and a ball of radius rin about the centreline point lies inside, so the
// gap is at most dist(v, centreline) − rin. A triangle T with centroid g
// and circumradius rho about g is kept when dist(g, centreline) − rho −
// rmax ≤ U, or (facing a part
// without a centreline) when its box comes within U of the other's box.
func pairDistance(a, b body) float64 {
	ba, bb := a.mesh.Bounds(), b.mesh.Bounds()
	u := math.Inf(1)
	probe := func(x, y body, by geom.Box) {
		if y.cl == nil {
			return
		}
		for _, v := range x.mesh.Verts {
			if inBox(by, v) {
				u = math.Min(u, polylineDist(v, y.cl)-y.rin)
			}
		}
	}
	probe(a, b, bb)
	probe(b, a, ba)
	if math.IsInf(u, 1) {
		d, _, _ := geom.MinDistance(a.mesh, b.mesh)
		return d
	}
	crop := func(x, y body, by geom.Box) *geom.Mesh {
		near := grow(by, u)
		out := &geom.Mesh{Verts: x.mesh.Verts}
		for _, t := range x.mesh.Tris {
			p, q, r := x.mesh.Verts[t[0]], x.mesh.Verts[t[1]], x.mesh.Verts[t[2]]
			tb := geom.EmptyBox().Extend(p).Extend(q).Extend(r)
			if boxGap(tb, near) > 0 {
				continue
			}
			if y.cl != nil {
				// Every point of T lies within rho of its centroid g.
				g := p.Add(q).Add(r).Mul(1.0 / 3)
				rho := math.Max(q.Sub(g).Len(), math.Max(r.Sub(g).Len(), p.Sub(g).Len()))
				lo := polylineDist(g, y.cl) - rho - y.rmax
				if lo > u {
					continue
				}
			}
			out.Tris = append(out.Tris, t)
		}
		return out
	}
	ca, cb := crop(a, b, bb), crop(b, a, ba)
	if len(ca.Tris) == 0 || len(cb.Tris) == 0 {
		// Cannot happen when u is an upper bound; measure in full to be sure.
		d, _, _ := geom.MinDistance(a.mesh, b.mesh)
		return d
	}
	d, _, _ := geom.MinDistance(ca, cb)
	return d
}

// minDistances returns pairDistance for every pair, in pair order, spread
// over at most GOMAXPROCS goroutines (each result lands in its own slot, so
// the output does not depend on scheduling).
func minDistances(bodies []body, pairs [][2]int) []float64 {
	out := make([]float64, len(pairs))
	workers := min(runtime.GOMAXPROCS(0), (len(pairs)+15)/16)
	if workers <= 1 {
		for k, pr := range pairs {
			out[k] = pairDistance(bodies[pr[0]], bodies[pr[1]])
		}
		return out
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := w; k < len(pairs); k += workers {
				out[k] = pairDistance(bodies[pairs[k][0]], bodies[pairs[k][1]])
			}
		}(w)
	}
	wg.Wait()
	return out
}
