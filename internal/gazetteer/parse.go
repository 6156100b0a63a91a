package gazetteer

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// File format (UTF-8, one entity a line, '#' lines are comments):
//
//	kind<TAB>lang<TAB>freq<TAB>canonical[<TAB>variant|variant...]
//
// kind is person, place, org, event or other. The canonical spelling is always a
// spelling too. Lines must be ordered by decreasing priority: when two
// entities share a spelling, the earlier one keeps it.

// MaxLineBytes bounds one line, so a corrupt file cannot make the loader
// buffer without limit.
const MaxLineBytes = 64 << 10

// Parse reads a gazetteer file.
func Parse(r io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{root: newNode(), byName: make(map[string]int32)}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), MaxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 4 || len(f) > 5 {
			return nil, fmt.Errorf("gazetteer: line %d: want 4 or 5 tab-separated fields, got %d", line, len(f))
		}
		kind, ok := ParseKind(f[0])
		if !ok {
			return nil, fmt.Errorf("gazetteer: line %d: unknown kind %q", line, f[0])
		}
		lang := f[1]
		if lang != "ar" && lang != "en" {
			return nil, fmt.Errorf("gazetteer: line %d: unknown language %q", line, lang)
		}
		freq, err := strconv.Atoi(f[2])
		if err != nil || freq < 0 {
			return nil, fmt.Errorf("gazetteer: line %d: bad frequency %q", line, f[2])
		}
		name := strings.Join(strings.Fields(f[3]), " ")
		if name == "" || joinKeys(name) == "" {
			return nil, fmt.Errorf("gazetteer: line %d: empty canonical name", line)
		}
		if len(g.entities) >= 1<<31-1 {
			return nil, fmt.Errorf("gazetteer: line %d: too many entities", line)
		}
		id := int32(len(g.entities))
		g.entities = append(g.entities, Entity{ID: id, Name: name, Kind: kind, Freq: freq, Lang: lang})
		g.add(name, id)
		if len(f) == 5 {
			for _, v := range strings.Split(f[4], "|") {
				if v = strings.TrimSpace(v); v != "" {
					g.add(v, id)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer: line %d: %w", line+1, err)
	}
	return g, nil
}
