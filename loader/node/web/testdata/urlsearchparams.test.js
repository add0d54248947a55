// URLSearchParams: constructors, methods, serialization, live binding with URL, iterators, inspect.
const list = (p) => show([...p]);

print(list(new URLSearchParams('a=1&b=2&a=3')));
print(list(new URLSearchParams('?a=1')), list(new URLSearchParams('??a=1')));
print(list(new URLSearchParams('a+b=c+d&%zz=%41%42&&=x&y&y=&=')));
print(list(new URLSearchParams('%FF%FE=%E2%82&x=%C3%A9')));
print(list(new URLSearchParams({ a: 1, b: 'two', c: { d: 1 } })));
print(attempt(() => new URLSearchParams({ [Symbol('s')]: 'x' })));
print(list(new URLSearchParams([['a', '1'], ['b', 2], new Set(['c', 3])])));
print(list(new URLSearchParams(new Map([['m', 'v']]))));
print(list(new URLSearchParams(new URLSearchParams('copy=1'))));
print(list(new URLSearchParams(undefined)), list(new URLSearchParams(null)), list(new URLSearchParams('')));
print(list(new URLSearchParams(12)), list(new URLSearchParams(true)));
print(list(new URLSearchParams({ '\uD800': 'x', '\uDC00': 'y' })));
print(list(new URLSearchParams([['\uD83D\uDE00\uD800', '\uDFFF']])));
print(attempt(() => new URLSearchParams([['a']])));
print(attempt(() => new URLSearchParams([['a', 'b', 'c']])));
print(attempt(() => new URLSearchParams([5])));
print(attempt(() => new URLSearchParams([null])));
print(attempt(() => new URLSearchParams({ [Symbol.iterator]: 5 })));
print(attempt(() => new URLSearchParams(Object.create(null))));

const p = new URLSearchParams('a=1&b=2&a=3&c=4');
print(p.get('a'), p.get('z'), show(p.getAll('a')), p.has('a'), p.has('a', '3'), p.has('a', '9'), p.size);
p.append('d', 'x y');
p.set('a', 'only');
print(p.toString());
p.delete('b');
p.delete('a', 'nope');
print(p.toString());
p.delete('a', 'only');
print(p.toString(), p.size);
p.append('z', '1'); p.append('b', '2'); p.append('é', 'ü'); p.append('B', '3'); p.append('b', '1');
p.sort();
print(p.toString());
print(attempt(() => p.get()), attempt(() => p.append('x')), attempt(() => p.set()), attempt(() => p.has()));
print(attempt(() => p.forEach(5)));
print(attempt(() => URLSearchParams.prototype.get.call({}, 'a')));
print(attempt(() => URLSearchParams.prototype.toString.call(new URL('http://h'))));

// Serialization of every ASCII character and some others.
let all = '';
const chars = [];
for (let c = 0; c < 128; c++) chars.push(String.fromCharCode(c));
all = chars.join('');
print(new URLSearchParams([[all, all]]).toString());
print(new URLSearchParams([['k', '\u00e9\u20ac\uD83D\uDE00 ~*']]).toString());

// forEach sees pairs added while it runs.
const q = new URLSearchParams('a=1&b=2');
const seen = [];
q.forEach(function (v, k, o) { seen.push(`${k}=${v}`); if (k === 'a') o.append('c', '3'); print(this === undefined ? 'this undefined' : this.tag, o === q); }, { tag: 'T' });
print(show(seen));

// Iterators.
const it = q.entries();
print(show(it.next()), show(it.next()));
q.append('late', 'x');
print(show([...it]));
print(show([...q.keys()]), show([...q.values()]), show(q[Symbol.iterator] === q.entries));
print(Object.prototype.toString.call(q.keys()), typeof q.keys()[Symbol.iterator], q.keys()[Symbol.iterator]().toString());
print(attempt(() => q.keys().next.call({})));

// Live binding with URL.
const u = new URL('http://h/p?x=1&y=2#frag');
const sp = u.searchParams;
print(sp === u.searchParams, sp.get('x'));
sp.append('z', 'a b');
print(u.href);
sp.delete('x'); sp.delete('y'); sp.delete('z');
print(u.href, JSON.stringify(u.search));
u.search = '?m=1&m=2';
print(show(sp.getAll('m')), sp.size);
u.href = 'http://other/?n=5';
print(sp.get('n'), sp.get('m'));
u.hash = 'h';
print(sp.toString());
u.search = '';
print(sp.size, u.href);
sp.set('k', "v'");
print(u.href);
const opaque = new URL('data:space  ?q=1');
opaque.searchParams.delete('q');
print(JSON.stringify(opaque.href));
const fu = new URL('foo://h/?a=1');
fu.searchParams.append('b', "'");
print(fu.href);

// Shape and inspect output.
print(describe(URLSearchParams.prototype));
print(describe(Object.getPrototypeOf(new URLSearchParams().keys())));
print(URLSearchParams.length, Object.prototype.toString.call(new URLSearchParams()));
print(inspect(new URLSearchParams('a=1&b=2')));
print(inspect(new URLSearchParams()));
print(inspect(new URLSearchParams('a=1&b=2&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&c=3')));
print(inspect(new URLSearchParams("q='x'&n=\n")));
print(inspect([new URLSearchParams('a=1')], { depth: 0 }));
const ks = new URLSearchParams('a=1&b=2&c=3').keys();
ks.next();
print(inspect(ks));
print(inspect(new URLSearchParams('a=1&b=2').entries()));
print(inspect(new URLSearchParams('a=1').values()));
const done = new URLSearchParams('a=1').values(); done.next();
print(inspect(done));
print(inspect(new URLSearchParams('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&c=3').entries()));
