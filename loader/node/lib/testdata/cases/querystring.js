=== parse
const qs = require('querystring');
print(qs.parse('a=1&b=2&a=3'), qs.parse(''), qs.parse('a'), qs.parse('='), qs.parse('&&a=1&&'));
print(qs.parse('a+b=c+d&e=%20f%zz&%E2%82%AC=euro'));
print(qs.parse('a:1;b:2', ';', ':'), qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 }));
print(qs.parse('a=%41', null, null, { decodeURIComponent: (s) => s.toLowerCase() }));
=== stringify
const qs = require('querystring');
print(qs.stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: undefined, f: 1e21, g: 10n, h: {} }));
print(qs.stringify({ 'k y': 'ü€' }), qs.stringify({ a: 1 }, ';', ':'), qs.stringify('x'), qs.stringify({ a: [] }));
print(qs.stringify({ a: 'b' }, null, null, { encodeURIComponent: (s) => s.toUpperCase() }));
=== escape and unescape
const qs = require('querystring');
print(qs.escape('a b&c/ü'), qs.unescape('a%20b%zz'), qs.unescapeBuffer('a%20b+c'), qs.unescapeBuffer('a+b', true).toString());
try { qs.escape('\ud800'); } catch (e) { print(e.name, e.code, e.message); }
