package crawl

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// atom renders a teaser Atom feed; updated maps entry path → updated time.
func atom(base string, paths []string, updated map[string]time.Time) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>سبق</title><id>tag:x</id><updated>2015-08-01T00:00:00Z</updated>`)
	for _, p := range paths {
		fmt.Fprintf(&b, `<entry><id>tag:%s</id><title>خبر %s</title><link href="%s%s"/><published>2015-08-01T06:00:00Z</published><updated>%s</updated><summary>ملخص قصير…</summary></entry>`,
			p, p, base, p, updated[p].UTC().Format(time.RFC3339))
	}
	b.WriteString("</feed>")
	return b.String()
}

func TestUpdatedDateTriggersRefetch(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	paths := []string{"/u/1", "/u/2", "/u/3"}
	upd := map[string]time.Time{}
	for i, path := range paths {
		p.page(path, "خبر", body(30+i, 5))
		upd[path] = time.Date(2015, 8, 1, 6, 0, 0, 0, time.UTC)
	}
	p.set("/atom", route{body: atom(p.URL, paths, upd)})
	e.addSource("sabq", p.URL+"/atom")
	e.pollDue()
	if n := e.count(); n != 3 {
		t.Fatalf("stored %d, want 3", n)
	}

	// The publisher edits one article and bumps its <updated>.
	e.clock.advance(time.Hour)
	upd["/u/2"] = e.clock.Now().Add(-time.Minute)
	p.page("/u/2", "خبر معدل", append(body(31, 5), "فقرة أضيفت بعد التعديل مع تفاصيل جديدة عن افتتاح المستشفى."))
	p.set("/atom", route{body: atom(p.URL, paths, upd)})
	e.clock.advance(time.Hour)
	e.pollDue()
	if got := [3]int{p.hitCount("/u/1"), p.hitCount("/u/2"), p.hitCount("/u/3")}; got != [3]int{1, 2, 1} {
		t.Errorf("page fetches %v, want only the updated one refetched", got)
	}
	if s := e.c.Stats(); s.Updated != 1 {
		t.Errorf("updated %d, want 1", s.Updated)
	}
}

func TestVolatileUpdatedDatesIgnored(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	paths := []string{"/v/1", "/v/2", "/v/3", "/v/4"}
	for i, path := range paths {
		p.page(path, "خبر", body(40+i, 5))
	}
	stamp := func() {
		upd := map[string]time.Time{}
		for _, path := range paths {
			upd[path] = e.clock.Now() // "updated" = time of the request
		}
		p.set("/atom", route{body: atom(p.URL, paths, upd)})
	}
	stamp()
	e.addSource("cms", p.URL+"/atom")
	e.pollDue()
	for range 3 {
		e.clock.advance(2 * time.Hour)
		stamp()
		e.pollDue()
	}
	for _, path := range paths {
		if n := p.hitCount(path); n != 1 {
			t.Errorf("%s fetched %d times, want 1: request-time update dates must not force refetches", path, n)
		}
	}
}
