package resolve

import "strings"

// node20Builtins is require('module').builtinModules of Node 20.20 plus the
// modules it only serves with the "node:" prefix. It is the default for
// Config.IsBuiltin; pkgbox passes the set it actually implements.
var node20Builtins = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`_http_agent _http_client _http_common _http_incoming _http_outgoing
		_http_server _stream_duplex _stream_passthrough _stream_readable _stream_transform _stream_wrap
		_stream_writable _tls_common _tls_wrap assert assert/strict async_hooks buffer child_process cluster
		console constants crypto dgram diagnostics_channel dns dns/promises domain events fs fs/promises
		http http2 https inspector inspector/promises module net os path path/posix path/win32 perf_hooks
		process punycode querystring readline readline/promises repl stream stream/consumers
		stream/promises stream/web string_decoder sys timers timers/promises tls trace_events tty url util
		util/types v8 vm wasi worker_threads zlib test test/reporters sea`) {
		m[n] = true
	}
	return m
}()

// Node20Builtin reports whether Node 20 has a builtin module of that name
// (without "node:"); usable as Config.IsBuiltin.
func Node20Builtin(name string) bool { return node20Builtins[name] }

// schemeOnly names builtins that exist only as "node:x": require("test")
// looks for an npm package called test.
var schemeOnly = map[string]bool{"test": true, "test/reporters": true, "sea": true, "sqlite": true}

func (r *Resolver) isBuiltin(name string) bool { return r.cfg.IsBuiltin(name) }

// builtinWithoutScheme is canBeRequiredWithoutScheme.
func (r *Resolver) builtinWithoutScheme(name string) bool {
	return !schemeOnly[name] && r.isBuiltin(name)
}

// requirableBuiltin is normalizeRequirableId: the builtin a specifier names.
func (r *Resolver) requirableBuiltin(spec string) (string, bool) {
	if name, ok := strings.CutPrefix(spec, "node:"); ok {
		return name, r.isBuiltin(name)
	}
	return spec, r.builtinWithoutScheme(spec)
}
