package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

// Query is one judged query. Queries of the same Need share one relevant
// set: they are the same information need typed differently. Variant says
// how: "canonical" or "paraphrase" (other words), or a spelling variant
// (hamza, taa, yaa, clitic, digits, translit, diacritics, tatweel) of the
// query named by Base, which differs from it only in that spelling.
type Query struct {
	ID          string   `json:"id"`
	Need        string   `json:"need"`
	Description string   `json:"description"`
	Query       string   `json:"query"`
	Variant     string   `json:"variant"`
	Base        string   `json:"base,omitempty"`
	Relevant    []string `json:"relevant"` // article URLs, judged from titles
}

// LoadQueries reads a JSON Lines file of queries.
func LoadQueries(path string) ([]Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	var qs []Query
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q Query
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return nil, fmt.Errorf("eval: %s:%d: %w", path, line, err)
		}
		if q.Query == "" || len(q.Relevant) == 0 {
			return nil, fmt.Errorf("eval: %s:%d: query without text or relevant articles", path, line)
		}
		if spellingVariants[q.Variant] && q.Base == "" {
			return nil, fmt.Errorf("eval: %s:%d: spelling variant %s names no base query", path, line, q.ID)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: %s: %w", path, err)
	}
	return qs, nil
}

// Engine returns the URLs of the top k articles for a query.
type Engine interface {
	Name() string
	Top(ctx context.Context, query string, k int) ([]string, error)
}

// QueryResult is one query's outcome on one engine.
type QueryResult struct {
	Query    Query
	Recall   float64 // relevant found in the top K / min(|relevant|, K)
	RR       float64 // reciprocal rank of the first relevant hit, 0 if none in top K
	Found    int
	Duration time.Duration
}

// Summary aggregates an engine's results.
type Summary struct {
	Engine    string
	K         int
	Queries   int
	RecallAtK float64 // mean
	MRR       float64
	ByVariant map[string]Metric
	// VariantParity is the share of spelling variants whose recall is at
	// least 90% of their base query's recall: whether the spelling a reader
	// happens to use matters.
	VariantParity float64
	Results       []QueryResult
	MeanLatency   time.Duration
}

// Metric is a mean recall and MRR over some queries.
type Metric struct {
	N      int
	Recall float64
	MRR    float64
}

// Run evaluates one engine on every query.
func Run(ctx context.Context, e Engine, qs []Query, k int) (*Summary, error) {
	s := &Summary{Engine: e.Name(), K: k, Queries: len(qs), ByVariant: map[string]Metric{}}
	var total time.Duration
	for _, q := range qs {
		start := time.Now()
		urls, err := e.Top(ctx, q.Query, k)
		if err != nil {
			return nil, fmt.Errorf("eval: %s: query %s: %w", e.Name(), q.ID, err)
		}
		d := time.Since(start)
		total += d
		r := score(q, urls, k)
		r.Duration = d
		s.Results = append(s.Results, r)
	}
	var variants []string
	sums := map[string]*Metric{}
	for _, r := range s.Results {
		s.RecallAtK += r.Recall
		s.MRR += r.RR
		m := sums[r.Query.Variant]
		if m == nil {
			m = &Metric{}
			sums[r.Query.Variant] = m
			variants = append(variants, r.Query.Variant)
		}
		m.N++
		m.Recall += r.Recall
		m.MRR += r.RR
	}
	if n := float64(len(s.Results)); n > 0 {
		s.RecallAtK /= n
		s.MRR /= n
		s.MeanLatency = total / time.Duration(len(s.Results))
	}
	sort.Strings(variants)
	for _, v := range variants {
		m := sums[v]
		s.ByVariant[v] = Metric{N: m.N, Recall: m.Recall / float64(m.N), MRR: m.MRR / float64(m.N)}
	}
	s.VariantParity = parity(s.Results)
	return s, nil
}

func score(q Query, urls []string, k int) QueryResult {
	rel := make(map[string]bool, len(q.Relevant))
	for _, u := range q.Relevant {
		rel[u] = true
	}
	r := QueryResult{Query: q}
	for i, u := range urls {
		if i >= k {
			break
		}
		if rel[u] {
			r.Found++
			if r.RR == 0 {
				r.RR = 1 / float64(i+1)
			}
		}
	}
	r.Recall = float64(r.Found) / float64(min(len(q.Relevant), k))
	return r
}

// spellingVariants are the variant kinds that differ from the canonical
// query only in spelling, so they should find what it finds.
var spellingVariants = map[string]bool{
	"hamza": true, "taa": true, "yaa": true, "clitic": true, "digits": true,
	"translit": true, "diacritics": true, "tatweel": true,
}

func parity(rs []QueryResult) float64 {
	recall := map[string]float64{}
	for _, r := range rs {
		recall[r.Query.ID] = r.Recall
	}
	n, ok := 0, 0
	for _, r := range rs {
		c, has := recall[r.Query.Base]
		if !spellingVariants[r.Query.Variant] || !has {
			continue
		}
		n++
		if r.Recall >= 0.9*c {
			ok++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}

// Table renders summaries side by side, overall and per variant kind.
func Table(ss ...*Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s", "")
	for _, s := range ss {
		fmt.Fprintf(&b, " | %-24s", s.Engine)
	}
	b.WriteString("\n")
	row := func(label string, f func(*Summary) string) {
		fmt.Fprintf(&b, "%-14s", label)
		for _, s := range ss {
			fmt.Fprintf(&b, " | %-24s", f(s))
		}
		b.WriteString("\n")
	}
	row("queries", func(s *Summary) string { return fmt.Sprint(s.Queries) })
	row(fmt.Sprintf("recall@%d", ss[0].K), func(s *Summary) string { return fmt.Sprintf("%.3f", s.RecallAtK) })
	row("MRR", func(s *Summary) string { return fmt.Sprintf("%.3f", s.MRR) })
	row("variant parity", func(s *Summary) string { return fmt.Sprintf("%.2f", s.VariantParity) })
	row("mean latency", func(s *Summary) string { return s.MeanLatency.Round(10 * time.Microsecond).String() })
	var variants []string
	for v := range ss[0].ByVariant {
		variants = append(variants, v)
	}
	sort.Strings(variants)
	for _, v := range variants {
		row(v, func(s *Summary) string {
			m := s.ByVariant[v]
			return fmt.Sprintf("R %.3f MRR %.3f (n=%d)", m.Recall, m.MRR, m.N)
		})
	}
	return b.String()
}

// NeedTable lists, per need, each query's recall on every engine: where a
// spelling variant finds in one engine what only the canonical spelling
// finds in the other.
func NeedTable(ss ...*Summary) string {
	var b strings.Builder
	for i, r := range ss[0].Results {
		fmt.Fprintf(&b, "%-18s %-11s %-40s", r.Query.ID, r.Query.Variant, r.Query.Query)
		for _, s := range ss {
			fmt.Fprintf(&b, " %s R=%.2f RR=%.2f", s.Engine, s.Results[i].Recall, s.Results[i].RR)
		}
		b.WriteString("\n")
	}
	return b.String()
}
