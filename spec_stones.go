package mandrel

import (
	"fmt"

	"github.com/mandrel3d/mandrel/ring"
)

// ringStones turns the spec's stones into the ring's.
func ringStones(s *Spec) ([]ring.Stone, error) {
	if len(s.Stones) > 0 {
		return nil, fmt.Errorf("%w: stones: stones are not built by this version yet", ErrSpec)
	}
	return nil, nil
}

// stoneReports turns the ring's StoneFacts into report entries.
func stoneReports(facts []ring.StoneFacts) []StoneReport {
	return nil
}
