package story

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
)

//go:embed dfprior.tsv
var dfPriorFile string

// dfPrior is a document-frequency table learnt offline from the reference
// corpus, so IDF is meaningful from the very first article a fresh
// installation sees.
type dfPrior struct {
	docs int
	df   map[string]int
}

// parseDFPrior reads "docs<TAB>N" then "term<TAB>df" lines; '#' lines are
// comments.
func parseDFPrior(r io.Reader) (*dfPrior, error) {
	p := &dfPrior{df: make(map[string]int)}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		term, num, ok := strings.Cut(text, "\t")
		if !ok || term == "" {
			return nil, fmt.Errorf("story: df prior line %d: want term<TAB>count", line)
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("story: df prior line %d: bad count %q", line, num)
		}
		if term == "docs" && p.docs == 0 {
			p.docs = n
			continue
		}
		p.df[term] = n
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("story: df prior line %d: %w", line+1, err)
	}
	if p.docs == 0 {
		return nil, fmt.Errorf("story: df prior: missing docs line")
	}
	for t, n := range p.df {
		if n > p.docs {
			return nil, fmt.Errorf("story: df prior: term %q has df %d > docs %d", t, n, p.docs)
		}
	}
	return p, nil
}
