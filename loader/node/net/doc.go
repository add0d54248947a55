// Package net provides Node's net, dns, tls, http, https modules and the fetch API for pkgbox.
//
// Go does the I/O (one reader goroutine per socket, an accept loop per server) and posts results
// to the event loop. A write is first tried without blocking on the JavaScript goroutine and, when
// the kernel takes it whole, completes at once as in Node; the rest goes to an ordered writer
// goroutine. A ref'd socket or server holds the loop, so closing the last one lets the process
// exit. Every connect passes the gate as net.connect before anything leaves
// the machine: a unix path as unix:PATH; an IP literal once, normalised (decimal, octal, hex,
// IPv4-mapped and 0.0.0.0 spellings become the address really dialled) with resource.ips set; a
// host name first by name, before its DNS query, then again with the addresses it resolved to in
// resource.ips — and only those addresses are dialled. listen is net.listen, look-ups net.resolve.
// HTTP is JavaScript (js/http.js) over these sockets with a Go HTTP/1.1 parser (httpparser.go),
// which a server feeds straight from the socket's handle, as Node's parser.consume does;
// fetch follows redirects itself, one gated request per hop.
package net
