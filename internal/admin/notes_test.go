package admin

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// A feed that moved permanently was polled successfully: every page that
// shows the move must show it as a note, never tinted or coloured as a
// failure. A failing feed beside it proves the pages still mark failures.
func TestMovedFeedIsNotAnError(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	const from, to = "http://okaz.example/rss", "http://okaz.example/feed.xml"
	srcs := []news.Source{
		{ID: "okaz", NameEn: "Okaz", Language: "ar", Feeds: []news.Feed{{URL: from}}},
		{ID: "broken", NameEn: "Broken", Language: "ar", Feeds: []news.Feed{{URL: "http://broken.example/rss"}}},
	}
	for i := range srcs {
		if err := st.PutSource(ctx, &srcs[i]); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Unix(1438416000, 0).UTC()
	for _, r := range []news.PollResult{
		{FeedID: srcs[0].Feeds[0].ID, StartedAt: at, Status: 200, Items: 3, MovedTo: to},
		{FeedID: srcs[1].Feeds[0].ID, StartedAt: at, Status: 503, Err: "HTTP 503"},
	} {
		if err := st.FinishPoll(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	a, err := New(Config{Store: st, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a)
	t.Cleanup(srv.Close)

	note := html.EscapeString(news.MovedNote(from, to))
	tests := []struct {
		page string
		rows int // rows carrying the note: health and fetch log
		fail bool
	}{
		{"/admin/", 2, true},
		{"/admin/sources/okaz", 2, false},
	}
	for _, tc := range tests {
		t.Run(tc.page, func(t *testing.T) {
			r := send(t, srv, http.MethodGet, tc.page, true)
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			noted := rowsWith(r.body, note)
			if len(noted) != tc.rows {
				t.Fatalf("%d rows carry the note, want %d:\n%s", len(noted), tc.rows, r.body)
			}
			for _, row := range noted {
				if strings.Contains(row, "failing") || strings.Contains(row, `class="err"`) ||
					!strings.Contains(row, `<span class="note">`+note+`</span>`) {
					t.Errorf("the move is shown as an error, or not as a note:\n%s", row)
				}
			}
			if !tc.fail {
				return
			}
			failed := rowsWith(r.body, "HTTP 503")
			if len(failed) != 2 {
				t.Fatalf("%d rows carry the failure, want 2", len(failed))
			}
			for _, row := range failed {
				if !strings.Contains(row, `class="failing"`) || !strings.Contains(row, `<span class="err">HTTP 503</span>`) {
					t.Errorf("the failure is not shown as one:\n%s", row)
				}
			}
		})
	}
}

// rowsWith returns the table rows of page that contain text.
func rowsWith(page, text string) []string {
	var out []string
	for _, row := range strings.Split(page, "<tr")[1:] {
		row, _, _ = strings.Cut(row, "</tr>")
		if strings.Contains(row, text) {
			out = append(out, "<tr"+row)
		}
	}
	return out
}
