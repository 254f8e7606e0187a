package render_test

import (
	"context"
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/render"
)

// Render a 5 mm silver ball on a transparent background and print its
// coverage: '#' opaque, '+' an edge pixel (anti-aliased), '.' empty.
func Example() {
	const r = 5.0 // ball radius, mm
	var prof []geom.Vec2
	for i := 0; i <= 32; i++ {
		a := -math.Pi/2 + math.Pi*float64(i)/32
		prof = append(prof, geom.Vec2{r * math.Cos(a), r * math.Sin(a)})
	}
	prof[0][0], prof[32][0] = 0, 0 // the poles lie on the axis
	ball, err := geom.Revolve(prof, geom.Tolerance{})
	if err != nil {
		fmt.Println(err)
		return
	}
	silver, _ := geom.Metal("925-silver")
	m := &geom.Model{}
	m.Add("ball", silver, ball)

	img, err := render.Render(context.Background(), m, &render.Options{
		Width: 24, Height: 12, // pixels
		View:     render.ViewFront,
		Margin:   0.1, // keep 10 % of the half-height free above and below
		NoShadow: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for y := 0; y < 12; y++ {
		line := ""
		for x := 0; x < 24; x++ {
			switch a := img.NRGBAAt(x, y).A; {
			case a == 255:
				line += "#"
			case a > 0:
				line += "+"
			default:
				line += "."
			}
		}
		fmt.Println(line)
	}
	// Output:
	// ..........++++..........
	// ........++####++........
	// .......+########+.......
	// .......+########+.......
	// .......##########.......
	// ......+##########+......
	// ......+##########+......
	// .......##########.......
	// .......+########+.......
	// .......+########+.......
	// ........++####++........
	// ..........++++..........
}
