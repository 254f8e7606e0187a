// Package export writes any geom.Model to the file formats printers, slicers,
// viewers and AR apps read, each to an io.Writer:
//
//   - STL ([WriteSTL], [ReadSTL]): binary (default) or ASCII, in
//     millimetres, one solid holding the selected parts.
//   - glTF binary ([WriteGLB], [ReadGLB]): in metres, Y up, one node and one
//     mesh per part named as the part, PBR metals and gems with the
//     KHR_materials_transmission, _ior, _volume, _dispersion and _specular
//     extensions (see package gltfext).
//
// # Conventions
//
// mandrel models are in millimetres, right-handed, Z up. STL keeps those
// coordinates. glTF is specified in metres with Y up, so GLB output maps a
// point (x, y, z) mm to (x, z, −y)/1000 m, a proper rotation that keeps
// triangle winding; ReadGLB maps it back.
//
// Output is deterministic: the same model and options give the same bytes.
//
// # Errors
//
// Writers check the whole model before writing a byte: a triangle naming a
// missing vertex, a non-finite coordinate, or a model with nothing to write
// returns an error wrapping [ErrInvalid] that names the part and the index.
// Readers treat their input as untrusted: sizes claimed by a file are checked
// against the bytes present before anything is allocated, and the triangle
// count is bounded by geom.DefaultMaxTriangles. Nothing panics, nothing
// prints.
package export
