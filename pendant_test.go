package mandrel

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/engrave"
	"github.com/mandrel3d/mandrel/geom"
)

func TestPendantSpec(t *testing.T) {
	_, m, rep := buildExample(t, "examples/specs/pendant-heart.json")
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
		expectSpecError(t, c.json, c.field)
	}
}

// BenchmarkPendantHeartEngraved is issue #5's benchmark: a heart pendant
// with a bezel stone and a back engraving, built and written as STL.
func BenchmarkPendantHeartEngraved(b *testing.B) {
	benchSpecSTL(b, "examples/specs/pendant-heart-engraved.json")
}

// engravedPendant builds a spec with and without its engravings.
func engravedPendant(t *testing.T, js string) (plain, cut *geom.Model, rep *Report) {
	t.Helper()
	s, err := ParseSpec(strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	cut, rep, err = Build(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	s.Engravings = nil
	plain, _, err = Build(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cut.Parts {
		if err := p.Mesh.Check().Err(); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
	}
	return plain, cut, rep
}

// TestPendantEngravingFaces cuts an "F" into a disc's front and back: every
// new vertex lies on the face or on the floor at the depth (0.01 mm), the
// removed volume is the glyph's area × depth (2 %), the outline's new
// vertices lie on the glyph's outline (0.02 mm), and the F reads the right
// way round from its side: its foot (the lower quarter, only the stem) is
// on the reader's left.
func TestPendantEngravingFaces(t *testing.T) {
	const depth = 0.4
	lay, err := engrave.Text{Text: "F", CapHeightMM: 4}.Layout()
	if err != nil {
		t.Fatal(err)
	}
	area := engrave.Measure(lay.Region).AreaMM2
	for _, c := range []struct {
		face string
		sign float64 // u along +X (front) or −X (back)
		y    func(b geom.Box) float64
		dir  float64 // the floor is at y + dir·depth
	}{
		{"front", 1, func(b geom.Box) float64 { return b.Min[1] }, 1},
		{"back", -1, func(b geom.Box) float64 { return b.Max[1] }, -1},
	} {
		t.Run(c.face, func(t *testing.T) {
			js := `{"kind":"pendant","pendant":{"shape":"disc","width_mm":16,"thickness_mm":1.5,"edge":"flat"},
				"engravings":[{"text":"F","height_mm":4,"depth_mm":0.4,"surface":"` + c.face + `"}]}`
			plain, cut, rep := engravedPendant(t, js)
			pb, cb := plain.Part("body").Mesh, cut.Part("body").Mesh
			face := c.y(pb.Bounds())
			floor := face + c.dir*depth
			removed := pb.Volume() - cb.Volume()
			if math.Abs(removed-area*depth) > 0.02*area*depth {
				t.Errorf("removed %.4f mm³, want area %.4f mm² × %g mm = %.4f (2 %%)", removed, area, depth, area*depth)
			}
			if len(rep.Engravings) != 1 || math.Abs(rep.Engravings[0].AreaMM2-area) > 0.02*area || rep.Engravings[0].Surface != c.face {
				t.Errorf("report %+v, want area %.3f on %s", rep.Engravings, area, c.face)
			}
			// the body's centre in x: u = sign·(x − cx)
			cx := (pb.Bounds().Min[0] + pb.Bounds().Max[0]) / 2
			cz := pb.Centroid()[2]
			var fl []geom.Vec2
			for _, q := range cb.Verts[len(pb.Verts):] {
				uv := geom.Vec2{c.sign * (q[0] - cx), q[2] - cz}
				switch {
				case math.Abs(q[1]-floor) < 0.01:
					fl = append(fl, uv)
				case math.Abs(q[1]-face) < 0.01:
					if d := contourDist(uv, lay.Region); d > 0.02 {
						t.Fatalf("outline vertex (u %.3f, v %.3f) is %.3f mm off the glyph's outline", uv[0], uv[1], d)
					}
				default:
					t.Fatalf("new vertex %v neither on the face (y %.3f) nor on the floor (y %.3f)", q, face, floor)
				}
			}
			if len(fl) == 0 {
				t.Fatal("no floor")
			}
			lo, hi := fl[0], fl[0]
			for _, q := range fl {
				lo, hi = geom.Vec2{math.Min(lo[0], q[0]), math.Min(lo[1], q[1])}, geom.Vec2{math.Max(hi[0], q[0]), math.Max(hi[1], q[1])}
			}
			mid := (lo[0] + hi[0]) / 2
			for _, q := range fl {
				if q[1] < lo[1]+(hi[1]-lo[1])/4 && q[0] > mid {
					t.Fatalf("the F's foot reaches u %.2f, right of its middle %.2f: mirrored as read from the %s", q[0], mid, c.face)
				}
			}
		})
	}
}

// contourDist is the distance from q to the nearest edge of r.
func contourDist(q geom.Vec2, r geom.Region) float64 {
	best := math.Inf(1)
	for _, c := range r.Contours {
		for i, a := range c {
			b := c[(i+1)%len(c)]
			d := b.Sub(a)
			t := 0.0
			if l := d.Dot(d); l > 0 {
				t = math.Max(0, math.Min(1, q.Sub(a).Dot(d)/l))
			}
			best = math.Min(best, q.Sub(a.Add(d.Mul(t))).Len())
		}
	}
	return best
}

// TestPendantHeartEngraved builds the benchmark's piece: every part passes
// Check, the back lettering is reported, and the removed volume matches the
// reported area × depth (the back is flat).
func TestPendantHeartEngraved(t *testing.T) {
	data, err := os.ReadFile("examples/specs/pendant-heart-engraved.json")
	if err != nil {
		t.Fatal(err)
	}
	plain, cut, rep := engravedPendant(t, string(data))
	if len(rep.Engravings) != 1 || rep.Engravings[0].Surface != "back" || rep.Engravings[0].DepthMM != 0.3 {
		t.Fatalf("engravings %+v", rep.Engravings)
	}
	removed := plain.Part("body").Mesh.Volume() - cut.Part("body").Mesh.Volume()
	if want := rep.Engravings[0].AreaMM2 * 0.3; math.Abs(removed-want) > 0.02*want {
		t.Errorf("removed %.4f mm³, want %.4f", removed, want)
	}
	if rep.Pendant == nil || math.Abs(rep.Pendant.HangAngleDeg) > 2 {
		t.Errorf("hang %+v", rep.Pendant)
	}
}

func TestPendantEngravingErrors(t *testing.T) {
	for _, c := range []struct{ eng, field string }{
		{`{"text":"F","height_mm":2,"surface":"side"}`, "engravings[0].surface"},
		{`{"text":"F","height_mm":2,"surface":"back","depth_mm":1.2}`, "engravings[0].depth_mm"},
		{`{"text":"A VERY LONG NAME INDEED","height_mm":3,"surface":"back"}`, "engravings[0]"},
	} {
		s, err := ParseSpec(strings.NewReader(`{"kind":"pendant","pendant":{"shape":"disc","width_mm":16,"thickness_mm":1.5},"engravings":[` + c.eng + `]}`))
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = Build(context.Background(), s)
		if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: error %v, want ErrSpec naming %s", c.eng, err, c.field)
		}
	}
}
