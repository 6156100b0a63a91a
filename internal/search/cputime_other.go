//go:build !unix

package search

import "time"

// processCPU is unavailable here; Bench then reports no CPU time.
func processCPU() time.Duration { return 0 }
