package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Benchmarks run the full handler stack (middleware, routing, gzip) against
// the in-memory store. "cold" disables the page cache to price the render
// path; "cached" is what a burst of readers costs.
func benchPage(b *testing.B, path string, cache bool) {
	ts := newTestSite(b, func(c *Config) { c.DisablePageCache = !cache })
	req := httptest.NewRequest(http.MethodGet, "http://nashra.test"+path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Cookie", "lang=ar")
	rec := httptest.NewRecorder()
	ts.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("GET %s = %d", path, rec.Code)
	}
	b.SetBytes(int64(rec.Body.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			ts.Handler().ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatalf("GET %s = %d", path, rec.Code)
			}
		}
	})
}

func BenchmarkArticlePage(b *testing.B) {
	ts := newTestSite(b)
	path := "/article/" + ts.fx.ShowcaseID
	b.Run("cold", func(b *testing.B) { benchPage(b, path, false) })
	b.Run("cached", func(b *testing.B) { benchPage(b, path, true) })
}

func BenchmarkHomePage(b *testing.B) {
	b.Run("cold", func(b *testing.B) { benchPage(b, "/", false) })
	b.Run("cached", func(b *testing.B) { benchPage(b, "/", true) })
}
