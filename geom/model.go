package geom

// Part is one named, closed mesh of one material: "band", "head", "prong-3",
// "stone-0". Names are stable; AR apps and storefronts look them up.
type Part struct {
	Name     string
	Material Material
	Mesh     *Mesh
}

// Model is a piece of jewellery: a list of parts in a fixed order. Parts may
// touch or overlap; each part on its own is closed.
type Model struct {
	Parts []Part
}

// Add appends a part.
func (m *Model) Add(name string, mat Material, mesh *Mesh) {
	m.Parts = append(m.Parts, Part{Name: name, Material: mat, Mesh: mesh})
}

// Part returns the part with the given name, or nil.
func (m *Model) Part(name string) *Part {
	for i := range m.Parts {
		if m.Parts[i].Name == name {
			return &m.Parts[i]
		}
	}
	return nil
}

// Bounds returns the bounding box of every part.
func (m *Model) Bounds() Box {
	b := EmptyBox()
	for _, p := range m.Parts {
		b = b.Union(p.Mesh.Bounds())
	}
	return b
}

// Triangles returns the number of triangles of every part together.
func (m *Model) Triangles() int {
	n := 0
	for _, p := range m.Parts {
		n += len(p.Mesh.Tris)
	}
	return n
}
