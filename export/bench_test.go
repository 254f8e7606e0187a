package export

import (
	"io"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// benchModel is a ring of about 20,000 triangles: a torus band at a 0.002 mm
// chord (18,032 triangles) and a stone.
func benchModel(b *testing.B) *geom.Model {
	gold, _ := geom.Metal("18k-yellow")
	tol := geom.Tolerance{ChordMM: 0.002}
	m := &geom.Model{}
	m.Add("band", gold, torusRing(b, tol))
	m.Add("stone-0", diamond, stone(b, ringMajorMM+ringMinorMM+2, tol))
	return m
}

func BenchmarkWriteSTL(b *testing.B) {
	m := benchModel(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSTL(io.Discard, m, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(m.Triangles()), "tris")
}

func BenchmarkWriteSTLASCII(b *testing.B) {
	m := benchModel(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSTL(io.Discard, m, &STLOptions{ASCII: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteGLB(b *testing.B) {
	m := benchModel(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteGLB(io.Discard, m, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(m.Triangles()), "tris")
}
