package link

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestShortChainsRefused: chains too short for their links used to panic
// (a closed chain of 5 to 7 mm: no placement survived the fitting), to
// claim they needed more than 20000 links (an open chain of 5 mm), or to
// fail with a bare "parts intersect" (a closed chain of 8 to 36 mm). Every
// length is now either built, every part closed, or refused with an error
// naming chain.length_mm, the value and the least length allowed; and the
// least length the error names builds.
func TestShortChainsRefused(t *testing.T) {
	for _, st := range Styles {
		for _, path := range Paths {
			for _, clasp := range []Clasp{ClaspNone, ClaspRing} {
				if clasp != ClaspNone && path.closed() {
					continue
				}
				var lmin float64
				for _, l := range []float64{5, 6, 7, 8, 10, 13, 20, 29} {
					p := ChainParams{Link: Params{Style: st}, Path: path, LengthMM: l, Clasp: clasp}
					ch, err := buildNoPanic(p)
					if err == nil {
						for _, part := range ch.Model.Parts {
							checkMesh(t, fmt.Sprintf("%s %s %g mm %s", st, path, l, part.Name), part.Mesh)
						}
						continue
					}
					var fe *FieldError
					if !errors.As(err, &fe) || fe.Field != "chain.length_mm" || !strings.Contains(err.Error(), fmt.Sprint(l)) ||
						!strings.Contains(fe.Allowed, "at least") && !strings.Contains(fe.Allowed, "cannot be spaced") {
						t.Fatalf("%s %s clasp %q %g mm: %v (want a chain.length_mm error naming the value and the least length)", st, path, clasp, l, err)
					}
					if i := strings.Index(fe.Allowed, "at least "); i >= 0 {
						fmt.Sscanf(fe.Allowed[i+9:], "%g", &lmin)
					}
				}
				if lmin == 0 || st == Figaro && path.closed() {
					// A closed figaro chain is refused (cannot be spaced)
					// up to about 80 mm in a circle and 180 mm as a
					// necklace: its long and short links touch on the bend.
					continue
				}
				p := ChainParams{Link: Params{Style: st}, Path: path, LengthMM: lmin, Clasp: clasp}
				ch, err := buildNoPanic(p)
				if err != nil {
					t.Fatalf("%s %s clasp %q at its least length %g mm: %v", st, path, clasp, lmin, err)
				}
				for _, part := range ch.Model.Parts {
					checkMesh(t, fmt.Sprintf("%s %s %g mm %s", st, path, lmin, part.Name), part.Mesh)
				}
			}
		}
	}
}

func buildNoPanic(p ChainParams) (ch *Chain, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return BuildChain(p)
}
