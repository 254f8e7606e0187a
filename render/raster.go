package render

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// subBits is the fixed-point precision of projected vertices: 1/256 sample.
const subBits = 8

const subOne = 1 << subBits

// tilePixels is the side of a square tile in image pixels. 32 keeps a tile's
// buffers (32·s × 32·s samples of depth and id) inside the L1/L2 caches and
// gives a 1024 × 1024 image 1024 tiles to share among cores.
const tilePixels = 32

// pvert is a projected vertex: sample-grid position, 1/depth, and whether it
// lies in front of the near plane and inside the guard band.
type pvert struct {
	x, y, iz float64
	in       bool
}

// prim is a triangle ready for binning: three projected vertices (indices
// into the scene's vertices when below nv, else into the chunk's extras
// minus nv), ordered so that its screen area is positive, and the id of the
// model triangle it comes from (global index + 1).
type prim struct {
	v  [3]uint32
	id uint32
	z  depthPlane
}

// depthPlane is 1/depth as an exact affine function of the sample grid,
// iz(x, y) = z0 + zx·x + zy·y, taken from the triangle's plane in space
// (not from its snapped corners), so the depth buffer holds the true ray
// hit at every sample centre.
type depthPlane struct{ z0, zx, zy float64 }

// planeOf returns the depth plane of the triangle (a, b, c) seen by cam.
// For a point P = eye + r(x, y)·z on the plane n·(P − a) = 0 with
// r = fw + right·(x − cx)/f − up·(y − cy)/f, 1/z = −n·r / n·(eye − a).
func planeOf(cam *basis, a, b, c geom.Vec3) depthPlane {
	n := b.Sub(a).Cross(c.Sub(a))
	den := n.Dot(cam.eye.Sub(a))
	if den == 0 {
		return depthPlane{}
	}
	k := -1 / den
	nr, nu := n.Dot(cam.right)/cam.focal, n.Dot(cam.up)/cam.focal
	return depthPlane{
		z0: k * (n.Dot(cam.fw) - nr*cam.cx + nu*cam.cy),
		zx: k * nr,
		zy: -k * nu,
	}
}

// chunk is the binning result of one contiguous range of triangles.
type chunk struct {
	prims  []prim
	extras []pvert
	bins   [][]uint32 // per tile, indices into prims, in triangle order
}

// projectAll projects every vertex of every part into v (sample grid).
func (sc *scene) projectAll() {
	g := guardBand(&sc.cam)
	w, h := float64(sc.cam.w), float64(sc.cam.h)
	for pi := range sc.parts {
		p := &sc.parts[pi]
		verts := p.mesh.Verts
		base := sc.vertBase[pi]
		parallelRange(len(verts), sc.workers, func(_, lo, hi int) {
			b := &sc.cam
			for i := lo; i < hi; i++ {
				d := verts[i].Sub(b.eye)
				z := d.Dot(b.fw)
				var pv pvert
				if z >= b.near {
					iz := 1 / z
					pv.x = b.cx + b.focal*d.Dot(b.right)*iz
					pv.y = b.cy - b.focal*d.Dot(b.up)*iz
					pv.iz = iz
					pv.in = pv.x >= -g && pv.x <= w+g && pv.y >= -g && pv.y <= h+g
				}
				sc.pv[base+i] = pv
			}
		})
	}
}

