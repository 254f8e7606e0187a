package geom

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// checkTriangulation verifies that tr is a valid triangulation of the convex
// hull of its vertices: triangles counter-clockwise (exact), every edge used
// once per direction, hull area matched, Euler's formula, every vertex used,
// every unconstrained interior edge locally Delaunay (which makes the whole
// triangulation constrained Delaunay), and every input segment covered by a
// chain of constrained edges along it.
func checkTriangulation(t *testing.T, pts []Vec2, segs [][2]int, tr *Triangulation2D) {
	t.Helper()
	nv := len(tr.Verts)
	if len(tr.Index) < len(pts) {
		t.Fatalf("Index has %d entries for %d points", len(tr.Index), len(pts))
	}
	box := EmptyBox2()
	for _, p := range pts {
		box = box.Extend(p)
	}
	ext := math.Max(box.Size()[0], box.Size()[1])
	for i, p := range pts {
		q := tr.Verts[tr.Index[i]]
		if math.Sqrt(sqDist2(p, q)) > MergeRel*ext*1.0001 {
			t.Fatalf("point %d %v maps to vertex %v, farther than the merge distance", i, p, q)
		}
	}
	type edge struct{ a, b uint32 }
	dir := make(map[edge]int, 3*len(tr.Tris))
	used := make([]bool, nv)
	var area float64
	for i, tri := range tr.Tris {
		a, b, c := tr.Verts[tri[0]], tr.Verts[tri[1]], tr.Verts[tri[2]]
		if orient2(a, b, c) <= 0 {
			t.Fatalf("triangle %d %v is not counter-clockwise", i, tri)
		}
		area += cross2(b.Sub(a), c.Sub(a)) / 2
		for k := 0; k < 3; k++ {
			e := edge{tri[k], tri[(k+1)%3]}
			if _, dup := dir[e]; dup {
				t.Fatalf("half-edge %v used twice", e)
			}
			dir[e] = i
			used[tri[k]] = true
		}
	}
	for v, u := range used {
		if !u && len(tr.Tris) > 0 {
			t.Fatalf("vertex %d %v is in no triangle", v, tr.Verts[v])
		}
	}
	hull := convexHullArea(tr.Verts)
	if math.Abs(area-hull) > 1e-12*math.Max(hull, 1e-300)+1e-300 {
		t.Fatalf("triangles cover %.17g mm², the convex hull is %.17g mm²", area, hull)
	}
	nb := 0
	for e := range dir {
		if _, ok := dir[edge{e.b, e.a}]; !ok {
			nb++
		}
	}
	ne := (3*len(tr.Tris) + nb) / 2
	if len(tr.Tris) > 0 && nv-ne+len(tr.Tris) != 1 {
		t.Fatalf("Euler: V−E+F = %d−%d+%d, want 1", nv, ne, len(tr.Tris))
	}
	con := make(map[edge]bool, len(tr.Constrained))
	for _, c := range tr.Constrained {
		if c[0] >= c[1] {
			t.Fatalf("constrained edge %v not lower-first", c)
		}
		if _, ok := dir[edge{c[0], c[1]}]; !ok {
			if _, ok := dir[edge{c[1], c[0]}]; !ok {
				t.Fatalf("constrained edge %v is not an edge", c)
			}
		}
		con[edge{c[0], c[1]}] = true
	}
	// Local Delaunay for every unconstrained interior edge.
	for e, i := range dir {
		j, ok := dir[edge{e.b, e.a}]
		if !ok || e.a > e.b || con[edge{e.a, e.b}] {
			continue
		}
		ti, tj := tr.Tris[i], tr.Tris[j]
		var c, d uint32
		for k := 0; k < 3; k++ {
			if ti[k] != e.a && ti[k] != e.b {
				c = ti[k]
			}
			if tj[k] != e.a && tj[k] != e.b {
				d = tj[k]
			}
		}
		if incircle2(tr.Verts[e.a], tr.Verts[e.b], tr.Verts[c], tr.Verts[d]) > 0 {
			t.Fatalf("unconstrained edge %d–%d is not Delaunay", e.a, e.b)
		}
	}
	// Every segment is a chain of constrained edges along it.
	adj := make(map[uint32][]uint32)
	for _, c := range tr.Constrained {
		adj[c[0]] = append(adj[c[0]], c[1])
		adj[c[1]] = append(adj[c[1]], c[0])
	}
	tol := 1e-9 * ext
	for si, s := range segs {
		a, b := tr.Index[s[0]], tr.Index[s[1]]
		if a == b {
			continue
		}
		pa, pb := tr.Verts[a], tr.Verts[b]
		d := pb.Sub(pa)
		l2 := d.Dot(d)
		seen := map[uint32]bool{a: true}
		queue := []uint32{a}
		found := false
		for len(queue) > 0 && !found {
			v := queue[0]
			queue = queue[1:]
			tv := tr.Verts[v].Sub(pa).Dot(d) / l2
			for _, w := range adj[v] {
				if seen[w] {
					continue
				}
				pw := tr.Verts[w]
				tw := pw.Sub(pa).Dot(d) / l2
				if tw <= tv || tw > 1+1e-9 || segmentDist(pa, pb, pw) > tol {
					continue
				}
				if w == b {
					found = true
					break
				}
				seen[w] = true
				queue = append(queue, w)
			}
		}
		if !found {
			t.Fatalf("segment %d (%v–%v) is not a chain of constrained edges", si, pa, pb)
		}
	}
}

