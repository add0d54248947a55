package net

import (
	_ "embed"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

var (
	//go:embed js/net.js
	netJS string
	//go:embed js/dns.js
	dnsJS string
	//go:embed js/tls.js
	tlsJS string
	//go:embed js/http.js
	httpJS string
	//go:embed js/fetch.js
	fetchJS string
)

// Builtins returns net, dns, dns/promises, tls, http, https and the fetch globals. The modules that
// need Go get their own Binding for their compartment; sockets and parsers are handle objects that
// carry their state in Go closures, so they work whichever module's binding made them.
func Builtins() []host.Builtin {
	return []host.Builtin{
		{Name: "internal/pkgbox/net", Internal: true, Source: netJS, Binding: Binding},
		{Name: "net", Source: "module.exports = require('internal/pkgbox/net').net;"},
		{Name: "dns", Source: dnsJS, Binding: Binding},
		{Name: "dns/promises", Source: "module.exports = require('dns').promises;"},
		{Name: "tls", Source: tlsJS},
		{Name: "internal/pkgbox/http", Internal: true, Source: httpJS, Binding: Binding},
		{Name: "http", Source: "module.exports = require('internal/pkgbox/http').http;"},
		{Name: "https", Source: "module.exports = require('internal/pkgbox/http').https;"},
		{Name: "internal/pkgbox/fetch", Internal: true, Source: fetchJS},
	}
}

// GlobalNames are the exports of internal/pkgbox/fetch the loader should install as globals
// (Node 20's fetch API).
func GlobalNames() map[string][]string {
	return map[string][]string{
		"internal/pkgbox/fetch": {"fetch", "Headers", "Request", "Response", "FormData"},
	}
}
