package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "existing.db")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		dsn, kind, target, err string
	}{
		{"", "sqlite", filepath.Join("data", "nashra.db"), ""},
		{dir, "sqlite", filepath.Join(dir, "nashra.db"), ""},
		{"  " + dir + "  ", "sqlite", filepath.Join(dir, "nashra.db"), ""},
		{"relative/dir", "sqlite", filepath.Join("relative", "dir", "nashra.db"), ""},
		{"sqlite:" + file, "sqlite", file, ""},
		{"sqlite://" + file, "sqlite", file, ""},
		{"sqlite:", "", "", "names no SQLite file"},
		{"postgres://u@127.0.0.1/db", "postgres", "postgres://u@127.0.0.1/db", ""},
		{"postgresql://u@127.0.0.1/db?sslmode=disable", "postgres", "postgresql://u@127.0.0.1/db?sslmode=disable", ""},
		{"mysql://u@host/db", "", "", "unsupported database"},
		{file, "", "", "is a file"},
	}
	for _, c := range cases {
		kind, target, err := Parse(c.dsn)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Parse(%q) error %v, want %q", c.dsn, err, c.err)
			}
			continue
		}
		if err != nil || kind != c.kind || target != c.target {
			t.Errorf("Parse(%q) = %q, %q, %v; want %q, %q", c.dsn, kind, target, err, c.kind, c.target)
		}
	}
}

func TestOpenSQLiteDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "data")
	s, err := Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(filepath.Join(dir, "nashra.db")); err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	if n, err := s.CountArticles(t.Context()); err != nil || n != 0 {
		t.Fatalf("fresh store counts %d, %v", n, err)
	}
}
