package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/mandrel3d/mandrel"
	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
)

// BuildResponse is the answer to POST /api/build.
type BuildResponse struct {
	// ID names the configuration: a hash of the normalised spec.
	ID string `json:"id"`
	// Report is the library's report (SPEC.md), measured on the model.
	Report json.RawMessage `json:"report"`
	// GLB and PNG are the addresses of the model and of its preview.
	GLB string `json:"glb"`
	PNG string `json:"png"`
	// Cached is true when the files were already built.
	Cached bool `json:"cached"`
}

var (
	errBusy = errors.New("the server is busy: try again in a moment")
	// buildID tells builds of different library versions apart, so that a
	// content address never names two different files.
	buildID = func() string {
		bi, ok := debug.ReadBuildInfo()
		if !ok {
			return "unknown"
		}
		id := bi.GoVersion + " " + bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				id += " " + s.Value
			}
		}
		return id
	}()
)

// specID is the content address of a normalised spec.
func specID(norm []byte) string {
	h := sha256.New()
	io.WriteString(h, buildID+"\n")
	h.Write(norm)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func (s *Server) serveBuild(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			s.stats.Refused.Add(1)
			writeError(w, http.StatusRequestEntityTooLarge, "", fmt.Sprintf("the spec is larger than %d bytes", s.cfg.MaxBodyBytes))
			return
		}
		writeError(w, http.StatusBadRequest, "", "cannot read the request: "+err.Error())
		return
	}
	spec, err := mandrel.ParseSpec(bytes.NewReader(body))
	if err != nil {
		s.stats.Refused.Add(1)
		writeError(w, http.StatusBadRequest, specField(err), err.Error())
		return
	}
	if fe := s.cfg.preflight(spec); fe != nil {
		s.stats.Refused.Add(1)
		writeError(w, http.StatusBadRequest, fe.field, "invalid spec: "+fe.Error())
		return
	}
	// Refuse what the library can tell is invalid without building, before
	// the request waits for a build slot.
	if err := spec.Validate(); err != nil {
		s.stats.Refused.Add(1)
		writeError(w, http.StatusBadRequest, specField(err), err.Error())
		return
	}
	norm, err := json.Marshal(spec)
	if err != nil {
		writeError(w, http.StatusBadRequest, "", "cannot normalise the spec: "+err.Error())
		return
	}
	id := specID(norm)
	if e := s.cache.get(id); e != nil {
		s.stats.Hits.Add(1)
		s.answer(w, e, "hit")
		return
	}
	e, shared, err := s.once(ctx, id, func(ctx context.Context) (*entry, error) { return s.build(ctx, id, spec, norm) })
	if err != nil {
		s.fail(w, err)
		return
	}
	how := "miss"
	if shared {
		s.stats.Shared.Add(1)
		how = "shared"
	}
	s.answer(w, e, how)
}

func (s *Server) answer(w http.ResponseWriter, e *entry, how string) {
	w.Header().Set("X-Cache", how)
	writeJSON(w, http.StatusOK, BuildResponse{ID: e.id, Report: e.report,
		GLB: "/files/" + e.id + ".glb", PNG: "/files/" + e.id + ".png", Cached: how == "hit"})
}

// fail answers an error of a build or a render.
func (s *Server) fail(w http.ResponseWriter, err error) {
	var fe *fieldErr
	switch {
	case errors.Is(err, mandrel.ErrSpec):
		s.stats.Refused.Add(1)
		writeError(w, http.StatusBadRequest, specField(err), err.Error())
	case errors.As(err, &fe):
		s.stats.Refused.Add(1)
		writeError(w, http.StatusBadRequest, fe.field, "invalid spec: "+fe.Error())
	case errors.Is(err, geom.ErrBudget):
		s.stats.Refused.Add(1)
		writeError(w, http.StatusBadRequest, "tolerance_mm", "invalid spec: the piece is larger than this server builds: "+err.Error())
	case errors.Is(err, errBusy):
		s.stats.Busy.Add(1)
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "", err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		s.stats.Busy.Add(1)
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "", fmt.Sprintf("the build took longer than this server's limit of %v", s.cfg.Timeout))
	case errors.Is(err, context.Canceled):
		writeError(w, 499, "", "the request was cancelled") // the client is gone; nobody reads this
	default:
		log.Printf("configurator: %v", err)
		writeError(w, http.StatusInternalServerError, "", "the server could not make this piece")
	}
}

