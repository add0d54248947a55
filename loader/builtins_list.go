package loader

import (
	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/child_process"
	"github.com/pkgbox/pkgbox/loader/node/crypto"
	nodefs "github.com/pkgbox/pkgbox/loader/node/fs"
	"github.com/pkgbox/pkgbox/loader/node/host"
	"github.com/pkgbox/pkgbox/loader/node/lib"
	nodenet "github.com/pkgbox/pkgbox/loader/node/net"
	"github.com/pkgbox/pkgbox/loader/node/web"
	"github.com/pkgbox/pkgbox/loader/node/zlib"
)

func init() {
	extraBuiltins = append(extraBuiltins, libBuiltins, web.Builtins, crypto.Builtins, zlib.Builtins, child_process.Builtins)
	extraBuiltins = append(extraBuiltins, nodenet.Builtins)
	extraBuiltins = append(extraBuiltins, nodefs.Builtins)
}

// libBuiltins lists loader/node/lib's sources; they share one stateless binding per runtime.
func libBuiltins() []host.Builtin {
	var out []host.Builtin
	for _, name := range lib.AllNames() {
		src, _ := lib.Source(name)
		out = append(out, host.Builtin{Name: name, Source: src, Internal: lib.Internal(name), Binding: libBinding})
	}
	return out
}

func libBinding(h host.Host) *goja.Object {
	c := h.(*Compartment)
	if c.rt.libBinding == nil {
		c.rt.libBinding = lib.Binding(c.rt.vm)
	}
	return c.rt.libBinding
}
