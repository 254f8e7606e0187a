package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// LoadOptions sets up RunLoad. Zero fields mean the defaults.
type LoadOptions struct {
	// Requests is the number of POST /api/build requests (default 300).
	Requests int
	// Clients is the number of concurrent clients (default 8).
	Clients int
	// Seed fixes the order of the requests (default 1).
	Seed uint64
}

// Request kinds of the load test.
const (
	kindDistinct = "uncached plain band" // a band no one asked for before
	kindRepeat   = "repeated band"       // one of a few popular bands
	kindInvalid  = "invalid spec"        // answered 400 (or 413 when too large)
	kindFile     = "GET glb"             // fetching a built file
)

// invalidSpecs are refused specs and the status and field each must get.
var invalidSpecs = []struct {
	body   string
	status int
	field  string
}{
	{`{"kind":"ring","ring":{"size":"US 7","width_mm":50}}`, 400, "ring.width_mm"},
	{`{"kind":"ring","ring":{"size":"US 7"},"colour":"red"}`, 400, "colour"},
	{`{"kind":"ring","ring":{"size":"US 99"}}`, 400, "ring.size"},
	{`{"kind":"ring","metal":"unobtainium","ring":{"size":"US 7"}}`, 400, "metal"},
	{`{"kind":"ring","tolerance_mm":1e-6,"ring":{"size":"US 7"}}`, 400, "tolerance_mm"},
	{`{"kind":"chain","chain":{"style":"cable","length_mm":1e7}}`, 400, "chain.length_mm"},
	{`{"kind":"ring","ring":{"size":"US 7"},"engravings":[{"text":"` + strings.Repeat("X", 10000) + `","height_mm":1}]}`, 400, "engravings[0].text"},
	{`{"kind":"ring","ring":{"size":"US 7"},"engravings":[{"image":"../../etc/passwd","width_mm":8}]}`, 400, "engravings[0].image"},
	{`{"kind":"ring","ring":{"size":"US 7"},"engravings":[{"text":"A","font":"/etc/passwd","height_mm":1}]}`, 400, "engravings[0].font"},
	{`{"kind":"ring","ring":{"size":"US 7","width_mm":"wide"}}`, 400, "ring.width_mm"},
	{`{"kind":"ring",`, 400, ""},
	{`{"kind":"ring","name":"` + strings.Repeat("a", 70<<10) + `"}`, 413, ""},
}

// repeatSpecs are the popular bands: each is built once, then answered from
// the cache.
var repeatSpecs = func() []string {
	var out []string
	for _, sz := range []string{"US 5", "US 6", "US 7", "UK N", "EU 54"} {
		for _, p := range []string{"comfort", "flat"} {
			out = append(out, fmt.Sprintf(`{"kind":"ring","metal":"18k-yellow","ring":{"size":%q,"profile":%q,"width_mm":4}}`, sz, p))
		}
	}
	return out
}()

// distinctSpec is the i-th band no one asked for before: a plain band of
// a diameter no other request uses.
func distinctSpec(i int) string {
	metals := []string{"18k-yellow", "18k-white", "14k-rose", "925-silver", "950-platinum"}
	profiles := []string{"comfort", "flat", "d-shape", "flat-comfort"}
	return fmt.Sprintf(`{"kind":"ring","metal":%q,"ring":{"size":"mm %.3f","profile":%q,"width_mm":%.1f}}`,
		metals[i%len(metals)], 15+0.005*float64(i), profiles[i%len(profiles)], 3+float64(i%5)*0.5)
}

// LoadResult holds what RunLoad measured.
type LoadResult struct {
	Requests, Clients int
	Elapsed           time.Duration
	// Latencies by request kind.
	Latencies map[string][]time.Duration
	// Status counts by status code.
	Status map[int]int
	// Hits and Valid count answers from the cache and valid builds.
	Hits, Valid int
	// Failures lists every answer that was not what the request expected.
	Failures []string
	// PeakHeapInuse and PeakSys are the largest runtime.MemStats.HeapInuse
	// and Sys (as runtime/metrics counts them) sampled every 5 ms during the run, in bytes.
	PeakHeapInuse, PeakSys uint64
	// Server is the server's own count at the end.
	Server Stats
}

