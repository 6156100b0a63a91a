package cli

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/sources"
	"github.com/nashra/nashra/internal/store"
)

func runSources(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef("missing subcommand: add | list | remove | import-opml | export-opml")
	}
	sub, rest := args[0], args[1:]
	var c Config
	fs := newFlagSet(e, "sources "+sub, "sources "+sub+" [flags]")
	configFlags(fs, &c, "data", "db")
	switch sub {
	case "add":
		var s news.Source
		var feedURL, kind, category string
		fs.StringVar(&s.ID, "id", "", "source id (lowercase slug, required)")
		fs.StringVar(&s.NameAr, "name-ar", "", "Arabic name")
		fs.StringVar(&s.NameEn, "name-en", "", "English name")
		fs.StringVar(&s.HomeURL, "home", "", "home page URL")
		fs.StringVar(&s.Language, "lang", "ar", "main language: ar or en")
		fs.StringVar(&s.Country, "country", "", "ISO country code")
		fs.StringVar(&s.LogoURL, "logo", "", "logo URL")
		fs.StringVar(&feedURL, "feed", "", "feed URL (required; repeat the command to add more feeds)")
		fs.StringVar(&kind, "kind", "", "feed kind: rss, atom, json, sitemap (default: detect)")
		fs.StringVar(&category, "category", "", "category of the feed's articles")
		if err := parse(fs, rest, 0); err != nil {
			return err
		}
		if s.ID == "" || feedURL == "" {
			return usagef("--id and --feed are required")
		}
		s.Feeds = []news.Feed{{URL: feedURL, Kind: kind, Category: category}}
		st, err := store.Open(ctx, c.storeDSN())
		if err != nil {
			return err
		}
		defer st.Close()
		if old, err := st.Source(ctx, s.ID); err == nil {
			// Adding a feed to an existing source keeps its names.
			if s.NameAr == "" {
				s.NameAr = old.NameAr
			}
			if s.NameEn == "" {
				s.NameEn = old.NameEn
			}
			if s.HomeURL == "" {
				s.HomeURL = old.HomeURL
			}
		} else if !news.IsNotFound(err) {
			return err
		}
		if err := sources.Validate(&s); err != nil {
			return usagef("%s", news.ErrorMessage(err))
		}
		if err := st.PutSource(ctx, &s); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "source %s: feed %s added\n", s.ID, feedURL)
		return nil
	case "list":
		if err := parse(fs, rest, 0); err != nil {
			return err
		}
		st, err := store.Open(ctx, c.storeDSN())
		if err != nil {
			return err
		}
		defer st.Close()
		list, err := st.Sources(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		// A note (a feed that moved permanently) came from a poll that
		// worked: it gets its own column so it never reads as a failure.
		fmt.Fprintln(tw, "ID\tNAME\tLANG\tFEEDS\tARTICLES\tLAST SUCCESS\tFAILURES\tLAST ERROR\tNOTE")
		for _, s := range list {
			last := "never"
			if !s.LastSuccessAt.IsZero() {
				last = s.LastSuccessAt.Local().Format(time.DateTime)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%d\t%s\t%s\n", s.ID, s.Name("ar"), s.Language, len(s.Feeds), s.Articles, last,
				s.ConsecutiveFailures, s.LastError, s.LastNote)
		}
		return tw.Flush()
	case "remove":
		if err := parse(fs, rest, 1); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usagef("usage: nashra sources remove <source-id | feed-url>")
		}
		target := fs.Arg(0)
		st, err := store.Open(ctx, c.storeDSN())
		if err != nil {
			return err
		}
		defer st.Close()
		if len(target) > 8 && (target[:7] == "http://" || target[:8] == "https://") {
			if err := st.RemoveFeed(ctx, target); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "feed %s removed\n", target)
			return nil
		}
		if err := st.DeleteSource(ctx, target); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "source %s removed (its articles stay)\n", target)
		return nil
	case "import-opml":
		if err := parse(fs, rest, 1); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usagef("usage: nashra sources import-opml FILE.opml")
		}
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		list, err := sources.ParseOPML(f)
		if err != nil {
			return err
		}
		st, err := store.Open(ctx, c.storeDSN())
		if err != nil {
			return err
		}
		defer st.Close()
		feeds := 0
		for i := range list {
			if err := st.PutSource(ctx, &list[i]); err != nil {
				return err
			}
			feeds += len(list[i].Feeds)
		}
		fmt.Fprintf(e.stdout, "imported %d sources with %d feeds\n", len(list), feeds)
		return nil
	case "export-opml":
		var out string
		fs.StringVar(&out, "o", "", "write to this file instead of standard output")
		if err := parse(fs, rest, 0); err != nil {
			return err
		}
		st, err := store.Open(ctx, c.storeDSN())
		if err != nil {
			return err
		}
		defer st.Close()
		stats, err := st.Sources(ctx)
		if err != nil {
			return err
		}
		list := make([]news.Source, len(stats))
		for i, s := range stats {
			list[i] = s.Source
		}
		w := e.stdout
		if out != "" {
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			defer f.Close()
			w = f
		}
		return sources.WriteOPML(w, "nashra sources", list)
	default:
		return usagef("unknown subcommand %q: add | list | remove | import-opml | export-opml", sub)
	}
}
