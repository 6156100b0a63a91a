package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
)

// `sources list` shows a feed that moved permanently in its NOTE column,
// never as the source's last error.
func TestSourcesListShowsNotesApartFromErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	const from, to = "https://okaz.example/rss", "https://okaz.example/feed.xml"
	srcs := []news.Source{
		{ID: "okaz", NameEn: "Okaz", Language: "ar", Feeds: []news.Feed{{URL: from}}},
		{ID: "broken", NameEn: "Broken", Language: "ar", Feeds: []news.Feed{{URL: "https://broken.example/rss"}}},
	}
	for i := range srcs {
		if err := st.PutSource(ctx, &srcs[i]); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Unix(1438416000, 0).UTC()
	for _, r := range []news.PollResult{
		{FeedID: srcs[0].Feeds[0].ID, StartedAt: at, Status: 200, MovedTo: to},
		{FeedID: srcs[1].Feeds[0].ID, StartedAt: at, Status: 503, Err: "HTTP 503"},
	} {
		if err := st.FinishPoll(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	var out, errs bytes.Buffer
	if code := Run(ctx, []string{"sources", "list", "--data", dir}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want a header and two sources:\n%s", out.String())
	}
	// Columns are aligned in runes; slice the cells by the header's.
	errAt, noteAt := strings.Index(lines[0], "LAST ERROR"), strings.Index(lines[0], "NOTE")
	if errAt < 0 || noteAt < errAt {
		t.Fatalf("header %q lacks LAST ERROR then NOTE", lines[0])
	}
	errAt, noteAt = len([]rune(lines[0][:errAt])), len([]rune(lines[0][:noteAt]))
	want := map[string][2]string{ // error, note
		"broken": {"HTTP 503", ""},
		"okaz":   {"", news.MovedNote(from, to)},
	}
	for _, line := range lines[1:] {
		r := []rune(line)
		id := strings.Fields(line)[0]
		var gotErr, gotNote string
		if len(r) > errAt {
			gotErr = strings.TrimSpace(string(r[errAt:min(noteAt, len(r))]))
		}
		if len(r) > noteAt {
			gotNote = strings.TrimSpace(string(r[noteAt:]))
		}
		if w := want[id]; gotErr != w[0] || gotNote != w[1] {
			t.Errorf("%s: last error %q, note %q; want %q, %q\n%s", id, gotErr, gotNote, w[0], w[1], out.String())
		}
	}
}
