package render

import (
	"fmt"
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Camera is a perspective look-at camera in model space (mm). It maps a point
// to image pixels: x to the right, y down, the image's top-left corner at
// (0, 0), pixel centres at half-integers.
type Camera struct {
	Eye    geom.Vec3 // where the camera stands, mm
	Target geom.Vec3 // the point at the image centre, mm
	Up     geom.Vec3 // the direction that appears up in the image (need not be unit)
	FovDeg float64   // vertical field of view, degrees, in (0, 180)
	Width  int       // image width, pixels
	Height int       // image height, pixels
	// Near is the distance in mm along the view axis in front of which
	// geometry is clipped away; 0 means 1/1000 of the eye–target distance.
	Near float64
}

// basis is a camera ready for use: an orthonormal frame and the focal
// length in pixels.
type basis struct {
	eye           geom.Vec3
	right, up, fw geom.Vec3 // unit; right × up = −fw (right-handed, looking along fw)
	focal         float64   // pixels per unit of tan(angle)
	cx, cy        float64   // image centre, pixels
	near          float64   // mm along fw
	w, h          int
}

// basis checks the camera and derives its frame.
func (c Camera) basis() (basis, error) {
	fw := c.Target.Sub(c.Eye)
	d := fw.Len()
	if !(d > 0) || math.IsInf(d, 0) || !finite3(c.Eye) || !finite3(c.Target) {
		return basis{}, fmt.Errorf("%w: camera eye %v and target %v must be finite and distinct", ErrOptions, c.Eye, c.Target)
	}
	if !(c.FovDeg > 0 && c.FovDeg < 180) {
		return basis{}, fmt.Errorf("%w: camera fov_deg %g: allowed 0 to 180 degrees, exclusive", ErrOptions, c.FovDeg)
	}
	if c.Width < 1 || c.Width > MaxSize*4 || c.Height < 1 || c.Height > MaxSize*4 {
		return basis{}, fmt.Errorf("%w: camera size %d×%d: allowed 1 to %d pixels", ErrOptions, c.Width, c.Height, MaxSize*4)
	}
	fw = fw.Mul(1 / d)
	right := fw.Cross(c.Up)
	if right.Len() < 1e-9 {
		return basis{}, fmt.Errorf("%w: camera up %v is parallel to the view direction", ErrOptions, c.Up)
	}
	right = right.Normalize()
	up := right.Cross(fw)
	near := c.Near
	if !(near > 0) || math.IsInf(near, 0) {
		near = d / 1000
	}
	return basis{
		eye: c.Eye, right: right, up: up, fw: fw,
		focal: float64(c.Height) / 2 / math.Tan(c.FovDeg*math.Pi/360),
		cx:    float64(c.Width) / 2, cy: float64(c.Height) / 2,
		near: near, w: c.Width, h: c.Height,
	}, nil
}

// Project returns the image position of p in pixels and its depth in mm
// along the view axis; ok is false when p is not in front of the camera.
func (c Camera) Project(p geom.Vec3) (x, y, depth float64, ok bool) {
	b, err := c.basis()
	if err != nil {
		return 0, 0, 0, false
	}
	x, y, depth = b.project(p)
	return x, y, depth, depth > 0
}

// Ray returns the unit direction of the view ray through the image point
// (x, y) in pixels; it starts at c.Eye.
func (c Camera) Ray(x, y float64) geom.Vec3 {
	b, err := c.basis()
	if err != nil {
		return geom.Vec3{}
	}
	return b.ray(x, y).Normalize()
}

// project maps p to pixels and view depth (mm).
func (b *basis) project(p geom.Vec3) (x, y, z float64) {
	d := p.Sub(b.eye)
	z = d.Dot(b.fw)
	x = b.cx + b.focal*d.Dot(b.right)/z
	y = b.cy - b.focal*d.Dot(b.up)/z
	return
}

// ray returns the direction through pixel point (x, y), scaled so that its
// component along the view axis is 1 (eye + ray·depth is the point at that
// depth).
func (b *basis) ray(x, y float64) geom.Vec3 {
	return b.fw.Add(b.right.Mul((x - b.cx) / b.focal)).Sub(b.up.Mul((y - b.cy) / b.focal))
}

// scaled returns the basis for an image s times larger in each direction.
func (b basis) scaled(s int) basis {
	f := float64(s)
	b.focal *= f
	b.cx *= f
	b.cy *= f
	b.w *= s
	b.h *= s
	return b
}

func finite3(v geom.Vec3) bool {
	for _, c := range v {
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return false
		}
	}
	return true
}

// viewDirs returns, for a named view, the unit direction from the target to
// the eye and the image's up direction, before the azimuth turn.
func viewDirs(view string) (toEye, up geom.Vec3) {
	switch view {
	case ViewFront:
		return geom.Vec3{0, -1, 0}, geom.Vec3{0, 0, 1}
	case ViewTop:
		return geom.Vec3{0, 0, 1}, geom.Vec3{0, 1, 0}
	case ViewSide:
		return geom.Vec3{1, 0, 0}, geom.Vec3{0, 0, 1}
	}
	az, el := 35*math.Pi/180, 25*math.Pi/180
	return geom.Vec3{math.Sin(az) * math.Cos(el), -math.Cos(az) * math.Cos(el), math.Sin(el)}, geom.Vec3{0, 0, 1}
}

