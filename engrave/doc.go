// Package engrave turns text and bitmaps into 2D regions in millimetres
// (geom.Region) that the kernel cuts into a builder's surface, and measures
// them for the report.
//
// # Text
//
// [Text] lays out one or more lines at a cap height in mm with a built-in
// font ("sans" Go Regular, "serif" Noto Serif, "mono" Go Mono, "script"
// Dancing Script) or the bytes of any TrueType/OpenType file. Shaping is
// HarfBuzz's (github.com/go-text/typesetting): kerning, ligatures, Arabic
// joining, Devanagari conjuncts and marks; lines are split into runs by the
// Unicode bidirectional algorithm, so Hebrew and Arabic read right to left
// inside any line. Characters the chosen font lacks are drawn from shipped
// fallbacks (Noto Sans Hebrew, Arabic and Devanagari, then Go Regular and
// Noto Serif); characters no font has are an error that lists them.
// Curves are flattened within a chord tolerance (0.01 mm by default).
//
// # Images
//
// [Image] traces a PNG or JPEG: dark pixels are cut unless Invert. The
// header is checked before decoding (at most 25 MP), the threshold is
// Otsu's unless given, noise and specks are removed, and the boundary is
// traced at sub-pixel precision, simplified within a tolerance and scaled
// to a width in mm.
//
// # Conventions
//
// Coordinates are millimetres with y up; regions come centred on the
// origin (text: its capitals' band, see [TextLayout]; images: their
// bounds). Outer contours run counter-clockwise, holes clockwise. Text
// regions use the NonZero rule (glyphs may overlap where a script joins
// them); traced images use EvenOdd and their contours never cross or touch.
//
// # Facts
//
// [Measure] gives a region's area under its fill rule, its bounds and its
// smallest feature (the width of its thinnest stroke), so the caller can
// warn about lines thinner than [MinFeatureWarnMM].
//
// # Errors
//
// Bad input returns an error wrapping [ErrInvalid] that names the field,
// its value and the allowed range; nothing panics on any input, and the
// work done for untrusted input is bounded (text length, image size,
// contour points). Library code never prints.
//
// # Fonts shipped
//
// engrave/fonts holds Noto Serif, Noto Sans Hebrew, Noto Sans Arabic, Noto
// Sans Devanagari and Dancing Script, unmodified, under the SIL Open Font
// License 1.1 ([LicenseText] returns the notices and licence). The Go fonts
// come with golang.org/x/image under its BSD licence.
package engrave
