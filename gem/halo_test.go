package gem

import (
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// haloTouchTol is how close a shared prong must come to a crown to hold it:
// 0.02 mm, twice the default chord (a tube's facets lie up to a chord
// inside its true cylinder).
const haloTouchTol = 2 * geom.DefaultChordMM

func TestHaloRound(t *testing.T) {
	testHalo(t, Stone{Cut: Round, DiameterMM: 6.5}, 1.3)
}

// TestHaloCuts: a halo around every cut, pointed corners (pear, marquise,
// heart, princess, trillion, baguette) and a heart's notch included, holds
// to the same measures as the round one, and every melee keeps clear of the
// centre stone's own prongs.
func TestHaloCuts(t *testing.T) {
	for _, cut := range []Cut{Oval, Cushion, Emerald, Asscher, Pear, Marquise, Heart, Princess, Trillion, Baguette} {
		t.Run(string(cut), func(t *testing.T) {
			st := Stone{Cut: cut, LengthMM: 8, WidthMM: 6}
			switch cut {
			case Asscher, Princess, Trillion:
				st = Stone{Cut: cut, LengthMM: 6.5, WidthMM: 6.5}
			case Baguette:
				st = Stone{Cut: cut, LengthMM: 7, WidthMM: 3.5}
			}
			g, err := st.Geometry(geom.Tolerance{})
			if err != nil {
				t.Fatal(err)
			}
			testHalo(t, st, MeleeDiameter(g.WidthMM))
		})
	}
}

func testHalo(t *testing.T, st Stone, meleeMM float64) {
	g, err := st.Geometry(geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := Halo(g, HaloParams{}, geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	var melee []*geom.Mesh
	for _, p := range h.Parts {
		if err := p.Mesh.Check().Err(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
		if strings.HasPrefix(p.Name, "melee-") {
			melee = append(melee, p.Mesh)
		}
	}
	n := len(melee)
	if n != len(h.Melee) || n < 12 {
		t.Fatalf("%d melee parts, %d placed", n, len(h.Melee))
	}
	if w := h.Melee[0].Stone.WidthMM; w != meleeMM {
		t.Errorf("melee %.3f mm, want %.1f around a %.1f mm wide stone", w, meleeMM, g.WidthMM)
	}
	centre := h.Parts[0].Mesh
	var prongs, frame *geom.Mesh
	for _, p := range h.Parts {
		switch p.Name {
		case "halo-prongs":
			prongs = p.Mesh
		case "halo-frame":
			frame = p.Mesh
		}
	}
	// the centre stone's head: its metal parts before the halo's
	var head []geom.Part
	for _, p := range h.Parts[1:] {
		if strings.HasPrefix(p.Name, "melee-") {
			break
		}
		head = append(head, p)
	}
	minGap := math.Inf(1)
	for k, m := range melee {
		for j := k + 1; j < n; j++ { // every pair: a heart's notch brings far ones near
			d, _, _ := geom.MinDistance(m, melee[j])
			minGap = math.Min(minGap, d)
		}
		for _, p := range head {
			if d, _, _ := geom.MinDistance(m, p.Mesh); d < MinStoneGap {
				t.Errorf("melee-%d %.3f mm from the centre's %s", k, d, p.Name)
			}
		}
		if dc, _, _ := geom.MinDistance(m, centre); dc < MinStoneGap {
			t.Errorf("melee-%d %.3f mm from the centre stone", k, dc)
		}
		if df, _, _ := geom.MinDistance(m, frame); df > 0.05 || df < 1e-4 {
			t.Errorf("melee-%d %.3f mm from the frame, want resting on it", k, df)
		}
	}
	if minGap < MinStoneGap {
		t.Errorf("neighbouring melee %.3f mm apart, want ≥ %.1f", minGap, MinStoneGap)
	}
	// each shared prong touches both neighbours' crowns: split the prongs'
	// shells by their bounding boxes around the notches
	shells := prongs.Pieces()
	if len(shells) != 2*n {
		t.Fatalf("%d prong shells, want %d", len(shells), 2*n)
	}
	for _, s := range shells {
		c := s.Bounds().Center()
		// the two nearest melee
		best := [2]int{-1, -1}
		bd := [2]float64{math.Inf(1), math.Inf(1)}
		for k, pl := range h.Melee {
			d := math.Hypot(c[0]-pl.Offset[0], c[1]-pl.Offset[1])
			if d < bd[0] {
				best[1], bd[1] = best[0], bd[0]
				best[0], bd[0] = k, d
			} else if d < bd[1] {
				best[1], bd[1] = k, d
			}
		}
		for _, k := range best {
			d, _, _ := geom.MinDistance(s, melee[k])
			if d > haloTouchTol {
				t.Errorf("prong at %v is %.4f mm from melee-%d, want touching", c, d, k)
			}
			if pierce := meshDepthInside(melee[k], s); pierce > haloTouchTol {
				t.Errorf("prong at %v cuts %.3f mm into melee-%d", c, pierce, k)
			}
		}
	}
	t.Logf("%d melee of %.2f mm, %.3f ct each; closest neighbours %.3f mm; %d prong shells; warnings %v",
		n, h.Melee[0].Stone.WidthMM, h.Melee[0].Stone.Carat(), minGap, len(shells), h.Warnings())
	if len(h.Warnings()) != 0 {
		t.Errorf("warnings %v", h.Warnings())
	}
}

// meshDepthInside returns how deep any vertex of m lies inside the convex stone
// s (through all of its triangle planes), 0 when none is inside.
func meshDepthInside(s, m *geom.Mesh) float64 {
	worst := 0.0
	for _, v := range m.Verts {
		d := math.Inf(1)
		for i := range s.Tris {
			a, b, c := s.Triangle(i)
			n := b.Sub(a).Cross(c.Sub(a))
			if n.Len() < 1e-12 {
				continue
			}
			n = n.Normalize()
			d = math.Min(d, n.Dot(a)-n.Dot(v))
			if d <= worst {
				break
			}
		}
		worst = math.Max(worst, d)
	}
	return worst
}
