package export

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	hstl "github.com/hschendel/stl"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/internal/conformance"
)

func TestSTLRoundTrip(t *testing.T) {
	m := ringWithStone(t)
	band := m.Part("band").Mesh
	for _, ascii := range []bool{false, true} {
		var buf bytes.Buffer
		if err := WriteSTL(&buf, m, &STLOptions{ASCII: ascii, Parts: MetalParts}); err != nil {
			t.Fatal(err)
		}
		got, err := ReadSTL(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("ascii=%v: %v", ascii, err)
		}
		if len(got.Tris) != len(band.Tris) || len(got.Verts) != len(band.Verts) {
			t.Errorf("ascii=%v: read %d triangles, %d vertices; wrote %d, %d", ascii, len(got.Tris), len(got.Verts), len(band.Tris), len(band.Verts))
		}
		mustSolid(t, "band read back", got)
		if d, tol := math.Abs(got.Volume()-band.Volume()), float32VolumeTol(band); d > tol {
			t.Errorf("ascii=%v: volume %g mm³ read back, %g written: differs by %g > %g", ascii, got.Volume(), band.Volume(), d, tol)
		}
	}
	// Every part: two separate shells, each closed.
	var buf bytes.Buffer
	if err := WriteSTL(&buf, m, nil); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSTL(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	r := got.Check()
	if r.Err() != nil || r.Shells != 2 || r.Triangles != m.Triangles() {
		t.Errorf("ring+stone read back: %d shells, %d triangles (want 2, %d): %v", r.Shells, r.Triangles, m.Triangles(), r.Err())
	}
}

// TestSTLIndependentReader reads our binary and ASCII output with
// hschendel/stl, a parser we did not write, and checks its manifold report,
// the facet count, the header, and that every normal is a unit vector that
// agrees with the winding.
func TestSTLIndependentReader(t *testing.T) {
	m := ringWithStone(t)
	for _, ascii := range []bool{false, true} {
		var buf bytes.Buffer
		if err := WriteSTL(&buf, m, &STLOptions{ASCII: ascii, Name: "solid ring"}); err != nil {
			t.Fatal(err)
		}
		if !ascii && bytes.HasPrefix(buf.Bytes(), []byte("solid")) {
			t.Errorf("binary header starts with %q", buf.Bytes()[:12])
		}
		s, err := hstl.ReadAll(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("ascii=%v: hschendel/stl: %v", ascii, err)
		}
		if s.IsAscii != ascii || len(s.Triangles) != m.Triangles() {
			t.Errorf("ascii=%v: hschendel/stl read ascii=%v, %d facets; want %d", ascii, s.IsAscii, len(s.Triangles), m.Triangles())
		}
		if errs := s.Validate(); len(errs) != 0 {
			t.Errorf("ascii=%v: hschendel/stl Validate found %d bad facets", ascii, len(errs))
		}
		for i, tr := range s.Triangles {
			n := geom.Vec3{float64(tr.Normal[0]), float64(tr.Normal[1]), float64(tr.Normal[2])}
			v := func(k int) geom.Vec3 {
				p := tr.Vertices[k]
				return geom.Vec3{float64(p[0]), float64(p[1]), float64(p[2])}
			}
			w := v(1).Sub(v(0)).Cross(v(2).Sub(v(0))).Normalize()
			if math.Abs(n.Len()-1) > 1e-6 || n.Dot(w) < 1-1e-6 {
				t.Fatalf("ascii=%v facet %d: normal %v (length %g) vs winding normal %v", ascii, i, n, n.Len(), w)
			}
		}
	}
}

func TestSTLDeterministic(t *testing.T) {
	for _, ascii := range []bool{false, true} {
		var a, b bytes.Buffer
		if err := WriteSTL(&a, ringWithStone(t), &STLOptions{ASCII: ascii}); err != nil {
			t.Fatal(err)
		}
		if err := WriteSTL(&b, ringWithStone(t), &STLOptions{ASCII: ascii}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("ascii=%v: two writes of the same model differ", ascii)
		}
	}
}

// binarySTL builds a binary STL by hand: header text, then the given
// triangles (corners only; normals zero).
func binarySTL(header string, count uint32, tris [][3][3]float32) []byte {
	b := make([]byte, 84, 84+50*len(tris))
	copy(b, header)
	binary.LittleEndian.PutUint32(b[80:], count)
	for _, t := range tris {
		var rec [50]byte
		for k, p := range t {
			for j, c := range p {
				binary.LittleEndian.PutUint32(rec[12+12*k+4*j:], math.Float32bits(c))
			}
		}
		b = append(b, rec[:]...)
	}
	return b
}

// tetra is a closed tetrahedron (1 mm legs), outward.
var tetra = [][3][3]float32{
	{{0, 0, 0}, {0, 1, 0}, {1, 0, 0}},
	{{0, 0, 0}, {1, 0, 0}, {0, 0, 1}},
	{{0, 0, 0}, {0, 0, 1}, {0, 1, 0}},
	{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
}

// TestReadSTLBinaryHeaderTrap reads a binary file whose header starts with
// "solid", as some exporters write (hschendel/stl's confusingheader_bin.stl).
func TestReadSTLBinaryHeaderTrap(t *testing.T) {
	data := binarySTL("solid trap: this is binary", 4, tetra)
	m, err := ReadSTL(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Tris) != 4 || len(m.Verts) != 4 {
		t.Fatalf("read %d triangles, %d vertices; want 4, 4", len(m.Tris), len(m.Verts))
	}
	mustSolid(t, "tetrahedron", m)
	if v := m.Volume(); math.Abs(v-1.0/6) > 1e-7 {
		t.Errorf("volume %g, want 1/6", v)
	}
	// Trailing bytes after the records (some exporters pad) with the trap
	// header: still binary.
	m, err = ReadSTL(bytes.NewReader(append(data, 0, 0, 0, 0)))
	if err != nil || len(m.Tris) != 4 {
		t.Errorf("padded trap file: %v, %d triangles", err, len(m.Tris))
	}
}

func TestReadSTLRejects(t *testing.T) {
	nan := float32(math.NaN())
	tests := []struct {
		name string
		data []byte
		want string // in the error
	}{
		{"count larger than stream", binarySTL("big", 1_000_000_000, tetra[:1]), "1000000000 facets"},
		{"short header", []byte("binary?"), "shorter than the 84-byte header"},
		{"non-finite corner", binarySTL("x", 1, [][3][3]float32{{{nan, 0, 0}, {0, 1, 0}, {1, 0, 0}}}), "not finite"},
		{"ascii bad number", []byte("solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 zero\n"), "finite number"},
		{"ascii missing endloop", []byte("solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendfacet\n"), `"endloop"`},
		{"ascii truncated", []byte("solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\n"), "file ends"},
		{"ascii no endsolid", []byte("solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\n"), "endsolid"},
		{"ascii nan", []byte("solid s\nfacet normal 0 0 1\nouter loop\nvertex nan 0 0\n"), "finite number"},
		{"ascii huge word", []byte("solid s\nfacet normal 0 0 " + strings.Repeat("1", 5000) + "\n"), "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadSTL(bytes.NewReader(tt.data))
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrFormat mentioning %q", err, tt.want)
			}
		})
	}
}

