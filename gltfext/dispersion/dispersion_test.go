package dispersion_test

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/mandrel3d/mandrel/gltfext/dispersion"
)

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		json string
		want dispersion.Dispersion
	}{
		{"default", `{}`, dispersion.Dispersion{}},
		{"diamond", `{"dispersion":0.36}`, dispersion.Dispersion{Dispersion: 0.36}},
		{"rutile", `{"dispersion":2.04}`, dispersion.Dispersion{Dispersion: 2.04}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dispersion.Unmarshal([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, &tt.want) {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.json, got, tt.want)
			}
			out, err := json.Marshal(&tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.json {
				t.Errorf("Marshal = %s, want %s", out, tt.json)
			}
		})
	}
}

// TestFromAbbe checks the Khronos README's table: 20/V for diamond (V = 55),
// polycarbonate (32) and crown glass (59), rounded as the table rounds.
func TestFromAbbe(t *testing.T) {
	for _, tt := range []struct{ abbe, want float64 }{{55, 0.36}, {32, 0.625}, {59, 0.34}, {9.8, 2.04}} {
		if got := dispersion.FromAbbe(tt.abbe); math.Abs(got-tt.want) > 0.005 {
			t.Errorf("FromAbbe(%g) = %g, want %g", tt.abbe, got, tt.want)
		}
	}
	for _, bad := range []float64{0, -3, math.Inf(1), math.NaN()} {
		if got := dispersion.FromAbbe(bad); got != 0 {
			t.Errorf("FromAbbe(%g) = %g, want 0", bad, got)
		}
	}
	if err := (&dispersion.Dispersion{Dispersion: -0.1}).Validate(); err == nil {
		t.Error("Validate(-0.1): want an error")
	}
}
