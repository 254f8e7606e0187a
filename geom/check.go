package geom

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// ErrNotSolid is wrapped by the error [CheckReport.Err] returns for a mesh
// that is not a closed, outward, non-self-intersecting 2-manifold solid.
var ErrNotSolid = errors.New("geom: mesh is not a valid solid")

// DegenerateRel is the tolerance of the degenerate-triangle test, relative to
// the mesh's size: a triangle is degenerate when its height over its longest
// edge (2·area / longest edge) is at most DegenerateRel times the diagonal of
// the mesh's bounding box. float64 rounds coordinates to about 1e-16 of their
// magnitude, so collinear corners computed by any builder land within ~1e-15
// of the diagonal; 1e-12 sits well above that noise and far below any real
// feature (on a 20 mm ring it is 2e-11 mm, while the finest chord tolerance
// is MinChordMM = 1e-4 mm).
const DegenerateRel = 1e-12

// MaxExamples is how many examples of each problem a CheckReport keeps.
const MaxExamples = 5

// EdgeRef names an edge of a mesh by its two vertex indices (A < B) and one
// triangle that uses it.
type EdgeRef struct {
	A, B uint32 // vertex indices, A < B
	Tri  int    // a triangle that has the edge
}

// CheckReport is what [Mesh.Check] finds. Counts are zero on a valid solid;
// the First… slices keep up to MaxExamples examples of each problem, in
// triangle (or vertex) order, for debugging.
//
// A mesh is one Part: one closed solid, possibly of several shells (a chain of
// links made as one part, a hollow bead and its inner wall). Its shells must not intersect or touch each
// other; a shell with negative volume is allowed only as a cavity, that is
// when it lies inside another shell's material.
type CheckReport struct {
	Vertices  int // len(Verts)
	Triangles int // len(Tris)

	// BadIndices counts triangles naming a vertex that does not exist. Such
	// triangles are left out of every other test.
	BadIndices int
	// NonFinite counts vertices used by triangles whose coordinates are NaN
	// or infinite. Triangles using them are left out of the geometric tests.
	NonFinite int
	// Degenerate counts triangles with a repeated index or a height at most
	// DegenerateRel times the bounding-box diagonal.
	Degenerate int
	// OpenEdges counts edges with only one triangle (the rims of holes).
	OpenEdges int
	// NonManifoldEdges counts edges shared by more than two triangles.
	NonManifoldEdges int
	// MisorientedEdges counts edges whose two triangles traverse them in the
	// same direction (one of the two faces is flipped).
	MisorientedEdges int
	// NonManifoldVertices counts vertices whose triangles do not form a
	// single fan (two solids joined at one vertex, a bow tie). It is only
	// counted when every edge is manifold and oriented.
	NonManifoldVertices int
	// Shells is the number of edge-connected components.
	Shells int
	// Volume is the signed volume enclosed, in mm³; negative when the mesh
	// is inside out.
	Volume float64
	// NegativeShells counts shells with negative volume that are not
	// cavities (inverted shells). Cavities counts negative shells that lie
	// inside the material of other shells (hollows); they are valid.
	NegativeShells, Cavities int
	// SelfIntersections counts pairs of triangles that meet other than along
	// the vertices and edges they share by index (crossing, touching,
	// folded over, or two shells meeting).
	SelfIntersections int
	// ShellOverlaps counts the pairs of shells that meet, with
	// CheckOptions.Assembly (without it they are self-intersections).
	ShellOverlaps int
	// SelfIntersectionsChecked is false when the test was skipped (by
	// CheckOptions, or because bad indices or non-finite vertices made it
	// meaningless) or stopped (TooManyPairs).
	SelfIntersectionsChecked bool
	// TooManyPairs is set when the self-intersection test stopped after
	// examining PairsPerTriangle candidate pairs per triangle (triangles
	// piled up in one place); SelfIntersections then counts only what was
	// found so far, and Err fails.
	TooManyPairs bool

	FirstBadIndices          []int     // triangles
	FirstNonFinite           []int     // vertices
	FirstDegenerate          []int     // triangles
	FirstOpenEdges           []EdgeRef // edges
	FirstNonManifoldEdges    []EdgeRef // edges
	FirstMisorientedEdges    []EdgeRef // edges
	FirstNonManifoldVertices []int     // vertices
	FirstNegativeShells      []int     // a triangle of each inverted shell
	FirstSelfIntersections   [][2]int  // triangle pairs, first < second
}

