// Package link builds chain links, chains of interlocked links along a path,
// and modular bracelets of plates joined by hinge rings, all printable in
// place with a measured clearance between neighbouring parts.
//
// # Frame
//
// A link's origin is its centre; it lies in the XY plane with its long axis
// along X (a twisted curb link is symmetric about that plane). Chains and
// bracelets are built in place: a closed chain on the Circle path lies in the
// XY plane around the origin, a Necklace hangs in the XZ plane facing the
// viewer at −Y, a Straight chain runs along X centred at the origin, and a
// bracelet's wrist axis is Y (as a ring's finger axis). Lengths are
// millimetres, angles degrees.
//
// # Interlocking and clearance
//
// Neighbouring links meet end to end, their end arcs passing through each
// other's opening. The centre distance of two links is set so that the gap
// between their wires is at least the print-in-place clearance
// (REFERENCE.md §5: 0.4 mm); the gap between every pair of parts whose
// boxes come that close is then measured on the meshes with the kernel's
// BVH (geom.MinDistance), and parts that touch are an error.
//
// # Errors
//
// Bad parameters return a *FieldError naming the field as the JSON spec
// does, its value and what is allowed; it wraps ErrParams. A chain longer
// than MaxChainMM or needing more than MaxLinks links is refused before any
// mesh is made. Building never panics.
package link
