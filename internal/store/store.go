// Package store opens nashra's persistence from one DSN string, so every
// command takes the same --db flag whichever database backs it.
package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/postgres"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// DefaultFile is the SQLite file name inside a data directory.
const DefaultFile = "nashra.db"

// Open opens the store a DSN names:
//
//	""                           ./data/nashra.db (SQLite)
//	a directory path             <dir>/nashra.db (SQLite; created if missing)
//	sqlite:FILE                  that SQLite file
//	postgres://... postgresql:// PostgreSQL (pgx connection string)
//
// Anything else with a URL scheme is rejected rather than mistaken for a
// directory name.
func Open(ctx context.Context, dsn string) (news.Store, error) {
	kind, target, err := Parse(dsn)
	if err != nil {
		return nil, err
	}
	switch kind {
	case "postgres":
		return postgres.Open(ctx, target)
	default:
		return sqlite.Open(ctx, target)
	}
}

// Parse resolves a DSN to a driver ("sqlite" or "postgres") and its target
// (a file path or a connection string), without opening anything.
func Parse(dsn string) (kind, target string, err error) {
	dsn = strings.TrimSpace(dsn)
	switch {
	case dsn == "":
		return "sqlite", filepath.Join("data", DefaultFile), nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return "postgres", dsn, nil
	case strings.HasPrefix(dsn, "sqlite:"):
		file := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "//")
		if file == "" {
			return "", "", fmt.Errorf("store: %q names no SQLite file", dsn)
		}
		return "sqlite", file, nil
	}
	if i := strings.Index(dsn, "://"); i > 0 && !strings.ContainsAny(dsn[:i], `/\`) {
		return "", "", fmt.Errorf("store: unsupported database %q: use a directory, sqlite:FILE, or postgres://", dsn[:i+3])
	}
	if st, err := os.Stat(dsn); err == nil && !st.IsDir() {
		return "", "", fmt.Errorf("store: %s is a file; use sqlite:%s to open a SQLite file directly", dsn, dsn)
	}
	return "sqlite", filepath.Join(dsn, DefaultFile), nil
}
