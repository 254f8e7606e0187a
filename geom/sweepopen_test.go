package geom

import (
	"errors"
	"testing"
)

func TestSweepOpenBox(t *testing.T) {
	// A 2 × 1 mm rectangle swept 3 mm along +Z in three stations: a box.
	prof := []Vec2{{-1, -0.5}, {1, -0.5}, {1, 0.5}, {-1, 0.5}}
	var frames []Frame
	var profs [][]Vec2
	for i := 0; i < 3; i++ {
		frames = append(frames, Frame{Origin: Vec3{0, 0, 1.5 * float64(i)}, X: Vec3{1, 0, 0}, Y: Vec3{0, 1, 0}})
		profs = append(profs, prof)
	}
	m, err := Sweep(frames, profs, Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	if v := m.Volume(); !near(v, 2*1*3, prismVolRel) {
		t.Fatalf("volume %g, want 6", v)
	}
	if len(m.Tris) != 2*2*4+2*2 {
		t.Fatalf("%d triangles, want 16 side + 4 cap", len(m.Tris))
	}
}

func TestSweepOpenTaperedConcave(t *testing.T) {
	// A concave L-shaped profile shrinking along X: a frustum-like solid
	// whose caps need a real triangulation.
	L := []Vec2{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}}
	half := make([]Vec2, len(L))
	for i, p := range L {
		half[i] = p.Mul(0.5)
	}
	frames := []Frame{
		{Origin: Vec3{0, 0, 0}, X: Vec3{0, 1, 0}, Y: Vec3{0, 0, 1}},
		{Origin: Vec3{4, 0, 0}, X: Vec3{0, 1, 0}, Y: Vec3{0, 0, 1}},
	}
	m, err := Sweep(frames, [][]Vec2{L, half}, Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	// Frustum of similar sections: V = h/3 (A1 + A2 + √(A1·A2)) = 4/3 (3 + 0.75 + 1.5).
	if v := m.Volume(); !near(v, 4.0/3*(3+0.75+1.5), prismVolRel) {
		t.Fatalf("volume %.12g, want 7", v)
	}
}

func TestSweepOpenErrors(t *testing.T) {
	f := []Frame{{X: Vec3{1, 0, 0}, Y: Vec3{0, 1, 0}}, {Origin: Vec3{0, 0, 1}, X: Vec3{1, 0, 0}, Y: Vec3{0, 1, 0}}}
	sq := []Vec2{{0, 0}, {1, 0}, {1, 1}, {0, 1}}
	bow := []Vec2{{0, 0}, {1, 1}, {1, 0}, {0, 1}}
	cw := []Vec2{{0, 0}, {0, 1}, {1, 1}, {1, 0}}
	cases := []struct {
		name   string
		frames []Frame
		profs  [][]Vec2
	}{
		{"one station", f[:1], [][]Vec2{sq}},
		{"count mismatch", f, [][]Vec2{sq}},
		{"bow-tie cap", f, [][]Vec2{sq, bow}},
		{"clockwise cap", f, [][]Vec2{cw, sq}},
		{"two points", f, [][]Vec2{sq[:2], sq[:2]}},
		{"different sizes", f, [][]Vec2{sq, sq[:3]}},
	}
	for _, tc := range cases {
		if _, err := Sweep(tc.frames, tc.profs, Tolerance{}); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err %v, want ErrInvalid", tc.name, err)
		}
	}
	if _, err := Sweep(f, [][]Vec2{sq, sq}, Tolerance{MaxTriangles: 5}); !errors.Is(err, ErrBudget) {
		t.Errorf("budget: err %v, want ErrBudget", err)
	}
}
