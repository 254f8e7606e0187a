package geom

import (
	"math"
	"math/rand/v2"
	"testing"
)

// distTol is the agreement required between the BVH queries and brute force
// on the same float64 arithmetic: both call the same closest-point routines,
// so they differ only when pruning is wrong; 1e-12 mm allows for nothing else.
const distTol = 1e-12

// randomSoup returns n random triangles of size up to s mm inside a box of
// side w mm, with no shared vertices (seeded, so the same every run).
func randomSoup(rng *rand.Rand, n int, w, s float64) *Mesh {
	m := NewMesh(3*n, n)
	for i := 0; i < n; i++ {
		c := Vec3{rng.Float64() * w, rng.Float64() * w, rng.Float64() * w}
		var ids [3]uint32
		for k := range ids {
			ids[k] = m.AddVert(c.Add(Vec3{rng.Float64() - 0.5, rng.Float64() - 0.5, rng.Float64() - 0.5}.Mul(s)))
		}
		m.AddTri(ids[0], ids[1], ids[2])
	}
	return m
}

func TestClosestOnTriangleBySampling(t *testing.T) {
	// the closest point must be on the triangle and no sample of the
	// triangle may be closer.
	rng := rand.New(rand.NewPCG(3, 1))
	for it := 0; it < 300; it++ {
		m := randomSoup(rng, 1, 0, 4)
		a, b, c := m.Triangle(0)
		p := Vec3{rng.Float64()*8 - 4, rng.Float64()*8 - 4, rng.Float64()*8 - 4}
		q := closestOnTriangle(p, a, b, c)
		d := q.Sub(p).Len()
		const n = 40
		for i := 0; i <= n; i++ {
			for j := 0; i+j <= n; j++ {
				s := a.Mul(float64(n-i-j) / n).Add(b.Mul(float64(i) / n)).Add(c.Mul(float64(j) / n))
				if e := s.Sub(p).Len(); e < d-1e-12 {
					t.Fatalf("sample %v at %g is closer than %v at %g", s, e, q, d)
				}
			}
		}
		if e := closestOnTriangle(q, a, b, c).Sub(q).Len(); e > 1e-12 {
			t.Fatalf("closest point %v is %g off the triangle", q, e)
		}
	}
}

func TestClosestSegmentsBySampling(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 2))
	r := func() Vec3 { return Vec3{rng.Float64(), rng.Float64(), rng.Float64()}.Mul(4) }
	for it := 0; it < 300; it++ {
		p1, q1, p2, q2 := r(), r(), r(), r()
		if it%10 == 0 {
			q2 = p2.Add(q1.Sub(p1)) // parallel
		}
		a, b := ClosestSegmentPoints(p1, q1, p2, q2)
		d := a.Sub(b).Len()
		const n = 200
		for i := 0; i <= n; i++ {
			x := p1.Add(q1.Sub(p1).Mul(float64(i) / n))
			if e := closestOnSegment(x, p2, q2).Sub(x).Len(); e < d-1e-9 {
				t.Fatalf("segments %v–%v, %v–%v: sample distance %g < %g", p1, q1, p2, q2, e, d)
			}
		}
	}
}

func TestBVHAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for round := 0; round < 4; round++ {
		m := randomSoup(rng, 400, 10, 1.5)
		b := NewBVH(m)

		// overlapping pairs
		want := map[[2]int]bool{}
		for i := range m.Tris {
			for j := i + 1; j < len(m.Tris); j++ {
				a0, a1, a2 := m.Triangle(i)
				b0, b1, b2 := m.Triangle(j)
				if boxesOverlap(triBox(a0, a1, a2), triBox(b0, b1, b2)) {
					want[[2]int{i, j}] = true
				}
			}
		}
		got := map[[2]int]bool{}
		for i, j := range b.OverlappingPairs() {
			if i >= j || got[[2]int{i, j}] {
				t.Fatalf("pair (%d, %d) out of order or repeated", i, j)
			}
			got[[2]int{i, j}] = true
		}
		// Overlapping against the same brute force, one triangle's box.
		a0, a1, a2 := m.Triangle(round)
		q := triBox(a0, a1, a2)
		nq := 0
		for i := range b.Overlapping(q) {
			j, k := min(i, round), max(i, round)
			if i != round && !want[[2]int{j, k}] {
				t.Fatalf("Overlapping yields %d, whose box misses %d's", i, round)
			}
			nq++
		}
		wq := 1
		for p := range want {
			if p[0] == round || p[1] == round {
				wq++
			}
		}
		if nq != wq {
			t.Fatalf("Overlapping yields %d triangles, brute force %d", nq, wq)
		}
		if len(got) != len(want) {
			t.Fatalf("round %d: %d overlapping pairs, brute force %d", round, len(got), len(want))
		}
		for p := range want {
			if !got[p] {
				t.Fatalf("pair %v missing", p)
			}
		}

		for q := 0; q < 200; q++ {
			p := Vec3{rng.Float64()*14 - 2, rng.Float64()*14 - 2, rng.Float64()*14 - 2}
			_, tri, d := b.Nearest(p)
			best := math.Inf(1)
			for i := range m.Tris {
				x, y, z := m.Triangle(i)
				best = math.Min(best, closestOnTriangle(p, x, y, z).Sub(p).Len())
			}
			if math.Abs(d-best) > distTol || tri < 0 {
				t.Fatalf("Nearest(%v) = %g on %d, brute force %g", p, d, tri, best)
			}

			dir := Vec3{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
			h, ok := b.Raycast(p, dir, 100)
			bt, btri := math.Inf(1), -1
			for i := range m.Tris {
				x, y, z := m.Triangle(i)
				if tt, _, _, hit := rayTriangle(p, dir, x, y, z); hit && tt > 0 && tt <= 100 && tt < bt {
					bt, btri = tt, i
				}
			}
			if ok != (btri >= 0) || ok && (h.T != bt || h.Tri != btri) {
				t.Fatalf("Raycast from %v: hit %v %+v, brute force t=%g tri %d", p, ok, h, bt, btri)
			}
			if ok {
				x, y, z := m.Triangle(h.Tri)
				bary := x.Mul(1 - h.U - h.V).Add(y.Mul(h.U)).Add(z.Mul(h.V))
				if bary.Sub(h.Point).Len() > 1e-9 {
					t.Fatalf("hit point %v, barycentrics give %v", h.Point, bary)
				}
			}
		}

		// MinDistance between two soups against all pairs.
		o := randomSoup(rng, 150, 10, 1.0)
		o.Translate(Vec3{float64(round) * 4, 0, 0})
		d, pa, pb := MinDistance(m, o)
		best := math.Inf(1)
		for i := range m.Tris {
			x0, x1, x2 := m.Triangle(i)
			for j := range o.Tris {
				y0, y1, y2 := o.Triangle(j)
				dd, _, _ := triangleDistance([3]Vec3{x0, x1, x2}, [3]Vec3{y0, y1, y2})
				best = math.Min(best, dd)
			}
		}
		if math.Abs(d-best) > distTol || math.Abs(pa.Sub(pb).Len()-d) > 1e-9 {
			t.Fatalf("round %d: MinDistance %g (|pa−pb| %g), brute force %g", round, d, pa.Sub(pb).Len(), best)
		}
		// with a bound: the same distance below it, +Inf at or above it
		if db, _, _ := MinDistanceBelow(m, o, best*1.01+1e-9); math.Abs(db-best) > distTol {
			t.Fatalf("round %d: MinDistanceBelow just above %g gives %g", round, best, db)
		}
		if db, _, _ := MinDistanceBelow(m, o, best*0.99); best > 0 && !math.IsInf(db, 1) {
			t.Fatalf("round %d: MinDistanceBelow under %g gives %g, want +Inf", round, best, db)
		}
	}
}

func TestTriangleDistance(t *testing.T) {
	a := [3]Vec3{{0, 0, 0}, {4, 0, 0}, {0, 4, 0}}
	cases := []struct {
		name string
		b    [3]Vec3
		want float64
	}{
		{"parallel above", [3]Vec3{{0, 0, 2}, {1, 0, 2}, {0, 1, 2}}, 2},
		{"edge to edge", [3]Vec3{{5, -1, 1}, {5, 1, 1}, {7, 0, 1}}, math.Sqrt2},
		{"piercing", [3]Vec3{{1, 1, -1}, {1, 1, 1}, {3, 3, 1}}, 0},
		{"vertex over face", [3]Vec3{{1, 1, 0.5}, {1, 1, 3}, {2, 2, 3}}, 0.5},
	}
	for _, c := range cases {
		d, p, q := triangleDistance(a, c.b)
		if math.Abs(d-c.want) > 1e-12 || math.Abs(p.Sub(q).Len()-d) > 1e-12 {
			t.Errorf("%s: distance %g (points %v, %v), want %g", c.name, d, p, q, c.want)
		}
	}
}

