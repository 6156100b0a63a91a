package cli

import (
	"context"
	"fmt"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/story"
)

func benchNewsroom(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "bench newsroom", "bench newsroom [--corpus DIR] [--scale N]")
	configFlags(fs, &c, "corpus")
	var scale int
	fs.IntVar(&scale, "scale", 0, "replicate the corpus to N articles (shifted dates, light variation) to show cost per article stays flat")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if scale < 0 {
		return usagef("--scale %d: want 0 or more", scale)
	}
	dir, err := corpus.Locate("saudinewsnet", c.Corpus)
	if err != nil {
		return err
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		return err
	}
	if scale > 0 {
		recs = search.SynthesizeCorpus(recs, scale)
	}
	fmt.Fprintf(e.stdout, "bench newsroom: %d articles in arrival order (dedup + clustering + related + hashtags)\n", len(recs))
	res := story.Bench(recs, story.BenchOptions{Progress: e.stdout})
	fmt.Fprintln(e.stdout, res)
	fmt.Fprintf(e.stdout, "peak RSS %d MB\n", peakRSS()>>20)
	return nil
}
