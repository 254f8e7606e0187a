package render

import (
	"bytes"
	"context"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// TestPreviews renders the three product shots; with MANDREL_RENDER_OUT set
// to a folder it writes them there for people to look at.
func TestPreviews(t *testing.T) {
	out := os.Getenv("MANDREL_RENDER_OUT")
	for _, c := range []struct {
		name string
		m    func(testing.TB) *geom.Model
		opt  Options
	}{
		{"band", goldBand, Options{Width: 512}},
		{"solitaire", solitaire, Options{Width: 512}},
		{"pendant", pendant, Options{Width: 512, View: ViewFront}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := c.m(t)
			for _, bg := range []color.Color{nil, color.White} {
				opt := c.opt
				opt.Background = bg
				img, err := Render(context.Background(), m, &opt)
				if err != nil {
					t.Fatal(err)
				}
				if out != "" {
					var b bytes.Buffer
					if err := WritePNG(&b, img); err != nil {
						t.Fatal(err)
					}
					name := c.name
					if bg == nil {
						name += "-alpha"
					}
					if err := os.WriteFile(filepath.Join(out, name+".png"), b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
}
