package engrave

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

const fingerprintPath = "../../shared/testdata/fingerprint-whorl.png"

func fingerprint(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(fingerprintPath)
	if err != nil {
		// shared/ sits beside the repository (DESIGN.md); a clone without it skips.
		tb.Skipf("fingerprint sample: %v", err)
	}
	return b
}

func encodePNG(tb testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestImageFingerprint(t *testing.T) {
	tr, err := Image{Data: fingerprint(t), WidthMM: 8}.Trace()
	if err != nil {
		t.Fatal(err)
	}
	if w := tr.Bounds.Size()[0]; math.Abs(w-8) > 0.05 {
		t.Errorf("width %.4f mm, want 8 ± 0.05", w)
	}
	if c := tr.Bounds.Min.Add(tr.Bounds.Max); math.Abs(c[0]) > 1e-9 || math.Abs(c[1]) > 1e-9 {
		t.Errorf("bounds %v not centred", tr.Bounds)
	}
	f := Measure(tr.Region)
	canvas := float64(tr.Width*tr.Height) * tr.PixelMM * tr.PixelMM
	frac := f.AreaMM2 / canvas
	if math.Abs(frac-tr.CutFraction) > 0.02*tr.CutFraction {
		t.Errorf("traced area fraction %.4f, thresholded pixels %.4f: differ by more than 2%%", frac, tr.CutFraction)
	}
	// EvenOdd-clean: the signed contour areas add up to the fill-rule area.
	var signed float64
	for _, c := range tr.Region.Contours {
		signed += c.Area()
	}
	if math.Abs(signed-f.AreaMM2) > 1e-6*f.AreaMM2 {
		t.Errorf("signed contour area %.6f, fill-rule area %.6f", signed, f.AreaMM2)
	}
	if f.Crossings != 0 {
		t.Errorf("%d crossing edge pairs, want 0", f.Crossings)
	}
	if tr.Region.Fill != geom.EvenOdd {
		t.Errorf("fill %v, want EvenOdd", tr.Region.Fill)
	}
	// The ridges of a whorl engraved 8 mm wide are a tenth of a mm: the
	// report must be able to warn about them.
	if !f.Thin() || !(f.SmallestFeatureMM > 0.02) {
		t.Errorf("smallest feature %.3f mm: want a real width under 0.3 mm", f.SmallestFeatureMM)
	}
	t.Logf("threshold %.3f, cut %.4f, traced %.4f, %d contours, %d points, %d specks, area %.3f mm², smallest feature %.3f mm",
		tr.Threshold, tr.CutFraction, frac, f.Contours, f.Points, tr.Specks, f.AreaMM2, f.SmallestFeatureMM)
}

// disc draws a black disc (and, when hole > 0, a white disc inside it) on white.
func disc(n int, r, hole float64) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, n, n))
	c := float64(n) / 2
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			d := math.Hypot(float64(x)+0.5-c, float64(y)+0.5-c)
			v := uint8(255)
			if d < r && d >= hole {
				v = 0
			}
			img.SetGray(x, y, color.Gray{v})
		}
	}
	return img
}

func TestImageDiscAndRing(t *testing.T) {
	// A ring 10 mm across with a 5 mm hole: area π(5² − 2.5²).
	const n, r = 200, 80.0
	tr, err := Image{Data: encodePNG(t, disc(n, r, r/2)), WidthMM: 10}.Trace()
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Region.Contours) != 2 {
		t.Fatalf("%d contours, want 2", len(tr.Region.Contours))
	}
	a0, a1 := tr.Region.Contours[0].Area(), tr.Region.Contours[1].Area()
	if !(a0*a1 < 0) {
		t.Errorf("contour areas %g, %g: want an outer (CCW) and a hole (CW)", a0, a1)
	}
	want := math.Pi * (25 - 6.25)
	f := Measure(tr.Region)
	// The staircase of a binary disc 160 pixels across, traced at
	// sub-pixel, errs by under half a pixel (0.03 mm) along the rims.
	rimTol := 0.5 * tr.PixelMM * 2 * math.Pi * (5 + 2.5)
	if math.Abs(f.AreaMM2-want) > rimTol {
		t.Errorf("ring area %.4f mm², want %.4f ± %.4f", f.AreaMM2, want, rimTol)
	}
	// Each rim of a binary disc wanders up to about ¾ pixel from the true
	// circle, so the ring's narrowest place may be 1.5 pixels thinner.
	if math.Abs(f.SmallestFeatureMM-2.5) > 2*f.PitchMM+1.5*tr.PixelMM {
		t.Errorf("ring width measured %.4f mm, want 2.5", f.SmallestFeatureMM)
	}
	// Inverted: the white around and inside is cut instead, within the image.
	inv, err := Image{Data: encodePNG(t, disc(n, r, r/2)), WidthMM: 10, Invert: true}.Trace()
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Region.Contours) != 3 { // canvas outline, ring's outer rim, inner disc
		t.Errorf("inverted: %d contours, want 3", len(inv.Region.Contours))
	}
}

