package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// oddSTLModel is a model of awkward triangles for the STL writer: random
// corners of every magnitude from float32 denormals to near float32's
// largest, negative zeros, triangles with a repeated corner (no normal:
// +Z), corners that differ below float32's precision (the normal of the
// unrounded corners), collinear corners, and parts that are empty or gems.
func oddSTLModel(t testing.TB) *geom.Model {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 5))
	scales := []float64{1e-42, 1e-30, 1e-6, 1, 17.25, 1e6, 1e30, 3e38}
	coord := func() float64 {
		switch rng.IntN(10) {
		case 0:
			return math.Copysign(0, -1)
		case 1:
			return 0
		}
		return (2*rng.Float64() - 1) * scales[rng.IntN(len(scales))]
	}
	odd := &geom.Mesh{}
	for i := 0; i < 3000; i++ {
		a := geom.Vec3{coord(), coord(), coord()}
		b := geom.Vec3{coord(), coord(), coord()}
		c := geom.Vec3{coord(), coord(), coord()}
		switch rng.IntN(6) {
		case 0:
			c = a
		case 1:
			// Corners a few float64 ulps apart: the same float32 point.
			b = geom.Vec3{a[0] * (1 + 1e-12), a[1] * (1 - 1e-12), a[2] + 1e-13}
			c = geom.Vec3{a[0] * (1 - 1e-12), a[1], a[2] - 1e-13}
		case 2:
			c = a.Add(b.Sub(a).Mul(0.25))
		}
		v := odd.AddVert(a)
		odd.AddVert(b)
		odd.AddVert(c)
		odd.AddTri(v, v+1, v+2)
	}
	gold, err := geom.Metal("18k-yellow")
	if err != nil {
		t.Fatal(err)
	}
	m := &geom.Model{}
	m.Add("empty", gold, &geom.Mesh{})
	m.Add("odd", gold, odd)
	m.Add("box", gold, box(geom.Vec3{-1, -2, -3}, geom.Vec3{0.1, 0.2, 0.3}))
	m.Add("stone-0", diamond, stone(t, 3, geom.Tolerance{}))
	return m
}

// TestSTLMatchesReference compares WriteSTL's bytes with the writer it
// replaced (refWriteSTL) on several models, binary and ASCII, named and not,
// all parts and some.
func TestSTLMatchesReference(t *testing.T) {
	gold, err := geom.Metal("18k-yellow")
	if err != nil {
		t.Fatal(err)
	}
	fine := &geom.Model{}
	fine.Add("band", gold, torusRing(t, geom.Tolerance{ChordMM: 0.002}))
	fine.Add("stone-0", diamond, stone(t, ringMajorMM+ringMinorMM+2, geom.Tolerance{ChordMM: 0.002}))
	one := &geom.Model{}
	one.Add("tri", gold, &geom.Mesh{Verts: []geom.Vec3{{0, 0, 0}, {1, 0, 0}, {0, 1, 0}}, Tris: [][3]uint32{{0, 1, 2}}})
	models := map[string]*geom.Model{
		"ring":  ringWithStone(t),
		"fine":  fine, // 18,554 triangles: 928 KB, many chunks
		"odd":   oddSTLModel(t),
		"one":   one,
		"boxes": {Parts: []geom.Part{{Name: "a", Material: gold, Mesh: box(geom.Vec3{}, geom.Vec3{1, 1, 1})}, {Name: "b", Material: gold, Mesh: box(geom.Vec3{1, 1, 1}, geom.Vec3{2, 2, 2})}}},
	}
	notBand := func(p geom.Part) bool { return p.Name != "band" }
	opts := map[string]*STLOptions{
		"nil":          nil,
		"binary named": {Name: "ring 7 ~ solid"},
		"binary metal": {Parts: MetalParts},
		"binary some":  {Parts: notBand},
		"ascii":        {ASCII: true},
		"ascii named":  {ASCII: true, Name: "x", Parts: MetalParts},
		"ascii some":   {ASCII: true, Parts: notBand},
	}
	for mn, m := range models {
		for on, o := range opts {
			var got, want bytes.Buffer
			err := WriteSTL(&got, m, o)
			wantErr := refWriteSTL(&want, m, o)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Errorf("%s, %s: error %v, reference %v", mn, on, err, wantErr)
				continue
			}
			if err != nil {
				continue
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				i := 0
				for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
					i++
				}
				t.Errorf("%s, %s: %d bytes, reference %d; first difference at byte %d", mn, on, got.Len(), want.Len(), i)
			}
		}
	}
}

