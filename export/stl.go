package export

import (
	"bufio"
	"encoding/binary"
	"io"
	"math"
	"strconv"

	"github.com/mandrel3d/mandrel/geom"
)

// DefaultSTLName is the solid name used when STLOptions.Name is empty.
const DefaultSTLName = "mandrel"

// MaxSTLNameLen is the longest solid name accepted, in bytes: the binary
// header holds "mandrel: " and the name within its 80 bytes.
const MaxSTLNameLen = 64

// STL record sizes in bytes (binary STL: an 80-byte header, a uint32 facet
// count, then 50 bytes per facet: normal, three corners, attribute count).
const (
	stlHeaderLen = 80
	stlRecordLen = 50
)

// STLOptions controls WriteSTL. A nil *STLOptions means the defaults: binary,
// every part, solid name DefaultSTLName.
type STLOptions struct {
	// ASCII selects the text format instead of binary. Binary files are
	// about five times smaller and exact; ASCII writes each float32
	// coordinate in its shortest decimal form, which reads back exactly.
	ASCII bool
	// Name is the solid's name: printable ASCII (space to '~'), at most
	// MaxSTLNameLen bytes. Empty means DefaultSTLName. In a binary file it
	// goes into the header after "mandrel: ", so the header never starts with
	// "solid" (which readers would take for an ASCII file).
	Name string
	// Parts selects the parts to write (nil: all). MetalParts leaves stones
	// out, as a casting master needs.
	Parts func(geom.Part) bool
}

// validate checks the options, naming the bad field.
func (o *STLOptions) validate() error {
	if len(o.Name) > MaxSTLNameLen {
		return invalidf("STL option Name is %d bytes: allowed at most %d", len(o.Name), MaxSTLNameLen)
	}
	for i := 0; i < len(o.Name); i++ {
		if c := o.Name[i]; c < ' ' || c > '~' {
			return invalidf("STL option Name %q has byte %#x at %d: allowed printable ASCII (0x20 to 0x7e)", o.Name, c, i)
		}
	}
	return nil
}

// stlPart is one part's vertices rounded to float32, once.
type stlPart struct {
	verts [][3]float32
	src   *geom.Mesh
}

