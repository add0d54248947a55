// AES in every mode: ciphertexts, update() chunking, padding, GCM tags/AAD/IV lengths, string
// encodings of the output, compared with node.
const crypto = require('crypto');
const hex = (b) => Array.from(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), (x) => x.toString(16).padStart(2, '0')).join('');
const seq = (n, k = 1) => new Uint8Array(n).map((_, i) => (i * k + 7) & 255);
const concat = (list) => { const out = new Uint8Array(list.reduce((n, b) => n + b.length, 0)); let o = 0; for (const b of list) { out.set(b, o); o += b.length; } return out; };
const out = {};

const modes = ['cbc', 'ecb', 'ctr', 'cfb', 'ofb', 'gcm'];
for (const bits of [128, 192, 256]) {
  for (const mode of modes) {
    const name = `aes-${bits}-${mode}`;
    const key = seq(bits / 8, 3);
    const iv = mode === 'ecb' ? null : seq(mode === 'gcm' ? 12 : 16, 5);
    for (const len of [0, 1, 15, 16, 17, 33, 100]) {
      const pt = seq(len, 11);
      const c = crypto.createCipheriv(name, key, iv);
      const ct = concat([c.update(pt), c.final()]);
      const tag = mode === 'gcm' ? hex(c.getAuthTag()) : undefined;
      const d = crypto.createDecipheriv(name, key, iv);
      if (tag) d.setAuthTag(c.getAuthTag());
      const back = concat([d.update(ct), d.final()]);
      out[`${name}/${len}`] = { ct: hex(ct), tag, roundtrip: hex(back) === hex(pt) };
    }
    // update() output sizes for uneven chunks, both ways.
    const pt = seq(70, 13);
    const c = crypto.createCipheriv(name, key, iv);
    const parts = [c.update(pt.subarray(0, 3)), c.update(pt.subarray(3, 16)), c.update(pt.subarray(16, 40)), c.update(pt.subarray(40, 48)), c.update(pt.subarray(48)), c.final()];
    const ct = concat(parts);
    const d = crypto.createDecipheriv(name, key, iv);
    if (mode === 'gcm') d.setAuthTag(c.getAuthTag());
    const dparts = [d.update(ct.subarray(0, 16)), d.update(ct.subarray(16, 32)), d.update(ct.subarray(32, 33)), d.update(ct.subarray(33)), d.final()];
    out[`${name}/chunks`] = { enc: parts.map((p) => p.length), dec: dparts.map((p) => p.length), back: hex(concat(dparts)) === hex(pt) };
  }
}
out.aliases = ['aes128', 'aes192', 'aes256', 'AES-128-CBC', 'id-aes128-GCM', 'id-aes256-GCM'].map((n) => {
  const info = crypto.getCipherInfo(n);
  const c = crypto.createCipheriv(n, seq(info.keyLength), seq(info.ivLength || 0));
  return hex(concat([c.update('hello'), c.final()]));
});
// No padding.
{
  const c = crypto.createCipheriv('aes-128-cbc', seq(16), seq(16));
  c.setAutoPadding(false);
  const ct = concat([c.update(seq(32)), c.final()]);
  const d = crypto.createDecipheriv('aes-128-cbc', seq(16), seq(16));
  d.setAutoPadding(false);
  const parts = [d.update(ct.subarray(0, 16)), d.update(ct.subarray(16)), d.final()];
  out.nopad = { ct: hex(ct), dec: parts.map((p) => p.length), back: hex(concat(parts)) };
  const d2 = crypto.createDecipheriv('aes-128-cbc', seq(16), seq(16));
  out.nopadKeepsPadding = hex(concat([d2.update(ct), (() => { try { return d2.final(); } catch (e) { return new Uint8Array(0); } })()]));
}
// GCM: IV lengths, AAD in pieces, tag lengths, truncated tags on decrypt.
for (const ivLen of [1, 8, 12, 16, 60]) {
  for (const tagLen of [undefined, 4, 8, 12, 13, 16]) {
    const key = seq(32, 9);
    const iv = seq(ivLen, 17);
    const opts = tagLen ? { authTagLength: tagLen } : undefined;
    const c = crypto.createCipheriv('aes-256-gcm', key, iv, opts);
    c.setAAD(seq(5, 2));
    c.setAAD(seq(20, 3));
    const ct = concat([c.update(seq(37, 4)), c.update(seq(3)), c.final()]);
    const tag = c.getAuthTag();
    const d = crypto.createDecipheriv('aes-256-gcm', key, iv, opts);
    d.setAAD(concat([seq(5, 2), seq(20, 3)]));
    d.setAuthTag(tag);
    const pt = concat([d.update(ct), d.final()]);
    out[`gcm/iv${ivLen}/tag${tagLen}`] = { ct: hex(ct), tag: hex(tag), pt: hex(pt) };
  }
}
{
  const key = seq(16);
  const iv = seq(12);
  const c = crypto.createCipheriv('aes-128-gcm', key, iv);
  const ct = concat([c.update('secret'), c.final()]);
  const tag = c.getAuthTag();
  const d = crypto.createDecipheriv('aes-128-gcm', key, iv);
  d.setAuthTag(tag.subarray(0, 8));
  out['gcm/truncated-tag'] = hex(concat([d.update(ct), d.final()]));
  const d2 = crypto.createDecipheriv('aes-128-gcm', key, iv);
  d2.setAuthTag(tag);
  d2.setAAD(new Uint8Array([1]), { plaintextLength: ct.length });
  try { d2.update(ct); d2.final(); out['gcm/wrong-aad'] = 'accepted'; } catch (e) { out['gcm/wrong-aad'] = e.message; }
  out['gcm/empty-everything'] = (() => { const x = crypto.createCipheriv('aes-128-gcm', key, iv); x.final(); return hex(x.getAuthTag()); })();
}
// String input and output encodings, including a UTF-8 character split across update() calls.
{
  const key = seq(16);
  const iv = seq(16);
  const text = 'héllo wörld — ✓ 😀 '.repeat(5);
  for (const enc of ['hex', 'base64', 'base64url', 'latin1', 'utf8', 'ucs2', 'buffer', undefined]) {
    const c = crypto.createCipheriv('aes-128-cbc', key, iv);
    const s1 = c.update(text, 'utf8', enc);
    const s2 = c.final(enc);
    out[`encoding/${enc}`] = typeof s1 === 'string' ? [s1.length, s2.length, Array.from(s1 + s2, (ch) => ch.charCodeAt(0)).slice(0, 40).join(',')] : [hex(s1), hex(s2)];
  }
  const c = crypto.createCipheriv('aes-128-ctr', key, iv);
  const ct = concat([c.update(text), c.final()]);
  const d = crypto.createDecipheriv('aes-128-ctr', key, iv);
  const pieces = [];
  for (let i = 0; i < ct.length; i += 7) pieces.push(d.update(ct.subarray(i, i + 7), undefined, 'utf8'));
  pieces.push(d.final('utf8'));
  out['decoder/utf8'] = [pieces.join('') === text, pieces.slice(0, 6)];
  const d2 = crypto.createDecipheriv('aes-128-ctr', key, iv);
  const b64 = [];
  for (let i = 0; i < ct.length; i += 5) b64.push(d2.update(ct.subarray(i, i + 5), undefined, 'base64'));
  b64.push(d2.final('base64'));
  out['decoder/base64'] = b64;
  const c3 = crypto.createCipheriv('aes-128-cbc', 'k'.repeat(16), 'i'.repeat(16));
  out['string-key-iv'] = c3.update('00ff', 'hex', 'hex') + c3.final('hex');
  const c4 = crypto.createCipheriv('aes-128-cbc', '6b'.repeat(16), seq(16), { encoding: 'hex' });
  out['key-encoding'] = c4.update('x', 'latin1', 'base64') + c4.final('base64');
  const c5 = crypto.createCipheriv('aes-128-cbc', crypto.createSecretKey(seq(16)), seq(16));
  out['keyobject-key'] = c5.update('x', 'utf8', 'hex') + c5.final('hex');
}
out.getCiphersSubset = crypto.getCiphers().filter((n) => /^(aes-\d+-(cbc|ecb|ctr|cfb|ofb|gcm)|aes\d+|id-aes\d+-GCM)$/.test(n));
out.getCipherInfo = ['aes-128-gcm', 'aes-256-cbc', 'aes-192-ctr', 'aes-128-ecb', 'aes-256-cfb', 'aes-256-ofb', 'aes128', 'nope', 419, 895].map((n) => crypto.getCipherInfo(n) || null);
out.getCipherInfoOpts = [
  crypto.getCipherInfo('aes-128-gcm', { ivLength: 16 }), crypto.getCipherInfo('aes-128-cbc', { ivLength: 12 }),
  crypto.getCipherInfo('aes-128-cbc', { keyLength: 16 }), crypto.getCipherInfo('aes-128-cbc', { keyLength: 32 }),
].map((x) => x || null);
done(out);
