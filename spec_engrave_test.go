package mandrel

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/export"
)

func loadEngravedSpec(t testing.TB, path string) *Spec {
	t.Helper()
	f, err := os.Open(path)
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

func TestBuildEngravedSpecs(t *testing.T) {
	for _, path := range []string{"examples/specs/engraved.json", "examples/specs/engraved-fingerprint.json"} {
		s := loadEngravedSpec(t, path)
		s.BaseDir = filepath.Dir(path)
		m, r, err := Build(context.Background(), s)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := m.Part("band").Mesh.Check().Err(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(r.Engravings) != len(s.Engravings) {
			t.Fatalf("%s: %d engravings reported, want %d", path, len(r.Engravings), len(s.Engravings))
		}
		for i, e := range r.Engravings {
			if e.AreaMM2 <= 0 || e.DepthMM != s.Engravings[i].DepthMM || e.SmallestFeature <= 0 || e.Surface != s.Engravings[i].Surface {
				t.Errorf("%s: engraving %d reported as %+v", path, i, e)
			}
		}
		t.Logf("%s: %d triangles, engravings %+v, warnings %q", path, r.Triangles, r.Engravings, r.Warnings)
	}
}

// TestEngravingFiles: paths resolve against BaseDir only; Files and data:
// URIs need no file system.
func TestEngravingFiles(t *testing.T) {
	png, err := os.ReadFile("ring/testdata/fingerprint-whorl.png")
	if err != nil {
		t.Skip(err)
	}
	js := `{"kind":"ring","ring":{"size":"US 7","width_mm":12,"thickness_mm":2.2},"engravings":[{"image":"IMG","surface":"outer","width_mm":6,"depth_mm":0.3}]}`
	// A server: no BaseDir, a path is refused with the field named.
	s := mustParse(t, strings.Replace(js, "IMG", "ring/testdata/fingerprint-whorl.png", 1))
	if _, _, err := Build(context.Background(), s); !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), "engravings[0].image") || !strings.Contains(err.Error(), "reads no files") {
		t.Fatalf("path without BaseDir: %v", err)
	}
	// Files by name.
	s.Files = map[string][]byte{"ring/testdata/fingerprint-whorl.png": png}
	if _, _, err := Build(context.Background(), s); err != nil {
		t.Fatalf("Files: %v", err)
	}
	// A data: URI.
	s = mustParse(t, strings.Replace(js, "IMG", "data:image/png;base64,"+base64.StdEncoding.EncodeToString(png), 1))
	if _, _, err := Build(context.Background(), s); err != nil {
		t.Fatalf("data URI: %v", err)
	}
	// Unreadable and missing images.
	s = mustParse(t, strings.Replace(js, "IMG", "data:;base64,"+base64.StdEncoding.EncodeToString([]byte("GIF89a")), 1))
	if _, _, err := Build(context.Background(), s); !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), "engravings[0]") {
		t.Fatalf("unreadable image: %v", err)
	}
	s = mustParse(t, strings.Replace(js, "IMG", "nope.png", 1))
	s.BaseDir = t.TempDir()
	if _, _, err := Build(context.Background(), s); !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), "engravings[0].image") {
		t.Fatalf("missing file: %v", err)
	}
}

func TestEngravingSpecErrors(t *testing.T) {
	base := `{"kind":"ring","ring":{"size":"US 7"},"engravings":[ENG]}`
	cases := map[string]string{
		`{"text":"","height_mm":1.5}`:                                      "engravings[0].text",
		`{"text":"   ","height_mm":1.5}`:                                   "engravings[0]",
		`{"text":"A","height_mm":1.5,"mode":"carve"}`:                      "engravings[0].mode",
		`{"text":"A","height_mm":1.5,"depth_mm":-0.2}`:                     "engravings[0].depth_mm",
		`{"text":"A","height_mm":1.5,"depth_mm":1.4}`:                      "engravings[0].depth_mm",
		`{"text":"A","height_mm":1.5,"font":"comic"}`:                      "engravings[0].font",
		`{"text":"A","height_mm":1.5,"align":"left"}`:                      "engravings[0].align",
		`{"text":"A","height_mm":1.5,"surface":"edge"}`:                    "engravings[0].surface",
		`{"text":"A","width_mm":3}`:                                        "engravings[0].width_mm",
		`{"text":"A ☃ B","height_mm":1.5}`:                                 "U+2603",
		`{"text":"ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT","height_mm":2}`: "characters at 2 mm",
	}
	for eng, want := range cases {
		s := mustParse(t, strings.Replace(base, "ENG", eng, 1))
		m, r, err := Build(context.Background(), s)
		if err == nil || m != nil || r != nil || !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an ErrSpec naming %q", eng, err, want)
		}
	}
}

// BenchmarkEngravedForever builds "FOREVER 2026" inside a comfort US 7 band
// and writes its STL.
func BenchmarkEngravedForever(b *testing.B) {
	s := loadEngravedSpec(b, "examples/specs/engraved.json")
	var buf bytes.Buffer
	for b.Loop() {
		m, _, err := Build(context.Background(), s)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := export.WriteSTL(&buf, m, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEngravedFingerprint builds the sample whorl 8 mm wide on the
// outer band (no STL).
func BenchmarkEngravedFingerprint(b *testing.B) {
	s := mustParse(b, `{"kind":"ring","ring":{"size":"US 7","width_mm":12,"thickness_mm":2.2},"engravings":[{"image":"fingerprint-whorl.png","surface":"outer","width_mm":8,"depth_mm":0.3}]}`)
	s.BaseDir = "ring/testdata"
	for b.Loop() {
		if _, _, err := Build(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
}
