package pendant

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Faces that carry engravings.
const (
	// FaceFront is the face toward the viewer (−Y), read from the front.
	FaceFront = "front"
	// FaceBack is the face against the wearer (+Y), read from behind.
	FaceBack = "back"
)

// Engraving limits, mm.
const (
	// MaxEngraveDepthMM bounds an engraving's depth or relief.
	MaxEngraveDepthMM = 3.0
	// MinMetalUnderEngravingMM is the metal a cut must leave between its
	// floor and the other face.
	MinMetalUnderEngravingMM = 0.5
)

// Engraving is a region cut into (or raised from) a face.
type Engraving struct {
	// Surface is FaceFront or FaceBack.
	Surface string
	// Region is the outline in the face's (u, v), mm: u to the right and v
	// up as seen looking at that face, origin at the outline's centroid.
	// A region drawn the right way round reads correctly from its side.
	// When it does not lie clear of the rim, holes and bezel where it is,
	// it is moved up or down (v) by the least quarter-cell steps that clear
	// them (Result.EngravingShiftMM), or refused when no height does.
	Region geom.Region
	// DepthMM is the cut's depth (or the relief's height with Emboss) along
	// the face's normal, mm: geom.MinCutDepthMM to MaxEngraveDepthMM, and a
	// cut must leave MinMetalUnderEngravingMM of metal.
	DepthMM float64
	// Emboss raises the region instead of cutting it.
	Emboss bool
}

func engravingField(k int, f string) string { return fmt.Sprintf("engravings[%d].%s", k, f) }

// validateEngravings checks the surfaces and depths (the placement is
// checked against the built faces).
func (p Params) validateEngravings() []error {
	var errs []error
	for k, e := range p.Engravings {
		if e.Surface != FaceFront && e.Surface != FaceBack {
			errs = append(errs, fieldErr(engravingField(k, "surface"), fmt.Sprintf("%q", e.Surface), `allowed "front" or "back" on a pendant`))
		}
		hi := MaxEngraveDepthMM
		why := ""
		if !e.Emboss && p.ThicknessMM-MinMetalUnderEngravingMM < hi {
			hi = p.ThicknessMM - MinMetalUnderEngravingMM
			why = fmt.Sprintf(" (the body is %g mm thick and must keep %g mm of metal under the cut)", p.ThicknessMM, MinMetalUnderEngravingMM)
		}
		if !(e.DepthMM >= geom.MinCutDepthMM && e.DepthMM <= hi) {
			errs = append(errs, fieldErr(engravingField(k, "depth_mm"), e.DepthMM, "allowed %g to %.2f mm%s", geom.MinCutDepthMM, hi, why))
		}
		if len(e.Region.Contours) == 0 {
			errs = append(errs, fieldErr(engravingField(k, "region"), "empty", "an outline with some area"))
		}
	}
	return errs
}

// engrave cuts the engravings into the body mesh m (already placed), face
// by face.
func (r *Result) engrave(p Params, b *body, m *geom.Mesh) (*geom.Mesh, error) {
	if len(p.Engravings) == 0 {
		return m, nil
	}
	r.Engravings = make([]geom.CutFacts, len(p.Engravings))
	r.EngravingShiftMM = make([]float64, len(p.Engravings))
	// each engraving's box on the body, in (x, z) mm, once placed
	placed := make([]geom.Box2, len(p.Engravings))
	for _, face := range []string{FaceFront, FaceBack} {
		pt := &r.Front
		sign := 1.0
		if face == FaceBack {
			pt, sign = &r.Back, -1
		}
		var cuts []geom.Cut
		var which []int
		for k, e := range p.Engravings {
			if e.Surface != face {
				continue
			}
			bx := e.Region.Bounds()
			err := pt.fits(k, bx, b.centre, sign, face)
			// Not clear at v = 0: the nearest height (whole grid cells, down
			// first) where it is.
			dv := 0.0
			for step := 1; err != nil && step < 8*pt.grid.nv; step++ {
				d := float64((step+1)/2) * pt.grid.s / 4
				if step%2 == 1 {
					d = -d
				}
				sh := geom.Box2{Min: bx.Min.Add(geom.Vec2{0, d}), Max: bx.Max.Add(geom.Vec2{0, d})}
				if pt.fits(k, sh, b.centre, sign, face) == nil {
					err, dv = nil, d
				}
			}
			if err != nil {
				return nil, err
			}
			rg := e.Region
			if dv != 0 {
				rg = geom.Region{Fill: rg.Fill, Contours: make([]geom.Contour, len(e.Region.Contours))}
				for c, ct := range e.Region.Contours {
					d := make(geom.Contour, len(ct))
					for j, q := range ct {
						d[j] = geom.Vec2{q[0], q[1] + dv}
					}
					rg.Contours[c] = d
				}
			}
			r.EngravingShiftMM[k] = dv
			xa, xb := b.centre[0]+sign*bx.Min[0], b.centre[0]+sign*bx.Max[0]
			placed[k] = geom.Box2{Min: geom.Vec2{math.Min(xa, xb), b.centre[1] + bx.Min[1] + dv}, Max: geom.Vec2{math.Max(xa, xb), b.centre[1] + bx.Max[1] + dv}}
			if face == FaceBack {
				if err := facingCuts(p, placed, k); err != nil {
					return nil, err
				}
			}
			cuts = append(cuts, geom.Cut{Region: rg, DepthMM: e.DepthMM, Emboss: e.Emboss})
			which = append(which, k)
		}
		if len(cuts) == 0 {
			continue
		}
		out, facts, err := geom.CutPatch(m, pt.Grid, cuts, p.Tolerance)
		if err != nil {
			return nil, fmt.Errorf("%w: engravings%v on the %s: %w", ErrParams, which, face, err)
		}
		m = out
		for i, k := range which {
			r.Engravings[k] = facts[i]
		}
	}
	return m, nil
}

// fits returns an error naming engraving k when its box (in the face's
// u, v) with a cell of margin leaves the face's grid: it would reach the
// rim, a hole or the bezel. sign is +1 when u runs along x (the front).
func (pt *Patch) fits(k int, bx geom.Box2, c geom.Vec2, sign float64, face string) error {
	g := pt.grid
	xa, xb := c[0]+sign*bx.Min[0], c[0]+sign*bx.Max[0]
	xlo, xhi := math.Min(xa, xb), math.Max(xa, xb)
	zlo, zhi := c[1]+bx.Min[1], c[1]+bx.Max[1]
	i0, i1 := int(math.Floor((xlo-g.x0)/g.s))-1, int(math.Floor((xhi-g.x0)/g.s))+1
	j0, j1 := int(math.Floor((zlo-g.z0)/g.s))-1, int(math.Floor((zhi-g.z0)/g.s))+1
	for i := i0; i <= i1; i++ {
		for j := j0; j <= j1; j++ {
			if !g.isFull(i, j) {
				return fieldErr(fmt.Sprintf("engravings[%d]", k), fmt.Sprintf("u %.2f to %.2f, v %.2f to %.2f mm", bx.Min[0], bx.Max[0], bx.Min[1], bx.Max[1]),
					"the engraving must lie on the %s face, %.2f mm clear of its rim, holes and bezel (the face spans u %.1f to %.1f, v %.1f to %.1f mm): make it smaller (height_mm, width_mm) or move it (at_mm)",
					face, g.s, pt.Min[0], pt.Max[0], pt.Min[1], pt.Max[1])
			}
		}
	}
	return nil
}

// facingCuts returns an error when back engraving k, a cut, faces a cut in
// the front (their boxes on the body overlap, within
// MinMetalUnderEngravingMM) and the two together leave less than
// MinMetalUnderEngravingMM of metal between their floors: each alone may
// go to the body's thickness less that metal, but not both at one place
// (their floors crossed). placed holds the front engravings' boxes.
func facingCuts(p Params, placed []geom.Box2, k int) error {
	e := p.Engravings[k]
	if e.Emboss {
		return nil
	}
	const gap = MinMetalUnderEngravingMM
	bk := placed[k]
	for j, f := range p.Engravings {
		if f.Surface != FaceFront || f.Emboss {
			continue
		}
		bj := placed[j]
		if bj.Min[0] > bk.Max[0]+gap || bk.Min[0] > bj.Max[0]+gap || bj.Min[1] > bk.Max[1]+gap || bk.Min[1] > bj.Max[1]+gap {
			continue
		}
		most := p.ThicknessMM - gap - f.DepthMM
		if e.DepthMM <= most+1e-9 {
			continue
		}
		if most < geom.MinCutDepthMM {
			return fieldErr(engravingField(k, "depth_mm"), e.DepthMM,
				"allowed none here: engravings[%d] cuts %g mm into the front of the %g mm body just there, and %g mm of metal must stay between the two (move one with at_mm, make them shallower, or emboss one)", j, f.DepthMM, p.ThicknessMM, gap)
		}
		return fieldErr(engravingField(k, "depth_mm"), e.DepthMM,
			"allowed %g to %.2f mm here: engravings[%d] cuts %g mm into the front of the %g mm body just there, and %g mm of metal must stay between the two", geom.MinCutDepthMM, math.Floor(most*100+1e-6)/100, j, f.DepthMM, p.ThicknessMM, gap)
	}
	return nil
}