// bin culls, clips and bins triangles [lo, hi) (global indices) into c.
func (sc *scene) bin(c *chunk, lo, hi int) {
	c.bins = make([][]uint32, sc.tilesX*sc.tilesY)
	nv := uint32(len(sc.pv))
	tileS := float64(sc.tileS)
	maxX, maxY := float64(sc.cam.w-1), float64(sc.cam.h-1)
	planes := clipPlanes(&sc.cam)
	var polyBuf, clipBuf []geom.Vec3
	// First pass: prims and the tile range each covers; second pass:
	// one backing array cut into per-tile bins (no slice growth).
	c.prims = make([]prim, 0, (hi-lo)/2+16) // about half the faces face the camera
	ranges := make([][4]uint16, 0, (hi-lo)/2+16)
	counts := make([]uint32, len(c.bins))
	add := func(pr prim, a, b, cc *pvert) {
		// Sample (i, j) has its centre at (i+0.5, j+0.5); the bounding box
		// of sample indices the triangle may cover:
		x0 := max(math.Floor(min(a.x, b.x, cc.x)-0.5), 0)
		y0 := max(math.Floor(min(a.y, b.y, cc.y)-0.5), 0)
		x1 := min(math.Ceil(max(a.x, b.x, cc.x)-0.5), maxX)
		y1 := min(math.Ceil(max(a.y, b.y, cc.y)-0.5), maxY)
		if x0 > x1 || y0 > y1 {
			return
		}
		r := [4]uint16{uint16(x0 / tileS), uint16(y0 / tileS), uint16(x1 / tileS), uint16(y1 / tileS)}
		c.prims = append(c.prims, pr)
		ranges = append(ranges, r)
		for ty := int(r[1]); ty <= int(r[3]); ty++ {
			for tx := int(r[0]); tx <= int(r[2]); tx++ {
				counts[ty*sc.tilesX+tx]++
			}
		}
	}
	defer func() {
		total := 0
		for _, n := range counts {
			total += int(n)
		}
		backing := make([]uint32, total)
		off := 0
		for t, n := range counts {
			c.bins[t] = backing[off : off : off+int(n)]
			off += int(n)
		}
		for k, r := range ranges {
			for ty := int(r[1]); ty <= int(r[3]); ty++ {
				for tx := int(r[0]); tx <= int(r[2]); tx++ {
					t := ty*sc.tilesX + tx
					c.bins[t] = append(c.bins[t], uint32(k))
				}
			}
		}
	}()
	pi := sc.partOf(lo)
	for g := lo; g < hi; g++ {
		for g >= sc.triBase[pi+1] {
			pi++
		}
		part := &sc.parts[pi]
		t := part.mesh.Tris[g-sc.triBase[pi]]
		vb := uint32(sc.vertBase[pi])
		i0, i1, i2 := t[0]+vb, t[1]+vb, t[2]+vb
		a, b, cc := &sc.pv[i0], &sc.pv[i1], &sc.pv[i2]
		id := uint32(g + 1)
		if a.in && b.in && cc.in {
			area := (b.x-a.x)*(cc.y-a.y) - (cc.x-a.x)*(b.y-a.y)
			// Front faces (counter-clockwise from outside) have negative
			// area in the y-down image; swap two corners to make it positive.
			if !(area < 0) {
				continue
			}
			w0, w1, w2 := part.mesh.Verts[i0-vb], part.mesh.Verts[i1-vb], part.mesh.Verts[i2-vb]
			add(prim{v: [3]uint32{i0, i2, i1}, id: id, z: planeOf(&sc.cam, w0, w1, w2)}, a, cc, b)
			continue
		}
		// Slow path: clip in camera space against the near plane and the
		// guard band, then fan the polygon into triangles.
		w0, w1, w2 := part.mesh.Triangle(g - sc.triBase[pi])
		if w1.Sub(w0).Cross(w2.Sub(w0)).Dot(sc.cam.eye.Sub(w0)) <= 0 {
			continue // back face
		}
		polyBuf = polyBuf[:0]
		for _, w := range [3]geom.Vec3{w0, w2, w1} { // already in positive order
			d := w.Sub(sc.cam.eye)
			polyBuf = append(polyBuf, geom.Vec3{d.Dot(sc.cam.right), d.Dot(sc.cam.up), d.Dot(sc.cam.fw)})
		}
		poly := clipPolygon(polyBuf, &planes, clipBuf)
		if len(poly) < 3 {
			continue
		}
		zp := planeOf(&sc.cam, w0, w1, w2)
		base := uint32(len(c.extras))
		for _, q := range poly {
			iz := 1 / q[2]
			c.extras = append(c.extras, pvert{
				x:  sc.cam.cx + sc.cam.focal*q[0]*iz,
				y:  sc.cam.cy - sc.cam.focal*q[1]*iz,
				iz: iz, in: true,
			})
		}
		for k := 1; k+1 < len(poly); k++ {
			j0, j1, j2 := base, base+uint32(k), base+uint32(k+1)
			p0, p1, p2 := &c.extras[j0], &c.extras[j1], &c.extras[j2]
			if (p1.x-p0.x)*(p2.y-p0.y)-(p2.x-p0.x)*(p1.y-p0.y) <= 0 {
				continue
			}
			add(prim{v: [3]uint32{j0 + nv, j1 + nv, j2 + nv}, id: id, z: zp}, p0, p1, p2)
		}
	}
}

// vert returns a prim's projected vertex.
func (sc *scene) vert(c *chunk, i uint32) *pvert {
	if n := uint32(len(sc.pv)); i >= n {
		return &c.extras[i-n]
	}
	return &sc.pv[i]
}

