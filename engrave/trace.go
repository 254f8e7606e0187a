package engrave

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Trace decodes the image and traces its dark (or, with Invert, light)
// areas into outlines WidthMM wide:
//
//  1. the header is checked (DecodeConfig) before decoding: at most
//     MaxImagePixels and MaxImageSide;
//  2. the image becomes grey levels (Rec. 601 luma, transparency over
//     white), averaged down to at most 4 MP;
//  3. the threshold is Image.Threshold, or Otsu's when 0;
//  4. a 3×3 majority filter removes single-pixel noise;
//  5. marching squares traces the boundary at sub-pixel precision by
//     interpolating the grey levels, giving closed contours that neither
//     cross nor touch;
//  6. islands and holes under MinFeatureMM² are dropped;
//  7. contours are lightly smoothed and simplified (Douglas–Peucker)
//     within Tolerance; if that made any two edges meet, the unsimplified
//     contours are kept instead;
//  8. the outlines are scaled so their width is WidthMM and centred on the
//     origin.
//
// Errors wrap ErrInvalid and name the field: a bad parameter, an empty,
// unreadable or oversized image, or an image with nothing to cut.
func (im Image) Trace() (*Traced, error) {
	if err := im.Validate(); err != nil {
		return nil, err
	}
	grey, w, h, err := decodeGrey(im.Data)
	if err != nil {
		return nil, err
	}
	out := &Traced{Width: w, Height: h}
	var hist [256]int
	for _, g := range grey {
		hist[g]++
	}
	level := im.Threshold * 255
	if im.Threshold == 0 {
		k, ok := otsu(&hist)
		if !ok {
			k = 127
		}
		level = float64(k) + 0.5
	}
	out.Threshold = level / 255
	cut := 0
	for g, n := range hist {
		if (float64(g) < level) != im.Invert {
			cut += n
		}
	}
	out.CutFraction = float64(cut) / float64(w*h)

	// Trace on a grid of at most maxTracePixels.
	gw, gh := w, h
	factor := 1
	if w*h > maxTracePixels {
		factor = int(math.Ceil(math.Sqrt(float64(w*h) / maxTracePixels)))
		grey, gw, gh = downsample(grey, w, h, factor)
	}
	field := cutField(grey, gw, gh, level, im.Invert)
	raw := marchingSquares(field, gw+2, gh+2)
	if len(raw) == 0 {
		what := "dark"
		if im.Invert {
			what = "light"
		}
		if cut == 0 {
			return nil, invalidf("image: nothing to cut at threshold %.3f (invert %v): no pixel is %s: allowed an image with %s areas to cut (or invert it)", out.Threshold, im.Invert, what, what)
		}
		return nil, invalidf("image: nothing to cut at threshold %.3f (invert %v): its %d %s pixels are specks and lines 1 pixel wide, which the 3×3 noise filter removes: allowed strokes at least 2 pixels wide", out.Threshold, im.Invert, cut, what)
	}

	// Scale (mm per grid unit) from the width of what is kept; dropping
	// specks can narrow it, so repeat until it settles.
	minFeature := im.MinFeatureMM
	if minFeature == 0 {
		minFeature = DefaultMinFeatureMM
	}
	kept := raw
	var scale float64
	for iter := 0; iter < 8; iter++ {
		b := contoursBounds(kept)
		scale = im.WidthMM / (b.Max[0] - b.Min[0])
		minArea := minFeature * minFeature / (scale * scale)
		next := kept[:0:0]
		for _, c := range kept {
			if math.Abs(c.Area()) >= minArea {
				next = append(next, c)
			}
		}
		if len(next) == 0 {
			// the width at which the largest area reaches minFeature²
			var most float64
			for _, c := range kept {
				most = math.Max(most, math.Abs(c.Area()))
			}
			need := math.Ceil(minFeature*(b.Max[0]-b.Min[0])/math.Sqrt(most)*100) / 100
			allowed := fmt.Sprintf("allowed width_mm from %g mm for this image", need)
			if !(need <= MaxImageWidthMM) {
				allowed = fmt.Sprintf("no width_mm up to %g mm keeps any", float64(MaxImageWidthMM))
			}
			return nil, invalidf("image: nothing to cut at width_mm %g: every area to cut is smaller than %g × %g mm (min_feature_mm): %s", im.WidthMM, minFeature, minFeature, allowed)
		}
		if len(next) == len(kept) {
			break
		}
		kept = next
	}
	out.Specks = len(raw) - len(kept)

	tol := toleranceOrDefault(im.Tolerance) / scale
	final := make([]geom.Contour, 0, len(kept))
	for _, c := range kept {
		if s := simplifyClosed(smooth(c), tol); s != nil {
			final = append(final, s)
		}
	}
	if len(final) != len(kept) || Crossings(geom.Region{Contours: final}) != 0 {
		final = kept
	}

	b := contoursBounds(final)
	scale = im.WidthMM / (b.Max[0] - b.Min[0])
	cx, cy := (b.Min[0]+b.Max[0])/2, (b.Min[1]+b.Max[1])/2
	region := geom.Region{Fill: geom.EvenOdd, Contours: make([]geom.Contour, len(final))}
	for i, c := range final {
		mc := make(geom.Contour, len(c))
		for k, p := range c {
			mc[k] = geom.Vec2{(p[0] - cx) * scale, (p[1] - cy) * scale}
		}
		region.Contours[i] = mc
	}
	out.Region = region
	out.Bounds = RegionBounds(region)
	out.PixelMM = scale * float64(gw) / float64(w)
	return out, nil
}

// cutField returns the padded (w+2)×(h+2) grid, row 0 at the bottom, of
// values positive where the pixel is cut and negative elsewhere, with the
// border outside. Values are the grey level's distance from the threshold,
// so that marching squares places the boundary between pixel centres where
// the grey crosses the threshold; a 3×3 majority filter first decides which
// pixels are cut, and a pixel it changed gets a fixed value of that sign.
func cutField(grey []uint8, w, h int, level float64, invert bool) []float32 {
	isCut := func(g uint8) bool { return (float64(g) < level) != invert }
	// count of cut pixels in each 3×3 neighbourhood, via row sums
	rows := make([]uint8, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := uint8(0)
			for dx := -1; dx <= 1; dx++ {
				if xx := x + dx; xx >= 0 && xx < w && isCut(grey[y*w+xx]) {
					n++
				}
			}
			rows[y*w+x] = n
		}
	}
	const flipped = 16 // grey levels from the threshold for a pixel the filter changed
	gw := w + 2
	field := make([]float32, gw*(h+2))
	for i := range field {
		field[i] = -flipped
	}
	for y := 0; y < h; y++ {
		j := h - y // padded row, y up
		for x := 0; x < w; x++ {
			n := rows[y*w+x]
			if y > 0 {
				n += rows[(y-1)*w+x]
			}
			if y+1 < h {
				n += rows[(y+1)*w+x]
			}
			g := grey[y*w+x]
			v := float32(level - float64(g))
			if invert {
				v = -v
			}
			if n >= 5 { // cut
				if !(v > 0) {
					v = flipped
				}
			} else if v > 0 {
				v = -flipped
			} else if v == 0 {
				v = -1.0 / 64
			}
			field[j*gw+x+1] = v
		}
	}
	return field
}

// contoursBounds returns the bounds of a set of contours.
func contoursBounds(cs []geom.Contour) Bounds {
	return RegionBounds(geom.Region{Contours: cs})
}
