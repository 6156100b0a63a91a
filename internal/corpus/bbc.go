package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ReadBBC reads the BBC News folder: one sub-folder per topic, one article
// per file, the first line its title. The dataset has no dates, so each
// article gets a synthetic one, spaced an hour apart from base in file order,
// to give replays a stable order.
func ReadBBC(dir string, base time.Time) ([]Record, error) {
	topics, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var out []Record
	for _, t := range topics {
		if !t.IsDir() {
			continue
		}
		files, err := filepath.Glob(filepath.Join(dir, t.Name(), "*.txt"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("corpus: %w", err)
			}
			// The dataset is Latin-1 in places; keep only valid UTF-8.
			text := strings.ToValidUTF8(string(data), "")
			title, body, _ := strings.Cut(text, "\n")
			out = append(out, Record{
				Source:   "bbc",
				URL:      fmt.Sprintf("http://news.bbc.co.uk/%s/%s", t.Name(), strings.TrimSuffix(filepath.Base(f), ".txt")),
				Title:    strings.TrimSpace(title),
				Content:  strings.TrimSpace(body),
				Category: t.Name(),
				Language: "en",
			})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus: no BBC articles under %s", dir)
	}
	// Interleave topics by file number so a replay mixes them.
	sort.SliceStable(out, func(i, j int) bool {
		return filepath.Base(out[i].URL) < filepath.Base(out[j].URL)
	})
	for i := range out {
		out[i].Date = base.Add(time.Duration(i) * time.Hour).UTC()
		out[i].RawDate = out[i].Date.Format(time.RFC3339)
	}
	return out, nil
}
