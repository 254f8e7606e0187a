package geom

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// refCheckMesh carries a copy of the mesh checker's linear tests as they
// were before the fast topology path (commit 150daa5; only names changed),
// so that tests can compare CheckReports field by field on broken meshes.
// The edge and fan tests (now the fallback behind the fast path) and the
// self-intersection test are shared.
type refCheckMesh Mesh

// refFinite is the finiteness test the old checker used.
func refFinite(v Vec3) bool {
	for _, c := range v {
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return false
		}
	}
	return true
}

// CheckWith is the checker as it was before the fast path: the reference
// the tests compare the new one with.
func (m *refCheckMesh) CheckWith(opt CheckOptions) CheckReport {
	r := CheckReport{Vertices: len(m.Verts), Triangles: len(m.Tris)}
	nv := len(m.Verts)
	// skip[t] marks triangles left out of the topology (bad indices) and
	// geometry (non-finite, degenerate) tests.
	const (
		okTri  = 0
		badIdx = 1
		badGeo = 2 // non-finite or degenerate: kept in the topology
	)
	state := make([]uint8, len(m.Tris))
	// vflag: 1 = used by a triangle, 2 = used and not finite.
	vflag := make([]uint8, nv)
	for i, t := range m.Tris {
		if int(t[0]) >= nv || int(t[1]) >= nv || int(t[2]) >= nv {
			state[i] = badIdx
			r.BadIndices++
			if len(r.FirstBadIndices) < MaxExamples {
				r.FirstBadIndices = append(r.FirstBadIndices, i)
			}
			continue
		}
		vflag[t[0]], vflag[t[1]], vflag[t[2]] = 1, 1, 1
	}
	box := EmptyBox()
	for v, p := range m.Verts {
		if vflag[v] == 0 {
			continue
		}
		if !refFinite(p) {
			vflag[v] = 2
			r.NonFinite++
			if len(r.FirstNonFinite) < MaxExamples {
				r.FirstNonFinite = append(r.FirstNonFinite, v)
			}
			continue
		}
		box = extendBox(box, p)
	}
	if r.NonFinite > 0 {
		for i, t := range m.Tris {
			if state[i] == okTri && (vflag[t[0]] == 2 || vflag[t[1]] == 2 || vflag[t[2]] == 2) {
				state[i] = badGeo
			}
		}
	}
	diag := box.Size().Len()
	minHeight := DegenerateRel * diag
	for i, t := range m.Tris {
		if state[i] != okTri {
			continue
		}
		if !refNonDegenerate(m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]], t, minHeight) {
			state[i] = badGeo
			r.Degenerate++
			if len(r.FirstDegenerate) < MaxExamples {
				r.FirstDegenerate = append(r.FirstDegenerate, i)
			}
		}
	}

	// the edge and fan tests are unchanged: the checker keeps them as the
	// full diagnosis behind its fast path
	shell := (*Mesh)(m).checkEdges(&r, state)
	m.checkShells(&r, state, shell, box)

	if !opt.SkipSelfIntersections && r.BadIndices == 0 && r.NonFinite == 0 {
		(*Mesh)(m).checkSelfIntersections(&r, state, nil)
	}
	return r
}

// refNonDegenerate reports whether the triangle has three distinct indices and a
// height over its longest edge above minHeight.
func refNonDegenerate(a, b, c Vec3, t [3]uint32, minHeight float64) bool {
	if t[0] == t[1] || t[1] == t[2] || t[2] == t[0] {
		return false
	}
	// scalar arithmetic: this runs once per triangle on every check.
	x0, y0, z0 := b[0]-a[0], b[1]-a[1], b[2]-a[2]
	x1, y1, z1 := c[0]-b[0], c[1]-b[1], c[2]-b[2]
	x2, y2, z2 := a[0]-c[0], a[1]-c[1], a[2]-c[2]
	l := max(x0*x0+y0*y0+z0*z0, x1*x1+y1*y1+z1*z1, x2*x2+y2*y2+z2*z2)
	if l == 0 {
		return false
	}
	// height = |e0 × e2| / longest; compare squares to avoid two roots.
	cx, cy, cz := y0*z2-z0*y2, z0*x2-x0*z2, x0*y2-y0*x2
	return cx*cx+cy*cy+cz*cz > minHeight*minHeight*l
}

