package gltfext

import (
	"sync"

	"github.com/qmuntal/gltf"

	"github.com/mandrel3d/mandrel/gltfext/dispersion"
	"github.com/mandrel3d/mandrel/gltfext/ior"
	"github.com/mandrel3d/mandrel/gltfext/specular"
	"github.com/mandrel3d/mandrel/gltfext/transmission"
	"github.com/mandrel3d/mandrel/gltfext/volume"
)

var once sync.Once

// Register registers the five material extensions with gltf.RegisterExtension,
// so that a gltf.Decoder decodes them into *ior.IOR, *transmission.Transmission,
// *volume.Volume, *dispersion.Dispersion and *specular.Specular. It is safe to
// call many times and from many goroutines; only the first call registers.
func Register() {
	once.Do(func() {
		gltf.RegisterExtension(ior.ExtensionName, ior.Unmarshal)
		gltf.RegisterExtension(transmission.ExtensionName, transmission.Unmarshal)
		gltf.RegisterExtension(volume.ExtensionName, volume.Unmarshal)
		gltf.RegisterExtension(dispersion.ExtensionName, dispersion.Unmarshal)
		gltf.RegisterExtension(specular.ExtensionName, specular.Unmarshal)
	})
}

// Names returns the names of the extensions Register registers, sorted.
func Names() []string {
	return []string{
		dispersion.ExtensionName,
		ior.ExtensionName,
		specular.ExtensionName,
		transmission.ExtensionName,
		volume.ExtensionName,
	}
}