// CheckOptions tunes [Mesh.CheckWith]. The zero value runs every test.
type CheckOptions struct {
	// SkipSelfIntersections leaves out the self-intersection test, the only
	// one that is not linear in the mesh size; the report's
	// SelfIntersectionsChecked is then false and Err does not fail for it.
	SkipSelfIntersections bool
	// Assembly reads the mesh as several solids that may overlap, as an STL
	// of a piece's parts is (a prong standing in its gallery, a head on its
	// band; the printer or the caster unions them): triangles of two
	// different shells that meet are counted in ShellOverlaps, not as
	// self-intersections. Each shell must still be closed, oriented and
	// free of self-intersections of its own.
	Assembly bool
}

// Check runs every test on the mesh: indices, finite coordinates, degenerate
// triangles, edge topology (holes, non-manifold and misoriented edges,
// non-manifold vertices), shells, signed volume and self-intersections. It
// never panics and never modifies the mesh.
//
// Everything but the self-intersection test is linear in the mesh size. That
// test builds a BVH (O(n log n)) and decides each pair of triangles whose
// boxes overlap with exact predicates, stopping after PairsPerTriangle pairs
// per triangle (TooManyPairs) so that untrusted input cannot take quadratic
// time. Skip it with CheckWith in hot paths that have checked their
// builder's output before.
func (m *Mesh) Check() CheckReport { return m.CheckWith(CheckOptions{}) }

// OK reports whether the report found a valid solid (Err returns nil).
func (r CheckReport) OK() bool { return r.Err() == nil }

// Err returns nil when the mesh is a closed, consistently outward-oriented,
// non-self-intersecting 2-manifold with positive volume; otherwise an error
// wrapping ErrNotSolid that lists every problem with its count and first
// example.
func (r CheckReport) Err() error {
	var p []string
	// what is "singular|plural"; first lists the examples (called only
	// when there is a problem, so that a valid report allocates nothing).
	add := func(n int, what string, first func() string) {
		if n > 0 {
			one, many, _ := strings.Cut(what, "|")
			if n > 1 {
				one = many
			}
			p = append(p, fmt.Sprintf("%d %s (first: %s)", n, one, first()))
		}
	}
	ints := func(what string, v []int) func() string { return func() string { return firstInts(what, v) } }
	edges := func(v []EdgeRef) func() string { return func() string { return firstEdges(v) } }
	if r.Triangles == 0 {
		p = append(p, "no triangles")
	}
	add(r.BadIndices, "triangle with an out-of-range index|triangles with out-of-range indices", ints("triangle", r.FirstBadIndices))
	add(r.NonFinite, "non-finite vertex|non-finite vertices", ints("vertex", r.FirstNonFinite))
	add(r.Degenerate, "degenerate triangle|degenerate triangles", ints("triangle", r.FirstDegenerate))
	add(r.OpenEdges, "open edge|open edges", edges(r.FirstOpenEdges))
	add(r.NonManifoldEdges, "non-manifold edge|non-manifold edges", edges(r.FirstNonManifoldEdges))
	add(r.MisorientedEdges, "misoriented edge|misoriented edges", edges(r.FirstMisorientedEdges))
	add(r.NonManifoldVertices, "non-manifold vertex|non-manifold vertices", ints("vertex", r.FirstNonManifoldVertices))
	add(r.NegativeShells, "inside-out shell|inside-out shells", ints("triangle", r.FirstNegativeShells))
	if len(r.FirstSelfIntersections) > 0 {
		s := make([]string, len(r.FirstSelfIntersections))
		for i, q := range r.FirstSelfIntersections {
			s[i] = fmt.Sprintf("triangles %d and %d", q[0], q[1])
		}
		add(r.SelfIntersections, "self-intersecting triangle pair|self-intersecting triangle pairs", func() string { return strings.Join(s, ", ") })
	}
	if r.TooManyPairs {
		p = append(p, fmt.Sprintf("self-intersection test stopped after %d candidate triangle pairs (more than %d per triangle)", pairBudget(r.Triangles), PairsPerTriangle))
	}
	if r.Triangles > 0 && !(r.Volume > 0) {
		p = append(p, fmt.Sprintf("volume %g mm³ is not positive", r.Volume))
	}
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrNotSolid, strings.Join(p, "; "))
}