// checkShells counts shells, sums the signed volume per shell and finds
// inverted shells. A negative shell is a cavity when a point of it lies in
// the material of the other shells (their winding number there is at least
// one); that test needs closed shells and runs only when every edge is
// manifold and oriented.
func (m *refCheckMesh) checkShells(r *CheckReport, state []uint8, shell []int32, box Box) {
	o := box.Center()
	if box.Empty() {
		o = Vec3{}
	}
	vol := make([]float64, len(m.Tris)) // indexed by shell root
	var roots []int32                   // in order of first triangle
	for i, t := range m.Tris {
		s := shell[i]
		if s < 0 {
			continue
		}
		if s == int32(i) {
			roots = append(roots, s)
		}
		if state[i] != 0 {
			continue // non-finite or degenerate: no volume
		}
		a, b, c := &m.Verts[t[0]], &m.Verts[t[1]], &m.Verts[t[2]]
		ax, ay, az := a[0]-o[0], a[1]-o[1], a[2]-o[2]
		bx, by, bz := b[0]-o[0], b[1]-o[1], b[2]-o[2]
		cx, cy, cz := c[0]-o[0], c[1]-o[1], c[2]-o[2]
		vol[s] += (ax*(by*cz-bz*cy) + ay*(bz*cx-bx*cz) + az*(bx*cy-by*cx)) / 6
	}
	r.Shells = len(roots)
	for _, s := range roots {
		r.Volume += vol[s]
	}
	closed := r.OpenEdges == 0 && r.NonManifoldEdges == 0 && r.MisorientedEdges == 0 && r.NonFinite == 0
	var boxes []Box // indexed by shell root
	for _, s := range roots {
		if !(vol[s] < 0) {
			continue
		}
		if closed && len(roots) > 1 {
			if boxes == nil {
				boxes = make([]Box, len(m.Tris))
				for _, s := range roots {
					boxes[s] = EmptyBox()
				}
				for i, t := range m.Tris {
					if s := shell[i]; s >= 0 {
						boxes[s] = boxes[s].Extend(m.Verts[t[0]]).Extend(m.Verts[t[1]]).Extend(m.Verts[t[2]])
					}
				}
			}
			if m.isCavity(s, shell, state, boxes) {
				r.Cavities++
				continue
			}
		}
		r.NegativeShells++
		if len(r.FirstNegativeShells) < MaxExamples {
			r.FirstNegativeShells = append(r.FirstNegativeShells, int(s))
		}
	}
}

// isCavity reports whether the centroid of shell s's first triangle lies in
// the material of the other shells: their generalized winding number there,
// the sum of the signed solid angles of their triangles over 4π, is at least
// one half (it is an integer for closed shells; a shell contributes only when
// its bounding box holds the point).
func (m *refCheckMesh) isCavity(s int32, shell []int32, state []uint8, boxes []Box) bool {
	a, b, c := (*Mesh)(m).Triangle(int(s))
	p := a.Add(b).Add(c).Mul(1.0 / 3)
	var w float64
	for i, t := range m.Tris {
		o := shell[i]
		if o < 0 || o == s || state[i] != 0 {
			continue
		}
		bx := boxes[o]
		if p[0] < bx.Min[0] || p[0] > bx.Max[0] || p[1] < bx.Min[1] || p[1] > bx.Max[1] || p[2] < bx.Min[2] || p[2] > bx.Max[2] {
			continue
		}
		w += solidAngle(m.Verts[t[0]].Sub(p), m.Verts[t[1]].Sub(p), m.Verts[t[2]].Sub(p))
	}
	return w/(4*math.Pi) > 0.5
}

