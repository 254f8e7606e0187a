package ring

import (
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

func TestHaloOnTop(t *testing.T) {
	p := solitaireParams(t, Halo, 0)
	res, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, res.Model)
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	centre := res.Model.Part("stone-0").Mesh
	frame := res.Model.Part("halo-frame")
	prongs := res.Model.Part("halo-prongs")
	if frame == nil || prongs == nil || res.Model.Part("cathedral") == nil {
		t.Fatalf("parts missing: %v", partNames(res.Model))
	}
	var melee []*geom.Mesh
	for k := 0; ; k++ {
		pt := res.Model.Part("stone-0." + itoa(k))
		if pt == nil {
			break
		}
		if pt.Material.Kind != geom.KindGem {
			t.Errorf("%s is %v, want a gem", pt.Name, pt.Material.Kind)
		}
		melee = append(melee, pt.Mesh)
	}
	n := len(melee)
	if n < 12 || len(res.Stones) != n+1 {
		t.Fatalf("%d melee, %d stone facts", n, len(res.Stones))
	}
	minGap, minCentre := math.Inf(1), math.Inf(1)
	for k, m := range melee {
		d, _, _ := geom.MinDistance(m, melee[(k+1)%n])
		minGap = math.Min(minGap, d)
		dc, _, _ := geom.MinDistance(m, centre)
		minCentre = math.Min(minCentre, dc)
	}
	if minGap < gem.MinStoneGap || minCentre < gem.MinStoneGap {
		t.Errorf("melee %.3f mm apart and %.3f mm from the centre, want ≥ %.1f", minGap, minCentre, gem.MinStoneGap)
	}
	// all metal joins: the frame overlaps the centre's prongs and the
	// shared prongs; the cathedral the band
	for _, other := range []string{"prong-0", "halo-prongs"} {
		if d, _, _ := geom.MinDistance(frame.Mesh, res.Model.Part(other).Mesh); d > 0 {
			t.Errorf("halo-frame %.3f mm from %s, want joined", d, other)
		}
	}
	f := res.Stones[1]
	// JewelCraft's round rule ct = 0.00365 d³ (REFERENCE.md), within 5 %
	want := 0.00365 * 1.3 * 1.3 * 1.3
	if f.Part != "stone-0.0" || f.DiameterMM != 1.3 || f.Setting != Halo || math.Abs(f.Carat-want) > 0.05*want {
		t.Errorf("melee facts %+v, want stone-0.0, 1.3 mm, %.4f ct ± 5 %%", f, want)
	}
	t.Logf("%d melee of %.2f mm (%.4f ct each), %.3f mm apart, %.3f mm from the centre; %d parts", n, f.DiameterMM, f.Carat, minGap, minCentre, len(res.Model.Parts))
}

func partNames(m *geom.Model) string {
	var s []string
	for _, p := range m.Parts {
		s = append(s, p.Name)
	}
	return strings.Join(s, ",")
}

func itoa(k int) string {
	if k < 10 {
		return string(rune('0' + k))
	}
	return itoa(k/10) + string(rune('0'+k%10))
}
