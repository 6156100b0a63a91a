// Command collocgen regenerates the collocation prior of the newsroom
// (internal/story/collocations.tsv) from the SaudiNewsNet corpus:
//
//	go run ./internal/story/collocgen [-corpus DIR] [-out FILE]
//
// The file holds phrase stems, a display spelling and corpus counts only,
// no text.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/nashra/nashra/internal/corpus"
	"github.com/nashra/nashra/internal/story"
)

func main() {
	snn := flag.String("corpus", "", "SaudiNewsNet directory (default: located under ../shared/data)")
	out := flag.String("out", "internal/story/collocations.tsv", "file to write")
	minDF := flag.Int("min-df", 8, "fewest articles a phrase must appear in")
	maxShare := flag.Float64("max-share", 0.03, "largest share of articles a phrase may appear in")
	minG2 := flag.Float64("min-g2", 20, "smallest log-likelihood ratio of a phrase")
	flag.Parse()
	if err := run(*snn, *out, story.MineOptions{MinDF: *minDF, MaxShare: *maxShare, MinG2: *minG2}); err != nil {
		fmt.Fprintln(os.Stderr, "collocgen:", err)
		os.Exit(1)
	}
}

func run(dirFlag, out string, opt story.MineOptions) error {
	dir, err := corpus.Locate("saudinewsnet", dirFlag)
	if err != nil {
		return err
	}
	recs, err := corpus.ReadDir(dir)
	if err != nil {
		return err
	}
	text := story.MineCollocations(recs, opt)
	if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	fmt.Printf("collocgen: %d phrases from %d articles → %s\n", strings.Count(text, "\n")-3, len(recs), out)
	return nil
}
