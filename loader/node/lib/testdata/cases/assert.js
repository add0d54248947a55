=== deepStrictEqual diffs
const assert = require('assert');
const tries = [
  [{ a: 1, b: [1, 2, 3] }, { a: 1, b: [1, 2, 4] }],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]],
  [{ a: 1 }, { a: '1' }],
  [1, 2], ['a', 'b'], [1, '1'], [[1], [2]],
  ['a long string value here', 'a long string value HERE'],
  [{ x: { y: { z: 1 } } }, { x: { y: { z: 2 } } }],
  [new Map([[1, 2]]), new Map([[1, 3]])],
  [new Set([1, 2]), new Set([1, 3])],
  [{ a: Symbol.for('x') }, { a: Symbol.for('x'), b: 1 }],
  [Array.from({ length: 30 }, (_, i) => i), Array.from({ length: 30 }, (_, i) => (i === 15 ? -1 : i))],
  [{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }, { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 8 }],
  [[1, 2, 3], [1, 2, 3, 4]],
  [new Date(0), new Date(1)],
  [Object.create(null), {}],
];
for (const [a, b] of tries) {
  try { assert.deepStrictEqual(a, b); print('no throw'); } catch (e) { print(e.message); print('--'); }
}
=== strictEqual messages
const assert = require('assert');
for (const [a, b] of [[1, 2], ['x', 'y'], [{}, {}], [[1], [1]], ['a'.repeat(30), 'a'.repeat(29) + 'b'], [NaN, 0], [-0, 0], [null, undefined], ['line1\nline2', 'line1\nline3']]) {
  try { assert.strictEqual(a, b); print('no throw'); } catch (e) { print(e.message); print('--'); }
}
const f = () => {};
try { assert.strictEqual(f, () => {}); } catch (e) { print(e.message); }
=== loose and negative
const assert = require('assert');
const run = (fn) => { try { fn(); print('no throw'); } catch (e) { print(e.code, e.operator, JSON.stringify(e.message)); } };
run(() => assert.equal(1, '1'));
run(() => assert.equal(1, 2));
run(() => assert.notEqual(1, '1'));
run(() => assert.deepEqual({ a: 1 }, { a: '1' }));
run(() => assert.deepEqual({ a: 1 }, { a: 2 }));
run(() => assert.notDeepEqual({ a: 1 }, { a: 1 }));
run(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));
run(() => assert.notDeepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8]));
run(() => assert.notStrictEqual(1, 1));
run(() => assert.notStrictEqual('some longer', 'some longer'));
const o = {}; run(() => assert.notStrictEqual(o, o));
run(() => assert.ok(true));
run(() => assert.ok(false, 'custom message'));
run(() => assert.ok());
run(() => assert.strictEqual(1, 2, 'my message'));
run(() => assert.strictEqual(1, 2, new RangeError('thrown as is')));
run(() => assert.fail());
run(() => assert.fail('boom'));
run(() => assert.ifError(null));
run(() => assert.ifError(new Error('bad thing')));
run(() => assert.ifError('str'));
run(() => assert.match('abc', /x/));
run(() => assert.match(123, /x/));
run(() => assert.doesNotMatch('abc', /b/));
run(() => assert.strict.equal(1, '1'));
run(() => assert.strict.deepEqual([1], ['1']));
=== throws
const assert = require('assert');
const run = (fn) => { try { fn(); print('no throw'); } catch (e) { print(e.code, e.operator, JSON.stringify(e.message.replace(/\n\s+at .*/g, ''))); } };
run(() => assert.throws(() => { throw new TypeError('x'); }, TypeError));
run(() => assert.throws(() => { throw new TypeError('x'); }, RangeError));
run(() => assert.throws(() => {}));
run(() => assert.throws(() => {}, 'should throw'));
run(() => assert.throws(() => {}, TypeError, 'with msg'));
run(() => assert.throws(() => { throw new Error('msg'); }, /msg/));
run(() => assert.throws(() => { throw new Error('msg'); }, /nomatch/));
run(() => assert.throws(() => { throw new Error('msg'); }, { message: 'msg' }));
run(() => assert.throws(() => { throw new Error('msg'); }, { message: 'other', name: 'Error' }));
run(() => assert.throws(() => { throw new Error('msg'); }, (e) => e.message === 'msg'));
run(() => assert.throws(() => { throw new Error('msg'); }, function check() { return false; }));
run(() => assert.throws(() => { throw 'str'; }, Error));
run(() => assert.throws(() => { throw new Error('msg'); }, {}));
run(() => assert.doesNotThrow(() => { throw new Error('oops'); }));
run(() => assert.doesNotThrow(() => { throw new Error('oops'); }, 'ctx'));
run(() => assert.doesNotThrow(() => {}));
run(() => assert.throws('notfn'));
=== rejects
const assert = require('assert');
const show = (p) => p.then(() => print('resolved'), (e) => print(e.code, JSON.stringify(e.message)));
show(assert.rejects(Promise.reject(new Error('r')), /r/))
  .then(() => show(assert.rejects(Promise.resolve(1))))
  .then(() => show(assert.rejects(() => Promise.reject(new TypeError('t')), RangeError)))
  .then(() => show(assert.doesNotReject(Promise.reject(new Error('nope')))))
  .then(() => show(assert.rejects(() => 5)))
  .then(() => show(assert.rejects(5)))
  .then(done);
=== assertion error shape
const assert = require('assert');
try { assert.strictEqual(1, 2); } catch (e) {
  print(e.name, e.code, e.generatedMessage, e.actual, e.expected, e.operator, e instanceof assert.AssertionError, String(e).split('\n')[0]);
  print(e.stack.split('\n')[0]);
}
const ae = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
print(ae.message);
print(Object.keys(ae));
