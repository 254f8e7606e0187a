package pendant

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// MaxFaceSpacingMM is the largest side of a face's grid cells, mm: the grid
// an engraving is cut into (geom.CutPatch works cell by cell).
const MaxFaceSpacingMM = 0.5

// Offsets of the grid lines from the face's centre, in cells: half a cell
// across (columns stay symmetric about the centre) and an odd fraction up.
const (
	gridOffsetU = 0.5
	gridOffsetV = 0.3719
)

// faceGrid is the structured part of a face: the cells of a square grid
// (side s, mm, in the body's plane x, z) that lie wholly inside the face and
// clear of its rim and holes by a quarter cell. The rest of the face (a
// strip along the rim and round each hole) is triangulated to fit.
type faceGrid struct {
	x0, z0, s float64
	nu, nv    int    // grid points along x and along z
	full      []bool // cell (i, j) at i*(nv-1)+j
}

func (g *faceGrid) point(i, j int) geom.Vec2 {
	return geom.Vec2{g.x0 + float64(i)*g.s, g.z0 + float64(j)*g.s}
}

// isFull reports whether cell (i, j) is a grid cell of the mesh (false off
// the grid).
func (g *faceGrid) isFull(i, j int) bool {
	if i < 0 || j < 0 || i >= g.nu-1 || j >= g.nv-1 {
		return false
	}
	return g.full[i*(g.nv-1)+j]
}

// newFaceGrid lays the grid over the face, its columns symmetric about the
// vertical through cx (a mirror-symmetric outline gets a mirror-symmetric
// grid). keepOut marks areas (a bezel's foot) left to the fill. A cell is
// full when no edge of the face, a hole or a keep-out area comes within a
// quarter cell of it (by the edges' boxes) and its centre is inside the
// face and outside the holes and keep-out areas (by crossings along its
// row).
func newFaceGrid(face []geom.Vec2, holes, keepOut [][]geom.Vec2, cx, cz, s float64) *faceGrid {
	bx := geom.Contour(face).Bounds()
	// Grid lines off round distances from the centre (cx, cz): a glyph's
	// straight edge that lay exactly on one would leave the cut with
	// degenerate triangles.
	ox := cx + gridOffsetU*s
	oz := cz + gridOffsetV*s
	i0 := math.Floor((bx.Min[0] - ox) / s)
	i1 := math.Ceil((bx.Max[0] - ox) / s)
	j0 := math.Floor((bx.Min[1] - oz) / s)
	j1 := math.Ceil((bx.Max[1] - oz) / s)
	g := &faceGrid{x0: ox + i0*s, z0: oz + j0*s, s: s}
	g.nu = int(i1-i0) + 1
	g.nv = int(j1-j0) + 1
	nc := g.nv - 1
	g.full = make([]bool, (g.nu-1)*nc)
	blocked := make([]bool, len(g.full))
	loops := append(append([][]geom.Vec2{face}, holes...), keepOut...)
	m := s / 4
	for _, l := range loops {
		for k, a := range l {
			c := l[(k+1)%len(l)]
			ia := max(int(math.Floor((math.Min(a[0], c[0])-m-g.x0)/s)), 0)
			ib := min(int(math.Floor((math.Max(a[0], c[0])+m-g.x0)/s)), g.nu-2)
			ja := max(int(math.Floor((math.Min(a[1], c[1])-m-g.z0)/s)), 0)
			jb := min(int(math.Floor((math.Max(a[1], c[1])+m-g.z0)/s)), nc-1)
			for i := ia; i <= ib; i++ {
				for j := ja; j <= jb; j++ {
					blocked[i*nc+j] = true
				}
			}
		}
	}
	var xs []float64
	count := make([]int, g.nu-1) // crossings of the row left of each cell centre, per loop
	for j := 0; j < nc; j++ {
		z := g.z0 + (float64(j)+0.5)*s
		in := make([]bool, g.nu-1)
		for li, l := range loops {
			xs = xs[:0]
			for k, a := range l {
				c := l[(k+1)%len(l)]
				if (a[1] > z) != (c[1] > z) {
					xs = append(xs, a[0]+(z-a[1])*(c[0]-a[0])/(c[1]-a[1]))
				}
			}
			for i := range count {
				count[i] = 0
				xc := g.x0 + (float64(i)+0.5)*s
				for _, x := range xs {
					if x < xc {
						count[i]++
					}
				}
				odd := count[i]%2 == 1
				if li == 0 {
					in[i] = odd
				} else if odd {
					in[i] = false
				}
			}
		}
		for i := range in {
			g.full[i*nc+j] = in[i] && !blocked[i*nc+j]
		}
	}
	return g
}

// faceTriangles triangulates a face: the grid's cells as two triangles each
// and the rest constrained Delaunay. It returns the points in order (face,
// holes, grid points), counter-clockwise triangles in (x, z), and for every
// grid point its index in the points (-1 when no full cell uses it).
func faceTriangles(face []geom.Vec2, holes [][]geom.Vec2, g *faceGrid) ([]geom.Vec2, [][3]uint32, []int32, error) {
	var pts []geom.Vec2
	var segs [][2]int
	loop := func(c []geom.Vec2) {
		o := len(pts)
		pts = append(pts, c...)
		for i := range c {
			segs = append(segs, [2]int{o + i, o + (i+1)%len(c)})
		}
	}
	loop(face)
	for _, h := range holes {
		loop(h)
	}
	gi := make([]int32, g.nu*g.nv)
	for k := range gi {
		gi[k] = -1
	}
	idx := func(i, j int) int {
		k := i*g.nv + j
		if gi[k] < 0 {
			gi[k] = int32(len(pts))
			pts = append(pts, g.point(i, j))
		}
		return int(gi[k])
	}
	// The grid's outline, clockwise (it takes the cells out of the fill).
	for i := 0; i+1 < g.nu; i++ {
		for j := 0; j+1 < g.nv; j++ {
			if !g.isFull(i, j) {
				continue
			}
			if !g.isFull(i, j-1) {
				segs = append(segs, [2]int{idx(i+1, j), idx(i, j)})
			}
			if !g.isFull(i+1, j) {
				segs = append(segs, [2]int{idx(i+1, j+1), idx(i+1, j)})
			}
			if !g.isFull(i, j+1) {
				segs = append(segs, [2]int{idx(i, j+1), idx(i+1, j+1)})
			}
			if !g.isFull(i-1, j) {
				segs = append(segs, [2]int{idx(i, j), idx(i, j+1)})
			}
		}
	}
	nFill := len(pts)
	tr, err := geom.Triangulate2D(pts, segs)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(tr.Verts) != nFill {
		return nil, nil, nil, fmt.Errorf("%w: the body's face has touching or crossing edges", ErrParams)
	}
	back := make([]uint32, len(tr.Verts))
	for i, v := range tr.Index[:nFill] {
		back[v] = uint32(i)
	}
	var tris [][3]uint32
	for i, t := range tr.Tris {
		if tr.Winding[i] != 0 {
			tris = append(tris, [3]uint32{back[t[0]], back[t[1]], back[t[2]]})
		}
	}
	for i := 0; i+1 < g.nu; i++ {
		for j := 0; j+1 < g.nv; j++ {
			if !g.isFull(i, j) {
				continue
			}
			a, b, c, d := uint32(idx(i, j)), uint32(idx(i+1, j)), uint32(idx(i+1, j+1)), uint32(idx(i, j+1))
			tris = append(tris, [3]uint32{a, b, c}, [3]uint32{a, c, d})
		}
	}
	return pts, tris, gi, nil
}
