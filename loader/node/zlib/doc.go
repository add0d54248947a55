// Package zlib is Node's zlib builtin for pkgbox: zlib.js gives the module Node's API (sync,
// callback and stream forms, options, constants, errors) and Binding gives it Go engines:
// compress/flate with zlib and gzip framing written here, and andybalholm/brotli.
//
// Compressed bytes differ from zlib's (another compressor), but every output decompresses with
// node and node's output decompresses here; the tests check both ways. Where Go's flate cannot
// do what zlib does (full and partial flushes, strategies, small windows, partial-block output
// while inflating) deflate.go and inflate.go say what happens instead.
package zlib