// Percentile returns the p-th percentile (0..100, nearest rank) of a kind's
// latencies, or 0 when there are none.
func (r *LoadResult) Percentile(kind string, p float64) time.Duration {
	l := slices.Clone(r.Latencies[kind])
	if len(l) == 0 {
		return 0
	}
	slices.Sort(l)
	i := int(float64(len(l))*p/100+0.999999) - 1
	return l[max(0, min(i, len(l)-1))]
}

// Count5xx is the number of answers with a 5xx status.
func (r *LoadResult) Count5xx() int {
	n := 0
	for c, k := range r.Status {
		if c >= 500 {
			n += k
		}
	}
	return n
}

// OK reports whether every request got the answer it expected, with no 5xx.
func (r *LoadResult) OK() bool { return len(r.Failures) == 0 && r.Count5xx() == 0 }

func (r *LoadResult) String() string {
	var b strings.Builder
	total := 0
	for _, l := range r.Latencies {
		total += len(l)
	}
	fmt.Fprintf(&b, "load: %d HTTP requests (%d builds asked) from %d clients in %v: %.0f requests/s\n",
		total, r.Requests, r.Clients, r.Elapsed.Round(time.Millisecond), float64(total)/r.Elapsed.Seconds())
	for _, k := range []string{kindDistinct, kindRepeat + " (cache hit)", kindRepeat + " (built or shared)", kindInvalid, kindFile} {
		if len(r.Latencies[k]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %-32s n=%4d  p50 %8v  p99 %8v  max %8v\n", k, len(r.Latencies[k]),
			r.Percentile(k, 50).Round(10*time.Microsecond), r.Percentile(k, 99).Round(10*time.Microsecond), r.Percentile(k, 100).Round(10*time.Microsecond))
	}
	codes := make([]int, 0, len(r.Status))
	for c := range r.Status {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	fmt.Fprintf(&b, "  status:")
	for _, c := range codes {
		fmt.Fprintf(&b, " %d×%d", c, r.Status[c])
	}
	fmt.Fprintf(&b, "; 5xx: %d\n", r.Count5xx())
	fmt.Fprintf(&b, "  cache hit rate: %d of %d valid builds (%.0f%%); server built %d, shared %d, cache %d entries, %.1f MiB\n",
		r.Hits, r.Valid, 100*float64(r.Hits)/float64(max(1, r.Valid)), r.Server.Built, r.Server.Shared, r.Server.CacheEntries, float64(r.Server.CacheBytes)/(1<<20))
	fmt.Fprintf(&b, "  peak memory: HeapInuse %.1f MiB, Sys %.1f MiB\n", float64(r.PeakHeapInuse)/(1<<20), float64(r.PeakSys)/(1<<20))
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "  FAIL %s\n", f)
	}
	return b.String()
}

