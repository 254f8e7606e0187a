package geom

import "math"

// weldMaxCells bounds the grid's cell coordinates: the cell size is raised
// when eps is tiny against the mesh's extent, so cell indices stay below
// 2⁴⁰ (a cell larger than eps only costs a few more distance tests).
const weldMaxCells = 1 << 40

// Weld returns a new mesh in which vertices within eps mm of each other are
// merged: STL stores every triangle with its own three corners, and welding
// restores the shared vertices that Check and Shade need.
//
// Vertices are visited in index order; each is merged into the first kept
// vertex within eps (distance ≤ eps, so Weld(0) merges exact duplicates),
// otherwise it is kept. Merging is not transitive: a vertex joins a kept
// vertex, never one that was itself merged, so a chain of points eps apart
// does not collapse. Triangles that end with a repeated index are dropped, as
// are vertices no triangle uses; kept vertices keep their relative order and
// their original coordinates. A negative or NaN eps counts as 0. Triangles
// with out-of-range indices are dropped, and non-finite vertices are never
// merged. The result is deterministic; m is not modified.
func (m *Mesh) Weld(eps float64) *Mesh {
	if !(eps > 0) {
		eps = 0
	}
	nv := len(m.Verts)
	box := EmptyBox()
	for _, p := range m.Verts {
		if finite(p) {
			box = extendBox(box, p)
		}
	}
	// Cells are 2·eps wide, so the eps-ball around a point reaches at most
	// one neighbour cell per axis (the one on the side of the cell's middle
	// the point is on): 8 cells to probe instead of 27.
	cell := 2 * eps
	if !box.Empty() {
		ext := box.Size()
		cell = math.Max(cell, math.Max(ext[0], math.Max(ext[1], ext[2]))/weldMaxCells)
	}
	if !(cell > 0) {
		cell = 1 // every point is the same point: any cell size works
	}
	g := newWeldGrid(nv)
	remap := make([]int32, nv) // vertex → kept vertex (an original index)
	eps2 := eps * eps
	for i, p := range m.Verts {
		remap[i] = int32(i)
		if !finite(p) {
			continue
		}
		var c, o [3]int64
		for k := 0; k < 3; k++ {
			f := (p[k] - box.Min[k]) / cell
			c[k] = int64(math.Floor(f))
			o[k] = 1
			if f-float64(c[k]) < 0.5 {
				o[k] = -1
			}
		}
		best := int32(-1)
		for n := 0; n < 8; n++ {
			q := c
			for k := 0; k < 3; k++ {
				if n>>k&1 == 1 {
					q[k] += o[k]
				}
			}
			for j := g.head(q); j >= 0; j = g.next[j] {
				if (best < 0 || j < best) && m.Verts[j].Sub(p).LenSqr() <= eps2 {
					best = j
				}
			}
		}
		if best >= 0 {
			remap[i] = best
			continue
		}
		g.add(c, int32(i))
	}

	out := &Mesh{Tris: make([][3]uint32, 0, len(m.Tris))}
	newID := make([]int32, nv)
	for i := range newID {
		newID[i] = -1
	}
	for _, t := range m.Tris {
		if int(t[0]) >= nv || int(t[1]) >= nv || int(t[2]) >= nv {
			continue
		}
		a, b, c := remap[t[0]], remap[t[1]], remap[t[2]]
		if a == b || b == c || c == a {
			continue
		}
		out.Tris = append(out.Tris, [3]uint32{uint32(a), uint32(b), uint32(c)})
		newID[a], newID[b], newID[c] = 0, 0, 0 // mark used
	}
	n := int32(0)
	for i := range newID {
		if newID[i] == 0 {
			newID[i] = n
			n++
		}
	}
	out.Verts = make([]Vec3, 0, n)
	for i, id := range newID {
		if id >= 0 {
			out.Verts = append(out.Verts, m.Verts[i])
		}
	}
	for i, t := range out.Tris {
		out.Tris[i] = [3]uint32{uint32(newID[t[0]]), uint32(newID[t[1]]), uint32(newID[t[2]])}
	}
	return out
}

// weldGrid is a hash grid of kept vertices: an open-addressing table from
// cell to the last vertex added there, and a chain through the others. The
// table starts small and doubles at half load, so it stays as small as the
// number of distinct cells (a third of the corners of an STL); a slot holds
// key and head together, one cache line per probe.
type weldGrid struct {
	slots []weldSlot
	mask  uint64
	used  int
	next  []int32 // by vertex: the previous vertex added to its cell
}

type weldSlot struct {
	key  [3]int64
	head int32 // −1: empty
}

func newWeldGrid(nv int) *weldGrid {
	g := &weldGrid{next: make([]int32, nv)}
	g.resize(1024)
	return g
}

func (g *weldGrid) resize(size int) {
	old := g.slots
	g.slots, g.mask = make([]weldSlot, size), uint64(size-1)
	for i := range g.slots {
		g.slots[i].head = -1
	}
	for _, s := range old {
		if s.head >= 0 {
			g.slots[g.slot(s.key)] = s
		}
	}
}

// slot returns the table slot of cell c: its own, or the empty one where it
// would go.
func (g *weldGrid) slot(c [3]int64) uint64 {
	// mix the three indices, then finish with splitmix64's avalanche so the
	// low bits used as the slot depend on every bit of the cell.
	h := uint64(c[0])*0x9E3779B97F4A7C15 + uint64(c[1])*0xC2B2AE3D27D4EB4F + uint64(c[2])*0x165667B19E3779F9
	h = (h ^ h>>30) * 0xBF58476D1CE4E5B9
	h = (h ^ h>>27) * 0x94D049BB133111EB
	h ^= h >> 31
	for i := h & g.mask; ; i = (i + 1) & g.mask {
		if s := &g.slots[i]; s.head < 0 || s.key == c {
			return i
		}
	}
}

// head returns the last vertex added to cell c, or −1.
func (g *weldGrid) head(c [3]int64) int32 { return g.slots[g.slot(c)].head }

// add puts vertex v in cell c.
func (g *weldGrid) add(c [3]int64, v int32) {
	i := g.slot(c)
	s := &g.slots[i]
	g.next[v] = s.head
	if s.head < 0 {
		g.used++
	}
	s.key, s.head = c, v
	if 2*g.used > len(g.slots) {
		g.resize(2 * len(g.slots))
	}
}
