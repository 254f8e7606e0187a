// Package render is mandrel's pure-Go software renderer: it turns any
// geom.Model into a product-shot PNG without a GPU, fast enough to run per
// request.
//
// # Pipeline
//
// A [Camera] (perspective, look-at) frames the model's bounds with a margin
// from one of the named views ([ViewFront], [ViewTop], [ViewSide],
// [ViewThreeQuarter]). Triangles are projected, back faces culled, the rest
// clipped against the near plane and a guard band, snapped to 1/256 of a
// sample and binned into square tiles. Each tile is rasterised (integer edge
// functions, top-left fill rule, a depth buffer of 1/depth) and shaded by one
// goroutine at a time, so the image is the same, byte for byte, whatever the
// number of cores: no value is ever summed across goroutines.
//
// Anti-aliasing is ordered-grid supersampling ([Options].SSAA samples per
// pixel). Shading runs once per pixel per distinct triangle covering it, at
// the centroid of that triangle's samples, and is weighted by its coverage.
// Surface attributes are interpolated exactly (perspective-correct) by
// intersecting the sample's view ray with the triangle.
//
// # Shading
//
// Metals are GGX microfacet mirrors with Schlick Fresnel from the metal's
// colour (the split-sum approximation), lit by a procedural studio (soft
// boxes over a grey gradient) pre-filtered by roughness and attached to the
// camera, the way a photographer's lights stay put while the piece turns.
// Gems are traced inside the stone's own mesh: Fresnel reflection and
// refraction at every face, total internal reflection, absorption, a few
// bounces, and dispersion where light leaves the stone. A soft contact
// shadow falls on the ground under the model. Colours are tone mapped with
// the Khronos PBR Neutral operator and written in sRGB.
//
// # Units and axes
//
// Model coordinates are millimetres, Z up, right-handed; the front view
// stands at −Y looking toward +Y. Angles in options are degrees. Image
// coordinates are pixels, x to the right, y down, origin at the top-left
// corner, pixel centres at half-integers.
//
// # Errors and concurrency
//
// Bad options return an error wrapping [ErrOptions] that names the field, the
// value and the allowed range; an empty model or a non-finite vertex returns
// an error wrapping [ErrModel]. Render never panics on any model, checks its
// context between tiles and is safe to call from many goroutines at once.
// Library code never prints.
package render
