package render

import (
	"math"
	"sort"

	"github.com/mandrel3d/mandrel/geom"
)

// Gem tracing limits.
const (
	// gemBounces is the number of times a ray may meet the stone's surface
	// from inside: enough for a brilliant, whose light returns after two or
	// three internal reflections.
	gemBounces = 8
	// gemMinThroughput ends a path whose remaining weight is below it.
	gemMinThroughput = 0.01
	// gemMaxTris is the largest stone mesh traced triangle by triangle when
	// it is not convex; a larger one is shaded as an opaque dielectric.
	gemMaxTris = 4096
	// defaultGemIOR is used when a gem material leaves IOR unset (glTF's
	// default).
	defaultGemIOR = 1.5
)

// gemMaxPartTris is the largest stone part traced at all (a part may hold
// many stones, each a shell); a larger one is shaded as an opaque
// dielectric.
const gemMaxPartTris = 64 * gemMaxTris

// gemBody is a transparent stone part prepared for tracing: its optics and
// its shells (a part may hold several stones, each a closed shell).
type gemBody struct {
	ior      float64
	iorRGB   [3]float64 // refractive index per channel (dispersion)
	sigma    [3]float64 // absorption per mm, per channel
	shells   []*gemShell
	triShell []int32 // shell of each triangle of the part; −1 when not traced
}

// gemShell is one stone: a convex one is traced against its face planes, a
// concave one triangle by triangle.
type gemShell struct {
	convex     bool
	planes     [][4]float64 // convex: outward unit normal and offset, n·p ≤ d inside
	tris       [][3]geom.Vec3
	triNormals []geom.Vec3
}

// newGemBody prepares a stone part, or returns nil when it is to be shaded
// as an opaque dielectric (no transmission, or too large to trace).
func newGemBody(mat *geom.Material, m *geom.Mesh) *gemBody {
	if mat.Kind != geom.KindGem || mat.Transmission < 0.5 || len(m.Tris) > gemMaxPartTris || len(m.Tris) < 4 {
		return nil
	}
	g := &gemBody{ior: mat.IOR}
	if !(g.ior > 1 && g.ior < 5) {
		g.ior = defaultGemIOR
	}
	// KHR_materials_dispersion: dispersion = 20/V with V the Abbe number
	// (n_d − 1)/(n_F − n_C); red sees n_C, blue n_F, green n_d.
	spread := 0.0
	if d := mat.Dispersion; d > 0 && d < 10 {
		spread = (g.ior - 1) * d / 20
	}
	g.iorRGB = [3]float64{g.ior - spread/2, g.ior, g.ior + spread/2}
	if dist := mat.AttenuationDistanceMM; dist > 0 && !math.IsInf(dist, 0) {
		for k := range g.sigma {
			c := mat.AttenuationColor[k]
			if c > 0 && c < 1 {
				g.sigma[k] = -math.Log(c) / dist
			} else if c <= 0 {
				g.sigma[k] = 10 / dist
			}
		}
	}
	// Shells: triangles joined through shared vertices (union–find).
	parent := make([]int32, len(m.Verts))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, t := range m.Tris {
		a, b, c := find(int32(t[0])), find(int32(t[1])), find(int32(t[2]))
		parent[b] = a
		parent[find(c)] = find(a)
	}
	shellOf := map[int32]int32{} // root vertex → shell index, assigned in triangle order
	var members [][]int
	g.triShell = make([]int32, len(m.Tris))
	for i, t := range m.Tris {
		r := find(int32(t[0]))
		k, ok := shellOf[r]
		if !ok {
			k = int32(len(members))
			shellOf[r] = k
			members = append(members, nil)
		}
		members[k] = append(members[k], i)
		g.triShell[i] = k
	}
	g.shells = make([]*gemShell, len(members))
	for k, tris := range members {
		g.shells[k] = newGemShell(m, tris)
		if g.shells[k] == nil {
			for _, i := range tris {
				g.triShell[i] = -1
			}
		}
	}
	return g
}

