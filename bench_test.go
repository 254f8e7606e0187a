package mandrel

import (
	"context"
	"io"
	"testing"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/ring"
)

// benchSpec is issue #2's benchmark piece: a comfort band, US 7, at the
// default tolerance, with no stones or engravings.
func benchSpec() *Spec {
	return &Spec{Kind: "ring", Ring: &RingSpec{Size: "US 7", Profile: "comfort"}}
}

func benchBuild(b *testing.B) *geom.Model {
	b.Helper()
	m, _, err := Build(context.Background(), benchSpec())
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkRingComfort measures the ring pipeline of issue #2 (target: 2 ms
// or less per ring on one core and under 20 MB allocated): the whole of
// Build + WriteSTL + WriteGLB to io.Discard, then each stage alone. The
// "tris" metric is the model's triangle count.
func BenchmarkRingComfort(b *testing.B) {
	ctx := context.Background()
	tris := float64(benchBuild(b).Triangles())

	b.Run("pipeline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m, _, err := Build(ctx, benchSpec())
			if err != nil {
				b.Fatal(err)
			}
			if err := export.WriteSTL(io.Discard, m, nil); err != nil {
				b.Fatal(err)
			}
			if err := export.WriteGLB(io.Discard, m, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(tris, "tris")
	})
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := Build(ctx, benchSpec()); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(tris, "tris")
	})
	m := benchBuild(b)
	b.Run("stl", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := export.WriteSTL(io.Discard, m, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(tris, "tris")
	})
	b.Run("glb", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := export.WriteGLB(io.Discard, m, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(tris, "tris")
	})
}

// BenchmarkRingComfortParts measures pieces of the pipeline alone: the
// band's sweep (ring.Params.Band), the report's check of each part
// (CheckWith, skipping self-intersections) and the GLB's shading.
func BenchmarkRingComfortParts(b *testing.B) {
	m := benchBuild(b)
	band := m.Part("band").Mesh
	size, err := ring.ParseSize("US 7")
	if err != nil {
		b.Fatal(err)
	}
	p := ring.Params{Size: size, Profile: ring.Comfort}
	b.Run("band", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Band(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(band.Tris)), "tris")
	})
	b.Run("check", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range m.Parts {
				if !p.Mesh.CheckWith(geom.CheckOptions{SkipSelfIntersections: true}).OK() {
					b.Fatalf("part %q fails Check", p.Name)
				}
			}
		}
		b.ReportMetric(float64(len(band.Tris)), "tris")
	})
	b.Run("shade", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			band.Shade(export.DefaultCreaseDeg)
		}
		b.ReportMetric(float64(len(band.Tris)), "tris")
	})
}
