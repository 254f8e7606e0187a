package geom

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// volRel is the relative volume tolerance for closed forms: a tessellated
// curved solid with chord error c on a radius r loses about 2c/r of its
// volume (every chord cuts inside by at most c), so at c = 0.01 mm and
// r ≥ 1 mm the loss is under 2%; the tests use the finer bound derived per
// case where stated.
const volRel = 0.02

// testCube returns an axis-aligned cube of side s with its min corner at o,
// 8 vertices and 12 outward triangles.
func testCube(o Vec3, s float64) *Mesh {
	m := NewMesh(8, 12)
	for i := 0; i < 8; i++ {
		m.AddVert(o.Add(Vec3{float64(i & 1), float64(i >> 1 & 1), float64(i >> 2 & 1)}.Mul(s)))
	}
	// vertex i has x = bit0, y = bit1, z = bit2.
	m.AddQuad(0, 2, 3, 1) // z = 0, normal −Z
	m.AddQuad(4, 5, 7, 6) // z = 1, +Z
	m.AddQuad(0, 1, 5, 4) // y = 0, −Y
	m.AddQuad(2, 6, 7, 3) // y = 1, +Y
	m.AddQuad(0, 4, 6, 2) // x = 0, −X
	m.AddQuad(1, 3, 7, 5) // x = 1, +X
	return m
}

// testSphere revolves a half circle of radius r.
func testSphere(t testing.TB, r float64, tol Tolerance) *Mesh {
	n := tol.Segments(r, math.Pi)
	prof := make([]Vec2, 0, n+1)
	for i := 0; i <= n; i++ {
		a := -math.Pi/2 + math.Pi*float64(i)/float64(n)
		prof = append(prof, Vec2{r * math.Cos(a), r * math.Sin(a)})
	}
	prof[0][0], prof[n][0] = 0, 0
	m, err := Revolve(prof, tol)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// testTorus sweeps a circle of radius r around a circle of radius R in the
// XY plane with SweepClosed, n stations and k profile points.
func testTorus(t testing.TB, R, r float64, n, k int) *Mesh {
	frames := make([]Frame, n)
	profs := make([][]Vec2, n)
	circle := make([]Vec2, k)
	for j := range circle {
		a := 2 * math.Pi * float64(j) / float64(k)
		circle[j] = Vec2{r * math.Cos(a), r * math.Sin(a)}
	}
	for i := range frames {
		a := 2 * math.Pi * float64(i) / float64(n)
		radial := Vec3{math.Cos(a), math.Sin(a), 0}
		// X radial, Y up: X × Y = radial × Z = −tangent, so advance clockwise.
		frames[i] = Frame{Origin: radial.Mul(R), X: radial, Y: Vec3{0, 0, 1}}
		profs[i] = circle
	}
	// advance along X × Y: reverse the station order.
	for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
		frames[i], frames[j] = frames[j], frames[i]
	}
	m, err := SweepClosed(frames, profs, Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// polyTorusVolume is the exact volume of the torus-like polyhedron testTorus
// makes: a regular k-gon of circumradius r (area A = k r² sin(2π/k)/2) placed
// at n stations u_i around the Z axis. The wedge between two stations is the
// image of (x, y, s) ↦ (R+x)((1−s)u_i + s u_{i+1}) + y Z, whose Jacobian is
// (R+x)|u_i × u_{i+1}| = (R+x) sin(2π/n); the profile's centroid has x = 0,
// so each wedge holds R·A·sin(2π/n).
func polyTorusVolume(R, r float64, n, k int) float64 {
	area := float64(k) * r * r * math.Sin(2*math.Pi/float64(k)) / 2
	return area * float64(n) * R * math.Sin(2*math.Pi/float64(n))
}

func mustOK(t testing.TB, m *Mesh) CheckReport {
	t.Helper()
	r := m.Check()
	if err := r.Err(); err != nil {
		t.Fatalf("mesh fails Check: %v", err)
	}
	if !r.OK() || !r.SelfIntersectionsChecked {
		t.Fatalf("OK() = %v, self-intersections checked = %v", r.OK(), r.SelfIntersectionsChecked)
	}
	return r
}

func TestCheckCube(t *testing.T) {
	r := mustOK(t, testCube(Vec3{1, 2, 3}, 2))
	if r.Vertices != 8 || r.Triangles != 12 || r.Shells != 1 {
		t.Errorf("cube: %d vertices, %d triangles, %d shells; want 8, 12, 1", r.Vertices, r.Triangles, r.Shells)
	}
	if math.Abs(r.Volume-8) > 1e-12 {
		t.Errorf("cube volume %g, want 8", r.Volume)
	}
}

func TestCheckRemovedTriangle(t *testing.T) {
	m := testCube(Vec3{}, 1)
	m.Tris = append(m.Tris[:5], m.Tris[6:]...)
	r := m.Check()
	if r.OpenEdges != 3 || r.OK() || !errors.Is(r.Err(), ErrNotSolid) {
		t.Errorf("open edges %d, OK %v, err %v; want 3, false, ErrNotSolid", r.OpenEdges, r.OK(), r.Err())
	}
	if len(r.FirstOpenEdges) != 3 {
		t.Errorf("first open edges %v", r.FirstOpenEdges)
	}
}

func TestCheckFlippedTriangle(t *testing.T) {
	m := testCube(Vec3{}, 1)
	tr := m.Tris[7]
	m.Tris[7] = [3]uint32{tr[0], tr[2], tr[1]}
	r := m.Check()
	if r.MisorientedEdges != 3 || r.OpenEdges != 0 || r.OK() {
		t.Errorf("misoriented %d, open %d, OK %v; want 3, 0, false", r.MisorientedEdges, r.OpenEdges, r.OK())
	}
	for _, e := range r.FirstMisorientedEdges {
		if e.Tri != 7 && !sharesEdge(m.Tris[e.Tri], m.Tris[7]) {
			t.Errorf("misoriented edge %v is not next to triangle 7", e)
		}
	}
}

func sharesEdge(a, b [3]uint32) bool {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
			}
		}
	}
	return n == 2
}

