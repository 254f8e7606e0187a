package server

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

//go:embed web
var webFS embed.FS

// ModelViewerFile is the bundle the page loads, looked up in
// Config.ModelViewerDir.
const ModelViewerFile = "model-viewer.min.js"

// Server is the configurator's HTTP handler. Make one with New.
type Server struct {
	cfg   Config
	mux   *http.ServeMux
	cache *cache

	mv    []byte // model-viewer.min.js, nil when missing
	mvErr string // why it is missing

	sem    chan struct{} // one token per build or render running
	queued atomic.Int64  // requests waiting for a token

	mu    sync.Mutex
	calls map[string]*call // builds in flight, by id

	stats counters
}

// counters are the server's running totals, read by /api/stats.
type counters struct {
	Requests, Built, Hits, Shared, Refused, Busy, Rendered atomic.Int64
}

// New returns a server with the config's limits (zero fields: defaults). It
// reads model-viewer's bundle once, from cfg.ModelViewerDir; when that
// fails the server still runs and the page shows why.
func New(cfg Config) *Server {
	cfg = cfg.withDefaults()
	s := &Server{cfg: cfg, cache: newCache(cfg.CacheBytes), sem: make(chan struct{}, cfg.MaxBuilds), calls: map[string]*call{}}
	s.loadModelViewer()
	web, _ := fs.Sub(webFS, "web")
	s.mux = http.NewServeMux()
	s.mux.Handle("GET /{$}", static(web, "index.html", "text/html; charset=utf-8"))
	s.mux.Handle("GET /app.js", static(web, "app.js", "text/javascript; charset=utf-8"))
	s.mux.Handle("GET /app.css", static(web, "app.css", "text/css; charset=utf-8"))
	s.mux.HandleFunc("GET /"+ModelViewerFile, s.serveModelViewer)
	s.mux.HandleFunc("GET /api/options", s.serveOptions)
	s.mux.HandleFunc("GET /api/stats", s.serveStats)
	s.mux.HandleFunc("POST /api/build", s.serveBuild)
	s.mux.HandleFunc("/api/build", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, "", "POST a spec (SPEC.md) as JSON to /api/build")
	})
	s.mux.HandleFunc("GET /files/{file}", s.serveFile)
	return s
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.stats.Requests.Add(1)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

// ModelViewerStatus is "" when model-viewer's bundle was found, else why not.
func (s *Server) ModelViewerStatus() string { return s.mvErr }

func (s *Server) loadModelViewer() {
	if s.cfg.ModelViewerDir == "" {
		s.mvErr = "no model-viewer directory given: start the server with --model-viewer DIR (the dist folder of npm @google/model-viewer) or set MANDREL_TOOLS"
		return
	}
	p := filepath.Join(s.cfg.ModelViewerDir, ModelViewerFile)
	b, err := os.ReadFile(p)
	if err != nil {
		s.mvErr = fmt.Sprintf("%s not found (%v): install npm @google/model-viewer and start the server with --model-viewer DIR", p, errors.Unwrap(err))
		return
	}
	s.mv = b
}

func (s *Server) serveModelViewer(w http.ResponseWriter, r *http.Request) {
	if s.mv == nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintln(w, s.mvErr)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(s.mv)
}

// static serves one embedded file; the page may change with the server, so
// browsers revalidate it.
func static(fsys fs.FS, name, ctype string) http.Handler {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		panic("configurator: embedded " + name + " missing") // a build mistake, caught by any test
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(b)
	})
}

// Stats are the server's running totals.
type Stats struct {
	Requests     int64 `json:"requests"`
	Built        int64 `json:"built"`
	Hits         int64 `json:"cache_hits"`
	Shared       int64 `json:"shared_builds"`
	Refused      int64 `json:"refused"`
	Busy         int64 `json:"busy"`
	Rendered     int64 `json:"rendered"`
	CacheEntries int   `json:"cache_entries"`
	CacheBytes   int64 `json:"cache_bytes"`
}

// Stats returns the server's running totals.
func (s *Server) Stats() Stats {
	n, b := s.cache.stats()
	return Stats{Requests: s.stats.Requests.Load(), Built: s.stats.Built.Load(), Hits: s.stats.Hits.Load(),
		Shared: s.stats.Shared.Load(), Refused: s.stats.Refused.Load(), Busy: s.stats.Busy.Load(),
		Rendered: s.stats.Rendered.Load(), CacheEntries: n, CacheBytes: b}
}

func (s *Server) serveStats(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, s.Stats()) }
