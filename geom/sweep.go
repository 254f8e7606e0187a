package geom

import "fmt"

// Frame places a 2D profile in space: the profile point (x, y) goes to
// Origin + x·X + y·Y (mm). X and Y are orthonormal; a sweep advances along
// X × Y, so a counter-clockwise profile then yields outward triangles.
type Frame struct{ Origin, X, Y Vec3 }

// Place maps the profile point p into space.
func (f Frame) Place(p Vec2) Vec3 {
	// Origin + X·p[0] + Y·p[1], in scalars (mgl64's array methods copy).
	u, v := p[0], p[1]
	return Vec3{
		f.Origin[0] + f.X[0]*u + f.Y[0]*v,
		f.Origin[1] + f.X[1]*u + f.Y[1]*v,
		f.Origin[2] + f.X[2]*u + f.Y[2]*v,
	}
}

// SweepClosed joins closed profiles, one per frame, into a closed tube: station
// i to station i+1 and the last back to the first, so the solid is a torus-like
// ring with no caps. Every profile is a simple polygon with the same number of
// points (at least 3), counter-clockwise in its frame's (x, y) and listed from
// corresponding starting points; consecutive frames must advance along X × Y.
// Stations may differ in shape and size (a tapering band), as long as the
// solid they bound does not fold over itself.
func SweepClosed(frames []Frame, profiles [][]Vec2, tol Tolerance) (*Mesh, error) {
	n, k, err := checkStations("closed sweep", frames, profiles, 3)
	if err != nil {
		return nil, err
	}
	if err := tol.CheckBudget("sweep", 2*int64(n)*int64(k)); err != nil {
		return nil, err
	}
	m := NewMesh(n*k, 2*n*k)
	for i, f := range frames {
		for _, p := range profiles[i] {
			q := f.Place(p)
			if !finite(q) {
				return nil, invalidf("sweep station %d has a non-finite point", i)
			}
			m.Verts = append(m.Verts, q)
		}
	}
	idx := func(i, j int) uint32 { return uint32((i%n)*k + j%k) }
	for i := 0; i < n; i++ {
		for j := 0; j < k; j++ {
			// a→b runs along the profile (counter-clockwise), a→d along the path.
			a, b := idx(i, j), idx(i, j+1)
			c, d := idx(i+1, j+1), idx(i+1, j)
			m.AddQuad(a, b, c, d)
		}
	}
	return m, nil
}

// checkStations returns the number of stations and of points per profile,
// or an error when there are fewer than minStations stations, a frame
// without its profile, or profiles of different sizes.
func checkStations(what string, frames []Frame, profiles [][]Vec2, minStations int) (n, k int, err error) {
	n = len(frames)
	if n < minStations {
		return 0, 0, invalidf("%s needs at least %d stations, got %d", what, minStations, n)
	}
	if len(profiles) != n {
		return 0, 0, invalidf("%s has %d frames but %d profiles", what, n, len(profiles))
	}
	k = len(profiles[0])
	if k < 3 {
		return 0, 0, invalidf("sweep profile needs at least 3 points, got %d", k)
	}
	for i, p := range profiles {
		if len(p) != k {
			return 0, 0, invalidf("sweep profile %d has %d points, profile 0 has %d", i, len(p), k)
		}
	}
	return n, k, nil
}

// polygonArea2 returns twice the signed area of a polygon (positive when
// counter-clockwise).
func polygonArea2(p []Vec2) float64 {
	var s float64
	for i := range p {
		s += cross2(p[i], p[(i+1)%len(p)])
	}
	return s
}

// checkProfile returns an error when a profile is not a usable
// counter-clockwise polygon.
func checkProfile(what string, p []Vec2) error {
	if len(p) < 3 {
		return invalidf("%s needs at least 3 points, got %d", what, len(p))
	}
	for i, q := range p {
		if !finite(Vec3{q[0], q[1], 0}) {
			return invalidf("%s point %d is not finite", what, i)
		}
	}
	if a := polygonArea2(p); !(a > 0) {
		return fmt.Errorf("%w: %s must be counter-clockwise with positive area (twice its signed area is %g)", ErrInvalid, what, a)
	}
	return nil
}
