package render

import (
	"math"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// fresnelTol is the tolerance on reflectances computed in closed form.
const fresnelTol = 1e-12

// TestFresnel checks the dielectric Fresnel term against closed forms:
// normal incidence ((n−1)/(n+1))², total internal reflection past the
// critical angle asin(1/n), and Snell's law for the refracted direction.
func TestFresnel(t *testing.T) {
	n := 2.417 // diamond
	want := (n - 1) * (n - 1) / ((n + 1) * (n + 1))
	if got := fresnel(1, 1, n); math.Abs(got-want) > fresnelTol {
		t.Errorf("normal incidence: %g, want %g", got, want)
	}
	if got := fresnel(1, n, 1); math.Abs(got-want) > fresnelTol {
		t.Errorf("normal incidence from inside: %g, want %g", got, want)
	}
	crit := math.Asin(1 / n)
	if got := fresnel(math.Cos(crit+1e-6), n, 1); got != 1 {
		t.Errorf("past the critical angle: %g, want 1 (TIR)", got)
	}
	if got := fresnel(math.Cos(crit-1e-3), n, 1); !(got < 1) {
		t.Errorf("inside the critical angle: %g, want < 1", got)
	}
	// Snell: sin θt = sin θi / n.
	th := 50 * math.Pi / 180
	d := geom.Vec3{math.Sin(th), 0, -math.Cos(th)}
	out, ok := refract(d, geom.Vec3{0, 0, 1}, 1/n)
	if !ok || math.Abs(out.Len()-1) > 1e-12 || math.Abs(out[0]-math.Sin(th)/n) > 1e-12 {
		t.Errorf("refract: %v (ok %v), want sin θt = %g", out, ok, math.Sin(th)/n)
	}
	if _, ok := refract(geom.Vec3{math.Sin(th), 0, -math.Cos(th)}, geom.Vec3{0, 0, 1}, n); ok {
		t.Error("refract from inside past the critical angle: want total internal reflection")
	}
}

// TestBrilliantReturnsLight checks the tracer on package gem's round
// brilliant: it is traced by the convex path, and light entering the table
// straight down is reflected totally inside the pavilion and leaves upward
// through the crown, as a well-cut brilliant's does.
func TestBrilliantReturnsLight(t *testing.T) {
	mesh := roundBrilliant(t, 6.5, geom.Vec3{})
	body := newGemBody(&diamond, mesh)
	if body == nil || len(body.shells) != 1 || body.shells[0] == nil || !body.shells[0].convex {
		t.Fatalf("round brilliant not traced as one convex stone")
	}
	g := body.shells[0]
	ior := body.ior
	// 57 facets plus the girdle's flat segments.
	if len(g.planes) < 57 {
		t.Errorf("round brilliant has %d distinct face planes, want at least its 57 facets", len(g.planes))
	}
	top := mesh.Bounds().Max[2]
	for _, x := range []float64{0.3, 0.8, 1.2} {
		pos := geom.Vec3{x, 0.1, top}
		dir, _ := refract(geom.Vec3{0, 0, -1}, geom.Vec3{0, 0, 1}, 1/ior)
		var tir int
		exited := false
		for b := 0; b < gemBounces; b++ {
			tt, nOut, ok := g.exit(pos, dir)
			if !ok {
				t.Fatalf("x=%g: no exit", x)
			}
			pos = pos.Add(dir.Mul(tt))
			if fresnel(dir.Dot(nOut), ior, 1) == 1 {
				tir++
				dir = reflect(dir, nOut)
				continue
			}
			out, _ := refract(dir, nOut.Mul(-1), ior)
			if out[2] <= 0 {
				t.Errorf("x=%g: light leaves downward through the pavilion after %d reflections (%v)", x, tir, out)
			}
			exited = true
			break
		}
		if !exited || tir < 2 {
			t.Errorf("x=%g: exited %v after %d total internal reflections, want ≥ 2 then out the top", x, exited, tir)
		}
	}
}

// TestGemShells checks that a part holding several stones is traced stone
// by stone, and that a concave stone falls back to the triangle-by-triangle
// path and still renders.
func TestGemShells(t *testing.T) {
	two := brilliantMesh(t, 3, geom.Vec3{-2, 0, 0})
	two.Append(brilliantMesh(t, 3, geom.Vec3{2, 0, 0}))
	body := newGemBody(&diamond, two)
	if body == nil || len(body.shells) != 2 {
		t.Fatalf("two stones in one part: %v shells, want 2", body)
	}
	for k, s := range body.shells {
		if s == nil || !s.convex {
			t.Errorf("shell %d not traced as convex", k)
		}
	}
	if body.triShell[0] != 0 || body.triShell[len(two.Tris)-1] != 1 {
		t.Errorf("triangle shells %d, %d; want 0, 1", body.triShell[0], body.triShell[len(two.Tris)-1])
	}
	ring := torusMesh(t, 3, 1, 48, 16)
	checkMesh(t, "gem torus", ring)
	cb := newGemBody(&diamond, ring)
	if cb == nil || len(cb.shells) != 1 || cb.shells[0] == nil || cb.shells[0].convex {
		t.Fatal("a torus of gem material should be one concave traced shell")
	}
	m := &geom.Model{}
	m.Add("stones", diamond, two)
	m.Add("loop", diamond, ring)
	if _, err := Render(t.Context(), m, &Options{Width: 32}); err != nil {
		t.Fatal(err)
	}
}
