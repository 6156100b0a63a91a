package browsertest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nashra/nashra/internal/search"
	"github.com/nashra/nashra/internal/store/sqlite"
	"github.com/nashra/nashra/internal/web"
	"github.com/nashra/nashra/internal/web/searchweb"
	"github.com/nashra/nashra/internal/web/webtest"
)

const chromiumPath = "/usr/bin/chromium"

var (
	srv        *httptest.Server
	fx         *webtest.Fixture
	browserCtx context.Context
	skipReason string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if _, err := os.Stat(chromiumPath); err != nil {
		skipReason = fmt.Sprintf("browser tests need Chromium at %s (apt-get install -y chromium): %v", chromiumPath, err)
		return m.Run()
	}
	dbDir, err := os.MkdirTemp("", "nashra-browsertest-db-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dbDir)
	st, err := sqlite.Open(context.Background(), filepath.Join(dbDir, "nashra.db"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "open store:", err)
		return 1
	}
	defer st.Close()
	fx, err = webtest.Fill(context.Background(), st, webtest.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "fill store:", err)
		return 1
	}
	site, err := web.New(web.Config{
		Store:   st,
		Search:  searchweb.New(search.New(st, func() time.Time { return fx.Now })),
		Now:     func() time.Time { return fx.Now },
		BaseURL: "http://127.0.0.1",
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "web.New:", err)
		return 1
	}
	srv = httptest.NewServer(site.Handler())
	defer srv.Close()

	dir, err := os.MkdirTemp("", "nashra-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	defer cancelAlloc()
	var cancelBrowser context.CancelFunc
	browserCtx, cancelBrowser = chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	// Start the browser now, on a context without a deadline: its lifetime
	// is the browser's.
	if _, err := chromedp.Run(browserCtx, chromedp.Evaluate[int]("1")); err != nil {
		fmt.Fprintln(os.Stderr, "start chromium:", err)
		return 1
	}
	return m.Run()
}

// tab opens a fresh tab in its own browser context (own cookies), so one
// test's theme or language cookie never leaks into another.
func tab(t *testing.T) context.Context {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelT)
	return tctx
}

// returningTab is a tab whose reader has been here before: the first visit
// to "/" (which may redirect by Accept-Language) is already spent, so "/"
// is the Arabic home page.
func returningTab(t *testing.T) context.Context {
	ctx := tab(t)
	open(t, ctx, "/")
	return ctx
}

// open navigates and waits for the web fonts, so layout is final.
func open(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path)); err != nil {
		t.Fatalf("navigate %s: %v", path, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("fonts %s: %v", path, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}
