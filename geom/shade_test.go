package geom

import (
	"math"
	"math/rand/v2"
	"testing"
)

// unitTol is how far from 1 a normal's length may be: a normalised float64
// vector is within a few ulps of unit length.
const unitTol = 1e-12

// checkShaded verifies what every Shaded must satisfy against its source:
// unit normals, the same triangles in the same order and winding, and
// normals on the outward side of their triangles.
func checkShaded(t *testing.T, m *Mesh, s *Shaded) {
	t.Helper()
	if len(s.Verts) != len(s.Normals) || len(s.Tris) != len(m.Tris) {
		t.Fatalf("%d verts, %d normals, %d tris (source %d tris)", len(s.Verts), len(s.Normals), len(s.Tris), len(m.Tris))
	}
	for i, n := range s.Normals {
		if math.Abs(n.Len()-1) > unitTol {
			t.Fatalf("normal %d = %v has length %g", i, n, n.Len())
		}
	}
	for i, tr := range s.Tris {
		a, b, c := m.Triangle(i)
		if s.Verts[tr[0]] != a || s.Verts[tr[1]] != b || s.Verts[tr[2]] != c {
			t.Fatalf("triangle %d moved or rewound", i)
		}
		f := unit(b.Sub(a).Cross(c.Sub(a)))
		for _, v := range tr {
			if s.Normals[v].Dot(f) <= 0 {
				t.Fatalf("triangle %d: corner normal %v faces away from %v", i, s.Normals[v], f)
			}
		}
	}
}

func TestShadeCube(t *testing.T) {
	c := testCube(Vec3{}, 2)
	mustOK(t, c)
	// below 90°, every face stays flat: 6 faces × 4 corners.
	s := c.Shade(30)
	checkShaded(t, c, s)
	if len(s.Verts) != 24 {
		t.Errorf("flat cube has %d vertices, want 24", len(s.Verts))
	}
	for i, tr := range s.Tris {
		a, b, cc := c.Triangle(i)
		f := unit(b.Sub(a).Cross(cc.Sub(a)))
		for _, v := range tr {
			if s.Normals[v].Sub(f).Len() > unitTol {
				t.Errorf("triangle %d corner normal %v, face %v", i, s.Normals[v], f)
			}
		}
	}
	// above 90°, every vertex is smooth; each face meets a corner with 90°
	// in total (one triangle, or two of 45°), so the normal is the diagonal.
	s = c.Shade(100)
	checkShaded(t, c, s)
	if len(s.Verts) != 8 {
		t.Errorf("smooth cube has %d vertices, want 8", len(s.Verts))
	}
	for i, n := range s.Normals {
		d := s.Verts[i].Sub(Vec3{1, 1, 1}).Mul(1 / math.Sqrt(3))
		if n.Sub(d).Len() > 1e-12 {
			t.Errorf("vertex %v normal %v, want %v", s.Verts[i], n, d)
		}
	}
}

