package export

import (
	"math"

	"github.com/qmuntal/gltf"

	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/gltfext/dispersion"
	"github.com/mandrel3d/mandrel/gltfext/ior"
	"github.com/mandrel3d/mandrel/gltfext/specular"
	"github.com/mandrel3d/mandrel/gltfext/transmission"
	"github.com/mandrel3d/mandrel/gltfext/volume"
)

// checkMaterial returns an error naming the part, the material and the field
// when an optical value is not a finite number.
func checkMaterial(part string, m geom.Material) error {
	vals := []struct {
		name string
		v    float64
	}{
		{"BaseColor[0]", m.BaseColor[0]}, {"BaseColor[1]", m.BaseColor[1]}, {"BaseColor[2]", m.BaseColor[2]},
		{"Metallic", m.Metallic}, {"Roughness", m.Roughness}, {"IOR", m.IOR},
		{"Transmission", m.Transmission}, {"Dispersion", m.Dispersion},
		{"AttenuationColor[0]", m.AttenuationColor[0]}, {"AttenuationColor[1]", m.AttenuationColor[1]},
		{"AttenuationColor[2]", m.AttenuationColor[2]}, {"AttenuationDistanceMM", m.AttenuationDistanceMM},
	}
	for _, f := range vals {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return invalidf("part %q material %q %s is %g: must be a finite number", part, m.Name, f.name, f.v)
		}
	}
	if m.IOR != 0 && m.IOR < 1 {
		return invalidf("part %q material %q IOR %g: allowed 0 (unset) or 1 and above", part, m.Name, m.IOR)
	}
	if m.Dispersion < 0 {
		return invalidf("part %q material %q Dispersion %g: allowed 0 and above", part, m.Name, m.Dispersion)
	}
	if m.AttenuationDistanceMM < 0 {
		return invalidf("part %q material %q AttenuationDistanceMM %g: allowed 0 (none) and above", part, m.Name, m.AttenuationDistanceMM)
	}
	return nil
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// gltfMaterial turns a mandrel material into a glTF material. Metals are
// metallic-roughness PBR. Gems (KindGem) add KHR_materials_transmission,
// KHR_materials_ior (when IOR is set), KHR_materials_volume with the given
// thickness in metres and the attenuation converted to metres,
// KHR_materials_dispersion (when Dispersion > 0) and KHR_materials_specular
// (at its defaults: a dielectric's F0 then follows from the ior alone). Gems
// are single-sided, since the validator warns about double-sided volumes.
// Colours, metallic and roughness are clamped to 0..1 as glTF requires. It
// returns the extension names the material uses.
func gltfMaterial(m geom.Material, thicknessM float64) (*gltf.Material, []string) {
	base := [4]float64{clamp01(m.BaseColor[0]), clamp01(m.BaseColor[1]), clamp01(m.BaseColor[2]), 1}
	out := &gltf.Material{
		Name: m.Name,
		PBRMetallicRoughness: &gltf.PBRMetallicRoughness{
			BaseColorFactor: &base,
			MetallicFactor:  gltf.Float(clamp01(m.Metallic)),
			RoughnessFactor: gltf.Float(clamp01(m.Roughness)),
		},
	}
	if m.Kind != geom.KindGem {
		return out, nil
	}
	ext := gltf.Extensions{}
	ext[transmission.ExtensionName] = &transmission.Transmission{TransmissionFactor: clamp01(m.Transmission)}
	if m.IOR > 0 {
		ext[ior.ExtensionName] = &ior.IOR{IOR: gltf.Float(m.IOR)}
	}
	vol := &volume.Volume{ThicknessFactor: thicknessM}
	if m.AttenuationDistanceMM > 0 {
		c := [3]float64{math.Max(0, m.AttenuationColor[0]), math.Max(0, m.AttenuationColor[1]), math.Max(0, m.AttenuationColor[2])}
		vol.AttenuationDistance = gltf.Float(m.AttenuationDistanceMM * metresPerMM)
		vol.AttenuationColor = &c
	}
	ext[volume.ExtensionName] = vol
	if m.Dispersion > 0 {
		ext[dispersion.ExtensionName] = &dispersion.Dispersion{Dispersion: m.Dispersion}
	}
	ext[specular.ExtensionName] = &specular.Specular{}
	out.Extensions = ext
	names := make([]string, 0, len(ext))
	for _, n := range []string{dispersion.ExtensionName, ior.ExtensionName, specular.ExtensionName, transmission.ExtensionName, volume.ExtensionName} {
		if _, ok := ext[n]; ok {
			names = append(names, n)
		}
	}
	return out, names
}