// acquire waits for a build token; it fails with errBusy when too many
// requests wait already or when none frees up within QueueWait.
func (s *Server) acquire(ctx context.Context) (release func(), err error) {
	n := s.queued.Add(1)
	defer s.queued.Add(-1)
	if n > int64(s.cfg.MaxQueue) {
		return nil, errBusy
	}
	t := time.NewTimer(s.cfg.QueueWait)
	defer t.Stop()
	select {
	case s.sem <- struct{}{}:
		return func() { <-s.sem }, nil
	case <-t.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// call is a build in flight; requests for the same id wait for it.
type call struct {
	done chan struct{}
	e    *entry
	err  error
}

// once runs fn for id unless a run for id is in flight already, in which
// case it waits for that run's result (shared = true).
func (s *Server) once(ctx context.Context, id string, fn func(context.Context) (*entry, error)) (e *entry, shared bool, err error) {
	s.mu.Lock()
	if c, ok := s.calls[id]; ok {
		s.mu.Unlock()
		select {
		case <-c.done:
			return c.e, true, c.err
		case <-ctx.Done():
			return nil, true, ctx.Err()
		}
	}
	c := &call{done: make(chan struct{})}
	s.calls[id] = c
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.calls, id)
		s.mu.Unlock()
		close(c.done)
	}()
	c.e, c.err = fn(ctx)
	return c.e, false, c.err
}

// build makes the model, checks the triangle cap, writes the GLB and keeps
// the entry in the cache.
func (s *Server) build(ctx context.Context, id string, spec *mandrel.Spec, norm []byte) (*entry, error) {
	release, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	m, rep, err := s.model(ctx, spec)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	var glb bytes.Buffer
	// The extras carry the spec only: the GLB's bytes then depend on the
	// spec alone, as its content address promises (a report's timings vary).
	if err := export.WriteGLB(&glb, m, &export.GLBOptions{Extras: map[string]any{"spec": json.RawMessage(norm)}}); err != nil {
		return nil, err
	}
	rep.TimingsMS["glb"] = float64(time.Since(t0).Microseconds()) / 1000
	repJSON, err := json.Marshal(rep)
	if err != nil {
		return nil, err
	}
	e := &entry{id: id, spec: norm, report: repJSON, glb: glb.Bytes()}
	s.cache.put(e, e.baseSize())
	s.stats.Built.Add(1)
	return e, nil
}

// model builds the spec and refuses a model above the triangle cap.
func (s *Server) model(ctx context.Context, spec *mandrel.Spec) (*geom.Model, *mandrel.Report, error) {
	// The budget stops the builders before they allocate a model over the
	// cap; the check after the build covers what they cannot foresee.
	m, rep, err := mandrel.BuildWith(ctx, spec, &mandrel.Options{MaxTriangles: int64(s.cfg.MaxTriangles)})
	if errors.Is(err, geom.ErrBudget) {
		return nil, nil, refuse("tolerance_mm", "the piece needs more triangles than this server's %d: use a coarser tolerance_mm", s.cfg.MaxTriangles)
	}
	if err != nil {
		return nil, nil, err
	}
	if n := m.Triangles(); n > s.cfg.MaxTriangles {
		return nil, nil, refuse("tolerance_mm", "the piece needs %d triangles, more than this server's %d: use a coarser tolerance_mm", n, s.cfg.MaxTriangles)
	}
	return m, rep, nil
}
