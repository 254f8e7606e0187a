package gem

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Cathedral returns the pedestal that carries a setting on a shank: a solid
// lofted from the setting's base loop (Head.Base, the top) down to a foot
// loop that lies inside the shank, with flat-fan caps. Both loops have the
// same number of points, counter-clockwise seen from +Z, and are star-shaped
// about their centroids; the foot may follow a curved shank (its heights
// vary). Rings ask for a foot stretched along the band and narrowed across
// it, so the pedestal reads as shoulders rising to the head. Every foot point
// must lie below its top point.
func Cathedral(top, foot []geom.Vec3) (*geom.Mesh, error) {
	if len(top) < 3 || len(top) != len(foot) {
		return nil, fieldError("cathedral", fmt.Sprintf("%d top and %d foot points", len(top), len(foot)), "the same number, at least 3")
	}
	for i := range top {
		if !(foot[i][2] < top[i][2]) || math.IsNaN(foot[i][2]) {
			return nil, fieldError("cathedral", fmt.Sprintf("foot point %d at z %.3g", i, foot[i][2]), fmt.Sprintf("below the top point at z %.3g", top[i][2]))
		}
	}
	m := loft([][]geom.Vec3{foot, top}, fanCap)
	if m.Volume() <= 0 {
		return nil, fieldError("cathedral", "loops", "counter-clockwise seen from +Z")
	}
	return m, nil
}
