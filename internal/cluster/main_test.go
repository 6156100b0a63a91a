package cluster_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/nashra/nashra/internal/cli"
)

// childEnv marks a re-exec of this test binary as a crawler node. `nashra
// serve --role crawl` has no flags for its lease and polling intervals (10
// minute leases would make a crash test take 10 minutes), so crawler nodes
// are this binary running cli.ClusterCrawler, the same code as `nashra
// bench cluster --child`.
const childEnv = "NASHRA_CLUSTER_CHILD"

// nashraBin is the nashra binary built once for the tests that start real
// `nashra serve` and `nashra sources` processes.
var nashraBin string

// crawlerNode is how a crawler node is started: the real binary's `bench
// cluster --child` when it has that command, else this test binary.
var crawlerNode struct {
	bin    string
	prefix []string
	env    []string
	label  string
}

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := cli.ClusterCrawler(ctx, os.Args[1:], os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	tmp, err := os.MkdirTemp("", "nashra-cluster-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(tmp)
		root, err := moduleRoot()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		nashraBin = filepath.Join(tmp, "nashra")
		build := exec.Command("go", "build", "-o", nashraBin, "./cmd/nashra")
		build.Dir = root
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "build nashra: %v\n%s", err, out)
			return 1
		}
		// The built binary runs crawler nodes itself once `bench cluster`
		// is wired into `nashra bench`; -h exits 0 only then.
		if exec.Command(nashraBin, "bench", "cluster", "--child", "-h").Run() == nil {
			crawlerNode.bin, crawlerNode.prefix, crawlerNode.label = nashraBin, []string{"bench", "cluster"}, "nashra bench cluster --child"
		} else {
			crawlerNode.bin, crawlerNode.env, crawlerNode.label = os.Args[0], []string{childEnv + "=1"}, "test binary re-executed as cli.ClusterCrawler"
		}
		return m.Run()
	}()
	os.Exit(code)
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside a Go module")
	}
	return filepath.Dir(mod), nil
}
