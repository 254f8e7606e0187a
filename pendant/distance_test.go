package pendant

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// TestSegIndex checks the indexed distance against the brute force one on
// a heart, inside and outside it.
func TestSegIndex(t *testing.T) {
	p := Params{Shape: Heart, WidthMM: 20, HeightMM: 18}.withDefaults()
	o := outline(p)
	s := newSegIndex(o, 1)
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		q := geom.Vec2{r.Float64()*26 - 13, r.Float64()*24 - 12}
		if a, b := s.dist(q), polyDist(q, o); math.Abs(a-b) > 1e-12 {
			t.Fatalf("at %v: indexed %g, brute force %g", q, a, b)
		}
	}
}
