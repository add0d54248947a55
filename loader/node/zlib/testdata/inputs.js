// Deterministic test inputs shared by make_fixtures.js (under node) and the Go tests (under goja).
// Evaluates to a function returning { name: Uint8Array }.
(function inputs() {
  const text = 'The quick brown fox jumps over the lazy dog. Grüße, 日本語, emoji 😀.\n';
  const enc = (s) => {
    const out = [];
    for (const ch of s) {
      const c = ch.codePointAt(0);
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return new Uint8Array(out);
  };
  const noise = (n, seed) => {
    const out = new Uint8Array(n);
    let x = seed;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      out[i] = x >>> 24;
    }
    return out;
  };
  const repeat = (b, n) => {
    const out = new Uint8Array(b.length * n);
    for (let i = 0; i < n; i++) out.set(b, i * b.length);
    return out;
  };
  return {
    empty: new Uint8Array(0),
    byte: new Uint8Array([65]),
    text: enc(text),
    textx300: repeat(enc(text), 300),
    noise: noise(6000, 7),
    mixed: (() => { const a = noise(8000, 3); for (let i = 0; i < a.length; i += 3) a[i] = 32; return a; })(),
    zeros: new Uint8Array(100000),
  };
})
