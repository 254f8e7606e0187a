package render

import (
	"context"
	"math"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// buffers rasterises the whole image at sample resolution: 1/depth and
// triangle id (global index + 1) per sample.
func buffers(t *testing.T, sc *scene) ([]float32, []uint32) {
	t.Helper()
	w, h := sc.cam.w, sc.cam.h
	depth := make([]float32, w*h)
	ids := make([]uint32, w*h)
	err := sc.forTiles(context.Background(), func(buf *tileBuf, _, ox, oy, tw, th int) {
		if buf.empty {
			return // ids and depths stay 0
		}
		for y := 0; y < th; y++ {
			copy(depth[(oy+y)*w+ox:(oy+y)*w+ox+tw], buf.depth[y*tw:(y+1)*tw])
			copy(ids[(oy+y)*w+ox:(oy+y)*w+ox+tw], buf.id[y*tw:(y+1)*tw])
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return depth, ids
}

// refHit is the slow reference: the nearest front-facing triangle the
// sample's ray meets, by testing every triangle in float64, and the depth
// of the hit along the view axis.
func refHit(sc *scene, x, y float64) (id uint32, depth float64) {
	d := sc.cam.ray(x, y) // unit depth per unit t
	best := math.Inf(1)
	for pi, p := range sc.parts {
		for ti := range p.mesh.Tris {
			a, b, c := p.mesh.Triangle(ti)
			if b.Sub(a).Cross(c.Sub(a)).Dot(d) >= 0 {
				continue // back face
			}
			tt, _, _, hit := intersect(sc.cam.eye, d, a, b, c)
			if hit && tt >= sc.cam.near && tt < best {
				best, id = tt, uint32(sc.triBase[pi]+ti+1)
			}
		}
	}
	return id, best
}

// edgeDist returns the distance in samples from (x, y) to the nearest edge
// of global triangle g's projection.
func edgeDist(sc *scene, g uint32, x, y float64) float64 {
	pi := sc.partOf(int(g - 1))
	a, b, c := sc.parts[pi].mesh.Triangle(int(g-1) - sc.triBase[pi])
	var px, py [3]float64
	for i, v := range [3]geom.Vec3{a, b, c} {
		px[i], py[i], _ = sc.cam.project(v)
	}
	best := math.Inf(1)
	for i := 0; i < 3; i++ {
		j := (i + 1) % 3
		ex, ey := px[j]-px[i], py[j]-py[i]
		l2 := ex*ex + ey*ey
		s := math.Max(0, math.Min(1, ((x-px[i])*ex+(y-py[i])*ey)/l2))
		best = math.Min(best, math.Hypot(x-px[i]-s*ex, y-py[i]-s*ey))
	}
	return best
}

// edgeSlack is how close to a triangle's edge, in samples, a sample may be
// and still be claimed by a neighbour: vertices snap to 1/256 sample, so an
// edge moves by at most 1/256·√2 ≈ 0.0055 sample.
const edgeSlack = 0.006

// depthRelTol is the relative depth tolerance: float32 storage of 1/depth
// rounds by 6e-8; the depth plane comes from the triangle's exact plane.
const depthRelTol = 1e-6

func smallScenes(t *testing.T) map[string]*geom.Model {
	t.Helper()
	gold := metal(t, "18k-yellow")
	two := &geom.Model{}
	two.Add("a", gold, sphereMesh(t, 3, geom.Vec3{0, 0, 0}, geom.Tolerance{ChordMM: 0.2}))
	two.Add("b", gold, sphereMesh(t, 2, geom.Vec3{2.5, -1, 1}, geom.Tolerance{ChordMM: 0.2}))
	stone := &geom.Model{}
	stone.Add("stone", diamond, brilliantMesh(t, 6, geom.Vec3{}))
	stone.Add("rod", gold, rodMesh(t, 0.5, geom.Vec3{-4, -2, -1}, geom.Vec3{3, 2, 2}))
	return map[string]*geom.Model{"two-spheres": two, "stone-and-rod": stone}
}

// TestRasterMatchesRayCast compares the depth and id buffers with per-sample
// brute-force ray casting on small scenes, from every view and with the
// camera inside the model (near-plane clipping).
func TestRasterMatchesRayCast(t *testing.T) {
	for name, m := range smallScenes(t) {
		for _, view := range Views {
			for _, ss := range []int{1, 4} {
				opt := &Options{Width: 40, Height: 30, View: view, SSAA: ss, Workers: 3}
				cam := frame(m, opt, 40, 30)
				checkAgainstRef(t, name+"/"+view, m, opt, cam)
			}
		}
		// Camera inside the bounds, looking across: many triangles cross
		// the near plane and the guard band.
		opt := &Options{Width: 40, Height: 30, SSAA: 4}
		// The eye stands 0.02 mm off the first part's side, so its
		// nearest triangles cross the near plane.
		cam := Camera{Eye: geom.Vec3{0, -3.02, 0}, Target: geom.Vec3{0.5, 0, 1.5}, Up: geom.Vec3{0, 0, 1},
			FovDeg: 100, Width: 40, Height: 30, Near: 0.05}
		if clipped := checkAgainstRef(t, name+"/inside", m, opt, cam); clipped == 0 {
			t.Errorf("%s/inside: no triangle was clipped; the test does not reach the clipper", name)
		}
	}
}

// checkAgainstRef compares one rendering's buffers with the reference and
// returns how many triangles were clipped.
func checkAgainstRef(t *testing.T, name string, m *geom.Model, opt *Options, cam Camera) (clipped int) {
	t.Helper()
	sc, err := newScene(m, opt, cam)
	if err != nil {
		t.Fatal(err)
	}
	depth, ids := buffers(t, sc)
	covered, mism := 0, 0
	for j := 0; j < sc.cam.h; j++ {
		for i := 0; i < sc.cam.w; i++ {
			x, y := float64(i)+0.5, float64(j)+0.5
			id, z := refHit(sc, x, y)
			got := ids[j*sc.cam.w+i]
			if got != 0 {
				covered++
			}
			if got != id {
				// Allowed only on a shared edge, within snapping.
				ok := (got == 0 || edgeDist(sc, got, x, y) < edgeSlack) && (id == 0 || edgeDist(sc, id, x, y) < edgeSlack)
				if !ok {
					mism++
					if mism <= 5 {
						t.Errorf("%s: sample (%d,%d): raster id %d, ray cast id %d", name, i, j, got, id)
					}
				}
				continue
			}
			if id == 0 {
				continue
			}
			gz := 1 / float64(depth[j*sc.cam.w+i])
			if math.Abs(gz-z) > depthRelTol*z {
				mism++
				if mism <= 5 {
					t.Errorf("%s: sample (%d,%d): depth %.7g, ray cast %.7g", name, i, j, gz, z)
				}
			}
		}
	}
	if covered == 0 {
		t.Errorf("%s: nothing covered", name)
	}
	if mism > 0 {
		t.Errorf("%s: %d mismatching samples of %d", name, mism, sc.cam.w*sc.cam.h)
	}
	for _, c := range sc.chunks {
		clipped += len(c.extras)
	}
	return clipped
}

// TestWatertight rasterises every front face of a closed sphere on its own
// and checks that each sample inside the silhouette is covered exactly
// once: the fill rule neither drops nor doubles samples on shared edges.
func TestWatertight(t *testing.T) {
	m := &geom.Model{}
	m.Add("s", metal(t, "925-silver"), sphereMesh(t, 5, geom.Vec3{}, geom.Tolerance{ChordMM: 0.05}))
	opt := &Options{Width: 96, Height: 80, SSAA: 1}
	sc, err := newScene(m, opt, frame(m, opt, 96, 80))
	if err != nil {
		t.Fatal(err)
	}
	w, h := sc.cam.w, sc.cam.h
	count := make([]int, w*h)
	buf := &tileBuf{depth: make([]float32, w*h), id: make([]uint32, w*h)}
	for ci := range sc.chunks {
		c := &sc.chunks[ci]
		for _, pr := range c.prims {
			clear(buf.id)
			clear(buf.depth)
			rasterTri(buf, sc.vert(c, pr.v[0]), sc.vert(c, pr.v[1]), sc.vert(c, pr.v[2]), pr.id, &pr.z, 0, 0, w, h)
			for i, id := range buf.id {
				if id != 0 {
					count[i]++
				}
			}
		}
	}
	_, ids := buffers(t, sc)
	for i, n := range count {
		want := 0
		if ids[i] != 0 {
			want = 1
		}
		if n != want {
			t.Fatalf("sample (%d,%d) covered %d times, want %d", i%w, i/w, n, want)
		}
	}
}

// silhouetteTol is the allowed relative error of the sphere's silhouette
// area (the 1 %).
const silhouetteTol = 0.01

// TestSphereSilhouette compares the covered area of a finely tessellated
// sphere with its exact perspective projection, a disc of radius
// f·r/√(D² − r²) pixels for a sphere of radius r at distance D on the axis.
func TestSphereSilhouette(t *testing.T) {
	r := 5.0
	m := &geom.Model{}
	m.Add("s", metal(t, "925-silver"), sphereMesh(t, r, geom.Vec3{}, geom.Tolerance{ChordMM: 0.001}))
	for _, ss := range []int{1, 4, 16} {
		opt := &Options{Width: 200, Height: 200, SSAA: ss}
		cam := Camera{Eye: geom.Vec3{0, -40, 0}, Target: geom.Vec3{}, Up: geom.Vec3{0, 0, 1}, FovDeg: 20, Width: 200, Height: 200}
		sc, err := newScene(m, opt, cam)
		if err != nil {
			t.Fatal(err)
		}
		_, ids := buffers(t, sc)
		n := 0
		for _, id := range ids {
			if id != 0 {
				n++
			}
		}
		got := float64(n) / float64(ss)
		b, _ := cam.basis()
		R := b.focal * r / math.Sqrt(40*40-r*r)
		want := math.Pi * R * R
		if rel := math.Abs(got-want) / want; rel > silhouetteTol {
			t.Errorf("ssaa %d: silhouette %.1f px², exact %.1f px², error %.3f %%", ss, got, want, rel*100)
		} else {
			t.Logf("ssaa %d: silhouette %.1f px², exact %.1f px², error %.3f %%", ss, got, want, rel*100)
		}
	}
}

// baryTol is the agreement required between the screen-space perspective-
// correct barycentrics and the ray–plane hit: both are exact, so only
// rounding separates them.
const baryTol = 1e-9

// TestPerspectiveCorrect compares the barycentrics interpolated on screen
// (edge functions weighted by 1/depth) with the view ray's hit on the
// triangle, at every covered sample of a steeply viewed scene.
func TestPerspectiveCorrect(t *testing.T) {
	m := smallScenes(t)["stone-and-rod"]
	opt := &Options{Width: 60, Height: 40, SSAA: 4, FovDeg: 70}
	sc, err := newScene(m, opt, frame(m, opt, 60, 40))
	if err != nil {
		t.Fatal(err)
	}
	_, ids := buffers(t, sc)
	n := 0
	for j := 0; j < sc.cam.h; j++ {
		for i := 0; i < sc.cam.w; i++ {
			g := ids[j*sc.cam.w+i]
			if g == 0 {
				continue
			}
			x, y := float64(i)+0.5, float64(j)+0.5
			pi := sc.partOf(int(g - 1))
			ti := int(g-1) - sc.triBase[pi]
			tr := sc.parts[pi].mesh.Tris[ti]
			a, b, c := sc.parts[pi].mesh.Triangle(ti)
			d := sc.cam.ray(x, y).Normalize()
			u, v := sc.bary(pi, tr, a, b, c, d, x, y)
			_, ru, rv, _ := intersectPlane(sc.cam.eye, d, a, b, c)
			if math.Abs(u-clamp01(ru)) > baryTol || math.Abs(v-clamp01(rv)) > baryTol {
				if ru >= 0 && rv >= 0 && ru+rv <= 1 {
					t.Fatalf("sample (%d,%d): screen barycentrics (%g, %g), ray hit (%g, %g)", i, j, u, v, ru, rv)
				}
			}
			n++
		}
	}
	if n < 500 {
		t.Fatalf("only %d samples compared", n)
	}
}
