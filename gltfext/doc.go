// Package gltfext adds the glTF material extensions that gemstones need to
// github.com/qmuntal/gltf, which ships none of them: KHR_materials_ior,
// KHR_materials_transmission, KHR_materials_volume, KHR_materials_dispersion
// and KHR_materials_specular. Each lives in its own small package (ior,
// transmission, volume, dispersion, specular) with an ExtensionName constant,
// a type whose pointer fields stand for values whose spec default is not Go's
// zero, an UnmarshalJSON that fills the spec defaults and a MarshalJSON that
// leaves them out.
//
// The packages do not register themselves. Call [Register] once (export does)
// so that gltf.Decoder turns these extension objects into the typed values
// instead of json.RawMessage.
//
// Units follow glTF: lengths (volume thickness, attenuation distance) are in
// metres, colours are linear RGB.
package gltfext
