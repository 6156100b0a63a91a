package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// Group commit. Crawler workers call Ingest concurrently, one article each;
// a transaction per article would make the store's single writer the
// bottleneck (each commit costs far more than the row). Instead a writer
// goroutine gathers whatever articles are waiting, stores them in one
// transaction and hands the new and edited ones to the newsroom stage
// (analysis.go), which answers the callers once their analysis is saved
// while the writer already commits the next group. A lone article is
// written at once: batching only ever forms under load, so latency stays
// low when the crawler is quiet.

const maxGroup = 256

type submission struct {
	ctx  context.Context
	a    *news.Article
	done chan outcome
}

type outcome struct {
	res news.UpsertResult
	err error
}

// startWriter starts the writer goroutine; it lives as long as the process,
// like the store it writes to.
func (p *Pipeline) startWriter() {
	p.queue = make(chan submission, maxGroup)
	p.writerDone = make(chan struct{})
	go p.writer()
}

func (p *Pipeline) writer() {
	defer close(p.writerDone)
	for first := range p.queue {
		group := []submission{first}
	gather:
		for len(group) < maxGroup {
			select {
			case s, ok := <-p.queue:
				if !ok {
					break gather
				}
				group = append(group, s)
			default:
				break gather
			}
		}
		p.commitGroup(group)
	}
}

func (p *Pipeline) commitGroup(group []submission) {
	// Callers that gave up are not written: their context says so.
	live := group[:0]
	for _, s := range group {
		if err := s.ctx.Err(); err != nil {
			s.done <- outcome{news.Unchanged, err}
			continue
		}
		live = append(live, s)
	}
	if len(live) == 0 {
		return
	}
	// Two feeds may list the same article in one group: store it once and
	// give both callers the same answer.
	first := map[string]int{}
	var as []*news.Article
	owner := make([]int, len(live))
	for i, s := range live {
		if j, ok := first[s.a.ID]; ok {
			owner[i] = j
			continue
		}
		first[s.a.ID] = len(as)
		owner[i] = len(as)
		as = append(as, s.a)
	}
	// Once committed, an article's analysis is saved even if its caller
	// gives up waiting for it.
	ctx := context.WithoutCancel(live[0].ctx)
	start := time.Now()
	res, err := p.Store.UpsertArticles(ctx, as)
	if err != nil {
		// One bad article must not fail its neighbours: retry one by one
		// so each caller gets its own answer.
		for _, s := range live {
			p.commitOne(s)
		}
		return
	}
	p.count(res, time.Since(start))
	var changed []*news.Article
	answers := make([]news.UpsertResult, len(live))
	seen := map[int]bool{}
	for i := range live {
		r := res[owner[i]]
		if seen[owner[i]] && r != news.Unchanged {
			r = news.Unchanged // the duplicate caller's copy changed nothing
		} else if r != news.Unchanged {
			changed = append(changed, as[owner[i]])
		}
		seen[owner[i]] = true
		answers[i] = r
	}
	p.afterCommit(ctx, changed, func(err error) {
		for i, s := range live {
			s.done <- outcome{answers[i], err}
		}
	})
}

// commitOne stores one article in its own transaction.
func (p *Pipeline) commitOne(s submission) {
	ctx := context.WithoutCancel(s.ctx)
	start := time.Now()
	r, err := p.Store.UpsertArticle(ctx, s.a)
	if err != nil {
		s.done <- outcome{r, fmt.Errorf("ingest: store %s: %w", s.a.URL, err)}
		return
	}
	p.count([]news.UpsertResult{r}, time.Since(start))
	var changed []*news.Article
	if r != news.Unchanged {
		changed = []*news.Article{s.a}
	}
	p.afterCommit(ctx, changed, func(err error) { s.done <- outcome{r, err} })
}
