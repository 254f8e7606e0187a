package engrave

import "testing"

// BenchmarkTextForever lays out the SPEC example engraving.
func BenchmarkTextForever(b *testing.B) {
	tx := Text{Text: "FOREVER 2026", CapHeightMM: 1.5}
	for b.Loop() {
		if _, err := tx.Layout(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImageFingerprint traces the sample whorl 8 mm wide.
func BenchmarkImageFingerprint(b *testing.B) {
	im := Image{Data: fingerprint(b), WidthMM: 8}
	for b.Loop() {
		if _, err := im.Trace(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMeasureFingerprint measures the traced whorl (area, smallest
// feature on a 0.01 mm raster, crossings).
func BenchmarkMeasureFingerprint(b *testing.B) {
	r, err := Image{Data: fingerprint(b), WidthMM: 8}.Region()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Measure(r)
	}
}

// BenchmarkMeasureText measures the SPEC example engraving.
func BenchmarkMeasureText(b *testing.B) {
	r, err := Text{Text: "FOREVER 2026", CapHeightMM: 1.5}.Region()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Measure(r)
	}
}
