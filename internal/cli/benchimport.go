package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/ingest"
	"github.com/nashra/nashra/internal/store"
)

// benchImport measures 'nashra import' into a fresh store: storage and
// indexing alone, then with the newsroom.
func benchImport(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "bench import", "bench import [--corpus DIR] [--db URL]")
	configFlags(fs, &c, "corpus", "db")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	dir, err := corpus.Locate("saudinewsnet", c.Corpus)
	if err != nil {
		return err
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, withNewsroom := range []bool{false, true} {
		dsn := c.DB
		if dsn == "" {
			tmp, err := os.MkdirTemp("", "nashra-bench-import-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			dsn = tmp
		}
		st, err := store.Open(ctx, dsn)
		if err != nil {
			return err
		}
		p := &ingest.Pipeline{Store: st, Analyzer: analyzer{}}
		label := "store + index"
		if withNewsroom {
			nr, err := newNewsroom(ctx, st)
			if err != nil {
				st.Close()
				return err
			}
			p.Newsroom = nr
			label = "store + index + newsroom"
		}
		start := time.Now()
		err = p.ImportRecords(ctx, recs, 500, nil)
		el := time.Since(start)
		s := p.Stats()
		p.Close()
		st.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "import (%s): %d articles in %s = %.0f articles/s (store %s, newsroom %s)\n",
			label, s.Created, el.Round(time.Millisecond), float64(s.Created)/el.Seconds(), s.StoreTime.Round(time.Millisecond), s.AnalyseTime.Round(time.Millisecond))
		if c.DB != "" {
			fmt.Fprintln(e.stdout, "(a --db store is reused: only the first pass imports into an empty store)")
			break
		}
	}
	fmt.Fprintf(e.stdout, "peak RSS %d MB\n", peakRSS()>>20)
	return nil
}
