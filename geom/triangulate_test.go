package geom

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// areaRel is the relative tolerance of triangulated areas against closed
// forms: the triangles' vertices are the input points (or crossings rounded
// to float64), so only summation rounding (~1e-16 per triangle) remains.
const areaRel = 1e-9

func rect(x0, y0, x1, y1 float64) Contour {
	return Contour{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
}

func reversed(c Contour) Contour {
	out := make(Contour, len(c))
	for i, p := range c {
		out[len(c)-1-i] = p
	}
	return out
}

// triArea sums the areas of counter-clockwise triangles, failing on any that
// is not.
func triArea(t *testing.T, v []Vec2, tris [][3]uint32) float64 {
	t.Helper()
	var s float64
	for i, tr := range tris {
		a, b, c := v[tr[0]], v[tr[1]], v[tr[2]]
		if orient2(a, b, c) <= 0 {
			t.Fatalf("triangle %d is not counter-clockwise", i)
		}
		s += cross2(b.Sub(a), c.Sub(a)) / 2
	}
	return s
}

func near(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1)
}

func TestRegionTriangulateAreas(t *testing.T) {
	outer := rect(0, 0, 4, 4)
	hole := rect(1, 1, 3, 3)
	barA := rect(0, 0, 3, 1)  // a "T"-like glyph: two bars overlapping
	barB := rect(1, -1, 2, 2) // in a 1×1 square
	bowtie := Contour{{0, 0}, {2, 2}, {2, 0}, {0, 2}}
	cases := []struct {
		name string
		r    Region
		want float64
	}{
		{"square with hole (non-zero)", Region{[]Contour{outer, reversed(hole)}, NonZero}, 16 - 4},
		{"square with hole (even-odd)", Region{[]Contour{outer, hole}, EvenOdd}, 16 - 4},
		{"same-direction nested, non-zero fills", Region{[]Contour{outer, hole}, NonZero}, 16},
		{"overlapping bars, non-zero unions", Region{[]Contour{barA, barB}, NonZero}, 3 + 3 - 1},
		{"overlapping bars, even-odd", Region{[]Contour{barA, barB}, EvenOdd}, 3 + 3 - 2},
		{"bow-tie crossing itself", Region{[]Contour{bowtie}, NonZero}, 2},
		{"clockwise square, non-zero", Region{[]Contour{reversed(outer)}, NonZero}, 16},
		{"empty", Region{}, 0},
		{"collinear", Region{[]Contour{{{0, 0}, {1, 1}, {2, 2}}}, NonZero}, 0},
	}
	for _, tc := range cases {
		v, tris, err := tc.r.Triangulate()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := triArea(t, v, tris); !near(got, tc.want, areaRel) {
			t.Errorf("%s: triangles cover %.12g mm², want %g", tc.name, got, tc.want)
		}
		a, err := tc.r.Area()
		if err != nil || !near(a, tc.want, areaRel) {
			t.Errorf("%s: Area = %g, %v; want %g", tc.name, a, err, tc.want)
		}
		for i, tr := range tris {
			c := v[tr[0]].Add(v[tr[1]]).Add(v[tr[2]]).Mul(1.0 / 3)
			if !tc.r.Contains(c) {
				t.Fatalf("%s: triangle %d's centroid %v is not in the region", tc.name, i, c)
			}
		}
	}
}

// randomContour returns n random points in a 10 mm square: a polygon that
// crosses itself many times.
func randomContour(rng *rand.Rand, n int) Contour {
	c := make(Contour, n)
	for i := range c {
		c[i] = Vec2{rng.Float64() * 10, rng.Float64() * 10}
		if rng.IntN(6) == 0 { // snap some to a grid: collinear and repeated points
			c[i] = Vec2{math.Round(c[i][0]), math.Round(c[i][1])}
		}
	}
	return c
}

