package geom

import (
	"math"

	"github.com/go-gl/mathgl/mgl64"
)

// Vec2 is a 2D point or vector in millimetres (x, y).
type Vec2 = mgl64.Vec2

// Vec3 is a 3D point or vector in millimetres (x, y, z).
type Vec3 = mgl64.Vec3

// unit returns v scaled to length 1, or the zero vector when v has zero length
// (mathgl's Normalize would return NaN or Inf there).
func unit(v Vec3) Vec3 {
	l := v.Len()
	if l == 0 || math.IsNaN(l) || math.IsInf(l, 0) {
		return Vec3{}
	}
	return v.Mul(1 / l)
}

// finite reports whether every component of v is a finite number.
func finite(v Vec3) bool {
	// x − x is 0 for a finite x and NaN for ±Inf or NaN.
	return (v[0]-v[0])+(v[1]-v[1])+(v[2]-v[2]) == 0
}

// cross2 is the z component of the cross product of two 2D vectors.
func cross2(a, b Vec2) float64 { return a[0]*b[1] - a[1]*b[0] }
