// Package core holds the JavaScript half of the builtins that are tied to the runtime itself
// (process, console, timers, module, os, tty, perf_hooks, async_hooks, readline,
// diagnostics_channel): their Go half lives in the loader, which owns the event loop, the
// compartments and the capability gate.
package core

import (
	"embed"
	"io/fs"
	"strings"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

//go:embed *.js internal/*.js
var sources embed.FS

// Builtins lists the modules of this package. A file "internal/x.js" is the private builtin
// "internal/x"; a file "a__b.js" is the builtin "a/b".
func Builtins() []host.Builtin {
	var out []host.Builtin
	_ = fs.WalkDir(sources, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		data, err := sources.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.ReplaceAll(strings.TrimSuffix(p, ".js"), "__", "/")
		out = append(out, host.Builtin{Name: name, Source: string(data), Internal: strings.HasPrefix(name, "internal/")})
		return nil
	})
	return out
}
