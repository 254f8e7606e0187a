package gem_test

import (
	"fmt"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// A 6.5 mm round brilliant at ideal proportions: its weight from the mesh
// volume and diamond's density, and its facets as the trade counts them.
func Example() {
	s := gem.Stone{Cut: gem.Round, Gem: "diamond", DiameterMM: 6.5}
	g, err := s.Geometry(geom.Tolerance{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f ct, %d facets, depth %.1f %%\n", g.Carat(), gem.FacetCount(g.Mesh, gem.DefaultFacetAngleDeg), 100*g.DepthMM()/g.WidthMM)

	s.CuletPct = 1.5
	m, _ := s.Mesh(geom.Tolerance{})
	fmt.Println(gem.FacetCount(m, gem.DefaultFacetAngleDeg), "facets with a culet")
	// Output:
	// 0.99 ct, 57 facets, depth 60.0 %
	// 58 facets with a culet
}
