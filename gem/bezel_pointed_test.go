package gem

import (
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// TestBezelPointed: bezels, open and as cups, around cuts with pointed
// corners at lengths 2.4 to 40 mm (a 40 mm pear's lip and a 2.4 mm heart's
// wall in its notch once folded): every part passes the full Check, no metal
// vertex lies inside the stone, the bezel holds it (its lip within 0.05 mm
// of the crown), and a cup keeps a light hole of 15 % of the width.
func TestBezelPointed(t *testing.T) {
	ratio := map[Cut]float64{Trillion: 1, Pear: 1.5, Marquise: 2, Heart: 1, Princess: 1, Baguette: 2.5}
	for _, cut := range []Cut{Pear, Marquise, Heart, Trillion, Princess, Baguette} {
		for _, l := range []float64{2.4, 3, 5, 6.5, 8, 10, 14, 40} {
			for _, cup := range []bool{false, true} {
				g, err := Stone{Cut: cut, LengthMM: l, WidthMM: l / ratio[cut]}.Geometry(geom.Tolerance{})
				if err != nil {
					t.Fatal(err)
				}
				h, err := Bezel(g, BezelParams{Cup: cup}, geom.Tolerance{})
				if err != nil {
					t.Errorf("%s %g mm cup=%v: %v", cut, l, cup, err)
					continue
				}
				for _, p := range h.Parts {
					if err := p.Mesh.Check().Err(); err != nil {
						t.Errorf("%s %g mm cup=%v %s: %v", cut, l, cup, p.Name, err)
					}
				}
				bezel := h.Parts[1].Mesh
				if d := meshDepthInside(g.Mesh, bezel); d > 0.01 {
					t.Errorf("%s %g mm cup=%v: bezel %.3f mm inside the stone", cut, l, cup, d)
				}
				if d, _, _ := geom.MinDistance(g.Mesh, bezel); d > 0.05 {
					t.Errorf("%s %g mm cup=%v: bezel %.3f mm from the stone, want holding it", cut, l, cup, d)
				}
			}
		}
	}
}
