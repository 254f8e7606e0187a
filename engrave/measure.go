package engrave

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Measurement resolution.
const (
	// MeasurePitchMM is the pixel size, in mm, of the raster on which
	// Measure finds the smallest feature: a width is known to about one
	// pitch, a thirtieth of the 0.3 mm engraving limit (REFERENCE.md).
	MeasurePitchMM = 0.01
	// maxMeasurePixels caps that raster (about 2 M pixels, 16 MB); larger
	// regions are measured with a coarser pitch.
	maxMeasurePixels = 2_000_000
	// MinFeatureWarnMM is the narrowest line that laser engraving or casting
	// holds (REFERENCE.md: engraving line ≥ 0.3 mm wide); callers warn below it.
	MinFeatureWarnMM = 0.3
)

// Facts are the measurements of a region a report needs.
type Facts struct {
	// AreaMM2 is the area the region covers under its fill rule, in mm²
	// (overlapping contours count once).
	AreaMM2 float64
	// Bounds is the box around every contour point, in mm.
	Bounds Bounds
	// SmallestFeatureMM is the width in mm of the thinnest stroke: the
	// diameter of the largest disc that fits across the region's narrowest
	// neck (see Measure). 0 for an empty region.
	SmallestFeatureMM float64
	// PitchMM is the raster pitch used for SmallestFeatureMM, its accuracy.
	PitchMM float64
	// Contours and Points count the region's contours and their points.
	Contours, Points int
	// Crossings counts pairs of edges that meet other than at a shared
	// vertex of consecutive edges (see Crossings).
	Crossings int
}

// Thin reports whether the region has a stroke narrower than MinFeatureWarnMM.
func (f Facts) Thin() bool {
	return f.Contours > 0 && f.SmallestFeatureMM < MinFeatureWarnMM
}

// Measure returns the area, bounds and smallest feature of a region.
//
// Area is exact: the covered length of a horizontal line is linear in y
// between vertex heights and edge crossings, so each slab is integrated
// exactly by its midpoint under the fill rule.
//
// The smallest feature is found on a raster of pitch MeasurePitchMM (coarser
// for regions over 2 M pixels): the exact Euclidean distance transform
// (Felzenszwalb & Huttenlocher 2012) gives each inside pixel its distance D
// to the nearest outside pixel. A stroke's width is twice D on its medial
// ridge, and the thinnest place of a stroke is a saddle of D: a ridge pixel
// whose D is a maximum across the stroke and, three pixels away on either
// side along it, no more than 0.6 pixel lower (tested in 8 directions; see
// saddleDirs). The smallest feature is 2·D − pitch/2 at the lowest saddle,
// to about ±pitch; lines one or two pixels wide are found next to the
// outside. Corners and tips of wedges wider than about 23° are not saddles
// (D falls steadily toward them), so a sharp corner does not count
// as a thin line, while a neck, a hairline or a thin ridge does; a region
// without saddles (a dot, a triangle) gives the diameter of its largest
// inscribed disc.
func Measure(r geom.Region) Facts {
	f := Facts{Bounds: RegionBounds(r), Contours: len(r.Contours)}
	for _, c := range r.Contours {
		f.Points += len(c)
	}
	if f.Points == 0 {
		f.Bounds = Bounds{}
		return f
	}
	f.AreaMM2 = fillArea(r)
	f.Crossings = Crossings(r)
	f.SmallestFeatureMM, f.PitchMM = smallestFeature(r, f.Bounds)
	return f
}

