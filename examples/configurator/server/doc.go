// Package server is the configurator's back end: a net/http handler that
// serves the web page, model-viewer's bundle, a JSON build API and the built
// files, safe under untrusted input and many shoppers at once.
//
// Routes:
//
//	GET  /                       the page (form, <model-viewer ar>, PNG preview)
//	GET  /model-viewer.min.js    @google/model-viewer's bundle, from Config.ModelViewerDir
//	GET  /api/options            the choices the form offers (metals, profiles, …)
//	POST /api/build              a spec (SPEC.md) → {id, report, glb, png}
//	GET  /files/ID.glb           the model, glTF binary, metres, Y up
//	GET  /files/ID.png           the preview, rendered on first request
//
// ID is a hash of the normalised spec (the spec parsed and marshalled again,
// so spacing and field order do not matter) and of the library's build, so
// files are immutable: they are answered with an ETag and
// "Cache-Control: public, max-age=31536000, immutable", and kept in a
// byte-bounded LRU cache.
//
// Limits (Config): a body limit, a server minimum of the spec's tolerance_mm,
// caps on engravings, stones and chain length checked before any work, a
// triangle cap checked on the built model, a time limit per request that
// cancels the build and the render, and a semaphore on concurrent builds
// (503 with Retry-After when the queue is full). The server never opens a
// path named by a request: engraving fonts come from the built-in
// allow-list and images are refused unless sent as data.
//
// Invalid specs are answered 400 with {"error": message, "field": name}.
package server
