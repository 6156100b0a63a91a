package search

import (
	"math"
	"sort"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

// Ranking weights. BM25 decides; a title that carries the query and a recent
// date move an article up, but neither can lift an article far above one
// that matches clearly better.
const (
	HalfLife       = 7 * 24 * time.Hour
	titleAnyWeight = 0.5 // scaled by the share of clauses found in the title
	titleAllWeight = 0.3 // extra when every clause is in the title
	freshFloor     = 0.75
)

// ranked is a candidate with its blended score. It points into the
// store's hits: sorting full Articles by value would copy kilobytes.
type ranked struct {
	hit   *news.SearchHit
	score float64
}

// rerank blends the store's BM25 with title coverage and freshness, and
// sorts best first. Freshness decays with HalfLife from the newest candidate
// (not from now): an archive search over 2015 should still prefer the
// latest of its matches.
func rerank(hits []news.SearchHit, p Parsed, now time.Time) []ranked {
	out := make([]ranked, len(hits))
	if len(hits) == 0 {
		return out
	}
	minS, maxS := hits[0].Score, hits[0].Score
	var newest time.Time
	for _, h := range hits {
		minS, maxS = math.Min(minS, h.Score), math.Max(maxS, h.Score)
		if h.Article.PublishedAt.After(newest) {
			newest = h.Article.PublishedAt
		}
	}
	if !now.IsZero() && newest.After(now) {
		newest = now
	}
	for i := range hits {
		h := &hits[i]
		var rel float64
		switch {
		case maxS == minS:
			rel = 1
		case minS > 0:
			rel = h.Score / maxS
		default:
			rel = 0.1 + 0.9*(h.Score-minS)/(maxS-minS)
		}
		cov := titleCoverage(h.Article.Title, h.Article.Language, p.Clauses)
		title := 1 + titleAnyWeight*cov
		if cov == 1 {
			title += titleAllWeight
		}
		age := newest.Sub(h.Article.PublishedAt)
		if age < 0 {
			age = 0
		}
		fresh := math.Exp2(-float64(age) / float64(HalfLife))
		out[i] = ranked{hit: h, score: rel * title * (freshFloor + (1-freshFloor)*fresh)}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].score != out[b].score {
			return out[a].score > out[b].score
		}
		if !out[a].hit.Article.PublishedAt.Equal(out[b].hit.Article.PublishedAt) {
			return out[a].hit.Article.PublishedAt.After(out[b].hit.Article.PublishedAt)
		}
		return out[a].hit.Article.ID < out[b].hit.Article.ID
	})
	return out
}

// titleCoverage is the share of clauses with an alternative whose tokens all
// occur in the title.
func titleCoverage(title, lang string, clauses []Clause) float64 {
	if len(clauses) == 0 || title == "" {
		return 0
	}
	if lang == "" {
		lang = "ar"
	}
	have := map[string]bool{}
	for _, t := range textar.Analyze(title, lang) {
		have[t] = true
	}
	found := 0
	for _, c := range clauses {
		if clauseIn(c, have) {
			found++
		}
	}
	return float64(found) / float64(len(clauses))
}

func clauseIn(c Clause, have map[string]bool) bool {
	for _, t := range c.Any {
	alts:
		for _, alt := range t.Tokens {
			for _, tok := range alt {
				if !have[tok] {
					continue alts
				}
			}
			return true
		}
	}
	return false
}
