// Command httpload drives an HTTP/1.1 server with keep-alive GET requests from a fixed number of
// connections for a fixed time and prints the completed requests per second. It speaks just
// enough HTTP/1.1 for a hello-world server (Content-Length or chunked bodies) so that the client
// costs little next to the server it measures; bench/http.sh uses it to compare pkgbox with node.
//
//	httpload -c 8 -d 5s -w 1s http://127.0.0.1:8080/
//
// Output (one line): "req/s 1234.5 requests 6172 errors 0 connections 8 duration 5s".
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	conns := flag.Int("c", 8, "concurrent keep-alive connections")
	dur := flag.Duration("d", 5*time.Second, "measured duration")
	warm := flag.Duration("w", time.Second, "warm-up before measuring (requests not counted)")
	wait := flag.Duration("wait", 10*time.Second, "how long to wait for the server to accept connections")
	want := flag.String("body", "", "if set, every response body must equal this")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: httpload [-c N] [-d DURATION] [-w DURATION] [-body TEXT] URL")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *conns < 1 {
		flag.Usage()
		os.Exit(2)
	}
	u, err := url.Parse(flag.Arg(0))
	if err != nil || u.Scheme != "http" || u.Host == "" {
		fmt.Fprintf(os.Stderr, "httpload: %q: need an http://host:port/path URL\n", flag.Arg(0))
		os.Exit(2)
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "80")
	}
	if err := waitForServer(addr, *wait); err != nil {
		fmt.Fprintf(os.Stderr, "httpload: %v\n", err)
		os.Exit(1)
	}
	path := u.RequestURI()
	request := []byte("GET " + path + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUser-Agent: httpload\r\nAccept: */*\r\n\r\n")

	var counting atomic.Bool
	var done atomic.Bool
	var requests, errs atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for i := 0; i < *conns; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !done.Load() {
				err := runConn(addr, request, *want, &done, &counting, &requests)
				if err != nil && !done.Load() {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					time.Sleep(10 * time.Millisecond)
				}
			}
		}()
	}
	time.Sleep(*warm)
	counting.Store(true)
	start := time.Now()
	time.Sleep(*dur)
	n := requests.Load()
	elapsed := time.Since(start)
	done.Store(true)
	wg.Wait()
	fmt.Printf("req/s %.1f requests %d errors %d connections %d duration %s\n",
		float64(n)/elapsed.Seconds(), n, errs.Load(), *conns, dur.String())
	if e := firstErr.Load(); e != nil {
		fmt.Fprintf(os.Stderr, "httpload: first error: %s\n", e)
	}
	if n == 0 {
		os.Exit(1)
	}
}

func waitForServer(addr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("server at %s did not accept a connection within %s: %w", addr, limit, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// runConn sends requests one after another on one connection until done, or until the server
// closes it or answers with something it cannot read.
func runConn(addr string, request []byte, want string, done, counting *atomic.Bool, requests *atomic.Int64) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	r := bufio.NewReaderSize(c, 16*1024)
	var body bytes.Buffer
	for !done.Load() {
		if _, err := c.Write(request); err != nil {
			return err
		}
		body.Reset()
		keepAlive, err := readResponse(r, &body)
		if err != nil {
			return err
		}
		if want != "" && body.String() != want {
			return fmt.Errorf("unexpected body %q, want %q", body.String(), want)
		}
		if counting.Load() {
			requests.Add(1)
		}
		if !keepAlive {
			return nil
		}
	}
	return nil
}

// readResponse reads one response into body and reports whether the connection stays open.
func readResponse(r *bufio.Reader, body *bytes.Buffer) (bool, error) {
	line, err := r.ReadSlice('\n')
	if err != nil {
		return false, err
	}
	if !bytes.HasPrefix(line, []byte("HTTP/1.")) || len(line) < 12 {
		return false, fmt.Errorf("bad status line %q", line)
	}
	status := string(line[9:12])
	if status != "200" {
		return false, fmt.Errorf("status %s", status)
	}
	keepAlive := line[7] == '1'
	length, chunked := int64(-1), false
	for {
		line, err = r.ReadSlice('\n')
		if err != nil {
			return false, err
		}
		h := bytes.TrimRight(line, "\r\n")
		if len(h) == 0 {
			break
		}
		k, v, ok := bytes.Cut(h, []byte(":"))
		if !ok {
			return false, fmt.Errorf("bad header line %q", h)
		}
		v = bytes.TrimSpace(v)
		switch strings.ToLower(string(k)) {
		case "content-length":
			if length, err = strconv.ParseInt(string(v), 10, 64); err != nil {
				return false, fmt.Errorf("bad content-length %q", v)
			}
		case "transfer-encoding":
			chunked = bytes.EqualFold(v, []byte("chunked"))
		case "connection":
			switch strings.ToLower(string(v)) {
			case "close":
				keepAlive = false
			case "keep-alive":
				keepAlive = true
			}
		}
	}
	switch {
	case chunked:
		return keepAlive, readChunked(r, body)
	case length >= 0:
		_, err = io.CopyN(body, r, length)
		return keepAlive, err
	}
	return false, errors.New("response without Content-Length or chunked body (not supported)")
}

func readChunked(r *bufio.Reader, body *bytes.Buffer) error {
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		s := strings.TrimSpace(string(line))
		if i := strings.IndexByte(s, ';'); i >= 0 {
			s = s[:i]
		}
		n, err := strconv.ParseInt(s, 16, 64)
		if err != nil {
			return fmt.Errorf("bad chunk size %q", s)
		}
		if n == 0 {
			for { // trailers, then the empty line
				line, err = r.ReadSlice('\n')
				if err != nil {
					return err
				}
				if len(bytes.TrimRight(line, "\r\n")) == 0 {
					return nil
				}
			}
		}
		if _, err := io.CopyN(body, r, n); err != nil {
			return err
		}
		if _, err := r.Discard(2); err != nil {
			return err
		}
	}
}
