package server

import (
	"bytes"
	"context"
	"image/color"
	"net/http"
	"strings"
	"time"

	"github.com/mandrel3d/mandrel"
	"github.com/mandrel3d/mandrel/render"
)

// immutable is the Cache-Control of content-addressed files: their address
// changes whenever their bytes could.
const immutable = "public, max-age=31536000, immutable"

// serveFile answers GET /files/ID.glb and /files/ID.png.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	id, ext, ok := strings.Cut(name, ".")
	if !ok || !isID(id) || (ext != "glb" && ext != "png") {
		writeError(w, http.StatusNotFound, "", "no such file: files are /files/ID.glb and /files/ID.png")
		return
	}
	e := s.cache.get(id)
	if e == nil {
		writeError(w, http.StatusNotFound, "", "unknown or expired id: POST the spec to /api/build again")
		return
	}
	var b []byte
	ctype := "model/gltf-binary"
	if ext == "glb" {
		b = e.glb
	} else {
		ctype = "image/png"
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
		defer cancel()
		var err error
		if b, err = s.preview(ctx, e); err != nil {
			s.fail(w, err)
			return
		}
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", `"`+name+`"`)
	w.Header().Set("Cache-Control", immutable)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// isID reports whether s looks like an id: 32 lower-case hex digits.
func isID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// preview returns the entry's PNG, rendering it on first request from the
// normalised spec (the build is deterministic, so the model is the one the
// GLB holds). Concurrent requests for one PNG render it once.
func (s *Server) preview(ctx context.Context, e *entry) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.png != nil {
		return e.png, nil
	}
	spec, err := mandrel.ParseSpec(bytes.NewReader(e.spec))
	if err != nil {
		return nil, err
	}
	release, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	m, _, err := s.model(ctx, spec)
	if err != nil {
		return nil, err
	}
	wpx, hpx := s.cfg.PNGSize, s.cfg.PNGSize
	if o := spec.Output; o != nil && o.PNG != nil && (o.PNG.Width > 0 || o.PNG.Height > 0) {
		wpx, hpx = o.PNG.Width, o.PNG.Height
	}
	img, err := render.Render(ctx, m, &render.Options{Width: wpx, Height: hpx, Background: color.White})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := render.WritePNG(&buf, img); err != nil {
		return nil, err
	}
	e.png = buf.Bytes()
	s.cache.put(e, e.baseSize()+int64(len(e.png)))
	s.stats.Rendered.Add(1)
	return e.png, nil
}
