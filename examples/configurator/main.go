// Command configurator is a storefront's ring configurator: a web page with
// a form and Google's <model-viewer ar>, and a JSON API that turns a spec
// (SPEC.md) into a GLB for 3D and AR and a PNG preview, safe under untrusted
// input and many shoppers at once (see package server for the API and its
// limits).
//
//	go run ./examples/configurator --addr 127.0.0.1:8080 \
//	    --model-viewer node_modules/@google/model-viewer/dist
//
// The page loads model-viewer.min.js from this server, never from a CDN:
// --model-viewer names the npm package's dist folder (default
// $MANDREL_TOOLS/node_modules/@google/model-viewer/dist).
//
// With --load N it instead runs the load test: an in-process server on
// 127.0.0.1, N requests from --clients concurrent clients (distinct,
// repeated and invalid specs), then prints throughput, latencies, cache hit
// rate and peak memory.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/mandrel3d/mandrel/examples/configurator/server"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen `address` (port 0 picks a free one)")
	mv := flag.String("model-viewer", defaultModelViewer(), "`directory` holding model-viewer.min.js (npm @google/model-viewer/dist)")
	cacheMB := flag.Int64("cache-mb", 256, "cache of built files, in `MiB`")
	timeout := flag.Duration("timeout", 10*time.Second, "time limit of one build and render")
	load := flag.Int("load", 0, "run the load test with `N` requests instead of serving")
	clients := flag.Int("clients", 8, "concurrent clients of the load test")
	flag.Parse()

	cfg := server.Config{ModelViewerDir: *mv, CacheBytes: *cacheMB << 20, Timeout: *timeout}
	if *load > 0 {
		res, err := server.RunLoad(context.Background(), cfg, server.LoadOptions{Requests: *load, Clients: *clients})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Print(res)
		if !res.OK() {
			os.Exit(1)
		}
		return
	}

	srv := server.New(cfg)
	if msg := srv.ModelViewerStatus(); msg != "" {
		log.Printf("warning: %s; the page will say so", msg)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// The browser test reads this line to find the port.
	fmt.Printf("configurator: listening on http://%s/\n", ln.Addr())
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 2 * *timeout, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 16 << 10}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// defaultModelViewer is $MANDREL_TOOLS/node_modules/@google/model-viewer/dist,
// or "" when MANDREL_TOOLS is not set.
func defaultModelViewer() string {
	t := os.Getenv("MANDREL_TOOLS")
	if t == "" {
		return ""
	}
	return filepath.Join(t, "node_modules", "@google", "model-viewer", "dist")
}
