package fs

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkFSStatMany stats 2,000 distinct files per iteration from JavaScript, with a host whose
// gate allows everything at once and with one that checks every path against a granted folder,
// to show what the gate and path resolution cost per call.
func BenchmarkFSStatMany(b *testing.B) {
	root, err := filepath.EvalSymlinks(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	const n = 2000
	for i := 0; i < n; i++ {
		if err := os.WriteFile(filepath.Join(root, fmt.Sprintf("f%04d", i)), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	gates := map[string]func(string, string) bool{
		"allow-all": func(string, string) bool { return true },
		"checked":   grantDir(root, capRead),
	}
	for _, name := range []string{"allow-all", "checked"} {
		b.Run(name, func(b *testing.B) {
			h := newFakeHost(b, root, gates[name])
			h.run(b, "globalThis.statAll = (n) => { let s = 0; for (let i = 0; i < n; i++) s += fs.statSync('f' + String(i).padStart(4, '0')).size; return s; }")
			fn, _ := goja.AssertFunction(h.vm.Get("statAll"))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				h.checks = h.checks[:0]
				if _, err := fn(goja.Undefined(), h.vm.ToValue(n)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/stat")
		})
	}
}