func firstInts(what string, v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprint(x)
	}
	if len(v) > 1 {
		what += "s"
		if what == "vertexs" {
			what = "vertices"
		}
	}
	return what + " " + strings.Join(s, ", ")
}

func firstEdges(v []EdgeRef) string {
	s := make([]string, len(v))
	for i, e := range v {
		s[i] = fmt.Sprintf("%d–%d of triangle %d", e.A, e.B, e.Tri)
	}
	return strings.Join(s, ", ")
}

// CheckWith is Check with options.
//
// It runs in a few linear passes: indices and vertex use, then finite
// coordinates and the box, then the edge topology (checkTopologyFast, or
// checkEdges when some edge is wrong), then one pass for degenerate
// triangles and shell volumes.
func (m *Mesh) CheckWith(opt CheckOptions) CheckReport {
	r := CheckReport{Vertices: len(m.Verts), Triangles: len(m.Tris)}
	nv, nt := len(m.Verts), len(m.Tris)
	// state[t] marks triangles left out of the topology (bad indices) and
	// geometry (non-finite, degenerate) tests; vflag[v]: 1 = used by a
	// triangle, 2 = used and not finite.
	flags := make([]uint8, nt+nv)
	state, vflag := flags[:nt:nt], flags[nt:]
	// For checkTopologyFast, when corner ids fit in an int32: the
	// union-find of shells (-1 for bad indices) and the corners of each
	// vertex as a linked list, from head[v] through link[corner−1] to 0
	// (corner 1 + 3·triangle + position), in one allocation.
	var uf, link, head []int32
	fast := nt < math.MaxInt32/3
	if fast {
		buf := make([]int32, 4*nt+nv)
		uf, link, head = buf[:nt:nt], buf[nt:4*nt:4*nt], buf[4*nt:]
	}
	for i, t := range m.Tris {
		a, b, c := t[0], t[1], t[2]
		if int(a) >= nv || int(b) >= nv || int(c) >= nv {
			state[i] = badIdx
			r.BadIndices++
			if len(r.FirstBadIndices) < MaxExamples {
				r.FirstBadIndices = append(r.FirstBadIndices, i)
			}
			if fast {
				uf[i] = -1
			}
			continue
		}
		vflag[a], vflag[b], vflag[c] = 1, 1, 1
		if fast {
			uf[i] = int32(i)
			k := 3 * int32(i)
			link[k], head[a] = head[a], k+1
			link[k+1], head[b] = head[b], k+2
			link[k+2], head[c] = head[c], k+3
		}
	}
	// the box of the finite vertices in use, as extendBox makes it, with
	// the bounds in registers.
	inf := math.Inf(1)
	x0, y0, z0, x1, y1, z1 := inf, inf, inf, -inf, -inf, -inf
	for v := range m.Verts {
		if vflag[v] == 0 {
			continue
		}
		p := &m.Verts[v]
		// x−x is 0 for a finite x and NaN for NaN or ±Inf.
		if (p[0]-p[0])+(p[1]-p[1])+(p[2]-p[2]) != 0 {
			vflag[v] = 2
			r.NonFinite++
			if len(r.FirstNonFinite) < MaxExamples {
				r.FirstNonFinite = append(r.FirstNonFinite, v)
			}
			continue
		}
		x, y, z := p[0], p[1], p[2]
		if x < x0 {
			x0 = x
		}
		if x > x1 {
			x1 = x
		}
		if y < y0 {
			y0 = y
		}
		if y > y1 {
			y1 = y
		}
		if z < z0 {
			z0 = z
		}
		if z > z1 {
			z1 = z
		}
	}
	box := Box{Min: Vec3{x0, y0, z0}, Max: Vec3{x1, y1, z1}}

	var shell []int32
	if fast {
		shell = m.checkTopologyFast(&r, uf, link, head)
	}
	if shell == nil {
		shell = m.checkEdges(&r, state)
	}

	if r.NonFinite > 0 {
		for i, t := range m.Tris {
			if state[i] == okTri && (vflag[t[0]] == 2 || vflag[t[1]] == 2 || vflag[t[2]] == 2) {
				state[i] = badGeo
			}
		}
	}
	m.checkGeometry(&r, state, shell, box)

	if !opt.SkipSelfIntersections && r.BadIndices == 0 && r.NonFinite == 0 {
		var shellOf []int32
		if opt.Assembly {
			shellOf = shell // relabelled by checkGeometry: shell numbers
		}
		m.checkSelfIntersections(&r, state, shellOf)
	}
	return r
}

