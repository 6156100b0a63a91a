package web

import (
	"os"
	"testing"
)

func TestSmokeDump(t *testing.T) {
	ts := newTestSite(t)
	for _, p := range []string{"/", "/article/" + ts.fx.ShowcaseID, "/en/article/" + ts.fx.ShowcaseID, "/story/" + ts.fx.StoryID, "/source/sabq", "/sources", "/hashtag/أوبك", "/search?q=أوبك", "/search?q=zzz", "/about", "/feed.xml", "/feed.atom", "/feed.json", "/sitemap.xml", "/robots.txt", "/article/nope", "/?before=garbage"} {
		r := ts.get(t, p)
		t.Logf("%s -> %d %d bytes", p, r.status, len(r.body))
		if os.Getenv("DUMP") == p {
			os.WriteFile("/tmp/dump.html", []byte(r.body), 0o644)
		}
	}
}
