package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

// supervisedEnv marks the child process of a supervised run.
const supervisedEnv = "PKGBOX_SUPERVISED"

// fatalMarkers start the report the Go runtime prints when it dies of a fatal error (out of
// memory, stack exhaustion): from there on the child's stderr is not passed on.
var fatalMarkers = [][]byte{[]byte("fatal error: "), []byte("runtime: out of memory"), []byte("runtime: goroutine stack exceeds")}

// supervise runs the same command line in a child process and returns its exit status. A child
// killed by the Go runtime's fatal error becomes one line and status 137 (memory) or 70 (anything
// else) instead of a Go stack trace.
func supervise(memoryMB int) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pkgbox: cannot find its own executable:", err)
		return 70
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = append(os.Environ(), supervisedEnv+"=1")
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pkgbox:", err)
		return 70
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "pkgbox:", err)
		return 70
	}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	fatal := forwardUntilFatal(os.Stderr, stderr)
	err = cmd.Wait()
	signal.Stop(sigs)
	close(sigs)
	if fatal != "" {
		if bytes.Contains([]byte(fatal), []byte("out of memory")) {
			fmt.Fprintf(os.Stderr, "pkgbox: the run exceeded its memory limit (--memory-limit %d MB): %s\n", memoryMB, fatal)
			return 137
		}
		fmt.Fprintf(os.Stderr, "pkgbox: the JavaScript engine stopped with a fatal error: %s\n", fatal)
		return 70
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if st, ok := ee.Sys().(syscall.WaitStatus); ok && st.Signaled() {
			if st.Signal() == syscall.SIGKILL {
				fmt.Fprintf(os.Stderr, "pkgbox: the run was killed (out of memory?)\n")
				return 137
			}
			return 128 + int(st.Signal())
		}
		return ee.ExitCode()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pkgbox:", err)
		return 70
	}
	return 0
}

// forwardUntilFatal copies r to w until a fatal-error marker appears at the start of a line; it
// returns that line (without a Go stack trace) or "" when the stream ended normally.
func forwardUntilFatal(w io.Writer, r io.Reader) string {
	buf := make([]byte, 32*1024)
	atLineStart := true
	for {
		n, err := r.Read(buf)
		chunk := buf[:n]
		for len(chunk) > 0 {
			line := chunk
			if i := bytes.IndexByte(chunk, '\n'); i >= 0 {
				line = chunk[:i+1]
			}
			if atLineStart {
				for _, m := range fatalMarkers {
					if bytes.HasPrefix(line, m) {
						_, _ = io.Copy(io.Discard, r)
						return string(bytes.TrimSpace(line))
					}
				}
			}
			_, _ = w.Write(line)
			atLineStart = line[len(line)-1] == '\n'
			chunk = chunk[len(line):]
		}
		if err != nil {
			return ""
		}
	}
}
