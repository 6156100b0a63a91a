package crawl

import (
	"context"
	"errors"
	"time"

	"github.com/nashra/nashra/internal/fetch"
	"github.com/nashra/nashra/internal/news"
)

// Inert dependencies for unit tests of pure logic; the end-to-end tests use
// the real sqlite store and fetch client.
type fakeStore struct{}

func (fakeStore) LeaseDueFeeds(context.Context, string, time.Time, int, time.Duration) ([]news.Feed, error) {
	return nil, nil
}
func (fakeStore) FinishPoll(context.Context, news.PollResult) error { return nil }
func (fakeStore) FetchLog(context.Context, string, int) ([]news.FetchLogEntry, error) {
	return nil, nil
}
func (fakeStore) NextDue(context.Context) (time.Time, error) { return time.Time{}, nil }
func (fakeStore) KnownURLs(context.Context, []string) (map[string]bool, error) {
	return map[string]bool{}, nil
}
func (fakeStore) Source(context.Context, string) (*news.Source, error) {
	return nil, news.Errorf(news.ENOTFOUND, "no source")
}

type fakeFetcher struct{}

func (fakeFetcher) Get(context.Context, fetch.Request) (*fetch.Response, error) {
	return nil, errors.New("fakeFetcher: no network in unit tests")
}

type fakeSink struct{}

func (fakeSink) Ingest(context.Context, *news.Article) (news.UpsertResult, error) {
	return news.Created, nil
}
