package render

import (
	"math"
	"testing"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// Test scenes built from the kernel's own builders. Every mesh is checked.

func checkMesh(t testing.TB, what string, m *geom.Mesh) {
	t.Helper()
	if err := m.CheckWith(geom.CheckOptions{SkipSelfIntersections: len(m.Tris) > 20000}).Err(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// sphereMesh is a revolved semicircle of radius r (mm) centred at c.
func sphereMesh(t testing.TB, r float64, c geom.Vec3, tol geom.Tolerance) *geom.Mesh {
	t.Helper()
	n := tol.Segments(r, math.Pi)
	prof := []geom.Vec2{{0, -r}}
	for i := 1; i < n; i++ {
		a := -math.Pi/2 + math.Pi*float64(i)/float64(n)
		prof = append(prof, geom.Vec2{r * math.Cos(a), r * math.Sin(a)})
	}
	prof = append(prof, geom.Vec2{0, r})
	m, err := geom.Revolve(prof, tol)
	if err != nil {
		t.Fatal(err)
	}
	m.Translate(c)
	checkMesh(t, "sphere", m)
	return m
}

// bandMesh is a comfort-fit band around the Y axis: inner radius ri (mm),
// width w along Y, thickness th, a superellipse profile (exponent 3) swept
// through stations stations with k profile points.
func bandMesh(t testing.TB, ri, w, th float64, stations, k int) *geom.Mesh {
	t.Helper()
	prof := make([]geom.Vec2, k)
	for i := range prof {
		phi := 2 * math.Pi * float64(i) / float64(k)
		c, s := math.Cos(phi), math.Sin(phi)
		x := th/2 + th/2*math.Copysign(math.Pow(math.Abs(c), 2.0/3), c)
		y := w / 2 * math.Copysign(math.Pow(math.Abs(s), 2.0/3), s)
		prof[i] = geom.Vec2{x, y}
	}
	frames := make([]geom.Frame, stations)
	profs := make([][]geom.Vec2, stations)
	for i := range frames {
		a := 2 * math.Pi * float64(i) / float64(stations)
		rho := geom.Vec3{math.Cos(a), 0, math.Sin(a)}
		frames[i] = geom.Frame{Origin: rho.Mul(ri), X: rho, Y: geom.Vec3{0, 1, 0}}
		profs[i] = prof
	}
	m, err := geom.SweepClosed(frames, profs, geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	checkMesh(t, "band", m)
	return m
}

// brilliantMesh is a round brilliant-like stone of girdle diameter d (mm),
// table up, girdle centre at c: a revolved profile with 16 facets around
// (table 53 %, crown 16 %, girdle 3 %, pavilion 43 %).
func brilliantMesh(t testing.TB, d float64, c geom.Vec3) *geom.Mesh {
	t.Helper()
	r := d / 2
	// Convex: the pavilion steepens and the crown flattens toward the axis.
	prof := []geom.Vec2{{0, -0.43 * d}, {r * 0.5, -0.2425 * d}, {r, -0.015 * d}, {r, 0.015 * d}, {0.75 * r, 0.10875 * d}, {0.53 * r, 0.175 * d}, {0, 0.175 * d}}
	m, err := geom.Revolve(prof, geom.Tolerance{ChordMM: 1, MaxAngleDeg: 22.5})
	if err != nil {
		t.Fatal(err)
	}
	m.Translate(c)
	checkMesh(t, "brilliant", m)
	return m
}

// rodMesh is a rod of radius r from a to b with a round tip at b.
func rodMesh(t testing.TB, r float64, a, b geom.Vec3) *geom.Mesh {
	t.Helper()
	l := b.Sub(a).Len()
	prof := []geom.Vec2{{0, 0}, {r, 0}}
	for i := 0; i <= 8; i++ {
		ang := math.Pi / 2 * float64(i) / 8
		prof = append(prof, geom.Vec2{r * math.Cos(ang), l + r*math.Sin(ang)*0.6})
	}
	prof[len(prof)-1][0] = 0
	m, err := geom.Revolve(prof, geom.Tolerance{ChordMM: 0.005})
	if err != nil {
		t.Fatal(err)
	}
	z := b.Sub(a).Normalize()
	x := geom.Vec3{1, 0, 0}
	if math.Abs(z[0]) > 0.9 {
		x = geom.Vec3{0, 1, 0}
	}
	x = x.Sub(z.Mul(x.Dot(z))).Normalize()
	y := z.Cross(x)
	m.Transform(func(p geom.Vec3) geom.Vec3 { return a.Add(x.Mul(p[0])).Add(y.Mul(p[1])).Add(z.Mul(p[2])) })
	checkMesh(t, "rod", m)
	return m
}

func metal(t testing.TB, name string) geom.Material {
	m, err := geom.Metal(name)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// diamond is the optical material of a colourless diamond.
var diamond = geom.Material{Name: "diamond", Kind: geom.KindGem, DensityGCM3: 3.52, BaseColor: [3]float64{1, 1, 1},
	IOR: 2.417, Transmission: 1, Dispersion: 0.36}

// goldBand is a US 7 comfort band of 18k yellow gold, 4 mm × 1.8 mm, with
// about 60,000 triangles.
func goldBand(t testing.TB) *geom.Model {
	m := &geom.Model{}
	m.Add("band", metal(t, "18k-yellow"), bandMesh(t, 8.66, 4, 1.8, 470, 64))
	return m
}

// solitaire is a six-prong diamond solitaire on a thin gold band.
func solitaire(t testing.TB) *geom.Model {
	m := &geom.Model{}
	gold := metal(t, "18k-yellow")
	m.Add("band", gold, bandMesh(t, 8.66, 2.2, 1.6, 360, 40))
	d := 6.5
	zg := 8.66 + 1.6 + 2.6
	m.Add("stone-0", diamond, roundBrilliant(t, d, geom.Vec3{0, 0, zg}))
	for i := 0; i < 6; i++ {
		a := 2*math.Pi*float64(i)/6 + math.Pi/6
		dir := geom.Vec3{math.Cos(a), math.Sin(a), 0}
		base := dir.Mul(1.2).Add(geom.Vec3{0, 0, 8.66 + 1.2})
		top := dir.Mul(d/2 + 0.25).Add(geom.Vec3{0, 0, zg + 0.5})
		m.Add("prong", gold, rodMesh(t, 0.42, base, top))
	}
	return m
}

// pendant is a domed silver disc, its face toward −Y, with a round bail.
func pendant(t testing.TB) *geom.Model {
	r := 9.0
	var prof []geom.Vec2
	prof = append(prof, geom.Vec2{0, -0.8})
	for i := 0; i <= 16; i++ {
		a := -math.Pi/2 + math.Pi*float64(i)/16
		prof = append(prof, geom.Vec2{r + 0.8*math.Cos(a), 0.8 * math.Sin(a)})
	}
	for i := 1; i <= 24; i++ {
		x := r * (1 - float64(i)/24)
		prof = append(prof, geom.Vec2{x, 0.8 + 1.4*(1-(x/r)*(x/r))})
	}
	disc, err := geom.Revolve(prof, geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	// Stand the disc up: its +Z face turns to −Y.
	disc.Transform(func(p geom.Vec3) geom.Vec3 { return geom.Vec3{p[0], -p[2], p[1] - r - 2.2} })
	checkMesh(t, "disc", disc)
	silver := metal(t, "925-silver")
	m := &geom.Model{}
	m.Add("pendant", silver, disc)
	m.Add("bail", silver, bandMesh(t, 1.6, 1.2, 1.1, 120, 24))
	return m
}

// roundBrilliant is package gem's 57-facet round brilliant of girdle
// diameter d (mm), table up, girdle centre at c.
func roundBrilliant(t testing.TB, d float64, c geom.Vec3) *geom.Mesh {
	t.Helper()
	m, err := gem.Stone{Cut: gem.Round, DiameterMM: d}.Mesh(geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	m.Translate(c)
	checkMesh(t, "round brilliant", m)
	return m
}
