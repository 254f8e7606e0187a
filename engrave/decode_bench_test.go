package engrave

import (
	"bytes"
	"image/png"
	"testing"
)

// BenchmarkPNGDecodeFingerprint is the standard library's share of
// BenchmarkImageFingerprint: decoding the PNG alone.
func BenchmarkPNGDecodeFingerprint(b *testing.B) {
	data := fingerprint(b)
	for b.Loop() {
		if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
