package geom_test

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// A closed sphere passes Check; the same sphere with one triangle missing
// fails with three open edges, and the error names the first of them.
func ExampleMesh_Check() {
	// half a circle of radius 5 mm in the (r, z) plane, revolved about Z.
	const r = 5.0
	prof := []geom.Vec2{{0, -r}}
	for i := 1; i < 24; i++ {
		a := -math.Pi/2 + math.Pi*float64(i)/24
		prof = append(prof, geom.Vec2{r * math.Cos(a), r * math.Sin(a)})
	}
	prof = append(prof, geom.Vec2{0, r})
	m, err := geom.Revolve(prof, geom.Tolerance{ChordMM: 0.01})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep := m.Check()
	fmt.Printf("ok=%v shells=%d volume=%.0f mm³ (4/3·π·r³ = %.0f)\n", rep.OK(), rep.Shells, rep.Volume, 4*math.Pi*r*r*r/3)

	m.Tris = m.Tris[1:]
	rep = m.Check()
	fmt.Printf("ok=%v open edges=%d\n", rep.OK(), rep.OpenEdges)
	// Output:
	// ok=true shells=1 volume=520 mm³ (4/3·π·r³ = 524)
	// ok=false open edges=3
}

// Weld turns the loose corners of an STL back into a closed mesh.
func ExampleMesh_Weld() {
	// a tetrahedron as STL stores it: 4 triangles × 3 corners.
	p := []geom.Vec3{{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}}
	tris := [][3]int{{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}}
	soup := &geom.Mesh{}
	for _, t := range tris {
		a := soup.AddVert(p[t[0]])
		b := soup.AddVert(p[t[1]])
		c := soup.AddVert(p[t[2]])
		soup.AddTri(a, b, c)
	}
	fmt.Println("soup:", soup.Check().OpenEdges, "open edges")
	w := soup.Weld(1e-6)
	rep := w.Check()
	fmt.Printf("welded: %d vertices, ok=%v, volume %.2f mm³\n", len(w.Verts), rep.OK(), rep.Volume)
	// Output:
	// soup: 12 open edges
	// welded: 4 vertices, ok=true, volume 166.67 mm³
}

// MinDistance measures the clearance between two parts, here two cubes.
func ExampleMinDistance() {
	cube := func(x float64) *geom.Mesh {
		m := &geom.Mesh{}
		for i := 0; i < 8; i++ {
			m.AddVert(geom.Vec3{x + float64(i&1), float64(i >> 1 & 1), float64(i >> 2 & 1)})
		}
		for _, q := range [][4]uint32{{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}} {
			m.AddQuad(q[0], q[1], q[2], q[3])
		}
		return m
	}
	d, pa, pb := geom.MinDistance(cube(0), cube(1.25))
	fmt.Printf("clearance %.2f mm, from x=%.2f to x=%.2f\n", d, pa[0], pb[0])
	// Output:
	// clearance 0.25 mm, from x=1.00 to x=1.25
}
