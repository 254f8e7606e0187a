package geom

import (
	"math"
	"math/rand/v2"
	"testing"
)

// testBand sweeps a comfort-like band about the Y axis as ring.Params.Band
// does: n stations, a profile of 38 points 2.5 mm wide and 1.8 mm thick,
// domed 0.45 mm inside and 0.54 mm outside, its inner apex at radius r. The
// stations are circumscribed (radii scaled by 1/cos(π/n)), so the middle of
// every chord between the apexes of two stations lies at r: the band's
// distance from the Y axis is r. It has 2·38·n triangles (5,472 for n = 72,
// the size of the US 7 comfort band at the default tolerance).
func testBand(t testing.TB, r float64, n int) *Mesh {
	const w, th, din, dout = 2.5, 1.8, 0.45, 0.54
	var prof []Vec2
	for i := 0; i < 16; i++ { // inside, x rising: y = din·(2x/w)²
		x := -w/2 + w*float64(i)/16
		prof = append(prof, Vec2{x, din * (2 * x / w) * (2 * x / w)})
	}
	for i := 0; i < 3; i++ { // right side, rising
		prof = append(prof, Vec2{w / 2, din + (th-dout-din)*float64(i)/3})
	}
	for i := 0; i < 16; i++ { // outside, x falling
		x := w/2 - w*float64(i)/16
		prof = append(prof, Vec2{x, th - dout*(2*x/w)*(2*x/w)})
	}
	for i := 0; i < 3; i++ { // left side, falling
		prof = append(prof, Vec2{-w / 2, th - dout - (th-dout-din)*float64(i)/3})
	}
	k := 1 / math.Cos(math.Pi/float64(n))
	frames := make([]Frame, n)
	profs := make([][]Vec2, n)
	placed := make([]Vec2, len(prof))
	for j, q := range prof {
		placed[j] = Vec2{q[0], (r + q[1]) * k}
	}
	for i := range frames {
		s, c := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		frames[i] = Frame{X: Vec3{0, 1, 0}, Y: Vec3{s, 0, c}}
		profs[i] = placed
	}
	m, err := SweepClosed(frames, profs, Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// lineTriangleDistance is a reference for AxisDistance written another way:
// the distance in mm between the line o + s·d (d of length 1) and the 3D
// triangle abc, 0 when a ray-triangle test (Möller–Trumbore) finds the line
// through the triangle, else the least distance between the line and an edge.
func lineTriangleDistance(o, d, a, b, c Vec3) float64 {
	e1, e2 := b.Sub(a), c.Sub(a)
	p := d.Cross(e2)
	if det := e1.Dot(p); math.Abs(det) > 1e-12*e1.Len()*e2.Len() {
		tv := o.Sub(a)
		u := tv.Dot(p) / det
		v := d.Dot(tv.Cross(e1)) / det
		if u >= 0 && v >= 0 && u+v <= 1 {
			return 0
		}
	}
	// perp is the part of p − o across the line.
	perp := func(p Vec3) Vec3 { q := p.Sub(o); return q.Sub(d.Mul(q.Dot(d))) }
	best := math.Inf(1)
	for _, e := range [][2]Vec3{{a, b}, {b, c}, {c, a}} {
		p, q := perp(e[0]), perp(e[1])
		pq := q.Sub(p)
		s := 0.0
		if l2 := pq.LenSqr(); l2 > 0 {
			s = math.Max(0, math.Min(1, -p.Dot(pq)/l2))
		}
		best = math.Min(best, p.Add(pq.Mul(s)).Len())
	}
	return best
}

// axisDistanceReference is AxisDistance by lineTriangleDistance over every
// triangle, and the largest distance of a triangle's corner from the line.
func axisDistanceReference(m *Mesh, origin, dir Vec3) (lo, hi float64) {
	d := unit(dir)
	lo = math.Inf(1)
	for i := range m.Tris {
		a, b, c := m.Triangle(i)
		lo = math.Min(lo, lineTriangleDistance(origin, d, a, b, c))
		for _, p := range []Vec3{a, b, c} {
			q := p.Sub(origin)
			hi = math.Max(hi, q.Sub(d.Mul(q.Dot(d))).Len())
		}
	}
	return lo, hi
}

// randomAxisMesh returns a mesh of 1 to 12 random triangles within 3 mm of
// the origin, with degenerate ones among them (a repeated corner, collinear
// corners, all three at one point) and, with the given chance, one that the
// line origin + s·dir pierces. Its first two vertices belong to no triangle:
// one on the line and one far from it, which AxisDistance must ignore.
func randomAxisMesh(rng *rand.Rand, origin, dir Vec3, pierce float64) *Mesh {
	rnd := func() Vec3 {
		return Vec3{6*rng.Float64() - 3, 6*rng.Float64() - 3, 6*rng.Float64() - 3}
	}
	m := &Mesh{}
	m.AddVert(origin.Add(dir.Mul(0.7)))
	m.AddVert(Vec3{100, -100, 100})
	nt := 1 + rng.IntN(12)
	for range nt {
		a, b, c := rnd(), rnd(), rnd()
		switch rng.IntN(8) {
		case 0:
			c = a
		case 1:
			c = a.Add(b.Sub(a).Mul(rng.Float64()))
		case 2:
			b, c = a, a
		case 3:
			// A segment through the line at P: a and b on either side.
			p, u := origin.Add(dir.Mul(2*rng.Float64()-1)), a.Mul(0.5)
			a, b = p.Add(u.Mul(rng.Float64())), p.Sub(u.Mul(rng.Float64()))
			c = a.Add(b.Sub(a).Mul(rng.Float64()))
		}
		i := m.AddVert(a)
		m.AddVert(b)
		m.AddVert(c)
		m.AddTri(i, i+1, i+2)
	}
	if rng.Float64() < pierce {
		// A triangle round the point origin + s·dir, tilted at random.
		// The corners lie round the centre's trace in the plane across dir,
		// then move along dir.
		centre := origin.Add(dir.Mul(4*rng.Float64() - 2))
		e1 := unit(dir.Cross(Vec3{0.3, 0.5, 0.8}))
		e2 := dir.Cross(e1)
		i := uint32(len(m.Verts))
		for k := 0; k < 3; k++ {
			th := 2*math.Pi*float64(k)/3 + rng.Float64()
			r := 0.2 + rng.Float64()
			m.AddVert(centre.Add(e1.Mul(r * math.Cos(th))).Add(e2.Mul(r * math.Sin(th))).Add(dir.Mul(rng.Float64() - 0.5)))
		}
		m.AddTri(i, i+1, i+2)
	}
	// Shuffle the triangles so that the pierced one is not always last.
	rng.Shuffle(len(m.Tris), func(i, j int) { m.Tris[i], m.Tris[j] = m.Tris[j], m.Tris[i] })
	return m
}

// TestAxisDistanceRandomTriangles compares AxisDistance with the 3D
// reference on random meshes, lines in random and axis-aligned directions
// (including near X, where the plane's basis changes), lines through
// triangles, and degenerate triangles.
func TestAxisDistanceRandomTriangles(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	dirs := []Vec3{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, -2}, {1, 0.1, -0.2}, {-3, 1, 0.5}}
	pierced, degenerate := 0, 0
	for it := 0; it < 4000; it++ {
		dir := dirs[it%len(dirs)]
		if it%2 == 1 {
			dir = Vec3{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		}
		origin := Vec3{rng.Float64() - 0.5, rng.Float64() - 0.5, rng.Float64() - 0.5}
		m := randomAxisMesh(rng, origin, unit(dir), 0.3)
		lo, hi := m.AxisDistance(origin, dir)
		wantLo, wantHi := axisDistanceReference(m, origin, dir)
		if wantLo == 0 {
			pierced++
		}
		for i := range m.Tris {
			a, b, c := m.Triangle(i)
			if b.Sub(a).Cross(c.Sub(a)) == (Vec3{}) {
				degenerate++
				break
			}
		}
		if math.Abs(lo-wantLo) > 1e-12 || math.Abs(hi-wantHi) > 1e-12 {
			t.Fatalf("case %d: dir %v origin %v: got %.15g..%.15g, reference %.15g..%.15g\n%v\n%v",
				it, dir, origin, lo, hi, wantLo, wantHi, m.Verts, m.Tris)
		}
	}
	// The cases must include lines through triangles and degenerate ones.
	if pierced < 500 || degenerate < 2000 {
		t.Errorf("%d of 4000 cases pierced, %d with a degenerate triangle: too few", pierced, degenerate)
	}
}

// TestAxisDistanceBand measures the swept band: its distance from the finger
// axis is the radius its chords' middles lie at, its largest the outer apex,
// and both match the reference over every triangle.
func TestAxisDistanceBand(t *testing.T) {
	const r, n = 8.69, 72
	m := testBand(t, r, n)
	if len(m.Tris) != 5472 {
		t.Fatalf("band has %d triangles, want 5472", len(m.Tris))
	}
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	k := 1 / math.Cos(math.Pi/n)
	for _, c := range []struct{ origin, dir Vec3 }{
		{Vec3{}, Vec3{0, 1, 0}},
		{Vec3{}, Vec3{0, -3, 0}},
		{Vec3{0.2, 0, -0.1}, Vec3{0.05, 1, 0.02}},
	} {
		lo, hi := m.AxisDistance(c.origin, c.dir)
		wantLo, wantHi := axisDistanceReference(m, c.origin, c.dir)
		if math.Abs(lo-wantLo) > 1e-12 || math.Abs(hi-wantHi) > 1e-12 {
			t.Errorf("%v along %v: %.15f..%.15f, reference %.15f..%.15f", c.origin, c.dir, lo, hi, wantLo, wantHi)
		}
		if c.origin == (Vec3{}) && (math.Abs(lo-r) > 1e-12 || math.Abs(hi-(r+1.8)*k) > 1e-12) {
			t.Errorf("along %v: %.15f..%.15f, want %.15f..%.15f", c.dir, lo, hi, r, (r+1.8)*k)
		}
	}
	// A line through the band's wall: distance 0.
	if lo, _ := m.AxisDistance(Vec3{0, 0, r + 0.9}, Vec3{1, 0.2, 0}); lo != 0 {
		t.Errorf("line through the wall: %g, want 0", lo)
	}
}

func TestAxisDistanceEmpty(t *testing.T) {
	m := testBand(t, 8, 16)
	for _, dir := range []Vec3{{}, {math.NaN(), 0, 1}, {math.Inf(1), 0, 0}} {
		if lo, hi := m.AxisDistance(Vec3{}, dir); lo != 0 || hi != 0 {
			t.Errorf("dir %v: %g..%g, want 0..0", dir, lo, hi)
		}
	}
	if lo, hi := (&Mesh{Verts: []Vec3{{1, 2, 3}}}).AxisDistance(Vec3{}, Vec3{0, 0, 1}); lo != 0 || hi != 0 {
		t.Errorf("mesh without triangles: %g..%g, want 0..0", lo, hi)
	}
}

// BenchmarkAxisDistance measures a ring's inner diameter: the 5,472-triangle
// band about the Y axis, and the same along a tilted line.
func BenchmarkAxisDistance(b *testing.B) {
	m := testBand(b, 8.69, 72)
	for _, c := range []struct {
		name string
		dir  Vec3
	}{{"axis", Vec3{0, 1, 0}}, {"tilted", Vec3{0.05, 1, 0.02}}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m.AxisDistance(Vec3{}, c.dir)
			}
			b.ReportMetric(float64(len(m.Tris)), "tris")
		})
	}
}
