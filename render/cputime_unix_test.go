//go:build unix

package render

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user + system CPU time. Benchmarks report
// it per operation because the machines they run on are shared: wall time
// there depends on other load, CPU time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
