package cluster

import (
	"context"
	"strings"
	"testing"

	"github.com/nashra/nashra/internal/news"
)

// scanStore serves fixed articles to ScanArticles.
type scanStore struct {
	news.Store
	arts []news.Article
}

func (s scanStore) ScanArticles(ctx context.Context, fn func(*news.Article) error) error {
	for i := range s.arts {
		if err := fn(&s.arts[i]); err != nil {
			return err
		}
	}
	return nil
}

func TestCount(t *testing.T) {
	whole := func(url string) news.Article {
		return news.Article{URL: url, Title: "t", BodyText: "b", ContentHash: news.ContentHash("t", "b")}
	}
	half := whole("http://a/3")
	half.BodyText = ""
	// Fixture URLs map to corpus originals; a tracking-parameter variant of
	// an article maps to the same original, so storing both is a duplicate.
	original := func(u string) (string, bool) {
		if strings.HasPrefix(u, "http://a/") {
			return "orig:" + strings.TrimSuffix(strings.TrimPrefix(u, "http://a/"), "?utm=x"), true
		}
		return "", false
	}
	for _, tc := range []struct {
		name                    string
		arts                    []news.Article
		stored, originals, dups int
		half                    int
	}{
		{"empty", nil, 0, 0, 0, 0},
		{"once each", []news.Article{whole("http://a/1"), whole("http://a/2")}, 2, 2, 0, 0},
		{"twice under two URLs", []news.Article{whole("http://a/1"), whole("http://a/1?utm=x"), whole("http://a/2")}, 3, 2, 1, 0},
		{"three times counts once", []news.Article{whole("http://a/1"), whole("http://a/1?utm=x"), whole("http://a/1?utm=x")}, 3, 1, 1, 0},
		{"unknown URL is its own original", []news.Article{whole("http://b/1"), whole("http://a/1")}, 2, 2, 0, 0},
		{"half-written", []news.Article{whole("http://a/1"), half}, 2, 2, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Count(context.Background(), scanStore{arts: tc.arts}, original)
			if err != nil {
				t.Fatal(err)
			}
			if got.Stored != tc.stored || got.Originals != tc.originals || len(got.Duplicates) != tc.dups || len(got.Half) != tc.half {
				t.Errorf("got %+v; want stored %d, originals %d, %d duplicates, %d half-written", got, tc.stored, tc.originals, tc.dups, tc.half)
			}
		})
	}
}
