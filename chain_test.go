package mandrel

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestChainSpec(t *testing.T) {
	_, m, rep := buildExample(t, "examples/specs/chain-cable.json")
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

// TestChainSpecPathAndClasp: the spec's path, clasp and clearance reach the
// chain builder, and the report counts links and parts apart.
func TestChainSpecPathAndClasp(t *testing.T) {
	s := mustParse(t, `{"kind":"chain","metal":"925-silver","chain":{"style":"cable","wire_mm":0.8,
		"link_length_mm":4,"link_width_mm":3,"length_mm":60,"path":"straight","clasp":"ring","clearance_mm":0.45}}`)
	m, r, err := Build(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if m.Part("clasp") == nil || m.Part("end-ring-0") == nil || m.Part("end-ring-1") == nil {
		t.Fatal("a straight chain with a ring clasp lacks its clasp or end rings")
	}
	if r.Chain.Closed || r.Chain.Parts != r.Chain.Links+3 {
		t.Errorf("report %+v: want an open chain of links + 2 end rings + clasp", r.Chain)
	}
	if math.Abs(r.Chain.LengthMM-60) > 0.6 || r.Chain.MinGapMM < 0.45-0.01 {
		t.Errorf("length %.2f mm (want 60 ±1 %%), smallest gap %.3f mm (want ≥ 0.45)", r.Chain.LengthMM, r.Chain.MinGapMM)
	}
	for _, bad := range []struct{ spec, field string }{
		{`{"kind":"chain","chain":{"path":"spiral"}}`, "chain.path"},
		{`{"kind":"chain","chain":{"clasp":"lobster"}}`, "chain.clasp"},
		{`{"kind":"chain","chain":{"length_mm":1e7}}`, "chain.length_mm"},
	} {
		_, _, err := Build(context.Background(), mustParse(t, bad.spec))
		if err == nil || !strings.Contains(err.Error(), bad.field) {
			t.Errorf("%s: %v, want an error naming %s", bad.spec, err, bad.field)
		}
	}
}
