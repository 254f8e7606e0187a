package engrave

import "github.com/mandrel3d/mandrel/geom"

// marchingSquares traces the zero level of a gw×gh field (row 0 at the
// bottom; grid point (i, j) at (i−0.5, j−0.5), so the unpadded image spans
// [0, w]×[0, h]) into closed contours with the positive side on their left:
// outer boundaries counter-clockwise, holes clockwise. The border of the
// field must be negative. Crossing points are interpolated linearly along
// cell edges. A saddle cell (diagonal corners alike) joins its positive
// corners when the mean of its four corners is positive. Each crossing
// point lies on its own cell edge, so contours neither cross nor touch.
func marchingSquares(f []float32, gw, gh int) []geom.Contour {
	// Edge ids: horizontal edge from (i, j) to (i+1, j) is 2(j·gw+i),
	// vertical edge from (i, j) to (i, j+1) is 2(j·gw+i)+1.
	next := make([]int32, 2*gw*gh)
	for i := range next {
		next[i] = -1
	}
	pos := func(i, j int) bool { return f[j*gw+i] > 0 }
	for j := 0; j+1 < gh; j++ {
		for i := 0; i+1 < gw; i++ {
			c := [4]bool{pos(i, j), pos(i+1, j), pos(i+1, j+1), pos(i, j+1)}
			if c[0] == c[1] && c[1] == c[2] && c[2] == c[3] {
				continue
			}
			// cell edges k between corner k and corner k+1, counter-clockwise
			ids := [4]int32{
				int32(2 * (j*gw + i)),
				int32(2*(j*gw+i+1) + 1),
				int32(2 * ((j+1)*gw + i)),
				int32(2*(j*gw+i) + 1),
			}
			saddle := c[0] == c[2] && c[1] == c[3]
			joined := false
			if saddle {
				m := f[j*gw+i] + f[j*gw+i+1] + f[(j+1)*gw+i+1] + f[(j+1)*gw+i]
				joined = m > 0
			}
			for k := 0; k < 4; k++ {
				if !c[k] || c[(k+1)%4] {
					continue // not a positive → negative edge
				}
				var end int
				if saddle && !joined {
					end = (k + 3) % 4
				} else {
					for m := 1; m < 4; m++ {
						e := (k + m) % 4
						if !c[e] && c[(e+1)%4] {
							end = e
							break
						}
					}
				}
				next[ids[k]] = ids[end]
			}
		}
	}
	point := func(id int32) geom.Vec2 {
		v := int(id) / 2
		i, j := v%gw, v/gw
		i2, j2 := i+1, j
		if id%2 == 1 {
			i2, j2 = i, j+1
		}
		a, b := float64(f[j*gw+i]), float64(f[j2*gw+i2])
		t := a / (a - b)
		t = min(max(t, 1.0/1024), 1-1.0/1024)
		return geom.Vec2{float64(i) - 0.5 + t*float64(i2-i), float64(j) - 0.5 + t*float64(j2-j)}
	}
	var out []geom.Contour
	for start := range next {
		if next[start] < 0 {
			continue
		}
		var c geom.Contour
		for id := int32(start); next[id] >= 0; {
			c = append(c, point(id))
			n := next[id]
			next[id] = -1
			id = n
		}
		if len(c) >= 3 {
			out = append(out, c)
		}
	}
	return out
}
