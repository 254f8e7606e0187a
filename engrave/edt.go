package engrave

import "math"

// distanceTransform returns, for each pixel of a w×h mask, the squared
// Euclidean distance in pixels from its centre to the nearest pixel centre
// outside the mask (0 outside). It is exact, in two passes of the 1D lower
// envelope of parabolas (Felzenszwalb & Huttenlocher, "Distance Transforms
// of Sampled Functions", Theory of Computing 8, 2012). Pixels beyond the
// raster count as outside.
func distanceTransform(in []bool, w, h int) []float64 {
	d := make([]float64, w*h)
	n := max(w, h) + 1
	f := make([]float64, n)
	out := make([]float64, n)
	v := make([]int, n+1)
	z := make([]float64, n+2)
	inf := float64(w*w + h*h + 4)
	// columns
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			if in[y*w+x] {
				f[y] = inf
			} else {
				f[y] = 0
			}
		}
		edt1(f[:h], out[:h], v, z)
		for y := 0; y < h; y++ {
			d[y*w+x] = out[y]
		}
	}
	// rows
	for y := 0; y < h; y++ {
		row := d[y*w : (y+1)*w]
		copy(f, row)
		edt1(f[:w], out[:w], v, z)
		copy(row, out[:w])
	}
	return d
}

// edt1 writes to out the 1D squared distance transform of f: out[q] =
// min_p (q−p)² + f[p], with the samples just outside the line (at −1 and
// len(f)) counting as zeros. v and z are scratch of len(f)+1 or more.
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
			if s <= z[k] && k > 0 {
				k--
				continue
			}
			if s <= z[k] {
				// k == 0: the new parabola replaces the only one
				v[0] = p
				z[0] = math.Inf(-1)
				z[1] = math.Inf(1)
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
		dq := float64(q-v[j])
		b := math.Min(float64((q+1)*(q+1)), float64((n-q)*(n-q)))
		out[q] = math.Min(dq*dq+f[v[j]], b)
	}
}
