package geom

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// prismVolRel is the relative tolerance of a prism's volume against area × height:
// the caps are the same triangles as the area, so only rounding remains.
const prismVolRel = 1e-9

func TestExtrudeVolumes(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	star := make(Contour, 200)
	for i := range star {
		th := 2 * math.Pi * (float64(i) + 0.8*rng.Float64()) / 200
		r := 2 + 3*rng.Float64()
		star[i] = Vec2{r * math.Cos(th), r * math.Sin(th)}
	}
	cases := []struct {
		name  string
		r     Region
		h     float64
		area  float64 // closed form; 0 means star's shoelace
		walls int     // boundary edges expected, 0 to skip
	}{
		{"square with hole", Region{[]Contour{rect(0, 0, 4, 4), reversed(rect(1, 1, 3, 3))}, NonZero}, 2, 12, 8},
		{"square with hole, even-odd", Region{[]Contour{rect(0, 0, 4, 4), rect(1, 1, 3, 3)}, EvenOdd}, 0.5, 12, 8},
		// Overlapping bars: walls only around the union (12 edges of a plus).
		{"overlapping bars", Region{[]Contour{rect(0, 0, 3, 1), rect(1, -1, 2, 2)}, NonZero}, 1.5, 5, 12},
		{"random star", Region{[]Contour{star}, NonZero}, 0.7, star.Area(), 200},
		{"annulus of 3000 points", wobblyRing(3000), 0.3, 0, 3000},
	}
	for _, tc := range cases {
		m, err := Extrude(tc.r, tc.h, Tolerance{})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if err := m.Check().Err(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		area := tc.area
		if area == 0 {
			area = tc.r.Contours[0].Area() + tc.r.Contours[1].Area()
		}
		if v := m.Volume(); !near(v, area*tc.h, prismVolRel) {
			t.Errorf("%s: volume %.12g mm³, want area × height = %.12g", tc.name, v, area*tc.h)
		}
		b := m.Bounds()
		if b.Min[2] != 0 || b.Max[2] != tc.h {
			t.Errorf("%s: z spans %g..%g, want 0..%g", tc.name, b.Min[2], b.Max[2], tc.h)
		}
		_, tris, _ := tc.r.Triangulate()
		if walls := (len(m.Tris) - 2*len(tris)) / 2; tc.walls > 0 && walls != tc.walls {
			t.Errorf("%s: %d wall quads, want %d", tc.name, walls, tc.walls)
		}
	}
}

func TestExtrudeErrors(t *testing.T) {
	sq := Region{Contours: []Contour{rect(0, 0, 1, 1)}}
	for _, h := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if _, err := Extrude(sq, h, Tolerance{}); !errors.Is(err, ErrInvalid) {
			t.Errorf("height %g: err %v, want ErrInvalid", h, err)
		}
	}
	if _, err := Extrude(Region{}, 1, Tolerance{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty region: err %v, want ErrInvalid", err)
	}
	if _, err := Extrude(wobblyRing(1000), 1, Tolerance{MaxTriangles: 100}); !errors.Is(err, ErrBudget) {
		t.Errorf("over budget: err %v, want ErrBudget", err)
	}
}

func ExampleExtrude() {
	// A 10 × 6 mm tag with a 2 × 2 mm hole, 1.5 mm thick.
	tag := Region{Contours: []Contour{
		{{0, 0}, {10, 0}, {10, 6}, {0, 6}},
		{{1, 2}, {1, 4}, {3, 4}, {3, 2}}, // clockwise: a hole under NonZero
	}}
	m, err := Extrude(tag, 1.5, Tolerance{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("volume %.2f mm³, solid: %v\n", m.Volume(), m.Check().OK())
	// Output: volume 84.00 mm³, solid: true
}
