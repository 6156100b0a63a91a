package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
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
		{"child intervals reversed", []string{"--child", "--db", "postgres://127.0.0.1/x", "--min-interval", "1m", "--max-interval", "1s"}},
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

func TestCrawlTuningFromEnv(t *testing.T) {
	base := crawlTuning{}
	base.crawl.LeaseDuration = 10 * time.Minute
	base.crawl.MaxInterval = time.Hour
	for _, tc := range []struct {
		name      string
		env       map[string]string
		lease     time.Duration
		maxInt    time.Duration
		wantError bool
	}{
		{"none", nil, 10 * time.Minute, time.Hour, false},
		{"lease", map[string]string{"NASHRA_CRAWL_LEASE": "30s"}, 30 * time.Second, time.Hour, false},
		{"both", map[string]string{"NASHRA_CRAWL_LEASE": "1m", "NASHRA_CRAWL_MAX_INTERVAL": "5m"}, time.Minute, 5 * time.Minute, false},
		{"not a duration", map[string]string{"NASHRA_CRAWL_LEASE": "30"}, 0, 0, true},
		{"zero", map[string]string{"NASHRA_CRAWL_IDLE": "0s"}, 0, 0, true},
		{"negative", map[string]string{"NASHRA_CRAWL_MIN_INTERVAL": "-1s"}, 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range crawlTimingEnv {
				t.Setenv(name, "")
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			got, err := crawlTuningFromEnv(base)
			if (err != nil) != tc.wantError {
				t.Fatalf("err = %v, want error %v", err, tc.wantError)
			}
			if err == nil && (got.crawl.LeaseDuration != tc.lease || got.crawl.MaxInterval != tc.maxInt) {
				t.Errorf("lease %s, max interval %s; want %s, %s", got.crawl.LeaseDuration, got.crawl.MaxInterval, tc.lease, tc.maxInt)
			}
		})
	}
}
