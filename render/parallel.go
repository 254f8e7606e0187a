package render

import "sync"

// parallelRange splits [0, n) into at most workers contiguous ranges, one
// per goroutine, and waits for all. fn(k, lo, hi) handles range k. The split
// depends only on n and workers, so results written per range are the same
// whatever the scheduling.
func parallelRange(n, workers int, fn func(k, lo, hi int)) {
	if workers < 1 {
		workers = 1
	}
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		lo, hi := n*k/workers, n*(k+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(k, lo, hi)
		}()
	}
	wg.Wait()
}
