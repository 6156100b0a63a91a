package corpus

import (
	"errors"
	"testing"
	"time"
)

func TestReadSaudiNewsNet(t *testing.T) {
	dir, err := Locate("saudinewsnet", "")
	if errors.Is(err, ErrNotFound) {
		t.Skipf("SaudiNewsNet corpus absent: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 31030 {
		t.Fatalf("records = %d, want 31030", len(recs))
	}
	seen := map[string]bool{}
	for i, r := range recs {
		if seen[r.URL] {
			t.Fatalf("duplicate URL %s", r.URL)
		}
		seen[r.URL] = true
		if r.Date.IsZero() {
			t.Fatalf("record %d has no date", i)
		}
		if i > 0 && r.Date.Before(recs[i-1].Date) {
			t.Fatalf("records not sorted at %d", i)
		}
		if _, ok := Outlets[r.Source]; !ok {
			t.Fatalf("unknown outlet %q", r.Source)
		}
	}
}

func TestReadBBC(t *testing.T) {
	dir, err := Locate("bbc-news", "")
	if errors.Is(err, ErrNotFound) {
		t.Skipf("BBC corpus absent: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ReadBBC(dir, time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2225 {
		t.Fatalf("records = %d, want 2225", len(recs))
	}
	if recs[0].Title == "" || recs[0].Language != "en" {
		t.Fatalf("bad first record %+v", recs[0])
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name, in string
	}{
		{"not json", "nope"},
		{"missing url", `[{"source":"x"}]`},
		{"bad date", `{"source":"x","url":"u","date_extracted":"yesterday"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := decode([]byte(c.in), "test"); err == nil {
				t.Fatal("want error")
			}
		})
	}
}