// TestSTLErrorsMatchReference: every bad model and option gives the
// reference's error, and nothing is written.
func TestSTLErrorsMatchReference(t *testing.T) {
	gold, err := geom.Metal("18k-yellow")
	if err != nil {
		t.Fatal(err)
	}
	bad := func(v geom.Vec3) *geom.Model {
		m := &geom.Model{}
		m.Add("band", gold, box(geom.Vec3{}, geom.Vec3{1, 1, 1}))
		mesh := box(geom.Vec3{}, geom.Vec3{1, 1, 1})
		mesh.Verts[5] = v
		m.Add("bad", gold, mesh)
		return m
	}
	badIndex := bad(geom.Vec3{})
	badIndex.Parts[1].Mesh.Tris[7][2] = 8
	cases := map[string]struct {
		m *geom.Model
		o *STLOptions
	}{
		"nil model":      {nil, nil},
		"no parts":       {&geom.Model{}, &STLOptions{ASCII: true}},
		"none selected":  {ringWithStone(t), &STLOptions{Parts: func(geom.Part) bool { return false }}},
		"long name":      {ringWithStone(t), &STLOptions{Name: string(make([]byte, MaxSTLNameLen+1))}},
		"newline name":   {ringWithStone(t), &STLOptions{Name: "a\nb"}},
		"NaN":            {bad(geom.Vec3{0, math.NaN(), 0}), nil},
		"Inf":            {bad(geom.Vec3{0, 0, math.Inf(-1)}), &STLOptions{ASCII: true}},
		"float32 over":   {bad(geom.Vec3{0, 1e39, 0}), nil},
		"float32 over 2": {bad(geom.Vec3{-3.4028236e38, 0, 0}), &STLOptions{ASCII: true}},
		"bad index":      {badIndex, nil},
	}
	for name, c := range cases {
		var got, want bytes.Buffer
		err := WriteSTL(&got, c.m, c.o)
		wantErr := refWriteSTL(&want, c.m, c.o)
		if err == nil || !errors.Is(err, ErrInvalid) || err.Error() != wantErr.Error() {
			t.Errorf("%s: error %v, reference %v", name, err, wantErr)
		}
		if got.Len() != 0 {
			t.Errorf("%s: wrote %d bytes before failing", name, got.Len())
		}
	}
}

// failWriter accepts n bytes, then fails with errFull; short makes it
// report a short write without an error instead.
type failWriter struct {
	n     int
	short bool
}

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	if w.short {
		return k, nil
	}
	return k, errFull
}

// TestSTLWriterErrors: an error from w is returned as it is, wherever it
// comes, and a short write without one is io.ErrShortWrite.
func TestSTLWriterErrors(t *testing.T) {
	gold, err := geom.Metal("18k-yellow")
	if err != nil {
		t.Fatal(err)
	}
	fine := &geom.Model{}
	fine.Add("band", gold, torusRing(t, geom.Tolerance{ChordMM: 0.002}))
	for _, ascii := range []bool{false, true} {
		for _, n := range []int{0, 10, 84, 1000, 64 << 10, 300 << 10} {
			o := &STLOptions{ASCII: ascii}
			if err := WriteSTL(&failWriter{n: n}, fine, o); !errors.Is(err, errFull) {
				t.Errorf("ascii=%v, fail after %d bytes: %v, want %v", ascii, n, err, errFull)
			}
			if err := WriteSTL(&failWriter{n: n, short: true}, fine, o); !errors.Is(err, io.ErrShortWrite) {
				t.Errorf("ascii=%v, short after %d bytes: %v, want io.ErrShortWrite", ascii, n, err)
			}
		}
	}
}
