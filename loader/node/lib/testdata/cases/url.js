=== legacy parse
const url = require('url');
print(url.parse('https://user:pass@sub.example.com:8080/p/a/t/h?query=string&a=1#hash'));
print(url.parse('/relative/path?x=1', true));
print(url.parse('//host/path', false, true));
print(url.parse('mailto:someone@example.com'));
print(url.parse('HTTP://EXAMPLE.com/A'));
=== legacy format and resolve
const url = require('url');
print(url.format({ protocol: 'https', hostname: 'example.com', pathname: '/x', query: { a: 1, b: 'c d' } }));
print(url.format(url.parse('http://a.com/b?c=d#e')));
print(url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one'), url.resolve('http://example.com/one', '/two'), url.resolve('http://a/b/c', '../d'));
=== whatwg helpers
const url = require('url');
print(url.URL === URL, url.URLSearchParams === URLSearchParams);
print(url.fileURLToPath('file:///tmp/a%20b.txt'), url.pathToFileURL('/tmp/x y#?.txt').href);
print(url.format(new URL('https://user:pw@example.com:81/p?q=1#frag'), { auth: false, fragment: false, search: false }));
print(url.format(new URL('https://example.com/p?q=1#frag')));
print(url.urlToHttpOptions(new URL('https://a:b@example.com:8443/p?x=1#h')));
print(url.domainToASCII('español.com'), url.domainToUnicode('xn--espaol-zwa.com'), JSON.stringify(url.domainToASCII('xn--iñvalid.com')));