// Triangle states of CheckWith.
const (
	okTri  = 0
	badIdx = 1 // an out-of-range index: left out of every other test
	badGeo = 2 // non-finite or degenerate: kept in the topology
)

// checkGeometry finds the degenerate triangles, counts the shells, sums the
// signed volume of each and finds the inverted ones, in one pass over the
// triangles. shell is a forest over the triangles (-1 for bad indices) in
// which every parent comes before its children, so that each root is its
// shell's first triangle: checkEdges's roots or checkTopologyFast's
// union-find. The pass relabels it in place with each shell's number, in
// order of first triangle.
func (m *Mesh) checkGeometry(r *CheckReport, state []uint8, shell []int32, box Box) {
	o := box.Center()
	if box.Empty() {
		o = Vec3{}
	}
	diag := box.Size().Len()
	minHeight := DegenerateRel * diag
	mh2 := minHeight * minHeight
	var roots []int32 // the first triangle of each shell
	var vol []float64 // each shell's signed volume
	verts := m.Verts
	var (
		cur int32   // the shell whose sum is in acc
		acc float64 // vol[cur]
	)
	for i, t := range m.Tris {
		s := shell[i]
		if s < 0 {
			continue
		}
		if s == int32(i) {
			s = int32(len(roots))
			roots = append(roots, int32(i))
			vol = append(vol, 0)
		} else {
			s = shell[s] // the parent comes first: already renumbered
		}
		shell[i] = s
		if state[i] != okTri {
			continue // non-finite
		}
		// Degenerate: a repeated index, or a height over the longest edge
		// (|e0 × e2| / longest) at most minHeight; squares compared to
		// avoid two roots.
		a, b, c := &verts[t[0]], &verts[t[1]], &verts[t[2]]
		x0, y0, z0 := b[0]-a[0], b[1]-a[1], b[2]-a[2]
		x1, y1, z1 := c[0]-b[0], c[1]-b[1], c[2]-b[2]
		x2, y2, z2 := a[0]-c[0], a[1]-c[1], a[2]-c[2]
		// The squares of finite differences are never NaN nor −0, so
		// plain comparisons give max's result.
		l, l1, l2 := x0*x0+y0*y0+z0*z0, x1*x1+y1*y1+z1*z1, x2*x2+y2*y2+z2*z2
		if l1 > l {
			l = l1
		}
		if l2 > l {
			l = l2
		}
		cx, cy, cz := y0*z2-z0*y2, z0*x2-x0*z2, x0*y2-y0*x2
		if t[0] == t[1] || t[1] == t[2] || t[2] == t[0] || l == 0 || !(cx*cx+cy*cy+cz*cz > mh2*l) {
			state[i] = badGeo
			r.Degenerate++
			if len(r.FirstDegenerate) < MaxExamples {
				r.FirstDegenerate = append(r.FirstDegenerate, i)
			}
			continue
		}
		ax, ay, az := a[0]-o[0], a[1]-o[1], a[2]-o[2]
		bx, by, bz := b[0]-o[0], b[1]-o[1], b[2]-o[2]
		qx, qy, qz := c[0]-o[0], c[1]-o[1], c[2]-o[2]
		// vol[s] += …, with the current shell's sum in a register.
		if s != cur {
			vol[cur], cur = acc, s
			acc = vol[s]
		}
		acc += (ax*(by*qz-bz*qy) + ay*(bz*qx-bx*qz) + az*(bx*qy-by*qx)) / 6
	}
	if len(vol) > 0 {
		vol[cur] = acc
	}
	r.Shells = len(roots)
	for _, v := range vol {
		r.Volume += v
	}
	closed := r.OpenEdges == 0 && r.NonManifoldEdges == 0 && r.MisorientedEdges == 0 && r.NonFinite == 0
	var boxes []Box // by shell
	for s, root := range roots {
		if !(vol[s] < 0) {
			continue
		}
		if closed && len(roots) > 1 {
			if boxes == nil {
				boxes = make([]Box, len(roots))
				for s := range boxes {
					boxes[s] = EmptyBox()
				}
				for i, t := range m.Tris {
					if s := shell[i]; s >= 0 {
						boxes[s] = boxes[s].Extend(m.Verts[t[0]]).Extend(m.Verts[t[1]]).Extend(m.Verts[t[2]])
					}
				}
			}
			if m.isCavity(int32(s), root, shell, state, boxes) {
				r.Cavities++
				continue
			}
		}
		r.NegativeShells++
		if len(r.FirstNegativeShells) < MaxExamples {
			r.FirstNegativeShells = append(r.FirstNegativeShells, int(root))
		}
	}
}

