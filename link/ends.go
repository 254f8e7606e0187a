package link

import (
	"fmt"
	"math"
	"strings"
)

// Clasp is how an open chain fastens.
type Clasp string

// Clasps.
const (
	// ClaspNone leaves the ends bare (or with end rings alone).
	ClaspNone Clasp = ""
	// ClaspRing is a round closed ring of wire ClaspWireRatio times the
	// links', hung on end-ring-1: a printable stand-in for a bolt ring,
	// tied onto end-ring-0 with thread or a jump ring after printing.
	ClaspRing Clasp = "ring"
)

// ParseClasp returns the clasp of a name ("" or "none" mean ClaspNone).
func ParseClasp(s string) (Clasp, error) {
	switch strings.ToLower(s) {
	case "", "none":
		return ClaspNone, nil
	case "ring":
		return ClaspRing, nil
	}
	return "", fieldErr("chain.clasp", s, "allowed none, ring")
}

// ClaspWireRatio is the clasp ring's wire diameter over the links'.
const ClaspWireRatio = 1.25

// endParts are an open chain's end rings and clasp (nil when absent).
type endParts struct {
	ring, clasp *Shape
}

// newEndParts builds the end rings (round, of the links' wire, their
// opening the links' inner width or more so they take the clasp's wire
// and their next-but-one neighbour clears) and the clasp.
func newEndParts(p ChainParams, lp Params) (endParts, error) {
	var e endParts
	d, c := lp.WireMM, lp.ClearanceMM
	dc := math.Min(MaxWireMM, ClaspWireRatio*d)
	id := math.Max(lp.InnerWidthMM, 2*d+3*c)
	if p.Clasp != ClaspNone {
		// The link and the clasp meet inside the ring: room for both.
		id = math.Max(id, d+dc+4*c)
	}
	var err error
	if e.ring, err = buildShape(Rolo, d, id, id, lp.Tolerance); err != nil {
		return e, err
	}
	if p.Clasp == ClaspRing {
		idc := math.Max(lp.InnerLengthMM, math.Max(2*dc+3*c, d+2*c))
		if e.clasp, err = buildShape(Rolo, dc, idc, idc, lp.Tolerance); err != nil {
			return e, err
		}
	}
	return e, nil
}

// tight returns the length an open chain gains beyond its links' joints at
// the tightest spacing: its tips, and the end parts' joints.
func (e endParts) tight(first, last *Shape, gapOf func(a, b *Shape) float64) float64 {
	h := 0.0
	if e.ring != nil {
		h += gapOf(e.ring, first) + gapOf(last, e.ring)
		first, last = e.ring, e.ring
	}
	if e.clasp != nil {
		h += gapOf(e.ring, e.clasp)
		last = e.clasp
	}
	return h + first.centreLength()/2 + first.WireMM/2 + last.centreLength()/2 + last.WireMM/2
}

// sequence returns the parts in chain order with their names: end-ring-0,
// link-0 … link-(n−1), end-ring-1, clasp (those present).
func (e endParts) sequence(at func(int) *Shape, n int) ([]*Shape, []string) {
	var seq []*Shape
	var names []string
	if e.ring != nil {
		seq, names = append(seq, e.ring), append(names, "end-ring-0")
	}
	for k := 0; k < n; k++ {
		seq, names = append(seq, at(k)), append(names, fmt.Sprintf("link-%d", k))
	}
	if e.ring != nil {
		seq, names = append(seq, e.ring), append(names, "end-ring-1")
	}
	if e.clasp != nil {
		seq, names = append(seq, e.clasp), append(names, "clasp")
	}
	return seq, names
}
