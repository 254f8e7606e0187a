package link

import (
	"math"

	"github.com/mandrel3d/mandrel/geom"
)

// Shape is one built link in its own frame (centre at the origin, long axis
// X, lying in the XY plane).
type Shape struct {
	Style Style
	// Mesh is the closed link.
	Mesh *geom.Mesh
	// Centerline is the wire's closed centreline (not repeating its first
	// point), mm: what an interlock test (LinkingNumber) reads.
	Centerline []geom.Vec3
	// WireMM is the wire's diameter and InnerLengthMM, InnerWidthMM the
	// opening's size, mm.
	WireMM, InnerLengthMM, InnerWidthMM float64
	// rmax bounds the surface's distance from the centreline from above
	// and rin from below (a ball of radius rin about any centreline point
	// lies inside the link), mm.
	rmax, rin float64
	// bands crop the mesh for clearance; radius is the largest distance
	// of a vertex from the origin, mm.
	bands  bands
	radius float64
	// volume (mm³) and centroid (mm) of the mesh.
	volume   float64
	centroid geom.Vec3
}

// centreLength returns the centreline's length along X (inner length plus
// one wire), mm: the distance between the wire's middles at the two ends.
func (s *Shape) centreLength() float64 { return s.InnerLengthMM + s.WireMM }

// NewShape builds one link. A figaro's links are built with FigaroShapes.
func NewShape(p Params) (*Shape, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p = p.withDefaults()
	return buildShape(p.Style, p.WireMM, p.InnerLengthMM, p.InnerWidthMM, p.Tolerance)
}

// FigaroShapes returns the short and the long link of a figaro pattern: the
// long one is FigaroLongRatio times the short one's inner length.
func FigaroShapes(p Params) (short, long *Shape, err error) {
	if err := p.Validate(); err != nil {
		return nil, nil, err
	}
	p = p.withDefaults()
	if short, err = buildShape(Cable, p.WireMM, p.InnerLengthMM, p.InnerWidthMM, p.Tolerance); err != nil {
		return nil, nil, err
	}
	long, err = buildShape(Cable, p.WireMM, FigaroLongRatio*p.InnerLengthMM, p.InnerWidthMM, p.Tolerance)
	return short, long, err
}

func buildShape(st Style, d, l, w float64, tol geom.Tolerance) (*Shape, error) {
	s, err := buildShape1(st, d, l, w, tol)
	if err != nil {
		return nil, err
	}
	s.bands = newBands(s.Mesh, s.Centerline)
	s.rmax = s.bands.rmax
	for _, v := range s.Mesh.Verts {
		s.radius = math.Max(s.radius, v.Len())
	}
	s.volume, s.centroid = s.Mesh.Volume(), s.Mesh.Centroid()
	// The section's inscribed radius: a k-gon of radius d/2 (Tube), pressed
	// to CurbFlatten for a curb, or the half side of a box link's square;
	// 1 % less for the mitres at bends.
	k := max(tol.Segments(d/2, 2*math.Pi), 3)
	s.rin = 0.99 * d / 2 * math.Cos(math.Pi/float64(k))
	switch st {
	case Curb:
		s.rin *= CurbFlatten
	case Box:
		s.rin = 0.99 * d / 2
	}
	return s, nil
}

func buildShape1(st Style, d, l, w float64, tol geom.Tolerance) (*Shape, error) {
	s := &Shape{Style: st, WireMM: d, InnerLengthMM: l, InnerWidthMM: w}
	lc, wc := l+d, w+d
	var err error
	switch st {
	case Box:
		rho := math.Min(d, wc/2)
		s.Centerline = roundedRect(lc, wc, rho, d/2, tol)
		s.Mesh, err = squareLoop(s.Centerline, d, tol)
		return s, err
	case Rolo:
		wc = lc
	}
	path, err := geom.StadiumPath(lc, wc, d/2, tol)
	if err != nil {
		return nil, err
	}
	if st == Curb {
		path = subdivide(path, 0.25)
	}
	s.Mesh, err = geom.Tube(path, true, d/2, tol)
	if err != nil {
		return nil, err
	}
	if st == Curb {
		f := curbMap(lc, wc)
		s.Mesh.Transform(f)
		for i, q := range path {
			path[i] = f(q)
		}
	}
	s.Centerline = path
	return s, nil
}

