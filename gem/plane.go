package gem

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// plane is the set of points p with n·p = d (n unit length).
type plane struct {
	n geom.Vec3
	d float64
}

// planeThrough returns the plane through p containing directions u and v,
// its normal oriented to have the sign of up along Z (up = ±1).
func planeThrough(p, u, v geom.Vec3, up float64) plane {
	n := u.Cross(v)
	n = n.Mul(1 / n.Len())
	if n[2]*up < 0 {
		n = n.Mul(-1)
	}
	return plane{n: n, d: n.Dot(p)}
}

// plane3 returns the plane through a, b, c oriented like planeThrough.
func plane3(a, b, c geom.Vec3, up float64) plane {
	return planeThrough(a, b.Sub(a), c.Sub(a), up)
}

// zAt returns the height of the plane above (x, y).
func (p plane) zAt(x, y float64) float64 {
	return (p.d - p.n[0]*x - p.n[1]*y) / p.n[2]
}

// meet returns the line where planes a and b meet: a point on it and its
// direction; ok is false when they are parallel.
func meet(a, b plane) (p, dir geom.Vec3, ok bool) {
	dir = a.n.Cross(b.n)
	l2 := dir.Dot(dir)
	if l2 < 1e-20 {
		return p, dir, false
	}
	// the point on both planes nearest the origin:
	// p = ((d_a n_b − d_b n_a) × dir) / |dir|².
	p = b.n.Mul(a.d).Sub(a.n.Mul(b.d)).Cross(dir).Mul(1 / l2)
	return p, dir, true
}

// nearestXY returns the point of the line (p, dir) whose projection on the
// XY plane is nearest the target.
func nearestXY(p, dir geom.Vec3, target geom.Vec2) geom.Vec3 {
	dx, dy := dir[0], dir[1]
	l2 := dx*dx + dy*dy
	if l2 < 1e-30 {
		return p
	}
	t := ((target[0]-p[0])*dx + (target[1]-p[1])*dy) / l2
	return p.Add(dir.Mul(t))
}

// atZ returns the point of the line (p, dir) at height z.
func atZ(p, dir geom.Vec3, z float64) (geom.Vec3, bool) {
	if math.Abs(dir[2]) < 1e-15 {
		return p, false
	}
	return p.Add(dir.Mul((z - p[2]) / dir[2])), true
}

func v3(p geom.Vec2, z float64) geom.Vec3 { return geom.Vec3{p[0], p[1], z} }
