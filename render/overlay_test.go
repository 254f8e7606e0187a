package render

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"os"
	"path/filepath"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// TestDimensionLine draws a dimension on a blank image and checks that the
// line lies where the camera projects the measured points, offset as asked.
func TestDimensionLine(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 200, 160))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	cam := Camera{Eye: geom.Vec3{0, -50, 0}, Target: geom.Vec3{}, Up: geom.Vec3{0, 0, 1}, FovDeg: 20, Width: 200, Height: 160}
	a, b := geom.Vec3{-5, 0, 0}, geom.Vec3{5, 0, 0}
	out, err := DrawOverlay(img, cam, &Overlay{Dimensions: []Dimension{{From: a, To: b, OffsetPx: -30}}, FontPx: 12})
	if err != nil {
		t.Fatal(err)
	}
	if o := os.Getenv("MANDREL_RENDER_OUT"); o != "" {
		f, _ := os.Create(filepath.Join(o, "dim.png"))
		WritePNG(f, out)
		f.Close()
	}
	ax, ay, _, _ := cam.Project(a)
	bx, _, _, _ := cam.Project(b)
	// Offset −30 is to the right of a→b (left to right on screen): below.
	y := int(ay + 30)
	dark := func(x, y int) bool { c := out.RGBAAt(x, y); return c.R < 200 }
	x := int(ax + (bx-ax)*0.25)
	if !dark(x, y) && !dark(x, y-1) && !dark(x, y+1) {
		t.Errorf("no dimension line at (%d, %d)", x, y)
	}
	if dark(x, int(ay)+15) == false && dark(int(ax), int(ay)+15) == false {
		t.Errorf("no extension line at x=%d", int(ax))
	}
	if dark(x, int(ay)-20) {
		t.Errorf("ink above the measured points at (%d, %d)", x, int(ay)-20)
	}
}

// TestSheet renders a spec sheet; with MANDREL_RENDER_OUT set it is written
// there for people to look at.
func TestSheet(t *testing.T) {
	m := solitaire(t)
	r := 8.66
	sh := &Sheet{
		Title: "Solitaire — 6.5 mm round diamond, six prongs",
		Lines: []string{"Size: US 7 · UK N½ · EU 54.4 · JP 14 · inner Ø 17.32 mm", "Metal: 18k yellow gold, 2.9 g", "Stone: 1.00 ct round brilliant diamond, 6.5 mm"},
		Views: []SheetView{
			{View: ViewFront, Dimensions: []Dimension{{From: geom.Vec3{-r, 0, 0}, To: geom.Vec3{r, 0, 0}, Label: "Ø 17.32 mm"}}},
			{View: ViewSide, Dimensions: []Dimension{{From: geom.Vec3{0, -1.1, -r - 1.6}, To: geom.Vec3{0, 1.1, -r - 1.6}, Label: "2.2 mm", OffsetPx: -12}}},
			{View: ViewTop, Dimensions: []Dimension{{From: geom.Vec3{-3.25, 0, 14}, To: geom.Vec3{3.25, 0, 14}, Label: "6.5 mm"}}},
			{View: ViewThreeQuarter},
		},
		Width: 1600,
	}
	img, err := RenderSheet(context.Background(), m, sh)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 1600 {
		t.Fatalf("sheet width %d", img.Bounds().Dx())
	}
	// Every panel shows the model: some pixels far from white.
	cell := 1600 / 4
	for i := 0; i < 4; i++ {
		n := 0
		for y := 0; y < cell; y++ {
			for x := i * cell; x < (i+1)*cell; x++ {
				c := img.RGBAAt(x, y+int(1600/70*3))
				if int(c.R)+int(c.G)+int(c.B) < 500 {
					n++
				}
			}
		}
		if n < 500 {
			t.Errorf("panel %d: only %d model pixels", i, n)
		}
	}
	if out := os.Getenv("MANDREL_RENDER_OUT"); out != "" {
		f, err := os.Create(filepath.Join(out, "sheet.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := WritePNG(f, img); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := RenderSheet(context.Background(), m, &Sheet{Width: 10}); err == nil {
		t.Error("sheet width 10 accepted")
	}
	_ = color.White
}
