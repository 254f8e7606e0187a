package gem

import (
	"fmt"
	"math"
	"sort"

	"github.com/mandrel3d/mandrel/geom"
)

// Head is a setting with its stone, in the stone's frame (see the package
// doc). Metal parts carry a zero Material: the caller (a ring, a pendant)
// gives them its metal. The stone part carries its gem material.
type Head struct {
	Stone *Geometry
	// Parts are named closed meshes: "stone-0", "prong-0" … "prong-n",
	// "gallery" (basket rails), "bezel", "halo", "channel" and so on. Parts
	// may overlap each other; each is closed and outward on its own.
	Parts []geom.Part
	// Cutters are seat cutters, one per stone, in the same order as the
	// stones among Parts: the room each stone needs in the metal, for a
	// boolean or a clearance test.
	Cutters []*geom.Mesh
	// BottomZ is the lowest point of the setting's metal, mm: where a ring
	// joins the head to its shank. The culet lies Stone.CuletZ − BottomZ
	// above it.
	BottomZ float64
	// ProngDiameterMM is the prongs' diameter (0 for a bezel), mm.
	ProngDiameterMM float64
	// Base is where a support joins the setting: a closed loop,
	// counter-clockwise seen from +Z, at one height below the culet, lying
	// inside the setting's lowest metal (the basket's bottom rail, a bezel
	// cup's rim). A pedestal whose top cap is this loop ([Cathedral]) joins
	// the setting without touching the stone. Nil when the setting has no
	// such loop (a bezel without a cup).
	Base []geom.Vec3
	// Melee are a halo's small stones (Halo), in the order of their parts
	// "melee-0" …, each its geometry moved by Offset; nil without a halo.
	Melee []Placed
	// HaloProngMM is a halo's shared prongs' diameter, mm (0 without).
	HaloProngMM float64
	warnings    []string
}

// Warnings returns what a caster would flag: prongs thinner than 0.6 mm,
// walls thinner than 0.8 mm, stones closer than 0.1 mm, in a fixed order.
func (h *Head) Warnings() []string { return append([]string(nil), h.warnings...) }

func (h *Head) warnf(format string, args ...any) {
	h.warnings = append(h.warnings, fmt.Sprintf(format, args...))
}

// Solitaire builds a prong head holding one stone: the stone, its prongs,
// two basket rails joining the prongs under the girdle into one printable
// head (the lower one is the gallery a ring's shank meets), and the stone's
// seat cutter, all in the stone's frame.
func Solitaire(s Stone, p ProngParams, tol geom.Tolerance) (*Head, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	g, err := s.Geometry(tol)
	if err != nil {
		return nil, err
	}
	return Prongs(g, p, tol)
}

// Prongs builds a prong head around an already built stone.
func Prongs(g *Geometry, p ProngParams, tol geom.Tolerance) (*Head, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p = p.resolved(g)
	if p.Count < len(g.Corners) {
		return nil, fieldError("prongs", p.Count, fmt.Sprintf("%d to 8 (a %s has %d pointed corners, each needs a V-prong)", len(g.Corners), g.Stone.Cut, len(g.Corners)))
	}
	d := p.DiameterMM
	r := d / 2
	if d > 0.5*g.WidthMM {
		return nil, fieldError("prong_diameter_mm", d, fmt.Sprintf("up to %.3g mm on a %.3g mm stone (half its width)", 0.5*g.WidthMM, g.WidthMM))
	}
	_, per := arcLengths(g.Outline)
	if float64(p.Count)*d > 0.6*per {
		return nil, fieldError("prongs", p.Count, fmt.Sprintf("at most %d prongs of %.2f mm on a %.3g mm stone (%d would cover more than 60 %% of its %.3g mm girdle)", int(0.6*per/d), d, g.WidthMM, p.Count, per))
	}
	h := &Head{Stone: g, ProngDiameterMM: d}
	mat, err := Material(g.Stone.gemName())
	if err != nil {
		return nil, err
	}
	h.Parts = append(h.Parts, geom.Part{Name: "stone-0", Material: mat, Mesh: g.Mesh})
	zBase := g.CuletZ - p.BelowCuletMM
	h.BottomZ = zBase
	lean := p.LeanPct / 100 * g.WidthMM
	cum, _ := arcLengths(g.Outline)
	isCorner := map[float64]int{}
	for _, c := range g.Corners {
		isCorner[cum[c]] = c
	}
	boxes := newTriBoxes(g.Mesh)
	spots := prongSpots(g, p.Count)
	sort.Float64s(spots)
	for i, s := range spots {
		var m *geom.Mesh
		if ci, ok := isCorner[s]; ok {
			m, err = vProng(g, ci, zBase, d, math.Min(lean, 0.8*d))
		} else {
			pt, n, top := g.outlineAt(s)
			m, err = roundProng(g, boxes, pt, n, top, zBase, r, math.Max(lean-r, 0.5*r), p.Style == ClawProng, tol)
		}
		if err != nil {
			return nil, err
		}
		h.Parts = append(h.Parts, geom.Part{Name: fmt.Sprintf("prong-%d", i), Mesh: m})
	}
	// basket rails through the prongs' axes: one under the girdle, one at
	// the base
	rw := 0.4 * d
	rail := make([]geom.Vec3, 0, len(g.Outline))
	gallery := geom.NewMesh(0, 0)
	// round the rails at pointed corners (a mitre there folds a thin
	// tube on its inner side)
	railPath := offsetOutline(g.Outline, r)
	if len(g.Corners) > 0 {
		railPath = haloPath(g, r)
	}
	zRails := []float64{g.GirdleBottomZ() - math.Max(2*rw, 0.3*(g.GirdleBottomZ()-g.CuletZ)), zBase + rw}
	if zRails[0]-zRails[1] < 2*rw+0.1 {
		// a shallow stone has room for one rail only: two would overlap
		zRails = zRails[1:]
	}
	for _, z := range zRails {
		rail = rail[:0]
		for _, q := range railPath {
			rail = append(rail, v3(q, z))
		}
		m, err := loop(rail, rw, tol)
		if err != nil {
			return nil, err
		}
		gallery.Append(m)
	}
	h.Base = append([]geom.Vec3(nil), rail...)
	h.Parts = append(h.Parts, geom.Part{Name: "gallery", Mesh: gallery})
	cut, err := SeatCutter(g, 0.05, tol)
	if err != nil {
		return nil, err
	}
	h.Cutters = append(h.Cutters, cut)
	if d < MinProngMM {
		for _, pt := range h.Parts {
			if len(pt.Name) > 6 && pt.Name[:6] == "prong-" {
				h.warnf("%s: %.2f mm thick, below the %.1f mm that casting holds", pt.Name, d, MinProngMM)
			}
		}
	}
	if 2*rw < MinProngMM {
		h.warnf("gallery: rails %.2f mm thick, below the %.1f mm that casting holds", 2*rw, MinProngMM)
	}
	return h, nil
}

// offsetOutline returns the outline moved outward by dist (mm), each point
// along its averaged normal, scaled to keep the offset's distance at corners
// (capped at 3× for sharp points).
func offsetOutline(out []geom.Vec2, dist float64) []geom.Vec2 {
	n := len(out)
	res := make([]geom.Vec2, n)
	for i := range out {
		a, b, c := out[(i+n-1)%n], out[i], out[(i+1)%n]
		e1 := b.Sub(a).Normalize()
		e2 := c.Sub(b).Normalize()
		n1 := geom.Vec2{e1[1], -e1[0]}
		n2 := geom.Vec2{e2[1], -e2[0]}
		m := n1.Add(n2).Normalize()
		k := 1 / math.Max(m.Dot(n1), 1.0/3)
		res[i] = b.Add(m.Mul(dist * k))
	}
	return res
}