// convexHullArea returns the area of the convex hull (monotone chain).
func convexHullArea(pts []Vec2) float64 {
	p := slices.Clone(pts)
	slices.SortFunc(p, func(a, b Vec2) int {
		if a[0] != b[0] {
			if a[0] < b[0] {
				return -1
			}
			return 1
		}
		if a[1] < b[1] {
			return -1
		} else if a[1] > b[1] {
			return 1
		}
		return 0
	})
	if len(p) < 3 {
		return 0
	}
	var h []Vec2
	for pass := 0; pass < 2; pass++ {
		start := len(h)
		for _, q := range p {
			for len(h) >= start+2 && orient2(h[len(h)-2], h[len(h)-1], q) <= 0 {
				h = h[:len(h)-1]
			}
			h = append(h, q)
		}
		h = h[:len(h)-1]
		slices.Reverse(p)
	}
	return polygonArea2(h) / 2
}

func TestTriangulate2DDelaunayRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pts := make([]Vec2, 400)
	for i := range pts {
		pts[i] = Vec2{rng.Float64() * 10, rng.Float64() * 7}
	}
	tr, err := Triangulate2D(pts, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkTriangulation(t, pts, nil, tr)
	// Global empty-circle property: no vertex inside any circumcircle.
	for i, tri := range tr.Tris {
		a, b, c := tr.Verts[tri[0]], tr.Verts[tri[1]], tr.Verts[tri[2]]
		for v, p := range tr.Verts {
			if incircle2(a, b, c, p) > 0 {
				t.Fatalf("vertex %d lies inside the circumcircle of triangle %d", v, i)
			}
		}
	}
	// Delaunay triangulation of n points with h on the hull: 2n−2−h triangles.
	if len(tr.Tris) < len(pts) {
		t.Fatalf("%d triangles for %d points", len(tr.Tris), len(pts))
	}
}

func TestTriangulate2DGrid(t *testing.T) {
	// A grid is maximally cocircular: every decision falls to the exact
	// predicates. 21×21 points, with the grid lines as constraints every 5.
	var pts []Vec2
	id := func(i, j int) int { return i*21 + j }
	for i := 0; i <= 20; i++ {
		for j := 0; j <= 20; j++ {
			pts = append(pts, Vec2{0.1 * float64(j), 0.1 * float64(i)})
		}
	}
	var segs [][2]int
	for i := 0; i <= 20; i += 5 {
		segs = append(segs, [2]int{id(i, 0), id(i, 20)}, [2]int{id(0, i), id(20, i)})
	}
	segs = append(segs, [2]int{id(0, 0), id(20, 20)}) // through every diagonal vertex
	tr, err := Triangulate2D(pts, segs)
	if err != nil {
		t.Fatal(err)
	}
	checkTriangulation(t, pts, segs, tr)
	if len(tr.Verts) != 441 {
		t.Fatalf("%d vertices, want 441 (grid lines meet at grid points)", len(tr.Verts))
	}
	if len(tr.Tris) != 800 {
		t.Fatalf("%d triangles, want 2·20·20 = 800", len(tr.Tris))
	}
}

