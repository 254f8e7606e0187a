package mandrel

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/engrave"
	"github.com/mandrel3d/mandrel/geom"
	"github.com/mandrel3d/mandrel/link"
)

// TestBraceletSpec builds the example bracelet: every part passes Check,
// 18 plates and 18 hinges, the inner length within 1 % of the wrist plus
// link.DefaultComfortMM, no two parts touching and the gap reported (and
// measured again here on the model), one engraving per lettered plate.
func TestBraceletSpec(t *testing.T) {
	s, m, rep := buildExample(t, "examples/specs/bracelet-modular.json")
	var meshes []*geom.Mesh
	for _, p := range m.Parts {
		if err := p.Mesh.Check().Err(); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		meshes = append(meshes, p.Mesh)
	}
	if len(m.Parts) != 36 || m.Part("link-17") == nil || m.Part("hinge-17") == nil {
		t.Fatalf("%d parts, want link-0…17 and hinge-0…17", len(m.Parts))
	}
	c := rep.Chain
	if c == nil || c.Links != 18 || !c.Closed {
		t.Fatalf("report %+v", c)
	}
	want := s.Bracelet.WristMM + link.DefaultComfortMM
	if math.Abs(c.LengthMM-want) > 0.01*want {
		t.Errorf("inner length %.2f mm, want %.2f within 1 %%", c.LengthMM, want)
	}
	// the plates' inner faces measured directly: the nearest point of each
	// plate to the axis is at the inner radius
	rin := want / (2 * 18 * math.Sin(math.Pi/18))
	for k := 0; k < 18; k++ {
		lo, _ := m.Parts[k].Mesh.AxisDistance(geom.Vec3{}, geom.Vec3{0, 1, 0})
		if math.Abs(lo-rin) > 0.01*rin {
			t.Errorf("link-%d: inner face %.3f mm from the axis, want %.3f", k, lo, rin)
		}
	}
	cl, err := link.MeasureClearance(meshes, 1)
	if err != nil {
		t.Fatal(err)
	}
	if cl.MinGapMM < link.DefaultClearanceMM || math.Abs(cl.MinGapMM-c.MinGapMM) > 0.001 {
		t.Errorf("measured gap %.4f mm, reported %.4f: want both ≥ %.2f and equal", cl.MinGapMM, c.MinGapMM, link.DefaultClearanceMM)
	}
	if len(rep.Warnings) != 0 {
		t.Errorf("warnings %v", rep.Warnings)
	}
	if len(rep.Engravings) != 4 || rep.Engravings[3].Surface != "link-3" || rep.Engravings[0].AreaMM2 <= 0 {
		t.Errorf("engravings %+v", rep.Engravings)
	}
}

// TestBraceletPlateEngraving cuts an "F" into plate 3: every new vertex is
// on the face or on the floor at the depth (0.01 mm, measured along the
// plate's outward normal), the removed volume is the glyph's area × depth
// (2 %), the outline's vertices lie on the glyph's outline (0.02 mm), the
// other plates are untouched, and the F reads the right way round from
// outside: its foot is on the reader's left (u along the bracelet, v
// across it toward +Y).
func TestBraceletPlateEngraving(t *testing.T) {
	const depth = 0.5
	js := `{"kind":"bracelet","bracelet":{"links":18,"wrist_mm":170},
		"engravings":[{"text":"F","height_mm":4,"depth_mm":0.5,"surface":"link-3"}]}`
	s, err := ParseSpec(strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	cut, rep, err := Build(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	s.Engravings = nil
	plain, _, err := Build(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	lay, err := engrave.Text{Text: "F", CapHeightMM: 4}.Layout()
	if err != nil {
		t.Fatal(err)
	}
	area := engrave.Measure(lay.Region).AreaMM2
	pm, cm := plain.Part("link-3").Mesh, cut.Part("link-3").Mesh
	if err := cm.Check().Err(); err != nil {
		t.Fatal(err)
	}
	if removed := pm.Volume() - cm.Volume(); math.Abs(removed-area*depth) > 0.02*area*depth {
		t.Errorf("removed %.4f mm³, want %.4f", removed, area*depth)
	}
	if len(cut.Part("link-2").Mesh.Tris) != len(plain.Part("link-2").Mesh.Tris) {
		t.Error("link-2 changed")
	}
	if len(rep.Engravings) != 1 || rep.Engravings[0].Surface != "link-3" || math.Abs(rep.Engravings[0].AreaMM2-area) > 0.02*area {
		t.Errorf("report %+v, want area %.3f", rep.Engravings, area)
	}
	// plate 3's frame: centre and axes (along, across, outward)
	phi := 2 * math.Pi * 3 / 18
	r := geom.Vec3{math.Sin(phi), 0, math.Cos(phi)}
	tang := geom.Vec3{math.Cos(phi), 0, -math.Sin(phi)}
	o := pm.Centroid()
	front := 0.0
	for _, q := range pm.Verts {
		front = math.Max(front, q.Sub(o).Dot(r))
	}
	var fl []geom.Vec2
	for _, q := range cm.Verts[len(pm.Verts):] {
		d := q.Sub(o)
		uv := geom.Vec2{d.Dot(tang), d[1]}
		h := d.Dot(r)
		switch {
		case math.Abs(h-(front-depth)) < 0.01:
			fl = append(fl, uv)
		case math.Abs(h-front) < 0.01:
			if e := contourDist(uv, lay.Region); e > 0.02 {
				t.Fatalf("outline vertex (u %.3f, v %.3f) %.3f mm off the glyph", uv[0], uv[1], e)
			}
		default:
			t.Fatalf("new vertex %.3f mm above the centre, neither the face (%.3f) nor the floor", h, front)
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
			t.Fatalf("the F's foot reaches u %.2f, right of its middle %.2f: mirrored", q[0], mid)
		}
	}
}

func TestBraceletSpecErrors(t *testing.T) {
	for _, c := range []struct{ json, field string }{
		{`{"kind":"bracelet","bracelet":{"links":2}}`, "bracelet.links"},
		{`{"kind":"bracelet","bracelet":{"links":30,"wrist_mm":150}}`, "bracelet.link.width_mm"},
		{`{"kind":"bracelet","bracelet":{"links":18,"link":{"width_mm":12}}}`, "bracelet.link.width_mm"},
		{`{"kind":"bracelet","bracelet":{"links":18},"engravings":[{"text":"A","height_mm":3,"surface":"link-99"}]}`, "engravings[0].surface"},
		{`{"kind":"bracelet","bracelet":{"links":18},"engravings":[{"text":"A","height_mm":3,"surface":"front"}]}`, "engravings[0].surface"},
		{`{"kind":"bracelet","bracelet":{"links":18},"engravings":[{"text":"ANNA","height_mm":3,"surface":"link-1"}]}`, "engravings[0]"},
		{`{"kind":"bracelet","bracelet":{"links":18},"engravings":[{"text":"A","height_mm":3,"depth_mm":2.5,"surface":"link-1"}]}`, "engravings[0].depth_mm"},
		{`{"kind":"bracelet","bracelet":{"style":"charm"}}`, "bracelet.style"},
		{`{"kind":"bracelet","bracelet":{"wrist_mm":20}}`, "bracelet.wrist_mm"},
	} {
		expectSpecError(t, c.json, c.field)
	}
}

// BenchmarkBraceletModular builds the example bracelet (18 plates, 4
// lettered) and writes it as STL.
func BenchmarkBraceletModular(b *testing.B) {
	benchSpecSTL(b, "examples/specs/bracelet-modular.json")
}