// WriteSTL writes the selected parts of m to w as one STL solid in
// millimetres: binary unless opt.ASCII. Each part's triangles are written in
// model order; parts keep their own vertices, so touching parts stay separate
// shells. Coordinates are rounded to float32 once per vertex, so corners
// shared by triangles stay bit-identical and a reader can weld them exactly.
// Each facet normal is the unit right-hand normal (b−a)×(c−a) of the rounded
// corners, never zero (a triangle that rounds to zero area gets the normal of
// its unrounded corners, and +Z when that is zero too).
//
// The whole model is checked before anything is written: an error wrapping
// ErrInvalid names a bad option, a triangle naming a missing vertex, a
// non-finite or float32-overflowing coordinate, or a selection with no
// triangles. Errors from w are returned as they are.
func WriteSTL(w io.Writer, m *geom.Model, opt *STLOptions) error {
	var o STLOptions
	if opt != nil {
		o = *opt
	}
	if err := o.validate(); err != nil {
		return err
	}
	if o.Name == "" {
		o.Name = DefaultSTLName
	}
	parts := selected(m, o.Parts)
	total := 0
	for _, p := range parts {
		total += len(p.Mesh.Tris)
	}
	if total == 0 {
		n := 0
		if m != nil {
			n = len(m.Parts)
		}
		return invalidf("STL: no triangles to write (the model has %d parts; none selected has triangles)", n)
	}
	if total > math.MaxUint32 {
		return invalidf("STL: %d triangles: a binary STL holds at most %d", total, uint32(math.MaxUint32))
	}
	rounded := make([]stlPart, len(parts))
	for i, p := range parts {
		if err := checkPartMesh(p); err != nil {
			return err
		}
		v, err := toFloat32(p)
		if err != nil {
			return err
		}
		rounded[i] = stlPart{verts: v, src: p.Mesh}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	if o.ASCII {
		err = writeSTLASCII(bw, o.Name, rounded)
	} else {
		err = writeSTLBinary(bw, o.Name, uint32(total), rounded)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// toFloat32 rounds a part's vertices to float32, rejecting values that
// overflow.
func toFloat32(p geom.Part) ([][3]float32, error) {
	out := make([][3]float32, len(p.Mesh.Verts))
	for i, v := range p.Mesh.Verts {
		for k := 0; k < 3; k++ {
			f := float32(v[k])
			if math.IsInf(float64(f), 0) {
				return nil, invalidf("part %q vertex %d coordinate %g mm overflows float32", p.Name, i, v[k])
			}
			out[i][k] = f
		}
	}
	return out, nil
}

// facetNormal returns the unit normal of triangle i of part p as float32.
func facetNormal(p stlPart, i int) [3]float32 {
	t := p.src.Tris[i]
	a, b, c := p.verts[t[0]], p.verts[t[1]], p.verts[t[2]]
	n := cross64(
		float64(b[0])-float64(a[0]), float64(b[1])-float64(a[1]), float64(b[2])-float64(a[2]),
		float64(c[0])-float64(a[0]), float64(c[1])-float64(a[1]), float64(c[2])-float64(a[2]))
	if l := n.Len(); !(l > 0) || math.IsInf(l, 0) {
		a, b, c := p.src.Triangle(i)
		n = b.Sub(a).Cross(c.Sub(a))
	}
	l := n.Len()
	if !(l > 0) || math.IsInf(l, 0) {
		return [3]float32{0, 0, 1}
	}
	return [3]float32{float32(n[0] / l), float32(n[1] / l), float32(n[2] / l)}
}

// cross64 is (u × v) written with scalars, in mathgl's order of operations,
// so that the compiler keeps it in registers.
func cross64(ux, uy, uz, vx, vy, vz float64) geom.Vec3 {
	return geom.Vec3{uy*vz - uz*vy, uz*vx - ux*vz, ux*vy - uy*vx}
}

func writeSTLBinary(w *bufio.Writer, name string, count uint32, parts []stlPart) error {
	var head [stlHeaderLen + 4]byte
	copy(head[:stlHeaderLen], "mandrel: "+name)
	binary.LittleEndian.PutUint32(head[stlHeaderLen:], count)
	if _, err := w.Write(head[:]); err != nil {
		return err
	}
	var rec [stlRecordLen]byte
	put := func(off int, v [3]float32) {
		binary.LittleEndian.PutUint32(rec[off:], math.Float32bits(v[0]))
		binary.LittleEndian.PutUint32(rec[off+4:], math.Float32bits(v[1]))
		binary.LittleEndian.PutUint32(rec[off+8:], math.Float32bits(v[2]))
	}
	for _, p := range parts {
		for i, t := range p.src.Tris {
			put(0, facetNormal(p, i))
			put(12, p.verts[t[0]])
			put(24, p.verts[t[1]])
			put(36, p.verts[t[2]])
			// rec[48:50] is the attribute byte count, always 0.
			if _, err := w.Write(rec[:]); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeSTLASCII(w *bufio.Writer, name string, parts []stlPart) error {
	buf := make([]byte, 0, 256)
	vec := func(v [3]float32) {
		for k := 0; k < 3; k++ {
			buf = append(buf, ' ')
			buf = strconv.AppendFloat(buf, float64(v[k]), 'g', -1, 32)
		}
		buf = append(buf, '\n')
	}
	if _, err := w.WriteString("solid " + name + "\n"); err != nil {
		return err
	}
	for _, p := range parts {
		for i, t := range p.src.Tris {
			buf = append(buf[:0], "facet normal"...)
			vec(facetNormal(p, i))
			buf = append(buf, "  outer loop\n"...)
			for _, v := range t {
				buf = append(buf, "    vertex"...)
				vec(p.verts[v])
			}
			buf = append(buf, "  endloop\nendfacet\n"...)
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
	}
	_, err := w.WriteString("endsolid " + name + "\n")
	return err
}