func TestRegionWindingStress(t *testing.T) {
	// Self-intersecting random contours: the winding number the triangulation
	// assigns each triangle must be the contours' winding number at its
	// centroid, and Σ winding·area must equal the shoelace sum of the
	// contours (the signed area counts each point by its winding number).
	rng := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 40; iter++ {
		r := Region{Fill: NonZero}
		var shoelace, scale float64
		for k := 0; k < 1+rng.IntN(3); k++ {
			c := randomContour(rng, 3+rng.IntN(40))
			r.Contours = append(r.Contours, c)
			shoelace += c.Area()
			scale += math.Abs(c.Area())
		}
		rt, err := r.triangulate()
		if err != nil {
			t.Fatalf("case %d: %v", iter, err)
		}
		c := rt.c
		var signed float64
		for tr := 0; tr < len(c.he)/3; tr++ {
			if c.isGhostTri(int32(tr)) {
				continue
			}
			a, b, d := c.pts[c.he[3*tr].v], c.pts[c.he[3*tr+1].v], c.pts[c.he[3*tr+2].v]
			area := cross2(b.Sub(a), d.Sub(a)) / 2
			signed += float64(rt.wind[tr]) * area
			cen := a.Add(b).Add(d).Mul(1.0 / 3)
			if orient2(a, b, cen) > 0 && orient2(b, d, cen) > 0 && orient2(d, a, cen) > 0 {
				if w := r.Winding(cen); w != int(rt.wind[tr]) {
					t.Fatalf("case %d: triangle %d has winding %d, the contours wind %d times around its centroid", iter, tr, rt.wind[tr], w)
				}
			}
		}
		if math.Abs(signed-shoelace) > areaRel*math.Max(scale, 1) {
			t.Fatalf("case %d: Σ winding·area = %.15g, shoelace = %.15g", iter, signed, shoelace)
		}
		// Non-zero and even-odd areas are consistent with the windings.
		var nz, eo float64
		for tr, k := range rt.keep {
			if !k {
				continue
			}
			a, b, d := c.pts[c.he[3*tr].v], c.pts[c.he[3*tr+1].v], c.pts[c.he[3*tr+2].v]
			nz += cross2(b.Sub(a), d.Sub(a)) / 2
		}
		r.Fill = EvenOdd
		eo, err = r.Area()
		if err != nil {
			t.Fatal(err)
		}
		if eo > nz*(1+areaRel)+1e-12 || nz < math.Abs(shoelace)/3 {
			t.Fatalf("case %d: even-odd area %g, non-zero %g, |shoelace| %g", iter, eo, nz, math.Abs(shoelace))
		}
	}
}

func TestRegionSimplePolygonArea(t *testing.T) {
	// Random star-shaped (simple) polygons: area equals the shoelace formula.
	rng := rand.New(rand.NewPCG(8, 9))
	for iter := 0; iter < 30; iter++ {
		n := 3 + rng.IntN(300)
		c := make(Contour, n)
		for i := range c {
			th := 2 * math.Pi * (float64(i) + 0.8*rng.Float64()) / float64(n)
			r := 1 + 4*rng.Float64()
			c[i] = Vec2{r * math.Cos(th), r * math.Sin(th)}
		}
		want := c.Area()
		for _, fill := range []FillRule{NonZero, EvenOdd} {
			a, err := Region{[]Contour{c}, fill}.Area()
			if err != nil {
				t.Fatal(err)
			}
			if !near(a, want, areaRel) {
				t.Fatalf("case %d: area %.15g, shoelace %.15g", iter, a, want)
			}
		}
	}
}

func TestRegionTriangulateErrors(t *testing.T) {
	bad := Region{Contours: []Contour{rect(0, 0, 1, 1), {{0, 0}, {math.Inf(1), 0}, {1, 1}}}}
	if _, _, err := bad.Triangulate(); !errors.Is(err, ErrInvalid) {
		t.Fatalf("infinite point: err %v, want ErrInvalid", err)
	}
	big := Region{Contours: []Contour{make(Contour, MaxRegionPoints+1)}}
	if _, _, err := big.Triangulate(); !errors.Is(err, ErrBudget) {
		t.Fatalf("too many points: err %v, want ErrBudget", err)
	}
	if _, _, err := (Region{Fill: 7}).Triangulate(); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad fill rule: err %v, want ErrInvalid", err)
	}
}

// wobblyRing returns a region of two concentric wobbly circles (an annulus)
// with n points in all.
func wobblyRing(n int) Region {
	mk := func(m int, r0 float64, ccw bool) Contour {
		c := make(Contour, m)
		for i := range c {
			th := 2 * math.Pi * float64(i) / float64(m)
			if !ccw {
				th = -th
			}
			r := r0 * (1 + 0.05*math.Sin(37*th))
			c[i] = Vec2{r * math.Cos(th), r * math.Sin(th)}
		}
		return c
	}
	return Region{Contours: []Contour{mk(n*2/3, 10, true), mk(n-n*2/3, 5, false)}}
}

func BenchmarkRegionTriangulate10k(b *testing.B) {
	r := wobblyRing(10000)
	for i := 0; i < b.N; i++ {
		if _, _, err := r.Triangulate(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRegionCrossingBudget(t *testing.T) {
	// A random 5,000-point contour crosses itself millions of times: it must
	// fail fast with ErrBudget rather than run for minutes (untrusted input).
	if testing.Short() {
		t.Skip("about a second of work")
	}
	rng := rand.New(rand.NewPCG(1, 1))
	r := Region{Contours: []Contour{randomContour(rng, 5000)}}
	if _, _, err := r.Triangulate(); !errors.Is(err, ErrBudget) {
		t.Fatalf("err %v, want ErrBudget", err)
	}
}
