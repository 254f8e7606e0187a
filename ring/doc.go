// Package ring builds parametric finger rings: sizes in every standard, band
// profiles, taper toward the palm, and (with package gem) stones and heads.
//
// # Frame
//
// A ring's origin is the centre of the finger hole. The finger axis is Y (the
// finger points toward +Y), the top of the ring, where a centre stone sits, is
// +Z, and the palm side is −Z. Lengths are millimetres; angles are degrees in
// parameters.
//
// # Accuracy
//
// The band is swept around the finger axis with a station count set by the
// chord tolerance. The stations are placed so that the finger hole's
// polygon circumscribes the nominal circle: the smallest distance of the mesh
// from the finger axis is the size's radius exactly (to rounding), never the
// chord error less, so a ring made to "US 7" admits a 17.32 mm mandrel.
package ring
