package export

import (
	"encoding/binary"
	"io"
	"math"
	"slices"
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

// stlChunk is the size in bytes of the buffer WriteSTL fills and hands to
// its writer (smaller when the whole file is).
const stlChunk = 64 << 10

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
// triangles. Output goes to w in writes of up to 64 KiB; errors from w are
// returned as they are, and a short write without one as io.ErrShortWrite.
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
	total, verts := 0, 0
	for _, p := range parts {
		total += len(p.Mesh.Tris)
		verts += len(p.Mesh.Verts)
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
	// Every part's rounded vertices in one allocation.
	all := make([][3]float32, verts)
	rounded := make([]stlPart, len(parts))
	for i, p := range parts {
		if err := checkPartMesh(p); err != nil {
			return err
		}
		v := all[:len(p.Mesh.Verts):len(p.Mesh.Verts)]
		all = all[len(v):]
		if err := toFloat32(p, v); err != nil {
			return err
		}
		rounded[i] = stlPart{verts: v, src: p.Mesh}
	}
	if o.ASCII {
		return writeSTLASCII(w, o.Name, rounded)
	}
	return writeSTLBinary(w, o.Name, uint32(total), rounded)
}

// toFloat32 rounds a part's vertices to float32 into out (one per vertex),
// rejecting values that overflow. The part's vertices are finite.
func toFloat32(p geom.Part, out [][3]float32) error {
	for i, v := range p.Mesh.Verts {
		f := [3]float32{float32(v[0]), float32(v[1]), float32(v[2])}
		if !(abs32(f[0]) <= math.MaxFloat32 && abs32(f[1]) <= math.MaxFloat32 && abs32(f[2]) <= math.MaxFloat32) {
			for k := 0; k < 3; k++ {
				if abs32(f[k]) > math.MaxFloat32 {
					return invalidf("part %q vertex %d coordinate %g mm overflows float32", p.Name, i, v[k])
				}
			}
		}
		out[i] = f
	}
	return nil
}

// abs32 is |f| (clearing the sign bit).
func abs32(f float32) float32 { return math.Float32frombits(math.Float32bits(f) &^ (1 << 31)) }

// facetNormal returns the unit normal (b−a)×(c−a) of a triangle's rounded
// corners as float32, computed in float64. When that has no length (or an
// infinite one), it is the normal of the unrounded corners, triangle i of
// src, and +Z when that has none either.
func facetNormal(a, b, c [3]float32, src *geom.Mesh, i int) (x, y, z float32) {
	ax, ay, az := float64(a[0]), float64(a[1]), float64(a[2])
	ux, uy, uz := float64(b[0])-ax, float64(b[1])-ay, float64(b[2])-az
	vx, vy, vz := float64(c[0])-ax, float64(c[1])-ay, float64(c[2])-az
	nx, ny, nz := uy*vz-uz*vy, uz*vx-ux*vz, ux*vy-uy*vx
	if l := math.Sqrt(nx*nx + ny*ny + nz*nz); l > 0 && l <= math.MaxFloat64 {
		return float32(nx / l), float32(ny / l), float32(nz / l)
	}
	return unroundedNormal(src, i)
}

// unroundedNormal is facetNormal's fallback: the unit normal of triangle i
// of m, +Z when it has none.
func unroundedNormal(m *geom.Mesh, i int) (x, y, z float32) {
	a, b, c := m.Triangle(i)
	n := b.Sub(a).Cross(c.Sub(a))
	l := n.Len()
	if !(l > 0) || math.IsInf(l, 0) {
		return 0, 0, 1
	}
	return float32(n[0] / l), float32(n[1] / l), float32(n[2] / l)
}

// write hands p to w, turning a short write without an error into
// io.ErrShortWrite.
func write(w io.Writer, p []byte) error {
	n, err := w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	return err
}

// writeSTLBinary writes the header and the records, filling a buffer of up
// to stlChunk bytes and handing it to w each time it is full.
func writeSTLBinary(w io.Writer, name string, count uint32, parts []stlPart) error {
	size := stlHeaderLen + 4 + stlRecordLen*int64(count)
	buf := make([]byte, min(size, stlChunk))
	copy(buf[:stlHeaderLen], "mandrel: ")
	copy(buf[len("mandrel: "):stlHeaderLen], name)
	binary.LittleEndian.PutUint32(buf[stlHeaderLen:], count)
	n := stlHeaderLen + 4
	le := binary.LittleEndian
	for _, p := range parts {
		verts := p.verts
		for i, t := range p.src.Tris {
			if len(buf)-n < stlRecordLen {
				if err := write(w, buf[:n]); err != nil {
					return err
				}
				n = 0
			}
			r := (*[stlRecordLen]byte)(buf[n:])
			a, b, c := verts[t[0]], verts[t[1]], verts[t[2]]
			// facetNormal, written out: the call per triangle took a fifth
			// of the time.
			ax, ay, az := float64(a[0]), float64(a[1]), float64(a[2])
			ux, uy, uz := float64(b[0])-ax, float64(b[1])-ay, float64(b[2])-az
			vx, vy, vz := float64(c[0])-ax, float64(c[1])-ay, float64(c[2])-az
			nx, ny, nz := uy*vz-uz*vy, uz*vx-ux*vz, ux*vy-uy*vx
			var fx, fy, fz float32
			if l := math.Sqrt(nx*nx + ny*ny + nz*nz); l > 0 && l <= math.MaxFloat64 {
				fx, fy, fz = float32(nx/l), float32(ny/l), float32(nz/l)
			} else {
				fx, fy, fz = unroundedNormal(p.src, i)
			}
			le.PutUint32(r[0:], math.Float32bits(fx))
			le.PutUint32(r[4:], math.Float32bits(fy))
			le.PutUint32(r[8:], math.Float32bits(fz))
			le.PutUint32(r[12:], math.Float32bits(a[0]))
			le.PutUint32(r[16:], math.Float32bits(a[1]))
			le.PutUint32(r[20:], math.Float32bits(a[2]))
			le.PutUint32(r[24:], math.Float32bits(b[0]))
			le.PutUint32(r[28:], math.Float32bits(b[1]))
			le.PutUint32(r[32:], math.Float32bits(b[2]))
			le.PutUint32(r[36:], math.Float32bits(c[0]))
			le.PutUint32(r[40:], math.Float32bits(c[1]))
			le.PutUint32(r[44:], math.Float32bits(c[2]))
			r[48], r[49] = 0, 0 // the attribute byte count
			n += stlRecordLen
		}
	}
	return write(w, buf[:n])
}

// stlFacetMax bounds one ASCII facet's length in bytes: its fixed words and
// twelve numbers of at most 15 characters ("-1.17549435e-38") with their
// spaces.
const stlFacetMax = 128 + 12*16

// writeSTLASCII writes the solid as text. Each vertex is formatted once
// (" x y z\n") and copied into every facet that uses it.
func writeSTLASCII(w io.Writer, name string, parts []stlPart) error {
	buf := make([]byte, 0, stlChunk)
	buf = append(append(append(buf, "solid "...), name...), '\n')
	// text holds the part's vertices formatted when first used, vertex i at
	// text[at[2i]:at[2i+1]] (at[2i] < 0 before). A vertex takes at most 49
	// bytes, so text never grows.
	most := 0
	for _, p := range parts {
		most = max(most, min(len(p.verts), 3*len(p.src.Tris)))
	}
	text := make([]byte, 0, most*(3*16+1))
	var at []int
	for _, p := range parts {
		text = text[:0]
		at = slices.Grow(at[:0], 2*len(p.verts))[:2*len(p.verts)]
		for i := range at {
			at[i] = -1
		}
		for i, t := range p.src.Tris {
			if cap(buf)-len(buf) < stlFacetMax {
				if err := write(w, buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
			a, b, c := p.verts[t[0]], p.verts[t[1]], p.verts[t[2]]
			nx, ny, nz := facetNormal(a, b, c, p.src, i)
			buf = append(buf, "facet normal"...)
			buf = appendVec32(buf, nx, ny, nz)
			buf = append(buf, "  outer loop\n"...)
			for _, v := range t {
				if at[2*v] < 0 {
					q := p.verts[v]
					at[2*v] = len(text)
					text = appendVec32(text, q[0], q[1], q[2])
					at[2*v+1] = len(text)
				}
				buf = append(buf, "    vertex"...)
				buf = append(buf, text[at[2*v]:at[2*v+1]]...)
			}
			buf = append(buf, "  endloop\nendfacet\n"...)
		}
	}
	buf = append(append(append(buf, "endsolid "...), name...), '\n')
	return write(w, buf)
}

// appendVec32 appends " x y z\n", each number in the shortest decimal form
// that reads back as the same float32.
func appendVec32(buf []byte, x, y, z float32) []byte {
	buf = append(buf, ' ')
	buf = strconv.AppendFloat(buf, float64(x), 'g', -1, 32)
	buf = append(buf, ' ')
	buf = strconv.AppendFloat(buf, float64(y), 'g', -1, 32)
	buf = append(buf, ' ')
	buf = strconv.AppendFloat(buf, float64(z), 'g', -1, 32)
	return append(buf, '\n')
}
