package gem

import (
	"fmt"

	"github.com/mandrel3d/mandrel/geom"
)

// SeatCutter returns the room a stone needs in the metal, in the stone's
// frame: its girdle outline grown by clearance (mm, 0 to 1) from the culet
// up through the girdle, the pavilion as straight sides to a point just below
// the culet, and a shaft above the girdle as high as the table plus one
// stone width (the path the stone is set along). Subtract it from a head or
// a band, or test other metal against it for clearance.
func SeatCutter(g *Geometry, clearance float64, tol geom.Tolerance) (*geom.Mesh, error) {
	if !(clearance >= 0 && clearance <= 1) {
		return nil, fieldError("clearance_mm", clearance, "allowed 0 to 1 mm")
	}
	if err := tol.CheckBudget("seat cutter", int64(8*len(g.Outline))); err != nil {
		return nil, err
	}
	out := offsetOutline(g.Outline, clearance)
	ring := func(z float64) []geom.Vec3 {
		r := make([]geom.Vec3, len(out))
		for i, q := range out {
			r[i] = v3(q, z)
		}
		return r
	}
	bot := g.GirdleBottomZ() - clearance
	top := g.GirdleTopZ() + clearance
	rings := [][]geom.Vec3{ring(bot), ring(top), ring(g.TableZ + g.WidthMM)}
	m := loft(rings, func(m *geom.Mesh, ids []uint32, down bool) {
		if !down {
			fanCap(m, ids, false)
			return
		}
		apex := m.AddVert(geom.Vec3{0, 0, g.CuletZ - clearance})
		for i := range ids {
			m.AddTri(apex, ids[(i+1)%len(ids)], ids[i])
		}
	})
	if m.Volume() <= 0 {
		return nil, fmt.Errorf("%w: seat cutter came out inside out", ErrInvalid)
	}
	return m, nil
}
