package resolve

import (
	"path/filepath"
	"testing"
)

// BenchmarkResolve: require("plain") from app/src/lib/deep/file.js, three
// folders below the app root whose node_modules holds it, with warm caches.
// "cached" is what the loader sees on a repeated require from the same
// folder; "walk" runs the whole algorithm on warm stat/package.json caches,
// as for the first require of a name from a new folder.
func BenchmarkResolve(b *testing.B) {
	root := fixtureRoot(b)
	from := filepath.Join(root, "app/src/lib/deep/file.js")
	want := filepath.Join(root, "app/node_modules/plain/lib/main.js")
	r := New(Config{})
	res, err := r.Resolve("plain", from, Require)
	if err != nil || res.Path != want {
		b.Fatalf("Resolve = %v, %v; want %s", res, err, want)
	}
	b.Run("cached", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := r.Resolve("plain", from, Require); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("walk", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := r.require("plain", from, r.requireConds); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("walk-import", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := r.importResolve("plain", from); err != nil {
				b.Fatal(err)
			}
		}
	})
}
