package geom

import "math"

// Revolve turns a closed profile in the (r, z) half-plane a full turn about the
// Z axis. The profile is a simple polygon, counter-clockwise in (r, z), with
// r ≥ 0; points with r = 0 lie on the axis and become single pole vertices, so
// a profile that touches the axis gives a closed solid without a hole (a
// sphere, a cone, a stone's pavilion). The number of segments around follows
// the tolerance at the largest radius. Segment vertices lie on the exact
// surface; chords cut inside it by at most the chord tolerance.
func Revolve(profile []Vec2, tol Tolerance) (*Mesh, error) {
	if err := checkProfile("revolve profile", profile); err != nil {
		return nil, err
	}
	rmax := 0.0
	for i, p := range profile {
		if p[0] < 0 {
			return nil, invalidf("revolve profile point %d has r = %g < 0", i, p[0])
		}
		rmax = math.Max(rmax, p[0])
	}
	n := tol.Segments(rmax, 2*math.Pi)
	if n < 3 {
		n = 3
	}
	return revolveN(profile, n, tol)
}

// revolveN revolves with exactly n segments around.
func revolveN(profile []Vec2, n int, tol Tolerance) (*Mesh, error) {
	k := len(profile)
	if err := tol.CheckBudget("revolve", 2*int64(n)*int64(k)); err != nil {
		return nil, err
	}
	m := NewMesh(n*k, 2*n*k)
	// ids[j][i] is the vertex of profile point j at segment i; poles share one.
	ids := make([][]uint32, k)
	for j, p := range profile {
		ids[j] = make([]uint32, n)
		if p[0] == 0 {
			v := m.AddVert(Vec3{0, 0, p[1]})
			for i := range ids[j] {
				ids[j][i] = v
			}
			continue
		}
		for i := 0; i < n; i++ {
			// Advance clockwise seen from +Z: the profile frame (X = radial,
			// Y = +Z) sweeps along X × Y = −θ̂.
			th := -2 * math.Pi * float64(i) / float64(n)
			s, c := math.Sincos(th)
			ids[j][i] = m.AddVert(Vec3{p[0] * c, p[0] * s, p[1]})
		}
	}
	for i := 0; i < n; i++ {
		i1 := (i + 1) % n
		for j := 0; j < k; j++ {
			j1 := (j + 1) % k
			a, b := ids[j][i], ids[j1][i]
			c, d := ids[j1][i1], ids[j][i1]
			switch {
			case profile[j][0] == 0 && profile[j1][0] == 0:
				// an edge along the axis sweeps no surface
			case profile[j][0] == 0: // a == d
				m.AddTri(a, b, c)
			case profile[j1][0] == 0: // b == c
				m.AddTri(a, b, d)
			default:
				m.AddQuad(a, b, c, d)
			}
		}
	}
	return m, nil
}
