package loader

import (
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/core"
	"github.com/pkgbox/pkgbox/loader/node/host"
)

// builtinDef is one builtin module: CommonJS source evaluated per compartment, with an optional
// Go binding, or a module built entirely in Go (init).
type builtinDef struct {
	name     string
	source   string
	internal bool
	binding  func(c *Compartment) goja.Value
	init     func(c *Compartment, module *goja.Object)
}

// nodeBuiltinNames are the modules Node 20 has. Those pkgbox does not provide yet still count as
// builtins (require('v8') must not find an npm package called v8): loading one throws
// ERR_UNKNOWN_BUILTIN_MODULE naming it.
var nodeBuiltinNames = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`_http_agent _http_client _http_common _http_incoming _http_outgoing _http_server
		_stream_duplex _stream_passthrough _stream_readable _stream_transform _stream_wrap _stream_writable
		_tls_common _tls_wrap assert assert/strict async_hooks buffer child_process cluster console constants
		crypto dgram diagnostics_channel dns dns/promises domain events fs fs/promises http http2 https inspector
		inspector/promises module net os path path/posix path/win32 perf_hooks process punycode querystring
		readline readline/promises repl stream stream/consumers stream/promises stream/web string_decoder sys
		timers timers/promises tls trace_events tty url util util/types v8 vm wasi worker_threads zlib`) {
		nodeBuiltinNames[n] = true
	}
}

// nodePrefixOnly are builtins that exist only with the node: prefix.
var nodePrefixOnly = map[string]bool{"test": true, "test/reporters": true, "sea": true, "sqlite": true}

var (
	builtinOnce sync.Once
	builtinDefs map[string]*builtinDef
)

// builtinTable gathers every builtin pkgbox provides (built once per process; definitions are
// immutable). Later sources override earlier ones.
func builtinTable() map[string]*builtinDef {
	builtinOnce.Do(func() { builtinDefs = makeBuiltinTable() })
	return builtinDefs
}

func makeBuiltinTable() map[string]*builtinDef {
	t := map[string]*builtinDef{}
	add := func(list []host.Builtin) {
		for _, b := range list {
			b := b
			def := &builtinDef{name: b.Name, source: b.Source, internal: b.Internal}
			if b.Binding != nil {
				def.binding = func(c *Compartment) goja.Value { return b.Binding(c) }
			}
			t[b.Name] = def
		}
	}
	for _, list := range extraBuiltins {
		add(list())
	}
	add(core.Builtins())
	for name, b := range coreBindings {
		if def := t[name]; def != nil {
			def.binding = b
		}
	}
	for name, def := range goBuiltins() {
		t[name] = def
	}
	return t
}

// extraBuiltins are the builtin groups of sub-packages, registered in builtins_list.go.
var extraBuiltins []func() []host.Builtin

// isBuiltin is the resolver's test: true for every Node builtin name, provided or not.
func (rt *Runtime) isBuiltin(name string) bool {
	if nodeBuiltinNames[name] {
		return true
	}
	def := rt.builtins[name]
	return def != nil && !def.internal
}

// builtinName reports whether spec names a builtin ("fs", "node:fs", "node:test") and returns the
// name without the prefix.
func (rt *Runtime) builtinName(spec string) (string, bool) {
	if strings.HasPrefix(spec, "node:") {
		name := spec[5:]
		return name, rt.isBuiltin(name) || nodePrefixOnly[name]
	}
	if rt.isBuiltin(spec) {
		return spec, true
	}
	return "", false
}

// publicBuiltinNames is require('module').builtinModules, sorted once per process (every
// compartment that builds its Module asks). The slice is shared: callers must not modify it.
var publicBuiltinNames = sync.OnceValue(func() []string {
	names := make([]string, 0, len(nodeBuiltinNames))
	for n := range nodeBuiltinNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
})
