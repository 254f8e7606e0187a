package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/render"
)

// maxFrames caps --frames: a full turn at one degree per frame.
const maxFrames = 360

// renderUsage is printed for a usage error and for -h.
const renderUsage = `usage: mandrel render MODEL.stl|MODEL.glb -o OUT.png [flags]

Renders a product shot of the model. STL has no materials: it is drawn in
--metal. With --frames N > 1 it writes a turntable, OUT-000.png … OUT-(N-1).png,
one turn of the camera about the vertical axis at one scale.

flags:
`

// runRender implements "mandrel render": it returns the exit status, 0 on
// success, 1 when the model cannot be read or the image cannot be written, 2
// for a usage error.
func runRender(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output PNG `file` (required)")
	size := fs.Int("size", render.DefaultSize, "image width and height in `pixels`")
	view := fs.String("view", render.ViewThreeQuarter, "view: "+strings.Join(render.Views, ", "))
	frames := fs.Int("frames", 1, "number of turntable frames, 1 to "+strconv.Itoa(maxFrames))
	bg := fs.String("background", "white", "background: white, transparent or #rrggbb")
	metal := fs.String("metal", geom.DefaultMetal, "metal of an STL model: "+strings.Join(geom.MetalNames(), ", "))
	ssaa := fs.Int("ssaa", render.DefaultSSAA, "samples per pixel: 1, 4, 9 or 16")
	fs.Usage = func() {
		fmt.Fprint(stderr, renderUsage)
		fs.PrintDefaults()
	}
	// Flags may come before or after the model's path.
	var pos []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "mandrel render: "+format+"\n", a...)
		fmt.Fprintln(stderr, "run 'mandrel render -h' for usage")
		return 2
	}
	if len(pos) != 1 {
		return usage("want one model file, got %d", len(pos))
	}
	if *out == "" {
		return usage("-o OUT.png is required")
	}
	if *frames < 1 || *frames > maxFrames {
		return usage("--frames %d: allowed 1 to %d", *frames, maxFrames)
	}
	bgc, err := parseBackground(*bg)
	if err != nil {
		return usage("%v", err)
	}
	opt := &render.Options{Width: *size, Height: *size, View: *view, Background: bgc, SSAA: *ssaa}
	if *size < 1 {
		return usage("--size %d: allowed 1 to %d pixels", *size, render.MaxSize)
	}
	if err := opt.Validate(); err != nil {
		return usage("%v", err)
	}
	mat, err := geom.Metal(*metal)
	if err != nil {
		return usage("--metal: %v", err)
	}
	m, err := readModel(pos[0], mat)
	if err != nil {
		fmt.Fprintf(stderr, "mandrel render: %v\n", err)
		return 1
	}
	ctx := context.Background()
	for i := 0; i < *frames; i++ {
		name := *out
		if *frames > 1 {
			opt.Turntable = true
			opt.AzimuthDeg = 360 * float64(i) / float64(*frames)
			name = strings.TrimSuffix(*out, filepath.Ext(*out)) + fmt.Sprintf("-%03d.png", i)
		}
		img, err := render.Render(ctx, m, opt)
		if err != nil {
			fmt.Fprintf(stderr, "mandrel render: %v\n", err)
			return 1
		}
		if err := writePNGFile(name, img); err != nil {
			fmt.Fprintf(stderr, "mandrel render: %v\n", err)
			return 1
		}
		fmt.Fprintln(stdout, name)
	}
	return 0
}

// parseBackground reads a --background value.
func parseBackground(s string) (color.Color, error) {
	switch strings.ToLower(s) {
	case "white":
		return color.White, nil
	case "transparent", "none":
		return nil, nil
	}
	h := strings.TrimPrefix(s, "#")
	if len(h) == 6 {
		if v, err := strconv.ParseUint(h, 16, 32); err == nil {
			return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, nil
		}
	}
	return nil, fmt.Errorf("--background %q: allowed white, transparent or #rrggbb", s)
}

// readModel reads an STL (one part "model" of the given metal) or a GLB /
// glTF file, chosen by its first bytes: binary glTF starts with "glTF", JSON
// glTF with "{".
func readModel(path string, metal geom.Material) (*geom.Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	trim := bytes.TrimLeft(data, " \t\r\n")
	if bytes.HasPrefix(data, []byte("glTF")) || bytes.HasPrefix(trim, []byte("{")) {
		m, err := export.ReadGLB(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return m, nil
	}
	mesh, err := export.ReadSTL(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := &geom.Model{}
	m.Add("model", metal, mesh)
	return m, nil
}

// writePNGFile writes img to path, removing a partial file on error.
func writePNGFile(path string, img image.Image) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	w := bufio.NewWriter(f)
	if err := render.WritePNG(w, img); err != nil {
		return err
	}
	return w.Flush()
}
