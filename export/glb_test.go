package export

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/qmuntal/gltf"
	"github.com/qmuntal/gltf/modeler"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/gltfext/dispersion"
	"github.com/mandrel3d/mandrel/gltfext/ior"
	"github.com/mandrel3d/mandrel/gltfext/specular"
	"github.com/mandrel3d/mandrel/gltfext/transmission"
	"github.com/mandrel3d/mandrel/gltfext/volume"
	"github.com/mandrel3d/mandrel/internal/conformance"
)

func writeGLB(t testing.TB, m *geom.Model, opt *GLBOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteGLB(&buf, m, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodeGLB(t testing.TB, data []byte) *gltf.Document {
	t.Helper()
	var doc gltf.Document
	if err := gltf.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

// readVec3 reads a float VEC3 accessor with qmuntal's modeler.
func readVec3(t testing.TB, doc *gltf.Document, i int) [][3]float32 {
	t.Helper()
	v, err := modeler.ReadPosition(doc, doc.Accessors[i], nil)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// glbTol is how far a coordinate may move through float32 metres and back:
// well under a micrometre for a piece within 0.1 m of the origin.
const glbTolMM = 1e-4

// TestGLBScaleAndAxes writes a 20 mm box and reads the accessors back: glTF
// is in metres with Y up, so the box spans 0.02 m, and the box's +Z side
// (its top) lies at +Y, its +Y side (away from the viewer) at −Z.
func TestGLBScaleAndAxes(t *testing.T) {
	gold, _ := geom.Metal("18k-yellow")
	b := box(geom.Vec3{0, 0, 0}, geom.Vec3{20, 10, 5})
	mustSolid(t, "box", b)
	m := &geom.Model{}
	m.Add("block", gold, b)
	doc := decodeGLB(t, writeGLB(t, m, nil))
	prim := doc.Meshes[0].Primitives[0]
	a := doc.Accessors[prim.Attributes[gltf.POSITION]]
	want := struct{ min, max []float64 }{[]float64{0, 0, -0.01}, []float64{0.02, 0.005, 0}}
	for k := 0; k < 3; k++ {
		if math.Abs(a.Min[k]-want.min[k]) > 1e-9 || math.Abs(a.Max[k]-want.max[k]) > 1e-9 {
			t.Errorf("POSITION min %v max %v, want %v %v", a.Min, a.Max, want.min, want.max)
			break
		}
	}
	// Exact min/max: they equal the data's extremes bit for bit.
	pos := readVec3(t, doc, prim.Attributes[gltf.POSITION])
	for k := 0; k < 3; k++ {
		lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
		for _, p := range pos {
			lo, hi = min(lo, p[k]), max(hi, p[k])
		}
		if float64(lo) != a.Min[k] || float64(hi) != a.Max[k] {
			t.Errorf("axis %d: data spans %v..%v, accessor says %v..%v", k, lo, hi, a.Min[k], a.Max[k])
		}
	}
	// Normals: unit, and the box top (+Z mm) faces +Y in glTF.
	nrm := readVec3(t, doc, prim.Attributes[gltf.NORMAL])
	up := 0
	for i, n := range nrm {
		l := math.Sqrt(float64(n[0]*n[0] + n[1]*n[1] + n[2]*n[2]))
		if math.Abs(l-1) > 1e-6 {
			t.Fatalf("normal %d has length %g", i, l)
		}
		if n == [3]float32{0, 1, 0} {
			up++
			if pos[i][1] != 0.005 {
				t.Errorf("a +Y normal sits at y = %g m, want the top 0.005", pos[i][1])
			}
		}
	}
	// A box has 6 faces × 4 corners with sharp (90°) edges: 24 vertices, 4 facing up.
	if len(pos) != 24 || up != 4 {
		t.Errorf("%d vertices, %d facing +Y; want 24 and 4", len(pos), up)
	}
	if got := doc.Accessors[*prim.Indices].ComponentType; got != gltf.ComponentUshort {
		t.Errorf("indices of a 24-vertex mesh are %v, want unsigned short", got)
	}
}

func TestGLBDocument(t *testing.T) {
	m := ringWithStone(t)
	type extras struct {
		Name  string  `json:"name"`
		MassG float64 `json:"mass_g"`
	}
	doc := decodeGLB(t, writeGLB(t, m, &GLBOptions{Extras: extras{"solitaire", 4.4}}))
	if doc.Asset.Generator != "mandrel" || doc.Asset.Version != "2.0" {
		t.Errorf("asset = %+v", doc.Asset)
	}
	if len(doc.Nodes) != 2 || doc.Nodes[0].Name != "band" || doc.Nodes[1].Name != "stone-0" ||
		doc.Meshes[0].Name != "band" || doc.Meshes[1].Name != "stone-0" {
		t.Fatalf("nodes/meshes not named as the parts: %+v", doc.Nodes)
	}
	if got := doc.Scenes[0].Extras.(map[string]any); got["name"] != "solitaire" || got["mass_g"] != 4.4 {
		t.Errorf("scene extras = %v", got)
	}
	wantUsed := []string{dispersion.ExtensionName, ior.ExtensionName, specular.ExtensionName, transmission.ExtensionName, volume.ExtensionName}
	if !reflect.DeepEqual(doc.ExtensionsUsed, wantUsed) || len(doc.ExtensionsRequired) != 0 {
		t.Errorf("extensionsUsed %v required %v, want %v and none", doc.ExtensionsUsed, doc.ExtensionsRequired, wantUsed)
	}
	if len(doc.Materials) != 2 {
		t.Fatalf("%d materials, want 2", len(doc.Materials))
	}
	gold, gem := doc.Materials[0], doc.Materials[1]
	if gold.Name != "18k-yellow" || *gold.PBRMetallicRoughness.MetallicFactor != 1 || len(gold.Extensions) != 0 {
		t.Errorf("gold material = %+v", gold)
	}
	if c := gold.PBRMetallicRoughness.BaseColorFactorOrDefault(); c[0] != m.Parts[0].Material.BaseColor[0] || c[3] != 1 {
		t.Errorf("gold base colour %v, want %v", c, m.Parts[0].Material.BaseColor)
	}
	if gem.Name != "diamond" || gem.DoubleSided || gem.PBRMetallicRoughness.MetallicFactorOrDefault() != 0 {
		t.Errorf("gem material = %+v", gem)
	}
	ext := gem.Extensions
	if v := ext[ior.ExtensionName].(*ior.IOR).Value(); v != 2.42 {
		t.Errorf("gem ior %g, want 2.42", v)
	}
	if v := ext[transmission.ExtensionName].(*transmission.Transmission).TransmissionFactor; v != 1 {
		t.Errorf("gem transmission %g, want 1", v)
	}
	if v := ext[dispersion.ExtensionName].(*dispersion.Dispersion).Dispersion; v != 0.36 {
		t.Errorf("gem dispersion %g, want 0.36", v)
	}
	// The stone is 2.7 mm tall (culet −1.8 to table 0.9) and 6 mm across:
	// its smallest side, 2.7 mm, is the volume's thickness in metres.
	if v := ext[volume.ExtensionName].(*volume.Volume).ThicknessFactor; math.Abs(v-0.0027) > 1e-9 {
		t.Errorf("gem thickness %g m, want 0.0027", v)
	}
	if _, ok := ext[specular.ExtensionName].(*specular.Specular); !ok {
		t.Errorf("gem has no %s", specular.ExtensionName)
	}
}

func TestGLBUint32Indices(t *testing.T) {
	gold, _ := geom.Metal("950-platinum")
	ring := torusRing(t, geom.Tolerance{ChordMM: 0.0002})
	if len(ring.Verts) <= math.MaxUint16 {
		t.Fatalf("test ring has only %d vertices", len(ring.Verts))
	}
	m := &geom.Model{}
	m.Add("band", gold, ring)
	data := writeGLB(t, m, nil)
	doc := decodeGLB(t, data)
	if ct := doc.Accessors[*doc.Meshes[0].Primitives[0].Indices].ComponentType; ct != gltf.ComponentUint {
		t.Errorf("indices of %d vertices are %v, want unsigned int", len(ring.Verts), ct)
	}
	back, err := ReadGLB(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Parts[0].Mesh; len(got.Verts) != len(ring.Verts) || len(got.Tris) != len(ring.Tris) {
		t.Errorf("read back %d vertices, %d triangles; wrote %d, %d", len(got.Verts), len(got.Tris), len(ring.Verts), len(ring.Tris))
	}
}

func TestGLBRoundTrip(t *testing.T) {
	m := ringWithStone(t)
	back, err := ReadGLB(bytes.NewReader(writeGLB(t, m, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Parts) != len(m.Parts) {
		t.Fatalf("read %d parts, want %d", len(back.Parts), len(m.Parts))
	}
	for i, p := range m.Parts {
		q := back.Parts[i]
		if q.Name != p.Name || len(q.Mesh.Tris) != len(p.Mesh.Tris) || len(q.Mesh.Verts) != len(p.Mesh.Verts) {
			t.Errorf("part %d: %q %d tris %d verts, want %q %d %d", i, q.Name, len(q.Mesh.Tris), len(q.Mesh.Verts), p.Name, len(p.Mesh.Tris), len(p.Mesh.Verts))
		}
		mustSolid(t, q.Name+" read back", q.Mesh)
		// Vertices come back in shading order, so compare measures.
		pb, qb := p.Mesh.Bounds(), q.Mesh.Bounds()
		if pb.Min.Sub(qb.Min).Len() > glbTolMM || pb.Max.Sub(qb.Max).Len() > glbTolMM {
			t.Errorf("%s bounds %v..%v, want %v..%v", p.Name, qb.Min, qb.Max, pb.Min, pb.Max)
		}
		if d := math.Abs(q.Mesh.Area() - p.Mesh.Area()); d > 1e-5*p.Mesh.Area() {
			t.Errorf("%s area %g, want %g", p.Name, q.Mesh.Area(), p.Mesh.Area())
		}
		if d := math.Abs(q.Mesh.Volume() - p.Mesh.Volume()); d > 1e-4*p.Mesh.Volume() {
			t.Errorf("%s volume %g, want %g", p.Name, q.Mesh.Volume(), p.Mesh.Volume())
		}
	}
	g := back.Parts[1].Material
	if g.Kind != geom.KindGem || g.IOR != 2.42 || g.Dispersion != 0.36 || g.Transmission != 1 || g.Name != "diamond" {
		t.Errorf("gem material read back = %+v", g)
	}
	if b := back.Parts[0].Material; b.Kind != geom.KindMetal || b.DensityGCM3 != m.Parts[0].Material.DensityGCM3 || b.BaseColor != m.Parts[0].Material.BaseColor {
		t.Errorf("metal read back = %+v, want %+v", b, m.Parts[0].Material)
	}
}

// TestReadGLBNodeTransforms moves and mirrors the band's node and checks
// ReadGLB applies the transform, converts axes, and keeps the mirrored mesh
// outward.
func TestReadGLBNodeTransforms(t *testing.T) {
	m := ringWithStone(t)
	doc := decodeGLB(t, writeGLB(t, m, nil))
	doc.Nodes[0].Translation = [3]float64{0, 0.01, 0} // +10 mm along glTF Y = mandrel Z
	doc.Nodes[0].Scale = [3]float64{-1, 1, 1}         // mirror x
	var buf bytes.Buffer
	if err := gltf.NewEncoder(&buf).Encode(doc); err != nil {
		t.Fatal(err)
	}
	back, err := ReadGLB(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got := back.Parts[0].Mesh
	mustSolid(t, "mirrored band", got)
	want := m.Parts[0].Mesh.Bounds()
	gb := got.Bounds()
	wantMin := geom.Vec3{-want.Max[0], want.Min[1], want.Min[2] + 10}
	wantMax := geom.Vec3{-want.Min[0], want.Max[1], want.Max[2] + 10}
	if gb.Min.Sub(wantMin).Len() > glbTolMM || gb.Max.Sub(wantMax).Len() > glbTolMM {
		t.Errorf("bounds %v..%v, want %v..%v", gb.Min, gb.Max, wantMin, wantMax)
	}
}

func TestGLBDeterministic(t *testing.T) {
	opt := func() *GLBOptions {
		return &GLBOptions{Extras: map[string]any{"b": 2, "a": []float64{1.5, 2}, "c": map[string]int{"z": 1, "y": 2}}}
	}
	a := writeGLB(t, ringWithStone(t), opt())
	b := writeGLB(t, ringWithStone(t), opt())
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same model differ")
	}
}

func TestWriteGLBRejects(t *testing.T) {
	gold, _ := geom.Metal("18k-yellow")
	good := box(geom.Vec3{}, geom.Vec3{1, 1, 1})
	bad := good.Clone()
	bad.Tris[0][0] = 42
	nanMat := gold
	nanMat.Roughness = math.NaN()
	lowIOR := diamond
	lowIOR.IOR = 0.5
	tests := []struct {
		name string
		m    *geom.Model
		opt  *GLBOptions
		want string
	}{
		{"crease", &geom.Model{Parts: []geom.Part{{Name: "p", Material: gold, Mesh: good}}}, &GLBOptions{CreaseDeg: 200}, "CreaseDeg 200"},
		{"bad index", &geom.Model{Parts: []geom.Part{{Name: "p", Material: gold, Mesh: bad}}}, nil, "names vertex 42"},
		{"nan roughness", &geom.Model{Parts: []geom.Part{{Name: "p", Material: nanMat, Mesh: good}}}, nil, "Roughness is NaN"},
		{"ior below 1", &geom.Model{Parts: []geom.Part{{Name: "p", Material: lowIOR, Mesh: good}}}, nil, "IOR 0.5"},
		{"empty", &geom.Model{}, nil, "no triangles"},
		{"extras", &geom.Model{Parts: []geom.Part{{Name: "p", Material: gold, Mesh: good}}}, &GLBOptions{Extras: func() {}}, "Extras"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteGLB(&buf, tt.m, tt.opt)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrInvalid mentioning %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written before the error", buf.Len())
			}
		})
	}
}

func TestReadGLBRejects(t *testing.T) {
	m := ringWithStone(t)
	data := writeGLB(t, m, nil)
	huge := decodeGLB(t, data)
	huge.Accessors[0].Count = 1 << 30 // claims 12 GB of positions
	var hb bytes.Buffer
	if err := gltf.NewEncoder(&hb).Encode(huge); err != nil {
		t.Fatal(err)
	}
	badIdx := decodeGLB(t, data)
	badIdx.Meshes[0].Primitives[0].Attributes[gltf.POSITION] = 99
	var bb bytes.Buffer
	if err := gltf.NewEncoder(&bb).Encode(badIdx); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"truncated", data[:len(data)/2], "glTF"},
		{"not glTF", []byte("this is not a model"), "glTF"},
		{"accessor larger than its view", hb.Bytes(), "1073741824 elements"},
		{"missing accessor", bb.Bytes(), "accessor 99 does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadGLB(bytes.NewReader(tt.data))
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrFormat mentioning %q", err, tt.want)
			}
		})
	}
}

// TestGLBConformance judges the ring with its stone with the Khronos
// glTF-Validator and three.js (check-glb): 0 errors, 0 warnings, every mesh
// closed and outward, size within 0.5 mm..1 m.
func TestGLBConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("third-party checkers take seconds; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "ring.glb")
	if err := os.WriteFile(path, writeGLB(t, ringWithStone(t), &GLBOptions{Extras: map[string]any{"name": "ring"}}), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := conformance.GLB(t, path)
	if sum != "" && !strings.Contains(sum, "meshes=2") {
		t.Errorf("summary %q, want meshes=2", sum)
	}
}
