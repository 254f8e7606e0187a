package mandrel

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"time"
)

func TestChainSpec(t *testing.T) {
	f, err := os.Open("examples/specs/chain-cable.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ParseSpec(f)
	if err != nil {
		t.Fatal(err)
	}
	m, rep, err := Build(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Chain == nil || math.Abs(rep.Chain.LengthMM-450)/450 > 0.01 {
		t.Fatalf("chain report %+v: want 450 mm within 1 %%", rep.Chain)
	}
	if rep.Chain.Links != len(m.Parts) || rep.Chain.MinGapMM <= 0 || rep.MetalWeightG <= 0 {
		t.Errorf("chain report %+v, weight %g g", rep.Chain, rep.MetalWeightG)
	}
	for _, p := range m.Parts[:4] {
		if err := p.Mesh.Check().Err(); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
	}
	t.Logf("%d links, %.2f mm, min gap %.3f mm, %.2f g", rep.Chain.Links, rep.Chain.LengthMM, rep.Chain.MinGapMM, rep.MetalWeightG)
}

func TestChainSpecErrors(t *testing.T) {
	for _, c := range []struct{ json, field string }{
		{`{"kind":"chain","chain":{"length_mm":1e7}}`, "chain.length_mm"},
		{`{"kind":"chain","chain":{"wire_mm":2,"link_width_mm":2.5}}`, "chain.link_width_mm"},
	} {
		s, err := ParseSpec(strings.NewReader(c.json))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, _, err = Build(context.Background(), s)
		if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: error %v, want ErrSpec naming %s", c.json, err, c.field)
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("%s: refused after %v", c.json, d)
		}
	}
}
