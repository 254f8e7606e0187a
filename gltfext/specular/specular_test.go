package specular_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/mandrel3d/mandrel/gltfext/specular"
)

func f(v float64) *float64 { return &v }

func TestRoundTrip(t *testing.T) {
	white := [3]float64{1, 1, 1}
	tint := [3]float64{1, 0.9, 0.8}
	tests := []struct {
		name string
		in   specular.Specular // what a writer sets
		json string            // canonical encoding
		want specular.Specular // what decoding the encoding gives
	}{
		{"empty", specular.Specular{}, `{}`, specular.Specular{SpecularFactor: f(1), SpecularColorFactor: &white}},
		{"defaults dropped", specular.Specular{SpecularFactor: f(1), SpecularColorFactor: &white}, `{}`,
			specular.Specular{SpecularFactor: f(1), SpecularColorFactor: &white}},
		{"tinted", specular.Specular{SpecularFactor: f(0.5), SpecularColorFactor: &tint},
			`{"specularFactor":0.5,"specularColorFactor":[1,0.9,0.8]}`,
			specular.Specular{SpecularFactor: f(0.5), SpecularColorFactor: &tint}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.json {
				t.Errorf("Marshal = %s, want %s", out, tt.json)
			}
			got, err := specular.Unmarshal(out)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, &tt.want) {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", out, got, tt.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	for _, tt := range []struct {
		s  specular.Specular
		ok bool
	}{
		{specular.Specular{}, true},
		{specular.Specular{SpecularFactor: f(1.5)}, false},
		{specular.Specular{SpecularColorFactor: &[3]float64{2, 2, 2}}, true},
		{specular.Specular{SpecularColorFactor: &[3]float64{-1, 0, 0}}, false},
	} {
		if err := tt.s.Validate(); (err == nil) != tt.ok {
			t.Errorf("Validate(%+v) = %v, want ok %v", tt.s, err, tt.ok)
		}
	}
}
