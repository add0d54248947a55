package sandbox_test

import (
	"context"
	"testing"

	"github.com/pkgbox/pkgbox/sandbox"
)

// Calls of a trivial function, each with fresh globals and module instances:
//
//	go test ./sandbox -run X -bench Call -benchtime 3s
//
// BenchmarkCallLatency is one call at a time (ns/op is the latency of one call);
// BenchmarkCallParallel keeps every runtime of the pool busy (calls/s = 1e9 / ns/op).
func BenchmarkCallLatency(b *testing.B) {
	s, err := sandbox.Open(fixture, sandbox.Options{CacheDir: b.TempDir(), Runtimes: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Call(ctx, "whole.js", "", i); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCallParallel(b *testing.B) {
	s, err := sandbox.Open(fixture, sandbox.Options{CacheDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Call(ctx, "whole.js", "", 1); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkCallWithDependency loads a module that requires a package (two compartments per call).
func BenchmarkCallWithDependency(b *testing.B) {
	s, err := sandbox.Open(fixture, sandbox.Options{CacheDir: b.TempDir(), Runtimes: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Call(ctx, "fns.js", "add", 1, 2); err != nil {
			b.Fatal(err)
		}
	}
}
