package render

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Contact shadow parameters.
const (
	// shadowCells is the side of the height map under the model.
	shadowCells = 128
	// shadowStrength is the darkening right under a surface that touches
	// the ground (0..1).
	shadowStrength = 0.55
	// shadowFalloff is the height, as a fraction of the model's largest
	// extent, over which a surface's shadow fades to 1/e.
	shadowFalloff = 0.12
	// shadowBlur is the blur radius (one standard deviation) as a fraction
	// of the model's largest horizontal extent: a soft, studio-tent shadow.
	shadowBlur = 0.035
)

// shadowMap is a soft contact shadow on the ground plane z = z0: how much
// of the sky a point of the ground loses to the model close above it.
type shadowMap struct {
	z0, x0, y0, cell float64
	n                int
	occ              []float32
}

// newShadowMap rasterises the model's footprint from above into a height
// map, turns heights into occlusion (exp(−h/falloff)) and blurs it.
func newShadowMap(m *geom.Model) *shadowMap {
	box := modelBounds(m)
	size := box.Size()
	ext := max(size[0], size[1])
	full := max(ext, size[2])
	if !(ext > 0) {
		return nil
	}
	pad := 0.3 * ext
	sm := &shadowMap{z0: box.Min[2], n: shadowCells}
	span := ext + 2*pad
	sm.cell = span / shadowCells
	c := box.Center()
	sm.x0, sm.y0 = c[0]-span/2, c[1]-span/2
	height := make([]float64, shadowCells*shadowCells)
	for i := range height {
		height[i] = math.Inf(1)
	}
	falloff := shadowFalloff * full
	// Surfaces higher than 3 falloffs cast under 5 % of the strength.
	reach := sm.z0 + 3*falloff
	for _, p := range m.Parts {
		vs := p.Mesh.Verts
		for _, t := range p.Mesh.Tris {
			a, b, cc := vs[t[0]], vs[t[1]], vs[t[2]]
			if a[2] > reach && b[2] > reach && cc[2] > reach {
				continue
			}
			sm.splat(height, a, b, cc)
		}
	}
	occ := make([]float64, len(height))
	for i, h := range height {
		if !math.IsInf(h, 1) {
			occ[i] = math.Exp(-max(h, 0) / falloff)
		}
	}
	blur(occ, shadowCells, shadowBlur*ext/sm.cell)
	sm.occ = make([]float32, len(occ))
	for i, o := range occ {
		sm.occ[i] = float32(o)
	}
	return sm
}

// splat lowers the height map to the triangle's height above the ground at
// every cell centre its footprint covers.
func (sm *shadowMap) splat(height []float64, a, b, c geom.Vec3) {
	ax, ay := (a[0]-sm.x0)/sm.cell-0.5, (a[1]-sm.y0)/sm.cell-0.5
	bx, by := (b[0]-sm.x0)/sm.cell-0.5, (b[1]-sm.y0)/sm.cell-0.5
	cx, cy := (c[0]-sm.x0)/sm.cell-0.5, (c[1]-sm.y0)/sm.cell-0.5
	area := (bx-ax)*(cy-ay) - (cx-ax)*(by-ay)
	i0 := max(int(math.Ceil(min(ax, bx, cx))), 0)
	j0 := max(int(math.Ceil(min(ay, by, cy))), 0)
	i1 := min(int(math.Floor(max(ax, bx, cx))), sm.n-1)
	j1 := min(int(math.Floor(max(ay, by, cy))), sm.n-1)
	if area == 0 || i0 > i1 || j0 > j1 {
		// Edge-on or smaller than a cell: count its lowest corner.
		lo := a
		if b[2] < lo[2] {
			lo = b
		}
		if c[2] < lo[2] {
			lo = c
		}
		i := int(math.Floor((lo[0] - sm.x0) / sm.cell))
		j := int(math.Floor((lo[1] - sm.y0) / sm.cell))
		if i >= 0 && j >= 0 && i < sm.n && j < sm.n {
			height[j*sm.n+i] = min(height[j*sm.n+i], lo[2]-sm.z0)
		}
		return
	}
	inv := 1 / area
	for j := j0; j <= j1; j++ {
		y := float64(j)
		for i := i0; i <= i1; i++ {
			x := float64(i)
			wa := ((bx-x)*(cy-y) - (cx-x)*(by-y)) * inv
			wb := ((cx-x)*(ay-y) - (ax-x)*(cy-y)) * inv
			wc := 1 - wa - wb
			if wa < 0 || wb < 0 || wc < 0 {
				continue
			}
			h := wa*a[2] + wb*b[2] + wc*c[2] - sm.z0
			if h < height[j*sm.n+i] {
				height[j*sm.n+i] = h
			}
		}
	}
}

// blur applies a separable Gaussian of standard deviation sigma (cells) to
// the n × n grid in place.
func blur(g []float64, n int, sigma float64) {
	if sigma < 0.3 {
		return
	}
	r := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*r+1)
	sum := 0.0
	for i := range k {
		x := float64(i - r)
		k[i] = math.Exp(-x * x / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	tmp := make([]float64, len(g))
	for pass := 0; pass < 2; pass++ {
		for j := 0; j < n; j++ {
			for i := 0; i < n; i++ {
				s := 0.0
				for t := -r; t <= r; t++ {
					ii, jj := i, j
					if pass == 0 {
						ii += t
					} else {
						jj += t
					}
					if ii < 0 || jj < 0 || ii >= n || jj >= n {
						continue
					}
					s += g[jj*n+ii] * k[t+r]
				}
				tmp[j*n+i] = s
			}
		}
		copy(g, tmp)
	}
}

// at returns the shadow's darkening (0..shadowStrength) where the ray from
// eye along dir meets the ground, or 0 when it does not.
func (sm *shadowMap) at(eye, dir geom.Vec3) float64 {
	if sm == nil || !(dir[2] < 0) {
		return 0
	}
	t := (sm.z0 - eye[2]) / dir[2]
	if !(t > 0) {
		return 0
	}
	x := (eye[0]+dir[0]*t-sm.x0)/sm.cell - 0.5
	y := (eye[1]+dir[1]*t-sm.y0)/sm.cell - 0.5
	if !(x >= 0 && y >= 0 && x < float64(sm.n-1) && y < float64(sm.n-1)) {
		return 0
	}
	i, j := int(x), int(y)
	tx, ty := x-float64(i), y-float64(j)
	n := sm.n
	o := float64(sm.occ[j*n+i])*(1-tx)*(1-ty) + float64(sm.occ[j*n+i+1])*tx*(1-ty) +
		float64(sm.occ[(j+1)*n+i])*(1-tx)*ty + float64(sm.occ[(j+1)*n+i+1])*tx*ty
	return shadowStrength * min(1, o)
}

// screenRect returns the pixel rectangle (x0, y0, x1, y1) outside which the
// ground seen through basis b has no shadow: the projection of the map's
// corners on the ground. ok is false when it cannot be bounded (a corner
// behind the camera); the caller then tests every pixel.
func (sm *shadowMap) screenRect(b *basis) (x0, y0, x1, y1 float64, ok bool) {
	if sm == nil {
		return 0, 0, 0, 0, true
	}
	x0, y0, x1, y1 = 1e300, 1e300, -1e300, -1e300
	span := sm.cell * float64(sm.n)
	for _, c := range [4][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		p := geom.Vec3{sm.x0 + c[0]*span, sm.y0 + c[1]*span, sm.z0}
		x, y, z := b.project(p)
		if !(z > b.near) {
			return 0, 0, 0, 0, false
		}
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	return x0 - 1, y0 - 1, x1 + 1, y1 + 1, true
}