// isCavity reports whether the centroid of the first triangle (root) of
// shell s lies in the material of the other shells: their generalized
// winding number there, the sum of the signed solid angles of their
// triangles over 4π, is at least one half (it is an integer for closed
// shells; a shell contributes only when its bounding box holds the point).
func (m *Mesh) isCavity(s, root int32, shell []int32, state []uint8, boxes []Box) bool {
	a, b, c := m.Triangle(int(root))
	p := a.Add(b).Add(c).Mul(1.0 / 3)
	var w float64
	for i, t := range m.Tris {
		o := shell[i]
		if o < 0 || o == s || state[i] != 0 {
			continue
		}
		bx := boxes[o]
		if p[0] < bx.Min[0] || p[0] > bx.Max[0] || p[1] < bx.Min[1] || p[1] > bx.Max[1] || p[2] < bx.Min[2] || p[2] > bx.Max[2] {
			continue
		}
		w += solidAngle(m.Verts[t[0]].Sub(p), m.Verts[t[1]].Sub(p), m.Verts[t[2]].Sub(p))
	}
	return w/(4*math.Pi) > 0.5
}

// checkTopologyFast is checkEdges for the usual mesh, in which every edge
// has exactly two triangles running it in opposite directions.
//
// It works vertex by vertex on the corners of the triangles with valid
// indices, which CheckWith links into a list per vertex (head, link), and
// takes uf with every such triangle its own set. Vertex v's corner in a triangle runs in on the edge prev→v and out on
// v→next, so the edges are all right exactly when, at every vertex, no
// corner's next or prev is v itself (a repeated index) and matching each
// corner's next n with the corner whose prev is n (the edge's other
// triangle, running n→v) pairs the corners one to one. A next that is no
// corner's prev is an open or misoriented edge; two corners matched with one
// are an edge run twice the same way: v→n (the same next twice) or p→v (the
// same prev twice leaves fewer prevs than corners). The fan around v then
// steps from each corner to its match, and v is manifold when one cycle
// visits all of its corners, as checkVertexFans counts it.
//
// It returns the shells as a union-find forest (-1 for triangles with bad
// indices) in which every parent comes before its children, so that each
// root is its shell's first triangle, or nil, having changed nothing in r,
// when some edge is open, non-manifold or misoriented: checkEdges then
// tells which.
func (m *Mesh) checkTopologyFast(r *CheckReport, uf, link, head []int32) []int32 {
	tris := m.Tris
	nv := len(m.Verts)
	// per vertex u a mark: (1 + the vertex whose corner has u for prev)<<32
	// | that corner.
	mark := make([]uint64, nv)

	// per corner of the current vertex: its triangle, its next, its
	// successor in the fan, and a bit set of the corners matched so far.
	var (
		tri0, next0, fan0 [64]int32
		used0             [1]uint64
	)
	tri, next, fan, used := tri0[:], next0[:], fan0[:], used0[:]
	var (
		nonManifold int
		first       []int
	)
	for v := 0; v < nv; v++ {
		v32, stamp := uint32(v), uint64(v+1)<<32
		d := 0
		for c := head[v]; c != 0; c = link[c-1] {
			if d == len(next) { // a large fan: grow the scratch
				tri, next, fan = slices.Grow(tri, d)[:2*d], slices.Grow(next, d)[:2*d], slices.Grow(fan, d)[:2*d]
				used = make([]uint64, (2*d+63)/64)
			}
			i := int32(uint32(c-1) / 3)
			t := &tris[i]
			var nx, pv uint32
			switch c - 1 - 3*i {
			case 0:
				nx, pv = t[1], t[2]
			case 1:
				nx, pv = t[2], t[0]
			default:
				nx, pv = t[0], t[1]
			}
			if nx == v32 || pv == v32 {
				return nil // a repeated index
			}
			mark[pv] = stamp | uint64(d)
			tri[d], next[d] = i, int32(nx)
			d++
		}
		if d == 0 {
			continue
		}
		next := next[:d]
		used := used[:(d+63)/64]
		for w := range used {
			used[w] = 0
		}
		fan := fan[:d]
		for i, nx := range next {
			mn := mark[nx]
			j := int32(uint32(mn))
			if mn&^(1<<32-1) != stamp || used[j>>6]&(1<<(j&63)) != 0 {
				return nil // no edge nx→v, or an edge run twice one way
			}
			used[j>>6] |= 1 << (j & 63)
			fan[i] = j
			if v32 < uint32(nx) {
				remUnion(uf, tri[i], tri[j])
			}
		}
		// No two corners reach the same one: fan is a permutation.
		steps := 1
		for i := fan[0]; i != 0; i = fan[i] {
			steps++
		}
		if d >= 3 && steps != d {
			nonManifold++
			if len(first) < MaxExamples {
				first = append(first, v)
			}
		}
	}
	r.NonManifoldVertices, r.FirstNonManifoldVertices = nonManifold, first
	return uf
}

