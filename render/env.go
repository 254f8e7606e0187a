package render

import (
	"math"
	"sync"

	"github.com/mandrel3d/mandrel/geom"
)

// The studio is defined in camera coordinates: x to the right of the image,
// y up, z toward the viewer (behind the camera). Lights stay where a
// photographer put them whatever the view, so every named view and every
// turntable frame is lit the same way.

// softbox is a rectangular area light: a rectangle on the plane tangent to
// the unit sphere at dir, spanning ±half[0] along e1 and ±half[1] along e2
// (tangent-plane units, tan of the angle from dir), of radiance intensity.
type softbox struct {
	dir       geom.Vec3
	half      [2]float64
	intensity [3]float64
	gemOnly   bool // seen only by stones (see gemTent)
	e1, e2    geom.Vec3
}

// studio lights. Radiances are linear, relative to the tone mapper's white
// (about 1): boxes far above it so polished metal shows white highlights, a
// light grey tent in between, and black cards that give the dark bands a
// polished surface needs to show its shape. A box replaces what is behind
// it (cards darken).
var studio = func() []softbox {
	b := []softbox{
		// black cards low on both sides and behind
		{dir: geom.Vec3{-1, -0.05, -0.15}, half: [2]float64{0.45, 0.35}, intensity: [3]float64{0.015, 0.015, 0.015}},
		{dir: geom.Vec3{0.9, 0.0, -0.45}, half: [2]float64{0.35, 0.3}, intensity: [3]float64{0.015, 0.015, 0.015}},
		{dir: geom.Vec3{0.1, 0.05, -1}, half: [2]float64{0.5, 0.18}, intensity: [3]float64{0.03, 0.03, 0.03}},
		// key: large box high on the left, in front of the piece
		{dir: geom.Vec3{-0.65, 0.55, 0.55}, half: [2]float64{0.45, 0.55}, intensity: [3]float64{6, 6, 6}},
		// fill: tall strip on the right, in front
		{dir: geom.Vec3{0.85, 0.15, 0.5}, half: [2]float64{0.16, 0.8}, intensity: [3]float64{4, 4, 4}},
		// top: overhead box slightly toward the viewer
		{dir: geom.Vec3{0.05, 1, 0.15}, half: [2]float64{0.6, 0.35}, intensity: [3]float64{5, 5, 5}},
		// rims: two narrow strips behind, left and right
		{dir: geom.Vec3{-0.6, 0.3, -0.75}, half: [2]float64{0.12, 0.6}, intensity: [3]float64{4, 4, 4}},
		{dir: geom.Vec3{0.7, 0.35, -0.6}, half: [2]float64{0.1, 0.5}, intensity: [3]float64{3, 3, 3}},
		// the camera's own black surround: what a facet facing the lens
		// reflects, and what gives a diamond its contrast pattern (stones
		// only: on a polished metal it would be a distracting black spot,
		// which photographers hide the same way)
		{dir: geom.Vec3{0, 0.02, 1}, half: [2]float64{0.16, 0.13}, intensity: [3]float64{0.01, 0.01, 0.01}, gemOnly: true},
		// a low white card in front that lights the underside
		{dir: geom.Vec3{0.1, -0.4, 0.95}, half: [2]float64{0.8, 0.1}, intensity: [3]float64{1.2, 1.2, 1.2}},
	}
	for i := range b {
		d := b[i].dir.Normalize()
		e1 := geom.Vec3{0, 1, 0}.Cross(d)
		if e1.Len() < 1e-6 {
			e1 = geom.Vec3{1, 0, 0}
		}
		e1 = e1.Normalize()
		b[i].dir, b[i].e1, b[i].e2 = d, e1, d.Cross(e1)
	}
	return b
}()

// gradient returns the studio's background radiance seen in direction d
// (camera coordinates, unit): a dark floor, a mid-grey horizon and a
// lighter ceiling, blurred toward their mean by s in 0..1.
func gradient(d geom.Vec3, s float64) [3]float64 {
	y := d[1]
	var g float64
	switch {
	case y < 0:
		g = 0.45 - 0.2*smooth(-y/0.6)
	default:
		g = 0.45 + 0.35*smooth(y/0.9)
	}
	const mean = 0.5
	g = g + (mean-g)*s
	// The tent's walls bounce a little warm light, as in a studio lit
	// through diffusion fabric; the boxes themselves are neutral.
	return [3]float64{g, g * 0.96, g * 0.89}
}

func smooth(t float64) float64 {
	t = max(0, min(1, t))
	return t * t * (3 - 2*t)
}

// boxProfile is the mean of the indicator of [−h, h] over [x−w, x+w]: a box
// convolved with a box, which keeps the light's energy as it blurs.
func boxProfile(x, h, w float64) float64 {
	lo, hi := max(x-w, -h), min(x+w, h)
	if hi <= lo {
		return 0
	}
	return (hi - lo) / (2 * w)
}

// blurOf returns the blur half-width (tangent units) of the studio seen in a
// GGX lobe of the given roughness: the lobe of the reflected direction
// widens with α = roughness²; softboxes' own edges are 0.02 soft.
func blurOf(roughness float64) float64 { return 0.02 + 1.6*roughness*roughness }

