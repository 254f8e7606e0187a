package mandrel

import (
	"fmt"
	"strings"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/ring"
)

// ringStones turns the spec's stones into the ring's. Each stone's fields
// map one to one onto gem.Stone (cut, size, gem) and ring.Stone (setting,
// prongs, at); "at" is read by ring.ParseAt ("top", "bottom", "left",
// "right" or an angle such as "30deg" from the top), or for a channel by
// ring.ParseRun ("shoulders", the default: 30° to 70° on both sides of the
// top; or a run such as "20deg..60deg"), the channel holding as many stones
// as fit 0.15 mm apart; pavé reads "at" as a run too, "top" (the default)
// being ring.PaveTopDeg on each side of the top. A halo rings the stone with melee sized by its
// width (gem.MeleeDiameter). Errors name the field as "stones[i].field".
func ringStones(s *Spec) ([]ring.Stone, error) {
	var out []ring.Stone
	for i, st := range s.Stones {
		cut, err := gem.ParseCut(st.Cut)
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrSpec, prefixed(i, err))
		}
		setting := ring.Setting(strings.ToLower(strings.TrimSpace(st.Setting)))
		var at, to float64
		var mirror bool
		switch a := strings.ToLower(strings.TrimSpace(st.At)); {
		case setting == ring.Pave && (a == "" || a == "top"):
			at, to = -ring.PaveTopDeg, ring.PaveTopDeg
		case setting == ring.Channel || setting == ring.Pave:
			at, to, mirror, err = ring.ParseRun(st.At)
		default:
			at, err = ring.ParseAt(st.At)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrSpec, prefixed(i, err))
		}
		out = append(out, ring.Stone{
			Gem:     gem.Stone{Cut: cut, Gem: st.Gem, DiameterMM: st.DiameterMM, LengthMM: st.LengthMM, WidthMM: st.WidthMM, Carat: st.Carat},
			Setting: setting,
			Prongs:  st.Prongs,
			AtDeg:   at,
			ToDeg:   to,
			Mirror:  mirror,
		})
	}
	return out, nil
}

// prefixed names a gem or ring field error as the spec's stones[i] field.
func prefixed(i int, err error) string {
	switch e := err.(type) {
	case *gem.FieldError:
		return (&ring.FieldError{Field: ring.FieldPrefix(i) + e.Field, Value: e.Value, Allowed: strings.TrimPrefix(e.Allowed, "allowed ")}).Error()
	case *ring.FieldError:
		return (&ring.FieldError{Field: ring.FieldPrefix(i) + e.Field, Value: e.Value, Allowed: e.Allowed}).Error()
	}
	return ring.FieldPrefix(i) + err.Error()
}

// stoneReports turns the ring's StoneFacts into report entries: cut, gem,
// the built size (diameter for a round, else length and width) and the carat
// measured from the stone's mesh, rounded to 0.01 mm and 0.01 ct.
func stoneReports(facts []ring.StoneFacts) []StoneReport {
	var out []StoneReport
	for _, f := range facts {
		r := StoneReport{Cut: string(f.Cut), Gem: f.Gem, Carat: round(f.Carat, 2)}
		if f.DiameterMM != 0 {
			r.DiameterMM = round(f.DiameterMM, 2)
		} else {
			r.LengthMM, r.WidthMM = round(f.LengthMM, 2), round(f.WidthMM, 2)
		}
		out = append(out, r)
	}
	return out
}
