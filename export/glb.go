package export

import (
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

// glbBuilder accumulates the binary chunk and its views and accessors. bin
// is allocated once at its final size (glbBinSize), so views are written in
// place, never copied or regrown.
type glbBuilder struct {
	doc *gltf.Document
	bin []byte
}

// glbBinSize returns the bytes of the binary chunk for the shaded parts:
// per part POSITION and NORMAL (12 bytes a vertex each) and the indices (6
// or 12 bytes a triangle), each view padded to 4 bytes.
func glbBinSize(shaded []*geom.Shaded) int {
	n := 0
	for _, sh := range shaded {
		n += 24 * len(sh.Verts)
		if len(sh.Verts) <= math.MaxUint16 {
			n += (6*len(sh.Tris) + 3) / 4 * 4
		} else {
			n += 12 * len(sh.Tris)
		}
	}
	return n
}

// view starts a buffer view of size bytes, 4-byte aligned, and returns its
// index and its bytes to fill.
func (b *glbBuilder) view(size int, target gltf.Target) (int, []byte) {
	for len(b.bin)%4 != 0 {
		b.bin = append(b.bin, 0)
	}
	off := len(b.bin)
	b.doc.BufferViews = append(b.doc.BufferViews, &gltf.BufferView{
		Buffer: 0, ByteOffset: off, ByteLength: size, Target: target,
	})
	b.bin = append(b.bin, make([]byte, size)...) // no allocation: bin has room
	return len(b.doc.BufferViews) - 1, b.bin[off : off+size]
}

func (b *glbBuilder) accessor(a *gltf.Accessor) int {
	b.doc.Accessors = append(b.doc.Accessors, a)
	return len(b.doc.Accessors) - 1
}

// vec3s appends points or directions, mapped by toGLTF with scale s, as a
// float32 vertex attribute and returns the accessor index; withBounds adds
// the exact min/max POSITION needs. It returns the index of the first value
// that overflows float32 (or −1) instead of an accessor when one does.
func (b *glbBuilder) vec3s(v []geom.Vec3, s float64, withBounds bool) (acc, overflow int) {
	idx, data := b.view(12*len(v), gltf.TargetArrayBuffer)
	lo := [3]float32{float32(math.Inf(1)), float32(math.Inf(1)), float32(math.Inf(1))}
	hi := [3]float32{float32(math.Inf(-1)), float32(math.Inf(-1)), float32(math.Inf(-1))}
	for i, p := range v {
		q := toGLTF(p, s)
		d := data[12*i : 12*i+12]
		for k := 0; k < 3; k++ {
			bits := math.Float32bits(q[k])
			if bits&0x7f800000 == 0x7f800000 { // overflowed to ±Inf (or NaN)
				return -1, i
			}
			binary.LittleEndian.PutUint32(d[4*k:], bits)
			lo[k], hi[k] = min(lo[k], q[k]), max(hi[k], q[k])
		}
	}
	a := &gltf.Accessor{
		BufferView: gltf.Index(idx), ComponentType: gltf.ComponentFloat,
		Count: len(v), Type: gltf.AccessorVec3,
	}
	if withBounds {
		a.Min = []float64{float64(lo[0]), float64(lo[1]), float64(lo[2])}
		a.Max = []float64{float64(hi[0]), float64(hi[1]), float64(hi[2])}
	}
	return b.accessor(a), -1
}

// indices appends the triangles' indices, as uint16 when every index fits
// below the primitive-restart value 65535, else as uint32.
func (b *glbBuilder) indices(tris [][3]uint32, nverts int) int {
	ct := gltf.ComponentUint
	var idx int
	if nverts <= math.MaxUint16 {
		ct = gltf.ComponentUshort
		var data []byte
		idx, data = b.view(6*len(tris), gltf.TargetElementArrayBuffer)
		for i, t := range tris {
			d := data[6*i : 6*i+6]
			binary.LittleEndian.PutUint16(d[0:], uint16(t[0]))
			binary.LittleEndian.PutUint16(d[2:], uint16(t[1]))
			binary.LittleEndian.PutUint16(d[4:], uint16(t[2]))
		}
	} else {
		var data []byte
		idx, data = b.view(12*len(tris), gltf.TargetElementArrayBuffer)
		for i, t := range tris {
			d := data[12*i : 12*i+12]
			binary.LittleEndian.PutUint32(d[0:], t[0])
			binary.LittleEndian.PutUint32(d[4:], t[1])
			binary.LittleEndian.PutUint32(d[8:], t[2])
		}
	}
	return b.accessor(&gltf.Accessor{
		BufferView: gltf.Index(idx), ComponentType: ct,
		Count: 3 * len(tris), Type: gltf.AccessorScalar,
	})
}

// glbSink passes writes to w and keeps the first error: the glTF encoder
// does not check every write it makes. After an error it writes nothing.
type glbSink struct {
	w   io.Writer
	err error
}

func (s *glbSink) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	s.err = err
	return n, err
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

	shaded := make([]*geom.Shaded, len(parts))
	for i, p := range parts {
		shaded[i] = p.Mesh.Shade(o.CreaseDeg)
	}
	b := &glbBuilder{doc: doc, bin: make([]byte, 0, glbBinSize(shaded))}
	for i, p := range parts {
		sh := shaded[i]
		posAcc, bad := b.vec3s(sh.Verts, metresPerMM, true)
		if bad >= 0 {
			return invalidf("part %q vertex %d overflows float32 in metres", p.Name, bad)
		}
		nrmAcc, _ := b.vec3s(sh.Normals, 1, false) // unit vectors: no overflow
		prim := &gltf.Primitive{
			Attributes: gltf.PrimitiveAttributes{
				gltf.POSITION: posAcc,
				gltf.NORMAL:   nrmAcc,
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

	// The encoder marshals the JSON before its first write, so a bad Extras
	// writes nothing; errors from w are returned as they are.
	sink := &glbSink{w: w}
	err := gltf.NewEncoder(sink).Encode(doc)
	if sink.err != nil {
		return sink.err
	}
	if err != nil {
		return invalidf("GLB: encoding the document (Extras must marshal to JSON): %v", err)
	}
	return nil
}
