package export

// The STL writer as it was before its records were written straight into a
// chunk buffer, kept as the reference the current writer must match byte for
// byte (TestSTLMatchesReference).

import (
	"bufio"
	"encoding/binary"
	"io"
	"math"
	"strconv"

	"github.com/mandrel3d/mandrel/geom"
)

// refSTLPart is one part's vertices rounded to float32, once.
type refSTLPart struct {
	verts [][3]float32
	src   *geom.Mesh
}

// refWriteSTL is WriteSTL as it was, through bufio one record at a time.
func refWriteSTL(w io.Writer, m *geom.Model, opt *STLOptions) error {
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
	rounded := make([]refSTLPart, len(parts))
	for i, p := range parts {
		if err := checkPartMesh(p); err != nil {
			return err
		}
		v, err := refToFloat32(p)
		if err != nil {
			return err
		}
		rounded[i] = refSTLPart{verts: v, src: p.Mesh}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	if o.ASCII {
		err = refWriteSTLASCII(bw, o.Name, rounded)
	} else {
		err = refWriteSTLBinary(bw, o.Name, uint32(total), rounded)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// toFloat32 rounds a part's vertices to float32, rejecting values that
// overflow.
func refToFloat32(p geom.Part) ([][3]float32, error) {
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
func refFacetNormal(p refSTLPart, i int) [3]float32 {
	t := p.src.Tris[i]
	a, b, c := p.verts[t[0]], p.verts[t[1]], p.verts[t[2]]
	n := refCross64(
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
func refCross64(ux, uy, uz, vx, vy, vz float64) geom.Vec3 {
	return geom.Vec3{uy*vz - uz*vy, uz*vx - ux*vz, ux*vy - uy*vx}
}

func refWriteSTLBinary(w *bufio.Writer, name string, count uint32, parts []refSTLPart) error {
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
			put(0, refFacetNormal(p, i))
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

func refWriteSTLASCII(w *bufio.Writer, name string, parts []refSTLPart) error {
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
			vec(refFacetNormal(p, i))
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
