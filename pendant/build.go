package pendant

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// Result is a built pendant and its measured balance.
type Result struct {
	// Model holds the parts "body", "bail", and with a stone "bezel" and
	// "stone-0".
	Model *geom.Model
	// CentreOfMassMM is the centre of mass of every part, each at its own
	// material's density, mm from the pivot (the origin).
	CentreOfMassMM geom.Vec3
	// HangAngleDeg is the angle between the pendant's axis (−Z) and the
	// line from the pivot down to the centre of mass, in its plane,
	// positive when the bottom swings toward +X; 0 for a symmetric outline.
	HangAngleDeg float64
	// TiltDeg is how far the bottom swings toward the viewer (−Y) about the
	// chain's axis: a stone on the front makes it positive.
	TiltDeg float64
	// Front and Back are the engravable faces.
	Front, Back Patch
	// Engravings are the figures of Params.Engravings as cut, in order.
	Engravings []geom.CutFacts
	// EngravingShiftMM is how far each engraving was moved along v (up
	// positive), mm, to clear the rim, holes and bezel (0 when it fit).
	EngravingShiftMM []float64
	// Warnings list what a caster would flag.
	Warnings []string
}

// Patch is an engravable surface: (u, v) in mm on the face (u to the
// right and v up as seen looking at the face, origin at the outline's
// centroid) to a point on the surface and its outward unit normal.
type Patch struct {
	// Size is the face's box in (u, v), mm.
	Min, Max geom.Vec2
	// Grid is the face's structured grid on the body part's mesh as built
	// (before engraving), in the same (u, v): engravings are cut into it
	// with geom.CutPatch. Its grid points off the structured part (along
	// the rim, round a hole or the bezel) map to no vertex: Vert returns
	// NoVertex there.
	Grid   geom.Patch
	grid   *faceGrid
	at     func(u, v float64) (geom.Vec3, geom.Vec3)
	inside func(u, v float64) bool
}

// NoVertex is what Patch.Grid.Vert returns for a grid point that is not a
// vertex of the body.
const NoVertex = math.MaxUint32

// At returns the surface point and outward normal at (u, v).
func (p Patch) At(u, v float64) (point, normal geom.Vec3) { return p.at(u, v) }

// Contains reports whether (u, v) lies on the face (inside the rim and
// outside any hole).
func (p Patch) Contains(u, v float64) bool { return p.inside(u, v) }