// remUnion joins the sets of x and y in a union-find whose parents are never
// larger than their children (Rem's algorithm, splicing as it climbs), so
// that each root is its set's smallest member.
func remUnion(p []int32, x, y int32) {
	for p[x] != p[y] {
		if p[x] < p[y] {
			x, y = y, x
		}
		// p[x] > p[y]: hang x's branch under y's parent.
		if p[x] == x {
			p[x] = p[y]
			return
		}
		z := p[x]
		p[x] = p[y]
		x = z
	}
}

// checkHalfEdge is one triangle's use of an edge, bucketed by its smaller vertex.
type checkHalfEdge struct {
	hi  uint32 // the larger vertex
	tri int32  // the triangle
	fwd bool   // the triangle runs lo → hi
}

// checkEdges counts open, non-manifold and misoriented edges and non-manifold
// vertices, and returns each triangle's shell (the root of an edge-connected
// union-find; -1 for triangles with bad indices). Half-edges are bucketed by
// their smaller vertex with a counting sort, so the pass is linear in the
// mesh size.
func (m *Mesh) checkEdges(r *CheckReport, state []uint8) []int32 {
	nv := len(m.Verts)
	start := make([]int32, nv+1)
	for i, t := range m.Tris {
		if state[i] == 1 {
			continue
		}
		for k := 0; k < 3; k++ {
			a, b := t[k], t[(k+1)%3]
			start[min(a, b)+1]++
		}
	}
	for v := 0; v < nv; v++ {
		start[v+1] += start[v]
	}
	fill := slices.Clone(start[:nv])
	he := make([]checkHalfEdge, start[nv])
	for i, t := range m.Tris {
		if state[i] == 1 {
			continue
		}
		for k := 0; k < 3; k++ {
			a, b := t[k], t[(k+1)%3]
			lo, hi := min(a, b), max(a, b)
			he[fill[lo]] = checkHalfEdge{hi: hi, tri: int32(i), fwd: a < b}
			fill[lo]++
		}
	}

	uf := make([]int32, len(m.Tris))
	for i := range uf {
		uf[i] = int32(i)
		if state[i] == 1 {
			uf[i] = -1
		}
	}
	for lo := 0; lo < nv; lo++ {
		b := he[start[lo]:start[lo+1]]
		if len(b) > 1 {
			sortCheckHalfEdges(b)
		}
		for i := 0; i < len(b); {
			j := i + 1
			fwd := 0
			if b[i].fwd {
				fwd++
			}
			for j < len(b) && b[j].hi == b[i].hi {
				if b[j].fwd {
					fwd++
				}
				ufUnion(uf, b[i].tri, b[j].tri)
				j++
			}
			e := EdgeRef{A: uint32(lo), B: b[i].hi, Tri: int(b[i].tri)}
			switch n := j - i; {
			case n == 1:
				r.OpenEdges++
				if len(r.FirstOpenEdges) < MaxExamples {
					r.FirstOpenEdges = append(r.FirstOpenEdges, e)
				}
			case n > 2:
				r.NonManifoldEdges++
				if len(r.FirstNonManifoldEdges) < MaxExamples {
					r.FirstNonManifoldEdges = append(r.FirstNonManifoldEdges, e)
				}
			case fwd != 1:
				r.MisorientedEdges++
				if len(r.FirstMisorientedEdges) < MaxExamples {
					r.FirstMisorientedEdges = append(r.FirstMisorientedEdges, e)
				}
			}
			i = j
		}
	}
	// Edge examples were found in vertex order; report them in triangle
	// order so the first example is the first broken triangle.
	for _, s := range [][]EdgeRef{r.FirstOpenEdges, r.FirstNonManifoldEdges, r.FirstMisorientedEdges} {
		slices.SortFunc(s, func(x, y EdgeRef) int { return x.Tri - y.Tri })
	}
	for i := range uf {
		if uf[i] >= 0 {
			uf[i] = ufFind(uf, int32(i))
		}
	}
	if r.OpenEdges == 0 && r.NonManifoldEdges == 0 && r.MisorientedEdges == 0 {
		m.checkVertexFans(r, state)
	}
	return uf
}

