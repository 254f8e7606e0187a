package render

import (
	"context"
	"math"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// benchRender renders m at 1024 × 1024 with 4× supersampling and reports
// triangles per second.
func benchRender(b *testing.B, m *geom.Model) {
	opt := &Options{Width: 1024, Height: 1024, SSAA: 4}
	ctx := context.Background()
	if _, err := Render(ctx, m, opt); err != nil { // bakes the studio once
		b.Fatal(err)
	}
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Render(ctx, m, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(m.Triangles())/sec, "tris/s")
	b.ReportMetric(float64(m.Triangles()), "tris")
}

// BenchmarkBand is a comfort band of about 60k triangles (issue #6 budget:
// 150 ms on 2 cores).
func BenchmarkBand(b *testing.B) { benchRender(b, goldBand(b)) }

// BenchmarkSolitaire adds a brilliant-cut stone traced inside (budget
// 300 ms on 2 cores).
func BenchmarkSolitaire(b *testing.B) { benchRender(b, solitaire(b)) }

// BenchmarkMillion renders a torus of about a million triangles.
func BenchmarkMillion(b *testing.B) {
	m := &geom.Model{}
	m.Add("torus", metal(b, "950-platinum"), torusMesh(b, 8, 3, 1000, 500))
	benchRender(b, m)
}

// torusMesh is a torus about Y, major radius R, minor r, n × k quads.
func torusMesh(t testing.TB, R, r float64, n, k int) *geom.Mesh {
	prof := make([]geom.Vec2, k)
	for i := range prof {
		a := 2 * math.Pi * float64(i) / float64(k)
		prof[i] = geom.Vec2{r + r*math.Cos(a), r * math.Sin(a)}
	}
	frames := make([]geom.Frame, n)
	profs := make([][]geom.Vec2, n)
	for i := range frames {
		a := 2 * math.Pi * float64(i) / float64(n)
		rho := geom.Vec3{math.Cos(a), 0, math.Sin(a)}
		frames[i] = geom.Frame{Origin: rho.Mul(R - r), X: rho, Y: geom.Vec3{0, 1, 0}}
		profs[i] = prof
	}
	m, err := geom.SweepClosed(frames, profs, geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// BenchmarkRasterOnly times the geometry pipeline alone on the million
// triangles — projection, culling, clipping, binning and tiled rasterisation
// into depth and id buffers at 2048 × 2048 samples — without shading.
func BenchmarkRasterOnly(b *testing.B) {
	m := &geom.Model{}
	m.Add("torus", metal(b, "950-platinum"), torusMesh(b, 8, 3, 1000, 500))
	opt := &Options{Width: 1024, Height: 1024, SSAA: 4, NoShadow: true}
	cam := frame(m, opt, 1024, 1024)
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		sc, err := newScene(m, opt, cam)
		if err != nil {
			b.Fatal(err)
		}
		if err := sc.forTiles(context.Background(), func(*tileBuf, int, int, int, int, int) {}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(m.Triangles())/(b.Elapsed().Seconds()/float64(b.N)), "tris/s")
}
