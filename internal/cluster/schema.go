package cluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultTestServer is the PostgreSQL server the tests use unless
// NASHRA_TEST_POSTGRES names another.
const DefaultTestServer = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// TestServer returns the base connection string of the shared test server.
func TestServer() string {
	if dsn := os.Getenv("NASHRA_TEST_POSTGRES"); dsn != "" {
		return dsn
	}
	return DefaultTestServer
}

var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// Schema is a throwaway schema on a PostgreSQL server. Every process given
// DSN works inside it only, so runs and tests sharing one database never
// see each other's tables (or each other's migrations' rows).
type Schema struct {
	Name string
	DSN  string // base connection string with search_path set to Name
	base string
}

// NewSchema creates a uniquely named schema (prefix + random suffix) on the
// server base names.
func NewSchema(ctx context.Context, base, prefix string) (*Schema, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	name := prefix + hex.EncodeToString(b[:])
	if !schemaName.MatchString(name) {
		return nil, fmt.Errorf("cluster: schema name %q: want lowercase letters, digits and _", name)
	}
	dsn, err := WithSearchPath(base, name)
	if err != nil {
		return nil, err
	}
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return nil, fmt.Errorf("cluster: connect to %s: %w", redact(base), err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+name); err != nil {
		return nil, fmt.Errorf("cluster: create schema %s: %w", name, err)
	}
	return &Schema{Name: name, DSN: dsn, base: base}, nil
}

// Drop removes the schema and everything in it.
func (s *Schema) Drop(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.base)
	if err != nil {
		return fmt.Errorf("cluster: drop schema %s: %w", s.Name, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+s.Name+` CASCADE`); err != nil {
		return fmt.Errorf("cluster: drop schema %s: %w", s.Name, err)
	}
	return nil
}

// WithSearchPath returns dsn with its search_path parameter set to schema,
// which is how internal/store/postgres is pointed at a schema (pgx passes
// unknown URL parameters to the server as run-time settings).
func WithSearchPath(dsn, schema string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("cluster: parse %s: %w", redact(dsn), err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// redact hides a password in a connection string for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable connection string)"
	}
	return u.Redacted()
}
