package ring

import (
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// TestChannelShoulders sets 1.5 mm rounds in channels on both shoulders of
// a solitaire and checks where the stones sit against the rails and band.
func TestChannelShoulders(t *testing.T) {
	p := solitaireParams(t, Prong, 4)
	p.WidthMM = 3.5
	p.Stones = append(p.Stones, Stone{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 1.5}, Setting: Channel})
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, res.Model)
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	rails := res.Model.Part("channel-1")
	if rails == nil {
		t.Fatalf("no channel-1 among %s", partNames(res.Model))
	}
	if d, _, _ := geom.MinDistance(rails.Mesh, res.Model.Part("band").Mesh); d > 0 {
		t.Errorf("rails %.3f mm from the band, want standing in it", d)
	}
	rIn := p.Size.DiameterMM / 2
	var stones []*geom.Mesh
	var angles []float64
	for _, f := range res.Stones[1:] {
		pt := res.Model.Part(f.Part)
		if pt == nil || f.Setting != Channel || f.DiameterMM != 1.5 {
			t.Fatalf("fact %+v", f)
		}
		stones = append(stones, pt.Mesh)
		c := pt.Mesh.Bounds().Center()
		angles = append(angles, math.Atan2(c[0], c[2])*180/math.Pi)
	}
	n := len(stones)
	if n < 4 || n%2 != 0 {
		t.Fatalf("%d channel stones, want an even count ≥ 4", n)
	}
	halfW := 1.5 / 2
	for k, m := range stones {
		a := angles[k]
		if math.Abs(a) < ShoulderFromDeg || math.Abs(a) > ShoulderToDeg {
			t.Errorf("%s centred at %.1f°, outside the shoulders", res.Stones[k+1].Part, a)
		}
		// above the band: the culet outside the band's outer surface
		for _, v := range m.Verts {
			rho := math.Hypot(v[0], v[2])
			_, out, ok := p.bandSection(math.Atan2(v[0], v[2]), v[1])
			if rho < rIn || ok && rho < out-1e-6 {
				t.Fatalf("%s vertex %v is %.3f mm from the axis, inside the band (outer %.3f)", res.Stones[k+1].Part, v, rho, out)
			}
			// between the rails: across the finger within the girdle
			if math.Abs(v[1]) > halfW+1e-6 {
				t.Fatalf("%s vertex %v outside the channel", res.Stones[k+1].Part, v)
			}
		}
		// the rails hold the stone (touch within the lift margin) without
		// cutting into it (warnPierced would have warned)
		d, _, _ := geom.MinDistance(m, rails.Mesh)
		if d > 0.1 {
			t.Errorf("%s is %.3f mm from its rails, want held", res.Stones[k+1].Part, d)
		}
		if k+1 < n && k+1 != n/2 {
			g, _, _ := geom.MinDistance(m, stones[k+1])
			if g < gem.MinStoneGap || g > 0.2+geom.DefaultChordMM {
				t.Errorf("stones %d and %d %.3f mm apart, want %.2f", k, k+1, g, ChannelGapMM)
			}
		}
	}
	t.Logf("%d channel stones at %.1f° …; %.4f ct each", n, angles, res.Stones[1].Carat)
}

func TestParseRun(t *testing.T) {
	for _, c := range []struct {
		s        string
		from, to float64
		mirror   bool
	}{{"", ShoulderFromDeg, ShoulderToDeg, true}, {"Shoulders", ShoulderFromDeg, ShoulderToDeg, true}, {"20deg..60deg", 20, 60, false}, {"60..-20", -20, 60, false}} {
		a, b, m, err := ParseRun(c.s)
		if err != nil || a != c.from || b != c.to || m != c.mirror {
			t.Errorf("ParseRun(%q) = %v, %v, %v, %v", c.s, a, b, m, err)
		}
	}
	for _, s := range []string{"top", "20..20", "20..200", "x..y"} {
		if _, _, _, err := ParseRun(s); err == nil {
			t.Errorf("ParseRun(%q) accepted", s)
		}
	}
}

// TestChannelThinWalls: on a 2.5 mm band the rails of 1.5 mm stones are
// thinned to end at the band's edge, and Build warns.
func TestChannelThinWalls(t *testing.T) {
	p := solitaireParams(t, Prong, 4)
	p.Stones = []Stone{{Gem: gem.Stone{Cut: gem.Round, DiameterMM: 1.5}, Setting: Channel, AtDeg: -40, ToDeg: 40, Count: 3}}
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, res.Model)
	if len(res.Stones) != 3 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "rail walls 0.45 mm") {
		t.Errorf("%d stones, warnings %q: want 3 and one about 0.45 mm walls", len(res.Stones), res.Warnings)
	}
}
