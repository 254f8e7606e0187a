package engrave

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

func rect(x0, y0, x1, y1 float64) geom.Contour {
	return geom.Contour{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
}

func TestMeasureAreaFillRules(t *testing.T) {
	// Two 2×2 squares overlapping in a 1×2 strip: the union is 6 mm² under
	// NonZero; EvenOdd leaves the strip out (4 mm²).
	a, b := rect(0, 0, 2, 2), rect(1, 0, 3, 2)
	for _, tc := range []struct {
		fill geom.FillRule
		want float64
	}{{geom.NonZero, 6}, {geom.EvenOdd, 4}} {
		f := Measure(geom.Region{Contours: []geom.Contour{a, b}, Fill: tc.fill})
		if math.Abs(f.AreaMM2-tc.want) > 1e-12 {
			t.Errorf("fill %v: area %g, want %g", tc.fill, f.AreaMM2, tc.want)
		}
		if f.Crossings == 0 {
			t.Errorf("fill %v: overlapping squares report no crossings", tc.fill)
		}
	}
	// Crossing edges inside a slab: a bow-tie square pair rotated 45°.
	d := geom.Contour{{0, -1}, {1, 0}, {0, 1}, {-1, 0}}
	sq := rect(-0.6, -0.6, 0.6, 0.6)
	f := Measure(geom.Region{Contours: []geom.Contour{d, sq}, Fill: geom.NonZero})
	// the diamond (2 mm²) and the square's four corners outside it, each a
	// right triangle with legs of 0.2 mm
	if want := 2 + 4*0.02; math.Abs(f.AreaMM2-want) > 1e-12 {
		t.Errorf("diamond ∪ square area %g, want %g", f.AreaMM2, want)
	}
	big := rect(-1, -1, 1, 1)
	f = Measure(geom.Region{Contours: []geom.Contour{big, d}, Fill: geom.EvenOdd})
	if want := 2.0; math.Abs(f.AreaMM2-want) > 1e-12 {
		t.Errorf("square minus diamond (EvenOdd) %g, want %g", f.AreaMM2, want)
	}
}

func TestMeasureSmallestFeature(t *testing.T) {
	for _, w := range []float64{0.2, 0.33, 1} {
		// an H-like shape: two 3 mm posts joined by a bar w thick
		r := geom.Region{Contours: []geom.Contour{rect(0, 0, 1, 3), rect(2, 0, 3, 3), rect(0.9, 1.4, 2.1, 1.4+w)}}
		f := Measure(r)
		if math.Abs(f.SmallestFeatureMM-w) > f.PitchMM {
			t.Errorf("bar %g mm: smallest feature %.4f (pitch %g)", w, f.SmallestFeatureMM, f.PitchMM)
		}
		if f.Thin() != (w < MinFeatureWarnMM) {
			t.Errorf("bar %g mm: Thin() %v", w, f.Thin())
		}
	}
	// A triangle's sharp corners are not thin lines: it measures the
	// diameter of its inscribed circle, 2·area/semi-perimeter.
	tri := geom.Region{Contours: []geom.Contour{{{0, 0}, {3, 0}, {1.5, 3}}}}
	f := Measure(tri)
	side := math.Hypot(1.5, 3)
	want := 2 * 4.5 / ((3 + 2*side) / 2)
	if math.Abs(f.SmallestFeatureMM-want) > 2*f.PitchMM {
		t.Errorf("triangle: smallest feature %.4f, want inscribed diameter %.4f", f.SmallestFeatureMM, want)
	}
	if f := Measure(geom.Region{}); f.AreaMM2 != 0 || f.SmallestFeatureMM != 0 || f.Thin() {
		t.Errorf("empty region: %+v", f)
	}
}

func TestDistanceTransformBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for trial := 0; trial < 20; trial++ {
		w, h := 1+rng.IntN(17), 1+rng.IntN(13)
		in := make([]bool, w*h)
		for i := range in {
			in[i] = rng.Float64() < 0.8
		}
		got := distanceTransform(in, w, h)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				want := 0.0
				if in[y*w+x] {
					want = math.Inf(1)
					// outside pixels, and the ring just beyond the raster
					for yy := -1; yy <= h; yy++ {
						for xx := -1; xx <= w; xx++ {
							outside := xx < 0 || yy < 0 || xx >= w || yy >= h || !in[yy*w+xx]
							if outside {
								want = math.Min(want, float64((xx-x)*(xx-x)+(yy-y)*(yy-y)))
							}
						}
					}
				}
				if got[y*w+x] != want {
					t.Fatalf("trial %d (%d×%d) pixel %d,%d: %g, want %g", trial, w, h, x, y, got[y*w+x], want)
				}
			}
		}
	}
}

func TestCrossingsSimple(t *testing.T) {
	bow := geom.Contour{{0, 0}, {1, 1}, {1, 0}, {0, 1}} // a figure eight
	if n := Crossings(geom.Region{Contours: []geom.Contour{bow}}); n != 1 {
		t.Errorf("bow tie: %d crossings, want 1", n)
	}
	if n := Crossings(geom.Region{Contours: []geom.Contour{rect(0, 0, 1, 1), rect(2, 0, 3, 1)}}); n != 0 {
		t.Errorf("two apart squares: %d crossings", n)
	}
	if n := Crossings(geom.Region{Contours: []geom.Contour{rect(0, 0, 1, 1), rect(1, 0, 2, 1)}}); n == 0 {
		t.Errorf("squares sharing an edge: no crossings")
	}
}
