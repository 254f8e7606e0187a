package mandrel

import (
	"context"
	"fmt"

	"github.com/mandrel3d/mandrel/geom"
)

func buildBracelet(ctx context.Context, s *Spec, tol geom.Tolerance, rep *Report) (*geom.Model, error) {
	return nil, fmt.Errorf("%w: kind %q is not built by this version yet", ErrSpec, s.Kind)
}
