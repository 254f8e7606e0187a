package mandrel

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
)

func TestPendantSpec(t *testing.T) {
	f, err := os.Open("examples/specs/pendant-heart.json")
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
	for _, p := range m.Parts {
		if err := p.Mesh.Check().Err(); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
	}
	if rep.Pendant == nil || math.Abs(rep.Pendant.HangAngleDeg) > 2 {
		t.Fatalf("pendant report %+v: want a hang angle within 2°", rep.Pendant)
	}
	if len(rep.Stones) != 1 || rep.Stones[0].Carat <= 0 {
		t.Errorf("stones %+v", rep.Stones)
	}
}

func TestPendantSpecErrors(t *testing.T) {
	for _, c := range []struct{ json, field string }{
		{`{"kind":"pendant","pendant":{"shape":"custom","outline":[[0,0],[10,10],[10,0],[0,10]]}}`, "pendant.outline"},
		{`{"kind":"pendant","pendant":{"shape":"disc","bail":{"inner_diameter_mm":0.5}}}`, "pendant.bail.inner_diameter_mm"},
		{`{"kind":"pendant","pendant":{"shape":"blob"}}`, "pendant.shape"},
	} {
		s, err := ParseSpec(strings.NewReader(c.json))
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = Build(context.Background(), s)
		if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: error %v, want ErrSpec naming %s", c.json, err, c.field)
		}
	}
}
