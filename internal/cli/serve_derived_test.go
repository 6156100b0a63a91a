package cli

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// queueless hides the analysis queue of a store, as a driver without one
// would.
type queueless struct{ news.Store }

func TestDerivedWork(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	logger := slog.New(slog.DiscardHandler)

	t.Run("store without a queue analyses inline", func(t *testing.T) {
		p := &ingest.Pipeline{Store: queueless{st}, Analyzer: analyzer{}}
		run, err := derivedWork(ctx, queueless{st}, p, "node-1", logger, prometheus.NewRegistry())
		if err != nil {
			t.Fatal(err)
		}
		if run != nil || p.Newsroom == nil {
			t.Fatalf("run %v, inline newsroom %v; want no worker and an inline newsroom", run != nil, p.Newsroom != nil)
		}
	})

	t.Run("crawl node stores, the elected worker analyses", func(t *testing.T) {
		p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}}
		run, err := derivedWork(ctx, st, p, "node-1", logger, prometheus.NewRegistry())
		if err != nil {
			t.Fatal(err)
		}
		if run == nil || p.Newsroom != nil {
			t.Fatalf("run %v, inline newsroom %v; want a worker and no inline newsroom", run != nil, p.Newsroom != nil)
		}
		var ids []string
		for i := range 3 {
			a := &news.Article{URL: fmt.Sprintf("https://okaz.example/news/%d", i), SourceID: "okaz",
				Title: "افتتاح مستشفى جديد في جدة", BodyText: "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في جدة بسعة ثلاثمئة سرير."}
			if _, err := p.Ingest(ctx, a); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		if n, err := st.PendingCount(ctx); err != nil || n != len(ids) {
			t.Fatalf("queued %d (%v), want %d: the pipeline must only store", n, err, len(ids))
		}
		wctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- run(wctx) }()
		defer func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		}()
		deadline := time.Now().Add(30 * time.Second)
		for {
			n, err := st.PendingCount(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d articles never analysed", n)
			}
			time.Sleep(10 * time.Millisecond)
		}
		for _, id := range ids {
			a, err := st.Article(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if a.StoryID == "" {
				t.Fatalf("article %s analysed without a story", id)
			}
		}
	})
}