// curbMap twists a link about X, its +X end by +CurbTwistDeg and its −X end
// by −CurbTwistDeg, turning smoothly along the straight sides, then presses
// it to CurbFlatten of its thickness along Z. Each slice x = const is turned
// rigidly and then scaled, so the map is one-to-one and keeps a closed mesh
// closed and outward.
func curbMap(lc, wc float64) func(geom.Vec3) geom.Vec3 {
	xr := math.Max((lc-wc)/2, lc/4)
	a := CurbTwistDeg * math.Pi / 180
	return func(p geom.Vec3) geom.Vec3 {
		t := math.Max(-1, math.Min(1, p[0]/xr))
		s, c := math.Sincos(a * math.Sin(math.Pi/2*t))
		return geom.Vec3{p[0], p[1]*c - p[2]*s, (p[1]*s + p[2]*c) * CurbFlatten}
	}
}

// subdivide inserts points so that no piece of the closed path is longer
// than step mm.
func subdivide(path []geom.Vec3, step float64) []geom.Vec3 {
	var out []geom.Vec3
	for i, p := range path {
		q := path[(i+1)%len(path)]
		n := int(math.Ceil(q.Sub(p).Len() / step))
		for j := 0; j < n; j++ {
			out = append(out, p.Add(q.Sub(p).Mul(float64(j)/float64(n))))
		}
	}
	return out
}

// roundedRect is the closed centreline of a box link: a lc × wc rectangle
// centred at the origin with corners of radius rho, counter-clockwise from
// +Z, sampled for a wire of radius wire.
func roundedRect(lc, wc, rho, wire float64, tol geom.Tolerance) []geom.Vec3 {
	n := tol.Segments(rho+wire, math.Pi/2)
	cx, cy := lc/2-rho, wc/2-rho
	var out []geom.Vec3
	for k := 0; k < 4; k++ {
		sx, sy := 1.0, 1.0
		if k == 1 || k == 2 {
			sx = -1
		}
		if k >= 2 {
			sy = -1
		}
		for i := 0; i <= n; i++ {
			th := math.Pi/2*float64(k) + math.Pi/2*float64(i)/float64(n)
			s, c := math.Sincos(th)
			q := geom.Vec3{sx*cx + rho*c, sy*cy + rho*s, 0}
			if len(out) > 0 && q.Sub(out[len(out)-1]).Len() < 1e-9 {
				continue
			}
			out = append(out, q)
		}
	}
	if len(out) > 1 && out[0].Sub(out[len(out)-1]).Len() < 1e-9 {
		out = out[:len(out)-1]
	}
	return out
}

// squareLoop sweeps a d × d square section along a closed counter-clockwise
// path in the XY plane, mitred at every point.
func squareLoop(path []geom.Vec3, d float64, tol geom.Tolerance) (*geom.Mesh, error) {
	n := len(path)
	frames := make([]geom.Frame, 0, n)
	profiles := make([][]geom.Vec2, 0, n)
	h := d / 2
	for j := n - 1; j >= 0; j-- { // clockwise: X × Y = outward × up advances
		din := path[j].Sub(path[(j+n-1)%n]).Normalize()
		dout := path[(j+1)%n].Sub(path[j]).Normalize()
		sum := din.Add(dout)
		t := sum.Normalize()
		s := 2 / sum.Len()
		out := geom.Vec3{t[1], -t[0], 0}
		frames = append(frames, geom.Frame{Origin: path[j], X: out, Y: geom.Vec3{0, 0, 1}})
		profiles = append(profiles, []geom.Vec2{{-h * s, -h}, {h * s, -h}, {h * s, h}, {-h * s, h}})
	}
	return geom.SweepClosed(frames, profiles, tol)
}
