package newsroom

import (
	"errors"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

type metrics struct {
	pending      prometheus.Gauge
	leader       prometheus.Gauge
	analysed     prometheus.Counter
	terms        prometheus.Counter
	dropped      prometheus.Counter
	batchSeconds prometheus.Histogram
}

// newMetrics builds the worker's metrics and registers them on reg when it
// is non-nil. An already registered collector of the same name (a second
// worker in one process) is reused, so its numbers add up.
func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		pending: prometheus.NewGauge(prometheus.GaugeOpts{Name: "nashra_newsroom_pending",
			Help: "Articles queued for analysis, as last seen by this node."}),
		leader: prometheus.NewGauge(prometheus.GaugeOpts{Name: "nashra_newsroom_leader",
			Help: "1 while this node is the newsroom leader."}),
		analysed: prometheus.NewCounter(prometheus.CounterOpts{Name: "nashra_newsroom_analysed_total",
			Help: "Queued articles this node analysed and committed as leader."}),
		terms: prometheus.NewCounter(prometheus.CounterOpts{Name: "nashra_newsroom_leader_terms_total",
			Help: "Times this node became the newsroom leader."}),
		dropped: prometheus.NewCounter(prometheus.CounterOpts{Name: "nashra_newsroom_dropped_total",
			Help: "Queued articles left unanalysed because the store rejected their analysis."}),
		batchSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "nashra_newsroom_batch_seconds",
			Help: "Time to analyse and commit one batch.", Buckets: prometheus.ExponentialBuckets(0.005, 2, 14)}),
	}
	if reg == nil {
		return m, nil
	}
	register := func(c prometheus.Collector) (prometheus.Collector, error) {
		if err := reg.Register(c); err != nil {
			var are prometheus.AlreadyRegisteredError
			if errors.As(err, &are) {
				return are.ExistingCollector, nil
			}
			return nil, fmt.Errorf("newsroom: register metrics: %w", err)
		}
		return c, nil
	}
	for _, p := range []*prometheus.Gauge{&m.pending, &m.leader} {
		c, err := register(*p)
		if err != nil {
			return nil, err
		}
		*p = c.(prometheus.Gauge)
	}
	for _, p := range []*prometheus.Counter{&m.analysed, &m.terms, &m.dropped} {
		c, err := register(*p)
		if err != nil {
			return nil, err
		}
		*p = c.(prometheus.Counter)
	}
	c, err := register(m.batchSeconds)
	if err != nil {
		return nil, err
	}
	m.batchSeconds = c.(prometheus.Histogram)
	return m, nil
}
