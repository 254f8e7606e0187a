package geom

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
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
	// the same torus revolved: a regular k-gon profile centred at r = R.
	circ := make([]Vec2, k)
	for j := range circ {
		a := 2 * math.Pi * float64(j) / k
		circ[j] = Vec2{R + rr*math.Cos(a), rr * math.Sin(a)}
	}
	rev, err := Revolve(circ, tol)
	if err != nil {
		t.Fatal(err)
	}
	rep = mustOK(t, rev)
	nrev := len(rev.Verts) / k
	if w := polyTorusVolume(R, rr, nrev, k); rep.Shells != 1 || math.Abs(rep.Volume-w) > 1e-9*w {
		t.Errorf("revolved torus: shells %d, volume %.9g, polyhedron %.9g", rep.Shells, rep.Volume, w)
	}

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

// orient3dRat is the slow, obviously exact reference for orient3d.
func orient3dRat(a, b, c, d Vec3) int {
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	var m [3][3]*big.Rat
	for i, p := range [3]Vec3{a, b, c} {
		for k := 0; k < 3; k++ {
			m[i][k] = new(big.Rat).Sub(r(p[k]), r(d[k]))
		}
	}
	mul := func(x, y *big.Rat) *big.Rat { return new(big.Rat).Mul(x, y) }
	sub := func(x, y *big.Rat) *big.Rat { return new(big.Rat).Sub(x, y) }
	det := mul(m[0][2], sub(mul(m[1][0], m[2][1]), mul(m[2][0], m[1][1])))
	det.Add(det, mul(m[1][2], sub(mul(m[2][0], m[0][1]), mul(m[0][0], m[2][1]))))
	det.Add(det, mul(m[2][2], sub(mul(m[0][0], m[1][1]), mul(m[1][0], m[0][1]))))
	return det.Sign()
}

func TestOrient3dExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	zeros := 0
	for i := 0; i < 3000; i++ {
		// points on a tilted plane, rounded to float64: the float
		// determinant is noise, the exact sign is often 0 or tiny.
		n := Vec3{rng.Float64(), rng.Float64(), 1}
		pt := func() Vec3 {
			x, y := rng.Float64()*20-10, rng.Float64()*20-10
			switch i % 3 {
			case 0: // integer grid on an integer plane: exactly coplanar
				x, y = math.Round(x), math.Round(y)
				n = Vec3{1, 2, 1}
			case 1: // within a factor of 2 of each other: differences are
				// exact (Sterbenz), the fast exact path
				x, y = 8+x/2.5, 8+y/2.5
			}
			return Vec3{x, y, -(n[0]*x + n[1]*y) / n[2]}
		}
		a, b, c, d := pt(), pt(), pt(), pt()
		if i%5 == 0 {
			d = d.Add(Vec3{0, 0, math.Nextafter(d[2], math.Inf(1)) - d[2]})
		}
		got, want := orient3d(a, b, c, d), orient3dRat(a, b, c, d)
		if got != want {
			t.Fatalf("orient3d(%v, %v, %v, %v) = %d, exact %d", a, b, c, d, got, want)
		}
		if want == 0 {
			zeros++
		}
		var pa, pb, pc Vec2
		pa, pb, pc = Vec2{a[0], a[1]}, Vec2{b[0], b[1]}, Vec2{c[0], c[1]}
		d2 := orient3dRat(Vec3{pa[0], pa[1], 0}, Vec3{pb[0], pb[1], 0}, Vec3{pc[0], pc[1], 0}, Vec3{pc[0], pc[1], -1})
		if o := orient2d(pa, pb, pc); o != d2 {
			t.Fatalf("orient2d(%v, %v, %v) = %d, exact %d", pa, pb, pc, o, d2)
		}
	}
	if zeros < 500 {
		t.Errorf("only %d exactly coplanar cases: the test does not exercise the exact path", zeros)
	}
}

func TestTrianglesIntersect(t *testing.T) {
	tri := func(a, b, c Vec3) [3]Vec3 { return [3]Vec3{a, b, c} }
	base := tri(Vec3{0, 0, 0}, Vec3{4, 0, 0}, Vec3{0, 4, 0})
	cases := []struct {
		name string
		b    [3]Vec3
		want bool
	}{
		{"piercing", tri(Vec3{1, 1, -1}, Vec3{1, 1, 1}, Vec3{3, 3, 1}), true},
		{"above", tri(Vec3{1, 1, 1}, Vec3{2, 1, 1}, Vec3{1, 2, 2}), false},
		{"vertex on face", tri(Vec3{1, 1, 0}, Vec3{2, 1, 1}, Vec3{1, 2, 2}), true},
		{"vertex on edge", tri(Vec3{2, 0, 0}, Vec3{2, -1, 1}, Vec3{3, -1, 2}), true},
		{"edge crosses edge", tri(Vec3{2, -1, 0}, Vec3{2, 1, 0}, Vec3{2, 0, 3}), true},
		{"beside the hypotenuse", tri(Vec3{3, 3, -1}, Vec3{3, 3, 1}, Vec3{5, 5, 0}), false},
		{"plane crossed outside", tri(Vec3{5, 5, -1}, Vec3{6, 5, 1}, Vec3{5, 6, 1}), false},
		{"coplanar overlap", tri(Vec3{1, 1, 0}, Vec3{5, 1, 0}, Vec3{1, 5, 0}), true},
		{"coplanar inside", tri(Vec3{1, 1, 0}, Vec3{2, 1, 0}, Vec3{1, 2, 0}), true},
		{"coplanar around", tri(Vec3{-1, -1, 0}, Vec3{9, -1, 0}, Vec3{-1, 9, 0}), true},
		{"coplanar apart", tri(Vec3{3, 3, 0}, Vec3{5, 3, 0}, Vec3{3, 5, 0}), false},
		{"coplanar touching edge", tri(Vec3{2, 2, 0}, Vec3{4, 2, 0}, Vec3{2, 4, 0}), true},
		{"coplanar touching vertex", tri(Vec3{4, 0, 0}, Vec3{5, 0, 0}, Vec3{5, 1, 0}), true},
	}
	for _, c := range cases {
		// the answer must not depend on the order of corners or triangles.
		for r := 0; r < 3; r++ {
			a := [3]Vec3{base[r], base[(r+1)%3], base[(r+2)%3]}
			b := [3]Vec3{c.b[(r+1)%3], c.b[r], c.b[(r+2)%3]}
			if got := TrianglesIntersect(a, b); got != c.want {
				t.Errorf("%s (rotation %d): got %v, want %v", c.name, r, got, c.want)
			}
			if got := TrianglesIntersect(b, a); got != c.want {
				t.Errorf("%s (swapped, rotation %d): got %v, want %v", c.name, r, got, c.want)
			}
		}
	}
}

