package gem

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// FacetKind names a facet's place in the cut.
type FacetKind string

// Facet kinds.
const (
	TableFacet        FacetKind = "table"
	BezelFacet        FacetKind = "bezel"        // crown mains (kites)
	StarFacet         FacetKind = "star"         // triangles on the table's edges
	UpperGirdleFacet  FacetKind = "upper-girdle" // crown triangles on the girdle
	GirdleFacet       FacetKind = "girdle"       // one segment of the polished girdle band
	LowerGirdleFacet  FacetKind = "lower-girdle" // pavilion triangles on the girdle
	PavilionFacet     FacetKind = "pavilion"     // pavilion mains
	CuletFacet        FacetKind = "culet"
	CrownStepFacet    FacetKind = "crown-step"    // step cuts' crown tiers
	PavilionStepFacet FacetKind = "pavilion-step" // step cuts' pavilion tiers
)

// Facet is one planar facet of a stone's mesh.
type Facet struct {
	Kind FacetKind
	// Normal is the facet plane's outward unit normal.
	Normal geom.Vec3
	// Tris lists the facet's triangles as indices into the mesh's Tris.
	Tris []int
}

// Geometry is a stone built in its own frame (see the package doc): the
// closed mesh, its facets, and what a setting needs to hold it.
type Geometry struct {
	Stone Stone // the stone with its size resolved (LengthMM, WidthMM set)
	// LengthMM and WidthMM are the outline's extent along X and Y, mm.
	LengthMM, WidthMM float64
	Mesh              *geom.Mesh
	Facets            []Facet
	// Outline is the girdle outline seen from +Z, counter-clockwise, mm;
	// Top[i] and Bottom[i] are the heights of the girdle band's upper and
	// lower edges at Outline[i].
	Outline     []geom.Vec2
	Top, Bottom []float64
	// Corners lists the indices in Outline of pointed corners (a pear's
	// point, a princess's corners), where a setting puts V-prongs.
	Corners []int
	// TableZ is the table's height and CuletZ the lowest point's, mm.
	TableZ, CuletZ float64
}

// GirdleTopZ returns the highest point of the girdle band's upper edge, mm.
func (g *Geometry) GirdleTopZ() float64 { return maxOf(g.Top) }

// GirdleBottomZ returns the lowest point of the girdle band's lower edge, mm.
func (g *Geometry) GirdleBottomZ() float64 { return -maxOf(neg(g.Bottom)) }

// DepthMM returns the total depth, table to culet, mm.
func (g *Geometry) DepthMM() float64 { return g.TableZ - g.CuletZ }

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

func neg(v []float64) []float64 {
	o := make([]float64, len(v))
	for i, x := range v {
		o[i] = -x
	}
	return o
}

// builder assembles a stone mesh facet by facet.
type builder struct {
	m      *geom.Mesh
	facets []Facet
}

// add adds a facet given as a polygon of vertex ids, counter-clockwise seen
// from outside, fanned from its first vertex (the polygon must be star-shaped
// from it).
func (b *builder) add(kind FacetKind, poly ...uint32) {
	f := Facet{Kind: kind}
	for i := 1; i+1 < len(poly); i++ {
		f.Tris = append(f.Tris, len(b.m.Tris))
		b.m.AddTri(poly[0], poly[i], poly[i+1])
	}
	b.facets = append(b.facets, f)
}

// finish computes each facet's normal and verifies that every triangle of a
// facet faces the same way with a non-zero area: a proportion that folds a
// facet over is reported as an error naming the fields that set the shape.
func (b *builder) finish(s Stone) error {
	for i := range b.facets {
		f := &b.facets[i]
		var sum geom.Vec3
		for _, t := range f.Tris {
			p, q, r := b.m.Triangle(t)
			sum = sum.Add(q.Sub(p).Cross(r.Sub(p)))
		}
		l := sum.Len()
		if !(l > 0) {
			return foldError(s, f.Kind)
		}
		f.Normal = sum.Mul(1 / l)
		for _, t := range f.Tris {
			p, q, r := b.m.Triangle(t)
			n := q.Sub(p).Cross(r.Sub(p))
			if n.Dot(f.Normal) < -1e-12*l {
				return foldError(s, f.Kind)
			}
		}
	}
	return nil
}

func foldError(s Stone, k FacetKind) error {
	p := s.props()
	return fmt.Errorf("%w: proportions table_pct %g, crown_angle_deg %g, pavilion_angle_deg %g, star_pct %g, lower_half_pct %g, culet_pct %g fold the %s facets over: move them toward the ideal",
		ErrInvalid, 100*p.table, p.crown, p.pavilion, 100*p.star, 100*p.lower, 100*p.culet, k)
}