// sortCheckHalfEdges sorts a bucket by (hi, tri): insertion sort for the usual
// handful, the library sort for the fans of poles.
func sortCheckHalfEdges(b []checkHalfEdge) {
	less := func(x, y checkHalfEdge) bool { return x.hi < y.hi || x.hi == y.hi && x.tri < y.tri }
	if len(b) > 12 {
		slices.SortFunc(b, func(x, y checkHalfEdge) int {
			if less(x, y) {
				return -1
			}
			if less(y, x) {
				return 1
			}
			return 0
		})
		return
	}
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && less(b[j], b[j-1]); j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
}

func ufFind(uf []int32, x int32) int32 {
	for uf[x] != x {
		uf[x] = uf[uf[x]]
		x = uf[x]
	}
	return x
}

// ufUnion joins two sets, keeping the smaller root so roots are the first
// triangle of each shell.
func ufUnion(uf []int32, a, b int32) {
	a, b = ufFind(uf, a), ufFind(uf, b)
	if a < b {
		uf[b] = a
	} else if b < a {
		uf[a] = b
	}
}

// checkVertexFans counts vertices whose corners do not form one cycle around
// the vertex. It assumes every edge has exactly two oppositely oriented
// triangles, so from each corner the fan continues to the unique corner of
// the same vertex whose previous vertex is this corner's next.
func (m *Mesh) checkVertexFans(r *CheckReport, state []uint8) {
	nv := len(m.Verts)
	start := make([]int32, nv+1)
	for i, t := range m.Tris {
		if state[i] == 1 {
			continue
		}
		for _, v := range t {
			start[v+1]++
		}
	}
	for v := 0; v < nv; v++ {
		start[v+1] += start[v]
	}
	fill := slices.Clone(start[:nv])
	// corner records (next, prev) around the vertex.
	type corner struct{ next, prev uint32 }
	cs := make([]corner, start[nv])
	for i, t := range m.Tris {
		if state[i] == 1 {
			continue
		}
		for k, v := range t {
			cs[fill[v]] = corner{next: t[(k+1)%3], prev: t[(k+2)%3]}
			fill[v]++
		}
	}
	for v := 0; v < nv; v++ {
		c := cs[start[v]:start[v+1]]
		if len(c) < 3 {
			continue // a degenerate fan; edges would have reported it
		}
		if len(c) > 16 {
			slices.SortFunc(c, func(x, y corner) int { return int(x.prev) - int(y.prev) })
		}
		find := func(prev uint32) int {
			if len(c) > 16 {
				i, ok := slices.BinarySearchFunc(c, prev, func(x corner, p uint32) int { return int(x.prev) - int(p) })
				if !ok {
					return -1
				}
				return i
			}
			for i, x := range c {
				if x.prev == prev {
					return i
				}
			}
			return -1
		}
		steps, i := 0, 0
		for {
			steps++
			j := find(c[i].next)
			if j < 0 || j == 0 || steps > len(c) {
				break
			}
			i = j
		}
		if steps != len(c) {
			r.NonManifoldVertices++
			if len(r.FirstNonManifoldVertices) < MaxExamples {
				r.FirstNonManifoldVertices = append(r.FirstNonManifoldVertices, v)
			}
		}
	}
}

