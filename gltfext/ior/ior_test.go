package ior_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/mandrel3d/mandrel/gltfext/ior"
)

func f(v float64) *float64 { return &v }

func TestUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		want    ior.IOR
		wantErr bool
	}{
		{"default", `{}`, ior.IOR{IOR: f(1.5)}, false},
		{"diamond", `{"ior":2.42}`, ior.IOR{IOR: f(2.42)}, false},
		{"zero is kept", `{"ior":0}`, ior.IOR{IOR: f(0)}, false},
		{"bad type", `{"ior":"x"}`, ior.IOR{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ior.Unmarshal([]byte(tt.data))
			if (err != nil) != tt.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, wantErr %v", tt.data, err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if !reflect.DeepEqual(got, &tt.want) {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.data, got, tt.want)
			}
		})
	}
}

func TestMarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		in   ior.IOR
		want string
	}{
		{"nil is default", ior.IOR{}, `{}`},
		{"default dropped", ior.IOR{IOR: f(1.5)}, `{}`},
		{"diamond", ior.IOR{IOR: f(2.42)}, `{"ior":2.42}`},
		{"zero kept", ior.IOR{IOR: f(0)}, `{"ior":0}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []any{tt.in, &tt.in} { // value and pointer encode alike
				got, err := json.Marshal(v)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != tt.want {
					t.Errorf("Marshal(%T) = %s, want %s", v, got, tt.want)
				}
			}
			back, err := ior.Unmarshal([]byte(tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if g, w := back.(*ior.IOR).Value(), tt.in.Value(); g != w {
				t.Errorf("round trip ior = %g, want %g", g, w)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	for _, tt := range []struct {
		v  *float64
		ok bool
	}{{nil, true}, {f(1), true}, {f(2.42), true}, {f(0), true}, {f(0.5), false}, {f(-1), false}} {
		err := (&ior.IOR{IOR: tt.v}).Validate()
		if (err == nil) != tt.ok {
			t.Errorf("Validate(%v) = %v, want ok %v", tt.v, err, tt.ok)
		}
	}
}
