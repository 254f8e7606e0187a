package engrave

import "math"

// distanceTransform returns, for each pixel of a w×h mask, the squared
// Euclidean distance in pixels from its centre to the nearest pixel centre
// outside the mask (0 outside); pixels beyond the raster count as outside.
// It is exact: a first pass finds each pixel's distance to the nearest
// outside pixel in its column (two linear scans, done a row at a time), and
// a second takes, along each row, the lower envelope of the parabolas
// (x−p)² + g(p)² (Felzenszwalb & Huttenlocher, "Distance Transforms of
// Sampled Functions", Theory of Computing 8, 2012).
func distanceTransform(in []bool, w, h int) []float64 {
	g := make([]int32, w*h)
	// down: distance to the nearest outside pixel at or above (border at −1)
	for x := 0; x < w; x++ {
		if in[x] {
			g[x] = 1
		}
	}
	for y := 1; y < h; y++ {
		row, prev, m := g[y*w:(y+1)*w], g[(y-1)*w:y*w], in[y*w:(y+1)*w]
		for x := range row {
			if m[x] {
				row[x] = prev[x] + 1
			}
		}
	}
	// up: the nearest at or below (border at h)
	for x := 0; x < w; x++ {
		if in[(h-1)*w+x] {
			g[(h-1)*w+x] = 1
		}
	}
	for y := h - 2; y >= 0; y-- {
		row, next := g[y*w:(y+1)*w], g[(y+1)*w:(y+2)*w]
		for x := range row {
			if n := next[x] + 1; n < row[x] {
				row[x] = n
			}
		}
	}
	d := make([]float64, w*h)
	f := make([]float64, w)
	v := make([]int, w+1)
	z := make([]float64, w+2)
	for y := 0; y < h; y++ {
		grow := g[y*w : (y+1)*w]
		for x, c := range grow {
			f[x] = float64(c) * float64(c)
		}
		edt1(f, d[y*w:(y+1)*w], v, z)
	}
	return d
}

// edt1 writes to out the 1D squared distance transform of f: out[q] =
// min_p (q−p)² + f[p], with the samples just outside the line (at −1 and
// len(f)) counting as zeros. v and z are scratch of len(f)+1 and len(f)+2.
func edt1(f, out []float64, v []int, z []float64) {
	n := len(f)
	k := 0
	v[0] = 0
	z[0] = math.Inf(-1)
	z[1] = math.Inf(1)
	for p := 1; p < n; p++ {
		fp := f[p] + float64(p*p)
		for {
			q := v[k]
			s := (fp - (f[q] + float64(q*q))) / float64(2*(p-q))
			if s <= z[k] {
				if k > 0 {
					k--
					continue
				}
				// the new parabola is lowest everywhere the old one was
				v[0] = p
				break
			}
			k++
			v[k] = p
			z[k] = s
			z[k+1] = math.Inf(1)
			break
		}
	}
	j := 0
	for q := 0; q < n; q++ {
		for z[j+1] < float64(q) {
			j++
		}
		dq := float64(q - v[j])
		best := dq*dq + f[v[j]]
		if b := float64((q + 1) * (q + 1)); b < best {
			best = b
		}
		if b := float64((n - q) * (n - q)); b < best {
			best = b
		}
		out[q] = best
	}
}
