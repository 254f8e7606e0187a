package gem

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mandrel3d/mandrel/geom"
)

// gemData is what a gem material is built from.
type gemData struct {
	density float64    // g/cm³
	ior     float64    // refractive index n_D
	bg      float64    // gemmological B–G dispersion (nG − nB)
	disp    float64    // glTF dispersion 20/Abbe when known; 0 = estimate from bg
	atten   [3]float64 // attenuation colour (linear RGB); zero = colourless
	distMM  float64    // attenuation distance, mm
}

// gems is the table of gem materials. Density, refractive index and B–G
// dispersion: REFERENCE.md §3 for diamond, corundum, beryl, moissanite and
// cubic zirconia (the Charles & Colvard chart; JewelCraft's densities);
// quartz, topaz, garnet (pyrope–almandine), peridot and zoisite from the
// standard gemmological tables (GIA Gem Reference Guide values), which the
// REFERENCE does not yet list. glTF dispersion is 20/Abbe (diamond 0.36,
// REFERENCE.md); for the others it is estimated as 20 · 0.57 · B–G / (n − 1),
// the rule REFERENCE.md derives from diamond (nF − nC ≈ 0.57 × B–G), which
// gives its moissanite 0.7, CZ 0.6 and corundum 0.27. Attenuation colours and
// distances are artistic estimates of a mid-tone stone a few mm thick, not
// measurements.
var gems = map[string]gemData{
	"diamond":        {density: 3.52, ior: 2.417, bg: 0.044, disp: 0.36},
	"moissanite":     {density: 3.21, ior: 2.65, bg: 0.104},
	"cubic-zirconia": {density: 5.9, ior: 2.15, bg: 0.060},
	"sapphire":       {density: 4.00, ior: 1.768, bg: 0.018, atten: [3]float64{0.10, 0.20, 0.85}, distMM: 2},
	"ruby":           {density: 4.00, ior: 1.768, bg: 0.018, atten: [3]float64{0.85, 0.05, 0.12}, distMM: 2},
	"emerald":        {density: 2.72, ior: 1.58, bg: 0.014, atten: [3]float64{0.10, 0.75, 0.30}, distMM: 2.5},
	"amethyst":       {density: 2.65, ior: 1.544, bg: 0.013, atten: [3]float64{0.55, 0.25, 0.80}, distMM: 3},
	"aquamarine":     {density: 2.72, ior: 1.577, bg: 0.014, atten: [3]float64{0.55, 0.85, 0.95}, distMM: 5},
	"topaz":          {density: 3.53, ior: 1.62, bg: 0.014, atten: [3]float64{0.40, 0.70, 0.95}, distMM: 4},
	"garnet":         {density: 3.9, ior: 1.76, bg: 0.024, atten: [3]float64{0.55, 0.04, 0.05}, distMM: 1.5},
	"peridot":        {density: 3.34, ior: 1.67, bg: 0.020, atten: [3]float64{0.55, 0.80, 0.15}, distMM: 3},
	"tanzanite":      {density: 3.35, ior: 1.70, bg: 0.021, atten: [3]float64{0.35, 0.30, 0.85}, distMM: 2.5},
}

// Material returns the named gem material (case-insensitive): KindGem,
// density in g/cm³, refractive index, transmission 1, glTF dispersion
// (20/Abbe), roughness 0, and for coloured stones the attenuation colour and
// distance. Unknown names are an error listing the names that exist.
func Material(name string) (geom.Material, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	d, ok := gems[key]
	if !ok {
		return geom.Material{}, fieldError("gem", fmt.Sprintf("%q", name), "allowed "+strings.Join(GemNames(), ", "))
	}
	disp := d.disp
	if disp == 0 {
		disp = 20 * 0.57 * d.bg / (d.ior - 1)
	}
	return geom.Material{
		Name: key, Kind: geom.KindGem, DensityGCM3: d.density,
		BaseColor: [3]float64{1, 1, 1}, IOR: d.ior, Transmission: 1, Dispersion: disp,
		AttenuationColor: d.atten, AttenuationDistanceMM: d.distMM,
	}, nil
}

// GemNames returns the names of every gem material, sorted.
func GemNames() []string {
	n := make([]string, 0, len(gems))
	for k := range gems {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
