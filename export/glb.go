package export

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/qmuntal/gltf"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/gltfext"
)

// Generator is the asset.generator string of every glTF file mandrel writes.
const Generator = "mandrel"

// DefaultCreaseDeg is the crease angle used when GLBOptions.CreaseDeg is 0:
// edges where the faces turn by more than 30° are shaded sharp (a stone's
// facets, a flat band's edges), smoother ones are shaded smooth.
const DefaultCreaseDeg = 30

// DefaultSceneName is the scene name used when GLBOptions.SceneName is empty.
const DefaultSceneName = "mandrel"

// metresPerMM converts mandrel's millimetres to glTF's metres.
const metresPerMM = 0.001

// GLBOptions controls WriteGLB. A nil *GLBOptions means the defaults.
type GLBOptions struct {
	// CreaseDeg is the angle in degrees between adjacent faces above which
	// their shared edge is shaded sharp. 0 means DefaultCreaseDeg; allowed
	// above 0 up to 180 (180 shades everything smooth).
	CreaseDeg float64
	// Parts selects the parts to write (nil: all).
	Parts func(geom.Part) bool
	// Extras is written as the scene's extras (three.js exposes it as
	// scene.userData): the command line passes the spec and the measured
	// report. It must marshal to a JSON object with encoding/json; nil
	// writes none. Use structs or maps for deterministic bytes.
	Extras any
	// SceneName names the glTF scene; empty means DefaultSceneName.
	SceneName string
}

func (o *GLBOptions) validate() error {
	if c := o.CreaseDeg; c != 0 && !(c > 0 && c <= 180) {
		return invalidf("GLB option CreaseDeg %g: allowed above 0 up to 180 degrees (0 = %d)", c, DefaultCreaseDeg)
	}
	return nil
}

// toGLTF maps a point or direction from mandrel's Z-up millimetres to glTF's
// Y-up axes, (x, y, z) → (x, z, −y), scaled by s (metresPerMM for points, 1
// for normals). The map is a rotation, so winding and outward normals stay.
func toGLTF(p geom.Vec3, s float64) [3]float32 {
	return [3]float32{float32(p[0] * s), float32(p[2] * s), float32(-p[1] * s)}
}

// fromGLTF is the inverse of toGLTF for points: glTF metres, Y up → mm, Z up.
func fromGLTF(p [3]float64) geom.Vec3 {
	return geom.Vec3{p[0] / metresPerMM, -p[2] / metresPerMM, p[1] / metresPerMM}
}

// glbBuilder accumulates the binary chunk and its views and accessors.
type glbBuilder struct {
	doc *gltf.Document
	bin []byte
}

// view appends data as a new buffer view, 4-byte aligned, and returns its index.
func (b *glbBuilder) view(data []byte, target gltf.Target) int {
	for len(b.bin)%4 != 0 {
		b.bin = append(b.bin, 0)
	}
	b.doc.BufferViews = append(b.doc.BufferViews, &gltf.BufferView{
		Buffer: 0, ByteOffset: len(b.bin), ByteLength: len(data), Target: target,
	})
	b.bin = append(b.bin, data...)
	return len(b.doc.BufferViews) - 1
}

func (b *glbBuilder) accessor(a *gltf.Accessor) int {
	b.doc.Accessors = append(b.doc.Accessors, a)
	return len(b.doc.Accessors) - 1
}

// vec3s appends float32 triples as a vertex attribute and returns the
// accessor index; withBounds adds the exact min/max POSITION needs.
func (b *glbBuilder) vec3s(v [][3]float32, withBounds bool) int {
	data := make([]byte, 12*len(v))
	lo := [3]float32{float32(math.Inf(1)), float32(math.Inf(1)), float32(math.Inf(1))}
	hi := [3]float32{float32(math.Inf(-1)), float32(math.Inf(-1)), float32(math.Inf(-1))}
	for i, p := range v {
		for k := 0; k < 3; k++ {
			binary.LittleEndian.PutUint32(data[12*i+4*k:], math.Float32bits(p[k]))
			lo[k], hi[k] = min(lo[k], p[k]), max(hi[k], p[k])
		}
	}
	a := &gltf.Accessor{
		BufferView: gltf.Index(b.view(data, gltf.TargetArrayBuffer)), ComponentType: gltf.ComponentFloat,
		Count: len(v), Type: gltf.AccessorVec3,
	}
	if withBounds {
		a.Min = []float64{float64(lo[0]), float64(lo[1]), float64(lo[2])}
		a.Max = []float64{float64(hi[0]), float64(hi[1]), float64(hi[2])}
	}
	return b.accessor(a)
}

// indices appends the triangles' indices, as uint16 when every index fits
// below the primitive-restart value 65535, else as uint32.
func (b *glbBuilder) indices(tris [][3]uint32, nverts int) int {
	var data []byte
	ct := gltf.ComponentUint
	if nverts <= math.MaxUint16 {
		ct = gltf.ComponentUshort
		data = make([]byte, 6*len(tris))
		for i, t := range tris {
			for k := 0; k < 3; k++ {
				binary.LittleEndian.PutUint16(data[6*i+2*k:], uint16(t[k]))
			}
		}
	} else {
		data = make([]byte, 12*len(tris))
		for i, t := range tris {
			for k := 0; k < 3; k++ {
				binary.LittleEndian.PutUint32(data[12*i+4*k:], t[k])
			}
		}
	}
	return b.accessor(&gltf.Accessor{
		BufferView: gltf.Index(b.view(data, gltf.TargetElementArrayBuffer)), ComponentType: ct,
		Count: 3 * len(tris), Type: gltf.AccessorScalar,
	})
}

