package render

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"

	"github.com/fogleman/gg"
	"github.com/mandrel3d/mandrel/geom"
)

// SheetView is one panel of a spec sheet: a named view and the dimensions
// drawn on it.
type SheetView struct {
	View       string // one of Views
	Caption    string // written under the panel; "" means the view's name
	Dimensions []Dimension
	Labels     []Label
}

// Sheet is a spec sheet: several views of the model side by side on one
// image, with a title and the figures of the piece. The figures are plain
// text the caller formats (ring size in every standard, metal weight,
// carats); render knows nothing of rings.
type Sheet struct {
	Title string
	// Lines are the figures, one per line, written under the views.
	Lines []string
	// Views are the panels, left to right; nil means front, side, top and
	// three-quarter without dimensions.
	Views []SheetView
	// Width is the sheet's width in pixels, 256..MaxSize; 0 means 2048.
	// The height follows from the panels and the lines.
	Width int
	// Background is the sheet's colour; nil means white.
	Background color.Color
	// SSAA is the views' samples per pixel, as in Options.
	SSAA int
}

// RenderSheet renders the spec sheet of m.
func RenderSheet(ctx context.Context, m *geom.Model, sh *Sheet) (*image.RGBA, error) {
	if sh == nil {
		sh = &Sheet{}
	}
	w := sh.Width
	if w == 0 {
		w = 2048
	}
	if w < 256 || w > MaxSize {
		return nil, fmt.Errorf("%w: sheet width %d: allowed 256 to %d pixels", ErrOptions, w, MaxSize)
	}
	views := sh.Views
	if views == nil {
		for _, v := range []string{ViewFront, ViewSide, ViewTop, ViewThreeQuarter} {
			views = append(views, SheetView{View: v})
		}
	}
	if len(views) == 0 || len(views) > 8 {
		return nil, fmt.Errorf("%w: sheet has %d views: allowed 1 to 8", ErrOptions, len(views))
	}
	bg := sh.Background
	if bg == nil {
		bg = color.White
	}
	cell := w / len(views)
	fs := float64(w) / 70
	titleH := 0
	if sh.Title != "" {
		titleH = int(fs * 3)
	}
	capH := int(fs * 2)
	linesH := int(float64(len(sh.Lines))*fs*1.6 + fs*1.5)
	h := titleH + cell + capH + linesH
	sheet := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	for i, v := range views {
		opt := &Options{Width: cell, Height: cell, View: v.View, Background: bg, SSAA: sh.SSAA, Margin: 0.16}
		if err := opt.Validate(); err != nil {
			return nil, fmt.Errorf("sheet view %d: %w", i, err)
		}
		img, err := Render(ctx, m, opt)
		if err != nil {
			return nil, err
		}
		cam, err := FrameModel(m, opt)
		if err != nil {
			return nil, err
		}
		panel, err := DrawOverlay(img, cam, &Overlay{Dimensions: v.Dimensions, Labels: v.Labels, FontPx: fs * 0.9})
		if err != nil {
			return nil, err
		}
		draw.Draw(sheet, image.Rect(i*cell, titleH, (i+1)*cell, titleH+cell), panel, image.Point{}, draw.Src)
	}
	dc := gg.NewContextForRGBA(sheet)
	ink := color.NRGBA{30, 30, 34, 255}
	if sh.Title != "" {
		f, err := face(fs*1.5, true)
		if err != nil {
			return nil, err
		}
		dc.SetFontFace(f)
		dc.SetColor(ink)
		dc.DrawStringAnchored(sh.Title, fs, float64(titleH)/2, 0, 0.35)
	}
	f, err := face(fs, false)
	if err != nil {
		return nil, err
	}
	dc.SetFontFace(f)
	dc.SetColor(color.NRGBA{110, 110, 116, 255})
	for i, v := range views {
		c := v.Caption
		if c == "" {
			c = v.View
		}
		dc.DrawStringAnchored(c, float64(i*cell+cell/2), float64(titleH+cell)+float64(capH)/2, 0.5, 0.35)
	}
	dc.SetColor(color.NRGBA{200, 200, 204, 255})
	dc.SetLineWidth(max(1, fs/14))
	y0 := float64(titleH + cell + capH)
	dc.DrawLine(fs, y0, float64(w)-fs, y0)
	dc.Stroke()
	dc.SetColor(ink)
	for i, l := range sh.Lines {
		dc.DrawStringAnchored(l, fs, y0+fs*1.4+float64(i)*fs*1.6, 0, 0.35)
	}
	return sheet, nil
}
