package search

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/textar"
)

// sourceCacheTTL bounds how stale the outlet-name table may be. Listing
// sources counts articles, so it is not done per query.
const sourceCacheTTL = 5 * time.Minute

// sourceNames resolves what readers type after source: — an ID ("sabq"),
// an Arabic or English outlet name ("سبق", "الشرق الأوسط", "Okaz") — to
// source IDs.
type sourceNames struct {
	mu      sync.Mutex
	loaded  time.Time
	byName  map[string]string // folded name or ID → ID
	display map[string]string // ID → Arabic name
}

func foldName(s string) string {
	s = textar.Normalize(strings.TrimSpace(s))
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), " ")
	return s
}

func (c *sourceNames) lookup(ctx context.Context, st news.SourceStore, now time.Time, value string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byName == nil || now.Sub(c.loaded) > sourceCacheTTL {
		srcs, err := st.Sources(ctx)
		if err != nil {
			return "", false, fmt.Errorf("search: list sources: %w", err)
		}
		c.byName = make(map[string]string, 3*len(srcs))
		for _, s := range srcs {
			for _, name := range []string{s.ID, s.NameAr, s.NameEn, host(s.HomeURL)} {
				if k := foldName(name); k != "" {
					c.byName[k] = s.ID
					// "الرياض" and "رياض", "the" omitted: readers drop articles.
					c.byName[strings.TrimPrefix(strings.TrimPrefix(k, "ال"), "the ")] = s.ID
				}
			}
		}
		c.loaded = now
	}
	key := foldName(value)
	if id, ok := c.byName[key]; ok {
		return id, true, nil
	}
	// A pasted URL or www. host: source:https://www.sabq.org/x
	if h := host(value); h != "" {
		key = h
	} else if h := host("https://" + value); h != "" {
		key = h
	}
	id, ok := c.byName[strings.TrimPrefix(key, "www.")]
	return id, ok, nil
}

// host is the bare host of a home page URL ("sabq.org"), so site:sabq.org
// works as it does in web search engines.
func host(home string) string {
	u, err := url.Parse(strings.TrimSpace(home))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// resolveSources rewrites source: values to source IDs and warns about
// names that match no outlet (the filter is kept: it finds nothing, and the
// zero-result suggestions offer the query without it).
func (s *Service) resolveSources(ctx context.Context, p *Parsed) error {
	if len(p.Filters.Sources) == 0 {
		return nil
	}
	var ids []string
	for _, v := range p.Filters.Sources {
		id, ok, err := s.sources.lookup(ctx, s.store, s.now(), v)
		if err != nil {
			return err
		}
		if !ok {
			id = v
			p.Interpretation.Warnings = append(p.Interpretation.Warnings, Warning{
				Code: WarnUnknownSource, Text: "لا يوجد مصدر باسم «" + v + "»", TextEn: "no source named " + v})
		}
		ids = appendUnique(ids, id)
	}
	p.Filters.Sources = ids
	p.Interpretation.Filters.Sources = ids
	return nil
}
