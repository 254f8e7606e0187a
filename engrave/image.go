package engrave

import (
	"bytes"
	"image"
	_ "image/jpeg" // JPEG decoding for Image
	_ "image/png"  // PNG decoding for Image

	"github.com/mandrel3d/mandrel/geom"
)

// Limits of an Image.
const (
	// MaxImagePixels is the largest image accepted, in pixels (25 MP),
	// checked from the header before anything is decoded.
	MaxImagePixels = 25_000_000
	// MaxImageSide is the longest side accepted, in pixels.
	MaxImageSide = 20_000
	// MinImageWidthMM and MaxImageWidthMM bound Image.WidthMM.
	MinImageWidthMM = 0.5
	MaxImageWidthMM = 200.0
	// DefaultMinFeatureMM is the speck size used when Image.MinFeatureMM is
	// 0: dark islands (and holes) under 0.1 × 0.1 mm are dropped.
	DefaultMinFeatureMM = 0.1
	// MaxMinFeatureMM bounds Image.MinFeatureMM.
	MaxMinFeatureMM = 10.0
	// maxTracePixels caps the grid that is traced: larger images are
	// averaged down by a whole factor first, which bounds time and memory
	// (a 25 MP photo engraved 8 mm wide has pixels far below any tool).
	maxTracePixels = 4_000_000
)

// Image is an engraving traced from a PNG or JPEG bitmap (a fingerprint, a
// child's drawing, a signature): dark pixels are cut unless Invert is set.
type Image struct {
	// Data is the PNG or JPEG file. At most MaxImagePixels pixels and
	// MaxImageSide pixels a side; checked from the header before decoding.
	Data []byte
	// WidthMM is the width in mm of the traced engraving (the ink, not the
	// canvas), from MinImageWidthMM to MaxImageWidthMM. Required.
	WidthMM float64
	// Threshold is the grey level, from 0 (black) to 1 (white) exclusive,
	// below which a pixel is dark. 0 chooses it by Otsu's method.
	Threshold float64
	// Invert cuts the light pixels instead of the dark ones.
	Invert bool
	// MinFeatureMM drops islands and holes whose area is under
	// MinFeatureMM², in mm, from 0 to MaxMinFeatureMM; 0 means
	// DefaultMinFeatureMM.
	MinFeatureMM float64
	// Tolerance is the largest distance in mm the simplified outline may
	// stray from the traced one, from MinToleranceMM to MaxToleranceMM;
	// 0 means DefaultToleranceMM.
	Tolerance float64
}

// Validate reports every bad parameter of im except the image bytes, which
// Trace checks, each error naming the field, its value and range.
func (im Image) Validate() error {
	var errs []error
	if len(im.Data) == 0 {
		errs = append(errs, invalidf("image: empty (0 bytes), want a PNG or JPEG file"))
	}
	if w := im.WidthMM; !(w >= MinImageWidthMM && w <= MaxImageWidthMM) {
		errs = append(errs, invalidf("width_mm %g: allowed %g to %g mm", w, MinImageWidthMM, MaxImageWidthMM))
	}
	if t := im.Threshold; !(t >= 0 && t < 1) {
		errs = append(errs, invalidf("threshold %g: allowed 0 (automatic) to below 1", t))
	}
	if m := im.MinFeatureMM; !(m >= 0 && m <= MaxMinFeatureMM) {
		errs = append(errs, invalidf("min_feature_mm %g: allowed 0 to %g mm (0 = %g)", m, MaxMinFeatureMM, DefaultMinFeatureMM))
	}
	if err := checkTolerance(im.Tolerance); err != nil {
		errs = append(errs, err)
	}
	return joinErrs(errs)
}

// Traced is a traced Image.
type Traced struct {
	// Region holds the outlines with the EvenOdd rule, centred on the
	// origin, y up, in mm. Contours are simple polygons that neither cross
	// nor touch; outer contours run counter-clockwise and holes clockwise.
	Region geom.Region
	// Bounds is the box around the outlines, in mm: WidthMM wide.
	Bounds Bounds
	// PixelMM is the size of one image pixel in mm.
	PixelMM float64
	// Width and Height are the image's size in pixels.
	Width, Height int
	// Threshold is the grey level used, 0 to 1 (Otsu's when asked for 0).
	Threshold float64
	// CutFraction is the fraction of the image's pixels that the threshold
	// (and Invert) marks to be cut, before noise removal.
	CutFraction float64
	// Specks is the number of islands and holes dropped as smaller than
	// MinFeatureMM².
	Specks int
}

// Region returns the traced outlines (Trace(...).Region).
func (im Image) Region() (geom.Region, error) {
	t, err := im.Trace()
	if err != nil {
		return geom.Region{}, err
	}
	return t.Region, nil
}

