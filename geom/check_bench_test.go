package geom

import "testing"

// benchRingTorus is a torus the size of the ring benchmark's comfort band:
// 171 stations × 16 profile points, 2,736 vertices and 5,472 triangles.
func benchRingTorus(b testing.TB) *Mesh { return testTorus(b, 9, 1, 171, 16) }

// BenchmarkCheckTopologyRing is the build report's check of one band:
// CheckWith without the self-intersection test.
func BenchmarkCheckTopologyRing(b *testing.B) {
	m := benchRingTorus(b)
	b.ReportAllocs()
	for b.Loop() {
		if !m.CheckWith(CheckOptions{SkipSelfIntersections: true}).OK() {
			b.Fatal("torus fails Check")
		}
	}
}

// BenchmarkCheckTopologyRingRef is the same check with the reference copy of
// the checker as it was before its fast path, for before/after figures taken
// in the same run.
func BenchmarkCheckTopologyRingRef(b *testing.B) {
	m := benchRingTorus(b)
	b.ReportAllocs()
	for b.Loop() {
		if !(*refCheckMesh)(m).CheckWith(CheckOptions{SkipSelfIntersections: true}).OK() {
			b.Fatal("torus fails Check")
		}
	}
}
