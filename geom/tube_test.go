package geom

import (
	"errors"
	"math"
	"testing"
)

// sectionArea is the area of the k-gon inscribed in a circle of radius r,
// the cross-section Tube uses.
func sectionArea(k int, r float64) float64 {
	return float64(k) / 2 * r * r * math.Sin(2*math.Pi/float64(k))
}

func pathLength(p []Vec3, closed bool) float64 {
	var l float64
	for i := 0; i+1 < len(p); i++ {
		l += p[i+1].Sub(p[i]).Len()
	}
	if closed {
		l += p[0].Sub(p[len(p)-1]).Len()
	}
	return l
}

func TestTubeTorus(t *testing.T) {
	// A torus: wire radius r on a circle of radius R. Its exact volume is
	// 2π²Rr²; the mesh is inscribed, so it is smaller, by at most the exact
	// surface area (4π²Rr) times the chord error of the section plus that of
	// the path on the tube's outer side (2c).
	const R, r = 5.0, 0.8
	for _, c := range []float64{0.01, 0.05} {
		tol := Tolerance{ChordMM: c}
		path, err := EllipsePath(R, R, r, tol)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Tube(path, true, r, tol)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Check().Err(); err != nil {
			t.Fatalf("chord %g: %v", c, err)
		}
		exact := 2 * math.Pi * math.Pi * R * r * r
		v := m.Volume()
		if !(v < exact) || exact-v > 4*math.Pi*math.Pi*R*r*2*c {
			t.Fatalf("chord %g: volume %.6f mm³, exact %.6f, allowed shortfall %.6f", c, v, exact, 4*math.Pi*math.Pi*R*r*2*c)
		}
		// A mitred polygonal tube is exactly section area × centreline length.
		k := tol.Segments(r, 2*math.Pi)
		if want := sectionArea(k, r) * pathLength(path, true); !near(v, want, 1e-9) {
			t.Fatalf("chord %g: volume %.12g, section × length %.12g", c, v, want)
		}
		// Surface accuracy: every vertex is within the chord tolerance of
		// the exact torus. Path vertices sit on the centre circle; the mitre
		// stretches the section across the bend by r(1/cos(θ/2) − 1) ≈
		// r·c/(R+r) < c outward, and the chords of the path cut inside.
		for _, p := range m.Verts {
			d := math.Hypot(math.Hypot(p[0], p[1])-R, p[2])
			if d > r+c || d < r-2*c {
				t.Fatalf("vertex %v is %g mm from the centre circle, wire radius %g", p, d, r)
			}
		}
	}
}

func TestTubeStadiumLink(t *testing.T) {
	// An oval chain link: 6 × 4 mm centreline, 0.5 mm wire radius.
	tol := Tolerance{}
	path, err := StadiumPath(6, 4, 0.5, tol)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Tube(path, true, 0.5, tol)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	b := m.Bounds().Size()
	if math.Abs(b[0]-7) > 2*DefaultChordMM || math.Abs(b[1]-5) > 2*DefaultChordMM || math.Abs(b[2]-1) > 2*DefaultChordMM {
		t.Fatalf("link measures %v, want 7 × 5 × 1 mm", b)
	}
	// Exact: π r² × (2·2 + 2π·2) for the stadium's centreline.
	exact := math.Pi * 0.25 * (4 + 4*math.Pi)
	area := 2*math.Pi*0.5*(4+4*math.Pi) + 0
	if v := m.Volume(); !(v < exact) || exact-v > area*2*DefaultChordMM {
		t.Fatalf("volume %.6f, exact %.6f", v, exact)
	}
}

func TestTubeHelixOpen(t *testing.T) {
	// Three turns of a helix (radius 3, pitch 2), wire radius 0.4, capped.
	const R, pitch, r = 3.0, 2.0, 0.4
	tol := Tolerance{}
	n := 3 * tol.Segments(R+r, 2*math.Pi)
	var path []Vec3
	for i := 0; i <= n; i++ {
		th := 6 * math.Pi * float64(i) / float64(n)
		path = append(path, Vec3{R * math.Cos(th), R * math.Sin(th), pitch * th / (2 * math.Pi)})
	}
	m, err := Tube(path, false, r, tol)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	// Volume: π r² × helix length, within the chord error bound.
	length := 3 * math.Hypot(2*math.Pi*R, pitch)
	exact := math.Pi * r * r * length
	area := 2 * math.Pi * r * length
	if v := m.Volume(); math.Abs(v-exact) > area*2*DefaultChordMM {
		t.Fatalf("volume %.6f, want %.6f ± %.6f", v, exact, area*2*DefaultChordMM)
	}
	// The caps are flat and face along the path: the first cap's vertices
	// lie in the plane through path[0] across the tangent.
	d := unit(path[1].Sub(path[0]))
	k := tol.Segments(r, 2*math.Pi)
	for j := 0; j < k; j++ {
		if off := m.Verts[j].Sub(path[0]).Dot(d); math.Abs(off) > 1e-12 {
			t.Fatalf("first cap vertex %d is %g mm off its plane", j, off)
		}
	}
}

