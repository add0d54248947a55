package net_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader"
)

// BenchmarkHTTPHelloWorld measures requests per second of a hello-world http server running under
// pkgbox, driven by a keep-alive Go client (4 connections) on loopback. With PKGBOX_JS_PROFILE=FILE
// it also writes goja's JavaScript execution profile (go tool pprof FILE), which names the JS
// functions a Go CPU profile shows only as goja.(*vm).run.
func BenchmarkHTTPHelloWorld(b *testing.B) {
	if f := os.Getenv("PKGBOX_JS_PROFILE"); f != "" {
		w, err := os.Create(f)
		if err != nil {
			b.Fatal(err)
		}
		if err := goja.StartProfile(w); err != nil {
			b.Fatal(err)
		}
		defer func() {
			goja.StopProfile()
			w.Close()
		}()
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	dir := b.TempDir()
	app := filepath.Join(dir, "app.js")
	src := `const http = require('http');
const srv = http.createServer((req, res) => {
  if (req.url === '/stop') { res.end('bye'); srv.close(); srv.closeAllConnections(); return; }
  res.end('hello world');
});
srv.listen(Number(process.argv[2]), '127.0.0.1');`
	if err := os.WriteFile(app, []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	rt, err := loader.New(loader.Options{Args: []string{fmt.Sprint(port)}, Stdout: &out, Stderr: &out, Cwd: dir, CacheDir: b.TempDir(), Stdin: strings.NewReader("")})
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan int)
	go func() {
		code, _ := rt.Run(app)
		done <- code
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	for i := 0; ; i++ {
		if resp, err := client.Get(base + "/"); err == nil {
			resp.Body.Close()
			break
		}
		if i > 200 {
			b.Fatalf("server did not start: %s", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.ResetTimer()
	start := time.Now()
	b.SetParallelism(2) // 2 x GOMAXPROCS clients
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Get(base + "/")
			if err != nil {
				b.Error(err)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(body) != "hello world" {
				b.Errorf("body %q", body)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
	b.StopTimer()
	if resp, err := client.Get(base + "/stop"); err == nil {
		resp.Body.Close()
	}
	if code := <-done; code != 0 {
		b.Fatalf("server exit %d: %s", code, out.String())
	}
}
