package render

import (
	"image"
	"image/png"
	"io"
)

// WritePNG encodes img as PNG to w. The encoding is deterministic: the same
// image always gives the same bytes (fixed compression level, no time or
// metadata chunks).
func WritePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	return enc.Encode(w, img)
}
