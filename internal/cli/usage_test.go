package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestBadFlagValues: a value no run could honour is refused before any
// work starts, with exit code 2 and a message naming the flag.
func TestBadFlagValues(t *testing.T) {
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"bench", "search", "--scale", "-5"}, "--scale"},
		{[]string{"bench", "search", "--title-queries", "-3"}, "--title-queries"},
		{[]string{"bench", "search", "--concurrency", "0"}, "--concurrency"},
		{[]string{"bench", "newsroom", "--scale", "-1"}, "--scale"},
		{[]string{"bench", "ingest", "--limit", "-1"}, "--limit"},
		{[]string{"bench", "cluster", "--db", "postgres://127.0.0.1/x", "--limit", "-1"}, "--limit"},
		{[]string{"bench", "serve", "--concurrency", "0"}, "--concurrency"},
		{[]string{"demo", "--speedup", "-3"}, "--speedup"},
		{[]string{"demo", "--backlog", "-1h"}, "--backlog"},
		{[]string{"import", "--batch", "0"}, "--batch"},
		{[]string{"import", "--limit", "-2"}, "--limit"},
		{[]string{"serve", "--role", "chef"}, "--role"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Run(context.Background(), tc.args, &out, &errOut)
			if code != 2 || !strings.Contains(errOut.String(), tc.flag) {
				t.Fatalf("exit %d, stderr %q; want 2 and a message naming %s", code, errOut.String(), tc.flag)
			}
		})
	}
}
