package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// Config is what the site needs from the rest of nashra.
type Config struct {
	Store    news.Store
	Search   Search // optional: without it the search box and page are absent
	Now      func() time.Time
	BaseURL  string // absolute, e.g. "https://nashra.example"; used in feeds, sitemaps, canonical links
	SiteName string // shown in the header and feeds; defaults to "نشرة" / "Nashra"
	Logger   *slog.Logger

	// Location is the time zone absolute dates are shown in (default UTC).
	Location *time.Location
	// DisablePageCache turns off reuse of rendered pages and loaded page
	// data (home ~2 s, article ~10 s); benchmarks use it to price the cold
	// path.
	DisablePageCache bool
}

// Site serves the reading site. It is safe for concurrent use.
type Site struct {
	cfg     Config
	base    *url.URL
	log     *slog.Logger
	now     func() time.Time
	loc     *time.Location
	tmpl    *templates
	i18n    map[string]*catalog
	assets  *assets
	sources *sourceCache
	pages   *memo // rendered responses, per language/theme/URL
	data    *memo // what pages load from the store, shared by all variants
	san     *sanitizer
	mux     *http.ServeMux
	handler http.Handler
}

// New builds the site: it parses every template and catalogue and hashes the
// static assets up front so a broken template fails at start-up, not on the
// first request that happens to use it.
func New(cfg Config) (*Site, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: Config.Store is required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://localhost"
	}
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("web: BaseURL %q must be an absolute URL", cfg.BaseURL)
	}
	s := &Site{
		cfg:  cfg,
		base: base,
		log:  cfg.Logger,
		now:  cfg.Now,
		loc:  cfg.Location,
		san:  newSanitizer(),
	}
	if s.i18n, err = loadCatalogs(cfg.SiteName); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(s); err != nil {
		return nil, err
	}
	s.sources = newSourceCache(cfg.Store, 5*time.Second)
	// Bounded by count: ~1,000 rendered pages (HTML + gzip, ~35 KB each)
	// keep memory near 35 MB while covering ten seconds of 100 new pages/s.
	s.pages = newMemo(cfg.DisablePageCache, 1024)
	s.data = newMemo(cfg.DisablePageCache, 1024)
	s.mux = http.NewServeMux()
	s.routes()
	s.handler = s.middleware(s.routed(s.mux))
	return s, nil
}

// Handler returns the site's root handler, to be mounted at "/".
func (s *Site) Handler() http.Handler { return s.handler }

// absURL turns a site path into an absolute URL on BaseURL.
func (s *Site) absURL(path string) string {
	return s.base.String() + path
}
