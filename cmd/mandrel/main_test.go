package main

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(stdin), &o, &e)
	return code, o.String(), e.String()
}

func TestBuildWritesEveryOutput(t *testing.T) {
	dir := t.TempDir()
	spec := `{"kind":"ring","ring":{"size":"US 7"},"output":{"png":{"width":64,"height":64}}}`
	path := filepath.Join(dir, "band.json")
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, "", "build", path, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, ext := range []string{".stl", ".glb", ".png", ".report.json"} {
		fi, err := os.Stat(filepath.Join(out, "band"+ext))
		if err != nil || fi.Size() == 0 {
			t.Errorf("band%s: %v", ext, err)
		}
	}
	// The STL it wrote passes "mandrel check".
	code, stdout, _ := runCLI(t, "", "check", filepath.Join(out, "band.stl"))
	if code != 0 || !strings.Contains(stdout, "verdict:            PASS") {
		t.Errorf("check: exit %d\n%s", code, stdout)
	}
}

// TestCheckPieceOfParts: a solitaire's STL holds its parts as overlapping
// shells (prongs in the gallery, the head on the band): check passes it and
// counts the overlaps; -solid, which wants one solid, fails it.
func TestCheckPieceOfParts(t *testing.T) {
	dir := t.TempDir()
	spec := `{"name":"sol","kind":"ring","ring":{"size":"US 6"},"stones":[{"cut":"round","diameter_mm":6.5,"setting":"prong"}],"output":{"png":false,"glb":false}}`
	if code, _, stderr := runCLI(t, spec, "build", "-", "-o", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	stl := filepath.Join(dir, "sol.stl")
	code, out, _ := runCLI(t, "", "check", stl)
	if code != 0 || !strings.Contains(out, "verdict:            PASS") || strings.Contains(out, "(0 pairs overlap") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "", "check", "-solid", stl); code != 1 || !strings.Contains(out, "self-intersecting") {
		t.Errorf("check -solid: exit %d\n%s", code, out)
	}
}

func TestBuildFromStdin(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCLI(t, `{"name":"s","kind":"ring","ring":{"size":"UK N"},"output":{"png":false,"glb":false}}`, "build", "-", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("wrote %d files, want s.stl and s.report.json", len(entries))
	}
}

// TestBuildInvalidWritesNothing: exit 1, a message naming the field, the value
// and the allowed range, and no file.
func TestBuildInvalidWritesNothing(t *testing.T) {
	cases := []struct{ spec, want string }{
		{`{"kind":"ring","ring":{"size":"US 7","width_mm":-2}}`, "ring.width_mm = -2: allowed 1 to 20 mm"},
		{`{"kind":"ring","ring":{"size":"US 99"}}`, "US sizes run from 0 to 16"},
		{`{"kind":"ring","ring":{"size":"US 7","profile":"wavy"}}`, `ring.profile = "wavy": allowed flat, comfort`},
		{`{"kind":"ring","ring":{"size":"US 7","profile":"comfort","thickness_mm":0.9}}`, "ring.thickness_mm = 0.9: allowed 1.11 to"},
		{`{"kind":"ring","ring":{"size":"mm 10000"}}`, "ring.size"},
		{`{"kind":"ring","tolerance_mm":1e-9,"ring":{"size":"US 7"}}`, "tolerance_mm = 1e-09: allowed 0.0001 to 1 mm"},
		{`{"kind":"ring","ring":{"size":"US 7","widht_mm":4}}`, `unknown field "widht_mm"`},
		{`{"kind":"ring","ring":{"size":"US 7","width_mm":"NaN"}}`, "ring.width_mm"},
	}
	for _, c := range cases {
		dir := t.TempDir()
		code, _, stderr := runCLI(t, c.spec, "build", "-", "-o", filepath.Join(dir, "out"))
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", c.spec, code, stderr, c.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
			t.Errorf("%s: the output directory was created", c.spec)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"build"}, {"build", "a.json", "b.json"}, {"sizes", "extra"}, {"check"}, {"build", "--bogus", "x.json"}} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

func TestSizes(t *testing.T) {
	code, out, _ := runCLI(t, "", "sizes", "--from", "US 7")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"inner diameter 17.32 mm", "UK        N1/2", "EU        54.5", "JP        14"} {
		if !strings.Contains(out, want) {
			t.Errorf("sizes --from \"US 7\" lacks %q:\n%s", want, out)
		}
	}
	if code, _, stderr := runCLI(t, "", "sizes", "--from", "US 99"); code != 1 || !strings.Contains(stderr, "US 99") {
		t.Errorf("sizes --from \"US 99\": exit %d %q", code, stderr)
	}
	code, out, _ = runCLI(t, "", "sizes")
	if code != 0 || !strings.Contains(out, "17.32") {
		t.Errorf("sizes: exit %d\n%s", code, out)
	}
}

func TestCheckRejectsBrokenMesh(t *testing.T) {
	// A tetrahedron missing one face: 3 open edges.
	ascii := `solid t
facet normal 0 0 -1
outer loop
vertex 0 0 0
vertex 0 1 0
vertex 1 0 0
endloop
endfacet
facet normal 0 -1 0
outer loop
vertex 0 0 0
vertex 1 0 0
vertex 0 0 1
endloop
endfacet
facet normal -1 0 0
outer loop
vertex 0 0 0
vertex 0 0 1
vertex 0 1 0
endloop
endfacet
endsolid t
`
	path := filepath.Join(t.TempDir(), "open.stl")
	os.WriteFile(path, []byte(ascii), 0o644)
	code, out, _ := runCLI(t, "", "check", path)
	if code != 1 || !strings.Contains(out, "3 open edges") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestRenderCommand(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCLI(t, `{"name":"r","kind":"ring","ring":{"size":"US 6"},"output":{"png":false}}`, "build", "-", "-o", dir)
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	for _, model := range []string{"r.stl", "r.glb"} {
		out := filepath.Join(dir, model+".png")
		code, _, stderr := runCLI(t, "", "render", filepath.Join(dir, model), "-o", out, "--size", "96", "--view", "front")
		if code != 0 {
			t.Fatalf("render %s: exit %d: %s", model, code, stderr)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != 96 || cfg.Height != 96 {
			t.Errorf("%s: %v, %dx%d, want a 96×96 PNG", out, err, cfg.Width, cfg.Height)
		}
	}
	code, _, _ = runCLI(t, "", "render", filepath.Join(dir, "r.glb"), "-o", filepath.Join(dir, "turn.png"), "--size", "32", "--frames", "3")
	if code != 0 {
		t.Fatalf("render --frames: exit %d", code)
	}
	for i := 0; i < 3; i++ {
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("turn-%03d.png", i))); err != nil {
			t.Errorf("frame %d: %v", i, err)
		}
	}
	if code, _, _ := runCLI(t, "", "render", filepath.Join(dir, "missing.stl"), "-o", filepath.Join(dir, "x.png")); code != 1 {
		t.Errorf("missing model: exit %d, want 1", code)
	}
	if code, _, _ := runCLI(t, "", "render", filepath.Join(dir, "r.stl"), "-o", filepath.Join(dir, "x.png"), "--view", "sideways"); code != 2 {
		t.Errorf("bad view: exit %d, want 2", code)
	}
}
