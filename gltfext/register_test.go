package gltfext_test

import (
	"bytes"
	"testing"

	"github.com/qmuntal/gltf"

	"github.com/mandrel3d/mandrel/gltfext"
	"github.com/mandrel3d/mandrel/gltfext/dispersion"
	"github.com/mandrel3d/mandrel/gltfext/ior"
	"github.com/mandrel3d/mandrel/gltfext/specular"
	"github.com/mandrel3d/mandrel/gltfext/transmission"
	"github.com/mandrel3d/mandrel/gltfext/volume"
)

// TestRegisterDecodesTyped checks that after Register a gltf.Decoder turns each
// extension object of a material into its typed value, with defaults filled.
func TestRegisterDecodesTyped(t *testing.T) {
	gltfext.Register()
	gltfext.Register() // a second call is harmless
	doc := `{"asset":{"version":"2.0"},"materials":[{"name":"diamond","extensions":{
		"KHR_materials_ior":{"ior":2.42},
		"KHR_materials_transmission":{"transmissionFactor":1},
		"KHR_materials_volume":{"thicknessFactor":0.002},
		"KHR_materials_dispersion":{"dispersion":0.36},
		"KHR_materials_specular":{}}}]}`
	var d gltf.Document
	if err := gltf.NewDecoder(bytes.NewReader([]byte(doc))).Decode(&d); err != nil {
		t.Fatal(err)
	}
	ext := d.Materials[0].Extensions
	if got := ext[ior.ExtensionName].(*ior.IOR).Value(); got != 2.42 {
		t.Errorf("ior = %g, want 2.42", got)
	}
	if got := ext[transmission.ExtensionName].(*transmission.Transmission).TransmissionFactor; got != 1 {
		t.Errorf("transmission = %g, want 1", got)
	}
	v := ext[volume.ExtensionName].(*volume.Volume)
	if v.ThicknessFactor != 0.002 || v.AttenuationColorOrDefault() != [3]float64{1, 1, 1} {
		t.Errorf("volume = %+v", v)
	}
	if got := ext[dispersion.ExtensionName].(*dispersion.Dispersion).Dispersion; got != 0.36 {
		t.Errorf("dispersion = %g, want 0.36", got)
	}
	if got := ext[specular.ExtensionName].(*specular.Specular).FactorOrDefault(); got != 1 {
		t.Errorf("specular factor = %g, want 1", got)
	}
	if n := len(gltfext.Names()); n != 5 {
		t.Errorf("Names has %d entries, want 5", n)
	}
}
