package geom

import (
	"fmt"
	"math"
)

// Patch is a surface of a mesh that can carry an engraving: a structured grid
// of the mesh's vertices with a smooth map from surface coordinates (u, v),
// millimetres of arc length, to points and outward normals. A ring's inner
// and outer band, a pendant's face and a link's plate are patches.
//
// The grid has NU×NV points; cell (i, j) is the quad of grid points (i, j),
// (i+1, j), (i+1, j+1), (i, j+1), and the mesh must make each cell of exactly
// two triangles that use only those four vertices (as SweepClosed and a
// quad grid do). When ClosedU is set the grid wraps around: column NU is
// column 0 again, moved by PeriodU along u (a ring's circumference; PeriodU
// may be negative when u runs against the column order).
//
// (u, v) must be right-handed about the outward normal: ∂P/∂u × ∂P/∂v points
// along N. Then a region drawn with y up and x to the right in (u, v) reads
// correctly, not mirrored, to someone looking at the surface from outside the
// solid (for a ring's inner band: from the finger hole).
type Patch struct {
	NU, NV  int
	ClosedU bool
	// PeriodU is the change of u, in mm, from column i to column i+NU when
	// ClosedU is set.
	PeriodU float64
	// Vert returns the mesh vertex at grid point (i, j), 0 ≤ i < NU, 0 ≤ j < NV.
	Vert func(i, j int) uint32
	// UV returns the surface coordinates of grid point (i, j), in mm.
	UV func(i, j int) Vec2
	// Eval returns the surface point (mm) and its unit outward normal at
	// (u, v). At a grid point it should return that vertex's position (within
	// the chord tolerance); between them it follows the smooth surface. For
	// ClosedU it must be periodic in u with period PeriodU.
	Eval func(uv Vec2) (p, n Vec3)
}

// validate checks the patch's shape.
func (p *Patch) validate() error {
	if p.NU < 2 || p.NV < 2 {
		return invalidf("patch grid %d×%d: needs at least 2×2 points", p.NU, p.NV)
	}
	if p.Vert == nil || p.UV == nil || p.Eval == nil {
		return invalidf("patch needs Vert, UV and Eval")
	}
	if p.ClosedU && (p.PeriodU == 0 || math.IsNaN(p.PeriodU) || math.IsInf(p.PeriodU, 0)) {
		return invalidf("closed patch period %g mm: must be finite and non-zero", p.PeriodU)
	}
	if int64(p.NU)*int64(p.NV) > MaxCDTPoints {
		return fmt.Errorf("%w: patch grid %d×%d over %d points", ErrBudget, p.NU, p.NV, MaxCDTPoints)
	}
	return nil
}

// wrap returns i reduced to [0, NU) and how many periods were removed.
func (p *Patch) wrap(i int) (int, int) {
	if !p.ClosedU {
		return i, 0
	}
	k := i / p.NU
	if i%p.NU < 0 {
		k--
	}
	return i - k*p.NU, k
}

// uvAt returns the coordinates of grid point (i, j) with i unwrapped (any
// integer for a closed patch).
func (p *Patch) uvAt(i, j int) Vec2 {
	w, k := p.wrap(i)
	q := p.UV(w, j)
	q[0] += float64(k) * p.PeriodU
	return q
}

// vertAt returns the mesh vertex of grid point (i, j), i unwrapped.
func (p *Patch) vertAt(i, j int) uint32 {
	w, _ := p.wrap(i)
	return p.Vert(w, j)
}

// patchWindow is a rectangle of grid cells [I0, I1) × [J0, J1) (I unwrapped).
type patchWindow struct{ I0, I1, J0, J1 int }

// window returns the cells covering the box b (mm in (u, v)) with one cell
// more on every side where the grid has one. It fails when b leaves the
// patch or wraps all the way round.
func (p *Patch) window(b Box2) (patchWindow, error) {
	var w patchWindow
	// Column ranges of u and row ranges of v, over the whole grid.
	colLo := make([]float64, p.NU)
	colHi := make([]float64, p.NU)
	rowLo := make([]float64, p.NV)
	rowHi := make([]float64, p.NV)
	for j := range rowLo {
		rowLo[j], rowHi[j] = math.Inf(1), math.Inf(-1)
	}
	for i := 0; i < p.NU; i++ {
		colLo[i], colHi[i] = math.Inf(1), math.Inf(-1)
		for j := 0; j < p.NV; j++ {
			q := p.UV(i, j)
			colLo[i], colHi[i] = math.Min(colLo[i], q[0]), math.Max(colHi[i], q[0])
			rowLo[j], rowHi[j] = math.Min(rowLo[j], q[1]), math.Max(rowHi[j], q[1])
		}
	}
	cellU := func(i int) (lo, hi float64) {
		a, ka := p.wrap(i)
		c, kc := p.wrap(i + 1)
		lo = math.Min(colLo[a]+float64(ka)*p.PeriodU, colLo[c]+float64(kc)*p.PeriodU)
		hi = math.Max(colHi[a]+float64(ka)*p.PeriodU, colHi[c]+float64(kc)*p.PeriodU)
		return lo, hi
	}
	lo, hi := 0, p.NU-1
	if p.ClosedU {
		lo, hi = -p.NU, 2*p.NU
	}
	w.I0, w.I1 = math.MaxInt, math.MinInt
	for i := lo; i < hi; i++ {
		a, c := cellU(i)
		if c >= b.Min[0] && a <= b.Max[0] {
			w.I0, w.I1 = min(w.I0, i), max(w.I1, i+1)
		}
	}
	w.J0, w.J1 = math.MaxInt, math.MinInt
	for j := 0; j+1 < p.NV; j++ {
		a := math.Min(rowLo[j], rowLo[j+1])
		c := math.Max(rowHi[j], rowHi[j+1])
		if c >= b.Min[1] && a <= b.Max[1] {
			w.J0, w.J1 = min(w.J0, j), max(w.J1, j+1)
		}
	}
	if w.I0 > w.I1 || w.J0 > w.J1 {
		return w, invalidf("region (u %.3f to %.3f, v %.3f to %.3f mm) lies off the patch", b.Min[0], b.Max[0], b.Min[1], b.Max[1])
	}
	// one cell of margin where there is one
	if p.ClosedU || w.I0 > 0 {
		w.I0--
	}
	if p.ClosedU || w.I1 < p.NU-1 {
		w.I1++
	}
	w.J0 = max(w.J0-1, 0)
	w.J1 = min(w.J1+1, p.NV-1)
	if p.ClosedU && w.I1-w.I0 >= p.NU {
		return w, invalidf("region (u %.3f to %.3f mm) is longer than the closed patch (%.3f mm around)", b.Min[0], b.Max[0], math.Abs(p.PeriodU))
	}
	return w, nil
}

// cells returns the window's cells as (wrapped column, row) keys.
func (p *Patch) cellKeys(w patchWindow) []int64 {
	keys := make([]int64, 0, (w.I1-w.I0)*(w.J1-w.J0))
	for i := w.I0; i < w.I1; i++ {
		a, _ := p.wrap(i)
		for j := w.J0; j < w.J1; j++ {
			keys = append(keys, int64(a)*int64(p.NV)+int64(j))
		}
	}
	return keys
}