func TestShadeCylinder(t *testing.T) {
	// a revolved rectangle: a smooth side and two flat caps. With a 45°
	// crease the rim vertices split in two (side and cap), the poles not.
	const r, h = 3.0, 2.0
	m, err := Revolve([]Vec2{{0, 0}, {r, 0}, {r, h}, {0, h}}, Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	mustOK(t, m)
	n := (len(m.Verts) - 2) / 2
	s := m.Shade(45)
	checkShaded(t, m, s)
	if want := 2 + 4*n; len(s.Verts) != want {
		t.Errorf("cylinder shaded to %d vertices, want %d (2 poles, %d rim vertices twice)", len(s.Verts), want, 2*n)
	}
	for i, p := range s.Verts {
		nn := s.Normals[i]
		radial := Vec3{p[0], p[1], 0}.Mul(1 / r)
		onCap := math.Abs(nn[2]) > 0.5
		if onCap && math.Abs(math.Abs(nn[2])-1) > unitTol || !onCap && nn.Sub(radial).Len() > 1e-12 {
			t.Errorf("vertex %v normal %v: want ±Z on caps, radial on the side", p, nn)
		}
	}
}

func TestShadeTorus(t *testing.T) {
	// a smooth torus keeps one vertex per source vertex, and each normal
	// is close to the exact torus normal (the direction from the tube's
	// centre circle). The angle-weighted average is exact only for
	// symmetric fans; quads split along one diagonal bias it by a term of
	// second order in the segment angles. shadeAngleTol bounds that bias
	// well below half a segment angle (0.098 rad here), the error of a flat
	// normal, so the test tells smooth from faceted.
	const R, r = 10.0, 2.0
	const shadeAngleTol = 0.01 // rad; about θ²/4 for θ = 2π/32, measured max 2.0e-3
	m := testTorus(t, R, r, 96, 32)
	s := m.Shade(60)
	checkShaded(t, m, s)
	if len(s.Verts) != len(m.Verts) {
		t.Errorf("smooth torus shaded to %d vertices, source %d", len(s.Verts), len(m.Verts))
	}
	for i, p := range s.Verts {
		c := Vec3{p[0], p[1], 0}
		c = c.Mul(R / c.Len())
		want := p.Sub(c).Mul(1 / r)
		if a := math.Acos(math.Min(1, s.Normals[i].Dot(want))); a > shadeAngleTol {
			t.Fatalf("vertex %v normal %v is %g rad off the torus normal %v", p, s.Normals[i], a, want)
		}
	}
	// determinism: the same input gives the same output, bit for bit.
	s2 := m.Shade(60)
	for i := range s.Normals {
		if s.Normals[i] != s2.Normals[i] || s.Verts[i] != s2.Verts[i] {
			t.Fatal("Shade is not deterministic")
		}
	}
}

func TestShadeBadInput(t *testing.T) {
	m := testCube(Vec3{}, 1)
	m.Tris = append(m.Tris, [3]uint32{0, 1, 50}, [3]uint32{0, 0, 1})
	s := m.Shade(math.NaN())
	if len(s.Tris) != 13 { // the out-of-range triangle is left out
		t.Fatalf("%d triangles, want 13", len(s.Tris))
	}
	for i, n := range s.Normals {
		if math.Abs(n.Len()-1) > unitTol {
			t.Errorf("normal %d = %v is not unit", i, n)
		}
	}
}

// shadeByDefinition is Shade as its documentation states it, without the
// smooth-vertex shortcut: every corner tests every face around its vertex.
// It is the oracle Shade must match bit for bit.
func shadeByDefinition(m *Mesh, creaseDeg float64) *Shaded {
	if !(creaseDeg > 0) {
		creaseDeg = 0
	}
	cosC := math.Cos(math.Min(creaseDeg, 180)*math.Pi/180) - creaseSlack
	nv := len(m.Verts)
	type corner struct{ tri, k int }
	around := make([][]corner, nv)
	fn := make([]Vec3, len(m.Tris))
	ang := make([][3]float64, len(m.Tris))
	ok := make([]bool, len(m.Tris))
	for i, t := range m.Tris {
		if int(t[0]) >= nv || int(t[1]) >= nv || int(t[2]) >= nv {
			continue
		}
		p := [3]Vec3{m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]]}
		if !finite(p[0]) || !finite(p[1]) || !finite(p[2]) {
			continue
		}
		ok[i] = true
		fn[i] = unit(p[1].Sub(p[0]).Cross(p[2].Sub(p[0])))
		_, _, _, ang[i][0], ang[i][1], ang[i][2] = faceNormalAngles(&p[0], &p[1], &p[2])
		for k := range 3 {
			around[t[k]] = append(around[t[k]], corner{i, k})
		}
	}
	s := &Shaded{}
	out := make([][3]uint32, len(m.Tris))
	for v, cs := range around {
		first := len(s.Verts)
		for _, c := range cs {
			own := fn[c.tri]
			var n Vec3
			for _, d := range cs {
				if d == c || own == (Vec3{}) || own.Dot(fn[d.tri]) >= cosC {
					n = n.Add(fn[d.tri].Mul(ang[d.tri][d.k]))
				}
			}
			if n = unit(n); n == (Vec3{}) {
				n = own
			}
			if n == (Vec3{}) {
				n = Vec3{0, 0, 1}
			}
			id := -1
			for j := first; j < len(s.Verts); j++ {
				if s.Normals[j] == n {
					id = j
					break
				}
			}
			if id < 0 {
				id = len(s.Verts)
				s.Verts = append(s.Verts, m.Verts[v])
				s.Normals = append(s.Normals, n)
			}
			out[c.tri][c.k] = uint32(id)
		}
	}
	for i := range m.Tris {
		if ok[i] {
			s.Tris = append(s.Tris, out[i])
		}
	}
	return s
}

