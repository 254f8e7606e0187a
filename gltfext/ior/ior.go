// Package ior implements the glTF extension KHR_materials_ior, which sets a
// material's index of refraction (KhronosGroup/glTF
// extensions/2.0/Khronos/KHR_materials_ior). Register it with
// gltfext.Register.
package ior

import (
	"encoding/json"
	"fmt"
	"math"
)

// ExtensionName is the extension's key in a material's extensions object.
const ExtensionName = "KHR_materials_ior"

// Default is the index of refraction glTF assumes when the extension or its
// ior property is absent (glass, F0 = 0.04).
const Default = 1.5

// IOR is the KHR_materials_ior object of a material.
type IOR struct {
	// IOR is the index of refraction (dimensionless): 1 or more, or 0 (a
	// value the spec allows for a purely specular surface). nil means
	// Default.
	IOR *float64 `json:"ior,omitempty"`
}

// Value returns the index of refraction, Default when unset.
func (e *IOR) Value() float64 {
	if e == nil || e.IOR == nil {
		return Default
	}
	return *e.IOR
}

// Validate reports whether the object obeys the extension's schema: ior is 0
// or at least 1 (and finite).
func (e *IOR) Validate() error {
	if v := e.Value(); !(v == 0 || v >= 1) || math.IsInf(v, 0) {
		return fmt.Errorf("%s: ior %g: allowed 0, or 1 and above", ExtensionName, v)
	}
	return nil
}

// Unmarshal decodes an extension object; it is the function gltfext.Register
// gives gltf.RegisterExtension.
func Unmarshal(data []byte) (any, error) {
	e := new(IOR)
	err := json.Unmarshal(data, e)
	return e, err
}

// UnmarshalJSON decodes the object and fills the spec default of an absent
// property.
func (e *IOR) UnmarshalJSON(data []byte) error {
	type alias IOR
	tmp := alias{IOR: ptr(Default)}
	if err := json.Unmarshal(data, &tmp); err != nil {
		return err
	}
	*e = IOR(tmp)
	return nil
}

// MarshalJSON encodes the object, leaving out a property equal to its default.
func (e IOR) MarshalJSON() ([]byte, error) {
	type alias IOR
	tmp := alias(e)
	if tmp.IOR != nil && *tmp.IOR == Default {
		tmp.IOR = nil
	}
	return json.Marshal(tmp)
}

func ptr(v float64) *float64 { return &v }
