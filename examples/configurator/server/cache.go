package server

import (
	"container/list"
	"sync"
)

// entry is one built configuration: its normalised spec, its report (JSON)
// and its GLB, and its PNG once someone asked for it.
type entry struct {
	id     string
	spec   []byte // normalised spec JSON
	report []byte // the report, JSON
	glb    []byte

	mu  sync.Mutex // guards png; held while the PNG is rendered
	png []byte
}

// baseSize is what the entry holds without its PNG, in bytes (the cache's
// unit).
func (e *entry) baseSize() int64 {
	return int64(len(e.id) + len(e.spec) + len(e.report) + len(e.glb))
}

// cache is a least-recently-used map from id to entry, bounded by the bytes
// the entries hold. Safe for concurrent use.
type cache struct {
	mu       sync.Mutex
	maxBytes int64
	bytes    int64
	ll       *list.List // front = most recently used; values are *entry
	byID     map[string]*list.Element
	sizes    map[*entry]int64 // the size each entry was last counted at
}

func newCache(maxBytes int64) *cache {
	return &cache{maxBytes: maxBytes, ll: list.New(), byID: map[string]*list.Element{}, sizes: map[*entry]int64{}}
}

// get returns the entry and marks it used.
func (c *cache) get(id string) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byID[id]
	if !ok {
		return nil
	}
	c.ll.MoveToFront(el)
	return el.Value.(*entry)
}

// put adds e, holding n bytes (or recounts it when already there), and
// evicts the least recently used entries until the cache fits. An entry
// larger than the whole cache is not kept.
func (c *cache) put(e *entry, n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byID[e.id]; ok {
		old := el.Value.(*entry)
		c.bytes -= c.sizes[old]
		delete(c.sizes, old)
		el.Value = e
		c.ll.MoveToFront(el)
	} else {
		c.byID[e.id] = c.ll.PushFront(e)
	}
	c.sizes[e] = n
	c.bytes += n
	for c.bytes > c.maxBytes && c.ll.Len() > 0 {
		el := c.ll.Back()
		old := el.Value.(*entry)
		c.ll.Remove(el)
		delete(c.byID, old.id)
		c.bytes -= c.sizes[old]
		delete(c.sizes, old)
	}
}

// stats returns the number of entries and the bytes they hold.
func (c *cache) stats() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len(), c.bytes
}
