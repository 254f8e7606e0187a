package export

import (
	"io"
	"math"
	"strconv"

	"github.com/go-gl/mathgl/mgl64"
	"github.com/qmuntal/gltf"
	"github.com/qmuntal/gltf/modeler"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/gltfext"
	"github.com/mandrel3d/mandrel/gltfext/dispersion"
	"github.com/mandrel3d/mandrel/gltfext/ior"
	"github.com/mandrel3d/mandrel/gltfext/transmission"
	"github.com/mandrel3d/mandrel/gltfext/volume"
)

// ReadGLB reads a glTF 2.0 file (binary .glb, or .gltf JSON whose buffers are
// embedded as data: URIs) and returns its meshes as a model in mandrel's
// units and axes: every node of the default scene that has a mesh becomes one
// part, named as the node (else its mesh, else "part-N"), in depth-first
// order. Positions are moved by the node's world transform, then converted
// from metres, Y up to millimetres, Z up (the inverse of WriteGLB's map);
// a mirroring transform flips the winding back to outward. Corners with
// exactly equal positions are welded, so vertices WriteGLB split for sharp
// shading are joined again and a closed part reads back closed. Each part's
// material comes from its first primitive's glTF material: name, PBR
// factors, and the gem extensions of package gltfext (a transmission above 0
// makes it a gem); a metal whose name geom.Metal knows gets its density.
//
// The input is untrusted: accessor sizes are checked against their buffer
// views before anything is read, indices against the vertex count, and the
// total against geom.DefaultMaxTriangles. Unsupported content (a primitive
// that is not a triangle list, sparse or non-float positions, external
// buffers) returns an error wrapping ErrFormat.
func ReadGLB(r io.Reader) (*geom.Model, error) {
	gltfext.Register()
	var doc gltf.Document
	if err := gltf.NewDecoder(r).Decode(&doc); err != nil {
		return nil, formatf("glTF: %v", err)
	}
	rd := &glbReader{doc: &doc, seen: make([]bool, len(doc.Nodes)), budget: (geom.Tolerance{}).Budget()}
	roots, err := rd.roots()
	if err != nil {
		return nil, err
	}
	model := &geom.Model{}
	for _, n := range roots {
		if err := rd.visit(model, n, mgl64.Ident4()); err != nil {
			return nil, err
		}
	}
	return model, nil
}

type glbReader struct {
	doc    *gltf.Document
	seen   []bool
	tris   int64 // triangles read so far
	budget int64
}

// roots returns the root nodes of the default scene (scene 0 when none is
// named), or every parentless node when the file has no scenes.
func (rd *glbReader) roots() ([]int, error) {
	d := rd.doc
	if len(d.Scenes) == 0 {
		child := make([]bool, len(d.Nodes))
		for _, n := range d.Nodes {
			for _, c := range n.Children {
				if c >= 0 && c < len(child) {
					child[c] = true
				}
			}
		}
		var out []int
		for i := range d.Nodes {
			if !child[i] {
				out = append(out, i)
			}
		}
		return out, nil
	}
	s := 0
	if d.Scene != nil {
		s = *d.Scene
	}
	if s < 0 || s >= len(d.Scenes) || d.Scenes[s] == nil {
		return nil, formatf("glTF scene %d does not exist (%d scenes)", s, len(d.Scenes))
	}
	return d.Scenes[s].Nodes, nil
}

// nodeMatrix returns a node's local transform.
func nodeMatrix(n *gltf.Node) mgl64.Mat4 {
	if n.Matrix != gltf.DefaultMatrix && n.Matrix != [16]float64{} {
		return mgl64.Mat4(n.Matrix) // both column-major
	}
	t, r, s := n.TranslationOrDefault(), n.RotationOrDefault(), n.ScaleOrDefault()
	q := mgl64.Quat{W: r[3], V: mgl64.Vec3{r[0], r[1], r[2]}}
	if l := q.Len(); l > 0 {
		q = q.Scale(1 / l)
	} else {
		q = mgl64.QuatIdent()
	}
	return mgl64.Translate3D(t[0], t[1], t[2]).Mul4(q.Mat4()).Mul4(mgl64.Scale3D(s[0], s[1], s[2]))
}

func (rd *glbReader) visit(model *geom.Model, i int, parent mgl64.Mat4) error {
	d := rd.doc
	if i < 0 || i >= len(d.Nodes) || d.Nodes[i] == nil {
		return formatf("glTF node %d does not exist (%d nodes)", i, len(d.Nodes))
	}
	if rd.seen[i] {
		return formatf("glTF node %d is reached twice (two parents or a cycle)", i)
	}
	rd.seen[i] = true
	n := d.Nodes[i]
	world := parent.Mul4(nodeMatrix(n))
	if n.Mesh != nil {
		if err := rd.addMesh(model, n, *n.Mesh, world); err != nil {
			return err
		}
	}
	for _, c := range n.Children {
		if err := rd.visit(model, c, world); err != nil {
			return err
		}
	}
	return nil
}

