package gem

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// HaloParams sets up a halo: a ring of small round stones (melee) around a
// centre stone held in its own head. Zero fields mean the defaults.
type HaloParams struct {
	// Centre holds the centre stone's prongs; ignored when Bezel is set.
	Centre ProngParams
	// Bezel sets the centre stone in a bezel cup instead of prongs.
	Bezel bool
	// MeleeMM is the melee's girdle diameter, mm, 0.8 to 3; 0 means
	// MeleeDiameter of the centre's width.
	MeleeMM float64
	// MeleeGem is the melee's material; "" means diamond.
	MeleeGem string
	// GapMM is the least girdle-to-girdle spacing of neighbouring melee, mm,
	// 0.1 to 1; 0 means DefaultGapMM (0.2, JewelCraft's default). The count
	// is the most melee that fit around the halo at this spacing; the spare
	// length is shared out evenly.
	GapMM float64
	// ProngMM is the shared prongs' diameter, mm, 0.3 to 1.5; 0 means
	// MinProngMM (0.6, the thinnest that casts).
	ProngMM float64
}

// Halo limits.
const (
	// HaloClearMM is the clearance between the centre head's metal and the
	// melee's girdles, mm.
	HaloClearMM = 0.2
	// MaxMelee bounds the number of melee around one centre stone.
	MaxMelee = 200
)

// MeleeDiameter returns the default melee diameter (mm) around a centre
// stone of the given width (mm): 1.0 mm under 5 mm, 1.3 mm to 7.5 mm, 1.5 mm
// above (pavé and halo melee are 0.8 to 1.8 mm, REFERENCE.md §6).
func MeleeDiameter(centreWidthMM float64) float64 {
	switch {
	case centreWidthMM < 5:
		return 1.0
	case centreWidthMM < 7.5:
		return 1.3
	}
	return 1.5
}

// Validate reports the first bad field, naming it.
func (p HaloParams) Validate() error {
	if err := p.Centre.Validate(); err != nil {
		return err
	}
	for _, f := range []struct {
		name      string
		v, lo, hi float64
	}{{"melee_mm", p.MeleeMM, 0.8, 3}, {"halo_gap_mm", p.GapMM, 0.1, 1}, {"halo_prong_mm", p.ProngMM, 0.3, 1.5}} {
		if f.v != 0 && !(f.v >= f.lo && f.v <= f.hi) {
			return fieldError(f.name, f.v, fmt.Sprintf("allowed %g to %g (0 = default)", f.lo, f.hi))
		}
	}
	if p.MeleeGem != "" {
		if _, err := Material(p.MeleeGem); err != nil {
			return err
		}
	}
	return nil
}

