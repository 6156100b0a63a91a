//go:build unix

package ingest

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used: on a loaded machine it
// measures the import's own cost where wall time measures the queue.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
