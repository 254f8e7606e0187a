package server

import (
	"bytes"
	"encoding/json"
	"image/png"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mandrel3d/mandrel/export"
)

// US 7 is 11.63 + 0.8128 × 7 mm across (REFERENCE.md, US sizes).
const us7DiameterMM = 17.3196

// dimTol is the tolerance of a measured size in mm: the default chord
// tolerance (0.01 mm) on each side, plus float32 rounding in the GLB.
const dimTol = 0.03

func post(t *testing.T, h http.Handler, body string) (*httptest.ResponseRecorder, BuildResponse, apiError) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/api/build", strings.NewReader(body)))
	var br BuildResponse
	var ae apiError
	if rec.Code == 200 {
		if err := json.Unmarshal(rec.Body.Bytes(), &br); err != nil {
			t.Fatalf("answer %q: %v", rec.Body, err)
		}
	} else if err := json.Unmarshal(rec.Body.Bytes(), &ae); err != nil {
		t.Fatalf("error answer %q is not JSON: %v", rec.Body, err)
	}
	return rec, br, ae
}

func get(h http.Handler, path string, hdr ...string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	h.ServeHTTP(rec, req)
	return rec
}

func TestBuildRingAndFiles(t *testing.T) {
	s := New(Config{})
	rec, br, _ := post(t, s, `{"kind":"ring","metal":"18k-white","ring":{"size":"US 7","profile":"comfort","width_mm":4,"thickness_mm":1.8}}`)
	if rec.Code != 200 || rec.Header().Get("X-Cache") != "miss" {
		t.Fatalf("status %d, X-Cache %q: %s", rec.Code, rec.Header().Get("X-Cache"), rec.Body)
	}
	var rep struct {
		BBoxMM [3]float64 `json:"bbox_mm"`
		Ring   struct {
			InnerDiameterMM float64 `json:"inner_diameter_mm"`
		} `json:"ring"`
		MetalWeightG float64 `json:"metal_weight_g"`
	}
	if err := json.Unmarshal(br.Report, &rep); err != nil {
		t.Fatal(err)
	}
	if math.Abs(rep.Ring.InnerDiameterMM-us7DiameterMM) > dimTol || rep.MetalWeightG <= 0 {
		t.Errorf("report: inner diameter %g mm (want %g), metal %g g", rep.Ring.InnerDiameterMM, us7DiameterMM, rep.MetalWeightG)
	}

	// The GLB: the same ring, closed, at the size the spec asks for.
	g := get(s, br.GLB)
	if g.Code != 200 || g.Header().Get("Content-Type") != "model/gltf-binary" || g.Header().Get("Cache-Control") != immutable {
		t.Fatalf("GET %s: %d %v", br.GLB, g.Code, g.Header())
	}
	m, err := export.ReadGLB(bytes.NewReader(g.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Parts {
		if r := p.Mesh.Check(); !r.OK() {
			t.Errorf("part %s: %v", p.Name, r)
		}
	}
	size := m.Bounds().Size()
	outer := us7DiameterMM + 2*1.8
	if math.Abs(size[0]-outer) > dimTol || math.Abs(size[2]-outer) > dimTol || math.Abs(size[1]-4) > dimTol {
		t.Errorf("GLB size %.3f mm, want %.3f × 4 × %.3f", size, outer, outer)
	}

	// Revalidation: the ETag gives 304.
	if c := get(s, br.GLB, "If-None-Match", g.Header().Get("ETag")).Code; c != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", c)
	}

	// The same spec, spelt differently, is the same configuration: a cache hit.
	rec2, br2, _ := post(t, s, "{ \"ring\": {\"thickness_mm\":1.8, \"width_mm\":4.0,\"size\":\"US 7\",\"profile\":\"comfort\"},\n \"metal\":\"18k-white\", \"kind\":\"ring\" }")
	if rec2.Code != 200 || br2.ID != br.ID || !br2.Cached || rec2.Header().Get("X-Cache") != "hit" {
		t.Errorf("same spec again: status %d id %s (first %s) cached %v", rec2.Code, br2.ID, br.ID, br2.Cached)
	}
	// A different one is not.
	_, br3, _ := post(t, s, `{"kind":"ring","metal":"18k-white","ring":{"size":"US 7.5","profile":"comfort","width_mm":4,"thickness_mm":1.8}}`)
	if br3.ID == br.ID || br3.Cached {
		t.Errorf("another size got id %s cached %v", br3.ID, br3.Cached)
	}

	// The PNG preview: rendered on request, immutable too.
	p := get(s, br.PNG)
	if p.Code != 200 || p.Header().Get("Content-Type") != "image/png" || p.Header().Get("Cache-Control") != immutable {
		t.Fatalf("GET %s: %d %v %s", br.PNG, p.Code, p.Header(), p.Body)
	}
	img, err := png.Decode(bytes.NewReader(p.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Errorf("PNG is %v, want 512×512", b)
	}
	dark := 0
	for y := 0; y < 512; y += 4 {
		for x := 0; x < 512; x += 4 {
			if r, gg, b, _ := img.At(x, y).RGBA(); r+gg+b < 3*0xe000 {
				dark++
			}
		}
	}
	if dark < 100 {
		t.Errorf("the preview shows no ring: %d of %d sampled pixels differ from white", dark, 128*128)
	}
	if again := get(s, br.PNG); !bytes.Equal(again.Body.Bytes(), p.Body.Bytes()) || s.Stats().Rendered != 1 {
		t.Errorf("second GET of the PNG rendered again (%d renders)", s.Stats().Rendered)
	}
}

func TestRefusedSpecs(t *testing.T) {
	s := New(Config{})
	extra := []struct {
		body   string
		status int
		field  string
	}{
		{`{"kind":"ring","ring":{"size":"US 7"},"engravings":[{"text":"A","font":"../../fonts/x.ttf","height_mm":1}]}`, 400, "engravings[0].font"},
		{`{"kind":"ring","ring":{"size":"US 7"},"engravings":[{"image":"/etc/passwd","width_mm":8}]}`, 400, "engravings[0].image"},
		{`{"kind":"ring","ring":{"size":"US 7"},"output":{"png":{"width":100000}}}`, 400, "output.png.width"},
		{`{"kind":"bracelet","bracelet":{"links":100000}}`, 400, "bracelet.links"},
		{`{"kind":"rink"}`, 400, "kind"},
		{`{"kind":"ring","ring":{"size":"US 7","profile":"square"}}`, 400, "ring.profile"},
		{`{"kind":"ring","ring":{"size":"US 7"}} {}`, 400, ""},
		{``, 400, ""},
	}
	cases := append(extra, invalidSpecs...)
	for _, c := range cases {
		t0 := time.Now()
		rec, _, ae := post(t, s, c.body)
		d := time.Since(t0)
		if rec.Code != c.status || ae.Field != c.field || ae.Error == "" {
			t.Errorf("%.80s: status %d field %q (%s), want %d field %q", c.body, rec.Code, ae.Field, ae.Error, c.status, c.field)
		}
		// Budget refusals happen before any work: far under one build.
		if d > 100*time.Millisecond {
			t.Errorf("%.80s: refused after %v", c.body, d)
		}
	}
	if st := s.Stats(); st.Built != 0 || st.CacheEntries != 0 {
		t.Errorf("refused specs were built: %+v", st)
	}
}

func TestTriangleCap(t *testing.T) {
	s := New(Config{MaxTriangles: 1000})
	rec, _, ae := post(t, s, `{"kind":"ring","ring":{"size":"US 7"}}`)
	if rec.Code != 400 || ae.Field != "tolerance_mm" || !strings.Contains(ae.Error, "triangles") {
		t.Errorf("status %d %+v", rec.Code, ae)
	}
}

func TestBusyAndTimeout(t *testing.T) {
	// Every build token taken and no room to wait: 503 with Retry-After.
	s := New(Config{MaxBuilds: 1, MaxQueue: 1, QueueWait: 20 * time.Millisecond})
	s.sem <- struct{}{}
	rec, _, ae := post(t, s, `{"kind":"ring","ring":{"size":"US 7"}}`)
	if rec.Code != 503 || rec.Header().Get("Retry-After") == "" || ae.Error == "" {
		t.Errorf("saturated: status %d %v %+v", rec.Code, rec.Header(), ae)
	}
	<-s.sem
	if rec, _, _ := post(t, s, `{"kind":"ring","ring":{"size":"US 7"}}`); rec.Code != 200 {
		t.Errorf("after the token came back: status %d %s", rec.Code, rec.Body)
	}
	// A time limit that has run out before the build: the context stops it.
	s = New(Config{Timeout: time.Nanosecond})
	if rec, _, ae := post(t, s, `{"kind":"ring","ring":{"size":"US 8"}}`); rec.Code != 503 || !strings.Contains(ae.Error, "longer") {
		t.Errorf("timeout: status %d %+v", rec.Code, ae)
	}
}

func TestBodyLimitAndMethod(t *testing.T) {
	s := New(Config{MaxBodyBytes: 100})
	rec, _, _ := post(t, s, `{"kind":"ring","name":"`+strings.Repeat("a", 200)+`"}`)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: status %d", rec.Code)
	}
	if c := get(s, "/api/build"); c.Code != http.StatusMethodNotAllowed || c.Header().Get("Allow") != "POST" {
		t.Errorf("GET /api/build: %d %v", c.Code, c.Header())
	}
	for _, p := range []string{"/files/abc.glb", "/files/0123456789abcdef0123456789abcdef.glb", "/files/0123456789abcdef0123456789abcdef.stl", "/files/..%2f..%2fetc%2fpasswd"} {
		if c := get(s, p); c.Code != 404 {
			t.Errorf("GET %s: status %d", p, c.Code)
		}
	}
}

func TestPageAndModelViewer(t *testing.T) {
	// Missing bundle: the server runs and says why.
	s := New(Config{ModelViewerDir: t.TempDir()})
	if c := get(s, "/model-viewer.min.js"); c.Code != 404 || !strings.Contains(c.Body.String(), "--model-viewer") {
		t.Errorf("missing bundle: %d %s", c.Code, c.Body)
	}
	var o Options
	json.Unmarshal(get(s, "/api/options").Body.Bytes(), &o)
	if !strings.Contains(o.ModelViewer, "model-viewer.min.js") || len(o.Metals) == 0 || len(o.Profiles) == 0 {
		t.Errorf("options: %+v", o)
	}

	dir := t.TempDir()
	js := []byte("customElements.define('model-viewer', class extends HTMLElement {});\n")
	if err := os.WriteFile(filepath.Join(dir, ModelViewerFile), js, 0o644); err != nil {
		t.Fatal(err)
	}
	s = New(Config{ModelViewerDir: dir})
	if c := get(s, "/model-viewer.min.js"); c.Code != 200 || !bytes.Equal(c.Body.Bytes(), js) || !strings.HasPrefix(c.Header().Get("Content-Type"), "text/javascript") {
		t.Errorf("bundle: %d %v", c.Code, c.Header())
	}
	page := get(s, "/")
	body := page.Body.String()
	for _, want := range []string{`<model-viewer id="mv"`, ` ar `, `ar-modes="webxr scene-viewer quick-look"`, `src="/model-viewer.min.js"`, `id="engraving"`, `id="message"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(body, "https://cdn") || strings.Contains(body, "unpkg") || strings.Contains(body, "googleapis") {
		t.Error("the page loads from a CDN")
	}
	for _, p := range []string{"/app.js", "/app.css"} {
		if c := get(s, p); c.Code != 200 || c.Body.Len() == 0 {
			t.Errorf("GET %s: %d", p, c.Code)
		}
	}
	_ = io.Discard
}

func TestCacheEvictsByBytes(t *testing.T) {
	c := newCache(100)
	mk := func(id string, n int) *entry { return &entry{id: id, glb: make([]byte, n-len(id))} }
	a, b, d := mk("a", 40), mk("b", 40), mk("d", 40)
	c.put(a, a.baseSize())
	c.put(b, b.baseSize())
	c.get("a") // a is now the most recently used
	c.put(d, d.baseSize())
	if c.get("b") != nil || c.get("a") == nil || c.get("d") == nil {
		t.Error("the least recently used entry was not the one evicted")
	}
	if n, bytes := c.stats(); n != 2 || bytes != 80 {
		t.Errorf("%d entries, %d bytes; want 2, 80", n, bytes)
	}
	c.put(a, 90) // a grows (its PNG): d goes
	if c.get("d") != nil || c.get("a") == nil {
		t.Error("growing an entry did not evict")
	}
	big := mk("big", 500)
	c.put(big, big.baseSize())
	if c.get("big") != nil {
		t.Error("an entry larger than the cache was kept")
	}
	if _, bytes := c.stats(); bytes > 100 {
		t.Errorf("cache holds %d bytes, more than 100", bytes)
	}
}

func TestSpecField(t *testing.T) {
	for msg, want := range map[string]string{
		"ring.width_mm = 50: allowed":  "ring.width_mm",
		"ring.size: invalid ring size": "ring.size",
		`kind "x": allowed`:            "kind",
		"kind is missing: allowed":     "kind",
		`unknown field "colour" (a`:    "colour",
		"JSON syntax error at byte 3":  "",
		"empty spec":                   "",
	} {
		if got := specField(errorString("invalid spec: " + msg)); got != want {
			t.Errorf("%q: field %q, want %q", msg, got, want)
		}
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
