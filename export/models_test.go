package export

import (
	"math"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// Torus ring of the tools' fixtures: 21 mm across, 16 mm inside, a 2.5 mm
// round band (REFERENCE fixture: volume 2π²·R·r² = 284.6 mm³ before tessellation).
const (
	ringMajorMM = 9.25 // centre of the band's cross-section, mm
	ringMinorMM = 1.25 // band radius, mm
)

// diamond is a gem material as package gem will supply it (REFERENCE.md §3:
// SG 3.52, RI 2.42, glTF dispersion 20/55 = 0.36).
var diamond = geom.Material{
	Name: "diamond", Kind: geom.KindGem, DensityGCM3: 3.52,
	BaseColor: [3]float64{1, 1, 1}, Roughness: 0, IOR: 2.42, Transmission: 1, Dispersion: 0.36,
}

// torusRing returns a round band revolved about Z and turned so the finger
// axis is Y and the top of the ring is +Z (DESIGN.md origins).
func torusRing(t testing.TB, tol geom.Tolerance) *geom.Mesh {
	t.Helper()
	n := tol.Segments(ringMinorMM, 2*math.Pi)
	prof := make([]geom.Vec2, n)
	for i := range prof {
		s, c := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		prof[i] = geom.Vec2{ringMajorMM + ringMinorMM*c, ringMinorMM * s}
	}
	m, err := geom.Revolve(prof, tol)
	if err != nil {
		t.Fatal(err)
	}
	// rotate +90° about X: (x, y, z) → (x, −z, y), a proper rotation.
	m.Transform(func(p geom.Vec3) geom.Vec3 { return geom.Vec3{p[0], -p[2], p[1]} })
	return m
}

// stone returns a round stone 6 mm across (girdle radius 3 mm), table up,
// with its girdle plane at height z mm: a revolved profile that touches the
// axis at the culet and the table, so it is closed without caps.
func stone(t testing.TB, z float64, tol geom.Tolerance) *geom.Mesh {
	t.Helper()
	prof := []geom.Vec2{{0, -1.8}, {3, 0}, {3, 0.1}, {1.7, 0.9}, {0, 0.9}}
	m, err := geom.Revolve(prof, tol)
	if err != nil {
		t.Fatal(err)
	}
	m.Translate(geom.Vec3{0, 0, z})
	return m
}

// ringWithStone is a ring whose stone sits clear above the band (so the two
// shells neither touch nor overlap) at the top, +Z.
func ringWithStone(t testing.TB) *geom.Model {
	t.Helper()
	gold, err := geom.Metal("18k-yellow")
	if err != nil {
		t.Fatal(err)
	}
	var tol geom.Tolerance
	m := &geom.Model{}
	m.Add("band", gold, torusRing(t, tol))
	m.Add("stone-0", diamond, stone(t, ringMajorMM+ringMinorMM+2, tol))
	for _, p := range m.Parts {
		mustSolid(t, p.Name, p.Mesh)
	}
	return m
}

// box returns an axis-aligned box from lo to hi, outward.
func box(lo, hi geom.Vec3) *geom.Mesh {
	m := geom.NewMesh(8, 12)
	for i := 0; i < 8; i++ {
		p := lo
		if i&1 != 0 {
			p[0] = hi[0]
		}
		if i&2 != 0 {
			p[1] = hi[1]
		}
		if i&4 != 0 {
			p[2] = hi[2]
		}
		m.AddVert(p)
	}
	for _, q := range [][4]uint32{{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}} {
		m.AddQuad(q[0], q[1], q[2], q[3])
	}
	return m
}

// mustSolid fails the test unless the mesh is a valid closed solid.
func mustSolid(t testing.TB, what string, m *geom.Mesh) {
	t.Helper()
	if err := m.Check().Err(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// float32VolumeTol bounds how much rounding every coordinate to float32 can
// change a closed mesh's volume: each vertex moves by at most
// √3·|p|max·2⁻²⁴, and the volume by at most the area times that distance.
func float32VolumeTol(m *geom.Mesh) float64 {
	b := m.Bounds()
	pmax := math.Max(b.Min.Len(), b.Max.Len())
	return m.Area() * math.Sqrt(3) * pmax * math.Ldexp(1, -24)
}

// modelOf wraps a mesh as a one-part metal model.
func modelOf(m *geom.Mesh) *geom.Model {
	gold, _ := geom.Metal("18k-yellow")
	return &geom.Model{Parts: []geom.Part{{Name: "part", Material: gold, Mesh: m}}}
}
