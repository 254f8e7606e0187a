package engrave_test

import (
	"fmt"

	"github.com/mandrel3d/mandrel/engrave"
)

// Lay out the engraving of SPEC.md's example ring and measure it.
func ExampleText_Layout() {
	l, err := engrave.Text{Text: "FOREVER 2026", CapHeightMM: 1.5}.Layout()
	if err != nil {
		fmt.Println(err)
		return
	}
	f := engrave.Measure(l.Region)
	fmt.Printf("%d glyphs, baseline at y = %.2f mm, advance %.1f mm\n", len(l.Lines[0].Glyphs), l.Lines[0].BaselineY, l.AdvanceMM)
	fmt.Printf("area %.1f mm², thinnest stroke %.2f mm, thinner than %.1f mm: %v\n", f.AreaMM2, f.SmallestFeatureMM, engrave.MinFeatureWarnMM, f.Thin())
	// Output:
	// 12 glyphs, baseline at y = -0.75 mm, advance 15.2 mm
	// area 7.5 mm², thinnest stroke 0.10 mm, thinner than 0.3 mm: true
}

// A font the text needs but no shipped font has is an error listing it.
func ExampleMissingGlyphsError() {
	_, err := engrave.Text{Text: "愛 love", CapHeightMM: 2}.Layout()
	fmt.Println(err)
	// Output:
	// engrave: text: font "sans" and its fallbacks lack glyphs for U+611B '愛': allowed Latin, Greek, Cyrillic, Hebrew, Arabic and Devanagari letters, digits and common symbols, or a font file that has these characters
}
