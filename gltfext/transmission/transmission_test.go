package transmission_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/qmuntal/gltf"

	"github.com/mandrel3d/mandrel/gltfext/transmission"
)

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		json string // canonical encoding (defaults left out)
		want transmission.Transmission
	}{
		{"default", `{}`, transmission.Transmission{}},
		{"gem", `{"transmissionFactor":1}`, transmission.Transmission{TransmissionFactor: 1}},
		{"texture", `{"transmissionFactor":0.5,"transmissionTexture":{"index":2}}`,
			transmission.Transmission{TransmissionFactor: 0.5, TransmissionTexture: &gltf.TextureInfo{Index: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := transmission.Unmarshal([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, &tt.want) {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.json, got, tt.want)
			}
			out, err := json.Marshal(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.json {
				t.Errorf("Marshal = %s, want %s", out, tt.json)
			}
		})
	}
	if _, err := transmission.Unmarshal([]byte(`{"transmissionFactor":[1]}`)); err == nil {
		t.Error("Unmarshal of an array factor: want an error")
	}
}

func TestValidate(t *testing.T) {
	for _, tt := range []struct {
		f  float64
		ok bool
	}{{0, true}, {1, true}, {0.3, true}, {-0.1, false}, {1.1, false}} {
		err := (&transmission.Transmission{TransmissionFactor: tt.f}).Validate()
		if (err == nil) != tt.ok {
			t.Errorf("Validate(%g) = %v, want ok %v", tt.f, err, tt.ok)
		}
	}
}
