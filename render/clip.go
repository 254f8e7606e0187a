package render

import "github.com/mandrel3d/mandrel/geom"

// guardBand is how far outside the image, in samples, a vertex may project
// before its triangle is clipped in 3D: far enough that few triangles need
// clipping, near enough that fixed-point edge functions cannot overflow
// (coordinates stay below 2^26 subsample units, products below 2^53).
func guardBand(b *basis) float64 {
	return float64(max(b.w, b.h))
}

// clipPlanes returns the five planes, as (a, b, c, d) with a·x + b·y + c·z +
// d ≥ 0 inside, in camera coordinates (x right, y up, z forward): the near
// plane and the four sides of the guard band.
func clipPlanes(b *basis) [5][4]float64 {
	g := guardBand(b)
	f := b.focal
	w, h := float64(b.w), float64(b.h)
	return [5][4]float64{
		{0, 0, 1, -b.near},
		{f, 0, b.cx + g, 0},      // x_screen ≥ −g
		{-f, 0, w + g - b.cx, 0}, // x_screen ≤ w + g
		{0, -f, b.cy + g, 0},     // y_screen ≥ −g
		{0, f, h + g - b.cy, 0},  // y_screen ≤ h + g
	}
}

// clipPolygon clips the convex polygon poly (camera coordinates) against
// every plane, Sutherland–Hodgman, reusing buf; it returns the clipped
// polygon (possibly empty).
func clipPolygon(poly []geom.Vec3, planes *[5][4]float64, buf []geom.Vec3) []geom.Vec3 {
	cur := poly
	for _, pl := range planes {
		if len(cur) == 0 {
			return cur
		}
		out := buf[:0]
		dist := func(p geom.Vec3) float64 { return pl[0]*p[0] + pl[1]*p[1] + pl[2]*p[2] + pl[3] }
		prev := cur[len(cur)-1]
		dp := dist(prev)
		for _, p := range cur {
			d := dist(p)
			if (d >= 0) != (dp >= 0) {
				t := dp / (dp - d)
				out = append(out, prev.Add(p.Sub(prev).Mul(t)))
			}
			if d >= 0 {
				out = append(out, p)
			}
			prev, dp = p, d
		}
		// Swap buffers: the next pass reads out and writes into the old cur's
		// storage when that was a scratch buffer.
		next := make([]geom.Vec3, len(out))
		copy(next, out)
		cur = next
	}
	return cur
}
