package web

import (
	"os"
	"testing"
)

// TestDump writes one page to a file for eyeballing: DUMP=/path go test -run TestDump
func TestDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip("set DUMP=/path to write that page to /tmp/dump.html")
	}
	ts := newTestSite(t)
	r := ts.get(t, p)
	t.Logf("%s -> %d, %d bytes", p, r.status, len(r.body))
	if err := os.WriteFile("/tmp/dump.html", []byte(r.body), 0o644); err != nil {
		t.Fatal(err)
	}
}
