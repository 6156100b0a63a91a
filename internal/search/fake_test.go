package search

import (
	"context"
	"errors"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

func normalizedTitle(s string) string { return textar.Normalize(s) }

// fakeStore is an in-memory news.Store whose search index evaluates a
// news.SearchQuery over IndexDoc tokens the way the real stores do: AND of
// OR-clauses, adjacent-token phrases, exclusions and filters. Methods search
// does not use are left to the embedded nil interface (calling them panics).
type fakeStore struct {
	news.Store
	articles    []news.Article
	docs        map[string][]string // ID → analysed tokens, title first
	titles      map[string][]string
	scores      map[string]float64 // fixed scores, to test ranking at equal BM25
	trending    []news.HashtagTrend
	err         error
	articlesErr error // Articles only (the spelling dictionary)
	queries     []news.SearchQuery
	prefixes    []string
	sourceCalls int
	mu          sync.Mutex // Bench searches concurrently
}

func newFakeStore(as ...news.Article) *fakeStore {
	f := &fakeStore{docs: map[string][]string{}, titles: map[string][]string{}}
	for i := range as {
		a := &as[i]
		if a.ID == "" {
			a.ID = news.ArticleID(a.URL)
		}
		if a.Language == "" {
			a.Language = "ar"
		}
		doc := IndexDoc(a)
		f.titles[a.ID] = strings.Fields(doc.Title)
		f.docs[a.ID] = strings.Fields(doc.Title + " " + doc.Body + " " + doc.Tags)
		f.articles = append(f.articles, *a)
	}
	return f
}

func (f *fakeStore) Search(_ context.Context, q news.SearchQuery) (news.SearchResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, q)
	if f.err != nil {
		return news.SearchResult{}, f.err
	}
	var hits []news.SearchHit
	for _, a := range f.articles {
		if !f.filtersMatch(a, q) {
			continue
		}
		toks := f.docs[a.ID]
		ok := true
		for _, c := range q.Clauses {
			if !anyTermIn(c.Any, toks) {
				ok = false
				break
			}
		}
		if !ok || anyTermIn(q.Exclude, toks) {
			continue
		}
		score, fixed := f.scores[a.ID]
		if !fixed {
			score = f.score(a.ID, q)
		}
		h := a
		h.BodyHTML, h.Index = "", nil
		hits = append(hits, news.SearchHit{Article: h, Score: score})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if q.ByNewest {
			return hits[i].Article.PublishedAt.After(hits[j].Article.PublishedAt)
		}
		return hits[i].Score > hits[j].Score
	})
	total := len(hits)
	if q.Offset < len(hits) {
		hits = hits[q.Offset:]
	} else {
		hits = nil
	}
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return news.SearchResult{Hits: hits, Total: total}, nil
}

func (f *fakeStore) filtersMatch(a news.Article, q news.SearchQuery) bool {
	if len(q.Sources) > 0 && !contains(q.Sources, a.SourceID) {
		return false
	}
	if len(q.Langs) > 0 && !contains(q.Langs, a.Language) {
		return false
	}
	for _, t := range q.Tags {
		if !contains(a.Hashtags, t) {
			return false
		}
	}
	if !q.After.IsZero() && a.PublishedAt.Before(q.After) {
		return false
	}
	if !q.Before.IsZero() && !a.PublishedAt.Before(q.Before) {
		return false
	}
	return true
}

// score is a small tf-idf with title weight, standing in for BM25.
func (f *fakeStore) score(id string, q news.SearchQuery) float64 {
	s := 0.0
	for _, c := range q.Clauses {
		for _, t := range c.Any {
			for _, tok := range t.Tokens {
				df := 0
				for _, d := range f.docs {
					if contains(d, tok) {
						df++
					}
				}
				idf := math.Log(1 + float64(len(f.docs))/float64(1+df))
				s += idf * (float64(count(f.docs[id], tok)) + 2*float64(count(f.titles[id], tok)))
			}
		}
	}
	return s / math.Sqrt(float64(len(f.docs[id])+1))
}

func anyTermIn(terms []news.QueryTerm, toks []string) bool {
	for _, t := range terms {
		if termIn(t, toks) {
			return true
		}
	}
	return false
}

func termIn(t news.QueryTerm, toks []string) bool {
	if len(t.Tokens) == 0 {
		return false
	}
	if !t.Phrase {
		for _, tok := range t.Tokens {
			if !contains(toks, tok) {
				return false
			}
		}
		return true
	}
outer:
	for i := 0; i+len(t.Tokens) <= len(toks); i++ {
		for k, tok := range t.Tokens {
			if toks[i+k] != tok {
				continue outer
			}
		}
		return true
	}
	return false
}

func (f *fakeStore) ArticlesByID(_ context.Context, ids []string) ([]news.Article, error) {
	var out []news.Article
	for _, id := range ids {
		for _, a := range f.articles {
			if a.ID == id {
				out = append(out, a)
			}
		}
	}
	return out, nil
}

// Articles lists newest first with keyset paging, as the stores do; the
// spelling dictionary reads it.
func (f *fakeStore) Articles(_ context.Context, flt news.ArticleFilter) ([]news.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	if f.articlesErr != nil {
		return nil, f.articlesErr
	}
	all := append([]news.Article(nil), f.articles...)
	sort.Slice(all, func(i, j int) bool {
		if !all[i].PublishedAt.Equal(all[j].PublishedAt) {
			return all[i].PublishedAt.After(all[j].PublishedAt)
		}
		return all[i].ID > all[j].ID
	})
	var out []news.Article
	for _, a := range all {
		if c := flt.Before; c != nil && !(a.PublishedAt.Before(c.PublishedAt) || (a.PublishedAt.Equal(c.PublishedAt) && a.ID < c.ID)) {
			continue
		}
		if flt.Limit > 0 && len(out) == flt.Limit {
			break
		}
		a.BodyText, a.BodyHTML = "", ""
		out = append(out, a)
	}
	return out, nil
}

func (f *fakeStore) Suggest(_ context.Context, prefix string, limit int) ([]news.Suggestion, error) {
	f.prefixes = append(f.prefixes, prefix)
	if f.err != nil {
		return nil, f.err
	}
	var out []news.Suggestion
	for _, a := range f.articles {
		if strings.HasPrefix(normalizedTitle(a.Title), prefix) && len(out) < limit {
			out = append(out, news.Suggestion{Kind: "title", Text: a.Title, Value: a.ID})
		}
	}
	return out, nil
}

func (f *fakeStore) Sources(context.Context) ([]news.SourceStats, error) {
	f.sourceCalls++
	return []news.SourceStats{
		{Source: news.Source{ID: "sabq", NameAr: "سبق", NameEn: "Sabq", HomeURL: "https://sabq.org/"}},
		{Source: news.Source{ID: "okaz", NameAr: "عكاظ", NameEn: "Okaz"}},
		{Source: news.Source{ID: "aawsat", NameAr: "الشرق الأوسط", NameEn: "Asharq Al-Awsat"}},
	}, f.err
}

func (f *fakeStore) TrendingHashtags(context.Context, time.Time, time.Duration, int) ([]news.HashtagTrend, error) {
	return f.trending, f.err
}

func (f *fakeStore) Reindex(context.Context, string, *news.IndexDoc) error {
	return errors.New("fake: reindex not supported")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}
