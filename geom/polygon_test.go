package geom

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestContourWindingContains(t *testing.T) {
	sq := rect(0, 0, 4, 4)
	if w := sq.Winding(Vec2{1, 1}); w != 1 {
		t.Fatalf("winding inside a CCW square = %d, want 1", w)
	}
	if w := reversed(sq).Winding(Vec2{1, 1}); w != -1 {
		t.Fatalf("winding inside a CW square = %d, want -1", w)
	}
	if w := sq.Winding(Vec2{5, 1}); w != 0 {
		t.Fatalf("winding outside = %d, want 0", w)
	}
	r := Region{Contours: []Contour{sq, rect(1, 1, 3, 3)}, Fill: EvenOdd}
	if r.Contains(Vec2{2, 2}) || !r.Contains(Vec2{0.5, 2}) {
		t.Fatal("even-odd: the nested square must be a hole")
	}
	r.Fill = NonZero
	if !r.Contains(Vec2{2, 2}) || r.Winding(Vec2{2, 2}) != 2 {
		t.Fatal("non-zero: the nested same-direction square must be filled, winding 2")
	}
}

func TestRegionBounds(t *testing.T) {
	r := Region{Contours: []Contour{rect(-1, 2, 3, 5), {{0, -7}, {1, 0}, {0, 1}}}}
	b := r.Bounds()
	if b.Min != (Vec2{-1, -7}) || b.Max != (Vec2{3, 5}) || b.Size() != (Vec2{4, 12}) {
		t.Fatalf("bounds %v", b)
	}
	if !(Region{}).Bounds().Empty() || (Region{}).Bounds().Size() != (Vec2{}) {
		t.Fatal("empty region must have an empty box")
	}
}

func TestContourSelfIntersections(t *testing.T) {
	cases := []struct {
		name   string
		c      Contour
		want   [][2]int
		simple bool
	}{
		{"square", rect(0, 0, 1, 1), nil, true},
		{"bow-tie", Contour{{0, 0}, {2, 2}, {2, 0}, {0, 2}}, [][2]int{{0, 2}}, false},
		// A spike folding back along itself: edges 1 and 2 overlap, and
		// edge 3 starts on edge 1.
		{"fold", Contour{{0, 0}, {2, 0}, {3, 0}, {2.5, 0}, {2, 2}}, [][2]int{{1, 2}, {1, 3}}, false},
		// A vertex touching a non-neighbouring edge.
		{"touch", Contour{{0, 0}, {4, 0}, {4, 4}, {2, 0}, {0, 4}}, [][2]int{{0, 2}, {0, 3}}, false},
		// The edges around a repeated point are no longer neighbours.
		{"repeated point", Contour{{0, 0}, {1, 0}, {1, 0}, {0, 1}}, [][2]int{{0, 2}}, false},
		{"collinear", Contour{{0, 0}, {1, 0}, {2, 0}}, [][2]int{{0, 2}, {1, 2}}, false},
	}
	for _, tc := range cases {
		got := tc.c.SelfIntersections()
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: self-intersections %v, want %v", tc.name, got, tc.want)
		}
		if s := tc.c.Simple(); s != tc.simple {
			t.Errorf("%s: Simple = %v, want %v", tc.name, s, tc.simple)
		}
	}
}

func TestContourSimplify(t *testing.T) {
	// A circle of radius 10 mm in 2000 points simplified to 0.01 mm: every
	// original point stays within the tolerance of the result, and the count
	// is near what a chord tolerance needs (π/acos(1−c/r) ≈ 70 points).
	const n, r, tol = 2000, 10.0, 0.01
	c := make(Contour, n)
	for i := range c {
		th := 2 * math.Pi * float64(i) / n
		c[i] = Vec2{r * math.Cos(th), r * math.Sin(th)}
	}
	s := c.Simplify(tol)
	if s[0] != c[0] {
		t.Fatal("the first point must be kept")
	}
	ideal := math.Pi / math.Acos(1-tol/r)
	if float64(len(s)) < ideal || float64(len(s)) > 2*ideal {
		t.Fatalf("%d points kept, ideal %.0f", len(s), ideal)
	}
	for i, p := range c {
		d := math.Inf(1)
		for j := range s {
			d = math.Min(d, segmentDist(s[j], s[(j+1)%len(s)], p))
		}
		if d > tol {
			t.Fatalf("point %d is %g mm from the simplified contour, tolerance %g", i, d, tol)
		}
	}
	// Zero tolerance removes only exactly collinear points.
	sq := Contour{{0, 0}, {1, 0}, {2, 0}, {2, 2}, {0, 2}}
	if got := sq.Simplify(0); len(got) != 4 {
		t.Fatalf("Simplify(0) of a square with a midpoint kept %v", got)
	}
}

func TestContourSimpleAgreesWithSelfIntersections(t *testing.T) {
	// Small random contours on a 4×4 grid touch, cross, fold back and
	// repeat points all the time: the triangulation-based Simple must agree
	// with the exact pairwise test.
	rng := rand.New(rand.NewPCG(31, 32))
	simple := 0
	for iter := 0; iter < 20000; iter++ {
		c := make(Contour, 3+rng.IntN(6))
		for i := range c {
			c[i] = Vec2{float64(rng.IntN(4)), float64(rng.IntN(4))}
		}
		want := c.Area() != 0 && len(c.SelfIntersections()) == 0
		for i := range c {
			want = want && c[i] != c[(i+1)%len(c)]
		}
		if got := c.Simple(); got != want {
			t.Fatalf("%v: Simple = %v, pairwise test says %v (%v)", c, got, want, c.SelfIntersections())
		}
		if want {
			simple++
		}
	}
	if simple < 100 {
		t.Fatalf("only %d simple contours drawn: the test is not exercising both answers", simple)
	}
}
