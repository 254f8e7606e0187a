package export

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/mandrel3d/mandrel/geom"
)

// asciiSniffLen is how many leading bytes decide whether a file that starts
// with "solid" is really text: a binary header may start with "solid" (the
// classic trap), but its facet records are full of bytes no ASCII STL holds.
const asciiSniffLen = 512

// ReadSTL reads a binary or ASCII STL (millimetres) from r and returns one
// mesh holding every facet, with corners that are exactly equal (after
// reading as float32) welded into shared vertices, so a file written from a
// closed mesh reads back closed. Facet normals in the file are ignored; the
// winding defines the orientation.
//
// The format is decided as robust readers do: a stream whose length is
// exactly 84 + 50·n bytes for the count n in its header is binary, even when
// its header starts with "solid"; otherwise a stream starting with "solid"
// whose first bytes are all text is ASCII; anything else is binary. r is read
// from its current position to its end.
//
// The input is untrusted: a binary header that claims more facets than the
// stream holds, a malformed ASCII token, a non-finite coordinate, or more than
// geom.DefaultMaxTriangles facets return an error wrapping ErrFormat before
// anything large is allocated.
func ReadSTL(r io.ReadSeeker) (*geom.Mesh, error) {
	start, err := r.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, err
	}
	end, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	if _, err := r.Seek(start, io.SeekStart); err != nil {
		return nil, err
	}
	size := end - start
	head := make([]byte, min(size, asciiSniffLen))
	if _, err := io.ReadFull(r, head); err != nil {
		return nil, err
	}
	if _, err := r.Seek(start, io.SeekStart); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if size >= stlHeaderLen+4 {
		n := int64(binary.LittleEndian.Uint32(head[stlHeaderLen:]))
		if size == stlHeaderLen+4+stlRecordLen*n {
			return readSTLBinary(br, size)
		}
	}
	if looksASCII(head) {
		return readSTLASCII(br)
	}
	return readSTLBinary(br, size)
}

// looksASCII reports whether head starts with "solid" (after blanks) and holds
// only text bytes.
func looksASCII(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) < 5 || !strings.EqualFold(string(t[:5]), "solid") {
		return false
	}
	for _, c := range head {
		if (c < ' ' || c > '~') && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}

// welder joins corners with identical float32 coordinates into one vertex.
type welder struct {
	m   *geom.Mesh
	ids map[[3]float32]uint32
}

func newWelder(tris int) *welder {
	return &welder{m: geom.NewMesh(tris/2+3, tris), ids: make(map[[3]float32]uint32, tris/2+3)}
}

// vert returns the index of p, adding it on first sight. −0 and +0 weld.
func (w *welder) vert(p [3]float32) uint32 {
	for k := range p {
		p[k] += 0 // −0 + 0 = +0
	}
	if i, ok := w.ids[p]; ok {
		return i
	}
	i := w.m.AddVert(geom.Vec3{float64(p[0]), float64(p[1]), float64(p[2])})
	w.ids[p] = i
	return i
}

func finite32(p [3]float32) bool {
	for _, c := range p {
		if math.IsNaN(float64(c)) || math.IsInf(float64(c), 0) {
			return false
		}
	}
	return true
}

func readSTLBinary(r io.Reader, size int64) (*geom.Mesh, error) {
	if size < stlHeaderLen+4 {
		return nil, formatf("binary STL is %d bytes: shorter than the %d-byte header", size, stlHeaderLen+4)
	}
	var head [stlHeaderLen + 4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, formatf("binary STL header: %v", err)
	}
	n := int64(binary.LittleEndian.Uint32(head[stlHeaderLen:]))
	if have := (size - stlHeaderLen - 4) / stlRecordLen; n > have {
		return nil, formatf("binary STL header says %d facets, but the stream holds %d bytes, room for %d", n, size, have)
	}
	if err := (geom.Tolerance{}).CheckBudget("STL", n); err != nil {
		return nil, formatf("%v", err)
	}
	wd := newWelder(int(n))
	var rec [stlRecordLen]byte
	get := func(off int) [3]float32 {
		return [3]float32{
			math.Float32frombits(binary.LittleEndian.Uint32(rec[off:])),
			math.Float32frombits(binary.LittleEndian.Uint32(rec[off+4:])),
			math.Float32frombits(binary.LittleEndian.Uint32(rec[off+8:])),
		}
	}
	for i := int64(0); i < n; i++ {
		if _, err := io.ReadFull(r, rec[:]); err != nil {
			return nil, formatf("binary STL facet %d: %v", i, err)
		}
		var t [3]uint32
		for k := 0; k < 3; k++ {
			p := get(12 + 12*k)
			if !finite32(p) {
				return nil, formatf("binary STL facet %d corner %d is not finite: %v", i, k, p)
			}
			t[k] = wd.vert(p)
		}
		wd.m.AddTri(t[0], t[1], t[2])
	}
	return wd.m, nil
}

