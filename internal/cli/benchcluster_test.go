package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestParseProcs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"1,2,3", "[1 2 3]", true},
		{" 2 , 4 ,", "[2 4]", true},
		{"1", "[1]", true},
		{"", "", false},
		{",", "", false},
		{"0,1", "", false},
		{"1,x", "", false},
		{"65", "", false},
		{"-1", "", false},
	} {
		got, err := parseProcs(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("parseProcs(%q) error %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if tc.ok && fmt.Sprint(got) != tc.want {
			t.Errorf("parseProcs(%q) = %v, want %s", tc.in, got, tc.want)
		}
	}
}

func TestRedactDSN(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://u:secret@db:5432/news?sslmode=disable", "postgres://u:xxxxx@db:5432/news"},
		{"postgres://postgres@127.0.0.1/test?search_path=x", "postgres://postgres@127.0.0.1/test"},
		{"postgres://db/news", "postgres://db/news"},
	} {
		if got := redactDSN(tc.in); got != tc.want {
			t.Errorf("redactDSN(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A cluster shares one database between processes, which only PostgreSQL
// allows; every other store must be refused before anything starts.
func TestBenchClusterUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no db", []string{"--procs", "1"}},
		{"sqlite db", []string{"--db", "sqlite:/tmp/x.db"}},
		{"data dir", []string{"--db", "/tmp/nashra-data"}},
		{"bad procs", []string{"--db", "postgres://127.0.0.1/x", "--procs", "0"}},
		{"child without db", []string{"--child"}},
		{"child stray argument", []string{"--child", "--db", "postgres://127.0.0.1/x", "extra"}},
		{"child bad workers", []string{"--child", "--db", "postgres://127.0.0.1/x", "--workers", "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("NASHRA_DB", "")
			var out, errOut bytes.Buffer
			err := benchCluster(context.Background(), &env{stdout: &out, stderr: &errOut}, tc.args)
			var ue usageError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want a usage error", err)
			}
		})
	}
}
