// Package admin is the operator's page for sources: health at a glance, the
// fetch log, adding and removing feeds, OPML import and export. It sits
// behind HTTP basic auth with a token, and Go's CrossOriginProtection guards
// its forms against CSRF.
package admin

import (
	"crypto/subtle"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/nashra/nashra/internal/httpx"
	"github.com/nashra/nashra/internal/news"
)

//go:embed templates/*.html static/admin.css
var files embed.FS

// Config wires the admin pages.
type Config struct {
	Store news.Store
	// Token is the basic-auth password (user "admin"). When empty, the
	// pages answer only requests from loopback addresses, which suits a
	// single-machine setup and the demo.
	Token  string
	Logger *slog.Logger
	Now    func() time.Time
}

// Admin serves /admin/.
type Admin struct {
	cfg  Config
	tmpl *template.Template
	mux  *http.ServeMux
	csrf *http.CrossOriginProtection
}

// New builds the admin handler.
func New(cfg Config) (*Admin, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	tmpl, err := template.New("").Funcs(template.FuncMap{
		"ago": func(t time.Time) string {
			if t.IsZero() {
				return "never"
			}
			d := cfg.Now().Sub(t).Round(time.Second)
			if d < 0 {
				d = 0
			}
			return d.String() + " ago"
		},
		"ms": func(d time.Duration) string { return d.Round(time.Millisecond).String() },
	}).ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	a := &Admin{cfg: cfg, tmpl: tmpl, mux: http.NewServeMux(), csrf: http.NewCrossOriginProtection()}
	a.mux.HandleFunc("GET /admin/{$}", a.index)
	a.mux.HandleFunc("GET /admin/sources/{id}", a.source)
	a.mux.HandleFunc("POST /admin/sources", a.addSource)
	a.mux.HandleFunc("POST /admin/sources/{id}/delete", a.deleteSource)
	a.mux.HandleFunc("POST /admin/feeds/delete", a.deleteFeed)
	a.mux.HandleFunc("GET /admin/opml", a.exportOPML)
	a.mux.HandleFunc("POST /admin/opml", a.importOPML)
	a.mux.HandleFunc("GET /admin/admin.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "max-age=3600")
		http.ServeFileFS(w, r, files, "static/admin.css")
	})
	return a, nil
}

func (a *Admin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !a.authorized(r) {
		if a.cfg.Token == "" {
			http.Error(w, "admin pages answer only loopback clients unless NASHRA_ADMIN_TOKEN is set", http.StatusForbidden)
			return
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="nashra admin", charset="UTF-8"`)
		http.Error(w, "admin: authentication required", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; form-action 'self'; frame-ancestors 'none'")
	w.Header().Set("X-Frame-Options", "DENY")
	// Cross-origin checks come before routing, so a forged POST is refused
	// the same way whatever the path.
	a.csrf.Handler(http.HandlerFunc(a.route)).ServeHTTP(w, r)
}

// route answers paths and methods no pattern takes with the admin's error
// page instead of the mux's plain text, keeping the Allow header Go
// computed for a 405.
func (a *Admin) route(w http.ResponseWriter, r *http.Request) {
	switch status, allow := httpx.Unmatched(a.mux, r); status {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", allow)
		a.render(w, status, "error.html", map[string]any{"Status": status,
			"Message": fmt.Sprintf("%s does not accept %s requests; it accepts %s.", r.URL.Path, r.Method, allow)})
	case http.StatusNotFound:
		a.render(w, status, "error.html", map[string]any{"Status": status,
			"Message": fmt.Sprintf("There is no admin page at %s.", r.URL.Path)})
	default:
		a.mux.ServeHTTP(w, r)
	}
}

func (a *Admin) authorized(r *http.Request) bool {
	if a.cfg.Token == "" {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			return false
		}
		ip := net.ParseIP(host)
		return ip != nil && ip.IsLoopback()
	}
	user, pass, ok := r.BasicAuth()
	return ok && user == "admin" && subtle.ConstantTimeCompare([]byte(pass), []byte(a.cfg.Token)) == 1
}

func (a *Admin) render(w http.ResponseWriter, status int, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := a.tmpl.ExecuteTemplate(w, name, data); err != nil {
		a.cfg.Logger.Error("admin: render", "template", name, "err", err)
	}
}

func (a *Admin) fail(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch news.ErrorCode(err) {
	case news.EINVALID:
		status = http.StatusBadRequest
	case news.ENOTFOUND:
		status = http.StatusNotFound
	}
	if status == http.StatusInternalServerError {
		a.cfg.Logger.Error("admin", "err", err)
	}
	msg := news.ErrorMessage(err)
	if status != http.StatusInternalServerError && msg == "internal error" {
		msg = err.Error()
	}
	a.render(w, status, "error.html", map[string]any{"Status": status, "Message": msg})
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
