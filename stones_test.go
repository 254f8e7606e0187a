package mandrel

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/internal/conformance"
)

func loadSpec(t *testing.T, name string) *Spec {
	t.Helper()
	f, err := os.Open(filepath.Join("examples", "specs", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ParseSpec(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStoneSpecs(t *testing.T) {
	for _, c := range []struct {
		file, cut, gem string
		carat          float64
	}{
		{"solitaire.json", "round", "diamond", 1.00},
		{"bezel.json", "oval", "sapphire", 0},
	} {
		m, rep, err := Build(context.Background(), loadSpec(t, c.file))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		for _, p := range m.Parts {
			if err := p.Mesh.Check().Err(); err != nil {
				t.Errorf("%s part %s: %v", c.file, p.Name, err)
			}
		}
		if len(rep.Stones) != 1 || rep.Stones[0].Cut != c.cut || rep.Stones[0].Gem != c.gem {
			t.Fatalf("%s: stones %+v", c.file, rep.Stones)
		}
		// the report's carat is the stone mesh's volume × density
		st := m.Part("stone-0")
		want := st.Mesh.Volume() * st.Material.DensityGCM3 / 1000 / 0.2
		if math.Abs(rep.Stones[0].Carat-want) > 0.006 {
			t.Errorf("%s: report %.3f ct, mesh %.4f ct", c.file, rep.Stones[0].Carat, want)
		}
		if c.carat != 0 && math.Abs(rep.Stones[0].Carat-c.carat) > 0.03*c.carat {
			t.Errorf("%s: %.3f ct, want %.2f ± 3 %%", c.file, rep.Stones[0].Carat, c.carat)
		}
		if len(rep.Warnings) != 0 {
			t.Errorf("%s: warnings %v", c.file, rep.Warnings)
		}
		t.Logf("%s: %+v", c.file, rep.Stones[0])
	}
}

func TestStoneSpecErrors(t *testing.T) {
	for _, c := range []struct {
		stone StoneSpec
		size  string
		field string
	}{
		{StoneSpec{Cut: "round", DiameterMM: 0.1, Setting: "prong", Prongs: 6}, "US 7", "stones[0].diameter_mm"},
		{StoneSpec{Cut: "round", DiameterMM: 30}, "US 3", "stones[0].diameter_mm"},
		{StoneSpec{Cut: "rose", DiameterMM: 5}, "US 7", "stones[0].cut"},
		{StoneSpec{Cut: "round", DiameterMM: 5, Gem: "glass"}, "US 7", "stones[0].gem"},
		{StoneSpec{Cut: "round", DiameterMM: 5, At: "north"}, "US 7", "stones[0].at"},
		{StoneSpec{Cut: "round", DiameterMM: 5, Setting: "pave"}, "US 7", "stones[0].diameter_mm"},
		{StoneSpec{Cut: "round", DiameterMM: 1.5, Setting: "channel", At: "top"}, "US 7", "stones[0].at"},
		{StoneSpec{Cut: "round", DiameterMM: 1.5, Setting: "channel", At: "10deg..12deg"}, "US 7", "stones[0].at"},
	} {
		s := &Spec{Kind: "ring", Ring: &RingSpec{Size: c.size}, Stones: []StoneSpec{c.stone}}
		_, _, err := Build(context.Background(), s)
		if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%+v: error %v, want one naming %s", c.stone, err, c.field)
		}
	}
}

// TestSolitaireFiles writes the solitaire as a casting STL (metal only) and
// as GLB, and runs the conformance checkers on both.
func TestSolitaireFiles(t *testing.T) {
	m, _, err := Build(context.Background(), loadSpec(t, "solitaire.json"))
	if err != nil {
		t.Fatal(err)
	}
	var stl bytes.Buffer
	if err := export.WriteSTL(&stl, m, &export.STLOptions{Parts: export.MetalParts}); err != nil {
		t.Fatal(err)
	}
	back, err := export.ReadSTL(bytes.NewReader(stl.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	metalTris := 0
	for _, p := range m.Parts {
		if p.Material.Kind == geom.KindMetal {
			metalTris += len(p.Mesh.Tris)
		}
	}
	if len(back.Tris) != metalTris {
		t.Errorf("casting STL has %d triangles, the metal parts %d", len(back.Tris), metalTris)
	}
	dir := t.TempDir()
	glbPath := filepath.Join(dir, "solitaire.glb")
	var glb bytes.Buffer
	if err := export.WriteGLB(&glb, m, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(glbPath, glb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	gm, err := export.ReadGLB(bytes.NewReader(glb.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if p := gm.Part("stone-0"); p == nil || p.Material.Kind != geom.KindGem || p.Material.IOR < 2.4 {
		t.Errorf("GLB stone-0 read back as %+v", p)
	}
	t.Log(conformance.GLB(t, glbPath))
}

// TestHaloChannelSpecs builds the halo and channel examples: every part
// passes Check, the report lists every stone with its size and measured
// carat, no warnings, and the GLB passes the conformance checkers.
func TestHaloChannelSpecs(t *testing.T) {
	for _, c := range []struct {
		file      string
		minStones int
		small     float64 // the side stones' diameter, mm
	}{{"halo.json", 13, 1.3}, {"channel.json", 5, 1.5}} {
		m, rep, err := Build(context.Background(), loadSpec(t, c.file))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		for _, p := range m.Parts {
			if err := p.Mesh.Check().Err(); err != nil {
				t.Errorf("%s part %s: %v", c.file, p.Name, err)
			}
		}
		if len(rep.Warnings) != 0 {
			t.Errorf("%s: warnings %v", c.file, rep.Warnings)
		}
		if len(rep.Stones) < c.minStones || rep.Stones[0].DiameterMM != 6.5 {
			t.Fatalf("%s: stones %+v", c.file, rep.Stones)
		}
		gems, total := 0, 0.0
		for _, p := range m.Parts {
			if p.Material.Kind == geom.KindGem {
				gems++
			}
		}
		for _, s := range rep.Stones[1:] {
			// JewelCraft's round rule ct = 0.00365 d³, to the report's
			// 0.01 ct rounding
			want := 0.00365 * c.small * c.small * c.small
			if s.Cut != "round" || s.DiameterMM != c.small || math.Abs(s.Carat-want) > 0.006 {
				t.Errorf("%s: side stone %+v, want round %.2f mm, %.3f ct", c.file, s, c.small, want)
			}
			total += s.Carat
		}
		if gems != len(rep.Stones) {
			t.Errorf("%s: %d gem parts, %d stones reported", c.file, gems, len(rep.Stones))
		}
		var glb bytes.Buffer
		if err := export.WriteGLB(&glb, m, nil); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), strings.TrimSuffix(c.file, ".json")+".glb")
		if err := os.WriteFile(path, glb.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d stones (%d side stones, %.2f ct reported), %d parts, %d triangles; %s", c.file, len(rep.Stones), len(rep.Stones)-1, total, len(m.Parts), rep.Triangles, conformance.GLB(t, path))
	}
}

// TestStoneMatrix builds every cut in every setting at two stone sizes, on
// rings of three sizes and profiles: each spec is either refused with
// ErrSpec (a bezel for a pear, a channel of hearts) or gives parts that all
// pass the full Check, self-intersections included. (A sweep like this found
// folded emerald bezel cups and self-intersecting pear prongs.)
func TestStoneMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 120 rings")
	}
	cuts := []string{"round", "oval", "cushion", "pear", "marquise", "heart", "princess", "emerald", "asscher", "baguette", "trillion"}
	ratio := map[string]float64{"oval": 1.4, "cushion": 1.1, "pear": 1.5, "marquise": 2, "heart": 1, "princess": 1, "emerald": 1.4, "asscher": 1, "baguette": 2.5, "trillion": 1}
	rings := []RingSpec{{Size: "US 3", Profile: "flat"}, {Size: "UK N", Profile: "comfort"}, {Size: "EU 66", Profile: "knife-edge"}}
	built := 0
	for ci, cut := range cuts {
		for si, set := range []string{"prong", "bezel", "halo", "channel", "pave"} {
			for wi, w := range []float64{2, 6.5, 9} {
				if (set == "channel" || set == "pave") && w > 3 {
					continue
				}
				st := StoneSpec{Cut: cut, Setting: set}
				if cut == "round" {
					st.DiameterMM = w
				} else {
					st.WidthMM, st.LengthMM = w, w*ratio[cut]
				}
				if set == "channel" {
					st.At = "shoulders"
				}
				r := rings[(ci+si+wi)%len(rings)]
				r.WidthMM = 2.5
				spec := &Spec{Kind: "ring", Ring: &r, Stones: []StoneSpec{st}}
				what := cut + " " + set + " " + r.Size
				m, _, err := Build(context.Background(), spec)
				if err != nil {
					if !errors.Is(err, ErrSpec) {
						t.Errorf("%s %g mm: %v (not ErrSpec)", what, w, err)
					}
					continue
				}
				built++
				for _, p := range m.Parts {
					if err := p.Mesh.Check().Err(); err != nil {
						t.Errorf("%s %g mm: part %s: %v", what, w, p.Name, err)
					}
				}
			}
		}
	}
	if built < 90 {
		t.Errorf("only %d of the matrix built", built)
	}
	t.Logf("%d rings built", built)
}
