package mandrel_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/mandrel3d/mandrel"
	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/render"
)

// raceSpecs are the bands the concurrency tests build: several sizes,
// profiles and metals, so that goroutines share no input.
var raceSpecs = []string{
	`{"kind":"ring","metal":"18k-yellow","ring":{"size":"US 7","profile":"comfort"}}`,
	`{"kind":"ring","metal":"950-platinum","ring":{"size":"UK N","profile":"flat","width_mm":3}}`,
	`{"kind":"ring","metal":"925-silver","ring":{"size":"EU 56","profile":"d-shape","width_mm":5,"thickness_mm":2}}`,
	`{"kind":"ring","metal":"14k-rose","tolerance_mm":0.05,"ring":{"size":"mm 16.5","profile":"knife-edge"}}`,
}

// outputs are the files of one build.
type outputs struct {
	glb, stl, png []byte
	report        mandrel.Report
}

// produce builds a spec and writes its GLB, STL and a small PNG.
func produce(ctx context.Context, spec string) (outputs, error) {
	var o outputs
	s, err := mandrel.ParseSpec(strings.NewReader(spec))
	if err != nil {
		return o, err
	}
	m, rep, err := mandrel.Build(ctx, s)
	if err != nil {
		return o, err
	}
	for _, p := range m.Parts {
		if r := p.Mesh.Check(); !r.OK() {
			return o, fmt.Errorf("part %s: %v", p.Name, r)
		}
	}
	var glb, stl, png bytes.Buffer
	if err := export.WriteGLB(&glb, m, nil); err != nil {
		return o, err
	}
	if err := export.WriteSTL(&stl, m, nil); err != nil {
		return o, err
	}
	img, err := render.Render(ctx, m, &render.Options{Width: 48, Height: 48, SSAA: 1})
	if err != nil {
		return o, err
	}
	if err := render.WritePNG(&png, img); err != nil {
		return o, err
	}
	o.glb, o.stl, o.png, o.report = glb.Bytes(), stl.Bytes(), png.Bytes(), *rep
	return o, nil
}

// TestConcurrentBuildExportRender builds, exports and renders the same specs
// from many goroutines at once (run it with -race) and checks that every
// result is byte-identical to the one made alone: no shared state leaks
// between concurrent builds.
func TestConcurrentBuildExportRender(t *testing.T) {
	ctx := context.Background()
	want := make([]outputs, len(raceSpecs))
	for i, s := range raceSpecs {
		var err error
		if want[i], err = produce(ctx, s); err != nil {
			t.Fatalf("spec %d alone: %v", i, err)
		}
	}
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan error, workers*len(raceSpecs))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range raceSpecs {
				i := (w + k) % len(raceSpecs) // every worker starts on another spec
				got, err := produce(ctx, raceSpecs[i])
				switch {
				case err != nil:
					errs <- fmt.Errorf("worker %d, spec %d: %v", w, i, err)
				case !bytes.Equal(got.glb, want[i].glb) || !bytes.Equal(got.stl, want[i].stl) || !bytes.Equal(got.png, want[i].png):
					errs <- fmt.Errorf("worker %d, spec %d: output differs from the one built alone", w, i)
				case got.report.Triangles != want[i].report.Triangles || got.report.MetalWeightG != want[i].report.MetalWeightG || got.report.BBoxMM != want[i].report.BBoxMM:
					errs <- fmt.Errorf("worker %d, spec %d: report %+v, alone %+v", w, i, got.report, want[i].report)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestConcurrentCancel: a cancelled context stops Build and Render with the
// context's error, not a spec error, from many goroutines at once.
func TestConcurrentCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, err := mandrel.ParseSpec(strings.NewReader(raceSpecs[0]))
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := mandrel.Build(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := mandrel.Build(ctx, s); !errors.Is(err, context.Canceled) || errors.Is(err, mandrel.ErrSpec) {
				t.Errorf("Build with a cancelled context: %v", err)
			}
			if _, err := render.Render(ctx, m, &render.Options{Width: 32, Height: 32}); !errors.Is(err, context.Canceled) {
				t.Errorf("Render with a cancelled context: %v", err)
			}
		}()
	}
	wg.Wait()
}
