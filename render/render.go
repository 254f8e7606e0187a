package render

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/mandrel3d/mandrel/geom"
)

// partData is one part prepared for drawing.
type partData struct {
	mesh    *geom.Mesh
	mat     geom.Material
	normals [][3]geom.Vec3 // smooth corner normals; nil for faceted gems
	faceN   []geom.Vec3    // unit face normals (zero for a degenerate triangle)
	brdf    *brdfTable     // split-sum terms for the part's roughness
	gem     *gemBody       // non-nil for a transparent stone
}

// scene is everything one rendering needs; it is read-only once built
// except for the per-tile buffers each worker owns.
type scene struct {
	cam      basis // sample grid
	s        int   // samples per pixel along each axis
	workers  int
	parts    []partData
	triBase  []int // global index of each part's first triangle; len(parts)+1
	vertBase []int // index in pv of each part's first vertex
	pv       []pvert
	chunks   []chunk
	tileS    int // tile side in samples
	tilesX   int
	tilesY   int
	shadow   *shadowMap
	bg       [3]float64 // linear background colour
	bgA      float64    // background alpha, 0 (transparent) or 1
}

// checkModel returns an error wrapping ErrModel for a model Render cannot
// draw.
func checkModel(m *geom.Model) error {
	if m == nil {
		return fmt.Errorf("%w: model is nil", ErrModel)
	}
	n := 0
	for pi, p := range m.Parts {
		if p.Mesh == nil {
			return fmt.Errorf("%w: part %d (%q) has no mesh", ErrModel, pi, p.Name)
		}
		nv := uint32(len(p.Mesh.Verts))
		for ti, t := range p.Mesh.Tris {
			if t[0] >= nv || t[1] >= nv || t[2] >= nv {
				return fmt.Errorf("%w: part %q triangle %d names vertex %v, the mesh has %d", ErrModel, p.Name, ti, t, nv)
			}
		}
		for vi, v := range p.Mesh.Verts {
			if !finite3(v) {
				return fmt.Errorf("%w: part %q vertex %d is not finite: %v", ErrModel, p.Name, vi, v)
			}
		}
		n += len(p.Mesh.Tris)
	}
	if n == 0 {
		return fmt.Errorf("%w: model has no triangles", ErrModel)
	}
	if n >= math.MaxUint32-1 {
		return fmt.Errorf("%w: model has %d triangles, more than %d", ErrModel, n, math.MaxUint32-2)
	}
	return nil
}

