package link

import (
	"errors"
	"strings"
	"testing"
)

// TestBraceletNarrowPlateRefused: a 4 mm plate (allowed 4 to 30) used to
// fail with "plate 4 × 2.5 mm: its hinge bores touch its faces", naming no
// field: its two bores met in the middle. It is now refused naming
// bracelet.link.width_mm, the value and the least width; the least width
// builds, every part closed.
func TestBraceletNarrowPlateRefused(t *testing.T) {
	_, err := BuildBracelet(BraceletParams{WidthMM: 4, HeightMM: 9.5, ThicknessMM: 2.5})
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "bracelet.link.width_mm" || fe.Value != 4.0 || !strings.Contains(fe.Allowed, "at least 4.40 mm") {
		t.Fatalf("4 mm plate: %v, want a bracelet.link.width_mm error naming 4.40 mm", err)
	}
	br, err := BuildBracelet(BraceletParams{WidthMM: 4.4, HeightMM: 9.5, ThicknessMM: 2.5})
	if err != nil {
		t.Fatalf("4.4 mm plate: %v", err)
	}
	for _, p := range br.Model.Parts {
		checkMesh(t, p.Name, p.Mesh)
	}
}
