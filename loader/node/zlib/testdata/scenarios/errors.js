// zlib's errors for corrupt input, bad options and bad arguments, compared with node.
const zlib = require('zlib');
const hex = (b) => Array.from(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), (x) => x.toString(16).padStart(2, '0')).join('');
const text = (b) => String.fromCharCode(...b);
const bytes = (s) => new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));
const out = {};
let pending = 0;
function show(e) {
  return { name: e.name, code: e.code, errno: e.errno, message: e.message, string: String(e),
    stack0: String(e.stack).split('\n')[0], ctor: e.constructor.name, keys: Object.keys(e).sort() };
}
function t(name, f) {
  try {
    const r = f();
    out[name] = { ok: ArrayBuffer.isView(r) ? text(r) : r };
  } catch (e) {
    out[name] = show(e);
  }
}
const deflated = zlib.deflateSync('hello world');
const gz = zlib.gzipSync('hello world');
const flip = (b, i) => { const c = new Uint8Array(b); c[i < 0 ? c.length + i : i] ^= 1; return c; };
t('inflate/not-zlib', () => zlib.inflateSync(bytes('hello')));
t('inflate/truncated', () => zlib.inflateSync(deflated.subarray(0, 5)));
t('inflate/header-only', () => zlib.inflateSync(new Uint8Array([0x78, 0x9c])));
t('inflate/empty', () => zlib.inflateSync(new Uint8Array(0)));
t('inflate/adler', () => zlib.inflateSync(flip(deflated, -1)));
t('inflate/method', () => zlib.inflateSync(new Uint8Array([0x79, 0x9c - 0x1b])));
t('inflate/window', () => zlib.inflateSync(new Uint8Array([0x88, 0x98 + 1])));
t('inflate/window-small', () => zlib.inflateSync(deflated, { windowBits: 9 }));
t('inflate/window-zero', () => zlib.inflateSync(deflated, { windowBits: 0 }));
t('inflate/trailing', () => zlib.inflateSync(new Uint8Array([...deflated, 1, 2, 3])));
t('inflate/sync-flush-finish', () => zlib.inflateSync(deflated.subarray(0, 8), { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
t('inflate/maxOutputLength', () => zlib.inflateSync(deflated, { maxOutputLength: 3 }));
t('inflate/maxOutputLength-exact', () => zlib.inflateSync(deflated, { maxOutputLength: 11 }));
t('inflate/need-dict', () => zlib.inflateSync(zlib.deflateSync('hello', { dictionary: bytes('hello') })));
t('inflate/bad-dict', () => zlib.inflateSync(zlib.deflateSync('hello', { dictionary: bytes('hello') }), { dictionary: bytes('x') }));
t('inflate/dict', () => zlib.inflateSync(zlib.deflateSync('hello', { dictionary: bytes('hello') }), { dictionary: bytes('hello') }));
t('inflateRaw/block-type', () => zlib.inflateRawSync(new Uint8Array([0xff, 0xff, 0xff])));
t('inflateRaw/truncated', () => zlib.inflateRawSync(zlib.deflateRawSync('hello hello hello').subarray(0, 4)));
t('gunzip/not-gzip', () => zlib.gunzipSync(bytes('hello')));
t('gunzip/crc', () => zlib.gunzipSync(flip(gz, -5)));
t('gunzip/length', () => zlib.gunzipSync(flip(gz, -1)));
t('gunzip/method', () => zlib.gunzipSync(new Uint8Array([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3])));
t('gunzip/flags', () => zlib.gunzipSync(new Uint8Array([0x1f, 0x8b, 8, 0xe0, 0, 0, 0, 0, 0, 3])));
t('gunzip/truncated-header', () => zlib.gunzipSync(gz.subarray(0, 6)));
t('gunzip/garbage-after', () => zlib.gunzipSync(new Uint8Array([...gz, ...bytes('garbage')])));
t('gunzip/zeros-after', () => zlib.gunzipSync(new Uint8Array([...gz, 0, 0, 0])));
t('gunzip/two-members', () => zlib.gunzipSync(new Uint8Array([...zlib.gzipSync('ab'), ...zlib.gzipSync('cd')])));
t('gunzip/fname-fcomment-fextra', () => zlib.gunzipSync(new Uint8Array([0x1f, 0x8b, 8, 0x1c, 0, 0, 0, 0, 0, 3, 2, 0, 9, 9, 0x61, 0x62, 0, 0x63, 0, ...gz.subarray(10)])));
t('unzip/gzip', () => zlib.unzipSync(gz));
t('unzip/deflate', () => zlib.unzipSync(deflated));
t('unzip/one-byte', () => zlib.unzipSync(bytes('x')));
t('unzip/garbage', () => zlib.unzipSync(bytes('xyz')));
t('brotli/truncated', () => zlib.brotliDecompressSync(zlib.brotliCompressSync('hello').subarray(0, 3)));
t('brotli/trailing', () => zlib.brotliDecompressSync(new Uint8Array([...zlib.brotliCompressSync('hello'), 1, 2])));
t('brotli/corrupt', () => zlib.brotliDecompressSync(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff])));
t('brotli/bad-param', () => zlib.brotliCompressSync('x', { params: { 99: 1 } }));
t('brotli/param-type', () => zlib.brotliCompressSync('x', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 'a' } }));
t('brotli/param-bool', () => text(zlib.brotliDecompressSync(zlib.brotliCompressSync('xy', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: true } }))));
t('input/number', () => zlib.deflateSync(123));
t('input/object', () => zlib.gzipSync({}));
t('input/null', () => zlib.gzipSync(null));
t('options/level-range', () => zlib.deflateSync('x', { level: 20 }));
t('options/level-type', () => zlib.deflateSync('x', { level: '1' }));
t('options/level-null', () => zlib.deflateSync('x', { level: null }));
t('options/level-inf', () => zlib.deflateSync('x', { level: Infinity }));
t('options/level-nan', () => zlib.inflateSync(zlib.deflateSync('x', { level: NaN })));
t('options/windowBits', () => zlib.deflateSync('x', { windowBits: 16 }));
t('options/windowBits-gzip8', () => zlib.gzipSync('x', { windowBits: 8 }));
t('options/windowBits-raw0', () => zlib.inflateRawSync(zlib.deflateRawSync('x'), { windowBits: 0 }));
t('options/memLevel', () => zlib.deflateSync('x', { memLevel: 0 }));
t('options/strategy', () => zlib.deflateSync('x', { strategy: 9 }));
t('options/chunkSize', () => zlib.deflateSync('x', { chunkSize: 10 }));
t('options/flush', () => zlib.deflateSync('x', { flush: 9 }));
t('options/finishFlush', () => zlib.deflateSync('x', { finishFlush: -1 }));
t('options/maxOutputLength', () => zlib.deflateSync('x', { maxOutputLength: 0 }));
t('options/dictionary', () => zlib.deflateSync('x', { dictionary: 'x' }));
t('options/brotli-flush', () => zlib.brotliCompressSync('x', { flush: 4 }));
t('crc32/type', () => zlib.crc32(5));
t('crc32/value', () => zlib.crc32('x', 'y'));
t('callback/missing', () => zlib.deflate('x'));
t('callback/bad-input', () => zlib.deflate(5, () => {}));
t('callback/bad-options', () => zlib.deflate('x', { level: 99 }, () => {}));
for (const [name, fn, data] of [['inflate', 'inflate', bytes('hello')], ['gunzip', 'gunzip', gz.subarray(0, 12)],
  ['brotli', 'brotliDecompress', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff])]]) {
  pending++;
  zlib[fn](data, (err, res) => {
    out[`async/${name}`] = err ? show(err) : { ok: text(res) };
    if (--pending === 0) streams();
  });
}
function streams() {
  const s = zlib.createGunzip();
  s.on('data', () => {});
  s.on('error', (e) => {
    out['stream/error'] = show(e);
    out['stream/destroyed'] = s.destroyed;
    done(out);
  });
  s.end(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff]));
}
