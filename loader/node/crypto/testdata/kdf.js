// PBKDF2, scrypt and HKDF vectors (sync and callback), random APIs, KeyObject and Web Crypto,
// compared with node.
const crypto = require('crypto');
const hex = (b) => Array.from(new Uint8Array(b.buffer || b, b.byteOffset || 0, b.byteLength), (x) => x.toString(16).padStart(2, '0')).join('');
const out = {};
let pending = 0;
const later = (name) => { pending++; return (err, v) => { out[name] = err ? `error: ${err.message}` : v; if (--pending === 0) done(out); }; };

for (const digest of ['sha1', 'sha256', 'sha512', 'md5', 'sha3-256', 'SHA256', 'ripemd160']) {
  out[`pbkdf2/${digest}`] = hex(crypto.pbkdf2Sync('password', 'salt', 2, 40, digest));
}
out['pbkdf2/rfc6070-4096'] = hex(crypto.pbkdf2Sync('password', 'salt', 4096, 20, 'sha1'));
out['pbkdf2/zero-len'] = hex(crypto.pbkdf2Sync('p', 's', 1, 0, 'sha1'));
out['pbkdf2/bytes'] = hex(crypto.pbkdf2Sync(new Uint8Array([0, 1, 2]), new Uint16Array([5]), 3, 17, 'sha256'));
out['pbkdf2/unicode'] = hex(crypto.pbkdf2Sync('pässwörd😀', 'sält', 3, 17, 'sha256'));
const cb1 = later('pbkdf2/async');
crypto.pbkdf2('password', 'salt', 2, 20, 'sha256', (err, key) => cb1(err, hex(key)));

out['scrypt/default'] = hex(crypto.scryptSync('password', 'salt', 32));
out['scrypt/rfc7914'] = hex(crypto.scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }));
out['scrypt/aliases'] = hex(crypto.scryptSync('pw', 'salt', 16, { cost: 16, blockSize: 2, parallelization: 3 }));
out['scrypt/zero-len'] = hex(crypto.scryptSync('pw', 'salt', 0, { N: 16 }));
out['scrypt/zero-opts'] = hex(crypto.scryptSync('pw', 'salt', 8, { N: 0, r: 0, p: 0, maxmem: 0 }));
const cb2 = later('scrypt/async');
crypto.scrypt('password', 'salt', 16, { N: 32 }, (err, key) => cb2(err, hex(key)));
const cb3 = later('scrypt/async-noopts');
crypto.scrypt('password', 'salt', 16, (err, key) => cb3(err, hex(key)));

out['hkdf/sha256'] = hex(crypto.hkdfSync('sha256', 'key', 'salt', 'info', 42));
out['hkdf/sha512-empty'] = hex(crypto.hkdfSync('sha512', new Uint8Array(22).fill(11), '', '', 64));
out['hkdf/keyobject'] = hex(crypto.hkdfSync('sha1', crypto.createSecretKey(new Uint8Array([1, 2])), new Uint8Array(3), 'x', 10));
out['hkdf/isArrayBuffer'] = crypto.hkdfSync('sha256', 'k', 's', 'i', 5) instanceof ArrayBuffer;
const cb4 = later('hkdf/async');
crypto.hkdf('sha256', 'key', 'salt', 'info', 16, (err, ab) => cb4(err, [ab instanceof ArrayBuffer, hex(ab)]));

// Random: shapes and ranges only.
out['randomBytes/len'] = [crypto.randomBytes(0).length, crypto.randomBytes(33).length, crypto.randomBytes(8) instanceof Uint8Array];
out['randomBytes/differ'] = hex(crypto.randomBytes(16)) !== hex(crypto.randomBytes(16));
const cb5 = later('randomBytes/async');
crypto.randomBytes(12, (err, buf) => cb5(err, buf.length));
const u32 = new Uint32Array(4);
crypto.randomFillSync(u32, 1, 2);
out['randomFillSync/u32'] = [u32[0], u32[3], crypto.randomFillSync(new Uint8Array(3)).length];
const ab = new ArrayBuffer(8);
out['randomFillSync/arraybuffer'] = crypto.randomFillSync(ab) === ab;
const cb6 = later('randomFill/async');
const target = new Uint8Array(64);
crypto.randomFill(target, 60, (err, buf) => cb6(err, [buf === target, Array.from(target.subarray(0, 60)).every((x) => x === 0), target.subarray(60).some((x) => x !== 0) || 'maybe-zero']));
const ints = Array.from({ length: 500 }, () => crypto.randomInt(-3, 4));
out['randomInt/range'] = [Math.min(...ints), Math.max(...ints), ints.every(Number.isInteger)];
out['randomInt/one'] = crypto.randomInt(1);
out['randomInt/big'] = (() => { const v = crypto.randomInt(2 ** 47, 2 ** 48 - 1 + 2 ** 47); return v >= 2 ** 47 && Number.isSafeInteger(v); })();
const cb7 = later('randomInt/async');
crypto.randomInt(5, 6, (err, n) => cb7(err, n));
const uuid = crypto.randomUUID();
out.randomUUID = [uuid.length, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid), crypto.randomUUID({ disableEntropyCache: true }).length];

// KeyObject and generateKey.
const k = crypto.createSecretKey(new Uint8Array([1, 2, 3]));
out.keyobject = [k.type, k.symmetricKeySize, hex(k.export()), k.export({ format: 'jwk' }), k.asymmetricKeyType,
  k.equals(crypto.createSecretKey('010203', 'hex')), k.equals(crypto.createSecretKey(new Uint8Array([1, 2]))),
  k instanceof crypto.KeyObject, crypto.createSecretKey('abc').symmetricKeySize];
out.generateKeySync = [crypto.generateKeySync('hmac', { length: 64 }).symmetricKeySize, crypto.generateKeySync('aes', { length: 256 }).symmetricKeySize, crypto.generateKeySync('hmac', { length: 63 }).symmetricKeySize];
const cb8 = later('generateKey/async');
crypto.generateKey('aes', { length: 128 }, (err, key) => cb8(err, [key.type, key.symmetricKeySize]));

// Web Crypto.
out.webcrypto = [crypto.webcrypto.getRandomValues(new Uint16Array(3)).length, crypto.getRandomValues(new Int32Array(2)).length,
  typeof crypto.webcrypto.randomUUID(), crypto.subtle === crypto.webcrypto.subtle, typeof crypto.subtle.digest];
for (const alg of ['SHA-1', 'sha-256', 'SHA-384', 'SHA-512', { name: 'SHA-256' }, 'SHA-224', 'MD5']) {
  const cb = later(`subtle.digest/${JSON.stringify(alg)}`);
  crypto.subtle.digest(alg, new TextEncoderish('abc')).then((d) => cb(null, [d instanceof ArrayBuffer, hex(d)]), (e) => cb(null, ['rejected', e.name, e.message, e.code]));
}
const cb9 = later('subtle.digest/arraybuffer');
crypto.subtle.digest('SHA-256', new Uint8Array([1, 2]).buffer).then((d) => cb9(null, hex(d)));
function TextEncoderish(s) { return new Uint8Array(Array.from(s, (c) => c.charCodeAt(0))); }
out.constants = crypto.constants;
out.getFips = crypto.getFips();
out.secureHeapUsed = crypto.secureHeapUsed();
