// Package cli implements nashra's subcommands. cmd/nashra only hands over to
// Run, so every command is testable in-process with its own output streams.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"strings"
)

// usageError marks a bad command line: the message is printed with a hint
// and the exit code is 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command writes to.
type env struct {
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"demo", "start fixture publishers, the crawler and the site on 127.0.0.1:8080 (offline)", runDemo},
		{"serve", "crawl the configured sources and serve the site and API", runServe},
		{"import", "bulk-load a corpus (SaudiNewsNet zips or JSON Lines) into the store", runImport},
		{"sources", "manage sources: add | list | remove | import-opml | export-opml", runSources},
		{"reindex", "rebuild the search index from stored articles", runReindex},
		{"fixture", "serve the fixture publishers: fixture serve --corpus DIR", runFixture},
		{"bench", "benchmarks: bench ingest | import | search | newsroom | serve | cluster", runBench},
		{"migrate-store", "copy every table from one store to another: --from sqlite:FILE --to postgres://...", runMigrateStore},
		{"version", "print the version", runVersion},
	}
}

// Version is set at build time with -ldflags "-X .../cli.Version=...".
var Version = "dev"

// Run executes one subcommand and returns the process exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			// NASHRA_CPUPROFILE=FILE profiles any command, for the
			// figures in docs/BENCHMARKS.md.
			if path := os.Getenv("NASHRA_CPUPROFILE"); path != "" {
				if f, err := os.Create(path); err == nil {
					if pprof.StartCPUProfile(f) == nil {
						defer func() { pprof.StopCPUProfile(); f.Close() }()
					}
				}
			}
			err := c.run(ctx, e, args[1:])
			return report(stderr, c.name, err)
		}
	}
	fmt.Fprintf(stderr, "nashra: unknown command %q\n\n", args[0])
	printUsage(stderr)
	return 2
}

func report(stderr io.Writer, name string, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if errors.Is(err, context.Canceled) {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "nashra %s: %s\nRun 'nashra %s -h' for usage.\n", name, ue.msg, name)
		return 2
	}
	fmt.Fprintf(stderr, "nashra %s: %v\n", name, err)
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "nashra — an Arabic-first news aggregator\n\nUsage: nashra <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'nashra <command> -h' for a command's flags.")
}

// newFlagSet returns a flag set whose parse errors become usage errors
// instead of exiting the process.
func newFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("nashra "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: nashra %s\n\nFlags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and rejects stray positional arguments.
func parse(fs *flag.FlagSet, args []string, maxArgs int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > maxArgs {
		return usagef("unexpected argument(s): %s", strings.Join(fs.Args()[maxArgs:], " "))
	}
	return nil
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	switch level {
	case "debug":
		l = slog.LevelDebug
	case "warn":
		l = slog.LevelWarn
	case "error":
		l = slog.LevelError
	default:
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version", "version")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "nashra", Version)
	return nil
}