// RunLoad starts a server with cfg on 127.0.0.1 (a port the OS picks), sends
// it opt.Requests builds from opt.Clients concurrent clients — distinct
// bands, popular bands asked again and again, and invalid specs — fetches
// some of the built GLBs, and measures. It returns an error only when the
// server cannot start.
func RunLoad(ctx context.Context, cfg Config, opt LoadOptions) (*LoadResult, error) {
	if opt.Requests <= 0 {
		opt.Requests = 300
	}
	if opt.Clients <= 0 {
		opt.Clients = 8
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	srv := New(cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()

	// The plan: request i is distinct, repeated or invalid, in a seeded order.
	rng := rand.New(rand.NewPCG(opt.Seed, 2))
	jobs := make([]job, opt.Requests)
	for i := range jobs {
		switch x := rng.IntN(100); {
		case x < 35:
			jobs[i] = job{kind: kindDistinct, body: distinctSpec(i), want: 200}
		case x < 85:
			jobs[i] = job{kind: kindRepeat, body: repeatSpecs[rng.IntN(len(repeatSpecs))], want: 200}
		default:
			v := invalidSpecs[rng.IntN(len(invalidSpecs))]
			jobs[i] = job{kind: kindInvalid, body: v.body, want: v.status, fld: v.field}
		}
	}

	res := &LoadResult{Requests: opt.Requests, Clients: opt.Clients, Latencies: map[string][]time.Duration{}, Status: map[int]int{}}
	var mu sync.Mutex
	record := func(kind string, d time.Duration, code int, failure string) {
		mu.Lock()
		defer mu.Unlock()
		res.Latencies[kind] = append(res.Latencies[kind], d)
		res.Status[code]++
		if failure != "" && len(res.Failures) < 50 {
			res.Failures = append(res.Failures, failure)
		}
	}

	// Memory: sample the heap every 5 ms while the load runs, with
	// runtime/metrics (runtime.ReadMemStats would stop the world each time
	// and add its pauses to the latencies measured). HeapInuse is the heap's
	// objects plus its unused slots in spans in use, as MemStats counts it.
	stopMem := make(chan struct{})
	memDone := make(chan struct{})
	go func() {
		defer close(memDone)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}, {Name: "/memory/classes/total:bytes"}}
		for {
			metrics.Read(samples)
			res.PeakHeapInuse = max(res.PeakHeapInuse, samples[0].Value.Uint64()+samples[1].Value.Uint64())
			res.PeakSys = max(res.PeakSys, samples[2].Value.Uint64())
			select {
			case <-stopMem:
				return
			case <-t.C:
			}
		}
	}()

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: opt.Clients}}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range opt.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) || ctx.Err() != nil {
					return
				}
				j := jobs[i]
				t0 := time.Now()
				resp, err := client.Post(base+"/api/build", "application/json", strings.NewReader(j.body))
				if err != nil {
					record(j.kind, time.Since(t0), 0, fmt.Sprintf("request %d (%s): %v", i, j.kind, err))
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				kind := j.kind
				if j.kind == kindRepeat {
					if resp.Header.Get("X-Cache") == "hit" {
						kind += " (cache hit)"
					} else {
						kind += " (built or shared)"
					}
				}
				failure := ""
				if resp.StatusCode != j.want {
					failure = fmt.Sprintf("request %d (%s): status %d, want %d: %.200s", i, j.kind, resp.StatusCode, j.want, body)
				}
				if j.want == 200 && failure == "" {
					var br BuildResponse
					if err := json.Unmarshal(body, &br); err != nil || br.GLB == "" {
						failure = fmt.Sprintf("request %d: bad answer %.200s", i, body)
					} else {
						mu.Lock()
						res.Valid++
						if br.Cached {
							res.Hits++
						}
						mu.Unlock()
						if i%4 == 0 {
							fetch(client, base+br.GLB, record)
						}
					}
				}
				if j.want != 200 && failure == "" && j.status400() {
					var ae apiError
					if err := json.Unmarshal(body, &ae); err != nil || ae.Field != j.fld || ae.Error == "" {
						failure = fmt.Sprintf("request %d: want field %q, got %.200s", i, j.fld, body)
					}
				}
				record(kind, d, resp.StatusCode, failure)
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	close(stopMem)
	<-memDone
	res.Server = srv.Stats()
	return res, nil
}

// job is one planned request of the load test.
type job struct {
	kind string
	body string
	want int    // the status it must get
	fld  string // the field a 400 must name
}

// status400 reports whether the job expects a 400 with a JSON error body.
func (j job) status400() bool { return j.want == http.StatusBadRequest }

// fetch GETs a built file and checks its caching headers.
func fetch(client *http.Client, url string, record func(string, time.Duration, int, string)) {
	t0 := time.Now()
	resp, err := client.Get(url)
	if err != nil {
		record(kindFile, time.Since(t0), 0, fmt.Sprintf("GET %s: %v", url, err))
		return
	}
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(t0)
	failure := ""
	if resp.StatusCode != 200 || n < 12 || resp.Header.Get("ETag") == "" || resp.Header.Get("Cache-Control") != immutable {
		failure = fmt.Sprintf("GET %s: status %d, %d bytes, ETag %q, Cache-Control %q", url, resp.StatusCode, n, resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"))
	}
	record(kindFile, d, resp.StatusCode, failure)
}
