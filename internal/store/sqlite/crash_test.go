package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/sqlite"
)

// crashEnv names the database a re-executed test binary writes to until
// it is killed.
const crashEnv = "NASHRA_SQLITE_CRASH_CHILD"

// crashArticle is article n of the crash workload at edit version v. Its
// index document is derived from the text, so a reader can check that the
// two were written together.
func crashArticle(n, v int) *news.Article {
	title := fmt.Sprintf("crash title %d version %d", n, v)
	body := strings.Repeat(fmt.Sprintf("paragraph of article %d edit %d. ", n, v), 40)
	return &news.Article{
		URL: fmt.Sprintf("https://crash.example/%d", n), SourceID: "crash", Title: title, BodyText: body,
		BodyHTML: "<p>" + body + "</p>", PublishedAt: time.Unix(int64(1437000000+n), 0).UTC(), Language: "en",
		Index: &news.IndexDoc{Title: strings.ToLower(title), Body: strings.ToLower(body)},
	}
}

// crashChild runs the child side when the test binary was re-executed by
// TestCrashSafety: upsert batches forever, announcing each commit.
func crashChild() bool {
	path := os.Getenv(crashEnv)
	if path == "" {
		return false
	}
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	next, _ := strconv.Atoi(os.Getenv(crashEnv + "_START"))
	for {
		var batch []*news.Article
		for range 20 {
			batch = append(batch, crashArticle(next, 0))
			// Edit an earlier article in the same transaction.
			if next > 0 {
				batch = append(batch, crashArticle(rand.IntN(next), 1+rand.IntN(1000)))
			}
			next++
		}
		if _, err := s.UpsertArticles(ctx, batch); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Println("committed", next)
	}
}

// TestCrashSafety SIGKILLs a writer mid-stream several times and checks
// that the database is intact, every committed article survived, and no
// article is half-written or stored twice.
func TestCrashSafety(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/crash.db"
	committed := 0
	for round := range 3 {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), crashEnv+"="+path, crashEnv+"_START="+strconv.Itoa(committed))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		target := 10 + rand.IntN(20)
		for commits := 0; commits < target && lines.Scan(); {
			f := strings.Fields(lines.Text())
			if len(f) == 2 && f[0] == "committed" {
				committed, _ = strconv.Atoi(f[1])
				commits++
			} else {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("child: %s", lines.Text())
			}
		}
		// Let it get into the middle of the next transaction, then kill.
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		// Count commits announced before the kill landed. Drain the pipe to
		// EOF before Wait, which closes it and would drop unread lines.
		for lines.Scan() {
			if f := strings.Fields(lines.Text()); len(f) == 2 && f[0] == "committed" {
				committed, _ = strconv.Atoi(f[1])
			}
		}
		cmd.Wait()
		verifyCrashDB(t, path, committed, round)
	}
}

func verifyCrashDB(t *testing.T, path string, committed, round int) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("round %d: reopen after kill: %v", round, err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	n, err := s.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Everything announced is there; at most the batch in flight beyond it.
	if n < committed || n > committed+20 {
		t.Fatalf("round %d: %d articles stored, %d committed before the kill", round, n, committed)
	}
	urls := map[string]bool{}
	err = s.ScanArticles(ctx, func(a *news.Article) error {
		if urls[a.URL] {
			return fmt.Errorf("article %s stored twice", a.URL)
		}
		urls[a.URL] = true
		if a.Title == "" || a.BodyText == "" || a.BodyHTML == "" || a.ContentHash != news.ContentHash(a.Title, a.BodyText) {
			return fmt.Errorf("article %s is incomplete: %+v", a.URL, a)
		}
		if a.Index == nil || a.Index.Title != strings.ToLower(a.Title) || a.Index.Body != strings.ToLower(a.BodyText) {
			return fmt.Errorf("article %s: index out of step with its text", a.URL)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	for i := range committed {
		if !urls[fmt.Sprintf("https://crash.example/%d", i)] {
			t.Fatalf("round %d: committed article %d lost", round, i)
		}
	}
	// The index answers for the text stored, not for a lost edit.
	res, err := s.Search(ctx, news.SearchQuery{Clauses: []news.QueryClause{{Any: []news.QueryTerm{{Tokens: []string{"crash"}}}}}, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != min(n, sqlite.TotalCap) {
		t.Fatalf("round %d: index finds %d documents for %d articles", round, res.Total, n)
	}
}
