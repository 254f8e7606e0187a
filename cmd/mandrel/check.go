package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
)

// runCheck implements "mandrel check [-solid] MODEL.stl": it reads the mesh,
// welds its corners and reports whether every shell is closed, outward and
// free of self-intersections, with the volume. An STL of a piece holds its
// parts as shells that may overlap (a prong in its gallery, the head on the
// band; printers and casters union them), so shells that meet are reported
// and allowed; with -solid they fail, as for one solid. Exit 0 when it
// passes, 1 when not.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	solid := fs.Bool("solid", false, "one solid: shells must not meet each other")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: mandrel check [-solid] MODEL.stl")
		return 2
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "mandrel: %v\n", err)
		return 1
	}
	defer f.Close()
	m, err := export.ReadSTL(f)
	if err != nil {
		fmt.Fprintf(stderr, "mandrel: %s: %v\n", fs.Arg(0), err)
		return 1
	}
	r := m.CheckWith(geom.CheckOptions{Assembly: !*solid})
	yes := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "no"
	}
	size := m.Bounds().Size()
	fmt.Fprintf(stdout, "file:               %s\n", fs.Arg(0))
	fmt.Fprintf(stdout, "triangles:          %d (%d vertices after welding)\n", r.Triangles, r.Vertices)
	if *solid {
		fmt.Fprintf(stdout, "shells:             %d\n", r.Shells)
	} else {
		fmt.Fprintf(stdout, "shells:             %d (%d pairs overlap: parts a printer unions)\n", r.Shells, r.ShellOverlaps)
	}
	fmt.Fprintf(stdout, "watertight:         %s (%d open edges, %d edges with more than two faces)\n", yes(r.OpenEdges == 0 && r.NonManifoldEdges == 0), r.OpenEdges, r.NonManifoldEdges)
	fmt.Fprintf(stdout, "oriented:           %s (%d misoriented edges, %d inside-out shells)\n", yes(r.MisorientedEdges == 0 && r.NegativeShells == 0), r.MisorientedEdges, r.NegativeShells)
	fmt.Fprintf(stdout, "self-intersections: %d\n", r.SelfIntersections)
	fmt.Fprintf(stdout, "degenerate:         %d\n", r.Degenerate)
	if r.ShellOverlaps > 0 {
		fmt.Fprintf(stdout, "volume:             %.3f mm³ (the shells' sum: overlaps count twice)\n", r.Volume)
	} else {
		fmt.Fprintf(stdout, "volume:             %.3f mm³\n", r.Volume)
	}
	fmt.Fprintf(stdout, "size:               %.3f × %.3f × %.3f mm\n", size[0], size[1], size[2])
	if err := r.Err(); err != nil {
		fmt.Fprintf(stdout, "verdict:            FAIL: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "verdict:            PASS")
	return 0
}
