package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strings"
)

//go:embed static
var staticFS embed.FS

// assets are the embedded static files under content-hash URLs
// ("/static/css/site.1a2b3c4d5e.css"), so they can be cached forever: a
// change in content is a change of URL.
type assets struct {
	byName map[string]*asset // logical name, e.g. "css/site.css"
	byURL  map[string]*asset
}

type asset struct {
	url  string
	resp *response
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byURL: map[string]*asset{}}
	var names []string
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		names = append(names, strings.TrimPrefix(p, "static/"))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: list static files: %w", err)
	}
	// CSS refers to fonts by logical name; hash everything else first so
	// the stylesheet can be rewritten to the fonts' hashed URLs (and its
	// own hash then covers them).
	sort.SliceStable(names, func(i, j int) bool {
		return !strings.HasSuffix(names[i], ".css") && strings.HasSuffix(names[j], ".css")
	})
	for _, name := range names {
		data, err := staticFS.ReadFile("static/" + name)
		if err != nil {
			return nil, fmt.Errorf("web: read static %s: %w", name, err)
		}
		if strings.HasSuffix(name, ".css") {
			data = a.rewriteCSS(data)
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		u := "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		ct := mime.TypeByExtension(ext)
		switch ext {
		case ".woff2":
			ct = "font/woff2"
		case ".txt":
			ct = "text/plain; charset=utf-8"
		case "":
			ct = "application/octet-stream"
		}
		as := &asset{url: u, resp: newResponse(http.StatusOK, ct, "public, max-age=31536000, immutable", data)}
		a.byName[name] = as
		a.byURL[u] = as
	}
	return a, nil
}

// rewriteCSS replaces url(/static/NAME) references with hashed URLs.
func (a *assets) rewriteCSS(css []byte) []byte {
	s := string(css)
	for name, as := range a.byName {
		s = strings.ReplaceAll(s, "url(/static/"+name+")", "url("+as.url+")")
	}
	return []byte(s)
}

// url is the template helper: the hashed URL of a logical asset name. An
// unknown name is a template bug; it yields a URL that 404s visibly.
func (a *assets) url(name string) string {
	if as, ok := a.byName[name]; ok {
		return as.url
	}
	return "/static/missing/" + name
}

func (s *Site) serveStatic(w http.ResponseWriter, r *http.Request) {
	as, ok := s.assets.byURL[r.URL.Path]
	if !ok {
		s.renderError(w, r, "ar", notFound("error.notFound"))
		return
	}
	as.resp.write(w, r)
}
