package mandrel

import (
	"fmt"

	"github.com/mandrel3d/mandrel/ring"
)

// ringEngravings turns the spec's engravings into the ring's.
func ringEngravings(s *Spec) ([]ring.Engraving, error) {
	if len(s.Engravings) > 0 {
		return nil, fmt.Errorf("%w: engravings: engravings are not built by this version yet", ErrSpec)
	}
	return nil, nil
}

// engravingReports turns the ring's EngravingFacts into report entries.
func engravingReports(facts []ring.EngravingFacts) []EngravingRep {
	return nil
}
