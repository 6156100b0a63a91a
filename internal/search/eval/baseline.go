package eval

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/nashra/nashra/internal/corpus"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Baseline is what a search box gets without Arabic analysis: SQLite FTS5
// with the unicode61 tokenizer over the raw title and text, every query
// word required, ranked by BM25 with the title weighted like nashra's.
type Baseline struct {
	db *sql.DB
}

// NewBaseline indexes records in a new SQLite file in dir.
func NewBaseline(ctx context.Context, dir string, records []corpus.Record) (*Baseline, error) {
	db, err := sql.Open("sqlite", filepath.Join(dir, "baseline.db"))
	if err != nil {
		return nil, fmt.Errorf("baseline: open: %w", err)
	}
	db.SetMaxOpenConns(1)
	for _, stmt := range []string{
		`PRAGMA journal_mode=OFF`,
		`PRAGMA synchronous=OFF`,
		`CREATE VIRTUAL TABLE docs USING fts5(url UNINDEXED, title, body, tokenize='unicode61')`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			db.Close()
			return nil, fmt.Errorf("baseline: %s: %w", stmt, err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("baseline: begin: %w", err)
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO docs(url, title, body) VALUES (?, ?, ?)`)
	if err != nil {
		tx.Rollback()
		db.Close()
		return nil, fmt.Errorf("baseline: prepare: %w", err)
	}
	for _, r := range records {
		if _, err := ins.ExecContext(ctx, r.URL, r.Title, r.Content); err != nil {
			tx.Rollback()
			db.Close()
			return nil, fmt.Errorf("baseline: insert %s: %w", r.URL, err)
		}
	}
	if err := tx.Commit(); err != nil {
		db.Close()
		return nil, fmt.Errorf("baseline: commit: %w", err)
	}
	return &Baseline{db: db}, nil
}

// Name identifies the engine in reports.
func (b *Baseline) Name() string { return "fts5-unicode61" }

// Top runs the query with every whitespace-separated word as a quoted FTS5
// string (so nothing typed is FTS syntax), all required.
func (b *Baseline) Top(ctx context.Context, query string, k int) ([]string, error) {
	var words []string
	for _, w := range strings.Fields(query) {
		words = append(words, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	if len(words) == 0 {
		return nil, nil
	}
	rows, err := b.db.QueryContext(ctx,
		`SELECT url FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 4.0, 1.0) LIMIT ?`,
		strings.Join(words, " AND "), k)
	if err != nil {
		return nil, fmt.Errorf("baseline: search: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("baseline: search: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Close releases the index.
func (b *Baseline) Close() error { return b.db.Close() }