// solidAngle returns the signed solid angle (steradians) the triangle
// (a, b, c), given relative to the viewpoint, subtends; positive when the
// viewpoint is behind the triangle's outward side (Van Oosterom & Strackee
// 1983).
func solidAngle(a, b, c Vec3) float64 {
	la, lb, lc := a.Len(), b.Len(), c.Len()
	num := a.Dot(b.Cross(c))
	den := la*lb*lc + a.Dot(b)*lc + b.Dot(c)*la + c.Dot(a)*lb
	return 2 * math.Atan2(num, den)
}

// checkSelfIntersections finds the pairs of triangles that meet other than
// along shared vertices and edges: the BVH gives the pairs whose boxes
// overlap, and the exact test of meshTrianglesIntersect decides each.
// Degenerate triangles (already reported) are left out. It gives up after
// pairBudget candidate pairs, so that a hostile mesh (every triangle
// stacked in one place) cannot take quadratic time.
func (m *Mesh) checkSelfIntersections(r *CheckReport, state []uint8, shellOf []int32) {
	budget := pairBudget(len(m.Tris))
	pairs := 0
	b := NewBVH(m)
	var overlaps map[[2]int32]bool
	for i, j := range b.OverlappingPairs() {
		if pairs++; pairs > budget {
			r.TooManyPairs = true
			return
		}
		if state[i] != 0 || state[j] != 0 {
			continue
		}
		// with shellOf (an assembly), two shells meeting is an overlap
		if shellOf != nil && shellOf[i] != shellOf[j] {
			key := [2]int32{min(shellOf[i], shellOf[j]), max(shellOf[i], shellOf[j])}
			if overlaps[key] || !meshTrianglesIntersect(m.Verts, m.Tris[i], m.Tris[j]) {
				continue
			}
			if overlaps == nil {
				overlaps = map[[2]int32]bool{}
			}
			overlaps[key] = true
			r.ShellOverlaps++
			continue
		}
		if !meshTrianglesIntersect(m.Verts, m.Tris[i], m.Tris[j]) {
			continue
		}
		r.SelfIntersections++
		// keep the smallest pairs, so examples come in triangle order
		// whatever order the tree visits them in.
		p := [2]int{i, j}
		ex := r.FirstSelfIntersections
		k := len(ex)
		for k > 0 && lessPair(p, ex[k-1]) {
			k--
		}
		if k >= MaxExamples {
			continue
		}
		if len(ex) < MaxExamples {
			ex = append(ex, [2]int{})
		}
		copy(ex[k+1:], ex[k:])
		ex[k] = p
		r.FirstSelfIntersections = ex
	}
	r.SelfIntersectionsChecked = true
}

// pairBudget is how many candidate pairs the self-intersection test examines
// for a mesh of n triangles: PairsPerTriangle per triangle plus a fixed
// allowance for the fans of poles (a pole of k triangles gives up to k²/4
// pairs; a 2000-segment pole gives a million).
func pairBudget(n int) int { return PairsPerTriangle*n + 1_000_000 }

// PairsPerTriangle bounds the self-intersection work: a well-shaped closed
// mesh has about 6 candidate pairs (triangles with overlapping boxes) per
// triangle, mostly its neighbours; a mesh with more than this many per
// triangle (on top of a fixed allowance of a million) is reported with
// TooManyPairs instead of being tested to the end.
const PairsPerTriangle = 200

func lessPair(a, b [2]int) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }
