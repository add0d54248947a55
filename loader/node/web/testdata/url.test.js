// URL: parsing, getters, setters, errors, statics, shape and inspect output.
const attrs = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
function dump(u) {
  return attrs.map((a) => `${a}=${JSON.stringify(u[a])}`).join(' ');
}

const cases = [
  ['https://user:pw@example.com:8080/p/a?x=1&y=2#h'],
  ['HTTP://EXAMPLE.COM/%7Efoo/../bar/./baz'],
  ['http://example.com:80/'],
  ['https://example.com:443/'],
  ['ws://h:80/', undefined],
  ['file:///C:/x/../y'],
  ['file://localhost/etc/passwd'],
  ['file:c:\\foo\\bar.html', 'file:///tmp/mock/path'],
  ['//x/y', 'https://base/'],
  ['../a', 'http://h/b/c/d'],
  ['?q', 'http://h/p?old#f'],
  ['#frag', 'http://h/p?q'],
  ['mailto:someone@example.com'],
  ['data:text/plain,hello world'],
  ['javascript:alert(1)'],
  ['blob:https://a.com/uuid'],
  ['blob:ftp://a/x'],
  ['non-special://host:99/p?q#f'],
  ['sc://ñ.com/'],
  ['http://ñ.com/'],
  ['http://faß.de/'],
  ['http://xn--nxasmq6b.com/'],
  ['http://[::1]:3000/'],
  ['http://[1:0:0:0:0:0:0:0]/'],
  ['http://[::ffff:192.168.0.1]/'],
  ['http://0x7f.1/'],
  ['http://2130706433/'],
  ['http://192.168.0.257/'],
  ['http://1.2.3.4.5/'],
  ['http://%30/'],
  ['http://a b/'],
  ['http://exa%mple.com/'],
  ['http://example.com/ä?ä#ä'],
  ["http://h/?'\"<>`", undefined],
  ["foo://h/?'\"<>`", undefined],
  ['http://h/a\tb\nc'],
  ['  http://h/trim  '],
  ['http:/\\/h/p'],
  ['http:h/p', 'http://base/x'],
  ['https://:@h/'],
  ['http://a:b@c:d/'],
  ['http://@/'],
  ['foo'],
  ['foo', 'not a url'],
  [''],
  ['', 'http://h/p?q#f'],
  ['http://h/\uD800'],
  ['http://[::1.2.3.4]/'],
  ['http://[1::2::3]/'],
  ['https://example.com/path/with%2Fslash'],
  ['http://h/..%2e/x'],
  ['http://h:65535/'],
  ['http://h:65536/'],
  ['urn:isbn:0451450523'],
  ['non-spec:/.//p'],
  ['non-spec:/..//p'],
];
for (const [input, base] of cases) {
  try {
    const u = base === undefined ? new URL(input) : new URL(input, base);
    print(JSON.stringify(input), dump(u));
  } catch (e) {
    print(JSON.stringify(input), 'throws', errInfo(e), JSON.stringify(e.input), JSON.stringify(e.base), Object.keys(e).join(','));
  }
}

// Setters.
const setterCases = [
  ['http://h/p', 'protocol', 'https'],
  ['http://h/p', 'protocol', 'foo'],
  ['foo://h/p', 'protocol', 'http'],
  ['http://u@h/', 'protocol', 'file'],
  ['http://h:8080/', 'protocol', 'https:'],
  ['https://h:443/', 'protocol', 'http'],
  ['http://h/', 'protocol', 'ht tp'],
  ['http://h/', 'username', 'us er@:'],
  ['http://h/', 'password', 'p@ss:w/rd'],
  ['file:///x', 'username', 'u'],
  ['mailto:x', 'password', 'p'],
  ['http://h/p', 'host', 'example.com:99'],
  ['http://h:1/p', 'host', 'example.com'],
  ['http://h/p', 'host', 'example.com:99999'],
  ['http://h/p', 'host', ''],
  ['foo://h/p', 'host', ''],
  ['http://h/p', 'host', '[::1]:8'],
  ['mailto:x', 'host', 'h'],
  ['http://h/p', 'hostname', 'a.b:99'],
  ['http://h/p', 'hostname', 'ÑÑ.com'],
  ['file://h/p', 'hostname', 'localhost'],
  ['http://h/p', 'port', '8080stuff'],
  ['http://h:99/p', 'port', ''],
  ['http://h/p', 'port', '80'],
  ['http://h/p', 'port', '65536'],
  ['http://h/p', 'port', 'x'],
  ['file:///p', 'port', '1'],
  ['http://h/p', 'pathname', 'a b/c?d#e'],
  ['http://h/p', 'pathname', '/../..'],
  ['mailto:x', 'pathname', 'y'],
  ['foo://h/p', 'pathname', ''],
  ['http://h/p?q', 'search', ''],
  ['http://h/p', 'search', '?a=b c'],
  ['http://h/p', 'search', "??'x"],
  ['http://h/p#f', 'search', 'q'],
  ['http://h/p', 'hash', 'a b'],
  ['http://h/p#x', 'hash', ''],
  ['http://h/p', 'hash', '##x'],
  ['data:space    ?query', 'search', ''],
  ['data:space    #f', 'hash', ''],
  ['data:space  ?q#f', 'search', ''],
  ['http://h/p', 'href', 'https://other/x'],
  ['http://h/p', 'href', 'not a url'],
];
for (const [input, attr, value] of setterCases) {
  const u = new URL(input);
  try {
    u[attr] = value;
    print(`${JSON.stringify(input)}.${attr} = ${JSON.stringify(value)} ->`, dump(u));
  } catch (e) {
    print(`${JSON.stringify(input)}.${attr} = ${JSON.stringify(value)} throws`, errInfo(e), Object.keys(e).join(','));
  }
}

// Conversions of the argument.
print(attempt(() => new URL({ toString() { return 'http://obj/'; } }).href));
print(attempt(() => new URL('a', new URL('http://base/dir/')).href));
print(attempt(() => new URL()));
print(attempt(() => new URL(Symbol('s'))));
print(attempt(() => String(new URL('http://h/x'))), attempt(() => JSON.stringify({ u: new URL('http://h/x') })));

// Statics.
print(attempt(() => URL.canParse('http://x')), attempt(() => URL.canParse('x')), attempt(() => URL.canParse('x', 'http://b')));
print(attempt(() => URL.canParse()));
print(attempt(() => URL.parse('x')), attempt(() => URL.parse('x', 'http://b/').href));
print(attempt(() => URL.createObjectURL({})));
print(attempt(() => URL.revokeObjectURL('blob:nodedata:x')));
print(attempt(() => URL.revokeObjectURL()));

// Shape, as WebIDL and Node define it.
print(describe(URL.prototype));
print(describe(URL));
print(URL.length, URL.name, Object.prototype.toString.call(new URL('http://h')));
print(attempt(() => Object.getOwnPropertyDescriptor(URL.prototype, 'href').get.call({})));
print(attempt(() => URL.prototype.toString.call(5)));
print(Object.keys(new URL('http://h/')).length);
class MyURL extends URL {}
const mine = new MyURL('http://sub/');
print(mine instanceof URL, mine.href, mine.constructor.name);

// Inspect output.
print(inspect(new URL('https://user:pw@example.com:8080/p/a?x=1&y=2#h')));
print(inspect({ a: { b: new URL('http://h/') } }, { depth: 1 }));
print(inspect(new URL('http://h/?q=1'), { depth: 0 }));
print(inspect(new MyURL('http://b/')));
