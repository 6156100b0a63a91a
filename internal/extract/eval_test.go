package extract

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html/charset"
)

// evalEntry is one page of go-trafilatura's comparison benchmark: snippets
// the extracted text must contain (With) and must not (Without).
type evalEntry struct {
	URL, File     string
	With, Without []string
}

// loadTrafilaturaEval reads the benchmark shipped with go-trafilatura's
// module source (scripts/comparison/data.go, test-files/comparison/): ~950
// real-world pages, mostly German and English, annotated by its authors.
func loadTrafilaturaEval(t *testing.T) (string, []evalEntry) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/markusmobius/go-trafilatura").Output()
	if err != nil {
		t.Skipf("go-trafilatura module source not found: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	src := filepath.Join(dir, "scripts", "comparison", "data.go")
	f, err := parser.ParseFile(token.NewFileSet(), src, nil, 0)
	if err != nil {
		t.Skipf("benchmark data not readable: %v", err)
	}
	var entries []evalEntry
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		key, ok := kv.Key.(*ast.BasicLit)
		val, ok2 := kv.Value.(*ast.CompositeLit)
		if !ok || !ok2 || key.Kind != token.STRING {
			return true
		}
		e := evalEntry{}
		e.URL, _ = strconv.Unquote(key.Value)
		for _, el := range val.Elts {
			field, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			name, _ := field.Key.(*ast.Ident)
			if name == nil {
				continue
			}
			switch name.Name {
			case "File":
				if lit, ok := field.Value.(*ast.BasicLit); ok {
					e.File, _ = strconv.Unquote(lit.Value)
				}
			case "With", "Without":
				list, ok := field.Value.(*ast.CompositeLit)
				if !ok {
					continue
				}
				for _, s := range list.Elts {
					if lit, ok := s.(*ast.BasicLit); ok {
						v, _ := strconv.Unquote(lit.Value)
						if name.Name == "With" {
							e.With = append(e.With, v)
						} else {
							e.Without = append(e.Without, v)
						}
					}
				}
			}
		}
		if e.File != "" {
			entries = append(entries, e)
		}
		return false
	})
	return filepath.Join(dir, "test-files", "comparison"), entries
}

// TestTrafilaturaBenchmark scores each mode on go-trafilatura's own
// real-world benchmark the way its comparison script does (precision,
// recall and F1 over the With/Without snippets). It is an outside check on
// pages we did not design; long, so only with NASHRA_LONG=1.
func TestTrafilaturaBenchmark(t *testing.T) {
	if os.Getenv("NASHRA_LONG") == "" {
		t.Skip("set NASHRA_LONG=1 to run go-trafilatura's real-world benchmark")
	}
	dir, entries := loadTrafilaturaEval(t)
	type page struct {
		e    evalEntry
		html []byte
	}
	var pages []page
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			continue
		}
		r, err := charset.NewReader(bytes.NewReader(raw), "text/html")
		if err != nil {
			continue
		}
		b, err := io.ReadAll(r)
		if err != nil {
			continue
		}
		pages = append(pages, page{e, b})
	}
	for _, mode := range []Mode{ModeAuto, ModeFast, ModeTrafilatura} {
		ex := &Extractor{Mode: mode}
		var tp, fn, fp, tn int
		start := time.Now()
		for _, p := range pages {
			u := p.e.URL
			if !strings.HasPrefix(u, "http") {
				u = "https://example.com/"
			}
			text := ""
			if r, err := ex.Page(u, p.html, Hints{}); err == nil {
				text = r.BodyText
			}
			for _, s := range p.e.With {
				if text != "" && strings.Contains(text, s) {
					tp++
				} else {
					fn++
				}
			}
			for _, s := range p.e.Without {
				if text != "" && strings.Contains(text, s) {
					fp++
				} else {
					tn++
				}
			}
		}
		prec := float64(tp) / float64(tp+fp)
		rec := float64(tp) / float64(tp+fn)
		f1 := 2 * float64(tp) / float64(2*tp+fp+fn)
		t.Logf("mode=%-11s pages=%d precision=%.3f recall=%.3f F1=%.3f in %v",
			mode, len(pages), prec, rec, f1, time.Since(start).Round(time.Millisecond))
	}
}