func TestBVHOnSolids(t *testing.T) {
	// a cube: rays and distances with closed-form answers.
	c := testCube(Vec3{0, 0, 0}, 2)
	mustOK(t, c)
	b := NewBVH(c)
	h, ok := b.Raycast(Vec3{-3, 1, 0.5}, Vec3{1, 0, 0}, 10)
	if !ok || math.Abs(h.T-3) > 1e-12 || h.Point.Sub(Vec3{0, 1, 0.5}).Len() > 1e-12 {
		t.Errorf("ray into the cube: %v %+v, want t = 3 at (0, 1, 0.5)", ok, h)
	}
	if _, ok := b.Raycast(Vec3{-3, 1, 0.5}, Vec3{-1, 0, 0}, 10); ok {
		t.Error("ray away from the cube hit it")
	}
	if _, ok := b.Raycast(Vec3{-3, 1, 0.5}, Vec3{1, 0, 0}, 2.5); ok {
		t.Error("ray shorter than the gap hit the cube")
	}
	// wall thickness from inside: start just inside the −Y face, look along +Y.
	if h, ok := b.Raycast(Vec3{1, 1e-6, 1}, Vec3{0, 1, 0}, 10); !ok || math.Abs(h.T-(2-1e-6)) > 1e-12 {
		t.Errorf("thickness ray: %v %+v, want t = 2 − 1e-6", ok, h)
	}
	q, _, d := b.Nearest(Vec3{3, 3, 1})
	if math.Abs(d-math.Sqrt2) > 1e-12 || q.Sub(Vec3{2, 2, 1}).Len() > 1e-12 {
		t.Errorf("nearest to (3,3,1): %v at %g, want (2,2,1) at √2", q, d)
	}

	// a sphere of radius 5: every point's distance to the mesh is
	// |p| − 5 to within the depth of the facets. Meridian and parallel
	// chords each sag by at most c, and a triangle spanning two of them at
	// right angles is inscribed in a circle whose sagitta adds both: 2c.
	tol := Tolerance{ChordMM: 0.01}
	s := testSphere(t, 5, tol)
	mustOK(t, s)
	bs := NewBVH(s)
	rng := rand.New(rand.NewPCG(5, 5))
	for i := 0; i < 100; i++ {
		p := Vec3{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}.Mul(4)
		_, _, d := bs.Nearest(p)
		if want := math.Abs(p.Len() - 5); math.Abs(d-want) > 2*tol.Chord() {
			t.Fatalf("distance from %v to the sphere %g, want %g ± %g", p, d, want, 2*tol.Chord())
		}
	}

	// two cubes 1.5 mm apart along x, then overlapping.
	c2 := testCube(Vec3{3.5, 0.5, 0.5}, 1)
	if d, pa, pb := MinDistance(c, c2); math.Abs(d-1.5) > 1e-12 || math.Abs(pa[0]-2) > 1e-12 || math.Abs(pb[0]-3.5) > 1e-12 {
		t.Errorf("cube gap %g between %v and %v, want 1.5", d, pa, pb)
	}
	c2.Translate(Vec3{-2, 0, 0})
	if d, pa, pb := MinDistance(c, c2); d != 0 || pa != pb {
		t.Errorf("overlapping cubes: distance %g, points %v %v", d, pa, pb)
	}
	var empty Mesh
	if d, _, _ := MinDistance(c, &empty); !math.IsInf(d, 1) {
		t.Errorf("distance to an empty mesh %g, want +Inf", d)
	}
	if _, tri, d := NewBVH(&empty).Nearest(Vec3{}); tri != -1 || !math.IsInf(d, 1) {
		t.Errorf("empty Nearest: tri %d dist %g", tri, d)
	}
}

func TestBVHDeterministic(t *testing.T) {
	m := benchTorus(t)
	a, b := NewBVH(m), NewBVH(m)
	if len(a.nodes) != len(b.nodes) {
		t.Fatal("two builds differ in size")
	}
	for i := range a.nodes {
		if a.nodes[i] != b.nodes[i] {
			t.Fatalf("node %d differs", i)
		}
	}
	for i := range a.order {
		if a.order[i] != b.order[i] {
			t.Fatalf("order %d differs", i)
		}
	}
}

func BenchmarkNewBVH100k(b *testing.B) {
	m := benchTorus(b)
	for b.Loop() {
		NewBVH(m)
	}
}

func BenchmarkNearest100k(b *testing.B) {
	m := benchTorus(b)
	t := NewBVH(m)
	rng := rand.New(rand.NewPCG(1, 1))
	pts := make([]Vec3, 1024)
	for i := range pts {
		pts[i] = Vec3{rng.Float64()*30 - 15, rng.Float64()*30 - 15, rng.Float64()*6 - 3}
	}
	i := 0
	for b.Loop() {
		t.Nearest(pts[i%len(pts)])
		i++
	}
}

func BenchmarkRaycast100k(b *testing.B) {
	m := benchTorus(b)
	t := NewBVH(m)
	rng := rand.New(rand.NewPCG(1, 1))
	dirs := make([]Vec3, 1024)
	for i := range dirs {
		dirs[i] = Vec3{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
	}
	i := 0
	for b.Loop() {
		t.Raycast(Vec3{10, 0, 0}, dirs[i%len(dirs)], 100)
		i++
	}
}
