package render

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"

	"github.com/fogleman/gg"
	"github.com/golang/freetype/truetype"
	"github.com/mandrel3d/mandrel/geom"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Dimension is a distance between two model points, drawn as a technical
// dimension line: extension lines from both points, a line with arrowheads
// beside them and a label.
type Dimension struct {
	From, To geom.Vec3 // the measured points, mm, model space
	// Label is the text; "" means the distance From–To as "%.2f mm".
	Label string
	// OffsetPx is how far, in pixels, the line stands beside the segment
	// From–To, on its left seen from From toward To (negative: on the
	// right); 0 means 3 font heights.
	OffsetPx float64
}

// Label is a note pointing at a model point: the text is written at the
// point moved by (DX, DY) pixels, with a leader line back to the point.
type Label struct {
	At     geom.Vec3 // mm, model space
	Text   string
	DX, DY float64 // pixels; both 0 draws the text at the point, without a leader
}

// Overlay is what DrawOverlay adds to a rendering.
type Overlay struct {
	Dimensions []Dimension
	Labels     []Label
	// Color of lines and text; nil means a dark grey.
	Color color.Color
	// FontPx is the text height in pixels; 0 means 1/40 of the image
	// height (at least 10).
	FontPx float64
}

var (
	fontOnce          sync.Once
	fontReg, fontBold *truetype.Font
	fontErr           error
)

// face returns a Go font face of the given pixel size (Go fonts, BSD
// licence, embedded in golang.org/x/image).
func face(px float64, bold bool) (font.Face, error) {
	fontOnce.Do(func() {
		fontReg, fontErr = truetype.Parse(goregular.TTF)
		if fontErr == nil {
			fontBold, fontErr = truetype.Parse(gobold.TTF)
		}
	})
	if fontErr != nil {
		return nil, fontErr
	}
	f := fontReg
	if bold {
		f = fontBold
	}
	return truetype.NewFace(f, &truetype.Options{Size: px, DPI: 72, Hinting: font.HintingNone}), nil
}

// DrawOverlay draws ov over img, placing model points with cam (the camera
// the rendering used: FrameModel with the same options). It returns a new
// image; img is not changed.
func DrawOverlay(img image.Image, cam Camera, ov *Overlay) (*image.RGBA, error) {
	if _, err := cam.basis(); err != nil {
		return nil, err
	}
	dc := gg.NewContextForImage(img)
	if ov == nil {
		return dc.Image().(*image.RGBA), nil
	}
	fs := ov.FontPx
	if fs == 0 {
		fs = max(10, float64(img.Bounds().Dy())/40)
	}
	if !(fs >= 4 && fs <= 1000) {
		return nil, fmt.Errorf("%w: overlay font_px %g: allowed 4 to 1000 pixels", ErrOptions, fs)
	}
	f, err := face(fs, false)
	if err != nil {
		return nil, err
	}
	dc.SetFontFace(f)
	col := ov.Color
	if col == nil {
		col = color.NRGBA{40, 40, 44, 255}
	}
	off := image.Point{}
	if r := img.Bounds(); r.Min != (image.Point{}) {
		off = r.Min
	}
	proj := func(p geom.Vec3) (float64, float64, bool) {
		x, y, _, ok := cam.Project(p)
		return x - float64(off.X), y - float64(off.Y), ok
	}
	lw := max(1, fs/12)
	for _, d := range ov.Dimensions {
		ax, ay, ok1 := proj(d.From)
		bx, by, ok2 := proj(d.To)
		if !ok1 || !ok2 {
			continue
		}
		text := d.Label
		if text == "" {
			text = fmt.Sprintf("%.2f mm", d.To.Sub(d.From).Len())
		}
		drawDimension(dc, ax, ay, bx, by, d.OffsetPx, fs, lw, col, text)
	}
	for _, l := range ov.Labels {
		x, y, ok := proj(l.At)
		if !ok {
			continue
		}
		tx, ty := x+l.DX, y+l.DY
		if l.DX != 0 || l.DY != 0 {
			dc.SetColor(col)
			dc.SetLineWidth(lw)
			dc.DrawLine(x, y, tx, ty)
			dc.Stroke()
			dc.DrawCircle(x, y, lw*1.8)
			dc.Fill()
		}
		ax := 0.0
		if l.DX < 0 {
			ax = 1
		}
		textBox(dc, l.Text, tx+(0.5-ax)*fs*0.6, ty, ax, fs, col)
	}
	return dc.Image().(*image.RGBA), nil
}

// drawDimension draws one dimension line from a to b in pixels.
func drawDimension(dc *gg.Context, ax, ay, bx, by, offset, fs, lw float64, col color.Color, text string) {
	dx, dy := bx-ax, by-ay
	l := math.Hypot(dx, dy)
	if l < 1 {
		return
	}
	ux, uy := dx/l, dy/l
	nx, ny := uy, -ux // left of a→b on the y-down image
	if offset == 0 {
		offset = 3 * fs
	}
	gap := fs * 0.3
	ext := fs * 0.4
	s := math.Copysign(1, offset)
	// Extension lines.
	dc.SetColor(col)
	dc.SetLineWidth(lw)
	for _, p := range [2][2]float64{{ax, ay}, {bx, by}} {
		dc.DrawLine(p[0]+nx*gap*s, p[1]+ny*gap*s, p[0]+nx*(offset+ext*s), p[1]+ny*(offset+ext*s))
	}
	dc.Stroke()
	// The dimension line with arrowheads.
	pax, pay := ax+nx*offset, ay+ny*offset
	pbx, pby := bx+nx*offset, by+ny*offset
	dc.DrawLine(pax, pay, pbx, pby)
	dc.Stroke()
	ah := min(fs*0.7, l/3)
	aw := ah * 0.35
	for _, a := range [2][4]float64{{pax, pay, ux, uy}, {pbx, pby, -ux, -uy}} {
		dc.MoveTo(a[0], a[1])
		dc.LineTo(a[0]+a[2]*ah+a[3]*aw, a[1]+a[3]*ah-a[2]*aw)
		dc.LineTo(a[0]+a[2]*ah-a[3]*aw, a[1]+a[3]*ah+a[2]*aw)
		dc.ClosePath()
		dc.Fill()
	}
	// The label sits beyond the line, centred.
	mx, my := (pax+pbx)/2+nx*fs*0.9*s, (pay+pby)/2+ny*fs*0.9*s
	textBox(dc, text, mx, my, 0.5, fs, col)
}

// textBox writes text anchored at (x, y) (ax: 0 left, 0.5 centre, 1 right;
// vertically centred) on a translucent white plate so it reads over the
// model.
func textBox(dc *gg.Context, text string, x, y, ax, fs float64, col color.Color) {
	w, _ := dc.MeasureString(text)
	pad := fs * 0.25
	dc.SetRGBA(1, 1, 1, 0.8)
	dc.DrawRoundedRectangle(x-ax*w-pad, y-fs*0.6-pad/2, w+2*pad, fs*1.2+pad, pad)
	dc.Fill()
	dc.SetColor(col)
	dc.DrawStringAnchored(text, x, y, ax, 0.35)
}
