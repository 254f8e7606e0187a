// Package conformance runs the third-party checkers that judge mandrel's files
// (check-stl: ADMesh and PrusaSlicer; check-glb: the Khronos glTF-Validator and
// three.js; see /work/shared/tools/README.md) from Go tests.
//
// The checkers are found in this order: $MANDREL_TOOLS, then
// /root/.cache/mandrel/tools, then ../shared/tools relative to the module root
// when its node_modules folder exists (installed). When none is found the
// test is skipped with a message saying how to install them, unless
// MANDREL_REQUIRE_TOOLS=1 (as in CI), which makes it fail instead.
package conformance

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// NoSlice is the check-stl flag that skips PrusaSlicer's slicing run (several
// seconds for a ring) and keeps the ADMesh audit and PrusaSlicer's --info
// manifold verdict.
const NoSlice = "--no-slice"

// Timeout bounds one checker run; the checkers bound their own steps too
// (check-stl: 120 s ADMesh + 300 s per PrusaSlicer run; check-glb: 180 s).
const Timeout = 10 * time.Minute

// DefaultToolsDir is where install.sh puts the checkers on developer machines
// and in CI.
const DefaultToolsDir = "/root/.cache/mandrel/tools"

// STL runs check-stl on the file at path with the given extra flags (for
// example NoSlice) and fails t unless the verdict is PASS, printing the
// checker's whole output. It returns the summary line ("stl: PASS …").
func STL(t testing.TB, path string, flags ...string) string {
	t.Helper()
	return run(t, "check-stl", "stl:", path, flags)
}

// GLB runs check-glb on the .glb or .gltf file at path with the given extra
// flags (for example "--topology=warn") and fails t unless the verdict is
// PASS, printing the checker's whole output. It returns the summary line
// ("glb: PASS …").
func GLB(t testing.TB, path string, flags ...string) string {
	t.Helper()
	return run(t, "check-glb", "glb:", path, flags)
}

// Find returns the path of the named checker ("check-stl", "check-glb") by
// the search order of the package doc, or "" when none is installed.
func Find(tool string) string {
	var dirs []string
	if d := os.Getenv("MANDREL_TOOLS"); d != "" {
		dirs = append(dirs, d)
	}
	dirs = append(dirs, DefaultToolsDir)
	if root := moduleRoot(); root != "" {
		d := filepath.Join(root, "..", "shared", "tools")
		if fi, err := os.Stat(filepath.Join(d, "node_modules")); err == nil && fi.IsDir() {
			dirs = append(dirs, d)
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, tool)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

// moduleRoot returns the directory holding go.mod, searching up from the
// working directory (a test's package directory).
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

func required() bool { return os.Getenv("MANDREL_REQUIRE_TOOLS") == "1" }

// unavailable skips the test, or fails it when the tools are required.
func unavailable(t testing.TB, msg string) {
	t.Helper()
	if required() {
		t.Fatalf("%s (MANDREL_REQUIRE_TOOLS=1)", msg)
	}
	t.Skip(msg)
}

func run(t testing.TB, tool, prefix, path string, flags []string) string {
	t.Helper()
	exe := Find(tool)
	if exe == "" {
		unavailable(t, tool+" not found in $MANDREL_TOOLS, "+DefaultToolsDir+" or ../shared/tools (run /work/shared/tools/install.sh, or set MANDREL_TOOLS)")
		return ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	args := append(append([]string(nil), flags...), "--", path)
	cmd := exec.CommandContext(ctx, exe, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start).Round(time.Millisecond)
	summary := summaryLine(out.String(), prefix)
	var exit *exec.ExitError
	switch {
	case err == nil && strings.HasPrefix(summary, prefix+" PASS"):
		t.Logf("%s %s (%v): %s", tool, filepath.Base(path), took, summary)
	case errors.As(err, &exit) && exit.ExitCode() == 2 && strings.Contains(summary, "reason=missing-"):
		// a third-party program (admesh, node, an npm package) is missing;
		// other exit-2 cases are usage errors, which fail below.
		unavailable(t, tool+" could not run:\n"+out.String())
	default:
		t.Errorf("%s %s: verdict %q (err %v, %v); output:\n%s", tool, path, summary, err, took, out.String())
	}
	return summary
}

// summaryLine returns the last line of out that starts with prefix.
func summaryLine(out, prefix string) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], prefix) {
			return lines[i]
		}
	}
	return ""
}
