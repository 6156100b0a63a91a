package cli

import "context"

func runBench(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef("missing benchmark: ingest | import | search | newsroom | serve | cluster")
	}
	switch args[0] {
	case "ingest":
		return benchIngest(ctx, e, args[1:])
	case "import":
		return benchImport(ctx, e, args[1:])
	case "search":
		return benchSearch(ctx, e, args[1:])
	case "newsroom":
		return benchNewsroom(ctx, e, args[1:])
	case "serve":
		return benchServe(ctx, e, args[1:])
	case "cluster":
		return benchCluster(ctx, e, args[1:])
	}
	return usagef("unknown benchmark %q: ingest | import | search | newsroom | serve | cluster", args[0])
}
