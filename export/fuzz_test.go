package export

import (
	"bytes"
	"testing"
)

// FuzzReadSTL feeds arbitrary bytes to ReadSTL: it must return an error or a
// mesh whose indices are all valid, never panic, and a mesh it returns must
// survive a write and read back with the same triangle count.
func FuzzReadSTL(f *testing.F) {
	f.Add(binarySTL("solid trap", 4, tetra))
	f.Add(binarySTL("mandrel", 2, tetra))
	f.Add([]byte("solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid s\n"))
	f.Add([]byte("solid"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadSTL(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i, tr := range m.Tris {
			for _, v := range tr {
				if int(v) >= len(m.Verts) {
					t.Fatalf("triangle %d names vertex %d of %d", i, v, len(m.Verts))
				}
			}
		}
		if len(m.Tris) == 0 {
			return
		}
		var buf bytes.Buffer
		if err := WriteSTL(&buf, modelOf(m), nil); err != nil {
			t.Fatal(err)
		}
		back, err := ReadSTL(bytes.NewReader(buf.Bytes()))
		if err != nil || len(back.Tris) != len(m.Tris) {
			t.Fatalf("re-read: %v, %d triangles, want %d", err, len(back.Tris), len(m.Tris))
		}
	})
}
