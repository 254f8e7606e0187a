package server

import (
	"runtime"
	"time"
)

// Config sets the server's limits. A zero field means its default.
type Config struct {
	// ModelViewerDir is the directory holding model-viewer.min.js (the npm
	// package @google/model-viewer's dist folder). The server reads that one
	// file from it at start; when it is missing, the page says so.
	ModelViewerDir string
	// MaxBodyBytes is the largest request body, in bytes (default 64 KiB).
	MaxBodyBytes int64
	// MinToleranceMM is the finest tolerance_mm a spec may ask for, in mm
	// (default 0.002: a band of 26,000 triangles; the library allows
	// 0.0001, which costs half a second and 10 MB of GLB per band).
	MinToleranceMM float64
	// MaxTriangles is the largest model the server keeps, in triangles
	// (default 300,000), checked on the built model.
	MaxTriangles int
	// MaxEngravings and MaxEngravingRunes bound the engravings of a spec and
	// the characters of each (defaults 4 and 64).
	MaxEngravings, MaxEngravingRunes int
	// MaxStones bounds the stones of a spec (default 32).
	MaxStones int
	// MaxChainMM bounds a chain's length in mm (default 1000); MaxLinks a
	// bracelet's links (default 60); MaxOutlinePoints a custom pendant
	// outline's points (default 2000).
	MaxChainMM       float64
	MaxLinks         int
	MaxOutlinePoints int
	// PNGSize is the preview's width and height in pixels when the spec
	// gives none (default 512); MaxPNGSize bounds what a spec may ask
	// (default 1024).
	PNGSize, MaxPNGSize int
	// Timeout bounds one request's build, export and render (default 10 s);
	// the build is cancelled through its context when it runs out.
	Timeout time.Duration
	// MaxBuilds is how many builds or renders run at once (default
	// GOMAXPROCS − 1, at least 1: one processor stays free for the cheap
	// requests, cache hits and refusals, so they are not queued behind
	// builds); MaxQueue how many requests may wait for one (default
	// 64); QueueWait how long one waits before a 503 (default 5 s).
	MaxBuilds, MaxQueue int
	QueueWait           time.Duration
	// CacheBytes bounds the cache of built files, in bytes (default 256 MiB).
	CacheBytes int64
}

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.MaxTriangles, 300_000)
	def(&c.MaxEngravings, 4)
	def(&c.MaxEngravingRunes, 64)
	def(&c.MaxStones, 32)
	def(&c.MaxLinks, 60)
	def(&c.MaxOutlinePoints, 2000)
	def(&c.PNGSize, 512)
	def(&c.MaxPNGSize, 1024)
	def(&c.MaxBuilds, max(1, runtime.GOMAXPROCS(0)-1))
	def(&c.MaxQueue, 64)
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 64 << 10
	}
	if c.MinToleranceMM <= 0 {
		c.MinToleranceMM = 0.002
	}
	if c.MaxChainMM <= 0 {
		c.MaxChainMM = 1000
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.QueueWait <= 0 {
		c.QueueWait = 5 * time.Second
	}
	if c.CacheBytes <= 0 {
		c.CacheBytes = 256 << 20
	}
	return c
}
