package textar

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"قالت وزارةُ الدفاع إن طائرات بي 52 وصلت.",
	"بنسبة ٣٫٥٪ و1,000 دولار",
	"al-Qaeda's B-52 COVID-19 mp3",
	"\u200fالرياض\u200e ﻻ ﷺ ͺ",
	"د. أحمد م. علي U.S. Mr. Smith... هل؟! نعم؛",
	"-.,'\u0640\u064b",
	"\xff\xfe invalid",
	"إم إتش - 17",
	"1,000,",
	"",
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, Normalize(n))
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 from valid input %q", s)
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s, Tokenize(s))
	})
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = Stem(s, "") // exported: must not panic on arbitrary input
		_ = IsStopWord(s)
		terms := Analyze(s, "ar")
		full := Terms(s, "")
		j := 0
		for _, tm := range full {
			if tm.Stem == "" {
				t.Fatalf("empty stem for %q", tm.Norm)
			}
			if tm.Stop {
				continue
			}
			if j >= len(terms) || terms[j] != tm.Stem {
				t.Fatalf("Analyze and Terms disagree at %d on %q", j, s)
			}
			j++
		}
		if j != len(terms) {
			t.Fatalf("Analyze has %d terms, Terms %d non-stop", len(terms), j)
		}
		for _, term := range terms {
			if strings.ContainsAny(term, " \t\n\"'*:()^+-") {
				t.Fatalf("term %q has syntax characters", term)
			}
			// A term is one token: analysing it again never splits it
			// (it may vanish when a stem happens to be a stop word).
			if again := Analyze(term, ""); len(again) > 1 {
				t.Fatalf("term %q re-analyses to %q", term, again)
			}
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sents := Sentences(s)
		rest := s
		for _, sent := range sents {
			if sent == "" || strings.TrimSpace(sent) != sent {
				t.Fatalf("untrimmed or empty sentence %q", sent)
			}
			i := strings.Index(rest, sent)
			if i < 0 {
				t.Fatalf("sentence %q not in order in %q", sent, s)
			}
			rest = rest[i+len(sent):]
		}
	})
}
