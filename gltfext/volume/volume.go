// Package volume implements the glTF extension KHR_materials_volume, which
// turns a closed mesh into the boundary of a homogeneous medium that refracts
// and absorbs light (KhronosGroup/glTF
// extensions/2.0/Khronos/KHR_materials_volume). Register it with
// gltfext.Register.
package volume

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/qmuntal/gltf"
)

// ExtensionName is the extension's key in a material's extensions object.
const ExtensionName = "KHR_materials_volume"

// DefaultAttenuationColor is the attenuation colour glTF assumes when the
// property is absent: white, no absorption.
var DefaultAttenuationColor = [3]float64{1, 1, 1}

// Volume is the KHR_materials_volume object of a material.
type Volume struct {
	// ThicknessFactor is the thickness of the volume beneath the surface in
	// metres, in the coordinate system of the mesh's node; 0 (the default)
	// makes the material thin-walled. ≥ 0.
	ThicknessFactor float64 `json:"thicknessFactor,omitempty"`
	// ThicknessTexture multiplies ThicknessFactor by its G channel; nil means
	// none.
	ThicknessTexture *gltf.TextureInfo `json:"thicknessTexture,omitempty"`
	// AttenuationDistance is the average distance in metres (world space)
	// light travels in the medium before it takes AttenuationColor. nil means
	// infinite: no absorption. > 0 when set.
	AttenuationDistance *float64 `json:"attenuationDistance,omitempty"`
	// AttenuationColor is the linear-RGB colour white light turns into after
	// AttenuationDistance. nil means DefaultAttenuationColor.
	AttenuationColor *[3]float64 `json:"attenuationColor,omitempty"`
}

// AttenuationColorOrDefault returns AttenuationColor, or the default white.
func (e *Volume) AttenuationColorOrDefault() [3]float64 {
	if e == nil || e.AttenuationColor == nil {
		return DefaultAttenuationColor
	}
	return *e.AttenuationColor
}

// AttenuationDistanceOrDefault returns AttenuationDistance in metres, or +Inf
// when it is unset.
func (e *Volume) AttenuationDistanceOrDefault() float64 {
	if e == nil || e.AttenuationDistance == nil {
		return math.Inf(1)
	}
	return *e.AttenuationDistance
}

// Validate reports whether the object obeys the extension's schema:
// thicknessFactor ≥ 0, attenuationDistance > 0 when set, colour components
// ≥ 0.
func (e *Volume) Validate() error {
	if t := e.ThicknessFactor; !(t >= 0) || math.IsInf(t, 0) {
		return fmt.Errorf("%s: thicknessFactor %g m: allowed 0 and above", ExtensionName, t)
	}
	if e.AttenuationDistance != nil {
		if d := *e.AttenuationDistance; !(d > 0) {
			return fmt.Errorf("%s: attenuationDistance %g m: allowed above 0", ExtensionName, d)
		}
	}
	for i, c := range e.AttenuationColorOrDefault() {
		if !(c >= 0) || math.IsInf(c, 0) {
			return fmt.Errorf("%s: attenuationColor[%d] %g: allowed 0 and above", ExtensionName, i, c)
		}
	}
	return nil
}

// Unmarshal decodes an extension object; it is the function gltfext.Register
// gives gltf.RegisterExtension.
func Unmarshal(data []byte) (any, error) {
	e := new(Volume)
	err := json.Unmarshal(data, e)
	return e, err
}

// UnmarshalJSON decodes the object and fills the spec default of an absent
// attenuationColor. An absent attenuationDistance stays nil (infinite).
func (e *Volume) UnmarshalJSON(data []byte) error {
	type alias Volume
	c := DefaultAttenuationColor
	tmp := alias{AttenuationColor: &c}
	if err := json.Unmarshal(data, &tmp); err != nil {
		return err
	}
	*e = Volume(tmp)
	return nil
}

// MarshalJSON encodes the object, leaving out properties equal to their
// defaults.
func (e Volume) MarshalJSON() ([]byte, error) {
	type alias Volume
	tmp := alias(e)
	if tmp.AttenuationColor != nil && *tmp.AttenuationColor == DefaultAttenuationColor {
		tmp.AttenuationColor = nil
	}
	return json.Marshal(tmp)
}
