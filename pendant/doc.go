// Package pendant builds pendants: an outline (disc, oval, heart, teardrop,
// bar or a custom polyline), a thickness, an edge profile (flat, round,
// bevel), a domed front, a bail sized by the chain it takes, and a
// bezel-set stone on the front (from package gem).
//
// # Frame
//
// A pendant's origin is the centre of its bail hole, the pivot it hangs
// from; its front faces −Y (toward the viewer) and it hangs down −Z, its
// width along X. The chain runs along X through the bail. Lengths are
// millimetres, angles degrees.
//
// # Balance
//
// Build reports the centre of mass of all parts (metal and stone, each at
// its own density) and the angles at which the pendant hangs from the
// pivot: HangAngleDeg in its own plane (0 for a symmetric outline) and
// TiltDeg forward (a stone on the front pulls the bottom forward).
//
// # Engraving
//
// The front and back faces are built as structured grids of square cells
// (at most MaxFaceSpacingMM) inside a triangulated strip along the rim and
// round the stone's opening and bezel; Result.Front.Grid and
// Result.Back.Grid expose them as geom.Patch, and Params.Engravings are cut
// into them with geom.CutPatch before the balance is measured. Each face's
// (u, v) is u to the right and v up as seen looking at that face (the back
// from behind), so a region reads correctly from its own side.
package pendant
