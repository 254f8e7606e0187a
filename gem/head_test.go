package gem

import (
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// touchTol is how close a prong must come to the stone to count as touching:
// twice the default chord tolerance, since a prong's faceted surface lies up
// to one chord inside its true cylinder.
const touchTol = 2 * geom.DefaultChordMM

// pierceTol is how deep metal may reach into the stone: 0.01 mm, the issue's
// limit for the pavilion.
const pierceTol = 0.01

// depthInside returns how far p lies inside the convex stone (positive
// inside, negative outside): the least distance to a facet plane.
func depthInside(g *Geometry, p geom.Vec3) float64 {
	d := math.Inf(1)
	for _, f := range g.Facets {
		a, _, _ := g.Mesh.Triangle(f.Tris[0])
		d = math.Min(d, f.Normal.Dot(a)-f.Normal.Dot(p))
	}
	return d
}

func TestProngsHoldTheStone(t *testing.T) {
	cases := []struct {
		s      Stone
		p      ProngParams
		convex bool
	}{
		{Stone{Cut: Round, DiameterMM: 6.5}, ProngParams{Count: 6}, true},
		{Stone{Cut: Round, DiameterMM: 6.5}, ProngParams{Count: 4, Style: ClawProng}, true},
		{Stone{Cut: Round, DiameterMM: 3}, ProngParams{Count: 3}, true},
		{Stone{Cut: Oval, LengthMM: 8, WidthMM: 6}, ProngParams{}, true},
		{Stone{Cut: Cushion, WidthMM: 6}, ProngParams{Count: 8}, true},
		{Stone{Cut: Pear, LengthMM: 9, WidthMM: 6}, ProngParams{Count: 5}, true},
		{Stone{Cut: Marquise, LengthMM: 10, WidthMM: 5}, ProngParams{}, true},
		{Stone{Cut: Heart, WidthMM: 7}, ProngParams{}, false},
		{Stone{Cut: Princess, WidthMM: 5.5}, ProngParams{}, true},
		{Stone{Cut: Emerald, LengthMM: 8, WidthMM: 6}, ProngParams{Count: 4}, true},
		{Stone{Cut: Trillion, WidthMM: 7}, ProngParams{}, true},
	}
	for _, c := range cases {
		checkProngHead(t, c.s, c.p, c.convex)
	}
}

// checkProngHead builds a prong head and measures it as the issue asks:
// every part closed, no metal vertex inside the pavilion (for a convex
// stone), every prong touching the crown over the girdle and reaching over
// it, the count asked for, cutters larger than the stone, the culet above
// the head's bottom.
func checkProngHead(t *testing.T, s Stone, p ProngParams, convex bool) {
	t.Helper()
	h, err := Solitaire(s, p, geom.Tolerance{})
	if err != nil {
		t.Errorf("%s: %v", s.Cut, err)
		return
	}
	g := h.Stone
	prongs := 0
	for _, part := range h.Parts {
		checkMesh(t, string(s.Cut)+" "+part.Name, part.Mesh)
		if part.Name == "stone-0" {
			continue
		}
		// nothing pierces the pavilion (below the girdle); report the crown
		for _, v := range part.Mesh.Verts {
			if convex && v[2] < g.GirdleBottomZ() {
				if d := depthInside(g, v); d > pierceTol {
					t.Errorf("%s %s: vertex %v is %.4f mm inside the pavilion", s.Cut, part.Name, v, d)
					break
				}
			}
		}
		if !strings.HasPrefix(part.Name, "prong-") {
			continue
		}
		prongs++
		// touches the stone at or above the girdle's top edge
		best := math.Inf(1)
		for _, v := range part.Mesh.Verts {
			if v[2] >= g.GirdleTopZ()-1e-9 {
				best = math.Min(best, meshDist(v, g.Mesh))
			}
		}
		if best > touchTol {
			t.Errorf("%s %s: nearest point over the girdle is %.4f mm from the crown, want ≤ %g", s.Cut, part.Name, best, touchTol)
		}
		// the prong reaches over the crown
		inside := false
		for _, v := range part.Mesh.Verts {
			if _, ok := g.CrownZ(v[0], v[1]); ok && v[2] > g.GirdleTopZ() {
				inside = true
				break
			}
		}
		if !inside {
			t.Errorf("%s %s does not reach over the crown", s.Cut, part.Name)
		}
	}
	want := p.Count
	if want == 0 {
		want = p.resolved(g).Count
	}
	if prongs != want {
		t.Errorf("%s: %d prongs, want %d", s.Cut, prongs, want)
	}
	for _, m := range h.Cutters {
		checkMesh(t, string(s.Cut)+" cutter", m)
		if m.Volume() <= g.Mesh.Volume() {
			t.Errorf("%s: cutter %.2f mm³ is smaller than the stone %.2f mm³", s.Cut, m.Volume(), g.Mesh.Volume())
		}
	}
	// the culet clears the head's bottom
	if !(g.CuletZ > h.BottomZ) {
		t.Errorf("%s: culet %g not above the head's bottom %g", s.Cut, g.CuletZ, h.BottomZ)
	}
}

// TestProngsHoldEveryCut measures prong heads around every cut at trade
// proportions, 3 to 14 mm long, with the default count and style.
func TestProngsHoldEveryCut(t *testing.T) {
	ratio := map[Cut]float64{Oval: 1.4, Cushion: 1.1, Pear: 1.5, Marquise: 2, Emerald: 1.4, Baguette: 2.5}
	for _, cut := range []Cut{Round, Oval, Cushion, Pear, Marquise, Heart, Princess, Emerald, Asscher, Baguette, Trillion} {
		for _, l := range []float64{3, 5, 6.5, 8, 10, 14} {
			r := ratio[cut]
			if r == 0 {
				r = 1
			}
			st := Stone{Cut: cut, LengthMM: l, WidthMM: l / r}
			if cut == Round {
				st = Stone{Cut: cut, DiameterMM: l}
			}
			checkProngHead(t, st, ProngParams{}, cut != Heart)
		}
	}
}

func TestProngDiameterRule(t *testing.T) {
	for _, c := range []struct{ w, d float64 }{{6.5, 0.8}, {2.5, 0.8}, {2, 0.7}, {1.6, 0.6}, {1.3, 0.5}, {1.1, 0.4}, {0.8, 0.32}} {
		if got := ProngDiameter(c.w); math.Abs(got-c.d) > 1e-12 {
			t.Errorf("ProngDiameter(%g) = %g, want %g", c.w, got, c.d)
		}
	}
}

func TestHeadErrorsAndWarnings(t *testing.T) {
	// a 0.1 mm stone in a 6-prong head: the stone's size is named
	_, err := Solitaire(Stone{Cut: Round, DiameterMM: 0.1}, ProngParams{Count: 6}, geom.Tolerance{})
	if err == nil || !strings.Contains(err.Error(), "diameter_mm") {
		t.Errorf("0.1 mm stone: %v", err)
	}
	for _, c := range []struct {
		s     Stone
		p     ProngParams
		field string
	}{
		{Stone{Cut: Round, DiameterMM: 5}, ProngParams{Count: 9}, "prongs"},
		{Stone{Cut: Round, DiameterMM: 5}, ProngParams{Count: 2}, "prongs"},
		{Stone{Cut: Round, DiameterMM: 5}, ProngParams{Style: "tulip"}, "prong_style"},
		{Stone{Cut: Round, DiameterMM: 1}, ProngParams{DiameterMM: 0.8}, "prong_diameter_mm"},
		{Stone{Cut: Round, DiameterMM: 0.8}, ProngParams{Count: 8, DiameterMM: 0.3}, "prongs"},
		{Stone{Cut: Princess, WidthMM: 5}, ProngParams{Count: 3}, "prongs"},
		{Stone{Cut: "rose", DiameterMM: 5}, ProngParams{}, "cut"},
	} {
		_, err := Solitaire(c.s, c.p, geom.Tolerance{})
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%+v %+v: error %v does not name %s", c.s, c.p, err, c.field)
		}
	}
	// a 1.2 mm stone gets 0.5 mm prongs: a warning per prong
	h, err := Solitaire(Stone{Cut: Round, DiameterMM: 1.2}, ProngParams{}, geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	w := h.Warnings()
	if len(w) < 4 || !strings.Contains(w[0], "prong-0") || !strings.Contains(w[0], "0.6") {
		t.Errorf("warnings %q", w)
	}
	h, _ = Solitaire(Stone{Cut: Round, DiameterMM: 6.5}, ProngParams{}, geom.Tolerance{})
	if len(h.Warnings()) != 0 {
		t.Errorf("6.5 mm solitaire warns %q", h.Warnings())
	}
}

func BenchmarkSolitaire6Prong(b *testing.B) {
	s := Stone{Cut: Round, DiameterMM: 6.5}
	for i := 0; i < b.N; i++ {
		if _, err := Solitaire(s, ProngParams{Count: 6}, geom.Tolerance{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBezelHoldsTheStone(t *testing.T) {
	for _, s := range []Stone{{Cut: Round, DiameterMM: 6.5}, {Cut: Oval, LengthMM: 8, WidthMM: 6}, {Cut: Cushion, WidthMM: 6}, {Cut: Emerald, LengthMM: 7, WidthMM: 5}, {Cut: Princess, WidthMM: 5}} {
		g, err := s.Geometry(geom.Tolerance{})
		if err != nil {
			t.Fatal(err)
		}
		h, err := Bezel(g, BezelParams{}, geom.Tolerance{})
		if err != nil {
			t.Errorf("%s: %v", s.Cut, err)
			continue
		}
		b := h.Parts[1].Mesh
		checkMesh(t, string(s.Cut)+" bezel", b)
		deepest, nearest := math.Inf(-1), math.Inf(1)
		for _, v := range b.Verts {
			deepest = math.Max(deepest, depthInside(g, v))
			nearest = math.Min(nearest, meshDist(v, g.Mesh))
		}
		if deepest > pierceTol {
			t.Errorf("%s: bezel reaches %.4f mm into the stone", s.Cut, deepest)
		}
		if nearest > touchTol {
			t.Errorf("%s: bezel's nearest vertex is %.4f mm from the stone", s.Cut, nearest)
		}
		// the lip reaches over the crown: some metal above the crown
		over := false
		for _, v := range b.Verts {
			if z, ok := g.CrownZ(v[0], v[1]); ok && v[2] > z && v[2] > g.GirdleTopZ() {
				over = true
				break
			}
		}
		if !over {
			t.Errorf("%s: no lip over the crown", s.Cut)
		}
	}
	g, _ := Stone{Cut: Round, DiameterMM: 5}.Geometry(geom.Tolerance{})
	if _, err := Bezel(g, BezelParams{WallMM: 9}, geom.Tolerance{}); err == nil || !strings.Contains(err.Error(), "bezel_wall_mm") {
		t.Errorf("thick wall: %v", err)
	}
}
