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
// ridge, and the thinnest place of a stroke is a saddle of D: a pixel whose
// D is a maximum across the stroke (against both neighbours in one of four
// directions) and a minimum along it (against both neighbours in the
// perpendicular direction, and against the pixels two steps along, so that
// the rounding of a slowly tapering tail does not pass for a neck). The
// smallest feature is 2·D − pitch/2 at the lowest saddle, to about ±pitch;
// a region without saddles (a dot, a triangle) gives the diameter of its
// largest inscribed disc. Tips of wedges and corners are not
// saddles (D grows steadily away from them), so a sharp corner does not
// count as a thin line, while a neck, a hairline or a thin ridge does.
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
	best := math.Inf(1)
	at := func(x, y int) float64 { return d2[y*w+x] }
	at2 := func(x, y int) float64 { // at, with the raster's surroundings outside
		if x < 0 || y < 0 || x >= w || y >= h {
			return 0
		}
		return d2[y*w+x]
	}
	dirs := [4][2]int{{1, 0}, {0, 1}, {1, 1}, {1, -1}}
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			v := at(x, y)
			if v == 0 || v >= best {
				continue
			}
			for k, d := range dirs {
				p := dirs[k^1] // perpendicular: {1,0}↔{0,1}, {1,1}↔{1,-1}
				if v >= at(x+d[0], y+d[1]) && v >= at(x-d[0], y-d[1]) &&
					v <= at(x+p[0], y+p[1]) && v <= at(x-p[0], y-p[1]) &&
					v <= at2(x+2*p[0], y+2*p[1]) && v <= at2(x-2*p[0], y-2*p[1]) {
					best = v
					break
				}
			}
		}
	}
	if math.IsInf(best, 1) {
		// No saddle: every stroke ends in tips (a dot, a wedge); its
		// deepest point gives its width.
		for _, v := range d2 {
			if v > 0 && (math.IsInf(best, 1) || v > best) {
				best = v
			}
		}
	}
	if math.IsInf(best, 1) {
		return 0, pitch
	}
	return math.Max(2*math.Sqrt(best)*pitch-pitch/2, pitch/2), pitch
}

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
