=== encodings
const s = 'héllo wörld €😀';
for (const enc of ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'utf16le', 'binary', 'ucs2']) {
  const b = Buffer.from(s, enc);
  print(enc, b.length, b.toString(enc) === s, b.toString('hex').slice(0, 40));
}
print(Buffer.from('aGVsbG8gd29ybGQ', 'base64').toString(), Buffer.from('aGk=\n  aGk=', 'base64').toString());
print(Buffer.from('zz11gg', 'hex'), Buffer.from('abc', 'hex'));
print(Buffer.from([0xff, 0xfe, 0x41, 0xe2, 0x82]).toString(), Buffer.from([0xed, 0xa0, 0x80]).toString().length);
print(Buffer.from('\ud800x').toString('hex'));
print(Buffer.byteLength('€'), Buffer.byteLength('aGk=', 'base64'), Buffer.byteLength('abc', 'hex'), Buffer.byteLength(new Uint8Array(3)));
=== api
const { Buffer, kMaxLength, constants, isUtf8, isAscii, transcode, INSPECT_MAX_BYTES, SlowBuffer, kStringMaxLength } = require('buffer');
print(kMaxLength, constants.MAX_LENGTH, constants.MAX_STRING_LENGTH, kStringMaxLength, INSPECT_MAX_BYTES, typeof SlowBuffer);
const b = Buffer.alloc(10, 'ab');
print(b, b.toString(), b.slice(2, 4), b.subarray(8));
const w = Buffer.alloc(6); print(w.write('€€', 1), w, w.write('xyz', 4, 'latin1'), w);
print(Buffer.concat([Buffer.from('a'), Buffer.from('bc')]), Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('abc').equals(Buffer.from('abc')));
print(Buffer.from('hello').indexOf('l'), Buffer.from('hello').includes('ell'), Buffer.from('hello').lastIndexOf('l'));
const n = Buffer.alloc(8); n.writeUInt32BE(0xdeadbeef, 0); n.writeInt16LE(-2, 4); print(n, n.readUInt32BE(0).toString(16), n.readInt16LE(4));
n.writeDoubleLE(1.5); print(n.readDoubleLE(0)); n.writeBigInt64BE(-5n); print(n.readBigInt64BE());
print(Buffer.from('abc').toJSON(), JSON.stringify(Buffer.from('hi')));
print(isUtf8(Buffer.from('ok €')), isUtf8(Buffer.from([0xc0])), isAscii(Buffer.from('abc')), isAscii(Buffer.from('é')));
print(transcode(Buffer.from('h€llo'), 'utf8', 'latin1'), transcode(Buffer.from('hi'), 'utf8', 'ucs2'));
print(Buffer.isEncoding('UTF-8'), Buffer.isEncoding('base64url'), Buffer.isEncoding('nope'), Buffer.isBuffer(new Uint8Array(1)));
print(Buffer.from(new Uint8Array([1, 2])), Buffer.from(new Uint16Array([1, 256]).buffer), Buffer.from([257, -1, 'x']));
print(Buffer.alloc(3).fill('ab'), Buffer.from('abc').swap16 === undefined, Buffer.from('abcd').swap16());
print(typeof require('buffer').atob, require('buffer').btoa('hi'), require('buffer').atob('aGk='));
=== errors
for (const f of [() => Buffer.from(5), () => Buffer.from(), () => Buffer.alloc('x'), () => Buffer.from('x').toString('nope'), () => Buffer.byteLength(5)]) {
  try { f(); print('no throw'); } catch (e) { print(e.name, e.code, e.message); }
}
=== invalid utf8 decoding
const vectors = [[0x80, 0xa0, 0x9f, 0x9f, 0x80, 0x41, 0x41, 0xc3, 0xe2, 0xa9, 0xed, 0x80, 0xed, 0xa0, 0xc3, 0x41, 0xf0, 0x80, 0xff],
  [0xe0, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xe1, 0x80, 0x41], [0xfe, 0xfe, 0xff]];
for (const v of vectors) { const s = Buffer.from(v).toString(); print(JSON.stringify(s), s.length, Buffer.from(v).toString('utf8', 1, 3).length); }
=== hex stops at the first invalid pair
print(Buffer.from('\nA', 'hex'), Buffer.from(' 4142', 'hex'), Buffer.from('41 42', 'hex'), Buffer.from('4g41', 'hex'));
=== fill
// Node's argument checks, and the one-byte values Go fills.
for (const args of [[7], [300, 2, 5], [true, 6], [false], ['z'], ['é'], ['é', 'latin1'], ['', 1], [1, -1], [1, 0, 9], [1, 3, 1],
  [1, 1.5], [1, 0, 2.5], [1, '1'], [1, 0, '2'], [1, 4], [1, 5], [1, undefined, 2], [1, null], [-1], [NaN], [Infinity], [1.7],
  ['a', 1], ['a', 'latin1'], ['a', 0, 2, 'ascii'], ['a', 0, 2, 'bogus'], ['ab', 1], [Buffer.from([1, 2, 3]), 1], [Buffer.alloc(0)]]) {
  try { const b = Buffer.alloc(4); const r = b.fill(...args); print(r === b, b); } catch (e) { print(e.name, e.code, e.message); }
}
const sub = Buffer.alloc(10).subarray(3, 6); sub.fill(9); print(sub, new Uint8Array(sub.buffer));
print(Buffer.alloc(1 << 20, 1).every((x) => x === 1), Buffer.alloc(5, 'é', 'latin1'));
for (const args of [['zz', 'hex'], ['abcd', 'hex'], [new Uint8Array([5, 6]), 1], [{}], [[1, 2]]]) {
  try { const b = Buffer.alloc(5); print(b.fill(...args)); } catch (e) { print(e.name, e.code, e.message); }
}
