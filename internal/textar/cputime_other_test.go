//go:build !linux

package textar

import "testing"

func cpuThroughput(b *testing.B, bytes int, fn func()) {
	for b.Loop() {
		fn()
	}
}
