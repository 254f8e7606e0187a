package server

import (
	"net/http"

	"github.com/mandrel3d/mandrel/engrave"
	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/ring"
)

// Options lists the choices the page's form offers and the server's limits.
type Options struct {
	Metals    []string `json:"metals"`
	Profiles  []string `json:"profiles"`
	Standards []string `json:"standards"`
	Gems      []string `json:"gems"`
	Fonts     []string `json:"fonts"`
	// MinToleranceMM and MaxEngravingRunes are the server's limits.
	MinToleranceMM    float64 `json:"min_tolerance_mm"`
	MaxEngravingRunes int     `json:"max_engraving_chars"`
	MaxBodyBytes      int64   `json:"max_body_bytes"`
	// ModelViewer is "" when the bundle is served, else why not.
	ModelViewer string `json:"model_viewer_error"`
}

func (s *Server) serveOptions(w http.ResponseWriter, r *http.Request) {
	o := Options{Metals: geom.MetalNames(), Gems: gem.GemNames(), Fonts: engrave.FontNames(),
		MinToleranceMM: s.cfg.MinToleranceMM, MaxEngravingRunes: s.cfg.MaxEngravingRunes,
		MaxBodyBytes: s.cfg.MaxBodyBytes, ModelViewer: s.mvErr}
	for _, p := range ring.Profiles {
		o.Profiles = append(o.Profiles, string(p))
	}
	for _, st := range ring.Standards {
		o.Standards = append(o.Standards, string(st))
	}
	o.Standards = append(o.Standards, "mm")
	writeJSON(w, http.StatusOK, o)
}
