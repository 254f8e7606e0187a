// Package mandrel is the façade of mandrel, a pure-Go parametric CAD and render
// engine for jewellery: a JSON [Spec] (rings, pendants, chains, bracelets, with
// stones and engravings) becomes a [geom.Model] of named, closed parts and a
// [Report] of figures measured on that model.
//
//	spec, err := mandrel.ParseSpec(r)          // unknown fields are an error
//	model, report, err := mandrel.Build(ctx, spec)
//	err = export.WriteSTL(w, model, nil)         // millimetres
//	err = export.WriteGLB(w, model, nil)         // metres, Y up, PBR
//
// Units are millimetres; angles are degrees. The spec is the contract of
// SPEC.md; the conventions (axes, origins, part names) are those of DESIGN.md.
// Build is safe for concurrent use and never panics on any spec.
package mandrel
