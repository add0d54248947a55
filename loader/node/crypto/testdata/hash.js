// Hashes and HMACs of many inputs in every encoding, compared with node.
const crypto = require('crypto');
const hex = (b) => Array.from(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), (x) => x.toString(16).padStart(2, '0')).join('');
const units = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
const show = (v) => (typeof v === 'string' ? units(v).join(',') : ArrayBuffer.isView(v) ? `bytes:${hex(v)}` : v);
const out = {};

const names = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-224', 'sha512-256', 'sha3-224',
  'sha3-256', 'sha3-384', 'sha3-512', 'shake128', 'shake256', 'ripemd160', 'rmd160', 'blake2b512', 'blake2s256',
  'md5-sha1', 'RSA-SHA256', 'SHA256', 'sha-256', 'sha256WithRSAEncryption', 'ssl3-sha1', 'RSA-SHA512/224'];
const all = new Uint8Array(256).map((_, i) => i);
const inputs = { empty: '', abc: 'abc', fox: 'The quick brown fox jumps over the lazy dog', euro: '€😀 ünïcödé',
  lone: '\ud800x\udc00', bytes: all, long: 'abcdefghij'.repeat(10000) };
for (const name of names) {
  for (const [k, v] of Object.entries(inputs)) out[`${name}/${k}`] = crypto.createHash(name).update(v).digest('hex');
  out[`hmac/${name}`] = name.startsWith('shake') ? null : crypto.createHmac(name, 'key').update('data').digest('hex');
}
out['hmac/longkey'] = crypto.createHmac('sha256', 'k'.repeat(200)).update('x').digest('hex');
out['hmac/bufkey'] = crypto.createHmac('sha512', all).update(all).digest('base64');
out['hmac/keyobject'] = crypto.createHmac('sha1', crypto.createSecretKey(all)).update('x').digest('hex');
out['hmac/keyencoding'] = crypto.createHmac('sha1', '6b6579', { encoding: 'hex' }).update('x').digest('hex');
out['hmac/twice'] = (() => { const h = crypto.createHmac('sha1', 'k'); h.digest(); return [h.digest('hex'), hex(h.digest())]; })();

const strIn = 'aGVsbG8gd29ybGQ=_-+/ \u00e9\u20ac\ud83d\ude00';
for (const enc of ['utf8', 'utf-8', 'UTF8', 'latin1', 'binary', 'ascii', 'ucs2', 'utf16le', 'base64', 'base64url', 'nope', undefined]) {
  out[`update-enc/${enc}`] = crypto.createHash('sha256').update(strIn, enc).digest('hex');
}
for (const s of ['00ff10', '00fg10', 'abcdefzz12', 'ABCDEF']) out[`update-hex/${s}`] = crypto.createHash('sha1').update(s, 'hex').digest('hex');
for (const s of ['YQ', 'YQ=', 'YQ==', 'Y Q = =', 'YW Jj', 'YWJj=ZGVm', '_-_-', '+/+/', 'Y']) {
  out[`update-b64/${s}`] = crypto.createHash('sha1').update(s, 'base64').digest('hex');
}
for (const enc of ['hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'utf16le', 'utf8', 'buffer', 'nope', undefined]) {
  out[`digest-enc/${enc}`] = show(crypto.createHash('sha256').update('x').digest(enc));
  out[`digest-enc-md5/${enc}`] = show(crypto.createHash('md5').update('y').digest(enc));
}
const u16 = new Uint16Array([1, 2, 0xffff]);
out['update/uint16'] = crypto.createHash('sha1').update(u16).digest('hex');
out['update/dataview'] = crypto.createHash('sha1').update(new DataView(all.buffer, 10, 20)).digest('hex');
out['update/subarray'] = crypto.createHash('sha1').update(all.subarray(5, 9)).digest('hex');
out['update/chained'] = crypto.createHash('sha1').update('a').update('b').update(all).digest('hex');

const base = crypto.createHash('sha256').update('abc');
const c1 = base.copy();
base.update('def');
out.copy = [c1.digest('hex'), base.digest('hex')];
out['shake/128/0'] = crypto.createHash('shake128', { outputLength: 0 }).update('a').digest('hex');
out['shake/128/5'] = crypto.createHash('shake128', { outputLength: 5 }).update('a').digest('hex');
out['shake/256/100'] = crypto.createHash('shake256', { outputLength: 100 }).update('a').digest('hex');
out['shake/copy'] = crypto.createHash('shake256').update('a').copy({ outputLength: 7 }).digest('hex');
out['sha256/outputLength32'] = crypto.createHash('sha256', { outputLength: 32 }).update('a').digest('hex');
out['hash/oneshot'] = [crypto.hash('sha1', 'abc'), crypto.hash('md5', all, 'base64'), show(crypto.hash('sha256', '', 'buffer')), crypto.hash('sha512', 'x', 'latin1').length];
out.getHashes = crypto.getHashes().filter((n) => !/sm3/i.test(n));
out.chainReturnsThis = (() => { const h = crypto.createHash('sha1'); return h.update('x') === h; })();
out.hashInstance = crypto.createHash('sha1') instanceof crypto.Hash;
out.hmacInstance = crypto.createHmac('sha1', 'k') instanceof crypto.Hmac;
done(out);