// Build makes the pendant.
func Build(p Params) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p = p.withDefaults()
	metal, _ := geom.Metal(metalName(p.Metal))
	tol := p.Tolerance
	b, err := newBody(outline(p), p)
	if err != nil {
		return nil, err
	}
	res := &Result{Model: &geom.Model{}}
	// Distance field: the reach of the dome and the stone's place.
	_, gds := b.grid()
	for _, d := range gds {
		b.reach = math.Max(b.reach, d)
	}
	// The bail sits over the middle of the outline's box: a symmetric
	// outline hangs straight, an asymmetric one tilts (HangAngleDeg). A
	// stone goes on that vertical, where it is farthest from the rim.
	ob := geom.Contour(b.outline).Bounds()
	ax := (ob.Min[0] + ob.Max[0]) / 2
	centre := geom.Vec2{ax, b.centre[1]}
	best := -1.0
	for v := ob.Min[1]; v <= ob.Max[1]; v += b.spacing / 8 {
		q := geom.Vec2{ax, v}
		if geom.Contour(b.face).Winding(q) == 0 {
			continue
		}
		if d := b.faceDist(q); d > best {
			best, centre = d, q
		}
	}
	if b.reach == 0 {
		b.reach = polyDist(b.centre, b.face)
	}

	var head *gem.Head
	var stoneAt geom.Vec3
	if p.Stone != nil {
		g, err := p.Stone.Geometry(tol)
		if err != nil {
			return nil, fmt.Errorf("stones[0]: %w", err)
		}
		head, err = gem.Bezel(g, gem.BezelParams{}, tol)
		if err != nil {
			return nil, fmt.Errorf("stones[0]: %w", err)
		}
		seat := 0.08*g.WidthMM + 0.05 // the bezel's ledge (gem default) and a margin
		var hole, foot []geom.Vec2
		for _, q := range g.Outline {
			l := q.Len()
			hole = append(hole, centre.Add(q.Mul((l-seat)/l)))
			foot = append(foot, centre.Add(q.Mul((l+0.8)/l)))
		}
		yb := math.Inf(-1)
		for _, q := range hole {
			if geom.Contour(b.face).Winding(q) == 0 || b.faceDist(q) < 0.5 {
				return nil, fieldErr("stones[0]", fmt.Sprintf("%.2f × %.2f mm", g.LengthMM, g.WidthMM), "too big for the pendant's face: its seat must stay 0.5 mm inside the rim")
			}
			yb = math.Max(yb, b.frontY(q))
		}
		for _, q := range foot {
			if geom.Contour(b.face).Winding(q) != 0 {
				yb = math.Max(yb, b.frontY(q))
			}
		}
		yb += 0.05 // sink the bezel into the body
		for i, j := 0, len(hole)-1; i < j; i, j = i+1, j-1 {
			hole[i], hole[j] = hole[j], hole[i]
		}
		b.holes = append(b.holes, hole)
		b.keepOut = append(b.keepOut, foot)
		stoneAt = geom.Vec3{centre[0], yb + head.BottomZ, centre[1]}
		if back := stoneAt[1] - g.CuletZ; back > b.rim[len(b.rim)-1].y {
			res.Warnings = append(res.Warnings, fmt.Sprintf("stone-0: the culet stands %.2f mm out of the open back", back-b.rim[len(b.rim)-1].y))
		}
	}
	bm, err := b.mesh(tol)
	if err != nil {
		return nil, err
	}

	// Hang the body from the bail: its top above the centroid's vertical.
	top := topAt(b.outline, ax)
	id, w := p.Bail.InnerDiameterMM, p.Bail.WireMM
	zTop := -(id/2 + 0.4*w)
	shift := geom.Vec3{-ax, 0, zTop - top}
	bm.Translate(shift)
	res.patches(b, shift)
	if bm, err = res.engrave(p, b, bm); err != nil {
		return nil, err
	}
	res.Model.Add("body", metal, bm)
	bail, err := makeBail(p.Bail, math.Min(p.ThicknessMM, 0.6*p.WidthMM), tol)
	if err != nil {
		return nil, err
	}
	res.Model.Add("bail", metal, bail)
	if head != nil {
		place := func(q geom.Vec3) geom.Vec3 {
			return geom.Vec3{q[0], -q[2], q[1]}.Add(stoneAt).Add(shift)
		}
		var stone *geom.Part
		for _, part := range head.Parts {
			m := part.Mesh.Clone()
			m.Transform(place)
			mat := part.Material
			if mat.Kind == geom.KindMetal || mat.Name == "" {
				mat = metal
			}
			if part.Name == "stone-0" {
				stone = &geom.Part{Name: part.Name, Material: mat, Mesh: m} // after the metal
				continue
			}
			res.Model.Add(part.Name, mat, m)
		}
		if stone != nil {
			res.Model.Parts = append(res.Model.Parts, *stone)
		}
		res.Warnings = append(res.Warnings, head.Warnings()...)
	}
	res.balance()
	return res, nil
}

// balance measures the centre of mass and the hanging angles.
func (r *Result) balance() {
	var mass float64
	var c geom.Vec3
	for _, part := range r.Model.Parts {
		m := part.Mesh.Volume() * part.Material.DensityGCM3
		c = c.Add(part.Mesh.Centroid().Mul(m))
		mass += m
	}
	if mass > 0 {
		c = c.Mul(1 / mass)
	}
	r.CentreOfMassMM = c
	r.HangAngleDeg = math.Atan2(c[0], -c[2]) * 180 / math.Pi
	r.TiltDeg = math.Atan2(-c[1], -c[2]) * 180 / math.Pi
}

// topAt returns the highest point of the outline on the vertical line x.
func topAt(o []geom.Vec2, x float64) float64 {
	top := math.Inf(-1)
	for i, a := range o {
		c := o[(i+1)%len(o)]
		if (a[0]-x)*(c[0]-x) > 0 || a[0] == c[0] {
			if a[0] == x {
				top = math.Max(top, a[1])
			}
			continue
		}
		t := (x - a[0]) / (c[0] - a[0])
		top = math.Max(top, a[1]+t*(c[1]-a[1]))
	}
	return top
}

