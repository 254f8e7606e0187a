package pendant

import (
	"errors"
	"fmt"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// TestEngraveFacingCuts: a cut in the front and one in the back at the
// same place may each go to the body's thickness less the metal kept, but
// not both: 0.8 mm from each face of a 1.5 mm disc crossed their floors
// and the body came out self-intersecting. The back one is refused naming
// its depth_mm, the front cut and the depths allowed; at the deepest of
// those, or facing a relief, or beside the front cut, the body is closed.
func TestEngraveFacingCuts(t *testing.T) {
	bar := func(x0 float64) geom.Region {
		return geom.Region{Contours: []geom.Contour{{{x0 - 0.4, -3}, {x0 + 0.4, -3}, {x0 + 0.4, 3}, {x0 - 0.4, 3}}}}
	}
	for _, shape := range []Shape{Disc, Heart} {
		build := func(back Engraving) (*Result, error) {
			return Build(Params{Shape: shape, WidthMM: 20, HeightMM: 19, ThicknessMM: 1.5, Engravings: []Engraving{
				{Surface: FaceFront, Region: bar(0), DepthMM: 0.8},
				back,
			}})
		}
		_, err := build(Engraving{Surface: FaceBack, Region: bar(0), DepthMM: 0.8})
		var fe *FieldError
		if !errors.As(err, &fe) || !errors.Is(err, ErrParams) || fe.Field != "engravings[1].depth_mm" {
			t.Fatalf("%s: got %v, want engravings[1].depth_mm refused", shape, err)
		}
		var lo, hi float64
		if _, err := fmt.Sscanf(fe.Allowed, "allowed %g to %g mm", &lo, &hi); err != nil || hi != 0.2 {
			t.Fatalf("%s: allowed %q: want up to 1.5 − 0.8 − 0.5 = 0.2 mm (%v)", shape, fe.Allowed, err)
		}
		for _, back := range []Engraving{
			{Surface: FaceBack, Region: bar(0), DepthMM: hi},
			{Surface: FaceBack, Region: bar(0), DepthMM: 0.8, Emboss: true},
			{Surface: FaceBack, Region: bar(4), DepthMM: 0.8},
		} {
			r, err := build(back)
			if err != nil {
				t.Fatalf("%s: back %+v: %v", shape, back, err)
			}
			if err := r.Model.Part("body").Mesh.Check().Err(); err != nil {
				t.Fatalf("%s: back %+v: %v", shape, back, err)
			}
		}
	}
}
