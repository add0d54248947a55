// The helpers internal/url exports for the url module: domainTo*, file URL conversions,
// urlToHttpOptions. In node they come from require('url'); here from the module's exports.
const urlmod = internalURL;
for (const d of ['español.com', 'xn--espaol-zwa.com', '1.2.3', '0x7f.1', 'EXAMPLE.com', 'a b', 'xn--iñvalid.com', '',
  '%41.com', '[::1]', '[::1', 'x..y', 'ab--c', 'xn--a', '\u00ad', 'faß.de', 'a\u200cb', 'a/b', 'a:b', 'a?b', 'a#b',
  '☃.net', 'xn--n3h.net', 'ＡＢＣ.com', 'a.b.c.', 'a%00b', 'xn--ls8h.la', '-x-.com']) {
  print(JSON.stringify(d), JSON.stringify(urlmod.domainToASCII(d)), JSON.stringify(urlmod.domainToUnicode(d)));
}
print(attempt(() => urlmod.domainToASCII()), attempt(() => urlmod.domainToUnicode()));
print(attempt(() => urlmod.domainToASCII(5)), attempt(() => urlmod.domainToASCII({ toString() { return 'ÄÖ.de'; } })));

for (const p of ['/a b', '/a#b', '/a?b', '/a%b', '/a\\b', '/a\nb', '/a\tb', '/é', '/a`b{c}"d^e|f[g]h~i', '/x/../y/./z//w/',
  '/', '//', '/a;b=c', '/a:b@c', '/a\u0000b', '/\ud800', '/\u{1F600}', '/C:/x', '/..', '/a/..']) {
  print(JSON.stringify(p), attempt(() => urlmod.pathToFileURL(p).href));
}
print(attempt(() => urlmod.pathToFileURL(5)), attempt(() => urlmod.pathToFileURL()));
print(attempt(() => urlmod.pathToFileURL('/x') instanceof URL));

for (const u of ['file:///a%20b', 'file://localhost/x', 'file:///a%2Fb', 'file:///a%2f', 'file:///%E2%82', 'file:///a/b/?q#h',
  new URL('file:///x/%C3%A9'), 'http://x/', 'file://host/x', 'not a url', 'file:///%00']) {
  print(JSON.stringify(String(u)), attempt(() => urlmod.fileURLToPath(u)));
}
print(attempt(() => urlmod.fileURLToPath({ href: 'file:///a', protocol: 'file:', hostname: '', pathname: '/zz' })));
print(attempt(() => urlmod.fileURLToPath({ href: 'file:///a', protocol: 'file:', hostname: '', pathname: '/zz', path: '/' })));
print(attempt(() => urlmod.fileURLToPath(5)), attempt(() => urlmod.fileURLToPath()));

for (const u of ['https://a:b@[::1]:99/p?q#h', 'http://xn--espaol-zwa.com/', 'http://h', 'http://%C3%A9:%40@h/', 'file:///x']) {
  const o = urlmod.urlToHttpOptions(new URL(u));
  print(Object.getPrototypeOf(o) === null, show(Object.assign({}, o)));
}
const extended = new URL('http://h/');
extended.extra = 1;
print(show(Object.assign({}, urlmod.urlToHttpOptions(extended))));
print(show(Object.assign({}, urlmod.urlToHttpOptions({ hostname: 'h', pathname: '/p', port: '', search: '' }))));