// newGemShell prepares one shell from its triangles (indices into m), or
// returns nil when it is too large or flat to trace.
func newGemShell(m *geom.Mesh, tris []int) *gemShell {
	if len(tris) < 4 || len(tris) > gemMaxTris {
		return nil
	}
	s := &gemShell{}
	box := geom.EmptyBox()
	var verts []geom.Vec3
	seen := map[uint32]bool{}
	for _, i := range tris {
		for _, v := range m.Tris[i] {
			if !seen[v] {
				seen[v] = true
				verts = append(verts, m.Verts[v])
				box = box.Extend(m.Verts[v])
			}
		}
	}
	eps := box.Size().Len() * 1e-6
	for _, i := range tris {
		a, b, c := m.Triangle(i)
		n := b.Sub(a).Cross(c.Sub(a))
		if l := n.Len(); l > 0 {
			n = n.Mul(1 / l)
		} else {
			continue
		}
		s.tris = append(s.tris, [3]geom.Vec3{a, b, c})
		s.triNormals = append(s.triNormals, n)
	}
	if len(s.tris) < 4 {
		return nil
	}
	// Convex when every vertex lies behind every face's plane.
	s.convex = true
	for i, t := range s.tris {
		n := s.triNormals[i]
		d := n.Dot(t[0])
		for _, v := range verts {
			if n.Dot(v) > d+eps {
				s.convex = false
				break
			}
		}
		if !s.convex {
			break
		}
	}
	if s.convex {
		s.planes = dedupPlanes(s.tris, s.triNormals, eps)
	}
	return s
}

