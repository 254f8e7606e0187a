// Package gem makes gemstones and the metal that holds them: faceted stone
// meshes from proportion parameters, carat ⇄ size, gem materials, and settings
// (prong heads, bezels, halos, channels, galleries) with seat cutters.
//
// # The stone frame
//
// Every mesh this package returns is in the stone's own frame, millimetres:
// the stone is centred on the Z axis, the middle of its girdle (half-way
// between the girdle's top and bottom edges at the girdle points) lies in the
// plane z = 0, the table faces +Z and the culet points −Z. A stone's length
// runs along X and its width along Y; a pear's and a heart's point, and a
// trillion's first corner, face +X. A ring places a head by moving this frame
// to the top of the shank.
//
// # Facets
//
// Facets are exact planes: every vertex is computed as an intersection of the
// facet planes that meet there, so a facet's triangles share one plane to
// rounding error. The girdle is a polished band: its vertices lie on the
// outline (sampled within the chord tolerance) and its top and bottom edges
// follow the cuts of the crown and pavilion facets into it, as on a real stone.
// The trade's facet count (57 for a round brilliant, 58 with a culet) does not
// count the girdle; [FacetCount] counts the same way.
//
// # Errors
//
// Bad parameters return an error wrapping [ErrInvalid] that names the field,
// the value and the allowed range. Nothing panics on any input.
package gem
