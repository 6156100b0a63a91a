package story

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/news"
)

// ArticleFromRecord turns a corpus record into the article the engine sees
// (the same fields internal/ingest fills for the newsroom).
func ArticleFromRecord(r *corpus.Record) *news.Article {
	lang := r.Language
	if lang == "" {
		lang = "ar"
	}
	return &news.Article{
		ID:          news.ArticleID(r.URL),
		URL:         r.URL,
		SourceID:    r.Source,
		Title:       r.Title,
		Author:      r.Author,
		PublishedAt: r.Date.UTC(),
		Language:    lang,
		BodyText:    r.Content,
	}
}

// BenchOptions tunes Bench.
type BenchOptions struct {
	Config     Config
	Workers    int       // goroutines preparing text (default GOMAXPROCS)
	Checkpoint int       // report throughput every this many articles (default 5000)
	Progress   io.Writer // optional: one line per checkpoint
}

// BenchCheckpoint is the throughput of one segment of the replay.
type BenchCheckpoint struct {
	Articles      int           // articles processed so far
	SegmentRate   float64       // articles/s over the last segment
	PerArticle    time.Duration // mean wall time per article over the last segment
	CPUPerArticle time.Duration // mean CPU time (all cores) per article over the last segment
	HeapBytes     uint64        // live heap after the segment
	WindowDocs    int           // articles in the window
	OpenStories   int
}

// BenchResult summarises a replay.
type BenchResult struct {
	Articles    int
	Elapsed     time.Duration
	CPU         time.Duration // process CPU time used by the replay
	Rate        float64       // articles/s overall
	Stories     int           // stories created (merges not subtracted)
	Merges      int
	Duplicates  int
	Wire        int
	Analyses    int // analyses emitted, the new article's and updated older ones
	HeapBytes   uint64
	Checkpoints []BenchCheckpoint
}

func (r BenchResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "newsroom: %d articles in %s (%.0f articles/s wall, %s CPU/article), %d stories, %d merges, %d duplicates, %d wire copies, %d analyses, heap %.1f MB\n",
		r.Articles, r.Elapsed.Round(time.Millisecond), r.Rate, perArticle(r.CPU, r.Articles), r.Stories, r.Merges, r.Duplicates, r.Wire, r.Analyses, float64(r.HeapBytes)/(1<<20))
	for _, c := range r.Checkpoints {
		fmt.Fprintf(&b, "  at %6d: %6.0f articles/s wall (%s/article), %s CPU/article, window %d articles, %d stories, heap %.1f MB\n",
			c.Articles, c.SegmentRate, c.PerArticle.Round(time.Microsecond), c.CPUPerArticle.Round(time.Microsecond), c.WindowDocs, c.OpenStories, float64(c.HeapBytes)/(1<<20))
	}
	return b.String()
}

// Bench replays records (in their order) through a new engine the way the
// ingest pipeline does: text analysis in parallel, window updates in
// arrival order. It is what `nashra bench newsroom` runs.
func Bench(records []corpus.Record, opt BenchOptions) BenchResult {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Checkpoint <= 0 {
		opt.Checkpoint = 5000
	}
	e := New(opt.Config)
	var res BenchResult
	start, cpu0 := time.Now(), processCPU()
	segStart, segCPU, segN := start, cpu0, 0
	Replay(e, records, opt.Workers, func(i int, r Result) {
		res.Articles++
		res.Analyses += len(r.Analyses)
		if a := r.Analyses; len(a) > 0 {
			if a[0].DuplicateOf != "" {
				res.Duplicates++
			}
			if a[0].WireAgency != "" {
				res.Wire++
			}
		}
		for _, u := range r.Stories {
			if u.MergedInto != "" {
				res.Merges++
			} else if u.Story.Size == 1 {
				res.Stories++
			}
		}
		segN++
		if res.Articles%opt.Checkpoint == 0 || res.Articles == len(records) {
			now, cpu := time.Now(), processCPU()
			var ms runtime.MemStats
			runtime.GC() // report live memory, not garbage awaiting collection
			runtime.ReadMemStats(&ms)
			st := e.Stats()
			cp := BenchCheckpoint{
				Articles: res.Articles, HeapBytes: ms.HeapAlloc,
				WindowDocs: st.Articles, OpenStories: st.Stories,
			}
			if d := now.Sub(segStart); d > 0 && segN > 0 {
				cp.SegmentRate = float64(segN) / d.Seconds()
				cp.PerArticle = d / time.Duration(segN)
				cp.CPUPerArticle = (cpu - segCPU) / time.Duration(segN)
			}
			res.Checkpoints = append(res.Checkpoints, cp)
			if opt.Progress != nil {
				fmt.Fprintf(opt.Progress, "  at %6d: %6.0f articles/s, window %d, heap %.1f MB\n", cp.Articles, cp.SegmentRate, cp.WindowDocs, float64(cp.HeapBytes)/(1<<20))
			}
			segStart, segCPU, segN = time.Now(), processCPU(), 0
		}
	})
	res.Elapsed = time.Since(start)
	res.CPU = processCPU() - cpu0
	if res.Elapsed > 0 {
		res.Rate = float64(res.Articles) / res.Elapsed.Seconds()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	res.HeapBytes = ms.HeapAlloc
	return res
}

// Replay feeds records through e in order, analysing text on workers
// goroutines ahead of the (sequential, in-order) window updates, and calls
// fn with each record's index and result.
func Replay(e *Engine, records []corpus.Record, workers int, fn func(i int, r Result)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const ahead = 512
	slots := make([]chan *Prepared, len(records))
	for i := range slots {
		slots[i] = make(chan *Prepared, 1)
	}
	jobs := make(chan int, ahead)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				slots[i] <- e.Prepare(ArticleFromRecord(&records[i]))
			}
		}()
	}
	// The feeder stays at most `ahead` records in front of the applier, so
	// memory for prepared articles is bounded however long the replay.
	credit := make(chan struct{}, ahead)
	go func() {
		for i := range records {
			credit <- struct{}{}
			jobs <- i
		}
		close(jobs)
	}()
	for i := range records {
		p := <-slots[i]
		slots[i] = nil // let the prepared article be collected after Apply
		<-credit
		fn(i, e.Apply(p))
	}
	wg.Wait()
}

// Replicate returns the records repeated times times, each copy shifted
// past the end of the previous one and given distinct URLs, so a replay
// of it sees a steadily growing archive with a realistic window: the way
// to show that the cost per article stays flat as the store grows.
func Replicate(records []corpus.Record, times int) []corpus.Record {
	if len(records) == 0 || times <= 1 {
		return records
	}
	first, last := records[0].Date, records[0].Date
	for _, r := range records {
		if r.Date.Before(first) {
			first = r.Date
		}
		if r.Date.After(last) {
			last = r.Date
		}
	}
	span := last.Sub(first) + 24*time.Hour
	out := make([]corpus.Record, 0, len(records)*times)
	for k := 0; k < times; k++ {
		for _, r := range records {
			if k > 0 {
				r.Date = r.Date.Add(time.Duration(k) * span)
				r.URL = fmt.Sprintf("%s#copy%d", r.URL, k)
			}
			out = append(out, r)
		}
	}
	return out
}

func perArticle(d time.Duration, n int) time.Duration {
	if n == 0 {
		return 0
	}
	return (d / time.Duration(n)).Round(time.Microsecond)
}
