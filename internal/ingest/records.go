package ingest

import (
	"context"
	"html"
	"strings"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/extract"
	"github.com/nashra/nashra/internal/news"
)

// ArticleFromRecord turns a corpus record into an article as if it had been
// crawled: paragraphs from the dataset's newlines, sanitized HTML from them.
func ArticleFromRecord(r corpus.Record) *news.Article {
	// The dataset keeps some HTML entities (&quot;, &#8220;) from its
	// scrape; a crawled page would have them decoded.
	paras := corpus.Paragraphs(html.UnescapeString(r.Content))
	lang := r.Language
	return &news.Article{
		URL:         r.URL,
		SourceID:    r.Source,
		Category:    r.Category,
		Title:       html.UnescapeString(r.Title),
		Author:      html.UnescapeString(r.Author),
		PublishedAt: r.Date,
		FetchedAt:   r.Date,
		UpdatedAt:   r.Date,
		Language:    lang,
		BodyText:    strings.Join(paras, "\n\n"),
		BodyHTML:    extract.ParagraphsToHTML(paras, lang),
	}
}

// SourceFromOutlet is the source record of a corpus outlet.
func SourceFromOutlet(o corpus.Outlet, lang, feedURL string) news.Source {
	s := news.Source{ID: o.Code, NameAr: o.NameAr, NameEn: o.NameEn, HomeURL: "https://" + o.Domain + "/", Language: lang, Country: "SA"}
	if lang == "en" {
		s.Country = "GB"
	}
	if feedURL != "" {
		s.Feeds = []news.Feed{{SourceID: o.Code, URL: feedURL}}
	}
	return s
}

// ImportRecords stores records in batches, calling progress with the number
// of records done (stored, and analysed when there is a newsroom) after each
// batch, in order, from one goroutine at a time. Sources of unknown outlets
// are created first.
//
// The batches flow through a pipeline so both cores stay busy: batch N+2 is
// prepared (language, excerpt, index text) on every core while batch N+1 is
// committed and batch N is in the newsroom stage (see analysis.go). Each
// batch is still its own transaction and its analysis another, saved in
// order; the first error stops the import and is returned once everything
// already started has finished.
func (p *Pipeline) ImportRecords(ctx context.Context, recs []corpus.Record, batch int, progress func(done int)) error {
	if batch <= 0 {
		batch = 500
	}
	if err := p.ensureSources(ctx, recs); err != nil {
		return err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	type prepared struct {
		as  []*news.Article
		end int // records done once this batch is
	}
	ready := make(chan prepared, 1)
	go func() {
		defer close(ready)
		for start := 0; start < len(recs); start += batch {
			end := min(start+batch, len(recs))
			as := make([]*news.Article, 0, end-start)
			for _, r := range recs[start:end] {
				if strings.TrimSpace(r.Title) == "" && strings.TrimSpace(r.Content) == "" {
					continue
				}
				as = append(as, ArticleFromRecord(r))
			}
			if err := parallel(len(as), func(i int) error { return p.Prepare(as[i]) }); err != nil {
				cancel(err)
				return
			}
			select {
			case ready <- prepared{as, end}:
			case <-ctx.Done():
				return
			}
		}
	}()

	var st *stage
	if p.Newsroom != nil {
		st = p.newsroomStage()
	}
	for b := range ready {
		if ctx.Err() != nil {
			continue // drain: the producer stops at its next send
		}
		res, err := p.store(ctx, b.as)
		if err != nil {
			cancel(err)
			continue
		}
		end := b.end
		if st == nil {
			if progress != nil {
				progress(end)
			}
			continue
		}
		err = st.submit(&job{ctx: ctx, as: changedOnly(b.as, res), done: func(err error) {
			if err != nil {
				cancel(err)
			} else if progress != nil && ctx.Err() == nil {
				progress(end)
			}
		}})
		if err != nil {
			cancel(err)
		}
	}
	if st != nil {
		// Wait for every batch handed to the newsroom, even after an
		// error: nothing of this import may still be writing on return.
		if err := st.wait(context.WithoutCancel(ctx)); err != nil && context.Cause(ctx) == nil {
			return err
		}
	}
	return context.Cause(ctx)
}

// ensureSources registers the outlets a corpus names, so imported articles
// belong to real sources. Imported sources have no feed: they are archives.
func (p *Pipeline) ensureSources(ctx context.Context, recs []corpus.Record) error {
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.Source] {
			continue
		}
		seen[r.Source] = true
		if _, err := p.Store.Source(ctx, r.Source); err == nil {
			continue
		} else if !news.IsNotFound(err) {
			return err
		}
		s := SourceFromOutlet(corpus.OutletFor(r.Source), r.Language, "")
		if err := p.Store.PutSource(ctx, &s); err != nil {
			return err
		}
	}
	return nil
}