func TestCheckInsideOut(t *testing.T) {
	m := testCube(Vec3{}, 1)
	m.Flip()
	r := m.Check()
	if !(r.Volume < 0) || r.NegativeShells != 1 || r.OK() {
		t.Errorf("flipped cube: volume %g, negative shells %d, OK %v", r.Volume, r.NegativeShells, r.OK())
	}
	if r.OpenEdges+r.MisorientedEdges+r.NonManifoldEdges != 0 {
		t.Errorf("flipped cube has edge problems: %v", r.Err())
	}
}

func TestCheckCavity(t *testing.T) {
	// a 4 mm cube with a 2 mm hollow: 64 − 8 = 56 mm³.
	m := testCube(Vec3{}, 4)
	in := testCube(Vec3{1, 1, 1}, 2)
	in.Flip()
	m.Append(in)
	r := mustOK(t, m)
	if r.Shells != 2 || r.Cavities != 1 || r.NegativeShells != 0 || math.Abs(r.Volume-56) > 1e-9 {
		t.Errorf("hollow cube: shells %d cavities %d negative %d volume %g", r.Shells, r.Cavities, r.NegativeShells, r.Volume)
	}
	// the same inverted cube outside the big one is not a cavity.
	m = testCube(Vec3{}, 4)
	in = testCube(Vec3{10, 0, 0}, 2)
	in.Flip()
	m.Append(in)
	r = m.Check()
	if r.NegativeShells != 1 || r.Cavities != 0 || r.OK() {
		t.Errorf("inverted second cube: negative %d cavities %d OK %v", r.NegativeShells, r.Cavities, r.OK())
	}
}

func TestCheckBadInput(t *testing.T) {
	m := testCube(Vec3{}, 1)
	m.Tris = append(m.Tris, [3]uint32{0, 1, 99})
	r := m.Check()
	if r.BadIndices != 1 || len(r.FirstBadIndices) != 1 || r.FirstBadIndices[0] != 12 || r.OK() {
		t.Errorf("bad index: %+v", r)
	}
	m = testCube(Vec3{}, 1)
	m.Verts[3] = Vec3{math.NaN(), 0, 0}
	m.Verts = append(m.Verts, Vec3{math.Inf(1), 0, 0}) // unused: not counted
	r = m.Check()
	if r.NonFinite != 1 || r.FirstNonFinite[0] != 3 || r.OK() {
		t.Errorf("NaN vertex: non-finite %d %v", r.NonFinite, r.FirstNonFinite)
	}
	// a zero-area triangle: repeated index and collinear corners.
	m = testCube(Vec3{}, 1)
	m.Tris = append(m.Tris, [3]uint32{0, 0, 1})
	m.Verts = append(m.Verts, Vec3{0.5, 0, 0})
	m.Tris = append(m.Tris, [3]uint32{0, 1, 8})
	r = m.Check()
	if r.Degenerate != 2 || r.OK() {
		t.Errorf("degenerate %d %v, want 2", r.Degenerate, r.FirstDegenerate)
	}
	var empty Mesh
	if r := empty.Check(); r.OK() {
		t.Error("empty mesh passes Check")
	}
}

func TestCheckNonManifold(t *testing.T) {
	// two cubes sharing the vertex (1,1,1) by index: a bow tie.
	a := testCube(Vec3{}, 1)
	b := testCube(Vec3{1, 1, 1}, 1)
	m := a.Clone()
	m.Append(b)
	for i, t := range m.Tris[12:] {
		for k := range t {
			if t[k] == 8 { // b's vertex 0 = (1,1,1)
				m.Tris[12+i][k] = 7
			}
		}
	}
	r := m.Check()
	if r.NonManifoldVertices != 1 || r.FirstNonManifoldVertices[0] != 7 || r.OK() {
		t.Errorf("bow tie: non-manifold vertices %d %v", r.NonManifoldVertices, r.FirstNonManifoldVertices)
	}
	// a cube with one face doubled: three faces on four edges.
	m = testCube(Vec3{}, 1)
	m.Tris = append(m.Tris, m.Tris[0], m.Tris[1])
	r = m.Check()
	if r.NonManifoldEdges != 5 || r.OK() {
		t.Errorf("doubled face: non-manifold edges %d, want 5 (4 sides and the diagonal)", r.NonManifoldEdges)
	}
}

