package loader

import (
	"io"
	"strings"
	"testing"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// The cost of a fresh compartment and of the globals a module names, on a reused runtime (what
// the sandbox package pays on every call):
//
//	go test ./loader -run X -bench Compartment -benchmem
func BenchmarkCompartment(b *testing.B) {
	dir := b.TempDir()
	for _, globals := range []string{"", "global", "process", "Buffer", "console", "process,Buffer,console,setTimeout"} {
		name := globals
		if name == "" {
			name = "none"
		}
		b.Run(name, func(b *testing.B) {
			rt, err := New(Options{Stdout: io.Discard, Stderr: io.Discard, Cwd: dir, CacheDir: dir, Env: []string{}})
			if err != nil {
				b.Fatal(err)
			}
			var names []string
			if globals != "" {
				names = strings.Split(globals, ",")
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rt.Reset()
				c := rt.newCompartment(host.Package{Name: "app", Dir: dir, App: true}, nil)
				for _, n := range names {
					c.globalValue(n)
				}
			}
		})
	}
}
