package gem

import (
	"errors"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// TestProngsPointedSweep builds prong heads around every cut with pointed
// corners, at trade proportions, lengths 3 to 12 mm and several leans: a
// head is either refused with ErrInvalid or every part passes the full
// Check (a trillion's 60° corners once turned its V-prongs' fold inside out,
// and a shallow small stone's two gallery rails overlapped). At the default
// lean every size builds.
func TestProngsPointedSweep(t *testing.T) {
	ratio := map[Cut]float64{Trillion: 1, Princess: 1, Heart: 1, Pear: 1.5, Marquise: 2, Baguette: 2}
	for _, cut := range []Cut{Trillion, Princess, Pear, Marquise, Heart, Baguette} {
		for _, l := range []float64{3, 4, 5, 6.5, 8, 10, 12} {
			for _, lean := range []float64{0, 5, 15} {
				g, err := Stone{Cut: cut, LengthMM: l, WidthMM: l / ratio[cut]}.Geometry(geom.Tolerance{})
				if err != nil {
					t.Fatal(err)
				}
				h, err := Prongs(g, ProngParams{LeanPct: lean}, geom.Tolerance{})
				if err != nil {
					if !errors.Is(err, ErrInvalid) || lean == 0 {
						t.Errorf("%s %g mm lean %g%%: %v", cut, l, lean, err)
					}
					continue
				}
				for _, p := range h.Parts {
					if err := p.Mesh.Check().Err(); err != nil {
						t.Errorf("%s %g mm lean %g%% %s: %v", cut, l, lean, p.Name, err)
					}
				}
			}
		}
	}
}