func TestTubeCorner(t *testing.T) {
	// An L-shaped prong wire with a 90° corner: the mitre keeps both legs
	// full thickness, so the volume is section × centreline length.
	path := []Vec3{{0, 0, 0}, {0, 0, 5}, {3, 0, 5}}
	tol := Tolerance{}
	m, err := Tube(path, false, 0.3, tol)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	k := tol.Segments(0.3, 2*math.Pi)
	if v, want := m.Volume(), sectionArea(k, 0.3)*8; !near(v, want, 1e-9) {
		t.Fatalf("volume %.12g, want section × 8 mm = %.12g", v, want)
	}
}

func TestTubeDeterministic(t *testing.T) {
	path, _ := EllipsePath(2, 1.5, 0.4, Tolerance{})
	a, _ := Tube(path, true, 0.4, Tolerance{})
	b, _ := Tube(path, true, 0.4, Tolerance{})
	if len(a.Verts) != len(b.Verts) || len(a.Tris) != len(b.Tris) {
		t.Fatal("two runs differ in size")
	}
	for i := range a.Verts {
		if a.Verts[i] != b.Verts[i] {
			t.Fatalf("vertex %d differs between runs", i)
		}
	}
}

func TestTubeErrors(t *testing.T) {
	line := []Vec3{{0, 0, 0}, {1, 0, 0}}
	cases := []struct {
		name   string
		path   []Vec3
		closed bool
		r      float64
		want   error
	}{
		{"zero radius", line, false, 0, ErrInvalid},
		{"NaN radius", line, false, math.NaN(), ErrInvalid},
		{"one point", line[:1], false, 1, ErrInvalid},
		{"repeated point only", []Vec3{{1, 1, 1}, {1, 1, 1}}, false, 1, ErrInvalid},
		{"closed with two points", line, true, 1, ErrInvalid},
		{"non-finite", []Vec3{{0, 0, 0}, {math.Inf(1), 0, 0}}, false, 1, ErrInvalid},
		{"turns back", []Vec3{{0, 0, 0}, {1, 0, 0}, {0, 0.01, 0}}, false, 0.1, ErrInvalid},
	}
	for _, tc := range cases {
		if _, err := Tube(tc.path, tc.closed, tc.r, Tolerance{}); !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := Tube(line, false, 1, Tolerance{MaxTriangles: 10}); !errors.Is(err, ErrBudget) {
		t.Errorf("budget: err %v, want ErrBudget", err)
	}
	if _, err := EllipsePath(0, 1, 0, Tolerance{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("ellipse with zero axis: err %v", err)
	}
	if _, err := StadiumPath(3, 4, 0, Tolerance{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("stadium shorter than wide: err %v", err)
	}
}

func BenchmarkTubeChain110(b *testing.B) {
	// 110 oval links of 0.8 mm wire (a 45 cm cable chain of 4 × 3 mm links)
	// at the default tolerance.
	tol := Tolerance{}
	for i := 0; i < b.N; i++ {
		tris := 0
		for l := 0; l < 110; l++ {
			path, err := EllipsePath(2, 1.5, 0.4, tol)
			if err != nil {
				b.Fatal(err)
			}
			m, err := Tube(path, true, 0.4, tol)
			if err != nil {
				b.Fatal(err)
			}
			tris += len(m.Tris)
		}
		b.ReportMetric(float64(tris), "tris")
	}
}

func TestTubeClosedNonPlanar(t *testing.T) {
	// A trefoil (the (2, 3) torus knot): its rotation-minimizing frames come
	// back twisted, and the twist is spread along the loop so it closes. The
	// tube must be a valid solid of volume ≈ π r² × length.
	const R, a, r = 4.0, 1.5, 0.4
	n := 1200
	path := make([]Vec3, n)
	for i := range path {
		th := 2 * math.Pi * float64(i) / float64(n)
		s := R + a*math.Cos(3*th)
		path[i] = Vec3{s * math.Cos(2*th), s * math.Sin(2*th), a * math.Sin(3*th)}
	}
	m, err := Tube(path, true, r, Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	// No seam: the section turns between neighbouring stations by about the
	// same small angle everywhere, the closing pair included.
	k := Tolerance{}.Segments(r, 2*math.Pi)
	dirAt := func(i int) Vec3 { return unit(m.Verts[(i%n)*k].Sub(path[i%n])) }
	maxStep := 0.0
	for i := 0; i < n; i++ {
		maxStep = math.Max(maxStep, math.Acos(math.Min(1, dirAt(i).Dot(dirAt(i+1)))))
	}
	maxTurn := 0.0
	for i := 0; i < n; i++ {
		d0, d1 := unit(path[(i+1)%n].Sub(path[i])), unit(path[(i+2)%n].Sub(path[(i+1)%n]))
		maxTurn = math.Max(maxTurn, math.Acos(math.Min(1, d0.Dot(d1))))
	}
	if maxStep > 2*maxTurn {
		t.Fatalf("the section turns by up to %.2f° between stations; the path by at most %.2f°", maxStep*180/math.Pi, maxTurn*180/math.Pi)
	}
	L := pathLength(path, true)
	if v, want := m.Volume(), math.Pi*r*r*L; math.Abs(v-want) > 2*math.Pi*r*L*2*DefaultChordMM {
		t.Fatalf("volume %.6f, want %.6f", v, want)
	}
}