func TestTriangulate2DCrossingSegments(t *testing.T) {
	// Two crossing diagonals of a square: one new vertex at the centre, four
	// triangles.
	pts := []Vec2{{0, 0}, {2, 0}, {2, 2}, {0, 2}}
	segs := [][2]int{{0, 2}, {1, 3}}
	tr, err := Triangulate2D(pts, segs)
	if err != nil {
		t.Fatal(err)
	}
	checkTriangulation(t, pts, segs, tr)
	if len(tr.Verts) != 5 || tr.Verts[4] != (Vec2{1, 1}) {
		t.Fatalf("vertices %v, want the 4 corners and (1, 1)", tr.Verts)
	}
	if len(tr.Tris) != 4 || len(tr.Constrained) != 4 {
		t.Fatalf("%d triangles and %d constrained edges, want 4 and 4", len(tr.Tris), len(tr.Constrained))
	}
}

func TestTriangulate2DCollinearOverlap(t *testing.T) {
	// Overlapping collinear segments 0–2 and 1–3 on the x axis, plus a point
	// above so there are triangles: the axis becomes three constrained edges.
	pts := []Vec2{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {1.5, 1}, {1.5, -1}}
	segs := [][2]int{{0, 2}, {1, 3}, {3, 0}}
	tr, err := Triangulate2D(pts, segs)
	if err != nil {
		t.Fatal(err)
	}
	checkTriangulation(t, pts, segs, tr)
	if len(tr.Constrained) != 3 {
		t.Fatalf("constrained edges %v, want the 3 pieces of the axis", tr.Constrained)
	}
}

