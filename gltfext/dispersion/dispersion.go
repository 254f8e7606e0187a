// Package dispersion implements the glTF extension KHR_materials_dispersion,
// the spread of the refractive index over the visible spectrum that splits
// white light into colours in a gem (KhronosGroup/glTF
// extensions/2.0/Khronos/KHR_materials_dispersion). It builds on
// KHR_materials_volume. Register it with gltfext.Register.
package dispersion

import (
	"encoding/json"
	"fmt"
	"math"
)

// ExtensionName is the extension's key in a material's extensions object.
const ExtensionName = "KHR_materials_dispersion"

// Dispersion is the KHR_materials_dispersion object of a material.
type Dispersion struct {
	// Dispersion is 20 divided by the Abbe number V_d = (n_d − 1)/(n_F − n_C)
	// (dimensionless): diamond 0.36 (Abbe 55), crown glass 0.33. It is not
	// the gemmological B–G dispersion. Default 0, meaning no dispersion;
	// any value ≥ 0 is valid, 0..1 is the realistic range.
	Dispersion float64 `json:"dispersion,omitempty"`
}

// FromAbbe returns the extension value for an Abbe number: 20/abbe, or 0 for
// an Abbe number that is not positive and finite.
func FromAbbe(abbe float64) float64 {
	if !(abbe > 0) || math.IsInf(abbe, 0) {
		return 0
	}
	return 20 / abbe
}

// Validate reports whether the object obeys the extension's schema:
// dispersion ≥ 0 and finite.
func (e *Dispersion) Validate() error {
	if d := e.Dispersion; !(d >= 0) || math.IsInf(d, 0) {
		return fmt.Errorf("%s: dispersion %g: allowed 0 and above", ExtensionName, d)
	}
	return nil
}

// Unmarshal decodes an extension object; it is the function gltfext.Register
// gives gltf.RegisterExtension.
func Unmarshal(data []byte) (any, error) {
	e := new(Dispersion)
	err := json.Unmarshal(data, e)
	return e, err
}

// UnmarshalJSON decodes the object; an absent property keeps its default (0).
func (e *Dispersion) UnmarshalJSON(data []byte) error {
	type alias Dispersion
	var tmp alias
	if err := json.Unmarshal(data, &tmp); err != nil {
		return err
	}
	*e = Dispersion(tmp)
	return nil
}

// MarshalJSON encodes the object, leaving out a property equal to its default.
func (e Dispersion) MarshalJSON() ([]byte, error) {
	type alias Dispersion
	return json.Marshal(alias(e))
}