// sameReport reports how two CheckReports differ, or "" when they are the
// same field for field, the volume bit for bit, with the same Err text.
func sameReport(got, want CheckReport) string {
	if math.Float64bits(got.Volume) != math.Float64bits(want.Volume) {
		return fmt.Sprintf("volume %v (bits %x), want %v (bits %x)", got.Volume, math.Float64bits(got.Volume), want.Volume, math.Float64bits(want.Volume))
	}
	g, w := got, want
	g.Volume, w.Volume = 0, 0
	if !reflect.DeepEqual(g, w) {
		return fmt.Sprintf("\n got %+v\nwant %+v", got, want)
	}
	ge, we := fmt.Sprint(got.Err()), fmt.Sprint(want.Err())
	if ge != we {
		return fmt.Sprintf("Err %q, want %q", ge, we)
	}
	return ""
}

// checkBoth runs the checker and the reference on m, with and without the
// self-intersection test, and fails on any difference.
func checkBoth(t *testing.T, name string, m *Mesh) CheckReport {
	t.Helper()
	var rep CheckReport
	for k, opt := range []CheckOptions{{}, {SkipSelfIntersections: true}} {
		got := m.CheckWith(opt)
		want := (*refCheckMesh)(m).CheckWith(opt)
		if d := sameReport(got, want); d != "" {
			t.Fatalf("%s (%+v): %s", name, opt, d)
		}
		if k == 0 {
			rep = got
		}
	}
	return rep
}

// checkCases are broken (and a few sound) meshes, one of each problem
// CheckWith reports.
func checkCases(t *testing.T) map[string]*Mesh {
	cube := func() *Mesh { return testCube(Vec3{}, 1) }
	cs := map[string]*Mesh{}
	cs["cube"] = cube()

	m := cube() // open: one triangle missing
	m.Tris = append(m.Tris[:5], m.Tris[6:]...)
	cs["open"] = m

	m = cube() // non-manifold: a face doubled
	m.Tris = append(m.Tris, m.Tris[0], m.Tris[1])
	cs["non-manifold edges"] = m

	m = cube() // misoriented: one face flipped
	m.Tris[7] = [3]uint32{m.Tris[7][0], m.Tris[7][2], m.Tris[7][1]}
	cs["misoriented"] = m

	m = cube() // degenerate: a repeated index, and collinear corners
	m.Tris = append(m.Tris, [3]uint32{0, 0, 1})
	m.Verts = append(m.Verts, Vec3{0.5, 0, 0})
	m.Tris = append(m.Tris, [3]uint32{0, 1, 8})
	cs["degenerate"] = m

	// a T-junction: a vertex on the midpoint of edge 0–1 splits one of
	// its two triangles, leaving three open edges; a zero-area sliver
	// (0, 1, 8) closes them again.
	m = cube()
	m.Verts = append(m.Verts, Vec3{0.5, 0, 0})
	for i, tr := range m.Tris {
		k := slices.Index(tr[:], 0)
		if tr[(k+1)%3] == 1 {
			c := tr[(k+2)%3]
			m.Tris[i] = [3]uint32{0, 8, c}
			m.Tris = append(m.Tris, [3]uint32{8, 1, c})
			break
		}
	}
	cs["T-junction"] = m
	m = m.Clone()
	m.Tris = append(m.Tris, [3]uint32{0, 1, 8})
	cs["sliver"] = m

	m = cube() // a repeated index inside an otherwise closed surface
	m.Tris = append(m.Tris, [3]uint32{2, 2, 2})
	cs["point triangle"] = m

	m = cube()
	m.Verts[3] = Vec3{math.NaN(), 0, 0}
	cs["NaN"] = m

	m = cube()
	m.Verts[5] = Vec3{0, math.Inf(-1), 0}
	m.Verts = append(m.Verts, Vec3{math.Inf(1), 0, 0}) // unused
	cs["Inf"] = m

	m = cube()
	m.Tris = append(m.Tris, [3]uint32{0, 1, 99})
	m.Tris[3][2] = 8
	cs["bad index"] = m

	// a bow tie: two cubes sharing the vertex (1,1,1) by index.
	m = cube()
	m.Append(testCube(Vec3{1, 1, 1}, 1))
	for i, tr := range m.Tris[12:] {
		for k := range tr {
			if tr[k] == 8 {
				m.Tris[12+i][k] = 7
			}
		}
	}
	cs["pinched vertex"] = m

	// two cone-like fans meeting at one vertex of a closed double pyramid
	// of 100-gons: apexes of degree 100 take the large-fan path.
	cs["double pyramid"] = testBipyramid(300, false)
	cs["pinched pyramids"] = testBipyramid(100, true)

	m = testCube(Vec3{}, 2)
	m.Append(testCube(Vec3{3, 0, 0}, 2))
	cs["two shells"] = m

	m = testCube(Vec3{}, 2)
	m.Append(testCube(Vec3{1, 1, 1}, 2))
	cs["overlapping shells"] = m

	m = cube()
	m.Flip()
	cs["inverted"] = m

	m = testCube(Vec3{}, 4)
	in := testCube(Vec3{1, 1, 1}, 2)
	in.Flip()
	m.Append(in)
	cs["cavity"] = m

	m = testCube(Vec3{}, 4)
	in = testCube(Vec3{10, 0, 0}, 2)
	in.Flip()
	m.Append(in)
	m.Append(testCube(Vec3{20, 0, 0}, 1))
	cs["inverted second shell"] = m

	// shells whose triangles interleave, the first one degenerate.
	m = testCube(Vec3{}, 1)
	o := testCube(Vec3{5, 0, 0}, 1)
	m.Append(o)
	var tris [][3]uint32
	for i := 0; i < 12; i++ {
		tris = append(tris, m.Tris[12+i], m.Tris[i])
	}
	m.Tris = tris
	m.Verts[8+5] = m.Verts[8+4]
	cs["interleaved shells"] = m

	cs["empty"] = &Mesh{}
	cs["no triangles"] = &Mesh{Verts: []Vec3{{1, 2, 3}}}
	cs["sphere"] = testSphere(t, 5, Tolerance{ChordMM: 0.01})
	cs["torus"] = testTorus(t, 9, 1, 40, 12)
	return cs
}

