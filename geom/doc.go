// Package geom is mandrel's geometry kernel: indexed triangle meshes, models made
// of named parts, 2D polygons and their triangulation, builders (sweep, revolve,
// extrude, tube), checks and measures.
//
// # Conventions
//
// Units are millimetres for every length and every mesh coordinate. Public
// parameters give angles in degrees; the kernel works in radians internally.
// Axes are right-handed with Z up; a viewer in front stands at −Y looking toward
// +Y. Triangles wind counter-clockwise seen from outside the solid, so the
// right-hand normal (b−a)×(c−a) points outward and a closed mesh has positive
// signed volume.
//
// Curved surfaces are tessellated by a [Tolerance]: a maximum chord error in
// millimetres and a maximum angle per segment, never a segment count, so a
// 0.8 mm prong and a 20 mm band get the same accuracy.
//
// # Errors
//
// Builders return an error, never panic, on any parameter: invalid geometry
// wraps [ErrInvalid], and a request that would exceed the triangle budget wraps
// [ErrBudget] before anything large is allocated. Index misuse of a [Mesh]
// (a triangle naming a vertex that does not exist) is reported by [Mesh.Check].
// Library code never prints.
package geom
