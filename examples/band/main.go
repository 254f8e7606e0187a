// Command band builds a comfort-fit wedding band through the library and
// writes it as STL (millimetres, for the printer) and GLB (metres, for AR),
// then prints what it measured.
//
//	go run ./examples/band [-size "US 7"] [-o DIR]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/ring"
)

func main() {
	size := flag.String("size", "US 7", "finger size in any standard")
	dir := flag.String("o", ".", "output directory")
	flag.Parse()

	s, err := ring.ParseSize(*size)
	if err != nil {
		log.Fatal(err)
	}
	res, err := ring.Build(ring.Params{
		Size:        s,
		Profile:     ring.Comfort,
		WidthMM:     4,   // along the finger
		ThicknessMM: 1.8, // radial, a medium-weight band
		Metal:       "18k-yellow",
	})
	if err != nil {
		log.Fatal(err)
	}
	band := res.Model.Part("band")
	if err := band.Mesh.Check().Err(); err != nil {
		log.Fatal(err)
	}
	write := func(name string, f func(*os.File) error) {
		file, err := os.Create(filepath.Join(*dir, name))
		if err != nil {
			log.Fatal(err)
		}
		if err := f(file); err != nil {
			log.Fatal(err)
		}
		if err := file.Close(); err != nil {
			log.Fatal(err)
		}
	}
	write("band.stl", func(f *os.File) error { return export.WriteSTL(f, res.Model, nil) })
	write("band.glb", func(f *os.File) error { return export.WriteGLB(f, res.Model, nil) })

	inner, _ := band.Mesh.AxisDistance(geom.Vec3{}, geom.Vec3{0, 1, 0})
	vol := band.Mesh.Volume()
	fmt.Printf("%s comfort band: inner diameter %.3f mm, %d triangles, %.1f mm³, %.2f g of %s\n",
		s, 2*inner, len(band.Mesh.Tris), vol, band.Material.WeightG(vol), band.Material.Name)
}
