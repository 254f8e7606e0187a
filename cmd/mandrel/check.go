package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mandrel3d/mandrel/export"
)

// runCheck implements "mandrel check MODEL.stl": it reads the mesh, welds its
// corners and reports whether it is a closed, outward, non-self-intersecting
// solid, with its volume. Exit 0 when it is, 1 when not.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: mandrel check MODEL.stl")
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
	r := m.Check()
	yes := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "no"
	}
	size := m.Bounds().Size()
	fmt.Fprintf(stdout, "file:               %s\n", fs.Arg(0))
	fmt.Fprintf(stdout, "triangles:          %d (%d vertices after welding)\n", r.Triangles, r.Vertices)
	fmt.Fprintf(stdout, "shells:             %d\n", r.Shells)
	fmt.Fprintf(stdout, "watertight:         %s (%d open edges, %d edges with more than two faces)\n", yes(r.OpenEdges == 0 && r.NonManifoldEdges == 0), r.OpenEdges, r.NonManifoldEdges)
	fmt.Fprintf(stdout, "oriented:           %s (%d misoriented edges, %d inside-out shells)\n", yes(r.MisorientedEdges == 0 && r.NegativeShells == 0), r.MisorientedEdges, r.NegativeShells)
	fmt.Fprintf(stdout, "self-intersections: %d\n", r.SelfIntersections)
	fmt.Fprintf(stdout, "degenerate:         %d\n", r.Degenerate)
	fmt.Fprintf(stdout, "volume:             %.3f mm³\n", r.Volume)
	fmt.Fprintf(stdout, "size:               %.3f × %.3f × %.3f mm\n", size[0], size[1], size[2])
	if err := r.Err(); err != nil {
		fmt.Fprintf(stdout, "verdict:            FAIL: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "verdict:            PASS")
	return 0
}
