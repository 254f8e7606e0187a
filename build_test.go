package mandrel

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/internal/conformance"
)

func mustParse(t testing.TB, js string) *Spec {
	t.Helper()
	s, err := ParseSpec(strings.NewReader(js))
	if err != nil {
		t.Fatalf("ParseSpec: %v", err)
	}
	return s
}

const comfortUS7 = `{"name":"t","kind":"ring","metal":"18k-yellow","ring":{"size":"US 7","profile":"comfort","width_mm":4,"thickness_mm":1.8}}`

func TestBuildRingReport(t *testing.T) {
	m, r, err := Build(context.Background(), mustParse(t, comfortUS7))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Parts {
		if err := p.Mesh.Check().Err(); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
	}
	// US 7 = 11.6332 + 0.8128·7 mm (REFERENCE.md).
	if got, want := r.Ring.InnerDiameterMM, 17.3228; math.Abs(got-want) > 0.001 {
		t.Errorf("inner diameter %.4f, want %.4f", got, want)
	}
	if r.Ring.Sizes["US"] != "7" || r.Ring.Sizes["UK"] != "N1/2" {
		t.Errorf("sizes %v: want US 7, UK N1/2", r.Ring.Sizes)
	}
	band := m.Part("band")
	vol := band.Mesh.Volume()
	if got, want := r.MetalWeightG, vol*15.53/1000; math.Abs(got-want) > 0.001 {
		t.Errorf("metal weight %.3f g, want %.3f (volume × 15.53 g/cm³)", got, want)
	}
	// The outer surface lies within the chord tolerance (0.01 mm, plus the
	// area-true dome's lift) of the nominal, on each side.
	if r.BBoxMM[1] != 4 || math.Abs(r.BBoxMM[0]-(17.3228+2*1.8)) > 0.03 {
		t.Errorf("bbox %v: want 4 mm wide and about %.2f mm across", r.BBoxMM, 17.3228+3.6)
	}
	if !r.Parts[0].Watertight || r.Triangles != len(band.Mesh.Tris) {
		t.Errorf("report parts %+v", r.Parts)
	}
}

func TestSpecErrors(t *testing.T) {
	cases := []struct{ spec, want string }{
		{`{"kind":"ring","ring":{"size":"US 7","width_mm":-2}}`, "ring.width_mm"},
		{`{"kind":"ring","ring":{"size":"US 7","width_mm":1e400}}`, "width_mm"},
		{`{"kind":"ring","ring":{"size":"US 99"}}`, "US 99"},
		{`{"kind":"ring","ring":{"size":"US 7","profile":"wavy"}}`, "profile"},
		{`{"kind":"ring","ring":{"size":"US 7","profile":"comfort","thickness_mm":0.9}}`, "ring.thickness_mm"},
		{`{"kind":"ring","ring":{"size":"mm 10000"}}`, "ring.size"},
		{`{"kind":"ring","tolerance_mm":1e-9,"ring":{"size":"US 7"}}`, "tolerance_mm"},
		{`{"kind":"ring","ring":{"size":"US 7","widht_mm":4}}`, "widht_mm"},
		{`{"kind":"ring","ring":{"size":"US 7"},"colour":"red"}`, "colour"},
		{`{"kind":"ring","metal":"unobtainium","ring":{"size":"US 7"}}`, "metal"},
		{`{"kind":"spaceship"}`, "kind"},
		{`{"kind":"ring"}`, "ring"},
		{`{"kind":"ring","ring":{"size":7}}`, "ring.size"},
		{`{"kind":"ring","ring":{"size":"US 7"}} {"again":1}`, "after"},
		{`{"kind":"ring","name":"../../etc/x","ring":{"size":"US 7"}}`, "name"},
		{`{"kind":"ring","ring":{"size":"US 7"},"output":{"png":{"width":100000}}}`, "output.png.width"},
		{`{"kind":"ring","ring":{"size":"US 7"},"pendant":{"shape":"disc"}}`, "pendant"},
		{``, "empty"},
	}
	for _, c := range cases {
		s, err := ParseSpec(strings.NewReader(c.spec))
		if err == nil {
			_, _, err = Build(context.Background(), s)
		}
		if err == nil {
			t.Errorf("%s: no error, want one naming %q", c.spec, c.want)
			continue
		}
		if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q: want ErrSpec naming %q", c.spec, err, c.want)
		}
	}
}

func TestBuildCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Build(ctx, mustParse(t, comfortUS7)); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestOutputsDeterministic builds the same spec twice: the STL and GLB bytes
// must be identical (storefronts cache by content).
func TestOutputsDeterministic(t *testing.T) {
	js := `{"name":"d","kind":"ring","ring":{"size":"UK P","profile":"d-shape","width_mm":3,"taper":{"width_mm":2}},"output":{"png":false}}`
	var prev *Outputs
	for i := 0; i < 2; i++ {
		s := mustParse(t, js)
		m, r, err := Build(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		out, err := MakeOutputs(context.Background(), s, m, r)
		if err != nil {
			t.Fatal(err)
		}
		if out.PNG != nil || len(out.STL) == 0 || len(out.GLB) == 0 || len(out.Report) == 0 {
			t.Fatalf("outputs: png %d stl %d glb %d report %d bytes; want no png", len(out.PNG), len(out.STL), len(out.GLB), len(out.Report))
		}
		if prev != nil && (!bytes.Equal(prev.STL, out.STL) || !bytes.Equal(prev.GLB, out.GLB)) {
			t.Fatal("the same spec gave different STL or GLB bytes")
		}
		prev = out
	}
}

// TestExampleSpecsDeterministic builds every example spec twice (stones,
// halos, engravings, fingerprints, pendants, chains, bracelets): the STL and
// GLB bytes must be identical.
func TestExampleSpecsDeterministic(t *testing.T) {
	specs, _ := filepath.Glob("examples/specs/*.json")
	if len(specs) < 15 {
		t.Fatalf("%d example specs", len(specs))
	}
	for _, path := range specs {
		var prev *Outputs
		for range 2 {
			s, m, r := buildExample(t, path)
			s.Output = &OutputSpec{PNG: &PNGSpec{Off: true}}
			out, err := MakeOutputs(context.Background(), s, m, r)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if prev != nil && (!bytes.Equal(prev.STL, out.STL) || !bytes.Equal(prev.GLB, out.GLB)) {
				t.Errorf("%s: two builds gave different STL or GLB bytes", path)
			}
			prev = out
		}
	}
}

// TestExampleSpecsConform builds every example spec and has the third-party
// checkers judge the files: admesh and PrusaSlicer for the STL, the Khronos
// validator and three.js for the GLB.
func TestExampleSpecsConform(t *testing.T) {
	specs, _ := filepath.Glob("examples/specs/*.json")
	if len(specs) < 6 {
		t.Fatalf("found %d example specs, want one per profile", len(specs))
	}
	dir := t.TempDir()
	for _, path := range specs {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s, err := ParseSpec(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		s.BaseDir = filepath.Dir(path)
		s.Output = &OutputSpec{PNG: &PNGSpec{Off: true}}
		m, r, err := Build(context.Background(), s)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, p := range m.Parts {
			if err := p.Mesh.Check().Err(); err != nil {
				t.Fatalf("%s %s: %v", path, p.Name, err)
			}
		}
		out, err := MakeOutputs(context.Background(), s, m, r)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".json"))
		if err := os.WriteFile(base+".stl", out.STL, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(base+".glb", out.GLB, 0o644); err != nil {
			t.Fatal(err)
		}
		if testing.Short() {
			continue
		}
		// Slicing takes seconds: slice the first spec, audit the rest.
		if path == specs[0] {
			conformance.STL(t, base+".stl")
		} else {
			conformance.STL(t, base+".stl", conformance.NoSlice)
		}
		conformance.GLB(t, base+".glb")
	}
}

// FuzzBuild throws arbitrary specs at ParseSpec and Build: no panic, and
// every accepted spec gives parts that pass Check.
func FuzzBuild(f *testing.F) {
	f.Add(comfortUS7)
	f.Add(`{"kind":"ring","ring":{"size":"UK Z+3","profile":"knife-edge","width_mm":20,"thickness_mm":6,"taper":{"width_mm":1,"thickness_mm":1}}}`)
	f.Add(`{"kind":"ring","tolerance_mm":0.3,"ring":{"size":"mm 10","profile":"bevelled","width_mm":1}}`)
	f.Add(`{"kind":"ring","ring":{"size":"JP 30","profile":"flat-comfort"}}`)
	f.Fuzz(func(t *testing.T, js string) {
		s, err := ParseSpec(strings.NewReader(js))
		if err != nil {
			return
		}
		if s.ToleranceMM != 0 && s.ToleranceMM < 0.005 {
			s.ToleranceMM = 0.005 // keep each fuzz run fast; budgets are tested elsewhere
		}
		m, _, err := Build(context.Background(), s)
		if err != nil {
			if !errors.Is(err, ErrSpec) {
				t.Fatalf("error %v does not wrap ErrSpec", err)
			}
			return
		}
		for _, p := range m.Parts {
			if err := p.Mesh.CheckWith(geom.CheckOptions{SkipSelfIntersections: true}).Err(); err != nil {
				t.Fatalf("%s: %s: %v", js, p.Name, err)
			}
		}
	})
}

// TestValidateAgreesWithBuild: Validate refuses what Build refuses and
// accepts what it accepts, for ring specs, without building.
func TestValidateAgreesWithBuild(t *testing.T) {
	specs := []string{
		comfortUS7,
		`{"kind":"ring","ring":{"size":"US 7","width_mm":-2}}`,
		`{"kind":"ring","ring":{"size":"US 7","profile":"comfort","thickness_mm":0.9}}`,
		`{"kind":"ring","ring":{"size":"US 7","taper":{"width_mm":30}}}`,
		`{"kind":"ring","metal":"tin","ring":{"size":"US 7"}}`,
		`{"kind":"ring","tolerance_mm":5,"ring":{"size":"US 7"}}`,
		`{"kind":"ring","ring":{"size":"UK Q"},"output":{"png":{"width":1}}}`,
		`{"kind":"ring","ring":{"size":"US 7"},"stones":[{"cut":"round","diameter_mm":0.1,"gem":"diamond"}]}`,
		`{"kind":"ring","ring":{"size":"US 7"},"engravings":[{"text":"","surface":"inner","height_mm":1}]}`,
	}
	for _, js := range specs {
		s := mustParse(t, js)
		verr := s.Validate()
		_, _, berr := Build(context.Background(), s)
		if (verr == nil) != (berr == nil) {
			t.Errorf("%s: Validate %v, Build %v", js, verr, berr)
		}
		if verr != nil && !errors.Is(verr, ErrSpec) {
			t.Errorf("%s: Validate error %v does not wrap ErrSpec", js, verr)
		}
	}
}

// TestBuildWithBudget: a caller's triangle budget refuses a fine tolerance
// before the band is allocated.
func TestBuildWithBudget(t *testing.T) {
	s := mustParse(t, `{"kind":"ring","tolerance_mm":0.0001,"ring":{"size":"US 7"}}`)
	_, _, err := BuildWith(context.Background(), s, &Options{MaxTriangles: 50000})
	if !errors.Is(err, geom.ErrBudget) || !errors.Is(err, ErrSpec) {
		t.Fatalf("got %v, want a budget error wrapped as a spec error", err)
	}
	if _, _, err := BuildWith(context.Background(), mustParse(t, comfortUS7), &Options{MaxTriangles: 50000}); err != nil {
		t.Fatalf("a default ring under a 50k budget: %v", err)
	}
}

// buildExample parses and builds an example spec, failing the test on any
// error.
func buildExample(t testing.TB, path string) (*Spec, *geom.Model, *Report) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ParseSpec(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	s.BaseDir = filepath.Dir(path)
	m, rep, err := Build(context.Background(), s)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s, m, rep
}

// expectSpecError builds a spec and fails the test unless the error wraps
// ErrSpec and names the field.
func expectSpecError(t *testing.T, js, field string) {
	t.Helper()
	s, err := ParseSpec(strings.NewReader(js))
	if err == nil {
		_, _, err = Build(context.Background(), s)
	}
	if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), field) {
		t.Errorf("%s: error %v, want ErrSpec naming %s", js, err, field)
	}
}

// benchSpecSTL benchmarks parsing, building and writing an example spec as
// STL.
func benchSpecSTL(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s, err := ParseSpec(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		m, _, err := Build(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		if err := export.WriteSTL(io.Discard, m, nil); err != nil {
			b.Fatal(err)
		}
	}
}
