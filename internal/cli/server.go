package cli

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/nashra/nashra/internal/api"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/web"
	"github.com/nashra/nashra/internal/web/searchweb"
)

// newRegistry returns the Prometheus registry a process exposes on /metrics.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// newWebHandler wires the reading site, the JSON API, health and metrics.
func newWebHandler(ctx context.Context, st news.Store, c Config, logger *slog.Logger) (http.Handler, error) {
	return newWebHandlerWith(st, c, logger, newRegistry(), nil)
}

func newWebHandlerWith(st news.Store, c Config, logger *slog.Logger, reg *prometheus.Registry, extra func(*http.ServeMux)) (http.Handler, error) {
	svc := search.New(st, time.Now)
	svc.SetLogger(logger)
	site, err := web.New(web.Config{Store: st, Search: searchweb.New(svc), BaseURL: c.BaseURL, Logger: logger})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Config{Store: st, Search: svc, Logger: logger}))
	mux.HandleFunc("GET /healthz", healthHandler(st))
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	if extra != nil {
		extra(mux)
	}
	mux.Handle("/", site.Handler())
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "nashra_http_requests_total", Help: "HTTP requests by route class and status class."}, []string{"route", "code"})
	latency := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "nashra_http_request_seconds", Help: "HTTP request latency by route class.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)}, []string{"route"})
	reg.MustRegister(requests, latency)
	return instrument(mux, logger, requests, latency), nil
}

// routeClass keeps metric label cardinality bounded.
func routeClass(path string) string {
	path = strings.TrimPrefix(path, "/en")
	switch {
	case path == "/" || path == "":
		return "home"
	case strings.HasPrefix(path, "/api/"):
		return "api"
	case strings.HasPrefix(path, "/static/"):
		return "static"
	}
	if i := strings.IndexByte(path[1:], '/'); i > 0 {
		return path[1 : i+1]
	}
	return strings.TrimPrefix(path, "/")
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func instrument(h http.Handler, logger *slog.Logger, requests *prometheus.CounterVec, latency *prometheus.HistogramVec) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		route := routeClass(r.URL.Path)
		if len(route) > 24 {
			route = "other"
		}
		el := time.Since(start)
		requests.WithLabelValues(route, string(rune('0'+rec.status/100))+"xx").Inc()
		latency.WithLabelValues(route).Observe(el.Seconds())
		if rec.status >= 500 {
			logger.Error("http", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", el)
		} else {
			logger.Debug("http", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", el)
		}
	})
}

// healthHandler reports whether the store answers and which sources fail,
// so an operator (or a load balancer) sees what is wrong and why.
func healthHandler(st news.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		type failing struct {
			ID        string `json:"id"`
			Failures  int    `json:"consecutive_failures"`
			LastError string `json:"last_error"`
		}
		out := struct {
			Status   string    `json:"status"`
			Articles int       `json:"articles"`
			Sources  int       `json:"sources"`
			Failing  []failing `json:"failing_sources"`
			Error    string    `json:"error,omitempty"`
		}{Status: "ok", Failing: []failing{}}
		status := http.StatusOK
		n, err := st.CountArticles(ctx)
		if err != nil {
			out.Status, out.Error, status = "unavailable", "store: "+err.Error(), http.StatusServiceUnavailable
		}
		out.Articles = n
		if srcs, err := st.Sources(ctx); err == nil {
			out.Sources = len(srcs)
			for _, s := range srcs {
				if s.ConsecutiveFailures > 0 {
					out.Failing = append(out.Failing, failing{s.ID, s.ConsecutiveFailures, s.LastError})
				}
			}
			if len(out.Failing) > 0 && out.Status == "ok" {
				out.Status = "degraded"
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(out)
	}
}

func promhttpHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}
