// Package asyncrace holds only a test: bursts of the async operations of every Go-backed builtin
// (fs, fs.promises, child_process, zlib, crypto, net, http, dns) in one run, meant for
// `go test -race`. The builtins do their I/O on goroutines and must hand JavaScript's values to
// them only as plain Go values; the race detector checks that they do.
package asyncrace
