// Command mandrel builds jewellery from JSON specs, converts ring sizes,
// checks meshes and renders previews.
//
//	mandrel build SPEC.json -o DIR      # DIR/NAME.stl, NAME.glb, NAME.png, NAME.report.json
//	mandrel render MODEL.stl|MODEL.glb -o OUT.png [--size 1024] [--view three-quarter]
//	mandrel sizes [--from "US 7"]
//	mandrel check MODEL.stl
//
// Exit status: 0 on success, 1 when the input is invalid or the piece cannot
// be made, 2 for a usage error.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage: mandrel COMMAND [arguments]

commands:
  build SPEC.json|- [-o DIR]    build a piece: DIR/NAME.stl, .glb, .png, .report.json
  render MODEL.stl|.glb -o OUT.png [--size N] [--view front|top|side|three-quarter] [--frames N]
  sizes [--from "US 7"]         a ring size in every standard
  check MODEL.stl               watertight, orientation, self-intersections, volume

Run "mandrel COMMAND -h" for a command's flags.
`

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// run dispatches a command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdin, stdout, stderr)
	case "render":
		return runRender(args[1:], stdout, stderr)
	case "sizes":
		return runSizes(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "mandrel: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// splitArgs separates flags from positional arguments so that flags may come
// after the file name ("build spec.json -o out"). Flags that take a value are
// named in valued.
func splitArgs(args []string, valued map[string]bool) (flags, pos []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(pos, args[i+1:]...)
		case a == "-" || len(a) < 2 || a[0] != '-':
			pos = append(pos, a)
		default:
			flags = append(flags, a)
			name := a
			for len(name) > 0 && name[0] == '-' {
				name = name[1:]
			}
			if valued[name] && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	return flags, pos
}
