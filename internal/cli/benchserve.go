package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store"
)

func benchServe(ctx context.Context, e *env, args []string) error {
	var c Config
	fs := newFlagSet(e, "bench serve", "bench serve [--data DIR | --db URL] [--target URL,...] [--duration 10s] [--concurrency 16]")
	configFlags(fs, &c, "data", "db")
	var dur time.Duration
	var conc int
	var targets string
	fs.DurationVar(&dur, "duration", 10*time.Second, "how long each page kind is loaded")
	fs.IntVar(&conc, "concurrency", 16, "concurrent clients")
	fs.StringVar(&targets, "target", "", "comma-separated base URLs of running nashra web nodes to load round-robin (default: start one in this process)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if dur <= 0 || conc < 1 {
		return usagef("--duration and --concurrency must be positive")
	}
	st, err := store.Open(ctx, c.storeDSN())
	if err != nil {
		return err
	}
	defer st.Close()
	// Article IDs to request: a random sample over the whole store, so the
	// page cache sees a realistic mix rather than one hot page.
	var ids []string
	total, err := st.CountArticles(ctx)
	if err != nil {
		return err
	}
	if total == 0 {
		return fmt.Errorf("the store is empty: run 'nashra import' first")
	}
	keep := max(1, total/5000)
	i := 0
	err = st.ScanArticles(ctx, func(a *news.Article) error {
		if i%keep == 0 {
			ids = append(ids, a.ID)
		}
		i++
		return nil
	})
	if err != nil {
		return err
	}
	rand.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })

	bases := splitList(targets)
	if len(bases) == 0 {
		h, err := newWebHandler(ctx, st, c, newLogger(e.stderr, "error"))
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		bases = []string{"http://" + ln.Addr().String()}
	}
	var articleURLs, homeURLs []string
	for i, id := range ids {
		articleURLs = append(articleURLs, bases[i%len(bases)]+"/article/"+id)
	}
	for _, b := range bases {
		homeURLs = append(homeURLs, b+"/", b+"/en/")
	}
	fmt.Fprintf(e.stdout, "bench serve: %d articles in store, %d sampled, %d web node(s), %d clients, %s per page kind\n", total, len(ids), len(bases), conc, dur)
	runLoad(ctx, articleURLs[:min(len(articleURLs), 200)], conc, time.Second) // warm up
	art := runLoad(ctx, articleURLs, conc, dur)
	fmt.Fprintf(e.stdout, "article page: %s\n", art)
	home := runLoad(ctx, homeURLs, conc, dur)
	fmt.Fprintf(e.stdout, "home page:    %s\n", home)
	fmt.Fprintf(e.stdout, "peak RSS of this process (server + load generator): %d MB\n", peakRSS()>>20)
	return nil
}
