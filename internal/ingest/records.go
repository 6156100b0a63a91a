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

// ImportRecords stores records in batches, calling progress after each with
// the number done. Sources of unknown outlets are created first.
func (p *Pipeline) ImportRecords(ctx context.Context, recs []corpus.Record, batch int, progress func(done int)) error {
	if batch <= 0 {
		batch = 500
	}
	if err := p.ensureSources(ctx, recs); err != nil {
		return err
	}
	for start := 0; start < len(recs); start += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(start+batch, len(recs))
		as := make([]*news.Article, 0, end-start)
		for _, r := range recs[start:end] {
			if strings.TrimSpace(r.Title) == "" && strings.TrimSpace(r.Content) == "" {
				continue
			}
			as = append(as, ArticleFromRecord(r))
		}
		if _, err := p.IngestBatch(ctx, as); err != nil {
			return err
		}
		if progress != nil {
			progress(end)
		}
	}
	return nil
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
