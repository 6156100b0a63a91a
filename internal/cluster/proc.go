package cluster

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"syscall"
	"time"
)

// Proc is a child process whose output is kept for failure reports.
type Proc struct {
	Name string
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
	err  error
}

// StartProc starts name with args and extra environment entries.
func StartProc(label string, env []string, name string, args ...string) (*Proc, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cluster: start %s: %w", label, err)
	}
	p := &Proc{Name: label, cmd: cmd, out: out, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// Pid is the process id.
func (p *Proc) Pid() int { return p.cmd.Process.Pid }

// Kill sends SIGKILL, as a crash or the OOM killer would, and waits for the
// process to be gone.
func (p *Proc) Kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// Stop asks the process to shut down (SIGTERM) and kills it if it has not
// within grace. It returns the exit error of a process that did not exit
// cleanly when asked.
func (p *Proc) Stop(grace time.Duration) error {
	select {
	case <-p.done:
		return p.exitErr()
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return p.exitErr()
	case <-time.After(grace):
		p.Kill()
		return fmt.Errorf("cluster: %s did not stop within %s of SIGTERM", p.Name, grace)
	}
}

// Exited reports whether the process has ended, and how.
func (p *Proc) Exited() (bool, error) {
	select {
	case <-p.done:
		return true, p.exitErr()
	default:
		return false, nil
	}
}

// Wait waits for the process to end by itself.
func (p *Proc) Wait(limit time.Duration) error {
	select {
	case <-p.done:
		return p.exitErr()
	case <-time.After(limit):
		return fmt.Errorf("cluster: %s still running after %s", p.Name, limit)
	}
}

func (p *Proc) exitErr() error {
	var ee *exec.ExitError
	if errors.As(p.err, &ee) && ee.Exited() {
		return fmt.Errorf("cluster: %s exited with status %d", p.Name, ee.ExitCode())
	}
	return p.err
}

// Output is everything the process wrote so far (stdout and stderr).
func (p *Proc) Output() string { return p.out.String() }

// Tail is the last n bytes of Output, for failure messages.
func (p *Proc) Tail(n int) string {
	s := p.Output()
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}

var listenURL = regexp.MustCompile(`url=(http://[0-9.]+:[0-9]+)/`)

// WaitListening waits for a `nashra serve` process to log the URL it
// listens on (it is started with --addr 127.0.0.1:0, so only its log knows).
func (p *Proc) WaitListening(limit time.Duration) (string, error) {
	deadline := time.Now().Add(limit)
	for {
		if m := listenURL.FindStringSubmatch(p.Output()); m != nil {
			return m[1], nil
		}
		if done, err := p.Exited(); done {
			return "", fmt.Errorf("cluster: %s exited before listening (%v):\n%s", p.Name, err, p.Tail(2000))
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("cluster: %s not listening after %s:\n%s", p.Name, limit, p.Tail(2000))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer safe for the writer goroutines of exec and
// a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Bound memory: a chatty child logging for minutes keeps its last MBs.
	if s.b.Len() > 8<<20 {
		rest := append([]byte(nil), s.b.Bytes()[s.b.Len()-4<<20:]...)
		s.b.Reset()
		s.b.Write(rest)
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
