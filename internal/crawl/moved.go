package crawl

import (
	"fmt"
	"net/url"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/sources"
)

// movedURL returns the URL to store for feed f, which the fetcher reached
// at target through permanent redirects only; "" when it did not move.
// The URL must pass the check `nashra sources add` applies to a feed URL:
// a move must never store something an operator could not have typed.
func movedURL(f news.Feed, target string) (string, error) {
	if target == "" {
		return "", nil
	}
	u, err := url.Parse(target)
	if err != nil {
		return "", fmt.Errorf("moved to %q: %w", target, err)
	}
	u.Fragment, u.RawFragment = "", ""
	moved := u.String()
	if moved == f.URL {
		return "", nil
	}
	// Validate checks a whole source; a stand-in carries the one feed.
	probe := news.Source{ID: f.SourceID, NameEn: f.SourceID, Feeds: []news.Feed{{URL: moved}}}
	if err := sources.Validate(&probe); err != nil {
		return "", fmt.Errorf("moved to %q: %w", moved, err)
	}
	return moved, nil
}