// studioRadiance returns the studio's radiance in camera direction d (unit),
// pre-filtered for roughness, with the tent's grey scaled by tent.
func studioRadiance(d geom.Vec3, roughness float64, tent float64) [3]float64 {
	w := blurOf(roughness)
	c := gradient(d, min(1, w/1.2))
	for k := range c {
		c[k] *= tent
	}
	for i := range studio {
		b := &studio[i]
		if b.gemOnly && tent == 1 {
			continue
		}
		cz := d.Dot(b.dir)
		if cz <= 0.05 {
			continue
		}
		u, v := d.Dot(b.e1)/cz, d.Dot(b.e2)/cz
		f := boxProfile(u, b.half[0], w) * boxProfile(v, b.half[1], w)
		if f == 0 {
			continue
		}
		for k := range c {
			c[k] += f * (b.intensity[k] - c[k])
		}
	}
	return c
}

// envSteps is the number of roughness steps between 0 and 1 for which a
// pre-filtered map is baked (on first use): roughness is rounded to the
// nearest 1/envSteps, far finer than a viewer can tell apart.
const envSteps = 40

// envFaceSize returns the face size in texels of the map for a roughness:
// sharp reflections need fine texels, blurred ones do not.
func envFaceSize(roughness float64) int {
	switch {
	case roughness < 0.15:
		return 192
	case roughness < 0.3:
		return 96
	case roughness < 0.5:
		return 48
	}
	return 24
}

// cubeMap is one pre-filtered level: six faces of n × n RGB texels. Face
// 2a+s looks along axis a, positive when s = 0; texel (i, j) of it faces
// ±e_a + u·e_{a+1} + v·e_{a+2} with u, v the texel centre in −1..1.
type cubeMap struct {
	n   int
	rgb []float32
}

var envMaps [2][envSteps + 1]struct {
	once sync.Once
	cm   cubeMap
}

// gemTent is how bright the tent is for stones, relative to metals: a
// photographer closes black cards around a diamond so that its facets
// alternate between the light boxes and darkness (the "contrast pattern"),
// while metals want the bright tent to read as polished.
const gemTent = 0.3

// envMap returns the studio pre-filtered for roughness (0..1), baking it on
// first use (tens of milliseconds, once per process and roughness step; the
// maps are read-only afterwards, so concurrent renders share them).
func envMap(roughness float64, forGem bool) *cubeMap {
	step := int(clamp01(roughness)*envSteps + 0.5)
	set, tent := 0, 1.0
	if forGem {
		set, tent = 1, gemTent
	}
	e := &envMaps[set][step]
	e.once.Do(func() { e.cm = bakeCube(float64(step)/envSteps, tent) })
	return &e.cm
}

// bakeCube evaluates the filtered studio at every texel.
func bakeCube(r, tent float64) cubeMap {
	n := envFaceSize(r)
	cm := cubeMap{n: n, rgb: make([]float32, 6*n*n*3)}
	for f := 0; f < 6; f++ {
		a, s := f/2, 1.0
		if f%2 == 1 {
			s = -1
		}
		for j := 0; j < n; j++ {
			for i := 0; i < n; i++ {
				u := (float64(i)+0.5)/float64(n)*2 - 1
				v := (float64(j)+0.5)/float64(n)*2 - 1
				var d geom.Vec3
				d[a] = s
				d[(a+1)%3] = u
				d[(a+2)%3] = v
				c := studioRadiance(d.Normalize(), r, tent)
				o := ((f*n+j)*n + i) * 3
				cm.rgb[o], cm.rgb[o+1], cm.rgb[o+2] = float32(c[0]), float32(c[1]), float32(c[2])
			}
		}
	}
	return cm
}

// sample returns the bilinear value of the cube map in direction d (any
// length, not zero).
func (cm *cubeMap) sample(d geom.Vec3) [3]float64 {
	ax := 0
	if math.Abs(d[1]) > math.Abs(d[ax]) {
		ax = 1
	}
	if math.Abs(d[2]) > math.Abs(d[ax]) {
		ax = 2
	}
	m := math.Abs(d[ax])
	f := 2 * ax
	if d[ax] < 0 {
		f++
	}
	if !(m > 0) {
		return [3]float64{}
	}
	n := cm.n
	fn := float64(n)
	x := (d[(ax+1)%3]/m+1)/2*fn - 0.5
	y := (d[(ax+2)%3]/m+1)/2*fn - 0.5
	x = max(0, min(fn-1, x))
	y = max(0, min(fn-1, y))
	i0, j0 := int(x), int(y)
	i1, j1 := min(i0+1, n-1), min(j0+1, n-1)
	tx, ty := x-float64(i0), y-float64(j0)
	base := f * n * n
	o00, o10 := (base+j0*n+i0)*3, (base+j0*n+i1)*3
	o01, o11 := (base+j1*n+i0)*3, (base+j1*n+i1)*3
	var c [3]float64
	for k := 0; k < 3; k++ {
		a := float64(cm.rgb[o00+k])*(1-tx) + float64(cm.rgb[o10+k])*tx
		b := float64(cm.rgb[o01+k])*(1-tx) + float64(cm.rgb[o11+k])*tx
		c[k] = a*(1-ty) + b*ty
	}
	return c
}
