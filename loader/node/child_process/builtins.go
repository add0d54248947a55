package child_process

import (
	_ "embed"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

//go:embed child_process.js
var source string

// Builtins returns the child_process module. Its source requires "events", "stream",
// "internal/errors" and "internal/validators" from loader/node/lib.
func Builtins() []host.Builtin {
	return []host.Builtin{{Name: "child_process", Source: source, Binding: Binding}}
}
