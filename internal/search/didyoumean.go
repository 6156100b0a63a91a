package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/nashra/nashra/internal/textar"
)

// Correction is a respelling of the query worth offering ("did you mean").
type Correction struct {
	Text  string `json:"text"`  // what to show
	Query string `json:"query"` // what to search
	Total int    `json:"total"` // how many articles it finds
}

// A correction is offered only when it finds many more articles than the
// query (three times as many, or any at all after none): a rare word spelt
// right must not be second-guessed. A typo often still finds a few articles
// (through its stem or another outlet's same typo), so words the dictionary
// does not know are respelt whatever the query found. The two-edit search
// (tens of milliseconds) is kept for queries that found nothing: when one
// article matches, every word is in the index, and one edit is the likely
// slip.
const spellGain = 3

// didYouMean respells the query's unknown words and returns the result when
// it finds clearly more than the query did, or nil.
func (s *Service) didYouMean(ctx context.Context, p Parsed, total int) (*Correction, error) {
	if len(p.Clauses) == 0 {
		return nil, nil
	}
	sp, err := s.speller(ctx)
	if err != nil {
		// Corrections are an extra: a dictionary that cannot be built
		// (logged where it failed) must not fail the search itself.
		return nil, nil
	}
	deep := total == 0
	q := p
	q.Clauses = make([]Clause, len(p.Clauses))
	changed := false
	for i, c := range p.Clauses {
		q.Clauses[i].Any = make([]Term, len(c.Any))
		for j, t := range c.Any {
			if fixed, ok := respellTerm(sp, t.Text, deep); ok {
				t.Text, changed = fixed, true
			}
			q.Clauses[i].Any[j] = t
		}
	}
	if !changed {
		return nil, nil
	}
	corrected := Parse(q.String())
	if err := s.resolveSources(ctx, &corrected); err != nil {
		return nil, err
	}
	if corrected.Empty() {
		return nil, nil
	}
	r, err := s.store.Search(ctx, corrected.countQuery())
	if err != nil {
		return nil, fmt.Errorf("search: spelling probe: %w", err)
	}
	if r.Total == 0 || r.Total < spellGain*total {
		return nil, nil
	}
	text := corrected.String()
	return &Correction{Text: text, Query: text, Total: r.Total}, nil
}

// respellTerm replaces each unknown word of a term's text (a word or a phrase)
// by its correction; ok is false when nothing changed.
func respellTerm(sp *speller, text string, deep bool) (string, bool) {
	var b strings.Builder
	last, changed := 0, false
	for _, tok := range textar.Tokenize(text) {
		if (tok.Kind != textar.Word && tok.Kind != textar.Latin) || textar.IsStopWord(tok.Norm) {
			continue
		}
		fix := sp.correct(tok.Norm, deep)
		if fix == "" {
			continue
		}
		b.WriteString(text[last:tok.Start])
		b.WriteString(fix)
		last, changed = tok.End, true
	}
	if !changed {
		return text, false
	}
	b.WriteString(text[last:])
	return b.String(), true
}
