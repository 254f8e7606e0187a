package engrave

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"
)

// TestRangeMessagesPrintNumbers: the upper bounds of the cap height, an
// image's width, min_feature_mm and line_spacing were untyped integer
// constants formatted with %g and read "%!g(int=200)" in the error.
func TestRangeMessagesPrintNumbers(t *testing.T) {
	png := encodePNG(t, disc(20, 8, 0))
	for _, tc := range []struct {
		err  error
		want string
	}{
		{Text{Text: "A"}.Validate(), "cap_height_mm 0: allowed 0.1 to 200 mm"},
		{Text{Text: "A", CapHeightMM: 2, LineSpacing: 20}.Validate(), "line_spacing 20: allowed 0.5 to 10 cap heights"},
		{Image{Data: png}.Validate(), "width_mm 0: allowed 0.5 to 200 mm"},
		{Image{Data: png, WidthMM: 5, MinFeatureMM: 11}.Validate(), "min_feature_mm 11: allowed 0 to 10 mm"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) || strings.Contains(tc.err.Error(), "%!") {
			t.Errorf("got %v, want %q", tc.err, tc.want)
		}
	}
}

// grid returns a w×h image, black where dark(x, y).
func grid(w, h int, dark func(x, y int) bool) image.Image {
	im := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g := uint8(255)
			if dark(x, y) {
				g = 0
			}
			im.SetGray(x, y, color.Gray{g})
		}
	}
	return im
}

// TestImageNothingToCutSaysWhy: an image with nothing left to cut says
// which of three things happened, and when the image is too narrow for its
// features, the width_mm from which it traces — which it does.
func TestImageNothingToCutSaysWhy(t *testing.T) {
	white := encodePNG(t, grid(40, 40, func(x, y int) bool { return false }))
	dot := encodePNG(t, grid(50, 50, func(x, y int) bool { return x == 25 && y == 25 }))
	check4 := encodePNG(t, grid(64, 64, func(x, y int) bool { return (x/4+y/4)%2 == 0 }))
	for _, tc := range []struct {
		name string
		im   Image
		want string
	}{
		{"white", Image{Data: white, WidthMM: 5}, "no pixel is dark"},
		{"black inverted", Image{Data: encodePNG(t, grid(8, 8, func(x, y int) bool { return true })), WidthMM: 5, Invert: true}, "no pixel is light"},
		{"one pixel", Image{Data: dot, WidthMM: 5}, "its 1 dark pixels are specks"},
	} {
		_, err := tc.im.Trace()
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "nothing to cut") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want ErrInvalid saying %q", tc.name, err, tc.want)
		}
	}
	// 4-pixel squares 1 mm wide over 64 pixels: 0.0625 mm, under the
	// 0.1 mm features kept
	_, err := Image{Data: check4, WidthMM: 1}.Trace()
	var from float64
	if err == nil || !strings.Contains(err.Error(), "width_mm 1:") {
		t.Fatalf("got %v, want an error naming width_mm 1", err)
	}
	msg := err.Error()
	if _, e := fmt.Sscanf(msg[strings.Index(msg, "allowed width_mm from "):], "allowed width_mm from %g mm", &from); e != nil {
		t.Fatalf("%v: no width allowed (%v)", err, e)
	}
	// 16 squares across, each at least 0.1 mm wide once traced (their
	// corners are cut off): from a little over 1.6 mm
	if !(from > 1.6 && from < 3) {
		t.Errorf("allowed from %g mm, want 1.6 to 3", from)
	}
	if _, err := (Image{Data: check4, WidthMM: from}).Trace(); err != nil {
		t.Errorf("at the allowed width_mm %g: %v", from, err)
	}
	if _, err := (Image{Data: check4, WidthMM: from - 0.02}).Trace(); err == nil {
		t.Errorf("0.02 mm under the allowed width_mm %g traced", from)
	}
}

// TestImageBlackAndWhiteKeepsItsSize: in a two-level image Otsu's method
// has a whole gap of equally good thresholds; the first of them put the
// outline a 255th of a pixel from the black pixels' centres, so every
// shape lost half a pixel all round (two 4-pixel squares traced 3 pixels
// wide) and a one-pixel checkerboard traced as specks that no width kept.
// The middle of the gap puts the outline on the pixels' edges.
func TestImageBlackAndWhiteKeepsItsSize(t *testing.T) {
	sq := encodePNG(t, grid(16, 8, func(x, y int) bool { return y >= 2 && y < 6 && (x >= 2 && x < 6 || x >= 10 && x < 14) }))
	tr, err := Image{Data: sq, WidthMM: 12}.Trace()
	if err != nil {
		t.Fatal(err)
	}
	if tr.Threshold < 0.45 || tr.Threshold > 0.55 {
		t.Errorf("threshold %.3f, want the middle of the gap, 0.5", tr.Threshold)
	}
	// 12 pixels of ink 12 mm wide: 4 mm tall squares (3.27 mm when they
	// lost half a pixel all round and the ink measured 11 pixels), a little
	// less where smoothing rounds their corners
	if h := tr.Bounds.Max[1] - tr.Bounds.Min[1]; h < 3.85 || h > 4.01 {
		t.Errorf("two 4-pixel squares 12 mm across traced %.3f mm tall, want 4", h)
	}
	check1 := encodePNG(t, grid(64, 64, func(x, y int) bool { return (x+y)%2 == 0 }))
	if _, err := (Image{Data: check1, WidthMM: 12}).Trace(); err != nil {
		t.Errorf("a one-pixel checkerboard 12 mm wide: %v", err)
	}
}