func TestTriangulate2DDuplicates(t *testing.T) {
	pts := []Vec2{{0, 0}, {1, 0}, {1, 1}, {0, 0}, {1, 1e-14}, {0, 1}}
	tr, err := Triangulate2D(pts, [][2]int{{0, 4}, {3, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Verts) != 4 {
		t.Fatalf("%d vertices, want 4 (exact and near duplicates merged)", len(tr.Verts))
	}
	if tr.Index[3] != tr.Index[0] || tr.Index[4] != tr.Index[1] {
		t.Fatalf("Index %v does not merge the duplicates", tr.Index)
	}
	checkTriangulation(t, pts, [][2]int{{0, 4}, {3, 2}}, tr)
}

func TestTriangulate2DDegenerate(t *testing.T) {
	for _, pts := range [][]Vec2{nil, {{1, 1}}, {{1, 1}, {1, 1}}, {{0, 0}, {1, 1}, {2, 2}, {3, 3}}} {
		tr, err := Triangulate2D(pts, nil)
		if err != nil {
			t.Fatalf("%v: %v", pts, err)
		}
		if len(tr.Tris) != 0 || len(tr.Index) != len(pts) {
			t.Fatalf("%v: %d triangles, %d indices", pts, len(tr.Tris), len(tr.Index))
		}
	}
	if _, err := Triangulate2D([]Vec2{{0, 0}, {math.NaN(), 1}, {1, 1}}, nil); !errors.Is(err, ErrInvalid) {
		t.Fatalf("NaN point: err %v, want ErrInvalid", err)
	}
	if _, err := Triangulate2D([]Vec2{{0, 0}, {1, 0}, {1, 1}}, [][2]int{{0, 3}}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad segment index: err %v, want ErrInvalid", err)
	}
}

// randomMessy returns seeded points and segments with crossings, duplicates,
// collinear overlaps and points on segments.
func randomMessy(rng *rand.Rand, n int) ([]Vec2, [][2]int) {
	var pts []Vec2
	for i := 0; i < n; i++ {
		switch rng.IntN(5) {
		case 0: // on a coarse grid: collinear and cocircular sets
			pts = append(pts, Vec2{float64(rng.IntN(8)), float64(rng.IntN(8))})
		case 1: // duplicate of an earlier point
			if len(pts) > 0 {
				pts = append(pts, pts[rng.IntN(len(pts))])
				continue
			}
			fallthrough
		default:
			pts = append(pts, Vec2{rng.Float64() * 7, rng.Float64() * 7})
		}
	}
	segs := make([][2]int, n)
	for i := range segs {
		segs[i] = [2]int{rng.IntN(n), rng.IntN(n)}
	}
	return pts, segs
}

func TestTriangulate2DStress(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for iter := 0; iter < 60; iter++ {
		pts, segs := randomMessy(rng, 10+rng.IntN(60))
		tr, err := Triangulate2D(pts, segs)
		if err != nil {
			t.Fatalf("case %d: %v", iter, err)
		}
		checkTriangulation(t, pts, segs, tr)
	}
}

func TestCDTAddAfter(t *testing.T) {
	c, err := NewCDT([]Vec2{{0, 0}, {4, 0}, {4, 4}, {0, 4}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.AddPoint(Vec2{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	q, err := c.AddPoint(Vec2{3, 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddSegment(p, q); err != nil {
		t.Fatal(err)
	}
	if err := c.AddSegment(0, 2); err != nil { // crosses p–q at (2, 2)
		t.Fatal(err)
	}
	tr := c.Result()
	checkTriangulation(t, []Vec2{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {1, 2}, {3, 2}}, [][2]int{{4, 5}, {0, 2}}, tr)
	if len(tr.Verts) != 7 || tr.Verts[6] != (Vec2{2, 2}) {
		t.Fatalf("vertices %v, want a crossing vertex at (2, 2)", tr.Verts)
	}
}

func TestPredicatesExact(t *testing.T) {
	// Points on a line y = x·(1+2^-52) spaced below float resolution: the
	// float determinant is noise, the exact one is not.
	a := Vec2{0.5, 0.5}
	for i := 0; i < 200; i++ {
		b := Vec2{12, 12}
		c := Vec2{24, 24}
		d := Vec2{0.5 + float64(i)*0x1p-53, 0.5}
		want := orient2Big(a, b, d)
		if got := orient2(a, b, d); got != want {
			t.Fatalf("orient2(%v, %v, %v) = %d, want %d", a, b, d, got, want)
		}
		if got := orient2(a, c, d); got != orient2Big(a, c, d) {
			t.Fatalf("orient2 near-collinear case %d wrong", i)
		}
	}
	// Four points on the unit circle scaled to exactly representable values
	// are cocircular: incircle is exactly 0; nudging the fourth by one ulp
	// changes the sign.
	p := []Vec2{{3, 4}, {-4, 3}, {-3, -4}, {4, -3}}
	if s := incircle2(p[0], p[1], p[2], p[3]); s != 0 {
		t.Fatalf("cocircular incircle = %d, want 0", s)
	}
	in := Vec2{math.Nextafter(4, 0), -3}
	out := Vec2{math.Nextafter(4, 5), -3}
	if incircle2(p[0], p[1], p[2], in) != 1 || incircle2(p[0], p[1], p[2], out) != -1 {
		t.Fatal("incircle does not see a one-ulp move")
	}
}

func BenchmarkCDTSpiral50k(b *testing.B) {
	// An Archimedean spiral of 50,000 segments (a dense engraving contour).
	const n = 50000
	pts := make([]Vec2, n+1)
	for i := range pts {
		th := float64(i) * 0.01
		r := 1 + 0.05*th
		pts[i] = Vec2{r * math.Cos(th), r * math.Sin(th)}
	}
	segs := make([][2]int, n)
	for i := range segs {
		segs[i] = [2]int{i, i + 1}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Triangulate2D(pts, segs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCDTPolygons50k(b *testing.B) {
	// 5,000 random 10-gons in a 30 mm square, overlapping each other (about
	// a glyph's worth of crossings each): 50,000 segments.
	rng := rand.New(rand.NewPCG(3, 4))
	var pts []Vec2
	var segs [][2]int
	for k := 0; k < 5000; k++ {
		cx, cy := rng.Float64()*30, rng.Float64()*30
		base := len(pts)
		for j := 0; j < 10; j++ {
			th := 2 * math.Pi * float64(j) / 10
			r := 0.1 + 0.1*rng.Float64()
			pts = append(pts, Vec2{cx + r*math.Cos(th), cy + r*math.Sin(th)})
			segs = append(segs, [2]int{base + j, base + (j+1)%10})
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Triangulate2D(pts, segs); err != nil {
			b.Fatal(err)
		}
	}
}

// orient2Big is the orientation computed with exact rationals.
func orient2Big(a, b, c Vec2) int {
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	sub := func(x, y float64) *big.Rat { return new(big.Rat).Sub(r(x), r(y)) }
	l := new(big.Rat).Mul(sub(a[0], c[0]), sub(b[1], c[1]))
	rr := new(big.Rat).Mul(sub(a[1], c[1]), sub(b[0], c[0]))
	return l.Sub(l, rr).Sign()
}

func TestTriangulate2DHardCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	// A star burst: 60 chords of a circle all through its centre, so every
	// crossing lands on (or within rounding of) the same point.
	var star []Vec2
	var starSegs [][2]int
	for i := 0; i < 60; i++ {
		th := math.Pi * float64(i) / 60
		star = append(star, Vec2{3 * math.Cos(th), 3 * math.Sin(th)}, Vec2{-3 * math.Cos(th), -3 * math.Sin(th)})
		starSegs = append(starSegs, [2]int{2 * i, 2*i + 1})
	}
	// Near-parallel segments fanning out from one end by 1e-9 rad steps,
	// crossed by a transversal: crossings a few nanometres apart.
	fan := []Vec2{{0, 0}, {5, -1}, {5, 1}}
	fanSegs := [][2]int{{1, 2}}
	for i := 0; i < 30; i++ {
		fan = append(fan, Vec2{10, 1e-8 * float64(i)}, Vec2{-1e-3, 1e-9 * float64(i%7)})
		fanSegs = append(fanSegs, [2]int{len(fan) - 2, len(fan) - 1}, [2]int{0, len(fan) - 2})
	}
	// 150 random long segments: thousands of crossings.
	var long []Vec2
	var longSegs [][2]int
	for i := 0; i < 150; i++ {
		long = append(long, Vec2{rng.Float64() * 10, rng.Float64() * 10}, Vec2{rng.Float64() * 10, rng.Float64() * 10})
		longSegs = append(longSegs, [2]int{2 * i, 2*i + 1})
	}
	// Overlapping collinear segments of random extents on three lines.
	var col []Vec2
	var colSegs [][2]int
	for i := 0; i < 60; i++ {
		a, b := rng.Float64()*10, rng.Float64()*10
		switch i % 3 {
		case 0:
			col = append(col, Vec2{a, 0}, Vec2{b, 0})
		case 1:
			col = append(col, Vec2{a, a * 0.1}, Vec2{b, b * 0.1})
		default:
			col = append(col, Vec2{5, a}, Vec2{5, b})
		}
		colSegs = append(colSegs, [2]int{2 * i, 2*i + 1})
	}
	cases := []struct {
		name string
		pts  []Vec2
		segs [][2]int
	}{
		{"star burst", star, starSegs},
		{"near-parallel fan", fan, fanSegs},
		{"random long segments", long, longSegs},
		{"collinear overlaps", col, colSegs},
	}
	for _, tc := range cases {
		tr, err := Triangulate2D(tc.pts, tc.segs)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		checkTriangulation(t, tc.pts, tc.segs, tr)
	}
}

// TestTriangulate2DNearCollinear throws segments lying on a few lines of
// random slope at the triangulation: their end points are rounded off the
// lines, so they overlap and cross each other at tiny angles (the case that
// makes naive crossing insertion cascade).
func TestTriangulate2DNearCollinear(t *testing.T) {
	for seed := uint64(0); seed < 150; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		var pts []Vec2
		var segs [][2]int
		nl := 1 + rng.IntN(5)
		type line struct {
			k, m float64
			vert bool
		}
		lines := make([]line, nl)
		for i := range lines {
			lines[i] = line{rng.NormFloat64(), rng.Float64() * 3, rng.IntN(4) == 0}
		}
		n := 5 + rng.IntN(80)
		for i := 0; i < n; i++ {
			switch rng.IntN(3) {
			case 0, 1:
				l := lines[rng.IntN(nl)]
				a, b := rng.Float64()*10, rng.Float64()*10
				if rng.IntN(3) == 0 {
					a = math.Round(a)
				}
				if l.vert {
					pts = append(pts, Vec2{l.m, a}, Vec2{l.m, b})
				} else {
					pts = append(pts, Vec2{a, l.k*a + l.m}, Vec2{b, l.k*b + l.m})
				}
			default:
				pts = append(pts, Vec2{rng.Float64() * 10, rng.Float64() * 10}, Vec2{rng.Float64() * 10, rng.Float64() * 10})
			}
			segs = append(segs, [2]int{len(pts) - 2, len(pts) - 1})
			if rng.IntN(5) == 0 && len(pts) > 4 {
				segs = append(segs, [2]int{rng.IntN(len(pts)), rng.IntN(len(pts))})
			}
		}
		tr, err := Triangulate2D(pts, segs)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		checkTriangulation(t, pts, segs, tr)
	}
}

func TestTriangulate2DWindingOnGrid(t *testing.T) {
	// The engraving case: a surface's (u, v) grid with an outline cut into
	// it. A letter-like outline (a square ring: outer CCW, inner CW) is
	// added after the grid; the triangles of winding ≠ 0 cover exactly its
	// area, and every triangle's winding matches the outline's around its
	// centroid.
	var pts []Vec2
	for i := 0; i <= 20; i++ {
		for j := 0; j <= 20; j++ {
			pts = append(pts, Vec2{0.5 * float64(j), 0.5 * float64(i)})
		}
	}
	c, err := NewCDT(pts)
	if err != nil {
		t.Fatal(err)
	}
	outer := Contour{{1.3, 1.1}, {8.7, 1.6}, {8.2, 8.9}, {1.1, 8.4}}
	inner := Contour{{3.3, 3.4}, {3.1, 6.2}, {6.3, 6.6}, {6.6, 3.2}}
	r := Region{Contours: []Contour{outer, inner}}
	for _, ct := range r.Contours {
		ids := make([]int, len(ct))
		for i, p := range ct {
			if ids[i], err = c.AddPoint(p); err != nil {
				t.Fatal(err)
			}
		}
		for i := range ids {
			if err := c.AddSegment(ids[i], ids[(i+1)%len(ids)]); err != nil {
				t.Fatal(err)
			}
		}
	}
	tr := c.Result()
	if len(tr.Winding) != len(tr.Tris) {
		t.Fatalf("%d windings for %d triangles", len(tr.Winding), len(tr.Tris))
	}
	var inside float64
	for i, tri := range tr.Tris {
		a, b, d := tr.Verts[tri[0]], tr.Verts[tri[1]], tr.Verts[tri[2]]
		cen := a.Add(b).Add(d).Mul(1.0 / 3)
		if w := r.Winding(cen); w != int(tr.Winding[i]) {
			t.Fatalf("triangle %d: winding %d, the outline winds %d times around its centroid", i, tr.Winding[i], w)
		}
		if tr.Winding[i] != 0 {
			inside += cross2(b.Sub(a), d.Sub(a)) / 2
		}
	}
	if want := outer.Area() + inner.Area(); !near(inside, want, areaRel) {
		t.Fatalf("inside triangles cover %.12g mm², outline encloses %.12g", inside, want)
	}
}

func ExampleTriangulate2D() {
	// Two crossing diagonals of a 2 mm square: the crossing becomes a vertex.
	pts := []Vec2{{0, 0}, {2, 0}, {2, 2}, {0, 2}}
	tr, err := Triangulate2D(pts, [][2]int{{0, 2}, {1, 3}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(tr.Verts), "vertices, the new one at", tr.Verts[4])
	fmt.Println(len(tr.Tris), "triangles,", len(tr.Constrained), "constrained edges")
	// Output:
	// 5 vertices, the new one at [1 1]
	// 4 triangles, 4 constrained edges
}

// hilbertIndexRef is the textbook Hilbert curve index (rotate and flip the
// quadrant at each level), the reference for the table-driven hilbertIndex.
func hilbertIndexRef(x, y, n uint32) uint32 {
	var d uint32
	for s := n / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += s * s * ((3 * rx) ^ ry)
		if ry == 0 {
			if rx == 1 {
				x = n - 1 - x
				y = n - 1 - y
			}
			x, y = y, x
		}
	}
	return d
}

func TestHilbertIndexAndRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for i := 0; i < 100000; i++ {
		x, y := rng.Uint32()&0xffff, rng.Uint32()&0xffff
		if got, want := hilbertIndex(x, y), hilbertIndexRef(x, y, 1<<16); got != want {
			t.Fatalf("hilbertIndex(%d, %d) = %d, want %d", x, y, got, want)
		}
	}
	keys := make([]uint64, 5000)
	for i := range keys {
		keys[i] = rng.Uint64() >> 11
	}
	want := slices.Clone(keys)
	slices.Sort(want)
	radixSort(keys, 0, 53)
	if !slices.Equal(keys, want) {
		t.Fatal("radixSort does not sort")
	}
}
