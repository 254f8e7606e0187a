package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mandrel3d/mandrel"
)

// runBuild implements "mandrel build SPEC.json|- [-o DIR]".
func runBuild(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("o", ".", "directory to write the outputs into (created if missing)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: mandrel build SPEC.json|- [-o DIR]")
		fs.PrintDefaults()
	}
	flags, pos := splitArgs(args, map[string]bool{"o": true})
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(pos) != 1 {
		fs.Usage()
		return 2
	}
	path := pos[0]
	var in io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(stderr, "mandrel: %v\n", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	spec, err := mandrel.ParseSpec(in)
	if err != nil {
		fmt.Fprintf(stderr, "mandrel: %s: %v\n", path, err)
		return 1
	}
	if spec.Name == "" {
		spec.Name = "piece"
		if path != "-" {
			spec.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		}
	}
	if path != "-" {
		spec.BaseDir = filepath.Dir(path)
	}
	ctx := context.Background()
	model, report, err := mandrel.Build(ctx, spec)
	if err != nil {
		fmt.Fprintf(stderr, "mandrel: %s: %v\n", path, err)
		return 1
	}
	out, err := mandrel.MakeOutputs(ctx, spec, model, report)
	if err != nil {
		fmt.Fprintf(stderr, "mandrel: %s: %v\n", path, err)
		return 1
	}
	files := []struct {
		ext  string
		data []byte
	}{{".stl", out.STL}, {".glb", out.GLB}, {".png", out.PNG}, {".report.json", out.Report}}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "mandrel: %v\n", err)
		return 1
	}
	for _, f := range files {
		if f.data == nil {
			continue
		}
		p := filepath.Join(*dir, spec.Name+f.ext)
		if err := writeFileAtomic(p, f.data); err != nil {
			fmt.Fprintf(stderr, "mandrel: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s\t%d bytes\n", p, len(f.data))
	}
	return 0
}

// writeFileAtomic writes data to a temporary file beside path and renames it
// into place, so a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, 0o644)
	}
	if werr == nil {
		werr = os.Rename(name, path)
	}
	if werr != nil {
		os.Remove(name)
	}
	return werr
}
