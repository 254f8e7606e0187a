package link

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

// TestBracelet checks the default bracelet: every part closed and
// oriented, the inner length the wrist plus the ease (1 %), every hinge
// interlocked with both its plates (its centreline links a loop drawn
// through the metal round each bore: linking number ±1), and the gap
// between parts at least the clearance.
func TestBracelet(t *testing.T) {
	p := BraceletParams{WristMM: 160}
	b, err := BuildBracelet(p)
	if err != nil {
		t.Fatal(err)
	}
	n := b.Links
	if n < MinBraceletLinks || len(b.Model.Parts) != 2*n {
		t.Fatalf("%d links, %d parts", n, len(b.Model.Parts))
	}
	for _, part := range b.Model.Parts {
		if err := part.Mesh.Check().Err(); err != nil {
			t.Fatalf("%s: %v", part.Name, err)
		}
	}
	if want := 160 + DefaultComfortMM; math.Abs(b.InnerLengthMM-want) > 0.01*want {
		t.Errorf("inner length %.2f, want %.2f", b.InnerLengthMM, want)
	}
	if b.Clearance.MinGapMM < DefaultClearanceMM || len(b.Warnings) > 0 {
		t.Errorf("gap %.3f mm, warnings %v", b.Clearance.MinGapMM, b.Warnings)
	}
	q := p.withDefaults()
	rb, bx := q.boreRadius(), q.boreX()
	rc := q.centreRadius(n)
	// a loop in plate k's metal round the bore at x = s·bx: a rectangle in
	// the cross-section plane y = 0, between the bore and the faces
	loop := func(k int, s float64) []geom.Vec3 {
		o, tt, a, r := braceletFrame(k, n, rc)
		h := (rb + q.ThicknessMM/2) / 2
		var out []geom.Vec3
		for _, c := range [][2]float64{{-h, -h}, {h, -h}, {h, h}, {-h, h}} {
			out = append(out, onPlate(geom.Vec3{s*bx + c[0], 0, c[1]}, o, tt, a, r))
		}
		return out
	}
	for k := 0; k < n; k++ {
		hinge := b.Model.Parts[n+k].Mesh
		// the hinge's centreline as built: through the two bores' axes,
		// turning beyond the plates' sides (a rectangle has the stadium's
		// linking number)
		o, tt, a, r := braceletFrame(k, n, rc)
		on, tn, an, rn := braceletFrame((k+1)%n, n, rc)
		pa := onPlate(geom.Vec3{bx, 0, 0}, o, tt, a, r)
		pb := onPlate(geom.Vec3{-bx, 0, 0}, on, tn, an, rn)
		y0 := q.HeightMM/2 + q.WireMM/2 + q.ClearanceMM + 0.05
		cl := []geom.Vec3{pa.Add(a.Mul(-y0)), pa.Add(a.Mul(y0)), pb.Add(a.Mul(y0)), pb.Add(a.Mul(-y0))}
		// the hinge's wire crosses the plates' middle plane (y = 0) inside
		// both bores, all round within the bore's radius of their axes
		var inA, inB int
		for _, tr := range hinge.Tris {
			for e := 0; e < 3; e++ {
				u, v := hinge.Verts[tr[e]], hinge.Verts[tr[(e+1)%3]]
				if (u[1] > 0) == (v[1] > 0) {
					continue
				}
				x := u.Add(v.Sub(u).Mul(u[1] / (u[1] - v[1])))
				switch {
				case x.Sub(pa).Len() < rb:
					inA++
				case x.Sub(pb).Len() < rb:
					inB++
				default:
					t.Fatalf("hinge-%d crosses y = 0 at %v, outside both bores", k, x)
				}
			}
		}
		if inA == 0 || inB == 0 {
			t.Errorf("hinge-%d: %d and %d crossings in the bores of link-%d and link-%d", k, inA, inB, k, (k+1)%n)
		}
		if lk := LinkingNumber(cl, loop(k, 1)); math.Abs(math.Abs(lk)-1) > 0.01 {
			t.Errorf("hinge-%d and link-%d: linking number %.3f, want ±1", k, k, lk)
		}
		if lk := LinkingNumber(cl, loop((k+1)%n, -1)); math.Abs(math.Abs(lk)-1) > 0.01 {
			t.Errorf("hinge-%d and link-%d: linking number %.3f, want ±1", k, (k+1)%n, lk)
		}
	}
}

// TestPlatePatch checks the plate's front patch against its mesh: every
// grid point's vertex is where Eval puts it, on the front face.
func TestPlatePatch(t *testing.T) {
	pl, err := newPlate(9, 9.5, 2.5, 0.75, 3.1, geom.Tolerance{})
	if err != nil {
		t.Fatal(err)
	}
	if err := pl.Mesh.Check().Err(); err != nil {
		t.Fatal(err)
	}
	// the bores take their volume out of the box
	want := 9*9.5*2.5 - 2*math.Pi*0.75*0.75*9.5
	if v := pl.Mesh.Volume(); math.Abs(v-want) > 0.01*want {
		t.Errorf("volume %.3f mm³, want %.3f", v, want)
	}
	f := pl.Front
	for i := 0; i < f.NU; i++ {
		for j := 0; j < f.NV; j++ {
			p, n := f.Eval(f.UV(i, j))
			if d := pl.Mesh.Verts[f.Vert(i, j)].Sub(p).Len(); d > 1e-9 || n != (geom.Vec3{0, 0, 1}) {
				t.Fatalf("grid point (%d, %d): vertex %.3g mm from Eval", i, j, d)
			}
		}
	}
}

func TestBraceletErrors(t *testing.T) {
	for _, c := range []struct {
		p     BraceletParams
		field string
	}{
		{BraceletParams{Links: 2}, "bracelet.links"},
		{BraceletParams{Links: 25, WristMM: 150}, "bracelet.link.width_mm"},
		{BraceletParams{Links: 4}, "bracelet.links"},
		{BraceletParams{ThicknessMM: 1.6, WireMM: 1}, "bracelet.link.thickness_mm"},
		{BraceletParams{WristMM: 1e9}, "bracelet.wrist_mm"},
		{BraceletParams{Links: 18, Engravings: []PlateEngraving{{Plate: 99, DepthMM: 0.3}}}, "engravings[0].surface"},
	} {
		_, err := BuildBracelet(c.p)
		if !errors.Is(err, ErrParams) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%+v: error %v, want one naming %s", c.p, err, c.field)
		}
	}
}