func (rd *glbReader) addMesh(model *geom.Model, n *gltf.Node, mi int, world mgl64.Mat4) error {
	d := rd.doc
	if mi < 0 || mi >= len(d.Meshes) || d.Meshes[mi] == nil {
		return formatf("glTF node %q names mesh %d, the file has %d", n.Name, mi, len(d.Meshes))
	}
	gm := d.Meshes[mi]
	name := n.Name
	if name == "" {
		name = gm.Name
	}
	if name == "" {
		name = "part-" + strconv.Itoa(len(model.Parts))
	}
	flip := world.Det() < 0
	mesh := geom.NewMesh(0, 0)
	ids := map[geom.Vec3]uint32{}
	var mat geom.Material
	for pi, p := range gm.Primitives {
		if p == nil {
			continue
		}
		if p.Mode != gltf.PrimitiveTriangles {
			return formatf("glTF mesh %q primitive %d has mode %v: only triangle lists are supported", gm.Name, pi, p.Mode)
		}
		pos, err := rd.positions(p)
		if err != nil {
			return formatf("glTF mesh %q primitive %d POSITION: %v", gm.Name, pi, err)
		}
		idx, err := rd.indices(p, len(pos))
		if err != nil {
			return formatf("glTF mesh %q primitive %d indices: %v", gm.Name, pi, err)
		}
		if pi == 0 || len(mesh.Tris) == 0 {
			mat = rd.material(p.Material)
		}
		local := make([]uint32, len(pos))
		for k, q := range pos {
			w := world.Mul4x1(mgl64.Vec4{float64(q[0]), float64(q[1]), float64(q[2]), 1})
			v := fromGLTF([3]float64{w[0], w[1], w[2]})
			for c := range v {
				v[c] += 0 // −0 → +0, so equal corners weld
			}
			if math.IsNaN(v[0]+v[1]+v[2]) || math.IsInf(v[0]+v[1]+v[2], 0) {
				return formatf("glTF mesh %q primitive %d vertex %d is not finite", gm.Name, pi, k)
			}
			id, ok := ids[v]
			if !ok {
				id = mesh.AddVert(v)
				ids[v] = id
			}
			local[k] = id
		}
		for k := 0; k+2 < len(idx); k += 3 {
			a, b, c := local[idx[k]], local[idx[k+1]], local[idx[k+2]]
			if flip {
				b, c = c, b
			}
			mesh.AddTri(a, b, c)
		}
	}
	model.Add(name, mat, mesh)
	return nil
}

// viewFits checks that count elements of elem bytes (stride apart, 0 meaning
// packed) starting at offset fit inside buffer view bv, whose bytes must be
// present, before anything is allocated.
func (rd *glbReader) viewFits(a *gltf.Accessor, elem int) error {
	d := rd.doc
	if a.Sparse != nil {
		return formatf("sparse accessors are not supported")
	}
	if a.BufferView == nil {
		return formatf("accessor has no buffer view")
	}
	v := *a.BufferView
	if v < 0 || v >= len(d.BufferViews) || d.BufferViews[v] == nil {
		return formatf("buffer view %d does not exist", v)
	}
	bv := d.BufferViews[v]
	if bv.Buffer < 0 || bv.Buffer >= len(d.Buffers) || d.Buffers[bv.Buffer] == nil {
		return formatf("buffer %d does not exist", bv.Buffer)
	}
	if have := int64(len(d.Buffers[bv.Buffer].Data)); bv.ByteOffset < 0 || bv.ByteLength < 0 || int64(bv.ByteOffset)+int64(bv.ByteLength) > have {
		return formatf("buffer view %d (offset %d, %d bytes) exceeds its buffer's %d bytes (external buffers are not read)", v, bv.ByteOffset, bv.ByteLength, have)
	}
	stride := int64(bv.ByteStride)
	if stride == 0 {
		stride = int64(elem)
	}
	if a.Count < 0 || a.ByteOffset < 0 || stride < int64(elem) {
		return formatf("accessor count %d, offset %d, stride %d are invalid", a.Count, a.ByteOffset, stride)
	}
	if a.Count > 0 {
		if need := int64(a.ByteOffset) + stride*int64(a.Count-1) + int64(elem); need > int64(bv.ByteLength) {
			return formatf("accessor of %d elements needs %d bytes, its buffer view holds %d", a.Count, need, bv.ByteLength)
		}
	}
	return nil
}

