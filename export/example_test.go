package export_test

import (
	"bytes"
	"fmt"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
)

// A 10 mm cube written as binary STL and read back: 12 facets, 8 welded
// corners, 1000 mm³.
func ExampleWriteSTL() {
	cube := geom.NewMesh(8, 12)
	for i := 0; i < 8; i++ {
		cube.AddVert(geom.Vec3{float64(i & 1 * 10), float64(i >> 1 & 1 * 10), float64(i >> 2 * 10)})
	}
	for _, q := range [][4]uint32{{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}} {
		cube.AddQuad(q[0], q[1], q[2], q[3])
	}
	gold, _ := geom.Metal("18k-yellow")
	m := &geom.Model{}
	m.Add("cube", gold, cube)

	var buf bytes.Buffer
	if err := export.WriteSTL(&buf, m, nil); err != nil {
		fmt.Println(err)
		return
	}
	back, err := export.ReadSTL(bytes.NewReader(buf.Bytes()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d bytes, %d facets, %d vertices, %.0f mm³, solid: %v\n",
		buf.Len(), len(back.Tris), len(back.Verts), back.Volume(), back.Check().OK())
	// Output: 684 bytes, 12 facets, 8 vertices, 1000 mm³, solid: true
}