// tileBuf is one worker's scratch buffer for a tile: per sample, 1/depth
// (0 = nothing) and the id of the nearest triangle (0 = none).
type tileBuf struct {
	depth []float32
	id    []uint32
	empty bool // no triangle was binned to the tile: every id is 0
}

// rasterTile draws every binned triangle into the tile whose top-left sample
// is (ox, oy) and whose size is tw × th samples. Triangles are visited in
// model order and the depth test is strict, so ties go to the first.
func (sc *scene) rasterTile(buf *tileBuf, tile, ox, oy, tw, th int) {
	n := tw * th
	buf.empty = true
	for ci := range sc.chunks {
		if len(sc.chunks[ci].bins[tile]) > 0 {
			buf.empty = false
		}
	}
	if buf.empty {
		return
	}
	clear(buf.depth[:n])
	clear(buf.id[:n])
	for ci := range sc.chunks {
		c := &sc.chunks[ci]
		for _, k := range c.bins[tile] {
			pr := c.prims[k]
			rasterTri(buf, sc.vert(c, pr.v[0]), sc.vert(c, pr.v[1]), sc.vert(c, pr.v[2]), pr.id, &pr.z, ox, oy, tw, th)
		}
	}
}

// edge is an integer edge function E(x, y) = a·x + b·y + c over subsample
// coordinates, biased by the top-left rule so that "inside" is E ≥ 0.
type edge struct{ a, b, c int64 }

func makeEdge(xa, ya, xb, yb int64) edge {
	e := edge{a: ya - yb, b: xb - xa}
	e.c = -(e.a*xa + e.b*ya)
	// Triangles are clockwise on the y-down screen. A top edge is
	// horizontal and runs right; a left edge runs up. Samples exactly on
	// other edges belong to the neighbouring triangle.
	if !((ya == yb && xb > xa) || yb < ya) {
		e.c--
	}
	return e
}

func snap(v float64) int64 { return int64(math.Floor(v*subOne + 0.5)) }

// rasterTri fills the samples of one triangle inside the tile.
func rasterTri(buf *tileBuf, p0, p1, p2 *pvert, id uint32, zp *depthPlane, ox, oy, tw, th int) {
	x0, y0 := snap(p0.x), snap(p0.y)
	x1, y1 := snap(p1.x), snap(p1.y)
	x2, y2 := snap(p2.x), snap(p2.y)
	area := (x1-x0)*(y2-y0) - (x2-x0)*(y1-y0)
	if area <= 0 {
		return
	}
	// Sample bounding box, clamped to the tile. Sample i's centre is at
	// i·subOne + subOne/2.
	lox := max(int((min(x0, x1, x2)-subOne/2+subOne-1)>>subBits), ox)
	loy := max(int((min(y0, y1, y2)-subOne/2+subOne-1)>>subBits), oy)
	hix := min(int((max(x0, x1, x2)-subOne/2)>>subBits), ox+tw-1)
	hiy := min(int((max(y0, y1, y2)-subOne/2)>>subBits), oy+th-1)
	if lox > hix || loy > hiy {
		return
	}
	e0 := makeEdge(x1, y1, x2, y2) // opposite vertex 0
	e1 := makeEdge(x2, y2, x0, y0) // opposite vertex 1
	e2 := makeEdge(x0, y0, x1, y1) // opposite vertex 2
	sx := int64(lox)<<subBits + subOne/2
	sy := int64(loy)<<subBits + subOne/2
	u0 := e0.a*sx + e0.b*sy + e0.c
	u1 := e1.a*sx + e1.b*sy + e1.c
	u2 := e2.a*sx + e2.b*sy + e2.c
	dzx, dzy := zp.zx, zp.zy
	zr := zp.z0 + zp.zx*(float64(lox)+0.5) + zp.zy*(float64(loy)+0.5)
	stepX0, stepX1, stepX2 := e0.a<<subBits, e1.a<<subBits, e2.a<<subBits
	stepY0, stepY1, stepY2 := e0.b<<subBits, e1.b<<subBits, e2.b<<subBits
	for y := loy; y <= hiy; y++ {
		w0, w1, w2 := u0, u1, u2
		z := zr
		row := (y-oy)*tw - ox
		for x := lox; x <= hix; x++ {
			if w0|w1|w2 >= 0 {
				zf := float32(z)
				if zf > buf.depth[row+x] {
					buf.depth[row+x] = zf
					buf.id[row+x] = id
				}
			}
			w0 += stepX0
			w1 += stepX1
			w2 += stepX2
			z += dzx
		}
		u0 += stepY0
		u1 += stepY1
		u2 += stepY2
		zr += dzy
	}
}
