package mandrel

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"time"

	"github.com/mandrel3d/mandrel/export"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/render"
)

// Preview image limits in pixels.
const (
	DefaultPNGSize = 1024
	MaxPNGSize     = 4096
)

// Outputs are the files a build writes, in memory: nil where the spec's
// output section turned one off.
type Outputs struct {
	STL    []byte // binary STL in mm; metal parts only unless output.stl_stones
	GLB    []byte // glTF binary in metres, Y up, with the spec and report as scene extras
	PNG    []byte // preview image
	Report []byte // the report as indented JSON
}

// validateOutput checks the spec's output section.
func (s *Spec) validateOutput() error {
	if s.Output == nil || s.Output.PNG == nil {
		return nil
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"width", s.Output.PNG.Width}, {"height", s.Output.PNG.Height}} {
		if f.v != 0 && !(f.v >= 16 && f.v <= MaxPNGSize) {
			return fmt.Errorf("%w: output.png.%s = %d: allowed 16 to %d pixels", ErrSpec, f.name, f.v, MaxPNGSize)
		}
	}
	return nil
}

// glbExtras is what the GLB carries as scene extras: the spec and the figures
// measured on the model (no timings, so the file stays byte-identical).
type glbExtras struct {
	Spec   *Spec   `json:"spec"`
	Report *Report `json:"report"`
}

// MakeOutputs writes the files the spec asks for into memory, in a fixed
// order (STL, GLB, PNG, report), recording each one's time in the report.
// STL and GLB bytes depend only on the spec.
func MakeOutputs(ctx context.Context, s *Spec, m *geom.Model, r *Report) (*Outputs, error) {
	if err := s.validateOutput(); err != nil {
		return nil, err
	}
	out := &Outputs{}
	if r.TimingsMS == nil {
		r.TimingsMS = map[string]float64{}
	}
	if s.Output.Wants("stl") {
		t := time.Now()
		opt := &export.STLOptions{Name: safeSTLName(s.Name)}
		if s.Output == nil || s.Output.STLStones == nil || !*s.Output.STLStones {
			opt.Parts = export.MetalParts
		}
		var b bytes.Buffer
		if err := export.WriteSTL(&b, m, opt); err != nil {
			return nil, err
		}
		out.STL = b.Bytes()
		r.TimingsMS["stl"] = ms(time.Since(t))
	}
	if s.Output.Wants("glb") {
		t := time.Now()
		plain := *r
		plain.TimingsMS = nil
		var b bytes.Buffer
		if err := export.WriteGLB(&b, m, &export.GLBOptions{Extras: glbExtras{Spec: s, Report: &plain}, SceneName: s.Name}); err != nil {
			return nil, err
		}
		out.GLB = b.Bytes()
		r.TimingsMS["glb"] = ms(time.Since(t))
	}
	if s.Output.Wants("png") {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t := time.Now()
		w, h := DefaultPNGSize, DefaultPNGSize
		if s.Output != nil && s.Output.PNG != nil {
			if s.Output.PNG.Width != 0 {
				w = s.Output.PNG.Width
			}
			if s.Output.PNG.Height != 0 {
				h = s.Output.PNG.Height
			}
		}
		img, err := render.Render(ctx, m, &render.Options{Width: w, Height: h, Background: color.White})
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := render.WritePNG(&b, img); err != nil {
			return nil, err
		}
		out.PNG = b.Bytes()
		r.TimingsMS["png"] = ms(time.Since(t))
	}
	if s.Output.Wants("report") {
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return nil, err
		}
		out.Report = append(b, '\n')
	}
	return out, nil
}

// safeSTLName keeps the printable ASCII of a name, at most 64 bytes.
func safeSTLName(name string) string {
	b := make([]byte, 0, len(name))
	for i := 0; i < len(name) && len(b) < export.MaxSTLNameLen; i++ {
		if c := name[i]; c >= ' ' && c <= '~' {
			b = append(b, c)
		}
	}
	return string(b)
}
