package pendant

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// ringStep is one station of the rim profile: inset from the outline, mm
// (toward the outline's centre), and depth y, mm (front negative).
type ringStep struct{ inset, y float64 }

// rimProfile returns the rim's stations from the front face round to the
// back face.
func rimProfile(e Edge, t float64, tol geom.Tolerance) []ringStep {
	switch e {
	case Round:
		r := t / 2
		n := max(tol.Segments(r, math.Pi), 4)
		out := make([]ringStep, n+1)
		for i := range out {
			s, c := math.Sincos(-math.Pi/2 + math.Pi*float64(i)/float64(n))
			out[i] = ringStep{r * (1 - c), r * s}
		}
		return out
	case Bevel:
		b := math.Min(t/3, 0.5)
		return []ringStep{{b, -t / 2}, {0, -t/2 + b}, {0, t/2 - b}, {b, t / 2}}
	}
	return []ringStep{{0, -t / 2}, {0, t / 2}}
}

// body is the pendant's body being built, in its plane (u = x, v = z).
type body struct {
	outline []geom.Vec2
	centre  geom.Vec2
	rim     []ringStep
	rings   [][]geom.Vec2 // one per rim station
	face    []geom.Vec2   // the front and back faces' boundary (rings[0])
	holes   [][]geom.Vec2 // clockwise
	dome    float64
	reach   float64       // largest distance from the face's boundary, mm
	spacing float64       // interior grid spacing, mm
	keepOut [][]geom.Vec2 // areas of the front left out of its grid (the bezel's foot)
	faceIdx *segIndex     // the face's edges, for distances
	// set by mesh: the faces' grids and the mesh vertex of each grid point
	// (-1 where no grid cell uses it)
	front, back         *faceGrid
	frontVert, backVert []int32
}

// inset moves every outline point toward the centre by d (a radial inset:
// it cannot fold on an outline that is star-shaped about the centre).
func (b *body) inset(d float64) []geom.Vec2 {
	out := make([]geom.Vec2, len(b.outline))
	for i, q := range b.outline {
		r := q.Sub(b.centre)
		out[i] = q.Sub(r.Mul(d / r.Len()))
	}
	return out
}

func newBody(out []geom.Vec2, p Params) (*body, error) {
	b := &body{outline: out, dome: p.DomeMM}
	// Centre: the area centroid.
	var a, cx, cy float64
	for i, q := range out {
		r := out[(i+1)%len(out)]
		w := q[0]*r[1] - r[0]*q[1]
		a += w
		cx += (q[0] + r[0]) * w
		cy += (q[1] + r[1]) * w
	}
	b.centre = geom.Vec2{cx / (3 * a), cy / (3 * a)}
	b.rim = rimProfile(p.Edge, p.ThicknessMM, p.Tolerance)
	minR := math.Inf(1)
	for _, q := range out {
		minR = math.Min(minR, q.Sub(b.centre).Len())
	}
	for _, st := range b.rim {
		if st.inset >= 0.8*minR {
			return nil, fieldErr("pendant.edge", p.Edge, "the rim (%.2f mm) is too wide for the outline: use a thinner body or edge flat", st.inset)
		}
		r := b.inset(st.inset)
		if st.inset > 0 && !geom.Contour(r).Simple() {
			return nil, fieldErr("pendant.edge", p.Edge, "the outline is not star-shaped about its centre, so a %s rim folds: use edge flat", p.Edge)
		}
		b.rings = append(b.rings, r)
	}
	b.face = b.rings[0]
	// Interior grid spacing: fine enough for the dome's curvature within the
	// chord tolerance, and for the distance field that places the stone.
	bb := geom.Contour(b.face).Bounds().Size()
	side := math.Min(bb[0], bb[1])
	s := side / 8
	if b.dome > 0 {
		s = math.Min(s, side*math.Sqrt(p.Tolerance.Chord()/b.dome))
	}
	b.spacing = math.Max(s, side/60)
	return b, nil
}

// grid returns the interior grid points at least 0.4 spacing from every
// boundary, and their distances from the face's boundary.
func (b *body) grid() ([]geom.Vec2, []float64) {
	bx := geom.Contour(b.face).Bounds()
	s := b.spacing
	var pts []geom.Vec2
	var ds []float64
	// Columns symmetric about the centre's vertical, so a mirror-symmetric
	// outline gets a mirror-symmetric grid.
	i0 := int(math.Floor((bx.Min[0] - b.centre[0]) / s))
	for y := bx.Min[1] + s/2; y < bx.Max[1]; y += s {
		for i := i0; b.centre[0]+float64(i)*s < bx.Max[0]; i++ {
			q := geom.Vec2{b.centre[0] + float64(i)*s, y}
			if geom.Contour(b.face).Winding(q) == 0 {
				continue
			}
			d := b.faceDist(q)
			if d < 0.4*s {
				continue
			}
			ok := true
			for _, h := range b.holes {
				if geom.Contour(h).Winding(q) != 0 || polyDist(q, h) < 0.4*s {
					ok = false
					break
				}
			}
			if ok {
				pts = append(pts, q)
				ds = append(ds, d)
			}
		}
	}
	return pts, ds
}

