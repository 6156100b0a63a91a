package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
	"github.com/nashra/nashra/internal/store/storetest"
)

func openTemp(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) news.Store { return openTemp(t) })
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "dir", "nashra.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{URL: "https://x.example/1", SourceID: "x", Title: "t", BodyText: "b",
		Index: &news.IndexDoc{Title: "t", Body: "b"}}
	if _, err := s.UpsertArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	v1, err := s.SchemaVersion(ctx)
	if err != nil || v1 < 1 {
		t.Fatalf("schema version %d, %v", v1, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v2, err := s.SchemaVersion(ctx)
	if err != nil || v2 != v1 {
		t.Fatalf("reopen: schema version %d (was %d), %v", v2, v1, err)
	}
	if _, err := s.Article(ctx, a.ID); err != nil {
		t.Fatalf("reopen lost the article: %v", err)
	}
	if err := s.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Article(ctx, a.ID); err != nil {
		t.Fatalf("after optimize: %v", err)
	}
}