// rotZ turns v by deg degrees about +Z (counter-clockwise seen from above).
func rotZ(v geom.Vec3, deg float64) geom.Vec3 {
	s, c := math.Sincos(deg * math.Pi / 180)
	return geom.Vec3{c*v[0] - s*v[1], s*v[0] + c*v[1], v[2]}
}

// FrameModel returns the camera Render uses for m and opt: the named view,
// turned by the azimuth, at the distance and aim that fit every vertex in
// the image with the margin (every vertex of the meshes counts, used or not). Overlays use it to place dimension lines.
func FrameModel(m *geom.Model, opt *Options) (Camera, error) {
	if opt == nil {
		opt = &Options{}
	}
	if err := opt.Validate(); err != nil {
		return Camera{}, err
	}
	if err := checkModel(m); err != nil {
		return Camera{}, err
	}
	w, h := opt.size()
	return frame(m, opt, w, h), nil
}

// frame fits the camera to the model (already checked).
func frame(m *geom.Model, opt *Options, w, h int) Camera {
	box := modelBounds(m)
	c := box.Center()
	toEye, up := viewDirs(opt.view())
	toEye, up = rotZ(toEye, opt.AzimuthDeg), rotZ(up, opt.AzimuthDeg)
	fw := toEye.Mul(-1)
	right := fw.Cross(up).Normalize()
	up = right.Cross(fw)

	// The points to fit: every vertex, or the bounding cylinder about
	// the vertical axis through the centre for a turntable.
	var pts []geom.Vec3
	if opt.Turntable {
		r := 0.0
		for _, p := range m.Parts {
			for _, v := range p.Mesh.Verts {
				r = max(r, math.Hypot(v[0]-c[0], v[1]-c[1]))
			}
		}
		const n = 64
		for i := 0; i < n; i++ {
			s, co := math.Sincos(2 * math.Pi * float64(i) / n)
			for _, z := range []float64{box.Min[2], box.Max[2]} {
				pts = append(pts, geom.Vec3{c[0] + r*co, c[1] + r*s, z})
			}
		}
	}
	// Camera-frame coordinates of every point, relative to the centre.
	nv := len(pts)
	for _, p := range m.Parts {
		nv += len(p.Mesh.Verts)
	}
	xyz := make([][3]float64, 0, nv)
	add := func(p geom.Vec3) {
		d := p.Sub(c)
		xyz = append(xyz, [3]float64{d.Dot(right), d.Dot(up), d.Dot(fw)})
	}
	if pts != nil {
		for _, p := range pts {
			add(p)
		}
	} else {
		for _, p := range m.Parts {
			for _, v := range p.Mesh.Verts {
				add(v)
			}
		}
	}
	visit := func(f func(x, y, z float64)) {
		for _, q := range xyz {
			f(q[0], q[1], q[2])
		}
	}
	fov := opt.fov()
	ty := math.Tan(fov*math.Pi/360) * (1 - opt.margin())
	tx := ty * float64(w) / float64(h)
	ext := box.Size().Len()
	if !(ext > 0) {
		ext = 1
	}
	// Fit the distance, then re-aim at the middle of the projected extent;
	// three rounds settle it to well under a pixel.
	var ox, oy, d float64
	for round := 0; round < 3; round++ {
		d = 0
		zmin := math.Inf(1)
		visit(func(x, y, z float64) {
			d = max(d, max(math.Abs(x-ox)/tx, math.Abs(y-oy)/ty)-z)
			zmin = min(zmin, z)
		})
		d = max(d, -zmin+ext*0.05)
		lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
		visit(func(x, y, z float64) {
			sx, sy := (x-ox)/(d+z), (y-oy)/(d+z)
			lo[0], hi[0] = min(lo[0], sx), max(hi[0], sx)
			lo[1], hi[1] = min(lo[1], sy), max(hi[1], sy)
		})
		ox += (lo[0] + hi[0]) / 2 * d
		oy += (lo[1] + hi[1]) / 2 * d
	}
	target := c.Add(right.Mul(ox)).Add(up.Mul(oy))
	zmin := math.Inf(1)
	visit(func(x, y, z float64) { zmin = min(zmin, z) })
	return Camera{
		Eye: target.Sub(fw.Mul(d)), Target: target, Up: up,
		FovDeg: fov, Width: w, Height: h,
		Near: max((d+zmin)*0.5, d*1e-4),
	}
}

// modelBounds is the box of every vertex of every part (used or not), in mm.
func modelBounds(m *geom.Model) geom.Box {
	lo := geom.Vec3{math.Inf(1), math.Inf(1), math.Inf(1)}
	hi := geom.Vec3{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	for _, p := range m.Parts {
		for _, v := range p.Mesh.Verts {
			lo = geom.Vec3{min(lo[0], v[0]), min(lo[1], v[1]), min(lo[2], v[2])}
			hi = geom.Vec3{max(hi[0], v[0]), max(hi[1], v[1]), max(hi[2], v[2])}
		}
	}
	return geom.Box{Min: lo, Max: hi}
}