func TestImageJPEGAndThreshold(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, disc(120, 50, 0), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	for _, th := range []float64{0, 0.5} {
		tr, err := Image{Data: buf.Bytes(), WidthMM: 6, Threshold: th}.Trace()
		if err != nil {
			t.Fatal(err)
		}
		f := Measure(tr.Region)
		if want := math.Pi * 9; math.Abs(f.AreaMM2-want) > 0.02*want {
			t.Errorf("threshold %g: JPEG disc area %.4f mm², want %.4f ± 2%%", th, f.AreaMM2, want)
		}
	}
}

func TestImageSpecksDropped(t *testing.T) {
	img := disc(100, 40, 0)
	// salt noise: lone black pixels and a 3×3 speck far from the disc
	for _, p := range [][2]int{{2, 2}, {97, 3}, {5, 95}} {
		img.SetGray(p[0], p[1], color.Gray{0})
	}
	for y := 90; y < 93; y++ {
		for x := 90; x < 93; x++ {
			img.SetGray(x, y, color.Gray{0})
		}
	}
	tr, err := Image{Data: encodePNG(t, img), WidthMM: 8, MinFeatureMM: 0.5}.Trace()
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Region.Contours) != 1 || tr.Specks != 1 {
		t.Errorf("%d contours, %d specks dropped: want the disc alone, the 3×3 speck dropped", len(tr.Region.Contours), tr.Specks)
	}
	if w := tr.Bounds.Size()[0]; math.Abs(w-8) > 1e-9 {
		t.Errorf("width %.4f, want the disc 8 mm wide", w)
	}
}

// pngHeader returns a PNG signature and IHDR chunk claiming w×h pixels,
// with no image data.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit greyscale
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestImageOversizeRefusedBeforeDecoding(t *testing.T) {
	_, err := Image{Data: pngHeader(10000, 10000), WidthMM: 8}.Trace()
	// The header alone has no pixels: an error about size, not about
	// missing data, shows nothing was decoded.
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "10000×10000") || !strings.Contains(err.Error(), "25 MP") {
		t.Fatalf("err %v, want the 100 MP header refused", err)
	}
	_, err = Image{Data: pngHeader(30000, 10), WidthMM: 8}.Trace()
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "30000×10") {
		t.Errorf("err %v, want a 30000-pixel side refused", err)
	}
}

func TestImageErrors(t *testing.T) {
	good := encodePNG(t, disc(20, 8, 0))
	white := encodePNG(t, disc(20, 0, 0))
	for _, tc := range []struct {
		name string
		im   Image
		want string
	}{
		{"empty", Image{WidthMM: 8}, "image: empty"},
		{"garbage", Image{Data: []byte("hello, not an image"), WidthMM: 8}, "image: unreadable"},
		{"truncated", Image{Data: good[:len(good)/2], WidthMM: 8}, "unreadable"},
		{"width", Image{Data: good}, "width_mm 0"},
		{"threshold", Image{Data: good, WidthMM: 8, Threshold: 1}, "threshold 1"},
		{"min feature", Image{Data: good, WidthMM: 8, MinFeatureMM: -1}, "min_feature_mm -1"},
		{"tolerance", Image{Data: good, WidthMM: 8, Tolerance: -0.1}, "tolerance -0.1"},
		{"blank", Image{Data: white, WidthMM: 8}, "nothing to cut"},
	} {
		_, err := tc.im.Trace()
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want ErrInvalid with %q", tc.name, err, tc.want)
		}
	}
}

func TestImageNoCrossings(t *testing.T) {
	// Noisy grey with thin diagonal strokes and saddles: traced contours
	// must stay simple and apart.
	const n = 96
	img := image.NewGray(image.Rect(0, 0, n, n))
	seed := uint32(1)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			seed = seed*1664525 + 1013904223
			v := 128 + 100*math.Sin(float64(x+y)/2.3)*math.Cos(float64(x-y)/3.1) + float64(seed>>26) - 32
			img.SetGray(x, y, color.Gray{uint8(min(max(v, 0), 255))})
		}
	}
	for _, tol := range []float64{0, 0.05, 0.5} {
		tr, err := Image{Data: encodePNG(t, img), WidthMM: 5, Tolerance: tol, MinFeatureMM: 0.01}.Trace()
		if err != nil {
			t.Fatal(err)
		}
		if n := Crossings(tr.Region); n != 0 {
			t.Errorf("tolerance %g: %d crossing edge pairs", tol, n)
		}
	}
}

func FuzzImage(f *testing.F) {
	f.Add(pngHeader(3, 3))
	f.Add(encodePNG(f, disc(16, 6, 2)))
	var buf bytes.Buffer
	jpeg.Encode(&buf, disc(16, 6, 0), nil)
	f.Add(buf.Bytes())
	f.Add([]byte("GIF89a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := Image{Data: data, WidthMM: 5}.Trace()
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if w := tr.Bounds.Size()[0]; math.Abs(w-5) > 1e-9 {
			t.Fatalf("width %g", w)
		}
		if n := Crossings(tr.Region); n != 0 {
			t.Fatalf("%d crossings", n)
		}
	})
}
