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

	"github.com/nashra/nashra/internal/feed"
	"github.com/nashra/nashra/internal/fixture"
	"github.com/nashra/nashra/internal/news"
)

// TestFixturePages extracts the article pages of the fixture helper's fake
// publishers: chrome templates written independently of ours, served over
// loopback (some in windows-1256, decoded here as the fetcher would), for
// the same corpus sample. It measures paragraph recall against the corpus
// text and asserts that none of the fixture's chrome phrases survives.
func TestFixturePages(t *testing.T) {
	srv := startSampleFixture(t)
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

func startSampleFixture(t *testing.T) *fixture.Server {
	t.Helper()
	corpusSample(t)
	srv, err := fixture.New(fixture.Config{Records: sampleRecs, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := srv.Start(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		srv.Close()
	})
	return srv
}

// TestFixtureFeeds runs IsTeaser and FeedContent on the fixture outlets'
// real feeds: full-text feeds must be recognised as full and extracted
// without loss, summary feeds as teasers.
func TestFixtureFeeds(t *testing.T) {
	srv := startSampleFixture(t)
	client := &http.Client{Timeout: 10 * time.Second}
	st := &recallStats{}
	var full, teaser, fullSeen, teaserSeen int
	for _, site := range srv.Outlets() {
		if site.FeedKind == news.FeedSitemap {
			continue
		}
		resp, err := client.Get(site.FeedURL)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		fd, err := feed.Parse(body, site.FeedURL)
		if err != nil {
			t.Fatalf("%s feed: %v", site.Code, err)
		}
		for _, it := range fd.Items {
			rec, ok := srv.Record(it.URL)
			if !ok {
				t.Fatalf("%s: unknown item %s", site.Code, it.URL)
			}
			content := it.ContentHTML
			if content == "" {
				content = it.SummaryHTML
			}
			isTeaser := IsTeaser(content)
			if !site.Full {
				teaserSeen++
				if isTeaser {
					teaser++
				} else {
					t.Errorf("%s: summary of %s taken for full text: %.200q", site.Code, it.URL, content)
				}
				continue
			}
			if wordCount(rec.Content) < 150 {
				continue // short articles are rightly treated as teasers
			}
			fullSeen++
			if isTeaser {
				t.Errorf("%s: full text of %s (%d words) taken for a teaser", site.Code, it.URL, wordCount(rec.Content))
				continue
			}
			full++
			r, err := FeedContent(it.URL, content, Hints{Title: it.Title, Author: it.Author, Published: it.Published, ImageURL: it.ImageURL})
			if err != nil {
				t.Errorf("%s: FeedContent(%s): %v", site.Code, it.URL, err)
				continue
			}
			a := fromRecord(rec, rec.Language, 0)
			a.URL = it.URL
			for _, p := range st.add(a, r, fixture.ChromePhrases(), rec.Content) {
				t.Errorf("%s: %s", it.URL, p)
			}
		}
	}
	t.Logf("feeds: full-text items recognised %d/%d, teasers recognised %d/%d; FeedContent recall=%.4f (%d/%d) leaked-runes=%.4f",
		full, fullSeen, teaser, teaserSeen, st.recall(), st.found, st.paras, st.leak())
	for _, w := range st.worst {
		t.Logf("   %s", w)
	}
	if st.paras > 0 && st.recall() < 0.98 {
		t.Errorf("FeedContent recall %.4f < 0.98", st.recall())
	}
}