func TestReadSTLASCIIVariants(t *testing.T) {
	// Upper case keywords, a multi-word name, two solids, CRLF line ends.
	src := "SOLID my part\r\n"
	for _, tr := range tetra[:2] {
		src += "FACET NORMAL 0 0 0\r\nOUTER LOOP\r\n"
		for _, p := range tr {
			src += "VERTEX " + f32s(p) + "\r\n"
		}
		src += "ENDLOOP\r\nENDFACET\r\n"
	}
	src += "ENDSOLID my part\r\nsolid second\n"
	for _, tr := range tetra[2:] {
		src += "facet normal 0 0 0\nouter loop\n"
		for _, p := range tr {
			src += "vertex " + f32s(p) + "\n"
		}
		src += "endloop\nendfacet\n"
	}
	src += "endsolid second\n"
	m, err := ReadSTL(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Tris) != 4 || len(m.Verts) != 4 {
		t.Fatalf("read %d triangles, %d vertices; want 4, 4", len(m.Tris), len(m.Verts))
	}
	mustSolid(t, "ascii tetrahedron", m)
}

func f32s(p [3]float32) string {
	s := make([]string, 3)
	for i, c := range p {
		s[i] = strconv.FormatFloat(float64(c), 'g', -1, 32)
	}
	return strings.Join(s, " ")
}

func TestWriteSTLRejects(t *testing.T) {
	gold, _ := geom.Metal("18k-yellow")
	good := box(geom.Vec3{}, geom.Vec3{1, 1, 1})
	badIndex := good.Clone()
	badIndex.Tris[3][1] = 99
	nan := good.Clone()
	nan.Verts[2][1] = math.NaN()
	huge := good.Clone()
	huge.Verts[0][0] = 1e39
	model := func(m *geom.Mesh) *geom.Model {
		return &geom.Model{Parts: []geom.Part{{Name: "p", Material: gold, Mesh: m}}}
	}
	tests := []struct {
		name string
		m    *geom.Model
		opt  *STLOptions
		want string
	}{
		{"bad index", model(badIndex), nil, `part "p" triangle 3 names vertex 99`},
		{"nan", model(nan), nil, `part "p" vertex 2 is not finite`},
		{"float32 overflow", model(huge), nil, "overflows float32"},
		{"nothing selected", model(good), &STLOptions{Parts: func(geom.Part) bool { return false }}, "no triangles"},
		{"nil model", nil, nil, "no triangles"},
		{"name with newline", model(good), &STLOptions{Name: "a\nb"}, "Name"},
		{"name too long", model(good), &STLOptions{Name: strings.Repeat("x", 65)}, "at most 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteSTL(&buf, tt.m, tt.opt)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrInvalid mentioning %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written before the error", buf.Len())
			}
		})
	}
}

// TestSTLConformance judges the ring with ADMesh and PrusaSlicer (check-stl):
// the metal band as a casting master, binary with slicing; ASCII without.
func TestSTLConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("third-party checkers take seconds; skipped with -short")
	}
	m := ringWithStone(t)
	dir := t.TempDir()
	for _, c := range []struct {
		file  string
		opt   STLOptions
		flags []string
	}{
		{"band.stl", STLOptions{Parts: MetalParts}, nil},
		{"band-ascii.stl", STLOptions{Parts: MetalParts, ASCII: true}, []string{conformance.NoSlice}},
	} {
		var buf bytes.Buffer
		if err := WriteSTL(&buf, m, &c.opt); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, c.file)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		sum := conformance.STL(t, path, c.flags...)
		if sum != "" && !strings.Contains(sum, "parts=1") {
			t.Errorf("%s: %s, want parts=1", c.file, sum)
		}
	}
}
