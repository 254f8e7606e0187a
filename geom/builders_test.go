package geom

import (
	"errors"
	"math"
	"testing"
)

// TestSegmentsKeepChord: for any radius and tolerance, the count Segments
// returns keeps every chord's sagitta within the tolerance and every segment
// within the maximum angle, and one segment fewer would not.
func TestSegmentsKeepChord(t *testing.T) {
	for _, r := range []float64{0.05, 0.4, 1, 8.66, 25, 400} {
		for _, c := range []float64{0.0001, 0.001, 0.01, 0.1} {
			tol := Tolerance{ChordMM: c}
			n := tol.Segments(r, 2*math.Pi)
			step := 2 * math.Pi / float64(n)
			if sag := r * (1 - math.Cos(step/2)); sag > c*(1+1e-9) {
				t.Errorf("r %g chord %g: %d segments leave a sagitta of %g", r, c, n, sag)
			}
			if step > tol.MaxAngle()*(1+1e-9) {
				t.Errorf("r %g chord %g: step %g rad over the maximum angle", r, c, step)
			}
			if n > 1 {
				coarser := 2 * math.Pi / float64(n-1)
				if r*(1-math.Cos(coarser/2)) <= c && coarser <= tol.MaxAngle() {
					t.Errorf("r %g chord %g: %d segments would do, got %d", r, c, n-1, n)
				}
			}
		}
	}
	if n := (Tolerance{}).Segments(math.Inf(1), 1); n != 1 {
		t.Errorf("infinite radius: %d segments", n)
	}
	if n := (Tolerance{}).Segments(1e9, 2*math.Pi); n > maxSegments {
		t.Errorf("huge radius: %d segments, over the cap", n)
	}
}

// TestRevolveSphereAndTorus compares revolved solids with closed forms. The
// sphere's vertices lie on the surface, so its volume is below 4/3·πr³ by at
// most the shell the chord error leaves: the middle of a facet lies inside by
// up to the chord tolerance along the meridian plus that along the parallel,
// so the shell is at most 4πr²·2·chord thick.
func TestRevolveSphereAndTorus(t *testing.T) {
	const r, chord = 3.0, 0.01
	tol := Tolerance{ChordMM: chord}
	m := testSphere(t, r, tol)
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	exact := 4.0 / 3 * math.Pi * r * r * r
	if v := m.Volume(); v > exact || exact-v > 4*math.Pi*r*r*2*chord {
		t.Errorf("sphere volume %.4f, exact %.4f, allowed deficit %.4f", v, exact, 4*math.Pi*r*r*2*chord)
	}
	if c := m.Centroid(); c.Len() > 1e-9 {
		t.Errorf("sphere centroid %v, want the origin", c)
	}

	// A torus: a circle of radius a centred at R from the axis.
	const R, a = 8.0, 1.5
	k := tol.Segments(a, 2*math.Pi)
	circle := make([]Vec2, k)
	for i := range circle {
		th := 2 * math.Pi * float64(i) / float64(k)
		circle[i] = Vec2{R + a*math.Cos(th), a * math.Sin(th)}
	}
	m, err := Revolve(circle, tol)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	exact = 2 * math.Pi * math.Pi * R * a * a
	area := 2 * math.Pi * R * 2 * math.Pi * a
	if v := m.Volume(); v > exact || exact-v > area*chord*2 {
		t.Errorf("torus volume %.4f, exact %.4f", v, exact)
	}
	in, out := m.AxisDistance(Vec3{}, Vec3{0, 0, 1})
	if in > R-a+1e-9 || R-a-in > chord*1.01 || out > R+a+1e-9 {
		t.Errorf("torus radii %.5f..%.5f, want %.5f..%.5f within the chord", in, out, R-a, R+a)
	}
}

func TestBuildersRejectBadInput(t *testing.T) {
	sq := []Vec2{{1, 0}, {2, 0}, {2, 1}, {1, 1}}
	cw := []Vec2{{1, 0}, {1, 1}, {2, 1}, {2, 0}}
	nan := []Vec2{{1, 0}, {math.NaN(), 0}, {2, 1}}
	for name, p := range map[string][]Vec2{"clockwise": cw, "nan": nan, "short": sq[:2], "negative r": {{-1, 0}, {2, 0}, {2, 1}}} {
		if _, err := Revolve(p, Tolerance{}); !errors.Is(err, ErrInvalid) {
			t.Errorf("Revolve %s: %v, want ErrInvalid", name, err)
		}
	}
	if _, err := Revolve(sq, Tolerance{ChordMM: MinChordMM, MaxTriangles: 100}); !errors.Is(err, ErrBudget) {
		t.Errorf("Revolve over budget: %v", err)
	}
	frames := []Frame{{X: Vec3{1, 0, 0}, Y: Vec3{0, 1, 0}}}
	if _, err := SweepClosed(frames, [][]Vec2{sq}, Tolerance{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("SweepClosed with one station: %v", err)
	}
}

func TestToleranceValidate(t *testing.T) {
	for _, tol := range []Tolerance{{ChordMM: 1e-9}, {ChordMM: 5}, {ChordMM: math.NaN()}, {MaxAngleDeg: 0.1}, {MaxAngleDeg: 120}, {MaxTriangles: -1}} {
		if err := tol.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", tol, err)
		}
	}
	if err := (Tolerance{}).Validate(); err != nil {
		t.Errorf("zero tolerance: %v", err)
	}
}

// TestAxisDistanceBruteForce compares AxisDistance, which skips triangles by
// their boxes, with the plain minimum over every triangle.
func TestAxisDistanceBruteForce(t *testing.T) {
	tol := Tolerance{ChordMM: 0.05}
	prof := []Vec2{{5, -1}, {7, -1.5}, {8, 0.5}, {6, 2}}
	m, err := Revolve(prof, tol)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []Vec3{{0, 0, 1}, {0, 1, 0}, {1, 2, 3}} {
		origin := Vec3{0.3, -0.2, 0.1}
		lo, hi := m.AxisDistance(origin, dir)
		d := unit(dir)
		e1 := unit(d.Cross(Vec3{1, 0, 0}))
		if e1.Len() < 0.5 || math.Abs(d[0]) > 0.9 {
			e1 = unit(d.Cross(Vec3{0, 1, 0}))
		}
		e2 := d.Cross(e1)
		proj := func(p Vec3) Vec2 { q := p.Sub(origin); return Vec2{q.Dot(e1), q.Dot(e2)} }
		wantLo, wantHi := math.Inf(1), 0.0
		for i := range m.Tris {
			a, b, c := m.Triangle(i)
			wantLo = math.Min(wantLo, originToTriangle2(proj(a), proj(b), proj(c)))
			for _, p := range []Vec3{a, b, c} {
				wantHi = math.Max(wantHi, proj(p).Len())
			}
		}
		if math.Abs(lo-wantLo) > 1e-12 || math.Abs(hi-wantHi) > 1e-12 {
			t.Errorf("dir %v: got %.12f..%.12f, brute force %.12f..%.12f", dir, lo, hi, wantLo, wantHi)
		}
	}
}