// WriteGLB writes the selected parts of m to w as a binary glTF 2.0 file:
// metres, Y up ((x, y, z) mm → (x, z, −y)/1000 m, baked into the positions,
// so nodes carry no transform), one node and one mesh per part, both named as
// the part, in model order. Each mesh has one triangle primitive with
// POSITION (exact min/max), NORMAL (smooth within opt.CreaseDeg, split at
// sharper edges) and indices (uint16 when they fit, else uint32). Each
// distinct geom.Material becomes one glTF material named as it, in order of
// first use: metals as metallic-roughness PBR, gems with the transmission,
// ior, volume, dispersion and specular extensions (KHR_materials_volume's
// thicknessFactor is the smallest side of the largest bounding box among the
// parts of that gem, in metres). opt.Extras goes to the scene's extras.
// asset.generator is Generator. The same model and options give the same
// bytes.
//
// The whole model is checked before anything is written; errors wrap
// ErrInvalid and name the part, the field or the index. Errors from w are
// returned as they are.
func WriteGLB(w io.Writer, m *geom.Model, opt *GLBOptions) error {
	gltfext.Register()
	var o GLBOptions
	if opt != nil {
		o = *opt
	}
	if err := o.validate(); err != nil {
		return err
	}
	if o.CreaseDeg == 0 {
		o.CreaseDeg = DefaultCreaseDeg
	}
	if o.SceneName == "" {
		o.SceneName = DefaultSceneName
	}
	parts := selected(m, o.Parts)
	if len(parts) == 0 {
		n := 0
		if m != nil {
			n = len(m.Parts)
		}
		return invalidf("GLB: no triangles to write (the model has %d parts; none selected has triangles)", n)
	}
	// Materials in order of first use; a gem's thickness from its parts.
	matIndex := map[geom.Material]int{}
	var mats []geom.Material
	thick := []float64{}
	partMat := make([]int, len(parts))
	for i, p := range parts {
		if err := checkPartMesh(p); err != nil {
			return err
		}
		if err := checkMaterial(p.Name, p.Material); err != nil {
			return err
		}
		j, ok := matIndex[p.Material]
		if !ok {
			j = len(mats)
			matIndex[p.Material] = j
			mats = append(mats, p.Material)
			thick = append(thick, 0)
		}
		partMat[i] = j
		if p.Material.Kind == geom.KindGem {
			s := p.Mesh.Bounds().Size()
			thick[j] = math.Max(thick[j], math.Min(s[0], math.Min(s[1], s[2]))*metresPerMM)
		}
	}
	doc := &gltf.Document{
		Asset:  gltf.Asset{Generator: Generator, Version: "2.0"},
		Scene:  gltf.Index(0),
		Scenes: []*gltf.Scene{{Name: o.SceneName, Extras: o.Extras}},
	}
	used := map[string]bool{}
	for j, mat := range mats {
		gm, names := gltfMaterial(mat, thick[j])
		if gm.Name == "" {
			gm.Name = "material-" + strconv.Itoa(j)
		}
		doc.Materials = append(doc.Materials, gm)
		for _, n := range names {
			used[n] = true
		}
	}
	for n := range used {
		doc.ExtensionsUsed = append(doc.ExtensionsUsed, n)
	}
	sort.Strings(doc.ExtensionsUsed)

	b := &glbBuilder{doc: doc}
	for i, p := range parts {
		sh := p.Mesh.Shade(o.CreaseDeg)
		pos := make([][3]float32, len(sh.Verts))
		nrm := make([][3]float32, len(sh.Verts))
		for k, v := range sh.Verts {
			pos[k] = toGLTF(v, metresPerMM)
			nrm[k] = toGLTF(sh.Normals[k], 1)
		}
		for k, q := range pos {
			for _, c := range q {
				if math.IsInf(float64(c), 0) {
					return invalidf("part %q vertex %d overflows float32 in metres", p.Name, k)
				}
			}
		}
		prim := &gltf.Primitive{
			Attributes: gltf.PrimitiveAttributes{
				gltf.POSITION: b.vec3s(pos, true),
				gltf.NORMAL:   b.vec3s(nrm, false),
			},
			Indices:  gltf.Index(b.indices(sh.Tris, len(sh.Verts))),
			Material: gltf.Index(partMat[i]),
			Mode:     gltf.PrimitiveTriangles,
		}
		doc.Meshes = append(doc.Meshes, &gltf.Mesh{Name: p.Name, Primitives: []*gltf.Primitive{prim}})
		doc.Nodes = append(doc.Nodes, &gltf.Node{
			Name: p.Name, Mesh: gltf.Index(i),
			Matrix: gltf.DefaultMatrix, Rotation: gltf.DefaultRotation, Scale: gltf.DefaultScale,
		})
		doc.Scenes[0].Nodes = append(doc.Scenes[0].Nodes, i)
	}
	for len(b.bin)%4 != 0 {
		b.bin = append(b.bin, 0)
	}
	doc.Buffers = []*gltf.Buffer{{ByteLength: len(b.bin), Data: b.bin}}

	var out bytes.Buffer
	out.Grow(len(b.bin) + 4096)
	if err := gltf.NewEncoder(&out).Encode(doc); err != nil {
		return invalidf("GLB: encoding the document (Extras must marshal to JSON): %v", err)
	}
	_, err := w.Write(out.Bytes())
	return err
}
