package volume_test

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/mandrel3d/mandrel/gltfext/volume"
)

func f(v float64) *float64 { return &v }

func TestUnmarshalJSON(t *testing.T) {
	white := [3]float64{1, 1, 1}
	blue := [3]float64{0.1, 0.2, 0.9}
	tests := []struct {
		name string
		data string
		want volume.Volume
	}{
		{"default", `{}`, volume.Volume{AttenuationColor: &white}},
		{"gem", `{"thicknessFactor":0.002,"attenuationDistance":0.005,"attenuationColor":[0.1,0.2,0.9]}`,
			volume.Volume{ThicknessFactor: 0.002, AttenuationDistance: f(0.005), AttenuationColor: &blue}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := volume.Unmarshal([]byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, &tt.want) {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.data, got, tt.want)
			}
		})
	}
	v := new(volume.Volume)
	if err := json.Unmarshal([]byte(`{}`), v); err != nil {
		t.Fatal(err)
	}
	if d := v.AttenuationDistanceOrDefault(); !math.IsInf(d, 1) {
		t.Errorf("absent attenuationDistance = %g, want +Inf", d)
	}
}

func TestMarshalJSON(t *testing.T) {
	white := [3]float64{1, 1, 1}
	red := [3]float64{0.9, 0.1, 0.1}
	tests := []struct {
		name string
		in   volume.Volume
		want string
	}{
		{"empty", volume.Volume{}, `{}`},
		{"default colour dropped", volume.Volume{AttenuationColor: &white}, `{}`},
		{"ruby", volume.Volume{ThicknessFactor: 0.003, AttenuationDistance: f(0.002), AttenuationColor: &red},
			`{"thicknessFactor":0.003,"attenuationDistance":0.002,"attenuationColor":[0.9,0.1,0.1]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(&tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Marshal = %s, want %s", got, tt.want)
			}
			back, err := volume.Unmarshal(got)
			if err != nil {
				t.Fatal(err)
			}
			b := back.(*volume.Volume)
			if b.ThicknessFactor != tt.in.ThicknessFactor || b.AttenuationColorOrDefault() != tt.in.AttenuationColorOrDefault() ||
				b.AttenuationDistanceOrDefault() != tt.in.AttenuationDistanceOrDefault() {
				t.Errorf("round trip = %+v, want %+v", b, tt.in)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	neg := [3]float64{1, -1, 1}
	for _, tt := range []struct {
		name string
		v    volume.Volume
		ok   bool
	}{
		{"zero", volume.Volume{}, true},
		{"negative thickness", volume.Volume{ThicknessFactor: -1}, false},
		{"zero distance", volume.Volume{AttenuationDistance: f(0)}, false},
		{"negative colour", volume.Volume{AttenuationColor: &neg}, false},
	} {
		if err := tt.v.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}