func TestCheckSphereAndTorus(t *testing.T) {
	const r = 5.0
	tol := Tolerance{ChordMM: 0.01}
	s := testSphere(t, r, tol)
	rep := mustOK(t, s)
	want := 4 * math.Pi * r * r * r / 3
	// every facet lies inside the sphere by at most the chord tolerance in
	// both directions, so the loss is under 2·3·c/r of the volume.
	if d := (want - rep.Volume) / want; d < 0 || d > 6*tol.Chord()/r {
		t.Errorf("sphere volume %g, want %g (relative loss %g)", rep.Volume, want, d)
	}

	const R, rr, n, k = 10.0, 2.0, 96, 32
	tor := testTorus(t, R, rr, n, k)
	rep = mustOK(t, tor)
	if rep.Shells != 1 {
		t.Errorf("torus shells %d", rep.Shells)
	}
	if w := polyTorusVolume(R, rr, n, k); math.Abs(rep.Volume-w) > 1e-9*w {
		t.Errorf("torus volume %.9g, polyhedron %.9g", rep.Volume, w)
	}
	if w := 2 * math.Pi * math.Pi * R * rr * rr; math.Abs(rep.Volume-w) > volRel*w {
		t.Errorf("torus volume %g, smooth torus %g", rep.Volume, w)
	}
}

func TestCheckOverlappingCubes(t *testing.T) {
	m := testCube(Vec3{}, 2)
	m.Append(testCube(Vec3{1, 1, 1}, 2))
	r := m.Check()
	if r.SelfIntersections == 0 || r.OK() || !r.SelfIntersectionsChecked {
		t.Errorf("overlapping cubes: self-intersections %d, OK %v", r.SelfIntersections, r.OK())
	}
	// apart, the two are one valid part of two shells.
	m = testCube(Vec3{}, 2)
	m.Append(testCube(Vec3{3, 0, 0}, 2))
	r = mustOK(t, m)
	if r.Shells != 2 || math.Abs(r.Volume-16) > 1e-12 {
		t.Errorf("two cubes: shells %d, volume %g", r.Shells, r.Volume)
	}
	// touching along a face is an intersection too.
	m = testCube(Vec3{}, 2)
	m.Append(testCube(Vec3{2, 0.5, 0.5}, 1))
	if r := m.Check(); r.SelfIntersections == 0 {
		t.Error("cubes touching face to face: no self-intersection found")
	}
	// skipped on request.
	m = testCube(Vec3{}, 2)
	m.Append(testCube(Vec3{1, 1, 1}, 2))
	r = m.CheckWith(CheckOptions{SkipSelfIntersections: true})
	if r.SelfIntersectionsChecked || r.SelfIntersections != 0 || !r.OK() {
		t.Errorf("skipped test: checked %v, count %d, OK %v", r.SelfIntersectionsChecked, r.SelfIntersections, r.OK())
	}
}

func TestCheckRandomDamage(t *testing.T) {
	// Check never panics on random indices and coordinates.
	rng := rand.New(rand.NewPCG(1, 1))
	for it := 0; it < 200; it++ {
		m := testCube(Vec3{}, 1)
		for j := 0; j < 3; j++ {
			switch rng.IntN(3) {
			case 0:
				if len(m.Tris) == 0 {
					continue
				}
				m.Tris[rng.IntN(len(m.Tris))][rng.IntN(3)] = uint32(rng.IntN(12))
			case 1:
				m.Verts[rng.IntN(8)][rng.IntN(3)] = []float64{math.NaN(), math.Inf(-1), 0.5}[rng.IntN(3)]
			case 2:
				m.Tris = m.Tris[:rng.IntN(len(m.Tris)+1)]
			}
		}
		r := m.Check()
		if r.OK() {
			// some damage is harmless (moving a vertex to 0.5 keeps the cube
			// closed); it must then really be a solid.
			if r.Volume <= 0 || r.OpenEdges != 0 {
				t.Fatalf("damaged mesh passes: %+v", r)
			}
		}
	}
}

// benchTorus is a ~100k-triangle torus: 400 × 125 quads.
func benchTorus(b testing.TB) *Mesh { return testTorus(b, 10, 1.5, 400, 125) }

func BenchmarkCheckTopology100k(b *testing.B) {
	m := benchTorus(b)
	b.ReportMetric(float64(len(m.Tris)), "tris")
	for b.Loop() {
		m.CheckWith(CheckOptions{SkipSelfIntersections: true})
	}
}

func BenchmarkCheckFull100k(b *testing.B) {
	m := benchTorus(b)
	for b.Loop() {
		m.Check()
	}
}
