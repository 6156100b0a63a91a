package crawl

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// redirect answers every request for a path with a redirect to target.
func (p *publisher) redirect(path, target string, code int) {
	p.handle(path, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, target, code) })
}

func TestFeedMovedPermanently(t *testing.T) {
	tests := []struct {
		name  string
		hops  []int // redirect codes from /old, each to the next hop; the last reaches /new
		moved bool
	}{
		{"301", []int{http.StatusMovedPermanently}, true},
		{"308", []int{http.StatusPermanentRedirect}, true},
		{"301 then 308", []int{http.StatusMovedPermanently, http.StatusPermanentRedirect}, true},
		{"302", []int{http.StatusFound}, false},
		{"307", []int{http.StatusTemporaryRedirect}, false},
		{"301 then 302", []int{http.StatusMovedPermanently, http.StatusFound}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, nil)
			p := newPublisher(t)
			p.set("/new", route{headers: map[string]string{"ETag": `"n1"`}, body: rss("أخبار")})
			from := "/old"
			for i, code := range tc.hops {
				to := "/new"
				if i < len(tc.hops)-1 {
					to = "/hop" + string(rune('a'+i))
				}
				p.redirect(from, to, code)
				from = to
			}
			e.addSource("mover", p.URL+"/old")

			e.pollDue()
			want := p.URL + "/old"
			if tc.moved {
				want = p.URL + "/new"
			}
			f := e.feed("mover", 0)
			if f.URL != want || f.ConsecutiveFailures != 0 || f.LastSuccessAt.IsZero() || f.LastError != "" {
				t.Fatalf("after one poll: feed %+v, want URL %s and a success", f, want)
			}
			if tc.moved != strings.Contains(f.LastNote, "moved permanently") {
				t.Errorf("moved %v, but the feed's note is %q", tc.moved, f.LastNote)
			}
			log, err := e.store.FetchLog(e.ctx, "mover", 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(log) != 1 || log[0].Err != "" || tc.moved != strings.Contains(log[0].Note, "moved permanently") {
				t.Errorf("moved %v, but the fetch log has %+v", tc.moved, log)
			}
			if tc.moved != strings.Contains(e.logs.String(), "feed moved permanently") {
				t.Errorf("moved %v, but the log says:\n%s", tc.moved, e.logs.String())
			}

			// The next poll asks the stored URL: /new directly after a
			// move, /old again (and its redirects) otherwise. The ETag
			// /new sent is used either way.
			e.clock.advance(2 * time.Hour)
			e.pollDue()
			wantOld := 2
			if tc.moved {
				wantOld = 1
			}
			if got := p.hitCount("/old"); got != wantOld {
				t.Errorf("/old requested %d times over two polls, want %d", got, wantOld)
			}
			if got := p.hitCount("/new"); got != 2 {
				t.Errorf("/new requested %d times over two polls, want 2", got)
			}
			if f := e.feed("mover", 0); f.URL != want || f.ETag != `"n1"` || f.LastError != "" || f.LastNote != "" {
				t.Errorf("after the second poll: feed %+v, want URL %s, ETag kept, no note", f, want)
			}
		})
	}
}

// Publishers often redirect a discontinued feed to their home page: a
// permanent redirect to something that is not a feed is not a move.
func TestFeedRedirectedToNonFeedNotMoved(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	p.page("/", "الصفحة الرئيسية", body(1, 3))
	p.redirect("/rss", "/", http.StatusMovedPermanently)
	e.addSource("closed", p.URL+"/rss")
	e.pollDue()
	f := e.feed("closed", 0)
	if f.URL != p.URL+"/rss" || f.ConsecutiveFailures != 1 {
		t.Fatalf("feed %+v, want its URL kept and the poll failed", f)
	}
}

// A feed that moved to the URL of another stored feed keeps its URL; the
// poll is still recorded and the conflict logged.
func TestFeedMovedOntoAnotherFeed(t *testing.T) {
	e := newEnv(t, nil)
	p := newPublisher(t)
	p.set("/new", route{body: rss("أخبار")})
	p.redirect("/old", "/new", http.StatusMovedPermanently)
	e.addSource("mover", p.URL+"/old", p.URL+"/new")
	if n := e.pollDue(); n != 2 {
		t.Fatalf("polled %d feeds, want 2", n)
	}
	f := e.feed("mover", 0)
	if f.URL != p.URL+"/old" || f.ConsecutiveFailures != 0 || f.LastSuccessAt.IsZero() || f.LastError != "" ||
		!strings.Contains(f.LastNote, "already has that URL") {
		t.Fatalf("feed %+v, want its URL kept, the poll a success and the conflict noted", f)
	}
	if logs := e.logs.String(); !strings.Contains(logs, "belongs to another feed") {
		t.Errorf("conflict not logged:\n%s", logs)
	}
	log, err := e.store.FetchLog(e.ctx, "mover", 10)
	if err != nil {
		t.Fatal(err)
	}
	var noted bool
	for _, l := range log {
		if l.Err != "" {
			t.Errorf("fetch log row %+v records an error, want none", l)
		}
		noted = noted || (l.URL == p.URL+"/old" && strings.Contains(l.Note, "already has that URL"))
	}
	if len(log) != 2 || !noted {
		t.Errorf("fetch log %+v, want both polls and the conflict on /old", log)
	}
}

func TestMovedURL(t *testing.T) {
	f := news.Feed{SourceID: "aawsat", URL: "https://aawsat.example/rss"}
	tests := []struct {
		target, want string
		bad          bool
	}{
		{"", "", false},
		{"https://aawsat.example/rss", "", false},
		{"https://aawsat.example/rss#latest", "", false},
		{"https://aawsat.example/feed.xml#top", "https://aawsat.example/feed.xml", false},
		{"https://feeds.aawsat.example/rss?lang=ar", "https://feeds.aawsat.example/rss?lang=ar", false},
		{"ftp://aawsat.example/rss", "", true},
		{"https:///rss", "", true},
		{"https://aawsat.example/%zz", "", true},
	}
	for _, tc := range tests {
		got, err := movedURL(f, tc.target)
		if got != tc.want || (err != nil) != tc.bad {
			t.Errorf("movedURL(%q) = %q, %v; want %q, error %v", tc.target, got, err, tc.want, tc.bad)
		}
	}
}