// domeY returns the front's depth at a point d mm inside the face's
// boundary (negative: toward the viewer).
func (b *body) domeY(d float64) float64 {
	if b.dome == 0 || b.reach == 0 {
		return b.rim[0].y
	}
	x := math.Min(d/b.reach, 1)
	return b.rim[0].y - b.dome*(1-(1-x)*(1-x))
}

// frontY returns the front's depth at a point of the plane.
func (b *body) frontY(q geom.Vec2) float64 {
	if b.dome == 0 {
		return b.rim[0].y
	}
	return b.domeY(b.faceDist(q))
}

// faceDist returns the distance from q to the face's boundary, mm.
func (b *body) faceDist(q geom.Vec2) float64 {
	if b.faceIdx == nil {
		b.faceIdx = newSegIndex(b.face, 1)
	}
	return b.faceIdx.dist(q)
}

// mesh builds the body: front (domed) and back faces, the rim and the
// walls of the holes. Plane point (u, v) at depth y is (u, y, v). Each face
// is a structured grid inside (the engravable patch) and a constrained
// triangulation along the rim and round the holes.
func (b *body) mesh(tol geom.Tolerance) (*geom.Mesh, error) {
	n := len(b.outline)
	s := math.Min(b.spacing, MaxFaceSpacingMM)
	last := b.rings[len(b.rings)-1]
	fb, lb := geom.Contour(b.face).Bounds().Size(), geom.Contour(last).Bounds().Size()
	cells := (fb[0]/s+2)*(fb[1]/s+2) + (lb[0]/s+2)*(lb[1]/s+2)
	if err := tol.CheckBudget("pendant body", int64(2*cells)+int64(4*n*len(b.rings))); err != nil {
		return nil, err
	}
	b.front = newFaceGrid(b.face, b.holes, b.keepOut, b.centre[0], b.centre[1], s)
	b.back = newFaceGrid(last, b.holes, nil, b.centre[0], b.centre[1], s)
	fpts, ftris, fg, err := faceTriangles(b.face, b.holes, b.front)
	if err != nil {
		return nil, err
	}
	bpts, btris, bg, err := faceTriangles(last, b.holes, b.back)
	if err != nil {
		return nil, err
	}
	m := geom.NewMesh(len(fpts)+len(bpts)+n*len(b.rings), len(ftris)+len(btris)+2*n*len(b.rings))
	at := func(q geom.Vec2, y float64) uint32 { return m.AddVert(geom.Vec3{q[0], y, q[1]}) }
	// Rings (ring 0 is the front face's boundary, the last the back's).
	ringIdx := make([][]uint32, len(b.rings))
	for i, r := range b.rings {
		ringIdx[i] = make([]uint32, n)
		for k, q := range r {
			ringIdx[i][k] = at(q, b.rim[i].y)
		}
	}
	// Front: face boundary shares ring 0; the rest at the dome's depth.
	fid := make([]uint32, len(fpts))
	for i, q := range fpts {
		if i < n {
			fid[i] = ringIdx[0][i]
		} else {
			fid[i] = at(q, b.frontY(q))
		}
	}
	for _, t := range ftris {
		m.AddTri(fid[t[0]], fid[t[1]], fid[t[2]])
	}
	bid := make([]uint32, len(bpts))
	for i, q := range bpts {
		if i < n {
			bid[i] = ringIdx[len(b.rings)-1][i]
		} else {
			bid[i] = at(q, b.rim[len(b.rim)-1].y)
		}
	}
	for _, t := range btris {
		m.AddTri(bid[t[0]], bid[t[2]], bid[t[1]])
	}
	for i := 0; i+1 < len(b.rings); i++ {
		for k := 0; k < n; k++ {
			k1 := (k + 1) % n
			m.AddQuad(ringIdx[i][k], ringIdx[i+1][k], ringIdx[i+1][k1], ringIdx[i][k1])
		}
	}
	// Hole walls: front vertices of the holes are fid[n…], back bid[n…].
	o := n
	for _, h := range b.holes {
		for k := range h {
			k1 := (k + 1) % len(h)
			m.AddQuad(fid[o+k], bid[o+k], bid[o+k1], fid[o+k1])
		}
		o += len(h)
	}
	b.frontVert, b.backVert = meshIndex(fg, fid), meshIndex(bg, bid)
	return m, nil
}

// meshIndex maps grid points' point indices to mesh vertices.
func meshIndex(g []int32, id []uint32) []int32 {
	out := make([]int32, len(g))
	for k, v := range g {
		out[k] = -1
		if v >= 0 {
			out[k] = int32(id[v])
		}
	}
	return out
}
