// Command preview renders the product shots of the README from the example
// specs: a plain gold band, a six-prong diamond solitaire, a halo, a silver
// pendant and an engraved band, 1024 × 1024 with 4× anti-aliasing.
//
//	go run ./examples/preview [-o docs/img]
package main

import (
	"context"
	"flag"
	"fmt"
	"image/color"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/mandrel3d/mandrel"
	"github.com/mandrel3d/mandrel/render"
)

// shots maps each example spec to the preview it makes and the view.
var shots = []struct{ spec, out, view string }{
	{"examples/specs/comfort.json", "preview-band.png", "three-quarter"},
	{"examples/specs/solitaire.json", "preview-solitaire.png", "three-quarter"},
	{"examples/specs/halo.json", "preview-halo.png", "three-quarter"},
	{"examples/specs/pendant-heart.json", "preview-pendant.png", "front"},
	{"examples/specs/engraved-fingerprint.json", "preview-fingerprint.png", "top"},
}

func main() {
	dir := flag.String("o", "docs/img", "output directory")
	size := flag.Int("size", 1024, "image width and height in pixels")
	flag.Parse()
	ctx := context.Background()
	for _, s := range shots {
		f, err := os.Open(s.spec)
		if err != nil {
			log.Fatal(err)
		}
		spec, err := mandrel.ParseSpec(f)
		f.Close()
		if err != nil {
			log.Fatalf("%s: %v", s.spec, err)
		}
		spec.BaseDir = filepath.Dir(s.spec)
		model, _, err := mandrel.Build(ctx, spec)
		if err != nil {
			log.Fatalf("%s: %v", s.spec, err)
		}
		t := time.Now()
		img, err := render.Render(ctx, model, &render.Options{Width: *size, Height: *size, View: s.view, Background: color.White})
		if err != nil {
			log.Fatal(err)
		}
		elapsed := time.Since(t)
		out, err := os.Create(filepath.Join(*dir, s.out))
		if err != nil {
			log.Fatal(err)
		}
		if err := render.WritePNG(out, img); err != nil {
			log.Fatal(err)
		}
		if err := out.Close(); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d triangles, rendered in %v\n", s.out, model.Triangles(), elapsed.Round(time.Millisecond))
	}
}
