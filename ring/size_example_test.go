package ring_test

import (
	"fmt"

	"github.com/mandrel3d/mandrel/ring"
)

// ExampleParseSize reads "US 7" and prints its measured inner size and its
// nearest size in every standard, with the error in mm.
func ExampleParseSize() {
	s, err := ring.ParseSize("us 7")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: inner diameter %.2f mm, circumference %.2f mm\n", s, s.DiameterMM, s.CircumferenceMM())
	for _, c := range ring.Conversions(s.DiameterMM) {
		fmt.Printf("%-2s %-5s %.2f mm (%+.3f mm)\n", c.Standard, c.Label, c.DiameterMM, c.ErrorMM)
	}
	_, err = ring.ParseSize("US 7.3")
	fmt.Println(err)
	// Output:
	// US 7: inner diameter 17.32 mm, circumference 54.42 mm
	// US 7     17.32 mm (+0.000 mm)
	// UK N1/2  17.31 mm (-0.015 mm)
	// EU 54.5  17.35 mm (+0.025 mm)
	// JP 14    17.33 mm (+0.011 mm)
	// CN 14    17.33 mm (+0.011 mm)
	// CH 14.5  17.35 mm (+0.025 mm)
	// IN 14    17.32 mm (-0.007 mm)
	// HK 15    17.32 mm (+0.000 mm)
	// ring size "US 7.3": 7.3 is not a quarter size; US sizes run from 0 to 16 in quarter steps
}

// ExampleNearest finds the UK size of a ring measured at 18.0 mm inside.
func ExampleNearest() {
	s, errMM, ok := ring.Nearest(ring.UK, 18.0)
	fmt.Println(s, ok)
	fmt.Printf("%.2f mm, %+.2f mm from 18.0\n", s.DiameterMM, errMM)
	// Output:
	// UK P true
	// 17.90 mm, -0.10 mm from 18.0
}