// makeBail builds the bail around the pivot: a loop in the YZ plane or a
// tube along X as long as length, mm.
func makeBail(bl Bail, length float64, tol geom.Tolerance) (*geom.Mesh, error) {
	id, w := bl.InnerDiameterMM, bl.WireMM
	rot := func(q geom.Vec3) geom.Vec3 { return geom.Vec3{q[2], q[0], q[1]} } // Z axis → X
	var m *geom.Mesh
	var err error
	if bl.Style == Tube {
		ri, ro := id/2, id/2+w/2
		l := math.Max(length, 2*w)
		m, err = geom.Revolve([]geom.Vec2{{ri, -l / 2}, {ro, -l / 2}, {ro, l / 2}, {ri, l / 2}}, tol)
	} else {
		var path []geom.Vec3
		rc := id/2 + w/2
		path, err = geom.EllipsePath(rc, rc, w/2, tol)
		if err == nil {
			m, err = geom.Tube(path, true, w/2, tol)
		}
	}
	if err != nil {
		return nil, err
	}
	m.Transform(rot)
	return m, nil
}

// patches sets the engravable faces.
func (r *Result) patches(b *body, shift geom.Vec3) {
	bx := geom.Contour(b.face).Bounds()
	c := b.centre
	onFace := func(q geom.Vec2) bool {
		if geom.Contour(b.face).Winding(q) == 0 {
			return false
		}
		for _, h := range b.holes {
			if geom.Contour(h).Winding(q) != 0 {
				return false
			}
		}
		return true
	}
	lo, hi := bx.Min.Sub(c), bx.Max.Sub(c)
	back := b.rim[len(b.rim)-1].y
	r.Back = Patch{Min: geom.Vec2{-hi[0], lo[1]}, Max: geom.Vec2{-lo[0], hi[1]}, grid: b.back,
		at: func(u, v float64) (geom.Vec3, geom.Vec3) {
			return geom.Vec3{c[0] - u, back, c[1] + v}.Add(shift), geom.Vec3{0, 1, 0}
		},
		inside: func(u, v float64) bool { return onFace(geom.Vec2{c[0] - u, c[1] + v}) },
	}
	r.Back.Grid = gridPatch(b.back, b.backVert, func(q geom.Vec2) geom.Vec2 { return geom.Vec2{c[0] - q[0], q[1] - c[1]} }, r.Back.at)
	const h = 1e-3 // mm, the step of the normal's finite differences
	r.Front = Patch{Min: lo, Max: hi,
		at: func(u, v float64) (geom.Vec3, geom.Vec3) {
			q := geom.Vec2{c[0] + u, c[1] + v}
			y := b.frontY(q)
			dx := (b.frontY(q.Add(geom.Vec2{h, 0})) - b.frontY(q.Sub(geom.Vec2{h, 0}))) / (2 * h)
			dz := (b.frontY(q.Add(geom.Vec2{0, h})) - b.frontY(q.Sub(geom.Vec2{0, h}))) / (2 * h)
			n := geom.Vec3{dx, -1, dz}.Normalize()
			return geom.Vec3{q[0], y, q[1]}.Add(shift), n
		},
		inside: func(u, v float64) bool { return onFace(geom.Vec2{c[0] + u, c[1] + v}) },
		grid:   b.front,
	}
	r.Front.Grid = gridPatch(b.front, b.frontVert, func(q geom.Vec2) geom.Vec2 { return q.Sub(c) }, r.Front.at)
}

// gridPatch exposes a face grid as a geom.Patch: uv maps a plane point to
// the face's (u, v); at is the face's surface.
func gridPatch(g *faceGrid, vert []int32, uv func(geom.Vec2) geom.Vec2, at func(u, v float64) (geom.Vec3, geom.Vec3)) geom.Patch {
	return geom.Patch{NU: g.nu, NV: g.nv,
		Vert: func(i, j int) uint32 {
			if v := vert[i*g.nv+j]; v >= 0 {
				return uint32(v)
			}
			return NoVertex
		},
		UV:   func(i, j int) geom.Vec2 { return uv(g.point(i, j)) },
		Eval: func(q geom.Vec2) (geom.Vec3, geom.Vec3) { return at(q[0], q[1]) },
	}
}
