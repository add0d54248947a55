package fs

import (
	_ "embed"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

//go:embed fs.js
var fsSource string

// Builtins returns "fs" and "fs/promises". fs.js requires buffer, stream, events, util, url and
// internal/errors from loader/node/lib.
func Builtins() []host.Builtin {
	return []host.Builtin{
		{Name: "fs", Source: fsSource, Binding: Binding},
		{Name: "fs/promises", Source: "module.exports = require('fs').promises;\n"},
	}
}
