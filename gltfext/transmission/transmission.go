// Package transmission implements the glTF extension
// KHR_materials_transmission, the share of light that passes through a
// material's surface (KhronosGroup/glTF
// extensions/2.0/Khronos/KHR_materials_transmission). Register it with
// gltfext.Register.
package transmission

import (
	"encoding/json"
	"fmt"

	"github.com/qmuntal/gltf"
)

// ExtensionName is the extension's key in a material's extensions object.
const ExtensionName = "KHR_materials_transmission"

// Transmission is the KHR_materials_transmission object of a material. Every
// spec default is Go's zero, so no field is a pointer.
type Transmission struct {
	// TransmissionFactor is the fraction, 0..1, of the light that enters the
	// surface (is not specularly reflected) and is transmitted rather than
	// diffusely re-emitted. Default 0.
	TransmissionFactor float64 `json:"transmissionFactor,omitempty"`
	// TransmissionTexture multiplies TransmissionFactor by its R channel
	// (linear); nil means none.
	TransmissionTexture *gltf.TextureInfo `json:"transmissionTexture,omitempty"`
}

// Validate reports whether the object obeys the extension's schema:
// transmissionFactor within 0..1.
func (e *Transmission) Validate() error {
	if f := e.TransmissionFactor; !(f >= 0 && f <= 1) {
		return fmt.Errorf("%s: transmissionFactor %g: allowed 0 to 1", ExtensionName, f)
	}
	return nil
}

// Unmarshal decodes an extension object; it is the function gltfext.Register
// gives gltf.RegisterExtension.
func Unmarshal(data []byte) (any, error) {
	e := new(Transmission)
	err := json.Unmarshal(data, e)
	return e, err
}

// UnmarshalJSON decodes the object; absent properties keep their defaults
// (zero).
func (e *Transmission) UnmarshalJSON(data []byte) error {
	type alias Transmission
	var tmp alias
	if err := json.Unmarshal(data, &tmp); err != nil {
		return err
	}
	*e = Transmission(tmp)
	return nil
}

// MarshalJSON encodes the object, leaving out properties equal to their
// defaults.
func (e Transmission) MarshalJSON() ([]byte, error) {
	type alias Transmission
	return json.Marshal(alias(e))
}
