package ring

import (
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

func paveParams(t testing.TB, size string, width, thick, melee float64) Params {
	t.Helper()
	sz, err := ParseSize(size)
	if err != nil {
		t.Fatal(err)
	}
	return Params{Size: sz, Profile: Comfort, WidthMM: width, ThicknessMM: thick,
		Stones: []Stone{{Gem: gem.Stone{Cut: gem.Round, DiameterMM: melee}, Setting: Pave}}}
}

// TestPave: pavé over the top of a comfort band, measured: every part
// closed; staggered rows across the band; each melee rests on its seat's
// rim (within 0.03 mm of the band: the rim and the pavilion are both
// faceted) without cutting into it; neighbours at
// least the gap apart; every bead touches a melee without cutting into it;
// the band lost the seats' volume.
func TestPave(t *testing.T) {
	for _, c := range []struct {
		size         string
		width, thick float64
		melee        float64
		rows         int
	}{
		{"US 7", 4, 2, 1.3, 2},
		{"UK P", 6, 2.2, 1.0, 4},
		{"US 11", 8, 2, 1.5, 3},
		{"EU 50", 2.5, 1.8, 1.2, 1},
	} {
		p := paveParams(t, c.size, c.width, c.thick, c.melee)
		plain, err := p.Band()
		if err != nil {
			t.Fatal(err)
		}
		res, err := Build(p)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		checkParts(t, res.Model)
		band := res.Model.Part("band").Mesh
		beads := res.Model.Part("pave-0")
		if beads == nil {
			t.Fatalf("%+v: no beads", c)
		}
		var melee []*geom.Mesh
		rowsSeen := map[int64]bool{}
		for _, pt := range res.Model.Parts {
			if strings.HasPrefix(pt.Name, "stone-0.") {
				melee = append(melee, pt.Mesh)
				y := pt.Mesh.Bounds().Center()[1]
				rowsSeen[int64(math.Round(y*10))] = true
			}
		}
		if len(rowsSeen) < c.rows || len(melee) < 6*c.rows {
			t.Errorf("%+v: %d melee in %d rows, want at least %d rows", c, len(melee), len(rowsSeen), c.rows)
		}
		boxes := make([]geom.Box, len(melee))
		for k, m := range melee {
			boxes[k] = m.Bounds()
		}
		for k, m := range melee {
			if d, _, _ := geom.MinDistance(m, band); d > 0.03 {
				t.Errorf("%+v: melee %d is %.3f mm from the band, want resting on its seat", c, k, d)
			}
			for j := k + 1; j < len(melee); j++ {
				if boxGap(boxes[k], boxes[j]) > PaveGapMM {
					continue
				}
				if d, _, _ := geom.MinDistance(m, melee[j]); d < gem.MinStoneGap {
					t.Errorf("%+v: melee %d and %d %.3f mm apart", c, k, j, d)
				}
			}
		}
		// no metal cuts into a stone: the ring's own pierce check
		for _, w := range res.Warnings {
			if strings.Contains(w, "cuts") || strings.Contains(w, "closer") {
				t.Errorf("%+v: %s", c, w)
			}
		}
		// each bead touches a melee
		shells := beads.Mesh.Pieces()
		if len(shells) < len(melee) {
			t.Errorf("%+v: %d beads for %d melee", c, len(shells), len(melee))
		}
		for _, b := range shells {
			best := math.Inf(1)
			bb := b.Bounds()
			for k, m := range melee {
				if boxGap(bb, boxes[k]) > 0.1 {
					continue
				}
				d, _, _ := geom.MinDistance(b, m)
				best = math.Min(best, d)
			}
			if best > 0.02 || best < 1e-4 {
				t.Errorf("%+v: a bead %.4f mm from the nearest melee, want touching", c, best)
			}
		}
		// the seats' volume left the band
		if !(band.Volume() < plain.Volume()) {
			t.Errorf("%+v: band %.2f mm³ after seats, %.2f before", c, band.Volume(), plain.Volume())
		}
		if len(res.Stones) != len(melee) {
			t.Errorf("%+v: %d stone facts for %d melee", c, len(res.Stones), len(melee))
		}
	}
}

// TestPaveErrors: pavé refuses what it cannot make, naming the field.
func TestPaveErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		p     func(Params) Params
		field string
	}{
		{"princess melee", func(p Params) Params {
			p.Stones[0].Gem = gem.Stone{Cut: gem.Princess, WidthMM: 1.3}
			return p
		}, "stones[0].cut"},
		{"large melee", func(p Params) Params { p.Stones[0].Gem.DiameterMM = 4; return p }, "stones[0].diameter_mm"},
		{"thin band", func(p Params) Params { p.ThicknessMM = 1.2; return p }, "stones[0].diameter_mm"},
		{"prongs", func(p Params) Params { p.Stones[0].Prongs = 4; return p }, "stones[0].prongs"},
		{"knife edge", func(p Params) Params { p.Profile = KnifeEdge; return p }, "stones[0].setting"},
	} {
		_, err := Build(c.p(paveParams(t, "US 7", 4, 2, 1.3)))
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: error %v, want one naming %s", c.name, err, c.field)
		}
	}
}

// TestPaveProfiles: pavé on every profile but the knife edge (refused), on
// tapered bands, low on the band and on the shoulders: closed parts.
func TestPaveProfiles(t *testing.T) {
	for _, prof := range []Profile{Flat, Comfort, DShape, FlatComfort, Bevelled} {
		for _, run := range [][3]float64{{-30, 30, 0}, {30, 70, 1}, {100, 170, 0}} {
			p := paveParams(t, "US 9", 5, 2, 1.1)
			p.Profile = prof
			p.Taper = &Taper{WidthMM: 3, ThicknessMM: 1.8}
			p.Stones[0].AtDeg, p.Stones[0].ToDeg, p.Stones[0].Mirror = run[0], run[1], run[2] == 1
			res, err := Build(p)
			if err != nil {
				t.Errorf("%s %v: %v", prof, run, err)
				continue
			}
			checkParts(t, res.Model)
		}
	}
}
