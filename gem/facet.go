package gem

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// DefaultFacetAngleDeg is the angle tolerance FacetCount is meant to be used
// with: two triangles are one facet when their normals differ by less than
// this. Facet planes of a stone are exact to rounding (≈1e-12 rad) while
// neighbouring facets of any cut differ by whole degrees.
const DefaultFacetAngleDeg = 0.01

// FacetCount counts the planar facets of a stone mesh the way the trade
// counts them: triangles that share an edge and whose normals differ by less
// than angleTolDeg degrees are one facet, and the girdle (triangles whose
// normal is within angleTolDeg of horizontal) is not counted. A round
// brilliant has 57 (58 with a culet). It works on any indexed mesh whose
// triangles share vertices by index.
func FacetCount(m *geom.Mesh, angleTolDeg float64) int {
	if m == nil || len(m.Tris) == 0 {
		return 0
	}
	cosTol := math.Cos(angleTolDeg * math.Pi / 180)
	sinTol := math.Sin(angleTolDeg * math.Pi / 180)
	nt := len(m.Tris)
	normals := make([]geom.Vec3, nt)
	skip := make([]bool, nt)
	for i := range m.Tris {
		if !validTri(m, i) {
			skip[i] = true
			continue
		}
		a, b, c := m.Triangle(i)
		n := b.Sub(a).Cross(c.Sub(a))
		l := n.Len()
		if !(l > 0) {
			skip[i] = true
			continue
		}
		normals[i] = n.Mul(1 / l)
		skip[i] = math.Abs(normals[i][2]) < sinTol
	}
	parent := make([]int, nt)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	type edge struct{ a, b uint32 }
	seen := make(map[edge]int, 3*nt/2)
	for i, t := range m.Tris {
		if skip[i] {
			continue
		}
		for k := 0; k < 3; k++ {
			a, b := t[k], t[(k+1)%3]
			if a > b {
				a, b = b, a
			}
			e := edge{a, b}
			j, ok := seen[e]
			if !ok {
				seen[e] = i
				continue
			}
			if normals[i].Dot(normals[j]) >= cosTol {
				parent[find(i)] = find(j)
			}
		}
	}
	n := 0
	for i := range parent {
		if !skip[i] && find(i) == i {
			n++
		}
	}
	return n
}

func validTri(m *geom.Mesh, i int) bool {
	for _, v := range m.Tris[i] {
		if int(v) >= len(m.Verts) {
			return false
		}
	}
	return true
}
