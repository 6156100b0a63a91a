package extract

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/nashra/nashra/internal/fixture"
)

// TestFixturePages extracts the article pages of the fixture helper's fake
// publishers: chrome templates written independently of ours, served over
// loopback (some in windows-1256, decoded here as the fetcher would), for
// the same corpus sample. It measures paragraph recall against the corpus
// text and asserts that none of the fixture's chrome phrases survives.
func TestFixturePages(t *testing.T) {
	corpusSample(t)
	srv, err := fixture.New(fixture.Config{Records: sampleRecs, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client := &http.Client{Timeout: 10 * time.Second}
	phrases := fixture.ChromePhrases()
	e := &Extractor{}
	st := &recallStats{}
	titles, dates, langs := 0, 0, 0
	for _, u := range srv.ReleasedURLs() {
		rec, ok := srv.Record(u)
		if !ok {
			t.Fatalf("fixture does not know %s", u)
		}
		page, err := fetchUTF8(client, u)
		if err != nil {
			t.Fatalf("fetch %s: %v", u, err)
		}
		lang := rec.Language
		a := fromRecord(rec, lang, 0)
		a.URL = u
		if !fastIsSure(page) {
			st.unsure++
		}
		r, err := e.Page(u, page, Hints{})
		if err != nil {
			t.Errorf("%s (%s): %v", u, rec.Source, err)
			st.failures++
			continue
		}
		for _, p := range st.add(a, r, phrases, rec.Content) {
			t.Errorf("%s (%s): %s", u, rec.Source, p)
		}
		if want, _ := srv.Title(u); normalizeSpace(want) == r.Title {
			titles++
		} else if len(st.worst) < 20 {
			st.worst = append(st.worst, fmt.Sprintf("%s: title %q, want %q", u, r.Title, want))
		}
		if r.PublishedAt.Truncate(24 * time.Hour).Equal(rec.Date.UTC().Truncate(24 * time.Hour)) {
			dates++
		} else if len(st.worst) < 20 {
			st.worst = append(st.worst, fmt.Sprintf("%s: date %v, want %v", u, r.PublishedAt, rec.Date.UTC()))
		}
		if r.Language == lang {
			langs++
		}
	}
	t.Logf("fixture pages=%d recall=%.4f (%d/%d) leaked-runes=%.4f failures=%d titles=%d dates(day)=%d langs=%d trafilatura-consulted=%d",
		st.pages, st.recall(), st.found, st.paras, st.leak(), st.failures, titles, dates, langs, st.unsure)
	for _, w := range st.worst {
		t.Logf("   %s", w)
	}
	if st.recall() < 0.98 {
		t.Errorf("paragraph recall on fixture pages %.4f < 0.98", st.recall())
	}
	if st.pages > 0 && float64(titles) < 0.95*float64(st.pages) {
		t.Errorf("titles right on %d of %d pages", titles, st.pages)
	}
}

// fetchUTF8 GETs a page and decodes it to UTF-8 from its declared charset.
func fetchUTF8(c *http.Client, u string) ([]byte, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	r, err := charset.NewReader(resp.Body, resp.Header.Get("Content-Type"))
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(resp.Header.Get("Content-Type"), "html") {
		return nil, fmt.Errorf("content type %q", resp.Header.Get("Content-Type"))
	}
	return b, nil
}
