module github.com/mandrel3d/mandrel

go 1.26

require (
	github.com/fogleman/gg v1.3.0
	github.com/go-gl/mathgl v1.2.0
	github.com/go-text/typesetting v0.3.5
	github.com/golang/freetype v0.0.0-20170609003504-e2365dfdc4a0
	github.com/hschendel/stl v1.0.4
	github.com/qmuntal/gltf v0.29.0
	golang.org/x/image v0.25.0
)