// TestShadeMatchesDefinition checks Shade's shortcut for smooth vertices
// against the pairwise definition, bit for bit, at crease angles around the
// angles between the faces: a faceted torus (11.25° and 22.5° between
// neighbours), a jittered one (near-boundary pairs), a cube with degenerate
// and out-of-range triangles, and a cylinder.
func TestShadeMatchesDefinition(t *testing.T) {
	jitter := testTorus(t, 10, 2, 32, 16)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range jitter.Verts {
		for k := range 3 {
			jitter.Verts[i][k] += 0.05 * (rng.Float64() - 0.5)
		}
	}
	bad := testCube(Vec3{}, 1)
	bad.Tris = append(bad.Tris, [3]uint32{0, 1, 50}, [3]uint32{0, 0, 1}, [3]uint32{2, 2, 2})
	bad.Verts[7] = Vec3{math.Inf(1), 0, 0}
	cyl, err := Revolve([]Vec2{{0, 0}, {3, 0}, {3, 2}, {0, 2}}, Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	meshes := map[string]*Mesh{
		"torus": testTorus(t, 10, 2, 32, 16), "jittered torus": jitter,
		"bad cube": bad, "cylinder": cyl,
	}
	for _, name := range []string{"torus", "jittered torus", "bad cube", "cylinder"} {
		m := meshes[name]
		for _, c := range []float64{0, 5, 11.25, 15, 22.5, 30, 44.9, 45, 60, 90, 120, 179, 180} {
			got, want := m.Shade(c), shadeByDefinition(m, c)
			if len(got.Verts) != len(want.Verts) || len(got.Tris) != len(want.Tris) {
				t.Fatalf("%s at %g°: %d verts %d tris, definition %d verts %d tris",
					name, c, len(got.Verts), len(got.Tris), len(want.Verts), len(want.Tris))
			}
			for i := range got.Verts {
				if got.Verts[i] != want.Verts[i] || got.Normals[i] != want.Normals[i] {
					t.Fatalf("%s at %g°: vertex %d %v normal %v, definition %v normal %v",
						name, c, i, got.Verts[i], got.Normals[i], want.Verts[i], want.Normals[i])
				}
			}
			for i := range got.Tris {
				if got.Tris[i] != want.Tris[i] {
					t.Fatalf("%s at %g°: triangle %d %v, definition %v", name, c, i, got.Tris[i], want.Tris[i])
				}
			}
		}
	}
}

func BenchmarkShade100k(b *testing.B) {
	m := benchTorus(b)
	for b.Loop() {
		m.Shade(30)
	}
}

// TestCornerNormalsMatchShade: CornerNormals gives each corner of each source
// triangle Shade's normal, and zeros for a triangle Shade leaves out.
func TestCornerNormalsMatchShade(t *testing.T) {
	bad := testCube(Vec3{}, 1)
	bad.Tris = append(bad.Tris, [3]uint32{0, 1, 50}, [3]uint32{0, 0, 1})
	bad.Tris = append([][3]uint32{{0, 1, 60}}, bad.Tris...) // a bad one first shifts Shade's output
	for name, m := range map[string]*Mesh{"torus": testTorus(t, 10, 2, 32, 16), "bad cube": bad} {
		for _, c := range []float64{0, 30, 35, 180} {
			s := m.Shade(c)
			cn := m.CornerNormals(c)
			if len(cn) != len(m.Tris) {
				t.Fatalf("%s: %d corner triples for %d triangles", name, len(cn), len(m.Tris))
			}
			k := 0
			for i, tr := range m.Tris {
				if int(tr[0]) >= len(m.Verts) || int(tr[1]) >= len(m.Verts) || int(tr[2]) >= len(m.Verts) {
					if cn[i] != ([3]Vec3{}) {
						t.Fatalf("%s at %g°: left-out triangle %d has normals %v", name, c, i, cn[i])
					}
					continue
				}
				st := s.Tris[k]
				k++
				for j := range 3 {
					if cn[i][j] != s.Normals[st[j]] {
						t.Fatalf("%s at %g°: triangle %d corner %d %v, Shade %v", name, c, i, j, cn[i][j], s.Normals[st[j]])
					}
				}
			}
			if k != len(s.Tris) {
				t.Fatalf("%s at %g°: matched %d of Shade's %d triangles", name, c, k, len(s.Tris))
			}
		}
	}
}

// TestFaceNormalAngles: each corner angle within 1e-11 rad (plus the
// rounding of the area) of math.Atan2(|e1 × e2|, e1 · e2), on random, sliver
// and needle triangles,
// and the normal is mgl64's to the bit.
func TestFaceNormalAngles(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	rv := func(s float64) Vec3 { return Vec3{s * rng.NormFloat64(), s * rng.NormFloat64(), s * rng.NormFloat64()} }
	for trial := range 20000 {
		a, b, c := rv(10), rv(10), rv(10)
		switch trial % 4 {
		case 1: // sliver: c near the segment ab
			c = a.Add(b.Sub(a).Mul(rng.Float64())).Add(rv(1e-6))
		case 2: // needle: b and c near each other
			c = b.Add(rv(1e-5))
		case 3: // far from the origin
			o := rv(1e4)
			a, b, c = a.Add(o), b.Add(o), c.Add(o)
		}
		nx, ny, nz, w0, w1, w2 := faceNormalAngles(&a, &b, &c)
		n, ang := Vec3{nx, ny, nz}, [3]float64{w0, w1, w2}
		p := [3]Vec3{a, b, c}
		for k := range 3 {
			e1, e2 := p[(k+1)%3].Sub(p[k]), p[(k+2)%3].Sub(p[k])
			want := math.Atan2(e1.Cross(e2).Len(), e1.Dot(e2))
			// |e1 × e2| comes from corner a's edges: its rounding,
			// relative 2⁻⁵²·(longest edge)²/(twice the area), carries into
			// the other corners' angles.
			l2 := max(b.Sub(a).LenSqr(), c.Sub(a).LenSqr(), c.Sub(b).LenSqr())
			tol := 1e-11 + 4e-16*l2/b.Sub(a).Cross(c.Sub(a)).Len()
			if d := math.Abs(ang[k] - want); !(d <= tol) {
				t.Fatalf("trial %d corner %d: angle %.17g, atan2 %.17g", trial, k, ang[k], want)
			}
		}
		if wantN := unit(b.Sub(a).Cross(c.Sub(a))); n != wantN {
			t.Fatalf("trial %d: normal %v, mgl64 %v", trial, n, wantN)
		}
	}
}

// TestAtan2Upper checks Shade's corner angle against math.Atan2 over the
// upper half-plane, at the octant boundaries of its reduction, at magnitudes
// from 1e-300 to 1e300, and at the special values.
func TestAtan2Upper(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	check := func(y, x float64) {
		t.Helper()
		got, want := atan2Upper(y, x), math.Atan2(y, x)
		if !(math.Abs(got-want) <= 1e-11) {
			t.Fatalf("atan2Upper(%g, %g) = %.17g, math.Atan2 %.17g", y, x, got, want)
		}
	}
	for range 200000 {
		a := math.Pi * rng.Float64()
		r := math.Pow(10, 600*rng.Float64()-300)
		check(r*math.Sin(a), r*math.Cos(a))
	}
	for _, a := range []float64{0, math.Pi / 8, math.Pi / 4, 3 * math.Pi / 8, math.Pi / 2, 5 * math.Pi / 8, 3 * math.Pi / 4, 7 * math.Pi / 8, math.Pi} {
		for _, d := range []float64{-1e-15, 0, 1e-15} {
			check(math.Abs(math.Sin(a+d)), math.Cos(a+d))
		}
	}
	check(0, 1)
	check(0, -1)
	check(1, 0)
	check(math.Inf(1), 5)
	check(math.Inf(1), -5)
	if got := atan2Upper(0, 0); got != 0 {
		t.Errorf("atan2Upper(0, 0) = %g, want 0", got)
	}
	if got := atan2Upper(math.NaN(), 1); !math.IsNaN(got) {
		t.Errorf("atan2Upper(NaN, 1) = %g, want NaN", got)
	}
}