// decodeGrey checks the header, decodes the image and returns its grey
// levels (0 black to 255 white, row 0 at the top), composited over white
// where it is transparent.
func decodeGrey(data []byte) (grey []uint8, w, h int, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, invalidf("image: unreadable (%d bytes): %v; want PNG or JPEG", len(data), err)
	}
	w, h = cfg.Width, cfg.Height
	if w < 1 || h < 1 || w > MaxImageSide || h > MaxImageSide {
		return nil, 0, 0, invalidf("image: %s of %d×%d pixels: each side must be 1 to %d pixels", format, w, h, MaxImageSide)
	}
	if int64(w)*int64(h) > MaxImagePixels {
		return nil, 0, 0, invalidf("image: %s of %d×%d pixels (%.1f MP): allowed at most %d MP", format, w, h, float64(w)*float64(h)/1e6, MaxImagePixels/1_000_000)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, invalidf("image: %s of %d×%d pixels: unreadable: %v", format, w, h, err)
	}
	b := img.Bounds()
	if b.Dx() != w || b.Dy() != h {
		return nil, 0, 0, invalidf("image: %s header says %d×%d pixels, data %d×%d", format, w, h, b.Dx(), b.Dy())
	}
	grey = make([]uint8, w*h)
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < h; y++ {
			copy(grey[y*w:(y+1)*w], m.Pix[y*m.Stride:y*m.Stride+w])
		}
	case *image.YCbCr:
		for y := 0; y < h; y++ {
			copy(grey[y*w:(y+1)*w], m.Y[y*m.YStride:y*m.YStride+w])
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4]
				l := luma(uint32(p[0])*0x101, uint32(p[1])*0x101, uint32(p[2])*0x101)
				a := uint32(p[3]) * 0x101
				grey[y*w+x] = uint8((l*a + 0xffff*(0xffff-a)) / 0xffff >> 8)
			}
		}
	case *image.RGBA:
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4]
				// premultiplied: over white adds (1 − α)·white
				l := luma(uint32(p[0])*0x101, uint32(p[1])*0x101, uint32(p[2])*0x101) + (0xffff - uint32(p[3])*0x101)
				grey[y*w+x] = uint8(min(l, 0xffff) >> 8)
			}
		}
	default:
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				// premultiplied: over white adds (1 − α)·white
				r, g, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				l := luma(r, g, bl) + (0xffff - a)
				grey[y*w+x] = uint8(min(l, 0xffff) >> 8)
			}
		}
	}
	return grey, w, h, nil
}

// luma is the Rec. 601 luma of 16-bit components, as color.GrayModel.
func luma(r, g, b uint32) uint32 {
	return (19595*r + 38470*g + 7471*b + 1<<15) >> 16
}

// otsu returns the grey level k that best splits the histogram into a dark
// class (≤ k) and a light one, maximising the between-class variance
// (N. Otsu, IEEE Trans. SMC 9(1), 1979). ok is false when the image has a
// single grey level.
//
// Every k across a gap of unused grey levels splits the classes alike; the
// middle of the gap is taken, so that the outline, interpolated between
// pixel centres where the grey crosses the level, lies half way between a
// black pixel and a white one. (The first k of the gap put it a 255th of
// the way from the black pixel: a black-and-white drawing lost half a
// pixel all round, and a one-pixel checkerboard traced as specks.)
func otsu(hist *[256]int) (k int, ok bool) {
	var total, sum float64
	for i, n := range hist {
		total += float64(n)
		sum += float64(i) * float64(n)
	}
	var w0, sum0, best float64
	best = -1
	last := 0 // the last k of best's gap
	for i := 0; i < 255; i++ {
		w0 += float64(hist[i])
		sum0 += float64(i) * float64(hist[i])
		w1 := total - w0
		if w0 == 0 || w1 == 0 {
			continue
		}
		m0, m1 := sum0/w0, (sum-sum0)/w1
		v := w0 * w1 * (m0 - m1) * (m0 - m1)
		if v > best {
			best, k, last = v, i, i
		} else if last == i-1 && hist[i] == 0 && v == best {
			last = i
		}
	}
	return (k + last) / 2, best >= 0
}

// downsample averages f×f blocks of a w×h grey image.
func downsample(grey []uint8, w, h, f int) ([]uint8, int, int) {
	nw, nh := (w+f-1)/f, (h+f-1)/f
	out := make([]uint8, nw*nh)
	for y := 0; y < nh; y++ {
		for x := 0; x < nw; x++ {
			var s, n int
			for yy := y * f; yy < min((y+1)*f, h); yy++ {
				for xx := x * f; xx < min((x+1)*f, w); xx++ {
					s += int(grey[yy*w+xx])
					n++
				}
			}
			out[y*nw+x] = uint8((s + n/2) / n)
		}
	}
	return out, nw, nh
}