// testBipyramid is a closed double pyramid over a regular n-gon: apexes
// 0 (top) and 1 (bottom), rim vertices 2…n+1. pinched joins a second one
// at the top apex.
func testBipyramid(n int, pinched bool) *Mesh {
	m := &Mesh{}
	add := func(z0 float64) uint32 {
		top := m.AddVert(Vec3{0, 0, z0 + 1})
		bot := m.AddVert(Vec3{0, 0, z0 - 1})
		rim := uint32(len(m.Verts))
		for i := 0; i < n; i++ {
			a := 2 * math.Pi * float64(i) / float64(n)
			m.AddVert(Vec3{math.Cos(a), math.Sin(a), z0})
		}
		for i := 0; i < n; i++ {
			a, b := rim+uint32(i), rim+uint32((i+1)%n)
			m.AddTri(top, a, b)
			m.AddTri(bot, b, a)
		}
		return top
	}
	top := add(0)
	if pinched {
		bot := add(2) // its bottom apex sits on the first top apex
		_ = bot
		for i, tr := range m.Tris[2*n:] {
			for k := range tr {
				if tr[k] == uint32(n+2)+1 {
					m.Tris[2*n+i][k] = top
				}
			}
		}
	}
	return m
}

func TestCheckMatchesReference(t *testing.T) {
	cs := checkCases(t)
	want := map[string]func(r CheckReport) bool{
		"cube":                  func(r CheckReport) bool { return r.OK() },
		"open":                  func(r CheckReport) bool { return r.OpenEdges == 3 },
		"non-manifold edges":    func(r CheckReport) bool { return r.NonManifoldEdges == 5 },
		"misoriented":           func(r CheckReport) bool { return r.MisorientedEdges == 3 },
		"degenerate":            func(r CheckReport) bool { return r.Degenerate == 2 },
		"T-junction":            func(r CheckReport) bool { return r.Degenerate == 0 && r.OpenEdges == 3 },
		"sliver":                func(r CheckReport) bool { return r.Degenerate == 1 && r.OpenEdges == 0 && !r.OK() },
		"point triangle":        func(r CheckReport) bool { return r.Degenerate == 1 && r.NonManifoldEdges == 1 },
		"NaN":                   func(r CheckReport) bool { return r.NonFinite == 1 },
		"Inf":                   func(r CheckReport) bool { return r.NonFinite == 1 },
		"bad index":             func(r CheckReport) bool { return r.BadIndices == 2 },
		"pinched vertex":        func(r CheckReport) bool { return r.NonManifoldVertices == 1 && r.Shells == 2 },
		"double pyramid":        func(r CheckReport) bool { return r.OK() },
		"pinched pyramids":      func(r CheckReport) bool { return r.NonManifoldVertices == 1 && r.Shells == 2 },
		"two shells":            func(r CheckReport) bool { return r.OK() && r.Shells == 2 },
		"overlapping shells":    func(r CheckReport) bool { return r.SelfIntersections > 0 },
		"inverted":              func(r CheckReport) bool { return r.NegativeShells == 1 },
		"cavity":                func(r CheckReport) bool { return r.OK() && r.Cavities == 1 },
		"inverted second shell": func(r CheckReport) bool { return r.NegativeShells == 1 && r.Shells == 3 },
		"interleaved shells":    func(r CheckReport) bool { return r.Shells == 2 && r.Degenerate > 0 },
		"empty":                 func(r CheckReport) bool { return !r.OK() },
		"no triangles":          func(r CheckReport) bool { return !r.OK() },
		"sphere":                func(r CheckReport) bool { return r.OK() },
		"torus":                 func(r CheckReport) bool { return r.OK() },
	}
	for name, m := range cs {
		r := checkBoth(t, name, m)
		ok := want[name]
		if ok == nil {
			t.Errorf("%s: no expectation", name)
			continue
		}
		if !ok(r) {
			t.Errorf("%s: unexpected report %+v (%v)", name, r, r.Err())
		}
	}
}

