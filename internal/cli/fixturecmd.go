package cli

import (
	"context"
	"errors"
	"flag"
	"strings"

	"github.com/nashra/nashra/internal/fixture"
)

func runFixture(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "serve" {
		return usagef("usage: nashra fixture serve --corpus DIR [--bbc DIR] [--speedup N | --all] [--fault outlet=kind,...]")
	}
	err := fixture.Run(ctx, args[1:], e.stdout, nil)
	if err != nil && !errors.Is(err, flag.ErrHelp) && strings.Contains(err.Error(), "flag") {
		return usageError{err.Error()}
	}
	return err
}
