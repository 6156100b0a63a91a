package corpus

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Record is one corpus article as published in the dataset.
type Record struct {
	Source  string    `json:"source"`
	URL     string    `json:"url"`
	Date    time.Time `json:"-"`
	RawDate string    `json:"date_extracted"`
	Title   string    `json:"title"`
	Author  string    `json:"author"`
	Content string    `json:"content"`
	// Category is set for corpora organised by topic (BBC).
	Category string `json:"category,omitempty"`
	Language string `json:"language,omitempty"`
}

// Riyadh is the corpus' local time zone: SaudiNewsNet dates are Saudi time.
var Riyadh = time.FixedZone("AST", 3*3600)

const dateLayout = "2006-01-02 15:04:05"

// ReadDir reads every *.zip (JSON array) and *.jsonl / *.json file in dir and
// returns the records sorted by date, then URL, with unparseable records
// reported as errors rather than silently dropped.
func ReadDir(dir string) ([]Record, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var all []Record
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		var recs []Record
		switch {
		case strings.HasSuffix(e.Name(), ".zip"):
			recs, err = readZip(p)
		case strings.HasSuffix(e.Name(), ".jsonl"):
			recs, err = readJSONLFile(p)
		case strings.HasSuffix(e.Name(), ".json"):
			recs, err = readJSONFile(p)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		all = append(all, recs...)
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("corpus: no .zip, .json or .jsonl articles in %s", dir)
	}
	SortByDate(all)
	return all, nil
}

// SortByDate orders records by date, then URL, so replays are deterministic.
func SortByDate(rs []Record) {
	sort.SliceStable(rs, func(i, j int) bool {
		if !rs[i].Date.Equal(rs[j].Date) {
			return rs[i].Date.Before(rs[j].Date)
		}
		return rs[i].URL < rs[j].URL
	})
}

func readZip(path string) ([]Record, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", path, err)
	}
	defer zr.Close()
	var out []Record
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".json") && !strings.HasSuffix(f.Name, ".jsonl") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("corpus: %s/%s: %w", path, f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("corpus: %s/%s: %w", path, f.Name, err)
		}
		recs, err := decode(data, path+"/"+f.Name)
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	return out, nil
}

func readJSONFile(path string) ([]Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return decode(data, path)
}

func readJSONLFile(path string) ([]Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return decodeLines(data, path)
}

// decode accepts a JSON array or JSON Lines.
func decode(data []byte, name string) ([]Record, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var recs []Record
		if err := json.Unmarshal(trimmed, &recs); err != nil {
			return nil, fmt.Errorf("corpus: %s: %w", name, err)
		}
		for i := range recs {
			if err := recs[i].normalise(); err != nil {
				return nil, fmt.Errorf("corpus: %s: record %d: %w", name, i+1, err)
			}
		}
		return recs, nil
	}
	return decodeLines(data, name)
}

func decodeLines(data []byte, name string) ([]Record, error) {
	var recs []Record
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var r Record
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("corpus: %s: line %d: %w", name, line, err)
		}
		if err := r.normalise(); err != nil {
			return nil, fmt.Errorf("corpus: %s: line %d: %w", name, line, err)
		}
		recs = append(recs, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", name, err)
	}
	return recs, nil
}

func (r *Record) normalise() error {
	if r.URL == "" {
		return fmt.Errorf("missing url")
	}
	if r.Source == "" {
		return fmt.Errorf("missing source")
	}
	if r.RawDate != "" {
		t, err := time.ParseInLocation(dateLayout, r.RawDate, Riyadh)
		if err != nil {
			if t2, err2 := time.Parse(time.RFC3339, r.RawDate); err2 == nil {
				t = t2
			} else {
				return fmt.Errorf("bad date_extracted %q", r.RawDate)
			}
		}
		r.Date = t.UTC()
	}
	r.Title = strings.TrimSpace(r.Title)
	r.Author = strings.TrimSpace(r.Author)
	if r.Language == "" {
		r.Language = "ar"
	}
	return nil
}

// Paragraphs splits a corpus body into paragraphs (the dataset ends
// paragraphs with one or two newlines, and some bodies have none).
func Paragraphs(content string) []string {
	var out []string
	for _, p := range strings.Split(content, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
