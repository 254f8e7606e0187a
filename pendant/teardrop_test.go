package pendant

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestTeardropTallerThanWide: a teardrop as tall as wide (or less) used to
// fail deep in the build with "the body's face has touching or crossing
// edges" (its point fell on or inside its round bottom), naming no field.
// It is now refused naming pendant.height_mm, the value and the least
// allowed; a teardrop just taller than wide builds closed with every edge.
func TestTeardropTallerThanWide(t *testing.T) {
	for _, w := range []float64{3, 6, 20, 70} {
		for _, r := range []float64{0.5, 0.9, 1} {
			h := w * r
			if h < 3 {
				continue
			}
			_, err := Build(Params{Shape: Teardrop, WidthMM: w, HeightMM: h, Edge: Flat})
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "pendant.height_mm" || !strings.Contains(err.Error(), fmt.Sprint(h)) ||
				!strings.Contains(fe.Allowed, fmt.Sprintf("above its width %g mm", w)) {
				t.Errorf("teardrop %g × %g: %v, want a pendant.height_mm error naming the width", w, h, err)
			}
		}
		for _, e := range []Edge{Flat, Round, Bevel} {
			res, err := Build(Params{Shape: Teardrop, WidthMM: w, HeightMM: w * 1.01, Edge: e, ThicknessMM: 1})
			if err != nil {
				if w == 3 && e != Flat { // a 3 mm round or bevelled rim is refused by name
					var fe *FieldError
					if errors.As(err, &fe) && fe.Field == "pendant.edge" {
						continue
					}
				}
				t.Fatalf("teardrop %g × %g %s: %v", w, w*1.01, e, err)
			}
			checkModel(t, res.Model)
		}
	}
}
