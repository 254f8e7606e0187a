package geom

import (
	"math"
	"math/rand/v2"
	"testing"
)

// soupOf returns m as STL stores it: three own corners per triangle,
// each moved by up to jitter mm along every axis (seeded).
func soupOf(m *Mesh, jitter float64, rng *rand.Rand) *Mesh {
	s := NewMesh(3*len(m.Tris), len(m.Tris))
	for i := range m.Tris {
		a, b, c := m.Triangle(i)
		var ids [3]uint32
		for k, p := range [3]Vec3{a, b, c} {
			if jitter > 0 {
				p = p.Add(Vec3{rng.Float64()*2 - 1, rng.Float64()*2 - 1, rng.Float64()*2 - 1}.Mul(jitter))
			}
			ids[k] = s.AddVert(p)
		}
		s.AddTri(ids[0], ids[1], ids[2])
	}
	return s
}

func TestWeldRestoresTopology(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, src := range []*Mesh{testCube(Vec3{1, 2, 3}, 2), testTorus(t, 10, 2, 64, 24), testSphere(t, 3, Tolerance{})} {
		want := mustOK(t, src)
		for _, jitter := range []float64{0, 1e-6} {
			soup := soupOf(src, jitter, rng)
			if r := soup.Check(); r.OpenEdges != 3*len(src.Tris) {
				t.Fatalf("soup has %d open edges, want %d", r.OpenEdges, 3*len(src.Tris))
			}
			w := soup.Weld(1e-4) // jitter ≤ √3·1e-6 per corner, features ≥ 0.01 mm
			got := mustOK(t, w)
			if len(w.Verts) != len(src.Verts) || len(w.Tris) != len(src.Tris) {
				t.Errorf("welded %d verts %d tris, source %d %d", len(w.Verts), len(w.Tris), len(src.Verts), len(src.Tris))
			}
			if math.Abs(got.Volume-want.Volume) > 1e-4*want.Volume {
				t.Errorf("welded volume %g, source %g", got.Volume, want.Volume)
			}
		}
	}
}

func TestWeldRules(t *testing.T) {
	const eps = 0.1
	m := &Mesh{
		Verts: []Vec3{
			0: {0, 0, 0},
			1: {0.06, 0, 0}, // within eps of 0: merged into 0
			2: {0.12, 0, 0}, // within eps of 1 but not of 0, and 1 is gone: kept
			3: {5, 5, 5},    // unused: dropped
			4: {0, 1, 0},
			5: {0, 1, 0.1}, // exactly eps from 4: merged (distance ≤ eps)
			6: {math.NaN(), 0, 0},
		},
		Tris: [][3]uint32{
			{0, 2, 4},
			{0, 1, 4},  // becomes (0, 0, 4): dropped
			{2, 5, 1},  // becomes (2, 4, 0)
			{0, 2, 99}, // bad index: dropped
			{6, 2, 4},  // non-finite vertex kept as is
		},
	}
	w := m.Weld(eps)
	wantV := []Vec3{{0, 0, 0}, {0.12, 0, 0}, {0, 1, 0}, m.Verts[6]}
	wantT := [][3]uint32{{0, 1, 2}, {1, 2, 0}, {3, 1, 2}}
	if len(w.Verts) != len(wantV) || len(w.Tris) != len(wantT) {
		t.Fatalf("welded to %v %v, want %v %v", w.Verts, w.Tris, wantV, wantT)
	}
	for i := range wantV {
		if w.Verts[i] != wantV[i] && !(i == 3 && math.IsNaN(w.Verts[i][0])) {
			t.Errorf("vertex %d = %v, want %v", i, w.Verts[i], wantV[i])
		}
	}
	for i := range wantT {
		if w.Tris[i] != wantT[i] {
			t.Errorf("triangle %d = %v, want %v", i, w.Tris[i], wantT[i])
		}
	}
	// eps 0 (and negative or NaN) merges exact duplicates only.
	for _, e := range []float64{0, -1, math.NaN()} {
		w := m.Weld(e)
		if len(w.Verts) != 6 { // 0,1,2,4,5,6 are used and distinct
			t.Errorf("Weld(%g) kept %d vertices, want 6", e, len(w.Verts))
		}
	}
	if len(m.Verts) != 7 || len(m.Tris) != 5 {
		t.Error("Weld modified its receiver")
	}
}

func TestWeldFarFromOrigin(t *testing.T) {
	// a cube 1e6 mm from the origin welded with a tiny eps: the grid must
	// neither overflow nor miss neighbours across cell borders.
	c := testCube(Vec3{1e6, -1e6, 1e6}, 1)
	w := soupOf(c, 0, nil).Weld(1e-9)
	mustOK(t, w)
	if len(w.Verts) != 8 {
		t.Errorf("far cube welded to %d vertices", len(w.Verts))
	}
}

func BenchmarkWeld100k(b *testing.B) {
	s := soupOf(benchTorus(b), 0, nil)
	for b.Loop() {
		s.Weld(1e-4)
	}
}
