package web

import (
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// TestEmptyStore: a fresh install renders every page without placeholders
// or errors, and its feeds are valid but empty.
func TestEmptyStore(t *testing.T) {
	st := openStore(t)
	s, err := New(Config{Store: st, Now: func() time.Time { return time.Date(2025, 5, 15, 12, 0, 0, 0, time.UTC) },
		BaseURL: "https://nashra.test", Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testSite{Site: s, store: st}
	home := ts.get(t, "/", "Cookie", "lang=ar")
	if home.status != 200 || !strings.Contains(home.body, "لا توجد أخبار بعد") {
		t.Fatalf("empty home = %d", home.status)
	}
	for _, absent := range []string{"أبرز القصص", "الوسوم الرائجة", `rel="next"`} {
		if strings.Contains(home.body, absent) {
			t.Errorf("empty home shows %q", absent)
		}
	}
	if r := ts.get(t, "/sources"); r.status != 200 || !strings.Contains(r.body, "لا توجد مصادر بعد") {
		t.Errorf("empty sources = %d", r.status)
	}
	for _, p := range []string{"/feed.xml", "/feed.atom", "/feed.json"} {
		r := ts.get(t, p)
		f, err := gofeed.NewParser().ParseString(r.body)
		if r.status != 200 || err != nil || len(f.Items) != 0 {
			t.Errorf("%s = %d, %v", p, r.status, err)
		}
	}
	for _, p := range []string{"/sitemap.xml", "/sitemap-news.xml", "/robots.txt", "/about"} {
		if r := ts.get(t, p); r.status != 200 {
			t.Errorf("%s = %d", p, r.status)
		}
	}
}
