package render

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// toCam turns a world direction into the studio's camera coordinates (x
// right, y up, z toward the viewer).
func (sc *scene) toCam(d geom.Vec3) geom.Vec3 {
	return geom.Vec3{d.Dot(sc.cam.right), d.Dot(sc.cam.up), -d.Dot(sc.cam.fw)}
}

// env returns the studio radiance arriving from world direction d,
// pre-filtered for roughness.
func (sc *scene) env(d geom.Vec3, roughness float64) [3]float64 {
	return envMap(roughness, false).sample(sc.toCam(d))
}

// gemEnv is env for light seen through or off a stone.
func (sc *scene) gemEnv(d geom.Vec3, roughness float64) [3]float64 {
	return envMap(roughness, true).sample(sc.toCam(d))
}

// envBRDF is the split-sum scale and bias (A, B) of a GGX specular lobe with
// Schlick Fresnel, integrated over the hemisphere: reflectance = F0·A + B.
// It is Karis's analytic fit ("Physically Based Shading on Mobile", 2014)
// to the pre-integrated table of Karis 2013.
func envBRDF(roughness, nv float64) (a, b float64) {
	c0 := [4]float64{-1, -0.0275, -0.572, 0.022}
	c1 := [4]float64{1, 0.0425, 1.04, -0.04}
	var r [4]float64
	for i := range r {
		r[i] = roughness*c0[i] + c1[i]
	}
	a004 := min(r[0]*r[0], math.Exp2(-9.28*nv))*r[0] + r[1]
	return -1.04*a004 + r[2], 1.04*a004 + r[3]
}

// brdfSteps is the number of intervals of n·v in a brdfTable.
const brdfSteps = 256

// brdfTable holds envBRDF for one roughness at brdfSteps+1 values of n·v
// from 0 to 1, interpolated linearly (the fit is smooth; the table only
// saves the exponential per pixel).
type brdfTable [brdfSteps + 1][2]float64

func newBRDFTable(roughness float64) *brdfTable {
	t := new(brdfTable)
	for i := range t {
		t[i][0], t[i][1] = envBRDF(roughness, float64(i)/brdfSteps)
	}
	return t
}

// at returns (A, B) for n·v.
func (t *brdfTable) at(nv float64) (a, b float64) {
	x := clamp01(nv) * brdfSteps
	i := min(int(x), brdfSteps-1)
	f := x - float64(i)
	return t[i][0] + (t[i+1][0]-t[i][0])*f, t[i][1] + (t[i+1][1]-t[i][1])*f
}

// shadeMetal returns the radiance leaving a metal toward the viewer: GGX
// specular reflection of the pre-filtered studio with Fresnel from the
// metal's colour (F0 = BaseColor), no diffuse term.
func (sc *scene) shadeMetal(mat *geom.Material, bt *brdfTable, n, v geom.Vec3) [3]float64 {
	nv := n.Dot(v)
	if nv < 1e-4 {
		// An interpolated normal can face away from the viewer near a
		// silhouette: bend it back to grazing.
		n = n.Add(v.Mul(1e-4 - nv)).Normalize()
		nv = 1e-4
	}
	r := n.Mul(2 * nv).Sub(v)
	rough := clamp01(mat.Roughness)
	a, b := bt.at(nv)
	l := sc.env(r, rough)
	metal := clamp01(mat.Metallic)
	var c [3]float64
	for k := range c {
		f0 := clamp01(mat.BaseColor[k])*metal + 0.04*(1-metal)
		c[k] = l[k] * (f0*a + b)
	}
	if metal < 1 {
		irr := sc.env(n, 1)
		for k := range c {
			c[k] += (1 - metal) * clamp01(mat.BaseColor[k]) * irr[k] * (1 - (0.04*a + b))
		}
	}
	return c
}

// shadeOpaque shades a dielectric that light does not pass through: a
// diffuse body of the base colour under the studio's irradiance, and a
// specular coat with F0 from the refractive index.
func (sc *scene) shadeOpaque(mat *geom.Material, bt *brdfTable, n, v geom.Vec3) [3]float64 {
	nv := max(n.Dot(v), 1e-4)
	r := n.Mul(2 * nv).Sub(v)
	rough := clamp01(mat.Roughness)
	ior := mat.IOR
	if !(ior > 1) {
		ior = 1.5
	}
	f0 := (ior - 1) * (ior - 1) / ((ior + 1) * (ior + 1))
	a, b := bt.at(nv)
	spec := f0*a + b
	l := sc.env(r, rough)
	irr := sc.env(n, 1)
	var c [3]float64
	for k := range c {
		c[k] = l[k]*spec + (1-spec)*clamp01(mat.BaseColor[k])*irr[k]
	}
	return c
}

func clamp01(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

// pbrNeutral is the Khronos PBR Neutral tone mapper (Khronos 3D Commerce
// working group, 2024): colours below 0.76 pass unchanged but for a small
// toe, brighter ones are compressed toward 1 and desaturated toward white.
// Input and output are linear RGB.
func pbrNeutral(c [3]float64) [3]float64 {
	const (
		start        = 0.8 - 0.04
		desaturation = 0.15
	)
	x := min(c[0], min(c[1], c[2]))
	offset := 0.04
	if x < 0.08 {
		offset = x - 6.25*x*x
	}
	for k := range c {
		c[k] -= offset
	}
	peak := max(c[0], max(c[1], c[2]))
	if peak < start {
		return c
	}
	const d = 1 - start
	newPeak := 1 - d*d/(peak+d-start)
	for k := range c {
		c[k] *= newPeak / peak
	}
	g := 1 - 1/(desaturation*(peak-newPeak)+1)
	for k := range c {
		c[k] += (newPeak - c[k]) * g
	}
	return c
}

// srgbLUTSize is the number of entries of the linear → sRGB8 table: 1/16384
// steps keep even the darkest codes exact to one level.
const srgbLUTSize = 1 << 14

var srgbLUT = func() []uint8 {
	t := make([]uint8, srgbLUTSize+1)
	for i := range t {
		t[i] = uint8(math.Floor(srgbEncode(float64(i)/srgbLUTSize)*255 + 0.5))
	}
	return t
}()

// srgbEncode is the sRGB transfer function (IEC 61966-2-1), 0..1 → 0..1.
func srgbEncode(x float64) float64 {
	if x <= 0.0031308 {
		return 12.92 * x
	}
	return 1.055*math.Pow(x, 1/2.4) - 0.055
}

// srgbDecode is its inverse.
func srgbDecode(x float64) float64 {
	if x <= 0.04045 {
		return x / 12.92
	}
	return math.Pow((x+0.055)/1.055, 2.4)
}

// to8 encodes linear 0..1 as an sRGB byte.
func to8(x float64) uint8 {
	if !(x > 0) {
		return 0
	}
	if x >= 1 {
		return 255
	}
	return srgbLUT[int(x*srgbLUTSize+0.5)]
}
