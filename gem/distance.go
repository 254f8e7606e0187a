package gem

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// pointTriangleDist returns the distance from p to the triangle abc, mm
// (Ericson, Real-Time Collision Detection, §5.1.5: closest point by Voronoi
// regions).
func pointTriangleDist(p, a, b, c geom.Vec3) float64 {
	return math.Sqrt(pointTriangleDist2(&p, &a, &b, &c))
}

// pointTriangleDist2 is the square of pointTriangleDist, in scalars (the
// prong fitter calls it thousands of times per head). Its operations are
// those of the vector form, so its root has the same bits.
func pointTriangleDist2(p, a, b, c *geom.Vec3) float64 {
	abx, aby, abz := b[0]-a[0], b[1]-a[1], b[2]-a[2]
	acx, acy, acz := c[0]-a[0], c[1]-a[1], c[2]-a[2]
	apx, apy, apz := p[0]-a[0], p[1]-a[1], p[2]-a[2]
	d1 := abx*apx + aby*apy + abz*apz
	d2 := acx*apx + acy*apy + acz*apz
	if d1 <= 0 && d2 <= 0 {
		return apx*apx + apy*apy + apz*apz
	}
	bpx, bpy, bpz := p[0]-b[0], p[1]-b[1], p[2]-b[2]
	d3 := abx*bpx + aby*bpy + abz*bpz
	d4 := acx*bpx + acy*bpy + acz*bpz
	if d3 >= 0 && d4 <= d3 {
		return bpx*bpx + bpy*bpy + bpz*bpz
	}
	// q is the closest point; the distance is |p − q|.
	dist2 := func(qx, qy, qz float64) float64 {
		x, y, z := p[0]-qx, p[1]-qy, p[2]-qz
		return x*x + y*y + z*z
	}
	vc := d1*d4 - d3*d2
	if vc <= 0 && d1 >= 0 && d3 <= 0 {
		v := d1 / (d1 - d3)
		return dist2(a[0]+abx*v, a[1]+aby*v, a[2]+abz*v)
	}
	cpx, cpy, cpz := p[0]-c[0], p[1]-c[1], p[2]-c[2]
	d5 := abx*cpx + aby*cpy + abz*cpz
	d6 := acx*cpx + acy*cpy + acz*cpz
	if d6 >= 0 && d5 <= d6 {
		return cpx*cpx + cpy*cpy + cpz*cpz
	}
	vb := d5*d2 - d1*d6
	if vb <= 0 && d2 >= 0 && d6 <= 0 {
		w := d2 / (d2 - d6)
		return dist2(a[0]+acx*w, a[1]+acy*w, a[2]+acz*w)
	}
	va := d3*d6 - d5*d4
	if va <= 0 && d4-d3 >= 0 && d5-d6 >= 0 {
		w := (d4 - d3) / ((d4 - d3) + (d5 - d6))
		return dist2(b[0]+(c[0]-b[0])*w, b[1]+(c[1]-b[1])*w, b[2]+(c[2]-b[2])*w)
	}
	den := 1 / (va + vb + vc)
	v, w := vb*den, vc*den
	return dist2(a[0]+abx*v+acx*w, a[1]+aby*v+acy*w, a[2]+abz*v+acz*w)
}

// meshDist returns the distance from p to the nearest triangle of m, mm.
func meshDist(p geom.Vec3, m *geom.Mesh) float64 {
	d := math.Inf(1)
	for i := range m.Tris {
		a, b, c := m.Triangle(i)
		d = math.Min(d, pointTriangleDist(p, a, b, c))
	}
	return d
}

// CrownZ returns the height of the stone's upper surface above (x, y), mm,
// and false when (x, y) is outside the girdle outline.
func (g *Geometry) CrownZ(x, y float64) (float64, bool) { return g.surfaceZ(x, y, 1) }

// PavilionZ returns the height of the stone's lower surface under (x, y),
// mm, and false when (x, y) is outside the girdle outline.
func (g *Geometry) PavilionZ(x, y float64) (float64, bool) { return g.surfaceZ(x, y, -1) }

func (g *Geometry) surfaceZ(x, y, up float64) (float64, bool) {
	for i := range g.Mesh.Tris {
		a, b, c := g.Mesh.Triangle(i)
		n := b.Sub(a).Cross(c.Sub(a))
		if n[2]*up <= 1e-12 {
			continue
		}
		// barycentric coordinates in XY
		d := (b[1]-c[1])*(a[0]-c[0]) + (c[0]-b[0])*(a[1]-c[1])
		l1 := ((b[1]-c[1])*(x-c[0]) + (c[0]-b[0])*(y-c[1])) / d
		l2 := ((c[1]-a[1])*(x-c[0]) + (a[0]-c[0])*(y-c[1])) / d
		l3 := 1 - l1 - l2
		const eps = -1e-12
		if l1 >= eps && l2 >= eps && l3 >= eps {
			return l1*a[2] + l2*b[2] + l3*c[2], true
		}
	}
	return 0, false
}

// triSet is a subset of a mesh's triangles for repeated distance queries.
type triSet struct {
	m    *geom.Mesh
	tris []int
}

// triBoxes holds each triangle's bounding box, for picking the triangles
// near a point.
type triBoxes struct {
	m      *geom.Mesh
	lo, hi []geom.Vec3
	up     []bool // the triangle faces up or sideways (crown or girdle)
}

func newTriBoxes(m *geom.Mesh) *triBoxes {
	t := &triBoxes{m: m, lo: make([]geom.Vec3, len(m.Tris)), hi: make([]geom.Vec3, len(m.Tris)), up: make([]bool, len(m.Tris))}
	for i := range m.Tris {
		a, b, c := m.Triangle(i)
		for k := 0; k < 3; k++ {
			t.lo[i][k] = math.Min(a[k], math.Min(b[k], c[k]))
			t.hi[i][k] = math.Max(a[k], math.Max(b[k], c[k]))
		}
		n := b.Sub(a).Cross(c.Sub(a))
		t.up[i] = n[2] >= -1e-9*n.Len()
	}
	return t
}

// near returns the triangles facing up or sideways whose bounding boxes
// come within radius (mm) of p: the only ones a point above the girdle and
// within radius of p can be nearest (a convex stone's downward faces lie
// below its girdle).
func (t *triBoxes) near(p geom.Vec3, radius float64) triSet {
	s := triSet{m: t.m}
	for i := range t.lo {
		if !t.up[i] {
			continue
		}
		var d2 float64
		for k := 0; k < 3; k++ {
			if p[k] < t.lo[i][k] {
				d2 += (t.lo[i][k] - p[k]) * (t.lo[i][k] - p[k])
			} else if p[k] > t.hi[i][k] {
				d2 += (p[k] - t.hi[i][k]) * (p[k] - t.hi[i][k])
			}
		}
		if d2 <= radius*radius {
			s.tris = append(s.tris, i)
		}
	}
	return s
}

// dist returns the distance from p to the nearest triangle of the set, mm;
// meaningful for points within the set's radius of its centre.
func (s triSet) dist(p geom.Vec3) float64 {
	d2 := math.Inf(1)
	for _, i := range s.tris {
		t := s.m.Tris[i]
		d2 = min(d2, pointTriangleDist2(&p, &s.m.Verts[t[0]], &s.m.Verts[t[1]], &s.m.Verts[t[2]]))
	}
	return math.Sqrt(d2)
}
