package geom

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBoundsMatchesExtend: Bounds is the box Extend builds from every corner
// of every triangle with an index in range, NaN axes included, on random
// meshes with unused vertices, bad indices and NaN coordinates.
func TestBoundsMatchesExtend(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 300 {
		m := &Mesh{}
		for range 1 + rng.IntN(30) {
			m.Verts = append(m.Verts, Vec3{rng.NormFloat64() * 10, rng.NormFloat64(), rng.NormFloat64() * 100})
		}
		for range rng.IntN(40) {
			n := uint32(len(m.Verts) + 2)
			m.Tris = append(m.Tris, [3]uint32{rng.Uint32N(n), rng.Uint32N(n), rng.Uint32N(n)})
		}
		if trial%3 == 0 {
			m.Verts[rng.IntN(len(m.Verts))][rng.IntN(3)] = math.NaN()
		}
		want := EmptyBox()
		for _, tri := range m.Tris {
			for _, i := range tri {
				if int(i) < len(m.Verts) {
					want = want.Extend(m.Verts[i])
				}
			}
		}
		got := m.Bounds()
		for k := range 3 {
			for _, pair := range [][2]float64{{got.Min[k], want.Min[k]}, {got.Max[k], want.Max[k]}} {
				if pair[0] != pair[1] && !(math.IsNaN(pair[0]) && math.IsNaN(pair[1])) {
					t.Fatalf("trial %d: Bounds %v, Extend gives %v", trial, got, want)
				}
			}
		}
	}
}

// TestVolumeCube: a closed outward cube has its volume far from the origin
// too; reversed it is negative; a bad index gives NaN, not a panic.
func TestVolumeCube(t *testing.T) {
	for _, c := range []Vec3{{}, {1e4, -2e4, 3e4}} {
		m := testCube(c, 2)
		if v := m.Volume(); math.Abs(v-8) > 1e-9 {
			t.Errorf("cube at %v: volume %g, want 8", c, v)
		}
		for i := range m.Tris {
			m.Tris[i][1], m.Tris[i][2] = m.Tris[i][2], m.Tris[i][1]
		}
		if v := m.Volume(); math.Abs(v+8) > 1e-9 {
			t.Errorf("reversed cube at %v: volume %g, want -8", c, v)
		}
		m.Tris = append(m.Tris, [3]uint32{0, 1, 99})
		if v := m.Volume(); !math.IsNaN(v) {
			t.Errorf("cube with a bad index: volume %g, want NaN", v)
		}
	}
}

// TestPieces: two cubes and a bad triangle give two closed pieces of the
// cubes' volume, in order of first triangle.
func TestPieces(t *testing.T) {
	m := testCube(Vec3{}, 1)
	m.Append(testCube(Vec3{3, 0, 0}, 2))
	m.Tris = append(m.Tris, [3]uint32{0, 1, 99})
	ps := m.Pieces()
	if len(ps) != 2 {
		t.Fatalf("%d pieces, want 2", len(ps))
	}
	for k, want := range []float64{1, 8} {
		if err := ps[k].Check().Err(); err != nil || len(ps[k].Verts) != 8 || math.Abs(ps[k].Volume()-want) > 1e-12 {
			t.Errorf("piece %d: %d vertices, volume %g (want 8, %g), %v", k, len(ps[k].Verts), ps[k].Volume(), want, err)
		}
	}
}
