package geom

import (
	"fmt"
	"sort"
	"strings"
)

// MaterialKind tells metals from gems.
type MaterialKind int

// Material kinds.
const (
	KindMetal MaterialKind = iota // opaque, metallic PBR
	KindGem                       // transparent dielectric with optics
)

// Material is what a part is made of: its density for weight and its optical
// values for export and render. Colours are linear RGB in 0..1.
type Material struct {
	Name string       // stable name: "18k-yellow", "diamond"
	Kind MaterialKind // metal or gem
	// DensityGCM3 is the density in g/cm³ (= mg/mm³).
	DensityGCM3 float64
	// BaseColor is the linear-RGB base colour (metals: the F0 reflectance).
	BaseColor [3]float64
	// Metallic is the glTF metallic factor, 0..1 (1 for metals, 0 for gems).
	Metallic float64
	// Roughness is the GGX roughness, 0 (mirror) .. 1.
	Roughness float64
	// IOR is the refractive index (gems; 0 = not set, glTF default 1.5).
	IOR float64
	// Transmission is the fraction of light transmitted, 0..1 (gems).
	Transmission float64
	// Dispersion is glTF KHR_materials_dispersion: 20/Abbe number (diamond 0.36).
	Dispersion float64
	// AttenuationColor is the colour white light takes after travelling
	// AttenuationDistanceMM inside the gem (linear RGB); zero means colourless.
	AttenuationColor [3]float64
	// AttenuationDistanceMM is the distance in mm over which light takes
	// AttenuationColor; 0 means no absorption.
	AttenuationDistanceMM float64
}

// WeightG returns the weight in grams of volumeMM3 cubic millimetres of the
// material (1 cm³ = 1000 mm³).
func (m Material) WeightG(volumeMM3 float64) float64 { return volumeMM3 * m.DensityGCM3 / 1000 }

// Metal colours (linear RGB). Pure metals are the measured values of
// physicallybased.info (CC0), gold's red clamped to 1; gold alloys use the
// Free_Jewels artist presets converted from sRGB8 (REFERENCE.md §4). No
// measured data exists for 14k, 10k and 9k alloys: they share the 18k colour of
// their family.
var (
	colorGold      = [3]float64{1.000, 0.773, 0.307}
	colorYellow18  = [3]float64{0.896, 0.745, 0.381}
	colorWhite18   = [3]float64{0.791, 0.784, 0.784}
	colorRose18    = [3]float64{1.000, 0.546, 0.352}
	colorSilver    = [3]float64{0.991, 0.985, 0.974}
	colorPlatinum  = [3]float64{0.765, 0.730, 0.676}
	colorPalladium = [3]float64{0.734, 0.704, 0.662}
	colorTitanium  = [3]float64{0.441, 0.400, 0.361}
	colorSteel     = [3]float64{0.669, 0.639, 0.598}
)

// polishedRoughness is the GGX roughness of a polished jewellery finish.
const polishedRoughness = 0.12

func metal(name string, density float64, color [3]float64) Material {
	return Material{Name: name, Kind: KindMetal, DensityGCM3: density, BaseColor: color, Metallic: 1, Roughness: polishedRoughness}
}

// metals holds every alloy of SPEC.md with its density (g/cm³, REFERENCE.md §4,
// from JewelCraft's weighting tables; white golds are the palladium alloys).
var metals = map[string]Material{
	"24k":           metal("24k", 19.32, colorGold),
	"22k-yellow":    metal("22k-yellow", 17.86, colorGold),
	"18k-yellow":    metal("18k-yellow", 15.53, colorYellow18),
	"18k-white":     metal("18k-white", 15.66, colorWhite18),
	"18k-rose":      metal("18k-rose", 15.02, colorRose18),
	"14k-yellow":    metal("14k-yellow", 13.05, colorYellow18),
	"14k-white":     metal("14k-white", 14.60, colorWhite18),
	"14k-rose":      metal("14k-rose", 13.03, colorRose18),
	"10k-yellow":    metal("10k-yellow", 11.47, colorYellow18),
	"10k-white":     metal("10k-white", 10.99, colorWhite18),
	"10k-rose":      metal("10k-rose", 11.52, colorRose18),
	"9k-yellow":     metal("9k-yellow", 11.74, colorYellow18),
	"925-silver":    metal("925-silver", 10.36, colorSilver),
	"950-platinum":  metal("950-platinum", 20.70, colorPlatinum),
	"950-palladium": metal("950-palladium", 12.16, colorPalladium),
	"titanium":      metal("titanium", 4.43, colorTitanium),
	"316l-steel":    metal("316l-steel", 7.99, colorSteel),
}

// DefaultMetal is the metal used when a spec names none.
const DefaultMetal = "18k-yellow"

// Metal returns the named metal (case-insensitive), or an error listing the
// names that exist.
func Metal(name string) (Material, error) {
	m, ok := metals[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return Material{}, fmt.Errorf("%w: metal %q: allowed %s", ErrInvalid, name, strings.Join(MetalNames(), ", "))
	}
	return m, nil
}

// MetalNames returns the names of every metal, sorted.
func MetalNames() []string {
	names := make([]string, 0, len(metals))
	for n := range metals {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
