package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// TestTwoStoresOneFile opens the database twice, as two processes would,
// and has both write the same and different articles at once: busy
// waiting must absorb the lock contention (no SQLITE_BUSY), and each URL
// must be stored once.
func TestTwoStoresOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	var stores []*sqlite.Store
	for range 2 {
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	const perWorker, workers = 60, 4
	var wg sync.WaitGroup
	errs := make(chan error, workers*len(stores))
	for i, s := range stores {
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := range perWorker {
					// Half the URLs are shared by every worker of both stores.
					id := fmt.Sprintf("own-%d-%d-%d", i, w, n)
					if n%2 == 0 {
						id = fmt.Sprintf("shared-%d", n)
					}
					a := &news.Article{URL: "https://multi.example/" + id, SourceID: "multi", Title: id, BodyText: id,
						PublishedAt: time.Unix(1437000000+int64(n), 0), Index: &news.IndexDoc{Title: id}}
					if _, err := s.UpsertArticle(ctx, a); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	n, err := stores[1].CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := perWorker/2 + len(stores)*workers*perWorker/2
	if n != want {
		t.Fatalf("stored %d articles, want %d", n, want)
	}
	if err := stores[0].IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
