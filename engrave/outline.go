package engrave

import (
	"math"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/mandrel3d/mandrel/geom"
)

// flattenOutline turns a glyph outline (font units, y up) into closed
// polygons in font units whose chords stay within tol font units of the
// quadratic and cubic Bézier curves. Contours are oriented so that the
// glyph's total signed area is positive (outer contours counter-clockwise),
// whatever convention the font uses (TrueType draws outers clockwise, CFF
// counter-clockwise). Degenerate contours (fewer than three distinct points)
// are dropped.
func flattenOutline(o font.GlyphOutline, tol float64) []geom.Contour {
	var out []geom.Contour
	var cur geom.Contour
	var pen geom.Vec2
	closeCur := func() {
		if c := cleanContour(cur); c != nil {
			out = append(out, c)
		}
		cur = nil
	}
	pt := func(p ot.SegmentPoint) geom.Vec2 { return geom.Vec2{float64(p.X), float64(p.Y)} }
	for _, s := range o.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			closeCur()
			pen = pt(s.Args[0])
			cur = append(cur, pen)
		case ot.SegmentOpLineTo:
			pen = pt(s.Args[0])
			cur = append(cur, pen)
		case ot.SegmentOpQuadTo:
			c, e := pt(s.Args[0]), pt(s.Args[1])
			// B'' = 2(p0 − 2c + e) is constant; a chord over a parameter
			// step h deviates at most |B''|h²/8 from the curve.
			d := pen.Sub(c.Mul(2)).Add(e).Len()
			n := stepsFor(2*d, tol)
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				cur = append(cur, pen.Mul(u*u).Add(c.Mul(2*u*t)).Add(e.Mul(t*t)))
			}
			pen = e
		case ot.SegmentOpCubeTo:
			c1, c2, e := pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2])
			// |B''| ≤ 6·max(|p0 − 2c1 + c2|, |c1 − 2c2 + e|).
			d := math.Max(pen.Sub(c1.Mul(2)).Add(c2).Len(), c1.Sub(c2.Mul(2)).Add(e).Len())
			n := stepsFor(6*d, tol)
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				cur = append(cur, pen.Mul(u*u*u).Add(c1.Mul(3*u*u*t)).Add(c2.Mul(3*u*t*t)).Add(e.Mul(t*t*t)))
			}
			pen = e
		}
	}
	closeCur()
	var total float64
	for _, c := range out {
		total += c.Area()
	}
	if total < 0 {
		for _, c := range out {
			reverse(c)
		}
	}
	return out
}

// stepsFor returns how many equal parameter steps keep the chord error of a
// curve whose second derivative is bounded by d2 within tol: d2·h²/8 ≤ tol.
func stepsFor(d2, tol float64) int {
	n := math.Ceil(math.Sqrt(d2 / (8 * tol)))
	if !(n >= 1) {
		return 1
	}
	return int(min(n, 256))
}

// cleanContour drops repeated points (including a last point equal to the
// first) and returns nil when fewer than three points or no area remain.
func cleanContour(c geom.Contour) geom.Contour {
	if len(c) == 0 {
		return nil
	}
	out := c[:1]
	for _, p := range c[1:] {
		if p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	if len(out) < 3 || out.Area() == 0 {
		return nil
	}
	return out
}

func reverse(c geom.Contour) {
	for i, j := 0, len(c)-1; i < j; i, j = i+1, j-1 {
		c[i], c[j] = c[j], c[i]
	}
}
