package mandrel_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/mandrel3d/mandrel"
)

// A platinum comfort band in US 7: the report's figures are measured on the
// mesh — the finger hole's diameter, the size in other standards, the weight.
func ExampleBuild() {
	spec, err := mandrel.ParseSpec(strings.NewReader(`{
	  "kind": "ring", "metal": "950-platinum",
	  "ring": { "size": "US 7", "profile": "comfort", "width_mm": 4, "thickness_mm": 1.8 }
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, report, err := mandrel.Build(context.Background(), spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("inner diameter %.3f mm, UK %s, EU %s\n", report.Ring.InnerDiameterMM, report.Ring.Sizes["UK"], report.Ring.Sizes["EU"])
	fmt.Printf("%s, %.2f g, watertight %v\n", report.Parts[0].Material, report.MetalWeightG, report.Parts[0].Watertight)
	// Output:
	// inner diameter 17.323 mm, UK N1/2, EU 54.5
	// 950-platinum, 7.88 g, watertight true
}
