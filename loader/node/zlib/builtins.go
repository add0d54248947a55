package zlib

import (
	_ "embed"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

//go:embed zlib.js
var zlibSource string

// Builtins returns the zlib module. Its source requires "stream" (Node's Transform) and
// "internal/pkgbox/errors", which crypto.Builtins provides.
func Builtins() []host.Builtin {
	return []host.Builtin{{Name: "zlib", Source: zlibSource, Binding: Binding}}
}
