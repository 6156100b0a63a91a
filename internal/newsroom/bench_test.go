package newsroom_test

import (
	"context"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/newsroom"
)

// BenchmarkDrain measures the leader's throughput: queued articles
// analysed and committed per second (rebuild of an empty window included),
// per backend, in batches of the default size. Each iteration drains a
// fresh queue of the same articles.
func BenchmarkDrain(b *testing.B) {
	as := testArticles(b, 1000)
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			total := 0
			var elapsed time.Duration
			for b.Loop() {
				b.StopTimer()
				stores := be.open(b, 1)
				ingestAll(b, stores, as)
				b.StartTimer()
				start := time.Now()
				ctx, cancel := context.WithCancel(context.Background())
				done := make(chan error, 1)
				w := &newsroom.Worker{Store: stores[0], Owner: "bench", Poll: time.Millisecond, TTL: time.Minute}
				go func() { done <- w.Run(ctx) }()
				drained(b, stores[0])
				elapsed += time.Since(start)
				cancel()
				if err := <-done; err != nil {
					b.Fatal(err)
				}
				total += len(as)
			}
			b.ReportMetric(float64(total)/elapsed.Seconds(), "articles/s")
		})
	}
}
