package loader_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader"
)

// The CPU-bound program of bench/programs/cpu.js, run by plain goja and by pkgbox (lockdown,
// override taming, compartments). DESIGN's budget: pkgbox within 5% of plain goja.
// Compare: go test ./loader -run X -bench 'CPU' -count 5 | benchstat (or read the ns/op).

func cpuProgram(b *testing.B) string {
	src, err := os.ReadFile(filepath.Join("..", "bench", "programs", "cpu.js"))
	if err != nil {
		b.Fatal(err)
	}
	return string(src)
}

func BenchmarkCPUPlainGoja(b *testing.B) {
	// Wrapped in a function like a CommonJS module, so both run the same code shape.
	src := "(function () { var console = { log: function () {} };\n" + cpuProgram(b) + "\n})()"
	prg := goja.MustCompile("cpu.js", src, false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		vm := goja.New()
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCPUPkgbox(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cpu.js"), []byte(cpuProgram(b)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rt, err := loader.New(loader.Options{Stdout: io.Discard, Stderr: io.Discard, Cwd: dir, CacheDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		if code, err := rt.Run(filepath.Join(dir, "cpu.js")); err != nil || code != 0 {
			b.Fatalf("exit %d: %v", code, err)
		}
	}
}

// BenchmarkHello is the whole cost of a runtime: New (lockdown) and a console.log.
func BenchmarkHello(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hello.js"), []byte("console.log('hello world')\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		rt, err := loader.New(loader.Options{Stdout: io.Discard, Cwd: dir, CacheDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := rt.Run(filepath.Join(dir, "hello.js")); err != nil {
			b.Fatal(err)
		}
	}
}
