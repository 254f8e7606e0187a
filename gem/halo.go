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
// geometries and offsets. Around pointed corners (a pear's point, a
// princess's corners) the path turns on an arc centred on the corner, and
// where the outline turns inward (a heart's notch) the path is cut where it
// crosses itself (see haloPath).
func Halo(g *Geometry, p HaloParams, tol geom.Tolerance) (*Head, error) {
	if err := p.Validate(); err != nil {
		return nil, err
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
	var path []geom.Vec2
	if len(g.Corners) == 0 {
		path = haloPath(g, metal+HaloClearMM+rm)
	} else {
		// V-prongs and claws reach past the others at the corners: the
		// path goes round them on arcs clear of their metal
		reach, side := cornerReach(g, h)
		path = haloPath(g, max(metal, side)+HaloClearMM+rm)
		for k, r := range reach {
			path = clearCorner(path, g.Outline[g.Corners[k]], r+HaloClearMM+rm)
		}
	}
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
		// every pair, not only neighbours: across a heart's notch the
		// path comes back near itself
		ok := true
		for k := 0; k < n && ok; k++ {
			for j := k + 1; j < n; j++ {
				if centres[j].Sub(centres[k]).Len() < 2*rm+gap-1e-9 {
					ok = false
					break
				}
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

// haloPath returns the closed path of the melee's centres: the girdle
// outline of g offset outward by dist, mm, counter-clockwise. Along the
// outline's curves a vertex moves along its mitre (offsetOutline); at a
// pointed corner the path instead runs on an arc of radius dist around the
// corner (a mitre there would reach far past the point), in steps of at most
// 10°. Where the outline turns inward by more than 15° (a heart's notch) the
// offsets of the two sides cross; the loop that makes between the crossing
// is cut out.
func haloPath(g *Geometry, dist float64) []geom.Vec2 {
	out := g.Outline
	n := len(out)
	corner := make([]bool, n)
	for _, c := range g.Corners {
		corner[c] = true
	}
	mitre := offsetOutline(out, dist)
	const sharp = 15 * math.Pi / 180
	var path []geom.Vec2
	for i := range out {
		a, b, c := out[(i+n-1)%n], out[i], out[(i+1)%n]
		e1, e2 := b.Sub(a).Normalize(), c.Sub(b).Normalize()
		n1, n2 := geom.Vec2{e1[1], -e1[0]}, geom.Vec2{e2[1], -e2[0]}
		turn := math.Atan2(n1[0]*n2[1]-n1[1]*n2[0], n1.Dot(n2))
		switch {
		case corner[i] && turn > 0:
			steps := int(math.Ceil(turn / (10 * math.Pi / 180)))
			for k := 0; k <= steps; k++ {
				s, co := math.Sincos(turn * float64(k) / float64(steps))
				d := geom.Vec2{n1[0]*co - n1[1]*s, n1[0]*s + n1[1]*co}
				path = append(path, b.Add(d.Mul(dist)))
			}
		case turn < -sharp:
			path = append(path, b.Add(n1.Mul(dist)), b.Add(n2.Mul(dist)))
		default:
			path = append(path, mitre[i])
		}
	}
	return untangle(path)
}

// untangle removes the loops a closed path makes where it crosses itself:
// at each crossing it keeps the larger of the two loops, joined at the
// crossing point.
func untangle(path []geom.Vec2) []geom.Vec2 {
	for pass := 0; pass < len(path); pass++ {
		n := len(path)
		i, j, x, found := firstCrossing(path)
		if !found {
			return path
		}
		// the loop i+1 … j against the rest
		inner := append([]geom.Vec2{x}, path[i+1:j+1]...)
		outer := append(append([]geom.Vec2{x}, path[j+1:]...), path[:i+1]...)
		if math.Abs(geom.Contour(inner).Area()) > math.Abs(geom.Contour(outer).Area()) {
			path = inner
		} else {
			path = outer
		}
		if len(path) >= n {
			return path
		}
	}
	return path
}

// firstCrossing finds two non-adjacent segments of the closed path that
// cross, segment i (path[i] to path[i+1]) before segment j, and the
// crossing point.
func firstCrossing(path []geom.Vec2) (i, j int, x geom.Vec2, ok bool) {
	n := len(path)
	for i = 0; i < n; i++ {
		a, b := path[i], path[(i+1)%n]
		for j = i + 2; j < n; j++ {
			if i == 0 && j == n-1 {
				continue // neighbours across the wrap
			}
			c, d := path[j], path[(j+1)%n]
			r, s := b.Sub(a), d.Sub(c)
			den := r[0]*s[1] - r[1]*s[0]
			if den == 0 {
				continue
			}
			q := c.Sub(a)
			t := (q[0]*s[1] - q[1]*s[0]) / den
			u := (q[0]*r[1] - q[1]*r[0]) / den
			if t > 0 && t < 1 && u > 0 && u < 1 {
				return i, j, a.Add(r.Mul(t)), true
			}
		}
	}
	return 0, 0, geom.Vec2{}, false
}

// cornerReach measures how far the head's metal reaches outside the girdle
// outline, mm: reach[k] from pointed corner k, over the metal whose nearest
// point of the outline is that corner (the wedge beyond it), and side, the
// farthest any other metal lies outside the outline.
func cornerReach(g *Geometry, h *Head) (reach []float64, side float64) {
	out := g.Outline
	n := len(out)
	cornerAt := make([]int, n) // 1 + corner number, 0 elsewhere
	for k, c := range g.Corners {
		cornerAt[c] = k + 1
	}
	reach = make([]float64, len(g.Corners))
	for _, p := range h.Parts {
		if p.Material.Kind == geom.KindGem {
			continue
		}
		for _, v := range p.Mesh.Verts {
			q := geom.Vec2{v[0], v[1]}
			if geom.Contour(out).Winding(q) != 0 {
				continue
			}
			// nearest point of the outline, and whether it is a corner
			bd, at := math.Inf(1), 0
			for i := range out {
				a, b := out[i], out[(i+1)%n]
				ab := b.Sub(a)
				t := math.Max(0, math.Min(1, q.Sub(a).Dot(ab)/ab.Dot(ab)))
				if d := q.Sub(a.Add(ab.Mul(t))).Len(); d < bd {
					bd, at = d, 0
					switch t {
					case 0:
						at = cornerAt[i]
					case 1:
						at = cornerAt[(i+1)%n]
					}
				}
			}
			if at > 0 {
				reach[at-1] = math.Max(reach[at-1], q.Sub(out[g.Corners[at-1]]).Len())
			} else {
				side = math.Max(side, bd)
			}
		}
	}
	return reach, side
}

// clearCorner returns the closed path with its part inside the circle of
// radius r around the corner point c replaced by an arc of that circle, in
// steps of at most 10°, counter-clockwise like the path. The path must run
// around c (as the halo path runs around a pointed corner) with one
// stretch inside the circle; otherwise it is returned as it is.
func clearCorner(path []geom.Vec2, c geom.Vec2, r float64) []geom.Vec2 {
	n := len(path)
	in := func(i int) bool { return path[(i%n+n)%n].Sub(c).Len() < r }
	// start from the point farthest from c, so the stretch does not wrap
	far := 0
	for i, q := range path {
		if q.Sub(c).Len() > path[far].Sub(c).Len() {
			far = i
		}
	}
	if in(far) {
		return path
	}
	rot := append(append([]geom.Vec2(nil), path[far:]...), path[:far]...)
	path = rot
	s := -1
	for i := range path {
		if in(i) {
			s = i
			break
		}
	}
	if s < 0 {
		return path
	}
	e := s
	for e+1 < n && in(e+1) {
		e++
	}
	for i := e + 1; i < n; i++ {
		if in(i) {
			return path // a second stretch: not a corner's
		}
	}
	// where the path crosses the circle, entering before s and leaving
	// after e
	cross := func(a, b geom.Vec2) geom.Vec2 {
		d, f := b.Sub(a), a.Sub(c)
		A, B, C := d.Dot(d), 2*f.Dot(d), f.Dot(f)-r*r
		disc := math.Sqrt(math.Max(B*B-4*A*C, 0))
		t := (-B - disc) / (2 * A)
		if t < 0 || t > 1 {
			t = (-B + disc) / (2 * A)
		}
		return a.Add(d.Mul(math.Max(0, math.Min(1, t))))
	}
	p0 := cross(path[s-1], path[s])
	p1 := cross(path[(e+1)%n], path[e])
	a0 := math.Atan2(p0[1]-c[1], p0[0]-c[0])
	a1 := math.Atan2(p1[1]-c[1], p1[0]-c[0])
	sweep := a1 - a0
	for sweep < 0 {
		sweep += 2 * math.Pi
	}
	steps := max(1, int(math.Ceil(sweep/(10*math.Pi/180))))
	out := append([]geom.Vec2(nil), path[:s]...)
	for k := 0; k <= steps; k++ {
		sn, co := math.Sincos(a0 + sweep*float64(k)/float64(steps))
		out = append(out, c.Add(geom.Vec2{co, sn}.Mul(r)))
	}
	out = append(out, path[e+1:]...)
	// The arc meets the rest at inward kinks, where the rails' offsets and
	// the melee's prongs would fold: near the corner, drop every point where
	// the path turns inward (a local convex hull; the arc's ends become
	// tangents).
	for changed := true; changed; {
		changed = false
		m := len(out)
		for i := range out {
			p, q, t := out[(i+m-1)%m], out[i], out[(i+1)%m]
			if q.Sub(c).Len() < 2*r && cross2(q.Sub(p), t.Sub(q)) < -1e-12 {
				out = append(out[:i], out[i+1:]...)
				changed = true
				break
			}
		}
	}
	return out
}

// cross2 is the z component of the cross product of two 2D vectors.
func cross2(a, b geom.Vec2) float64 { return a[0]*b[1] - a[1]*b[0] }