func (rd *glbReader) accessor(i int) (*gltf.Accessor, error) {
	if i < 0 || i >= len(rd.doc.Accessors) || rd.doc.Accessors[i] == nil {
		return nil, formatf("accessor %d does not exist (%d accessors)", i, len(rd.doc.Accessors))
	}
	return rd.doc.Accessors[i], nil
}

func (rd *glbReader) positions(p *gltf.Primitive) ([][3]float32, error) {
	ai, ok := p.Attributes[gltf.POSITION]
	if !ok {
		return nil, formatf("missing")
	}
	a, err := rd.accessor(ai)
	if err != nil {
		return nil, err
	}
	if a.ComponentType != gltf.ComponentFloat || a.Type != gltf.AccessorVec3 {
		return nil, formatf("must be float VEC3, is %v %v", a.ComponentType, a.Type)
	}
	if err := rd.viewFits(a, 12); err != nil {
		return nil, err
	}
	return modeler.ReadPosition(rd.doc, a, nil)
}

func (rd *glbReader) indices(p *gltf.Primitive, nverts int) ([]uint32, error) {
	var idx []uint32
	if p.Indices == nil {
		if nverts%3 != 0 {
			return nil, formatf("%d unindexed vertices is not a whole number of triangles", nverts)
		}
		idx = make([]uint32, nverts)
		for i := range idx {
			idx[i] = uint32(i)
		}
	} else {
		a, err := rd.accessor(*p.Indices)
		if err != nil {
			return nil, err
		}
		if a.Type != gltf.AccessorScalar {
			return nil, formatf("must be SCALAR, is %v", a.Type)
		}
		size := 0
		switch a.ComponentType {
		case gltf.ComponentUbyte:
			size = 1
		case gltf.ComponentUshort:
			size = 2
		case gltf.ComponentUint:
			size = 4
		default:
			return nil, formatf("component type %v: allowed unsigned byte, short or int", a.ComponentType)
		}
		if a.Count%3 != 0 {
			return nil, formatf("%d indices is not a whole number of triangles", a.Count)
		}
		if err := rd.viewFits(a, size); err != nil {
			return nil, err
		}
		if idx, err = modeler.ReadIndices(rd.doc, a, nil); err != nil {
			return nil, err
		}
	}
	for i, v := range idx {
		if int(v) >= nverts {
			return nil, formatf("index %d is %d, there are %d vertices", i, v, nverts)
		}
	}
	rd.tris += int64(len(idx) / 3)
	if err := (geom.Tolerance{MaxTriangles: rd.budget}).CheckBudget("glTF", rd.tris); err != nil {
		return nil, formatf("%v", err)
	}
	return idx, nil
}

// material converts glTF material i (nil: the glTF default material) back to
// a geom.Material.
func (rd *glbReader) material(i *int) geom.Material {
	out := geom.Material{Kind: geom.KindMetal, BaseColor: [3]float64{1, 1, 1}, Metallic: 1, Roughness: 1}
	if i == nil || *i < 0 || *i >= len(rd.doc.Materials) || rd.doc.Materials[*i] == nil {
		return out
	}
	gm := rd.doc.Materials[*i]
	out.Name = gm.Name
	if pbr := gm.PBRMetallicRoughness; pbr != nil {
		c := pbr.BaseColorFactorOrDefault()
		out.BaseColor = [3]float64{c[0], c[1], c[2]}
		out.Metallic = pbr.MetallicFactorOrDefault()
		out.Roughness = pbr.RoughnessFactorOrDefault()
	}
	if e, ok := gm.Extensions[transmission.ExtensionName].(*transmission.Transmission); ok && e.TransmissionFactor > 0 {
		out.Kind = geom.KindGem
		out.Transmission = e.TransmissionFactor
	}
	if e, ok := gm.Extensions[ior.ExtensionName].(*ior.IOR); ok {
		out.IOR = e.Value()
	}
	if e, ok := gm.Extensions[dispersion.ExtensionName].(*dispersion.Dispersion); ok {
		out.Dispersion = e.Dispersion
	}
	if e, ok := gm.Extensions[volume.ExtensionName].(*volume.Volume); ok && e.AttenuationDistance != nil {
		out.AttenuationDistanceMM = *e.AttenuationDistance / metresPerMM
		out.AttenuationColor = e.AttenuationColorOrDefault()
	}
	if out.Kind == geom.KindMetal {
		if m, err := geom.Metal(out.Name); err == nil {
			out.DensityGCM3 = m.DensityGCM3
		}
	}
	return out
}
