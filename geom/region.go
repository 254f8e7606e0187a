package geom

// Contour is a closed 2D polyline in millimetres; the last point joins the
// first (it is not repeated).
type Contour []Vec2

// FillRule says which points a set of contours encloses.
type FillRule int

// Fill rules.
const (
	// NonZero encloses points around which the contours wind a non-zero number
	// of times (fonts' rule: overlapping strokes union).
	NonZero FillRule = iota
	// EvenOdd encloses points that an odd number of contours surround
	// (traced bitmaps: a hole is a contour inside another).
	EvenOdd
)

// Region is a 2D area in millimetres bounded by contours, read with its fill
// rule: glyph outlines, a traced fingerprint, a pendant's outline with holes.
type Region struct {
	Contours []Contour
	Fill     FillRule
}

// Area returns the signed area of a contour in mm², positive when it runs
// counter-clockwise.
func (c Contour) Area() float64 { return polygonArea2(c) / 2 }
