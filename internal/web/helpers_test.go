package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/web/webtest"
)

// testSite is a site over a filled store, with the fixture's clock.
type testSite struct {
	*Site
	store news.Store
	mem   *webtest.MemStore // nil when the store is not the in-memory one
	fx    *webtest.Fixture
}

// newTestSite is a site over the real SQLite store filled with fixtures.
func newTestSite(t testing.TB, mutate ...func(*Config)) *testSite {
	t.Helper()
	return newSiteOn(t, openStore(t), mutate...)
}

// newMemSite is the same over the in-memory store, which counts calls.
func newMemSite(t testing.TB, mutate ...func(*Config)) *testSite {
	t.Helper()
	return newSiteOn(t, openMemStore(t), mutate...)
}

func newSiteOn(t testing.TB, st news.Store, mutate ...func(*Config)) *testSite {
	t.Helper()
	mem, _ := st.(*webtest.MemStore)
	fx, err := webtest.Fill(context.Background(), st, webtest.Options{})
	if err != nil {
		t.Fatalf("fill store: %v", err)
	}
	cfg := Config{Store: st, Now: func() time.Time { return fx.Now }, BaseURL: "https://nashra.test",
		Logger: discardLogger(), Search: &fakeSearch{store: st}}
	for _, m := range mutate {
		m(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	return &testSite{Site: s, store: st, mem: mem, fx: fx}
}

type result struct {
	status int
	header http.Header
	body   string
}

// get performs a request against the site's full handler stack.
func (ts *testSite) get(t testing.TB, target string, hdr ...string) result {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://nashra.test"+target, nil)
	if strings.Contains(target, " ") {
		req.URL.RawQuery = strings.SplitN(target, "?", 2)[1]
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	ts.Handler().ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return result{status: rec.Code, header: rec.Result().Header, body: string(b)}
}
