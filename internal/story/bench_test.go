package story

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// BenchmarkNewsroom replays b.N corpus articles (the corpus replicated as
// needed, each copy shifted in time) through one engine, text analysis in
// parallel and window updates in order, as ingest does.
func BenchmarkNewsroom(b *testing.B) {
	recs := loadCorpus(b)
	times := b.N/len(recs) + 1
	all := Replicate(recs, times)[:b.N]
	e := New(Config{})
	b.ResetTimer()
	start := time.Now()
	Replay(e, all, 0, func(int, Result) {})
	el := time.Since(start)
	b.StopTimer()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(b.N)/el.Seconds(), "articles/s")
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heapMB")
	b.ReportMetric(float64(e.Stats().Articles), "window")
}

// BenchmarkApply is the sequential part alone (the engine's critical
// section): texts are prepared before the timer starts.
func BenchmarkApply(b *testing.B) {
	recs := loadCorpus(b)
	all := Replicate(recs, b.N/len(recs)+1)[:b.N]
	e := New(Config{})
	ps := make([]*Prepared, len(all))
	for i := range all {
		ps[i] = e.Prepare(ArticleFromRecord(&all[i]))
	}
	b.ResetTimer()
	for i := range ps {
		e.Apply(ps[i])
	}
}

// TestBenchReport prints the checkpointed replay `nashra bench newsroom`
// shows: the corpus, then replicated NASHRA_BENCH_COPIES times, with cost
// per article at each checkpoint. Long: gated behind NASHRA_LONG=1.
func TestBenchReport(t *testing.T) {
	if os.Getenv("NASHRA_LONG") == "" {
		t.Skip("long benchmark report: set NASHRA_LONG=1")
	}
	recs := loadCorpus(t)
	copies, _ := strconv.Atoi(os.Getenv("NASHRA_BENCH_COPIES"))
	res := Bench(Replicate(recs, max(copies, 1)), BenchOptions{Checkpoint: 10000, Progress: os.Stderr})
	fmt.Println(res.String())
}
