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
	// what is "singular|plural".
	add := func(n int, what string, first string) {
		if n > 0 {
			one, many, _ := strings.Cut(what, "|")
			if n > 1 {
				one = many
			}
			p = append(p, fmt.Sprintf("%d %s (first: %s)", n, one, first))
		}
	}
	if r.Triangles == 0 {
		p = append(p, "no triangles")
	}
	add(r.BadIndices, "triangle with an out-of-range index|triangles with out-of-range indices", firstInts("triangle", r.FirstBadIndices))
	add(r.NonFinite, "non-finite vertex|non-finite vertices", firstInts("vertex", r.FirstNonFinite))
	add(r.Degenerate, "degenerate triangle|degenerate triangles", firstInts("triangle", r.FirstDegenerate))
	add(r.OpenEdges, "open edge|open edges", firstEdges(r.FirstOpenEdges))
	add(r.NonManifoldEdges, "non-manifold edge|non-manifold edges", firstEdges(r.FirstNonManifoldEdges))
	add(r.MisorientedEdges, "misoriented edge|misoriented edges", firstEdges(r.FirstMisorientedEdges))
	add(r.NonManifoldVertices, "non-manifold vertex|non-manifold vertices", firstInts("vertex", r.FirstNonManifoldVertices))
	add(r.NegativeShells, "inside-out shell|inside-out shells", firstInts("triangle", r.FirstNegativeShells))
	if len(r.FirstSelfIntersections) > 0 {
		s := make([]string, len(r.FirstSelfIntersections))
		for i, q := range r.FirstSelfIntersections {
			s[i] = fmt.Sprintf("triangles %d and %d", q[0], q[1])
		}
		add(r.SelfIntersections, "self-intersecting triangle pair|self-intersecting triangle pairs", strings.Join(s, ", "))
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
func (m *Mesh) CheckWith(opt CheckOptions) CheckReport {
	r := CheckReport{Vertices: len(m.Verts), Triangles: len(m.Tris)}
	nv := len(m.Verts)
	// skip[t] marks triangles left out of the topology (bad indices) and
	// geometry (non-finite, degenerate) tests.
	const (
		okTri  = 0
		badIdx = 1
		badGeo = 2 // non-finite or degenerate: kept in the topology
	)
	state := make([]uint8, len(m.Tris))
	// vflag: 1 = used by a triangle, 2 = used and not finite.
	vflag := make([]uint8, nv)
	for i, t := range m.Tris {
		if int(t[0]) >= nv || int(t[1]) >= nv || int(t[2]) >= nv {
			state[i] = badIdx
			r.BadIndices++
			if len(r.FirstBadIndices) < MaxExamples {
				r.FirstBadIndices = append(r.FirstBadIndices, i)
			}
			continue
		}
		vflag[t[0]], vflag[t[1]], vflag[t[2]] = 1, 1, 1
	}
	box := EmptyBox()
	for v, p := range m.Verts {
		if vflag[v] == 0 {
			continue
		}
		if !finite(p) {
			vflag[v] = 2
			r.NonFinite++
			if len(r.FirstNonFinite) < MaxExamples {
				r.FirstNonFinite = append(r.FirstNonFinite, v)
			}
			continue
		}
		box = extendBox(box, p)
	}
	if r.NonFinite > 0 {
		for i, t := range m.Tris {
			if state[i] == okTri && (vflag[t[0]] == 2 || vflag[t[1]] == 2 || vflag[t[2]] == 2) {
				state[i] = badGeo
			}
		}
	}
	diag := box.Size().Len()
	minHeight := DegenerateRel * diag
	for i, t := range m.Tris {
		if state[i] != okTri {
			continue
		}
		if !nonDegenerate(m.Verts[t[0]], m.Verts[t[1]], m.Verts[t[2]], t, minHeight) {
			state[i] = badGeo
			r.Degenerate++
			if len(r.FirstDegenerate) < MaxExamples {
				r.FirstDegenerate = append(r.FirstDegenerate, i)
			}
		}
	}

	shell := m.checkEdges(&r, state)
	m.checkShells(&r, state, shell, box)

	if !opt.SkipSelfIntersections && r.BadIndices == 0 && r.NonFinite == 0 {
		m.checkSelfIntersections(&r, state)
	}
	return r
}

// nonDegenerate reports whether the triangle has three distinct indices and a
// height over its longest edge above minHeight.
func nonDegenerate(a, b, c Vec3, t [3]uint32, minHeight float64) bool {
	if t[0] == t[1] || t[1] == t[2] || t[2] == t[0] {
		return false
	}
	// scalar arithmetic: this runs once per triangle on every check.
	x0, y0, z0 := b[0]-a[0], b[1]-a[1], b[2]-a[2]
	x1, y1, z1 := c[0]-b[0], c[1]-b[1], c[2]-b[2]
	x2, y2, z2 := a[0]-c[0], a[1]-c[1], a[2]-c[2]
	l := max(x0*x0+y0*y0+z0*z0, x1*x1+y1*y1+z1*z1, x2*x2+y2*y2+z2*z2)
	if l == 0 {
		return false
	}
	// height = |e0 × e2| / longest; compare squares to avoid two roots.
	cx, cy, cz := y0*z2-z0*y2, z0*x2-x0*z2, x0*y2-y0*x2
	return cx*cx+cy*cy+cz*cz > minHeight*minHeight*l
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

// checkShells counts shells, sums the signed volume per shell and finds
// inverted shells. A negative shell is a cavity when a point of it lies in
// the material of the other shells (their winding number there is at least
// one); that test needs closed shells and runs only when every edge is
// manifold and oriented.
func (m *Mesh) checkShells(r *CheckReport, state []uint8, shell []int32, box Box) {
	o := box.Center()
	if box.Empty() {
		o = Vec3{}
	}
	vol := make([]float64, len(m.Tris)) // indexed by shell root
	var roots []int32                   // in order of first triangle
	for i, t := range m.Tris {
		s := shell[i]
		if s < 0 {
			continue
		}
		if s == int32(i) {
			roots = append(roots, s)
		}
		if state[i] != 0 {
			continue // non-finite or degenerate: no volume
		}
		a, b, c := &m.Verts[t[0]], &m.Verts[t[1]], &m.Verts[t[2]]
		ax, ay, az := a[0]-o[0], a[1]-o[1], a[2]-o[2]
		bx, by, bz := b[0]-o[0], b[1]-o[1], b[2]-o[2]
		cx, cy, cz := c[0]-o[0], c[1]-o[1], c[2]-o[2]
		vol[s] += (ax*(by*cz-bz*cy) + ay*(bz*cx-bx*cz) + az*(bx*cy-by*cx)) / 6
	}
	r.Shells = len(roots)
	for _, s := range roots {
		r.Volume += vol[s]
	}
	closed := r.OpenEdges == 0 && r.NonManifoldEdges == 0 && r.MisorientedEdges == 0 && r.NonFinite == 0
	var boxes []Box // indexed by shell root
	for _, s := range roots {
		if !(vol[s] < 0) {
			continue
		}
		if closed && len(roots) > 1 {
			if boxes == nil {
				boxes = make([]Box, len(m.Tris))
				for _, s := range roots {
					boxes[s] = EmptyBox()
				}
				for i, t := range m.Tris {
					if s := shell[i]; s >= 0 {
						boxes[s] = boxes[s].Extend(m.Verts[t[0]]).Extend(m.Verts[t[1]]).Extend(m.Verts[t[2]])
					}
				}
			}
			if m.isCavity(s, shell, state, boxes) {
				r.Cavities++
				continue
			}
		}
		r.NegativeShells++
		if len(r.FirstNegativeShells) < MaxExamples {
			r.FirstNegativeShells = append(r.FirstNegativeShells, int(s))
		}
	}
}

// isCavity reports whether the centroid of shell s's first triangle lies in
// the material of the other shells: their generalized winding number there,
// the sum of the signed solid angles of their triangles over 4π, is at least
// one half (it is an integer for closed shells; a shell contributes only when
// its bounding box holds the point).
func (m *Mesh) isCavity(s int32, shell []int32, state []uint8, boxes []Box) bool {
	a, b, c := m.Triangle(int(s))
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
func (m *Mesh) checkSelfIntersections(r *CheckReport, state []uint8) {
	budget := pairBudget(len(m.Tris))
	pairs := 0
	b := NewBVH(m)
	for i, j := range b.OverlappingPairs() {
		if pairs++; pairs > budget {
			r.TooManyPairs = true
			return
		}
		if state[i] != 0 || state[j] != 0 || !meshTrianglesIntersect(m.Verts, m.Tris[i], m.Tris[j]) {
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