// Halo builds a halo head around an already built centre stone, in the
// stone's frame: the centre head (Prongs or Bezel, its parts and names
// unchanged), then N round melee "melee-0" … "melee-(N−1)" (gem material)
// on a closed path offset outward from the centre's girdle outline by the
// centre head's metal, HaloClearMM and half a melee, their girdles just
// under the centre's girdle; "halo-frame", two rails (inner and outer, two
// disjoint shells) under the melee's girdle edges, the inner one overlapping
// the centre's prongs or bezel; and "halo-prongs", one prong in each notch
// between neighbouring melee on both the outer and the inner side (2N
// disjoint shells), rising from the rails and leaning over the gap so that
// it touches both neighbours' crowns. Head.Melee lists the melee's
// geometries and offsets. Outlines with pointed corners get no halo yet.
func Halo(g *Geometry, p HaloParams, tol geom.Tolerance) (*Head, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if len(g.Corners) > 0 {
		return nil, fieldError("setting", "halo", fmt.Sprintf("not made for a %s's pointed corners yet: use prongs", g.Stone.Cut))
	}
	var h *Head
	var err error
	metal := 0.0 // how far the centre head's metal reaches outside the girdle
	if p.Bezel {
		h, err = Bezel(g, BezelParams{Cup: true}, tol)
		metal = 0.8
	} else {
		h, err = Prongs(g, p.Centre, tol)
		if h != nil {
			metal = h.ProngDiameterMM
		}
	}
	if err != nil {
		return nil, err
	}
	dm := p.MeleeMM
	if dm == 0 {
		dm = MeleeDiameter(g.WidthMM)
	}
	gap := p.GapMM
	if gap == 0 {
		gap = DefaultGapMM
	}
	pd := p.ProngMM
	if pd == 0 {
		pd = MinProngMM
	}
	gemName := p.MeleeGem
	if gemName == "" {
		gemName = "diamond"
	}
	mat, err := Material(gemName)
	if err != nil {
		return nil, err
	}
	mg, err := Stone{Cut: Round, DiameterMM: dm, Gem: gemName}.Geometry(tol)
	if err != nil {
		return nil, err
	}
	rm := mg.WidthMM / 2
	path := offsetOutline(g.Outline, metal+HaloClearMM+rm)
	cum, per := arcLengths(path)
	n := int(per / (2*rm + gap))
	if n > MaxMelee {
		return nil, fieldError("melee_mm", dm, fmt.Sprintf("at least %.2f mm: %d melee of %.2f mm would fit around a %.3g mm stone (at most %d)", per/float64(MaxMelee)-gap, n, dm, g.WidthMM, MaxMelee))
	}
	// the path's chords are shorter than its arcs: drop melee until every
	// neighbour's centre is 2rm + gap away
	var centres []geom.Vec2
	for ; n >= 3; n-- {
		centres = centres[:0]
		for k := 0; k < n; k++ {
			centres = append(centres, pathAt(path, cum, per*float64(k)/float64(n)))
		}
		ok := true
		for k := range centres {
			if centres[(k+1)%n].Sub(centres[k]).Len() < 2*rm+gap-1e-9 {
				ok = false
				break
			}
		}
		if ok {
			break
		}
	}
	if n < 3 {
		return nil, fieldError("melee_mm", dm, "small enough that at least 3 melee fit around the centre")
	}
	if err := tol.CheckBudget("halo", int64(n)*int64(len(mg.Mesh.Tris)+4000)); err != nil {
		return nil, err
	}
	// heights: the melee's girdle top just under the centre's girdle bottom
	dz := g.GirdleBottomZ() - 0.05 - mg.GirdleTopZ()
	zgb := mg.GirdleBottomZ() + dz
	for k, c := range centres {
		m := mg.Mesh.Clone()
		off := geom.Vec3{c[0], c[1], dz}
		m.Translate(off)
		h.Parts = append(h.Parts, geom.Part{Name: fmt.Sprintf("melee-%d", k), Material: mat, Mesh: m})
		h.Melee = append(h.Melee, Placed{Stone: mg, Offset: off})
	}
	// frame: rails under the girdle edges, outside the pavilion's cone
	rw := math.Max(0.3, pd/2)
	pav := math.Atan2(mg.GirdleBottomZ()-mg.CuletZ, rm)
	side := rm + rw*math.Tan(pav/2) + 0.02
	zRail := zgb - rw - 0.02
	frame := geom.NewMesh(0, 0)
	for _, s := range []float64{-side, side} {
		rail := make([]geom.Vec3, len(path))
		for k, q := range offsetOutline(path, s) {
			rail[k] = v3(q, zRail)
		}
		m, err := loop(rail, rw, tol)
		if err != nil {
			return nil, err
		}
		frame.Append(m)
	}
	h.Parts = append(h.Parts, geom.Part{Name: "halo-frame", Mesh: frame})
	// shared prongs in the notches: a prong of radius rp touching two
	// neighbours of radius rm whose centres are 2a apart stands b from
	// their midpoint, a² + b² = (rm + rp)²
	rp := pd / 2
	prongs := geom.NewMesh(0, 0)
	for k := range centres {
		a0, a1 := centres[k], centres[(k+1)%n]
		mid := a0.Add(a1).Mul(0.5)
		half := a1.Sub(a0).Len() / 2
		b := math.Sqrt(math.Max((rm+rp)*(rm+rp)-half*half, 0))
		dir := a1.Sub(a0).Normalize()
		out := geom.Vec2{dir[1], -dir[0]} // outward for a counter-clockwise path
		both := newTriBoxes(joinMeshes(meleeMesh(h, k), meleeMesh(h, (k+1)%n)))
		for _, sgn := range []float64{1, -1} {
			base := mid.Add(out.Mul(sgn * b))
			pr, err := sharedProng(both, base, mid, zRail, zgb, mg.GirdleTopZ()+dz, rp, tol)
			if err != nil {
				return nil, err
			}
			prongs.Append(pr)
		}
	}
	h.Parts = append(h.Parts, geom.Part{Name: "halo-prongs", Mesh: prongs})
	h.HaloProngMM = pd
	if pd < MinProngMM {
		h.warnf("halo-prongs: %.2f mm thick, below the %.1f mm that casting holds", pd, MinProngMM)
	}
	if 2*rw < MinProngMM {
		h.warnf("halo-frame: rails %.2f mm thick, below the %.1f mm that casting holds", 2*rw, MinProngMM)
	}
	if gap < MinStoneGap {
		h.warnf("melee: %.2f mm apart, closer than the %.1f mm a setter needs", gap, MinStoneGap)
	}
	return h, nil
}

// Placed is a stone of a head placed by a translation in the head's frame.
type Placed struct {
	Stone  *Geometry
	Offset geom.Vec3 // mm
}

// meleeMesh returns melee k's mesh among the head's parts.
func meleeMesh(h *Head, k int) *geom.Mesh {
	name := fmt.Sprintf("melee-%d", k)
	for _, p := range h.Parts {
		if p.Name == name {
			return p.Mesh
		}
	}
	return nil
}

func joinMeshes(a, b *geom.Mesh) *geom.Mesh {
	m := a.Clone()
	m.Append(b)
	return m
}

// pathAt returns the point at arc length s along the closed path.
func pathAt(path []geom.Vec2, cum []float64, s float64) geom.Vec2 {
	n := len(path)
	for i := n - 1; i >= 0; i-- {
		if cum[i] <= s {
			a, b := path[i], path[(i+1)%n]
			l := b.Sub(a).Len()
			if l == 0 {
				return a
			}
			return a.Add(b.Sub(a).Mul((s - cum[i]) / l))
		}
	}
	return path[0]
}

// sharedProng builds a prong standing at base (in the notch between two
// melee) from the rail's axis height zRail straight up, then bending toward
// mid (the gap between the two) on an arc of radius 2rp (so the rod's inner
// side bends with radius rp and never pinches) that reaches 60 % of the way
// over the gap (less when the prong on the far side of the gap would come
// within 0.1 mm). The bend starts at the lowest height, in steps of
// liftStepMM, where the whole arc stays rp from both stones (the triangles
// in near): there the prong touches a crown.
func sharedProng(near *triBoxes, base, mid geom.Vec2, zRail, zgb, zTop, rp float64, tol geom.Tolerance) (*geom.Mesh, error) {
	const liftStepMM = 0.002
	set := near.near(v3(mid, zTop), 6*rp+base.Sub(mid).Len())
	u := mid.Sub(base)
	// the prong on the other side leans toward mid too: stop rp + 0.05 mm
	// short of it so the two stay apart
	reach := math.Max(math.Min(0.6*u.Len(), u.Len()-rp-0.05), 0.02)
	u = u.Normalize()
	R := 2 * rp
	tmax := math.Acos(math.Max(1-reach/R, 0))
	arcN := int(math.Ceil(tmax / (10 * math.Pi / 180)))
	arc := func(z0 float64) []geom.Vec3 {
		pts := make([]geom.Vec3, 0, arcN+1)
		for k := 0; k <= arcN; k++ {
			a := tmax * float64(k) / float64(arcN)
			q := base.Add(u.Mul(R * (1 - math.Cos(a))))
			pts = append(pts, v3(q, z0+R*math.Sin(a)))
		}
		return pts
	}
	clear := func(pts []geom.Vec3) bool {
		for _, c := range pts {
			if set.dist(c) < rp-1e-4 {
				return false
			}
		}
		return true
	}
	z0 := zgb
	for it := 0; !clear(arc(z0)); it++ {
		if it > 2000 {
			return nil, fmt.Errorf("%w: a shared prong found no clear path over the melee", ErrInvalid)
		}
		z0 += liftStepMM
	}
	path := append([]geom.Vec3{v3(base, zRail)}, arc(z0)...)
	return tube(path, rp, false, tol)
}
