package cluster_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/nashra/nashra/internal/cluster"
)

// TestConcurrentMigrationsAcrossProcesses starts four nashra processes on
// one empty schema at the same moment (two web nodes and two `sources list`
// runs, each migrating the schema as it opens the store). Every one must
// succeed, and schema_version must record each migration exactly once.
func TestConcurrentMigrationsAcrossProcesses(t *testing.T) {
	schema := testSchema(t)
	start := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var procs []*cluster.Proc
	var errs []error
	launch := func(label string, args ...string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			p, err := cluster.StartProc(label, []string{"NASHRA_LOG_LEVEL=info"}, nashraBin, args...)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			procs = append(procs, p)
			t.Cleanup(func() { p.Kill() })
		}()
	}
	for i := 1; i <= 2; i++ {
		launch(fmt.Sprintf("web node %d", i), "serve", "--role", "web", "--db", schema.DSN, "--addr", "127.0.0.1:0", "--node", fmt.Sprintf("w%d", i))
		launch(fmt.Sprintf("sources list %d", i), "sources", "list", "--db", schema.DSN)
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	for _, p := range procs {
		if strings.HasPrefix(p.Name, "sources") {
			if err := p.Wait(time.Minute); err != nil {
				t.Errorf("%s: %v\n%s", p.Name, err, p.Tail(2000))
			}
			continue
		}
		base, err := p.WaitListening(time.Minute)
		if err != nil {
			t.Error(err)
			continue
		}
		resp, err := client.Get(base + "/healthz")
		if err != nil {
			t.Errorf("%s /healthz: %v", p.Name, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s /healthz: %s", p.Name, resp.Status)
		}
	}
	stopAll(t, filter(procs, "web")...)

	want, err := embeddedVersions()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, schema.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT version, count(*) FROM schema_version GROUP BY version ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for rows.Next() {
		var v, n int
		if err := rows.Scan(&v, &n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("migration %d recorded %d times", v, n)
		}
		got = append(got, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("applied migrations %v, want %v", got, want)
	}
}

func filter(procs []*cluster.Proc, prefix string) []*cluster.Proc {
	var out []*cluster.Proc
	for _, p := range procs {
		if strings.HasPrefix(p.Name, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// embeddedVersions lists the versions of the migrations the PostgreSQL
// store embeds, from their file names.
func embeddedVersions() ([]int, error) {
	files, err := filepath.Glob(filepath.Join("..", "store", "postgres", "migrations", "*.sql"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no migrations found under internal/store/postgres/migrations")
	}
	var out []int
	for _, f := range files {
		num, _, _ := strings.Cut(filepath.Base(f), "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration file %s: %w", f, err)
		}
		out = append(out, v)
	}
	sort.Ints(out)
	return out, nil
}
