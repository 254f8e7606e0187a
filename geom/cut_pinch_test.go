package geom_test

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
)

// square returns the counter-clockwise square [x, x+s]×[y, y+s].
func square(x, y, s float64) geom.Contour {
	return geom.Contour{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}}
}

// TestCutPatchPinch: regions that touch themselves or each other at single
// points (squares corner to corner, a checkerboard, a contour through one
// point twice), on and off the patch's grid points, engraved and embossed.
// Around such a point the floor (or relief) splits into separate fans; each
// fan gets its own floor vertex, moved a little into its fan so that the
// floors do not share a position either: the mesh passes the full Check
// (self-intersections included) and so does its STL read back with
// vertices welded by position, as a slicer sees it; the volume is area ×
// depth to 0.2 %.
func TestCutPatchPinch(t *testing.T) {
	board := geom.Region{}
	for i := range 4 {
		for j := range 4 {
			if (i+j)%2 == 0 {
				board.Contours = append(board.Contours, square(3.3+0.7*float64(i), 1.1+0.7*float64(j), 0.7))
			}
		}
	}
	cases := map[string]geom.Region{
		"corner to corner off the grid":    {Contours: []geom.Contour{square(4.13, 1.77, 1.1), square(5.23, 2.87, 0.9)}},
		"corner to corner on a grid point": {Contours: []geom.Contour{square(4, 2, 1), square(5, 3, 1)}},
		"four squares at a grid point": {Contours: []geom.Contour{
			square(4, 2, 1), square(5, 3, 1), square(6, 2, 1), square(5, 1, 1)}},
		"checkerboard": board,
		// one contour through (6.1, 3.05) twice: two triangles tip to tip
		"figure eight": {Contours: []geom.Contour{{{5, 2}, {6.1, 3.05}, {7.2, 2}, {7.2, 4.1}, {6.1, 3.05}, {5, 4.1}}}},
	}
	for _, name := range []string{"corner to corner off the grid", "corner to corner on a grid point", "four squares at a grid point", "checkerboard", "figure eight"} {
		r := cases[name]
		area, err := r.Area()
		if err != nil {
			t.Fatal(err)
		}
		for _, emboss := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s emboss=%v", name, emboss), func(t *testing.T) {
				m, p := slab(12, 6, 2, 24, 12)
				const depth = 0.25
				out, facts, err := geom.CutPatch(m, p, []geom.Cut{{Region: r, DepthMM: depth, Emboss: emboss}}, geom.Tolerance{})
				if err != nil {
					t.Fatal(err)
				}
				mustCheck(t, "cut mesh", out)
				dv := math.Abs(out.Volume() - m.Volume())
				// each fan's floor point moves by at most 2 µm at a pinch,
				// which slants its walls there by a sliver.
				if math.Abs(dv-area*depth) > 2e-3*area*depth {
					t.Errorf("volume changed by %.6f mm³, area × depth %.6f", dv, area*depth)
				}
				if math.Abs(facts[0].VolumeMM3-dv) > 1e-9 {
					t.Errorf("reported volume %.6f, measured %.6f", facts[0].VolumeMM3, dv)
				}
				var buf bytes.Buffer
				gold, err := geom.Metal("18k-yellow")
				if err != nil {
					t.Fatal(err)
				}
				model := &geom.Model{Parts: []geom.Part{{Name: "slab", Mesh: out, Material: gold}}}
				if err := export.WriteSTL(&buf, model, nil); err != nil {
					t.Fatal(err)
				}
				back, err := export.ReadSTL(bytes.NewReader(buf.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				mustCheck(t, "STL read back", back)
			})
		}
	}
}
