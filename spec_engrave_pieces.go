package mandrel

import (
	"errors"
	"fmt"

	"github.com/mandrel3d/mandrel/engrave"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/ring"
)

// pieceEngraving is a spec engraving laid out for a pendant face or a
// bracelet plate: its region in the surface's (u, v) mm, moved along u by
// at_mm, and its depth (ring.DefaultEngraveDepthMM when the spec gives 0).
type pieceEngraving struct {
	surface string
	region  geom.Region
	depthMM float64
	emboss  bool
	text    bool // a text (not an image): the lettering warnings apply
	capMM   float64
}

// pieceEngravings turns the spec's engravings into regions, reading
// images and fonts as engravingFile says; surfaceOK names the surfaces the
// piece has (an error names the field otherwise).
func pieceEngravings(s *Spec, surfaceOK func(string) bool, allowed string) ([]pieceEngraving, error) {
	out := make([]pieceEngraving, 0, len(s.Engravings))
	for i, es := range s.Engravings {
		e, err := es.ringEngraving(i, s)
		if err != nil {
			return nil, err
		}
		if !surfaceOK(e.Surface) {
			return nil, fmt.Errorf("%w: engravings[%d].surface: %q: allowed %s", ErrSpec, i, es.Surface, allowed)
		}
		var r geom.Region
		pe := pieceEngraving{surface: e.Surface, depthMM: e.DepthMM, emboss: e.Emboss}
		if pe.depthMM == 0 {
			pe.depthMM = ring.DefaultEngraveDepthMM
		}
		if e.Text != nil {
			lay, err := e.Text.Layout()
			if err != nil {
				field := fmt.Sprintf("engravings[%d]", i)
				var mg *engrave.MissingGlyphsError
				if errors.As(err, &mg) {
					field += ".text"
				}
				return nil, fmt.Errorf("%w: %s: %w", ErrSpec, field, err)
			}
			r, pe.text, pe.capMM = lay.Region, true, lay.CapHeightMM
		} else {
			if r, err = e.Image.Region(); err != nil {
				return nil, fmt.Errorf("%w: engravings[%d].image: %w", ErrSpec, i, err)
			}
		}
		if len(r.Contours) == 0 {
			return nil, fmt.Errorf("%w: engravings[%d]: nothing to cut (the text or image has no area)", ErrSpec, i)
		}
		pe.region = geom.Region{Fill: r.Fill, Contours: make([]geom.Contour, len(r.Contours))}
		for k, c := range r.Contours {
			d := make(geom.Contour, len(c))
			for j, q := range c {
				d[j] = geom.Vec2{q[0] + e.AtMM, q[1]}
			}
			pe.region.Contours[k] = d
		}
		out = append(out, pe)
	}
	return out, nil
}

// pieceEngravingReports gives each engraving's report entry (area and depth
// measured on the cut, smallest feature on the region) and the warnings a
// caster would give.
// measured is the engravings' regions measured (engrave.Measure) beside
// the build: call it before building, and the function it returns after.
func measureRegions(es []pieceEngraving) func() []engrave.Facts {
	out := make([]engrave.Facts, len(es))
	done := make(chan struct{})
	go func() {
		for i, e := range es {
			out[i] = engrave.Measure(e.region)
		}
		close(done)
	}()
	return func() []engrave.Facts { <-done; return out }
}

func pieceEngravingReports(es []pieceEngraving, measured []engrave.Facts, facts []geom.CutFacts) ([]EngravingRep, []string) {
	if len(es) == 0 {
		return nil, nil
	}
	out := make([]EngravingRep, len(es))
	var warn []string
	for i, e := range es {
		f := measured[i]
		out[i] = EngravingRep{Surface: e.surface, AreaMM2: round(facts[i].AreaMM2, 3), DepthMM: round(e.depthMM, 3), SmallestFeature: round(f.SmallestFeatureMM, 3)}
		name := fmt.Sprintf("engraving-%d", i)
		if f.SmallestFeatureMM > 0 && f.SmallestFeatureMM < engrave.MinFeatureWarnMM {
			warn = append(warn, fmt.Sprintf("%s: lines %.2f mm wide, thinner than the %.1f mm engraving holds", name, f.SmallestFeatureMM, engrave.MinFeatureWarnMM))
		}
		if !e.emboss && e.text && e.depthMM < ring.CastLetteringDepthMM {
			warn = append(warn, fmt.Sprintf("%s: lettering %.2f mm deep, shallower than the %.1f mm casting holds", name, e.depthMM, ring.CastLetteringDepthMM))
		}
		if e.text && e.capMM < ring.CastLetteringHeightMM {
			warn = append(warn, fmt.Sprintf("%s: lettering %.2f mm tall, smaller than the %.2f mm casting holds", name, e.capMM, ring.CastLetteringHeightMM))
		}
	}
	return out, warn
}
