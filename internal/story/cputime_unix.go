//go:build unix

package story

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user+system) the process has used: on a
// shared machine it measures cost per article where wall time cannot.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
