=== promisify and callbackify
const util = require('util');
function cbStyle(a, b, cb) { cb(null, a + b); }
util.promisify(cbStyle)(1, 2).then((v) => print('promisified', v));
function failing(cb) { cb(new Error('fail')); }
util.promisify(failing)().catch((e) => print('rejected', e.message));
function custom() {}
custom[util.promisify.custom] = () => Promise.resolve('custom!');
util.promisify(custom)().then((v) => print(v));
print(util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'));
const cbified = util.callbackify(async (x) => x * 2);
cbified(21, (err, v) => print('callbackified', err, v));
util.callbackify(() => Promise.reject(null))((err) => print(err.code, err.message, err.reason));
print(cbified.name, cbified.length);
try { util.promisify(5); } catch (e) { print(e.code, e.message); }
setTimeout(done, 10);
=== inherits and deprecate
const util = require('util');
function Base() {} Base.prototype.hi = function () { return 'hi'; };
function Sub() {} util.inherits(Sub, Base);
print(new Sub().hi(), Sub.super_ === Base);
try { util.inherits(Sub, null); } catch (e) { print(e.code, e.message); }
const dep = util.deprecate((x) => x + 1, 'old', 'DEP_X');
print(dep(1), dep(2));
=== types
const { types } = require('util');
const checks = [
  [types.isPromise, Promise.resolve()], [types.isPromise, { then() {} }],
  [types.isMap, new Map()], [types.isMap, {}], [types.isSet, new Set()], [types.isWeakMap, new WeakMap()],
  [types.isDate, new Date()], [types.isDate, Object.create(Date.prototype)], [types.isRegExp, /x/],
  [types.isNativeError, new TypeError()], [types.isNativeError, Object.create(Error.prototype)],
  [types.isTypedArray, new Uint8Array()], [types.isTypedArray, []], [types.isUint8Array, Buffer.alloc(1)],
  [types.isArrayBuffer, new ArrayBuffer(1)], [types.isDataView, new DataView(new ArrayBuffer(1))],
  [types.isAsyncFunction, async () => {}], [types.isAsyncFunction, () => {}],
  [types.isGeneratorFunction, function* () {}], [types.isGeneratorObject, (function* () {})()],
  [types.isBoxedPrimitive, new String('')], [types.isBoxedPrimitive, 's'], [types.isNumberObject, new Number(1)],
  [types.isSymbolObject, Object(Symbol())], [types.isBigIntObject, Object(1n)],
  [types.isProxy, new Proxy({}, {})], [types.isProxy, {}], [types.isArgumentsObject, (function () { return arguments; })()],
  [types.isMapIterator, new Map().keys()], [types.isSetIterator, new Set().entries()],
  [types.isArrayBufferView, Buffer.alloc(1)], [types.isAnyArrayBuffer, new ArrayBuffer(0)],
];
print(checks.map(([f, v]) => f(v)).join(','));
=== isDeepStrictEqual
const { isDeepStrictEqual: eq } = require('util');
print(eq({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), eq([1, 2], [1, '2']), eq(new Set([1, { a: 1 }]), new Set([{ a: 1 }, 1])));
print(eq(new Map([[{ k: 1 }, 'v']]), new Map([[{ k: 1 }, 'v']])), eq(NaN, NaN), eq(0, -0), eq(new Date(1), new Date(1)));
print(eq(/a/g, /a/g), eq(/a/g, /a/i), eq(Object.create(null), {}), eq([1, , 3], [1, undefined, 3]));
const c1 = { a: 1 }; c1.self = c1; const c2 = { a: 1 }; c2.self = c2; print(eq(c1, c2));
print(eq(new Uint8Array([1, 2]), new Uint8Array([1, 2])), eq(new Error('x'), new Error('x')), eq(new Error('x'), new TypeError('x')));
print(eq({ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 1 }), eq({ [Symbol.for('s')]: 1 }, {}));
=== legacy is functions
const util = require('util');
print(util.isArray([]), util.isBoolean(false), util.isBuffer(Buffer.alloc(0)), util.isDate(new Date()), util.isError(new Error()));
print(util.isFunction(() => {}), util.isNull(null), util.isNullOrUndefined(undefined), util.isNumber(1), util.isObject({}), util.isObject(null));
print(util.isPrimitive('s'), util.isPrimitive({}), util.isRegExp(/x/), util.isString(''), util.isSymbol(Symbol()), util.isUndefined(undefined));
=== strings
const util = require('util');
print(JSON.stringify(util.stripVTControlCharacters('\u001b[31mred\u001b[39m plain')));
print(JSON.stringify(util.toUSVString('a\ud800b')));
print(JSON.stringify(util.styleText('red', 'x')), JSON.stringify(util.styleText(['bold', 'underline'], 'y')));
try { util.styleText('nope', 'x'); } catch (e) { print(e.code, e.message); }
print(util.getSystemErrorName(-2), util.getSystemErrorName(-13), util.getSystemErrorMap().get(-2));
try { util.getSystemErrorName(2); } catch (e) { print(e.code, e.message); }
=== parseArgs
const { parseArgs } = require('util');
const options = { verbose: { type: 'boolean', short: 'v' }, name: { type: 'string', short: 'n' }, tag: { type: 'string', multiple: true }, level: { type: 'string', default: 'info' } };
print(parseArgs({ args: ['-v', '--name', 'bob', '--tag=a', '--tag', 'b', 'pos'], options, allowPositionals: true }));
print(parseArgs({ args: ['-vnalice'], options }));
print(parseArgs({ args: ['--verbose', '--', '--not-an-option'], options, allowPositionals: true, tokens: true }).tokens);
try { parseArgs({ args: ['--unknown'], options }); } catch (e) { print(e.code, e.message); }
try { parseArgs({ args: ['pos'], options }); } catch (e) { print(e.code, e.message); }
try { parseArgs({ args: ['--name'], options }); } catch (e) { print(e.code, e.message); }
try { parseArgs({ args: ['--verbose=yes'], options }); } catch (e) { print(e.code, e.message); }
try { parseArgs({ args: ['-n', '-x'], options }); } catch (e) { print(e.code, e.message); }
print(parseArgs({ args: ['--anything', 'x'], strict: false }));
try { parseArgs({ options: { bad: { type: 'number' } } }); } catch (e) { print(e.code, e.message); }
=== debuglog disabled
const util = require('util');
const log = util.debuglog('mysection');
print(log.enabled);
log('not printed');
=== inspect defaults
const util = require('util');
print(util.inspect.defaultOptions);
print(util.inspect.custom === Symbol.for('nodejs.util.inspect.custom'));
=== aborted
const util = require('util');
const ac = new AbortController();
util.aborted(ac.signal, {}).then(() => { print('aborted resolved'); done(); });
ac.abort();