// smallestFeature implements the saddle search described at Measure.
func smallestFeature(r geom.Region, b Bounds) (width, pitch float64) {
	size := b.Size()
	if !(size[0] > 0 && size[1] > 0) {
		return 0, 0
	}
	pitch = MeasurePitchMM
	const margin = 2
	if px := (size[0]/pitch + 2*margin) * (size[1]/pitch + 2*margin); px > maxMeasurePixels {
		pitch *= math.Sqrt(px / maxMeasurePixels)
	}
	w := int(math.Ceil(size[0]/pitch)) + 2*margin
	h := int(math.Ceil(size[1]/pitch)) + 2*margin
	ox := b.Min[0] - margin*pitch
	oy := b.Min[1] - margin*pitch
	in := rasterize(r, w, h, ox, oy, pitch)
	d2 := distanceTransform(in, w, h)
	dist := make([]float32, len(d2))
	for i, v := range d2 {
		dist[i] = float32(math.Sqrt(v))
	}
	// D at a point between pixel centres, bilinearly; 0 beyond the raster.
	sample := func(x, y float64) float32 {
		x0, y0 := math.Floor(x), math.Floor(y)
		i, j := int(x0), int(y0)
		if i < 0 || j < 0 || i+1 >= w || j+1 >= h {
			return 0
		}
		fx, fy := float32(x-x0), float32(y-y0)
		k := j*w + i
		a := dist[k] + (dist[k+1]-dist[k])*fx
		b := dist[k+w] + (dist[k+w+1]-dist[k+w])*fx
		return a + (b-a)*fy
	}
	var dirs [saddleDirs][2]float64
	for k := range dirs {
		a := math.Pi * float64(k) / saddleDirs
		dirs[k] = [2]float64{math.Cos(a), math.Sin(a)}
	}
	grid := [4]int{1, w, w + 1, w - 1}
	best := float32(math.Inf(1))
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			i := y*w + x
			v := dist[i]
			if v == 0 || v >= best {
				continue
			}
			if v < 1.5 {
				// next to the outside: only a line one or two pixels wide
				// that goes on two pixels each way is a saddle here (the
				// pixels along an edge or in a notch are not)
				if hairline(dist, i, w) {
					best = v
				}
				continue
			}
			// a ridge pixel: at least level with both neighbours in one grid
			// direction and above one of them
			ridge := false
			for _, d := range grid {
				if a, b := dist[i+d], dist[i-d]; v >= a && v >= b && (v > a || v > b) {
					ridge = true
					break
				}
			}
			if !ridge {
				continue
			}
			fx, fy := float64(x), float64(y)
			for _, u := range dirs {
				// across u: a maximum; along u⊥: no lower than v − slack
				if sample(fx+u[0], fy+u[1]) > v || sample(fx-u[0], fy-u[1]) > v {
					continue
				}
				px, py := -u[1]*saddleReach, u[0]*saddleReach
				if sample(fx+px, fy+py) >= v-saddleSlack && sample(fx-px, fy-py) >= v-saddleSlack {
					best = v
					break
				}
			}
		}
	}
	if !math.IsInf(float64(best), 1) {
		return math.Max(2*float64(best)*pitch-pitch/2, pitch/2), pitch
	}
	// No saddle: every stroke ends in tips (a dot, a triangle); its
	// deepest point gives its width.
	var deepest float32
	for _, v := range dist {
		deepest = max(deepest, v)
	}
	if deepest == 0 {
		return 0, pitch
	}
	return math.Max(2*float64(deepest)*pitch-pitch/2, pitch/2), pitch
}

// hairline reports whether pixel i lies in a line one or two pixels wide
// across one grid direction that stays inside two pixels each way along it.
func hairline(dist []float32, i, w int) bool {
	for _, d := range [2][2]int{{1, w}, {w, 1}} {
		a, p := d[0], d[1] // across, along
		thin := dist[i-a] == 0 && (dist[i+a] == 0 || i+2*a < len(dist) && dist[i+2*a] == 0)
		if thin && i-2*p >= 0 && i+2*p < len(dist) && dist[i-2*p] > 0 && dist[i+2*p] > 0 {
			return true
		}
	}
	return false
}

// The saddle test of Measure looks across and along a ridge pixel in
// saddleDirs directions, along it saddleReach pixels each way, and accepts
// a drop of saddleSlack pixels there: the ridge of a stroke slanting
// between two test directions (at most 90°/saddleDirs off) passes within
// saddleReach·sin(90°/saddleDirs) ≈ 0.6 pixels of the sampled points, and
// the distance falls by about that much off the ridge. A taper whose
// distance falls faster (a wedge wider than 2·asin(slack/reach) ≈ 23°,
// every corner of a letter) is a tip, not a line.
const (
	saddleDirs  = 8
	saddleReach = 3
	saddleSlack = 0.6
)

// rasterize returns a w×h mask (row 0 at the bottom) of the pixels whose
// centres the region covers under its fill rule.
func rasterize(r geom.Region, w, h int, ox, oy, pitch float64) []bool {
	in := make([]bool, w*h)
	es := regionEdges(r)
	var active []*edge
	var xs []crossing
	next := 0
	for j := 0; j < h; j++ {
		y := oy + (float64(j)+0.5)*pitch
		n := 0
		for _, e := range active {
			if e.y1 > y {
				active[n] = e
				n++
			}
		}
		active = active[:n]
		for next < len(es) && es[next].y0 <= y {
			if es[next].y1 > y {
				active = append(active, &es[next])
			}
			next++
		}
		row := in[j*w : (j+1)*w]
		xs = spans(active, y, r.Fill, xs, func(x0, x1 float64) {
			// pixels i with centre ox+(i+0.5)·pitch in [x0, x1)
			i0 := int(math.Ceil((x0-ox)/pitch - 0.5))
			i1 := int(math.Ceil((x1-ox)/pitch - 0.5))
			for i := max(i0, 0); i < min(i1, w); i++ {
				row[i] = true
			}
		})
	}
	return in
}
