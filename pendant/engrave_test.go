package pendant

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/gem"
	"github.com/mandrel3d/mandrel/geom"
)

// TestFacePatches checks both faces' grids against the body mesh: every
// grid point with a vertex is where Eval puts it, its normal points out
// of the face (front −Y, back +Y), and (u, v) is right-handed about it.
func TestFacePatches(t *testing.T) {
	for _, p := range []Params{
		{Shape: Heart, WidthMM: 20, HeightMM: 18, DomeMM: 0.8, Stone: &gem.Stone{Cut: gem.Round, DiameterMM: 4}},
		{Shape: Oval, Edge: Bevel},
	} {
		r, err := Build(p)
		if err != nil {
			t.Fatal(err)
		}
		body := r.Model.Part("body").Mesh
		if err := body.Check().Err(); err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			name string
			pt   geom.Patch
			out  float64
		}{{"front", r.Front.Grid, -1}, {"back", r.Back.Grid, 1}} {
			n := 0
			for i := 0; i < f.pt.NU; i++ {
				for j := 0; j < f.pt.NV; j++ {
					v := f.pt.Vert(i, j)
					if v == NoVertex {
						continue
					}
					n++
					q, nm := f.pt.Eval(f.pt.UV(i, j))
					if d := body.Verts[v].Sub(q).Len(); d > 1e-9 {
						t.Fatalf("%s %s (%d, %d): vertex %.3g mm from Eval", p.Shape, f.name, i, j, d)
					}
					if nm[1]*f.out < 0.5 {
						t.Fatalf("%s %s: normal %v", p.Shape, f.name, nm)
					}
					if i+1 < f.pt.NU && j+1 < f.pt.NV && f.pt.Vert(i+1, j) != NoVertex && f.pt.Vert(i, j+1) != NoVertex {
						du := body.Verts[f.pt.Vert(i+1, j)].Sub(body.Verts[v])
						dv := body.Verts[f.pt.Vert(i, j+1)].Sub(body.Verts[v])
						ua, va := f.pt.UV(i+1, j).Sub(f.pt.UV(i, j)), f.pt.UV(i, j+1).Sub(f.pt.UV(i, j))
						// ∂P/∂u × ∂P/∂v along the normal
						if s := du.Mul(1 / ua[0]).Cross(dv.Mul(1 / va[1])).Dot(nm); s <= 0 {
							t.Fatalf("%s %s: (u, v) left-handed about the normal", p.Shape, f.name)
						}
					}
				}
			}
			if n < 50 {
				t.Errorf("%s %s: %d grid vertices", p.Shape, f.name, n)
			}
		}
	}
}

// TestEngraveEmboss raises a square on the front: the volume grows by
// its area × height.
func TestEngraveEmboss(t *testing.T) {
	sq := geom.Region{Contours: []geom.Contour{{{-2, -2}, {2, -2}, {2, 2}, {-2, 2}}}}
	p := Params{Shape: Disc, Edge: Flat}
	plain, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Engravings = []Engraving{{Surface: FaceFront, Region: sq, DepthMM: 0.3, Emboss: true}}
	r, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	m := r.Model.Part("body").Mesh
	if err := m.Check().Err(); err != nil {
		t.Fatal(err)
	}
	if d := m.Volume() - plain.Model.Part("body").Mesh.Volume(); math.Abs(d-16*0.3) > 0.02*16*0.3 {
		t.Errorf("added %.4f mm³, want %.4f", d, 16*0.3)
	}
	if r.EngravingShiftMM[0] != 0 || math.Abs(r.Engravings[0].AreaMM2-16) > 1e-6 {
		t.Errorf("shift %v, facts %+v", r.EngravingShiftMM, r.Engravings)
	}
}

func TestEngravingErrors(t *testing.T) {
	sq := geom.Region{Contours: []geom.Contour{{{-2, -2}, {2, -2}, {2, 2}, {-2, 2}}}}
	big := geom.Region{Contours: []geom.Contour{{{-30, -2}, {30, -2}, {30, 2}, {-30, 2}}}}
	for _, c := range []struct {
		e     Engraving
		field string
	}{
		{Engraving{Surface: "side", Region: sq, DepthMM: 0.3}, "engravings[0].surface"},
		{Engraving{Surface: FaceBack, Region: sq, DepthMM: 1.2}, "engravings[0].depth_mm"},
		{Engraving{Surface: FaceBack, Region: sq}, "engravings[0].depth_mm"},
		{Engraving{Surface: FaceBack, Region: big, DepthMM: 0.3}, "engravings[0]"},
	} {
		_, err := Build(Params{Shape: Disc, Engravings: []Engraving{c.e}})
		if !errors.Is(err, ErrParams) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%+v: error %v, want one naming %s", c.e.Surface, err, c.field)
		}
	}
}
