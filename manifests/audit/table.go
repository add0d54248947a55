package audit

import (
	"slices"
	"strings"

	"github.com/pkgbox/pkgbox/policy"
)

// What the analyser knows about Node's API comes from policy's capability table, the one the
// run-time gate enforces; this file only indexes it by the dotted names code reaches.

// namespaceOf is the dotted prefix of the table's names for a require() specifier:
// "fs/promises" → "fs.promises", "node:fs" → "fs".
func namespaceOf(spec string) string {
	return strings.ReplaceAll(strings.TrimPrefix(spec, "node:"), "/", ".")
}

type tableIndex struct {
	// prefixes holds every dotted prefix of an API name ("fs", "fs.promises", "net.Socket").
	prefixes map[string]bool
	// capsUnder lists, for a prefix, the capabilities of the APIs below it, in table order.
	capsUnder map[string][]string
	// modules are the namespaces of require()able modules that have capability APIs.
	modules map[string]bool
	// globals are the table's global APIs (fetch, WebSocket).
	globals map[string]bool
}

var table = func() *tableIndex {
	t := &tableIndex{prefixes: map[string]bool{}, capsUnder: map[string][]string{}, modules: map[string]bool{}, globals: map[string]bool{}}
	order := map[string]int{}
	for i, c := range policy.Capabilities() {
		order[c.Name] = i
	}
	for _, a := range policy.APIs() {
		if a.Module == "-" {
			if a.Form == "global" {
				t.globals[a.Name] = true
			}
			continue
		}
		caps := a.Capabilities()
		parts := strings.Split(a.Name, ".")
		for i := 1; i < len(parts); i++ {
			p := strings.Join(parts[:i], ".")
			t.prefixes[p] = true
			for _, c := range caps {
				if !slices.Contains(t.capsUnder[p], c) {
					t.capsUnder[p] = append(t.capsUnder[p], c)
				}
			}
		}
		if len(caps) > 0 {
			t.modules[namespaceOf(a.Module)] = true
		}
	}
	for p := range t.capsUnder {
		slices.SortFunc(t.capsUnder[p], func(a, b string) int { return order[a] - order[b] })
	}
	return t
}()

// returns says what object a call or construction of an API gives back, so that methods
// called on it (server.listen, socket.connect) find their rows in the table.
var returns = map[string]string{
	"net.createServer":         "net.Server",
	"net.Server":               "net.Server",
	"http.createServer":        "net.Server",
	"http.Server":              "net.Server",
	"https.createServer":       "net.Server",
	"https.Server":             "net.Server",
	"http2.createServer":       "net.Server",
	"http2.createSecureServer": "net.Server",
	"tls.createServer":         "net.Server",
	"tls.Server":               "net.Server",
	"net.Socket":               "net.Socket",
	"net.Stream":               "net.Socket",
	"tls.TLSSocket":            "net.Socket",
	"dgram.createSocket":       "dgram.Socket",
	"dns.Resolver":             "dns.Resolver",
	"dns.promises.Resolver":    "dns.Resolver",
	"module.createRequire":     "@require",
	"util.promisify":           "@same",
}

// known reports whether a dotted path names something the analyser follows.
func known(path string) bool {
	if table.prefixes[path] || strings.HasPrefix(path, "process.env.") || strings.HasPrefix(path, "vm.") {
		return true
	}
	if _, ok := policy.Lookup(path); ok {
		return true
	}
	_, ok := returns[path]
	return ok || path == "path.join" || path == "path.resolve" || path == "path.posix.join" || path == "path.posix.resolve"
}