// Render draws the model into a new image of opt's size. A nil opt means the
// defaults.
func Render(ctx context.Context, m *geom.Model, opt *Options) (*image.NRGBA, error) {
	if opt == nil {
		opt = &Options{}
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	w, h := opt.size()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if err := drawInto(ctx, img, m, opt); err != nil {
		return nil, err
	}
	return img, nil
}

// Draw renders the model into dst's bounds (their size replaces
// opt.Width and opt.Height), replacing the pixels there. A nil opt means the
// defaults.
func Draw(ctx context.Context, dst draw.Image, m *geom.Model, opt *Options) error {
	o := Options{}
	if opt != nil {
		o = *opt
	}
	r := dst.Bounds()
	if r.Empty() {
		return fmt.Errorf("%w: destination bounds %v are empty", ErrOptions, r)
	}
	o.Width, o.Height = r.Dx(), r.Dy()
	if err := o.Validate(); err != nil {
		return err
	}
	if d, ok := dst.(*image.NRGBA); ok {
		return drawInto(ctx, d.SubImage(r).(*image.NRGBA), m, &o)
	}
	tmp := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	if err := drawInto(ctx, tmp, m, &o); err != nil {
		return err
	}
	draw.Draw(dst, r, tmp, image.Point{}, draw.Src)
	return nil
}

// newScene prepares the model for the camera (checked options and model).
func newScene(m *geom.Model, opt *Options, cam Camera) (*scene, error) {
	b, err := cam.basis()
	if err != nil {
		return nil, err
	}
	s := opt.grid()
	sc := &scene{cam: b.scaled(s), s: s, tileS: tilePixels * s}
	sc.workers = opt.Workers
	if sc.workers == 0 {
		sc.workers = runtime.GOMAXPROCS(0)
	}
	sc.tilesX = (cam.Width + tilePixels - 1) / tilePixels
	sc.tilesY = (cam.Height + tilePixels - 1) / tilePixels
	sc.triBase = make([]int, len(m.Parts)+1)
	sc.vertBase = make([]int, len(m.Parts)+1)
	sc.parts = make([]partData, len(m.Parts))
	for i, p := range m.Parts {
		pd := partData{mesh: p.Mesh, mat: p.Material}
		pd.gem = newGemBody(&pd.mat, p.Mesh)
		pd.faceN, pd.normals = normals(p.Mesh, p.Material.Kind != geom.KindGem, sc.workers)
		pd.brdf = newBRDFTable(clamp01(p.Material.Roughness))
		sc.parts[i] = pd
		sc.triBase[i+1] = sc.triBase[i] + len(p.Mesh.Tris)
		sc.vertBase[i+1] = sc.vertBase[i] + len(p.Mesh.Verts)
	}
	// The contact shadow does not depend on the camera: build it while
	// the triangles are projected and binned.
	shadowDone := make(chan struct{})
	go func() {
		defer close(shadowDone)
		if !opt.NoShadow {
			sc.shadow = newShadowMap(m)
		}
	}()
	sc.pv = make([]pvert, sc.vertBase[len(m.Parts)])
	sc.projectAll()
	nt := sc.triBase[len(m.Parts)]
	nc := min(sc.workers, max(1, nt/4096))
	sc.chunks = make([]chunk, nc)
	parallelRange(nt, nc, func(k, lo, hi int) { sc.bin(&sc.chunks[k], lo, hi) })
	if opt.Background != nil {
		r, g, bb, a := opt.Background.RGBA()
		if a > 0 {
			// Un-premultiply, then decode sRGB to linear.
			sc.bg = [3]float64{srgbDecode(float64(r) / float64(a)), srgbDecode(float64(g) / float64(a)), srgbDecode(float64(bb) / float64(a))}
			sc.bgA = 1
		}
	}
	<-shadowDone
	return sc, nil
}

// partOf returns the part holding global triangle g.
func (sc *scene) partOf(g int) int {
	if len(sc.parts) < 16 {
		i := 0
		for sc.triBase[i+1] <= g {
			i++
		}
		return i
	}
	return sort.Search(len(sc.parts), func(i int) bool { return sc.triBase[i+1] > g })
}

// faceOf returns the part of global triangle g and its unit face normal.
func (sc *scene) faceOf(g uint32) (int, geom.Vec3) {
	pi := sc.partOf(int(g))
	return pi, sc.parts[pi].faceN[int(g)-sc.triBase[pi]]
}

// forTiles runs fn on every tile, each on one worker with its own buffer,
// stopping early when ctx is done (checked before each tile).
func (sc *scene) forTiles(ctx context.Context, fn func(buf *tileBuf, tile, ox, oy, tw, th int)) error {
	n := sc.tilesX * sc.tilesY
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(sc.workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := &tileBuf{depth: make([]float32, sc.tileS*sc.tileS), id: make([]uint32, sc.tileS*sc.tileS)}
			for {
				if ctx.Err() != nil {
					return
				}
				t := int(next.Add(1) - 1)
				if t >= n {
					return
				}
				tx, ty := t%sc.tilesX, t/sc.tilesX
				ox, oy := tx*sc.tileS, ty*sc.tileS
				tw, th := min(sc.tileS, sc.cam.w-ox), min(sc.tileS, sc.cam.h-oy)
				sc.rasterTile(buf, t, ox, oy, tw, th)
				fn(buf, t, ox, oy, tw, th)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// drawInto renders into img (origin at its Rect.Min), whose size is opt's.
func drawInto(ctx context.Context, img *image.NRGBA, m *geom.Model, opt *Options) error {
	if err := checkModel(m); err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	w, h := opt.size()
	cam := frame(m, opt, w, h)
	sc, err := newScene(m, opt, cam)
	if err != nil {
		return err
	}
	return sc.forTiles(ctx, func(buf *tileBuf, _, ox, oy, tw, th int) {
		sc.shadeTile(img, buf, ox, oy, tw, th)
	})
}

// shadeTile resolves every pixel of a rasterised tile into img.
func (sc *scene) shadeTile(img *image.NRGBA, buf *tileBuf, ox, oy, tw, th int) {
	s := sc.s
	ns := s * s
	var ids [16]uint32
	var cnt [16]int
	var sumX, sumY [16]float64
	type group struct {
		part      int
		fn        geom.Vec3
		id        uint32
		best, cnt int
		sx, sy    float64
	}
	var grp [16]group
	px0, py0 := ox/s, oy/s
	pix := sc.cam.scaledDown(s)
	sx0, sy0, sx1, sy1, bounded := sc.shadow.screenRect(&pix)
	var grid [tilePixels/shadowStep + 1][tilePixels/shadowStep + 1]float64
	gridDone := false
	for py := py0; py < py0+th/s; py++ {
		for px := px0; px < px0+tw/s; px++ {
			// Distinct triangles among the pixel's samples, in sample order.
			nu := 0
			bgN := 0
			if buf.empty {
				bgN = ns
			}
			for j := 0; j < s && !buf.empty; j++ {
				row := (py*s+j-oy)*tw + (px*s - ox)
				for i := 0; i < s; i++ {
					id := buf.id[row+i]
					if id == 0 {
						bgN++
						continue
					}
					k := 0
					for k < nu && ids[k] != id {
						k++
					}
					if k == nu {
						ids[k], cnt[k], sumX[k], sumY[k] = id, 0, 0, 0
						nu++
					}
					cnt[k]++
					sumX[k] += float64(px*s+i) + 0.5
					sumY[k] += float64(py*s+j) + 0.5
				}
			}
			if nu == 1 && bgN == 0 {
				c := pbrNeutral(sc.shadeAt(ids[0]-1, sumX[0]/float64(ns), sumY[0]/float64(ns)))
				o := img.PixOffset(img.Rect.Min.X+px, img.Rect.Min.Y+py)
				p := img.Pix[o : o+4 : o+4]
				p[0], p[1], p[2], p[3] = to8(c[0]), to8(c[1]), to8(c[2]), 255
				continue
			}
			// Merge triangles of one smooth surface (same part, not a gem,
			// face normals within the crease angle): the shading normal is
			// continuous across their shared edges, so one shade serves
			// them all. Creases, silhouettes and gem facets keep their own.
			ng := 0
			for k := 0; k < nu; k++ {
				pi, fn := sc.faceOf(ids[k] - 1)
				g := 0
				for g < ng && !(grp[g].part == pi && sc.parts[pi].gem == nil && grp[g].fn.Dot(fn) >= creaseCos) {
					g++
				}
				if g == ng {
					grp[g] = group{part: pi, fn: fn, id: ids[k], best: cnt[k]}
					ng++
				} else if cnt[k] > grp[g].best {
					grp[g].id, grp[g].best = ids[k], cnt[k]
				}
				grp[g].cnt += cnt[k]
				grp[g].sx += sumX[k]
				grp[g].sy += sumY[k]
			}
			var acc [3]float64
			var alpha float64
			for g := 0; g < ng; g++ {
				gr := &grp[g]
				c := sc.shadeAt(gr.id-1, gr.sx/float64(gr.cnt), gr.sy/float64(gr.cnt))
				c = pbrNeutral(c)
				wk := float64(gr.cnt) / float64(ns)
				for q := range acc {
					acc[q] += clamp01(c[q]) * wk
				}
				alpha += wk
			}
			if bgN > 0 {
				wk := float64(bgN) / float64(ns)
				sh := 0.0
				if fx, fy := float64(px)+0.5, float64(py)+0.5; sc.shadow != nil && (!bounded || (fx >= sx0 && fx <= sx1 && fy >= sy0 && fy <= sy1)) {
					if !gridDone {
						// The shadow is smooth over tens of pixels: sample
						// it every shadowStep pixels and interpolate.
						for j := 0; j <= tilePixels/shadowStep; j++ {
							for i := 0; i <= tilePixels/shadowStep; i++ {
								gx, gy := float64(px0+i*shadowStep)+0.5, float64(py0+j*shadowStep)+0.5
								grid[j][i] = sc.shadow.at(pix.eye, pix.ray(gx, gy))
							}
						}
						gridDone = true
					}
					lx, ly := px-px0, py-py0
					i, j := lx/shadowStep, ly/shadowStep
					tx := float64(lx%shadowStep) / shadowStep
					ty := float64(ly%shadowStep) / shadowStep
					sh = (grid[j][i]*(1-tx)+grid[j][i+1]*tx)*(1-ty) + (grid[j+1][i]*(1-tx)+grid[j+1][i+1]*tx)*ty
				}
				if sc.bgA > 0 {
					for q := range acc {
						acc[q] += sc.bg[q] * (1 - sh) * wk
					}
					alpha += wk
				} else {
					// Black at the shadow's opacity: composites over any page.
					alpha += sh * wk
				}
			}
			o := img.PixOffset(img.Rect.Min.X+px, img.Rect.Min.Y+py)
			p := img.Pix[o : o+4 : o+4]
			if alpha <= 0 {
				p[0], p[1], p[2], p[3] = 0, 0, 0, 0
				continue
			}
			inv := 1 / alpha
			p[0], p[1], p[2] = to8(acc[0]*inv), to8(acc[1]*inv), to8(acc[2]*inv)
			p[3] = uint8(math.Floor(min(alpha, 1)*255 + 0.5))
		}
	}
}

// shadowStep is the spacing in pixels of the contact shadow's samples
// within a tile (it divides tilePixels); between them it is interpolated.
// The shadow's blur is tens of pixels wide at any image size a storefront
// uses, so the interpolation cannot be seen.
const shadowStep = 4

// scaledDown returns the pixel-grid basis of a sample-grid basis.
func (b basis) scaledDown(s int) basis {
	f := float64(s)
	b.focal /= f
	b.cx /= f
	b.cy /= f
	b.w /= s
	b.h /= s
	return b
}

// shadeAt returns the (linear, not tone-mapped) radiance of global triangle
// g seen through sample-grid point (x, y).
func (sc *scene) shadeAt(g uint32, x, y float64) [3]float64 {
	pi := sc.partOf(int(g))
	part := &sc.parts[pi]
	ti := int(g) - sc.triBase[pi]
	t := part.mesh.Tris[ti]
	a, b, c := part.mesh.Verts[t[0]], part.mesh.Verts[t[1]], part.mesh.Verts[t[2]]
	d := sc.cam.ray(x, y).Normalize()
	fn := part.faceN[ti]
	if part.gem != nil {
		if k := part.gem.triShell[ti]; k >= 0 {
			tt, _, _, _ := intersectPlane(sc.cam.eye, d, a, b, c)
			return sc.shadeGem(part.gem, part.gem.shells[k], sc.cam.eye.Add(d.Mul(tt)), d, fn)
		}
	}
	u, v := sc.bary(pi, t, a, b, c, d, x, y)
	n := fn
	if part.normals != nil {
		w := 1 - u - v
		cn := part.normals[ti]
		na, nb, nc := cn[0], cn[1], cn[2]
		n = na.Mul(w).Add(nb.Mul(u)).Add(nc.Mul(v))
		if l := n.Len(); l > 0 {
			n = n.Mul(1 / l)
		} else {
			n = fn
		}
	}
	if part.mat.Kind == geom.KindGem {
		return sc.shadeOpaque(&part.mat, part.brdf, n, d.Mul(-1))
	}
	return sc.shadeMetal(&part.mat, part.brdf, n, d.Mul(-1))
}

// bary returns the perspective-correct barycentric coordinates (u, v of
// corners 1 and 2) of sample-grid point (x, y) on triangle t of part pi:
// screen-space edge functions weighted by 1/depth, which equal the ray–plane
// hit exactly; a triangle with a corner outside the projected set (clipped)
// intersects the view ray d instead. Rounding just outside the triangle is
// clamped back onto it.
func (sc *scene) bary(pi int, t [3]uint32, a, b, c, d geom.Vec3, x, y float64) (u, v float64) {
	vb := uint32(sc.vertBase[pi])
	p0, p1, p2 := &sc.pv[vb+t[0]], &sc.pv[vb+t[1]], &sc.pv[vb+t[2]]
	ok := false
	if p0.in && p1.in && p2.in {
		w0 := ((p1.x-x)*(p2.y-y) - (p2.x-x)*(p1.y-y)) * p0.iz
		w1 := ((p2.x-x)*(p0.y-y) - (p0.x-x)*(p2.y-y)) * p1.iz
		w2 := ((p0.x-x)*(p1.y-y) - (p1.x-x)*(p0.y-y)) * p2.iz
		if s := w0 + w1 + w2; s != 0 {
			u, v, ok = w1/s, w2/s, true
		}
	}
	if !ok {
		_, u, v, _ = intersectPlane(sc.cam.eye, d, a, b, c)
	}
	u, v = clamp01(u), clamp01(v)
	if u+v > 1 {
		s := u + v
		u, v = u/s, v/s
	}
	return u, v
}

// intersectPlane is like intersect but always returns the hit with the
// triangle's plane and its barycentrics, inside or not.
func intersectPlane(o, d, a, b, c geom.Vec3) (t, u, v float64, ok bool) {
	e1, e2 := b.Sub(a), c.Sub(a)
	p := d.Cross(e2)
	det := e1.Dot(p)
	if det == 0 || math.IsNaN(det) {
		return a.Sub(o).Dot(d), 0, 0, false
	}
	inv := 1 / det
	s := o.Sub(a)
	u = s.Dot(p) * inv
	q := s.Cross(e1)
	v = d.Dot(q) * inv
	return e2.Dot(q) * inv, u, v, true
}

var _ color.Color = color.NRGBA{}
