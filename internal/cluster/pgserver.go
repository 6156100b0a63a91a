package cluster

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoPostgres means the PostgreSQL server binaries (initdb, pg_ctl) are
// not installed, so no private server can be started.
var ErrNoPostgres = errors.New("cluster: PostgreSQL server binaries (initdb, pg_ctl) not found")

// Server is a private PostgreSQL server in a temporary directory, on its
// own port: a test may restart or stop it without disturbing anyone else.
type Server struct {
	bin  string // directory of initdb and pg_ctl
	dir  string // owned by the server's OS user: data/, the socket, the log
	port int
	as   string // OS user the server runs as ("" = this one)
}

// StartServer initialises and starts a private server. PostgreSQL refuses
// to run as root, so when this process is root the server runs as the
// "postgres" OS user, which is given the directory.
func StartServer(ctx context.Context) (*Server, error) {
	bin, err := serverBinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "nashra-pg-")
	if err != nil {
		return nil, fmt.Errorf("cluster: server dir: %w", err)
	}
	s := &Server{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("cluster: running as root and no 'postgres' OS user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("cluster: give %s to postgres: %w", dir, err)
		}
		s.as = "postgres"
	}
	if s.port, err = freePort(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if out, err := s.run(ctx, "initdb", "-D", s.dataDir(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("cluster: initdb: %w\n%s", err, out)
	}
	if err := s.Start(ctx); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// DSN is the connection string of the server's "postgres" database.
func (s *Server) DSN() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", s.port)
}

// Start starts a stopped server and waits until it accepts connections.
func (s *Server) Start(ctx context.Context) error {
	if out, err := s.run(ctx, "pg_ctl", "-D", s.dataDir(), "-l", s.logFile(), "-w", "-t", "60", "-o", s.options(), "start"); err != nil {
		return fmt.Errorf("cluster: start server: %w\n%s\n%s", err, out, s.Log())
	}
	return s.waitReady(ctx)
}

// Restart stops the server with a fast shutdown (open sessions are
// terminated, committed work is kept) and starts it again.
func (s *Server) Restart(ctx context.Context) error {
	if out, err := s.run(ctx, "pg_ctl", "-D", s.dataDir(), "-l", s.logFile(), "-w", "-t", "60", "-m", "fast", "-o", s.options(), "restart"); err != nil {
		return fmt.Errorf("cluster: restart server: %w\n%s\n%s", err, out, s.Log())
	}
	return s.waitReady(ctx)
}

// Close stops the server immediately and removes its directory.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := s.run(ctx, "pg_ctl", "-D", s.dataDir(), "-w", "-m", "immediate", "stop")
	if rmErr := os.RemoveAll(s.dir); rmErr != nil && err == nil {
		err = rmErr
	}
	if err != nil {
		return fmt.Errorf("cluster: stop server: %w\n%s", err, out)
	}
	return nil
}

// Log returns the server log, for failure messages.
func (s *Server) Log() string {
	b, err := os.ReadFile(s.logFile())
	if err != nil {
		return ""
	}
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

func (s *Server) dataDir() string { return filepath.Join(s.dir, "data") }
func (s *Server) logFile() string { return filepath.Join(s.dir, "server.log") }

// options keep the server on loopback with its socket in its own directory
// (the system socket directory may not be writable by its user), and trade
// durability on power loss, which a test never needs, for speed. A fast
// shutdown still writes everything committed.
func (s *Server) options() string {
	return fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", s.port, s.dir)
}

func (s *Server) run(ctx context.Context, tool string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, tool)
	var cmd *exec.Cmd
	if s.as != "" {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", s.as, "--", path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, path, args...)
	}
	// pg_ctl start leaves the server running in the background; with its
	// output on a pipe, CombinedOutput would wait for the server to exit.
	f, err := os.CreateTemp("", "nashra-pgctl-")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	cmd.Stdout, cmd.Stderr = f, f
	cmd.Dir = os.TempDir()
	err = cmd.Run()
	out, _ := os.ReadFile(f.Name())
	return out, err
}

func (s *Server) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(cctx, s.DSN())
		if err == nil {
			err = conn.Ping(cctx)
			conn.Close(cctx)
		}
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("cluster: server on port %d not ready: %w\n%s", s.port, err, s.Log())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// serverBinDir finds initdb and pg_ctl: on PATH, or in the newest
// /usr/lib/postgresql/*/bin (Debian keeps them off PATH).
func serverBinDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		_, e1 := os.Stat(filepath.Join(d, "initdb"))
		_, e2 := os.Stat(filepath.Join(d, "pg_ctl"))
		if e1 == nil && e2 == nil {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(strings.Split(filepath.Base(filepath.Dir(binDir)), ".")[0])
	return v
}

// freePort asks the kernel for a free loopback port. Another process could
// take it before the server binds it; StartServer then fails loudly.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("cluster: free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