func TestMeshTrianglesIntersect(t *testing.T) {
	v := []Vec3{
		0: {0, 0, 0}, 1: {4, 0, 0}, 2: {0, 4, 0}, // base triangle
		3: {0, -4, 0},  // coplanar, across edge 0–1
		4: {1, 1, 0},   // coplanar, same side of edge 0–1 (fold-over)
		5: {2, -2, 3},  // off the plane, across edge 0–1
		6: {1, 1, -2},  // below
		7: {1, 1, 2},   // above
		8: {-3, -3, 0}, // coplanar, behind vertex 0
		9: {-3, -1, 0},
	}
	cases := []struct {
		name string
		b    [3]uint32
		want bool
	}{
		{"shared edge, coplanar, across", [3]uint32{1, 0, 3}, false},
		{"shared edge, fold-over", [3]uint32{1, 0, 4}, true},
		{"shared edge, bent", [3]uint32{1, 0, 5}, false},
		{"shared vertex, fan", [3]uint32{0, 8, 9}, false},
		{"shared vertex, piercing", [3]uint32{0, 6, 7}, true},
		{"shared vertex, bent away", [3]uint32{0, 5, 3}, false},
		{"same triangle flipped", [3]uint32{0, 2, 1}, true},
	}
	a := [3]uint32{0, 1, 2}
	for _, c := range cases {
		if got := meshTrianglesIntersect(v, a, c.b); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
		if got := meshTrianglesIntersect(v, c.b, a); got != c.want {
			t.Errorf("%s (swapped): got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCheckPairBudget(t *testing.T) {
	// 3000 parallel, tilted triangles stacked 1 µm apart: every pair of
	// boxes overlaps (4.5 million pairs), none of the triangles meet. The
	// test must stop at the budget rather than take quadratic time.
	const n = 3000
	m := NewMesh(3*n, n)
	for k := 0; k < n; k++ {
		z := float64(k) * 0.001
		a := m.AddVert(Vec3{0, 0, z})
		b := m.AddVert(Vec3{10, 0, z + 10})
		c := m.AddVert(Vec3{0, 10, z})
		m.AddTri(a, b, c)
	}
	r := m.Check()
	if !r.TooManyPairs || r.SelfIntersectionsChecked || r.SelfIntersections != 0 {
		t.Errorf("stacked triangles: too many pairs %v, checked %v, found %d", r.TooManyPairs, r.SelfIntersectionsChecked, r.SelfIntersections)
	}
	if err := r.Err(); err == nil || !strings.Contains(err.Error(), "candidate triangle pairs") {
		t.Errorf("error does not report the stopped test: %v", err)
	}
}

// TestCheckAssembly: two overlapping cubes are two solids meeting, an error
// for one solid and one shell overlap for an assembly; a shell folded on
// itself still fails as an assembly.
func TestCheckAssembly(t *testing.T) {
	m := testCube(Vec3{}, 2)
	m.Append(testCube(Vec3{1, 0.5, 0.25}, 2))
	if r := m.Check(); r.SelfIntersections == 0 || r.Err() == nil {
		t.Errorf("two overlapping cubes as one solid: %d self-intersections, err %v", r.SelfIntersections, r.Err())
	}
	r := m.CheckWith(CheckOptions{Assembly: true})
	if r.Err() != nil || r.ShellOverlaps != 1 || r.SelfIntersections != 0 || r.Shells != 2 {
		t.Errorf("as an assembly: err %v, %d overlaps, %d self-intersections, %d shells; want nil, 1, 0, 2",
			r.Err(), r.ShellOverlaps, r.SelfIntersections, r.Shells)
	}
	// apart, nothing overlaps
	far := testCube(Vec3{}, 2)
	far.Append(testCube(Vec3{5, 0, 0}, 2))
	if r := far.CheckWith(CheckOptions{Assembly: true}); r.Err() != nil || r.ShellOverlaps != 0 {
		t.Errorf("two cubes apart: err %v, %d overlaps", r.Err(), r.ShellOverlaps)
	}
	// one shell crossing itself: a cube with its top corner pushed down
	// through the bottom face
	bad := testCube(Vec3{}, 2)
	bad.Verts[7] = Vec3{0.6, 0.7, -1.5}
	bad.Append(testCube(Vec3{8, 0, 0}, 1))
	if r := bad.CheckWith(CheckOptions{Assembly: true}); r.SelfIntersections == 0 || r.Err() == nil {
		t.Errorf("a self-crossing shell in an assembly: %d self-intersections, err %v", r.SelfIntersections, r.Err())
	}
}