// maxSTLToken bounds one ASCII token (a number or keyword), in bytes.
const maxSTLToken = 4096

// stlLexer reads the words of an ASCII STL.
type stlLexer struct {
	s     *bufio.Scanner
	word  string
	count int // words read
}

func (l *stlLexer) next() bool {
	if !l.s.Scan() {
		l.word = ""
		return false
	}
	l.word = l.s.Text()
	l.count++
	return true
}

func (l *stlLexer) is(kw string) bool { return strings.EqualFold(l.word, kw) }

func (l *stlLexer) err(facet int, want string) error {
	if err := l.s.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return formatf("ASCII STL facet %d: a word longer than %d bytes", facet, maxSTLToken)
		}
		return formatf("ASCII STL facet %d: %v", facet, err)
	}
	if l.word == "" {
		return formatf("ASCII STL facet %d: file ends where %s is expected", facet, want)
	}
	return formatf("ASCII STL facet %d: expected %s, found %q (word %d)", facet, want, clip(l.word), l.count)
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func (l *stlLexer) expect(facet int, kw string) error {
	if !l.next() || !l.is(kw) {
		return l.err(facet, strconv.Quote(kw))
	}
	return nil
}

func (l *stlLexer) point(facet int) ([3]float32, error) {
	var p [3]float32
	for k := 0; k < 3; k++ {
		if !l.next() {
			return p, l.err(facet, "a number")
		}
		f, err := strconv.ParseFloat(l.word, 32)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return p, l.err(facet, "a finite number")
		}
		p[k] = float32(f)
	}
	return p, nil
}

func readSTLASCII(r io.Reader) (*geom.Mesh, error) {
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 0, 4096), maxSTLToken)
	s.Split(bufio.ScanWords)
	l := &stlLexer{s: s}
	budget := (geom.Tolerance{}).Budget()
	wd := newWelder(1024)
	facet := 0
	if !l.next() || !l.is("solid") {
		return nil, l.err(0, `"solid"`)
	}
	inSolid, inName := true, true
	for l.next() {
		switch {
		case l.is("facet") && inSolid:
			inName = false
			if int64(facet) >= budget {
				return nil, formatf("ASCII STL has more than %d facets, the triangle budget", budget)
			}
			if err := l.expect(facet, "normal"); err != nil {
				return nil, err
			}
			if _, err := l.point(facet); err != nil {
				return nil, err
			}
			if err := l.expect(facet, "outer"); err != nil {
				return nil, err
			}
			if err := l.expect(facet, "loop"); err != nil {
				return nil, err
			}
			var t [3]uint32
			for k := 0; k < 3; k++ {
				if err := l.expect(facet, "vertex"); err != nil {
					return nil, err
				}
				p, err := l.point(facet)
				if err != nil {
					return nil, err
				}
				t[k] = wd.vert(p)
			}
			if err := l.expect(facet, "endloop"); err != nil {
				return nil, err
			}
			if err := l.expect(facet, "endfacet"); err != nil {
				return nil, err
			}
			wd.m.AddTri(t[0], t[1], t[2])
			facet++
		case l.is("endsolid") && inSolid:
			inSolid, inName = false, false // the name that may follow is skipped below
		case l.is("solid") && !inSolid:
			inSolid, inName = true, true // another solid in the same file
		case !inSolid, inName:
			// the name after endsolid, or after solid before the first facet
		default:
			return nil, l.err(facet, `"facet" or "endsolid"`)
		}
	}
	if err := s.Err(); err != nil {
		return nil, l.err(facet, "more input")
	}
	if inSolid {
		return nil, formatf("ASCII STL ends after %d facets without \"endsolid\"", facet)
	}
	return wd.m, nil
}
