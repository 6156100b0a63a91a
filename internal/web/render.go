package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
)

//go:embed templates/*.html
var templateFS embed.FS

// templates holds one parsed template set per page: the shared layout and
// partials cloned, plus the page's own "content". All are parsed in New.
type templates struct {
	pages map[string]*template.Template
}

func parseTemplates(s *Site) (*templates, error) {
	funcs := template.FuncMap{
		"asset": s.assets.url,
		"dir":   dirOf,
		"add":   func(a, b int) int { return a + b },
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(templateFS, "templates/_*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout templates: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: list templates: %w", err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if strings.HasPrefix(name, "_") {
			continue
		}
		clone, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("web: clone layout for %s: %w", name, err)
		}
		if _, err := clone.ParseFS(templateFS, f); err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", f, err)
		}
		if clone.Lookup("content") == nil {
			return nil, fmt.Errorf("web: template %s defines no \"content\"", f)
		}
		t.pages[name] = clone
	}
	return t, nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes a page into a fresh byte slice.
func (t *templates) render(page string, v *view) ([]byte, error) {
	tp, ok := t.pages[page]
	if !ok {
		return nil, fmt.Errorf("web: no template %q", page)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := tp.ExecuteTemplate(buf, "layout", v); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", page, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}
