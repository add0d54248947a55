=== primitives
const { inspect } = require('util');
print(inspect(1), inspect(-0), inspect(1.5e300), inspect(NaN), inspect(123456789n), inspect(true), inspect(null), inspect(undefined));
print(inspect('str'), inspect("it's"), inspect('both \' and "'), inspect('a\nb\tc\u0001'), inspect(Symbol('s')), inspect(Symbol()), inspect(Symbol.iterator));
=== nested objects and depth
const { inspect } = require('util');
const o = { a: 1, b: { c: { d: { e: { f: 1 } } } }, arr: [[1, [2, [3, [4]]]]] };
print(inspect(o));
print(inspect(o, { depth: 0 }));
print(inspect(o, { depth: Infinity }));
print(inspect(o, { compact: false }));
print(inspect(o, { breakLength: Infinity }));
=== arrays
const { inspect } = require('util');
print(inspect([]), inspect([1, 2, 3]), inspect([, 1, , , 2, ,]), inspect(new Array(5)));
const a = [1, 2]; a.extra = 'x'; a[-1] = 5; print(inspect(a));
print(inspect(Array.from({ length: 120 }, (_, i) => i)));
print(inspect(Array.from({ length: 30 }, (_, i) => 'item' + i)));
print(inspect([['a', 1], ['b', 2]]));
print(inspect(Array.from({ length: 7 }, (_, i) => ({ id: i, name: 'n' + i }))));
print(inspect([1, 2, 3], { maxArrayLength: 2 }), inspect([1, 2, 3], { maxArrayLength: 0 }));
=== long strings
const { inspect } = require('util');
const s = 'x'.repeat(200);
print(inspect(s));
print(inspect({ s }));
print(inspect('a'.repeat(20000)).length);
print(inspect('abcdef', { maxStringLength: 3 }));
print(inspect({ text: 'line one\nline two\nline three that is a bit longer than the others so it wraps maybe' }));
=== maps and sets
const { inspect } = require('util');
print(inspect(new Map()), inspect(new Set()));
print(inspect(new Map([['a', 1], [{ k: 1 }, [1, 2]]])));
print(inspect(new Set([1, 'two', [3]])));
const m = new Map([[1, 2]]); m.extra = true; print(inspect(m));
print(inspect(new Map(Array.from({ length: 120 }, (_, i) => [i, i]))).split('\n').length);
print(inspect(new WeakMap()), inspect(new WeakSet()));
print(inspect({ m: new Map([['nested', new Map([['deep', new Set([1])]])]]) }, { depth: 1 }));
=== typed arrays and buffers
const { inspect } = require('util');
print(inspect(new Uint8Array([1, 2, 3])), inspect(new Float64Array([1.5, -0])), inspect(new BigInt64Array([1n])));
print(inspect(new Uint8Array(0)), inspect(new Int16Array(200)).split('\n').length);
print(inspect(new ArrayBuffer(4)));
print(inspect(new DataView(new ArrayBuffer(2))));
print(inspect(Buffer.from('hello')), inspect(Buffer.alloc(0)), inspect(Buffer.alloc(51)));
const b = Buffer.from('ab'); b.tag = 1; print(inspect(b));
print(inspect({ buf: Buffer.from([1, 2, 3]) }));
=== dates and regexps
const { inspect } = require('util');
print(inspect(new Date(0)), inspect(new Date(1700000000123)), inspect(new Date(NaN)));
print(inspect(/ab+c/gi), inspect(/a\/b/), inspect(/x/y));
const d = new Date(0); d.foo = 1; print(inspect(d));
const r = /r/; r.bar = 2; print(inspect(r));
print(inspect({ when: new Date(86400000), re: /z/m }));
=== functions and classes
const { inspect } = require('util');
function foo() {}
const anon = (() => () => {})();
class A {}
class B extends A { constructor() { super(); this.x = 1; } }
print(inspect(foo), inspect(anon), inspect(A), inspect(B), inspect(new B()), inspect(new A()));
print(inspect(async function af() {}), inspect(function* gen() {}), inspect(Math.max), inspect(class {}));
foo.prop = 1; print(inspect(foo));
print(inspect({ method() {}, arrow: () => 1, async am() {} }));
class C { constructor() { this.a = 1; } get g() { return 2; } static s() {} }
print(inspect(new C()), inspect(C));
print(inspect(Object.create(C.prototype)));
=== null prototype and toStringTag
const { inspect } = require('util');
const n = Object.create(null); n.a = 1;
print(inspect(n), inspect(Object.create(null)));
class T { get [Symbol.toStringTag]() { return 'Tagged'; } }
print(inspect(new T()));
print(inspect({ [Symbol.toStringTag]: 'Custom', x: 1 }));
const fake = Object.create(Array.prototype); print(inspect(fake));
=== getters and setters
const { inspect } = require('util');
const o = { get a() { return 1; }, set b(v) {}, get c() { return 3; }, set c(v) {} };
print(inspect(o));
print(inspect(o, { getters: true }));
print(inspect({ get thrower() { throw new Error('nope'); } }, { getters: true }));
=== symbols as keys and non-enumerable
const { inspect } = require('util');
const o = { [Symbol('k')]: 1, regular: 2 };
Object.defineProperty(o, 'hidden', { value: 3, enumerable: false });
print(inspect(o), inspect(o, { showHidden: true }));
print(inspect([1, 2], { showHidden: true }));
=== circular references
const { inspect } = require('util');
const a = { name: 'a' }; a.self = a;
print(inspect(a));
const b = { x: {} }; b.x.y = b; b.arr = [b, b.x];
print(inspect(b));
const m = new Map(); m.set('me', m); print(inspect(m));
const arr = [1]; arr.push(arr); print(inspect(arr));
=== errors
const { inspect } = require('util');
const e = new Error('boom');
print(inspect(e).split('\n')[0]);
const t = new TypeError('bad type'); t.code = 'E_X'; t.extra = { a: 1 };
print(inspect(t));
print(inspect({ err: new RangeError('r') }));
class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
print(inspect(new MyError('mine')));
const c = new Error('outer', { cause: new Error('inner') }); print(inspect(c));
const noStack = new Error('ns'); noStack.stack = undefined; print(inspect(noStack));
const emptyMsg = new Error(''); print(inspect(emptyMsg).split('\n')[0]);
print(inspect(new AggregateError([new Error('x')], 'agg')));
=== boxed primitives
const { inspect } = require('util');
print(inspect(new String('abc')), inspect(new Number(-0)), inspect(new Boolean(false)), inspect(Object(Symbol('s'))), inspect(Object(10n)));
const s = new String('xy'); s.extra = 1; print(inspect(s));
=== promises and proxies
const { inspect } = require('util');
print(inspect(Promise.resolve(42)), inspect(Promise.reject(new Error('no')).catch(() => {}) && Promise.resolve({ a: [1] })));
const rej = Promise.reject(3); rej.catch(() => {}); print(inspect(rej));
print(inspect(new Promise(() => {})));
const p = new Proxy({ a: 1 }, {}); print(inspect(p), inspect(p, { showProxy: true }));
const pf = new Proxy(function f() {}, {}); print(inspect(pf));
const arrP = new Proxy([1, 2], {}); print(inspect(arrP));
=== custom inspect
const util = require('util');
const o = { [util.inspect.custom](depth, opts, insp) { return { custom: true, depth, hasInspect: typeof insp === 'function' }; } };
print(util.inspect(o));
print(util.inspect({ inner: { [util.inspect.custom]() { return 'CUSTOM'; } } }));
print(util.inspect({ inner: { inspect() { return 'legacy'; } } }));
=== iterators and arguments
const { inspect } = require('util');
print(inspect((function () { return arguments; })(1, 'a')));
print(inspect([1, 2][Symbol.iterator]()));
print(inspect('ab'[Symbol.iterator]()));
print(inspect((function* () { yield 1; })()));
=== sorted and compact options
const { inspect } = require('util');
const o = { b: 2, a: 1, c: { z: 1, y: 2 } };
print(inspect(o, { sorted: true }));
print(inspect(o, { compact: 1 }));
print(inspect(o, { compact: true, breakLength: 10 }));
print(inspect([1, 2, 3].map((i) => ({ i })), { compact: false }));
print(inspect({ a: 123456789, b: -1234.5678 }, { numericSeparator: true }));
=== colors
const { inspect } = require('util');
print(JSON.stringify(inspect({ a: 1, s: 'x', n: null, u: undefined, b: true, d: new Date(0), r: /x/, sym: Symbol('q'), big: 1n }, { colors: true })));
print(Object.keys(inspect.colors).length, Object.keys(inspect.styles).join(','));
=== big object
const { inspect } = require('util');
const o = {};
for (let i = 0; i < 30; i++) o['key' + i] = i % 3 === 0 ? { nested: i } : i;
print(inspect(o));
const wide = {}; for (let i = 0; i < 5; i++) wide['k' + i] = 'v'.repeat(i * 5);
print(inspect(wide));
=== keys needing quotes
const { inspect } = require('util');
print(inspect({ 'a-b': 1, '1x': 2, valid_id: 3, 'with space': 4, "q'uote": 5, '': 6, 10: 7 }));
=== class instances with many fields
const { inspect } = require('util');
class Point { constructor(x, y) { this.x = x; this.y = y; } }
print(inspect([new Point(1, 2), new Point(3, 4)]));
class Empty {}
print(inspect(new Empty()), inspect({ e: new Empty() }));
class WithNull { constructor() { this.v = null; } }
Object.setPrototypeOf(WithNull.prototype, null);
print(inspect(new WithNull()));
=== global-ish objects
const { inspect } = require('util');
print(inspect(Math).split('\n')[0]);
print(inspect(JSON));
print(inspect(Reflect).split('\n')[0]);