// TestCheckRandomDamageMatchesReference damages sound meshes at random
// (flipped, removed, doubled and re-indexed triangles, merged vertices,
// out-of-range indices, non-finite and collapsed coordinates, extra shells)
// and compares every report with the reference.
func TestCheckRandomDamageMatchesReference(t *testing.T) {
	bases := []*Mesh{
		testCube(Vec3{}, 1),
		testTorus(t, 9, 1, 24, 8),
		testBipyramid(70, false),
		testSphere(t, 5, Tolerance{ChordMM: 0.05}),
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for it := 0; it < 600; it++ {
		m := bases[it%len(bases)].Clone()
		nv := uint32(len(m.Verts))
		for j := 0; j <= rng.IntN(3); j++ {
			nt := len(m.Tris)
			if nt == 0 {
				break
			}
			i := rng.IntN(nt)
			switch rng.IntN(9) {
			case 0: // flip
				tr := m.Tris[i]
				m.Tris[i] = [3]uint32{tr[0], tr[2], tr[1]}
			case 1: // remove
				m.Tris = append(m.Tris[:i], m.Tris[i+1:]...)
			case 2: // double
				m.Tris = append(m.Tris, m.Tris[i])
			case 3: // re-index a corner
				m.Tris[i][rng.IntN(3)] = uint32(rng.IntN(int(nv)))
			case 4: // merge two vertices
				a, b := uint32(rng.IntN(int(nv))), uint32(rng.IntN(int(nv)))
				for q := range m.Tris {
					for k := range m.Tris[q] {
						if m.Tris[q][k] == a {
							m.Tris[q][k] = b
						}
					}
				}
			case 5: // out of range
				m.Tris[i][rng.IntN(3)] = nv + uint32(rng.IntN(3))
			case 6: // non-finite
				m.Verts[rng.IntN(int(nv))][rng.IntN(3)] = []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[rng.IntN(3)]
			case 7: // collapse a vertex onto another
				m.Verts[rng.IntN(int(nv))] = m.Verts[rng.IntN(int(nv))]
			case 8: // another shell, maybe inverted, maybe inside
				s := rng.Float64()
				o := testCube(Vec3{s, s, s}, 0.2+rng.Float64())
				if rng.IntN(2) == 0 {
					o.Flip()
				}
				if rng.IntN(2) == 0 {
					o.Append(m)
					m = o
				} else {
					m.Append(o)
				}
				nv = uint32(len(m.Verts))
			}
		}
		checkBoth(t, fmt.Sprintf("damage %d", it), m)
	}
}