// dedupPlanes returns the distinct face planes (coplanar triangles of one
// facet merged), sorted for a stable order.
func dedupPlanes(tris [][3]geom.Vec3, normals []geom.Vec3, eps float64) [][4]float64 {
	var out [][4]float64
	for i, t := range tris {
		n := normals[i]
		p := [4]float64{n[0], n[1], n[2], n.Dot(t[0])}
		dup := false
		for _, q := range out {
			if math.Abs(q[0]-p[0]) < 1e-9 && math.Abs(q[1]-p[1]) < 1e-9 && math.Abs(q[2]-p[2]) < 1e-9 && math.Abs(q[3]-p[3]) < eps {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		for k := 0; k < 4; k++ {
			if out[i][k] != out[j][k] {
				return out[i][k] < out[j][k]
			}
		}
		return false
	})
	return out
}

// exit finds where a ray inside the stone leaves it: the distance and the
// outward normal there. ok is false when no face is found (rounding at an
// edge).
func (g *gemShell) exit(o, d geom.Vec3) (t float64, n geom.Vec3, ok bool) {
	t = math.Inf(1)
	if g.convex {
		for _, p := range g.planes {
			nd := p[0]*d[0] + p[1]*d[1] + p[2]*d[2]
			if nd <= 1e-12 {
				continue
			}
			s := (p[3] - (p[0]*o[0] + p[1]*o[1] + p[2]*o[2])) / nd
			if s < t {
				t, n = s, geom.Vec3{p[0], p[1], p[2]}
			}
		}
		if math.IsInf(t, 1) {
			return 0, n, false
		}
		return max(t, 0), n, true
	}
	for i, tri := range g.tris {
		s, _, _, hit := intersect(o, d, tri[0], tri[1], tri[2])
		if hit && s > 1e-7 && s < t {
			t, n = s, g.triNormals[i]
		}
	}
	return t, n, !math.IsInf(t, 1)
}

// fresnel is the unpolarised Fresnel reflectance of a dielectric boundary
// for light arriving at cosine cosi from a medium of index n1 into n2; 1 on
// total internal reflection.
func fresnel(cosi, n1, n2 float64) float64 {
	cosi = min(1, math.Abs(cosi))
	sint := n1 / n2 * math.Sqrt(max(0, 1-cosi*cosi))
	if sint >= 1 {
		return 1
	}
	cost := math.Sqrt(1 - sint*sint)
	rs := (n1*cosi - n2*cost) / (n1*cosi + n2*cost)
	rp := (n2*cosi - n1*cost) / (n2*cosi + n1*cost)
	return (rs*rs + rp*rp) / 2
}

// refract bends unit direction d through a boundary whose unit normal n
// faces against d, with eta = n1/n2; ok is false on total internal
// reflection.
func refract(d, n geom.Vec3, eta float64) (geom.Vec3, bool) {
	cosi := -d.Dot(n)
	k := 1 - eta*eta*(1-cosi*cosi)
	if k < 0 {
		return geom.Vec3{}, false
	}
	return d.Mul(eta).Add(n.Mul(eta*cosi - math.Sqrt(k))), true
}

func reflect(d, n geom.Vec3) geom.Vec3 { return d.Sub(n.Mul(2 * d.Dot(n))) }

// shadeGem traces the light a viewer sees at point p of the stone's surface
// with outward unit normal n along unit direction d: Fresnel reflection of
// the studio off the facet, plus light refracted in, reflected (totally
// where the angle allows) from face to face and refracted out, each
// channel leaving at its own index.
func (sc *scene) shadeGem(g *gemBody, sh *gemShell, p, d, n geom.Vec3) [3]float64 {
	if d.Dot(n) > 0 {
		n = n.Mul(-1)
	}
	cosi := -d.Dot(n)
	f := fresnel(cosi, 1, g.ior)
	var c [3]float64
	l := sc.gemEnv(reflect(d, n), 0)
	for k := range c {
		c[k] = f * l[k]
	}
	dir, ok := refract(d, n, 1/g.ior)
	if !ok {
		return c
	}
	w := [3]float64{1 - f, 1 - f, 1 - f}
	pos := p
	for bounce := 0; bounce < gemBounces; bounce++ {
		t, nOut, ok := sh.exit(pos, dir)
		if !ok {
			break
		}
		pos = pos.Add(dir.Mul(t))
		for k := range w {
			if g.sigma[k] > 0 {
				w[k] *= math.Exp(-g.sigma[k] * t)
			}
		}
		cos := dir.Dot(nOut)
		fr := fresnel(cos, g.ior, 1)
		if fr < 1 {
			// Light leaves: each channel at its own index.
			in := nOut.Mul(-1)
			for k := range c {
				out, ok := refract(dir, in, g.iorRGB[k])
				if !ok {
					continue
				}
				fk := fresnel(cos, g.iorRGB[k], 1)
				c[k] += w[k] * (1 - fk) * sc.gemEnv(out, 0)[k]
			}
			for k := range w {
				w[k] *= fr
			}
		}
		dir = reflect(dir, nOut)
		if max(w[0], w[1], w[2]) < gemMinThroughput {
			return c
		}
	}
	// Whatever light is left leaves in the last direction.
	l = sc.gemEnv(dir, 0.3)
	for k := range c {
		c[k] += w[k] * l[k]
	}
	return c
}

// intersect is the Möller–Trumbore ray–triangle test: the ray o + t·d meets
// triangle (a, b, c) at barycentric (1−u−v, u, v). hit is false for a ray
// parallel to the triangle's plane or passing outside it.
func intersect(o, d, a, b, c geom.Vec3) (t, u, v float64, hit bool) {
	e1, e2 := b.Sub(a), c.Sub(a)
	p := d.Cross(e2)
	det := e1.Dot(p)
	if det == 0 || math.IsNaN(det) {
		return 0, 0, 0, false
	}
	inv := 1 / det
	s := o.Sub(a)
	u = s.Dot(p) * inv
	if u < 0 || u > 1 {
		return 0, u, 0, false
	}
	q := s.Cross(e1)
	v = d.Dot(q) * inv
	if v < 0 || u+v > 1 {
		return 0, u, v, false
	}
	return e2.Dot(q) * inv, u, v, true
}
