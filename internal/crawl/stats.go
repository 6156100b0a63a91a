package crawl

import (
	"slices"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Stages whose latency the crawler observes.
const (
	StageFeedFetch = "feed_fetch" // GET of a feed (politeness waits included)
	StageParse     = "parse"      // feed parsing
	StagePageFetch = "page_fetch" // GET of an article page
	StageExtract   = "extract"    // extract.Page or extract.FeedContent
	StageStore     = "store"      // Sink.Ingest: analysis + upsert + newsroom
	StagePoll      = "poll"       // one whole feed poll
)

var allStages = []string{StageFeedFetch, StageParse, StagePageFetch, StageExtract, StageStore, StagePoll}

// StageStats summarises one stage's recent latencies.
type StageStats struct {
	Count         int64
	P50, P99, Max time.Duration
	Total         time.Duration
}

// Stats is a snapshot of the crawler's counters and latencies. Percentiles
// are over the most recent samples (a bounded window per stage).
type Stats struct {
	Polls, PollErrors, NotModified, Gone int64
	Created, Updated, Unchanged          int64
	Skipped                              int64 // items without article content
	ItemErrors                           int64 // items that failed (fetch, extract, store)
	Bytes                                int64
	Stages                               map[string]StageStats
}

const windowSize = 4096

type window struct {
	samples []time.Duration // ring buffer
	next    int
	count   int64
	total   time.Duration
	max     time.Duration
}

func (w *window) add(d time.Duration) {
	if len(w.samples) < windowSize {
		w.samples = append(w.samples, d)
	} else {
		w.samples[w.next] = d
		w.next = (w.next + 1) % windowSize
	}
	w.count++
	w.total += d
	w.max = max(w.max, d)
}

func (w *window) stats() StageStats {
	s := StageStats{Count: w.count, Total: w.total, Max: w.max}
	if len(w.samples) == 0 {
		return s
	}
	sorted := slices.Clone(w.samples)
	slices.Sort(sorted)
	s.P50 = sorted[(len(sorted)-1)*50/100]
	s.P99 = sorted[(len(sorted)-1)*99/100]
	return s
}

type recorder struct {
	mu      sync.Mutex
	stats   Stats
	windows map[string]*window
	observe func(string, time.Duration)
	m       *metrics
}

func newRecorder(observe func(string, time.Duration), reg prometheus.Registerer) (*recorder, error) {
	r := &recorder{windows: map[string]*window{}, observe: observe}
	for _, s := range allStages {
		r.windows[s] = &window{}
	}
	if reg != nil {
		m, err := newMetrics(reg)
		if err != nil {
			return nil, err
		}
		r.m = m
	}
	return r, nil
}

func (r *recorder) stage(name string, d time.Duration) {
	r.mu.Lock()
	r.windows[name].add(d)
	r.mu.Unlock()
	if r.m != nil {
		r.m.stage.WithLabelValues(name).Observe(d.Seconds())
	}
	if r.observe != nil {
		r.observe(name, d)
	}
}

// count applies fn to the counters under the lock.
func (r *recorder) count(fn func(*Stats)) {
	r.mu.Lock()
	fn(&r.stats)
	r.mu.Unlock()
}

func (r *recorder) snapshot() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	s.Stages = make(map[string]StageStats, len(r.windows))
	for name, w := range r.windows {
		s.Stages[name] = w.stats()
	}
	return s
}

type metrics struct {
	polls    *prometheus.CounterVec
	articles *prometheus.CounterVec
	errors   *prometheus.CounterVec
	bytes    prometheus.Counter
	stage    *prometheus.HistogramVec
	inFlight prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nashra_crawl_polls_total", Help: "Feed polls by result (ok, not_modified, error, gone).",
		}, []string{"result"}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nashra_crawl_articles_total", Help: "Feed items handled by result (created, updated, unchanged, skipped, error).",
		}, []string{"result"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nashra_crawl_errors_total", Help: "Crawl errors by stage and reason.",
		}, []string{"stage", "reason"}),
		bytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "nashra_crawl_bytes_total", Help: "Body bytes received for feeds and pages.",
		}),
		stage: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "nashra_crawl_stage_seconds",
			Help:    "Latency of crawl stages (feed_fetch, parse, page_fetch, extract, store, poll).",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 14),
		}, []string{"stage"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "nashra_crawl_polls_in_flight", Help: "Feed polls running now.",
		}),
	}
	for _, c := range []prometheus.Collector{m.polls, m.articles, m.errors, m.bytes, m.stage, m.inFlight} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}
