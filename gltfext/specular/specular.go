// Package specular implements the glTF extension KHR_materials_specular, the
// strength and colour of the specular reflection of non-metals
// (KhronosGroup/glTF extensions/2.0/Khronos/KHR_materials_specular). It is not
// KHR_materials_pbrSpecularGlossiness, which qmuntal/gltf's ext/specular
// implements. Register it with gltfext.Register.
package specular

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/qmuntal/gltf"
)

// ExtensionName is the extension's key in a material's extensions object.
const ExtensionName = "KHR_materials_specular"

// Defaults of the extension's properties.
const DefaultFactor = 1.0

// DefaultColorFactor is the specular colour glTF assumes when the property is
// absent: white.
var DefaultColorFactor = [3]float64{1, 1, 1}

// Specular is the KHR_materials_specular object of a material.
type Specular struct {
	// SpecularFactor scales the specular reflection of non-metals, 0..1; nil
	// means DefaultFactor (1).
	SpecularFactor *float64 `json:"specularFactor,omitempty"`
	// SpecularTexture multiplies SpecularFactor by its alpha channel; nil
	// means none.
	SpecularTexture *gltf.TextureInfo `json:"specularTexture,omitempty"`
	// SpecularColorFactor is the linear-RGB F0 tint of the specular
	// reflection (components ≥ 0); nil means DefaultColorFactor (white).
	SpecularColorFactor *[3]float64 `json:"specularColorFactor,omitempty"`
	// SpecularColorTexture multiplies SpecularColorFactor by its RGB (sRGB
	// encoded); nil means none.
	SpecularColorTexture *gltf.TextureInfo `json:"specularColorTexture,omitempty"`
}

// FactorOrDefault returns SpecularFactor, or DefaultFactor when unset.
func (e *Specular) FactorOrDefault() float64 {
	if e == nil || e.SpecularFactor == nil {
		return DefaultFactor
	}
	return *e.SpecularFactor
}

// ColorFactorOrDefault returns SpecularColorFactor, or DefaultColorFactor.
func (e *Specular) ColorFactorOrDefault() [3]float64 {
	if e == nil || e.SpecularColorFactor == nil {
		return DefaultColorFactor
	}
	return *e.SpecularColorFactor
}

// Validate reports whether the object obeys the extension's schema:
// specularFactor within 0..1 and colour components ≥ 0.
func (e *Specular) Validate() error {
	if f := e.FactorOrDefault(); !(f >= 0 && f <= 1) {
		return fmt.Errorf("%s: specularFactor %g: allowed 0 to 1", ExtensionName, f)
	}
	for i, c := range e.ColorFactorOrDefault() {
		if !(c >= 0) || math.IsInf(c, 0) {
			return fmt.Errorf("%s: specularColorFactor[%d] %g: allowed 0 and above", ExtensionName, i, c)
		}
	}
	return nil
}

// Unmarshal decodes an extension object; it is the function gltfext.Register
// gives gltf.RegisterExtension.
func Unmarshal(data []byte) (any, error) {
	e := new(Specular)
	err := json.Unmarshal(data, e)
	return e, err
}

// UnmarshalJSON decodes the object and fills the spec defaults of absent
// properties.
func (e *Specular) UnmarshalJSON(data []byte) error {
	type alias Specular
	f, c := DefaultFactor, DefaultColorFactor
	tmp := alias{SpecularFactor: &f, SpecularColorFactor: &c}
	if err := json.Unmarshal(data, &tmp); err != nil {
		return err
	}
	*e = Specular(tmp)
	return nil
}

// MarshalJSON encodes the object, leaving out properties equal to their
// defaults.
func (e Specular) MarshalJSON() ([]byte, error) {
	type alias Specular
	tmp := alias(e)
	if tmp.SpecularFactor != nil && *tmp.SpecularFactor == DefaultFactor {
		tmp.SpecularFactor = nil
	}
	if tmp.SpecularColorFactor != nil && *tmp.SpecularColorFactor == DefaultColorFactor {
		tmp.SpecularColorFactor = nil
	}
	return json.Marshal(tmp)
}
