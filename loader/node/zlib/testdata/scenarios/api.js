// The module's shape, constants, crc32, info, and the stream API (chunk sizes, bytesWritten,
// flush, params, reset, close, _processChunk), compared with node.
const zlib = require('zlib');
const text = (b) => String.fromCharCode(...b);
const bytes = (s) => new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));
const concat = (list) => { const out = new Uint8Array(list.reduce((n, b) => n + b.length, 0)); let o = 0; for (const b of list) { out.set(b, o); o += b.length; } return out; };
const out = {};
out.keys = Object.keys(zlib);
out.hiddenKeys = Object.getOwnPropertyNames(zlib).filter((k) => !Object.keys(zlib).includes(k)).sort();
out.constants = Object.fromEntries(Object.entries(zlib.constants).map(([k, v]) => [k, String(v)]));
out.codes = zlib.codes;
out.legacy = [zlib.Z_SYNC_FLUSH, zlib.Z_BEST_COMPRESSION, zlib.DEFLATE, zlib.BROTLI_PARAM_QUALITY];
out.crc32 = [zlib.crc32('hello'), zlib.crc32('hello', 5), zlib.crc32(bytes('hello')), zlib.crc32(''), zlib.crc32('€uro'),
  zlib.crc32(new Uint16Array([1, 2])), zlib.crc32('world', zlib.crc32('hello '))];
out.classes = ['Deflate', 'Inflate', 'Gzip', 'Gunzip', 'DeflateRaw', 'InflateRaw', 'Unzip', 'BrotliCompress', 'BrotliDecompress'].map((n) => {
  const a = new zlib[n]();
  const b = zlib[n]();
  const c = zlib[`create${n}`]();
  return [a.constructor.name, b instanceof zlib[n], c instanceof zlib[n], typeof a.flush, typeof a.params, a.bytesWritten,
    a._chunkSize, a._defaultFlushFlag, a._finishFlushFlag, a._defaultFullFlushFlag];
});
const info = zlib.deflateSync('hello', { info: true });
out.info = [text(zlib.inflateSync(info.buffer)), info.engine.constructor.name, info.engine.bytesWritten];
out.arraybuffer = text(zlib.inflateSync(zlib.deflateSync(bytes('abc').buffer)));
out.dataview = text(zlib.gunzipSync(zlib.gzipSync(new DataView(bytes('xyz').buffer))));
out.gzipHeader = Array.from(zlib.gzipSync('a').subarray(0, 10));
out.gzipHeader9 = Array.from(zlib.gzipSync('a', { level: 9 }).subarray(0, 10));
out.gzipHeader1 = Array.from(zlib.gzipSync('a', { level: 1 }).subarray(0, 10));
out.zlibHeaders = [-1, 0, 1, 2, 5, 6, 7, 9].map((level) => Array.from(zlib.deflateSync('a', { level }).subarray(0, 2)));
out.zlibHeaderDict = Array.from(zlib.deflateSync('a', { dictionary: bytes('dict') }).subarray(0, 6));
out.empty = [Array.from(zlib.deflateSync('')), Array.from(zlib.gzipSync('')), Array.from(zlib.deflateRawSync('')), text(zlib.inflateSync(zlib.deflateSync(''))), text(zlib.brotliDecompressSync(zlib.brotliCompressSync('')))];
out.unicode = text(zlib.inflateSync(zlib.deflateSync('héllo €')));
out.sync = text(zlib.inflateSync(zlib.deflateSync('hello world').subarray(0, 8), { finishFlush: zlib.constants.Z_SYNC_FLUSH }));

const steps = [];
function next() { const s = steps.shift(); if (s) s(); else done(out); }
// Compressed sizes differ from node's (another compressor), so bytesWritten is compared with the
// input length rather than with a number.
function collect(stream, name, cb, inputLength) {
  const chunks = [];
  stream.on('data', (c) => chunks.push(c));
  stream.on('end', () => { out[name] = { allWritten: stream.bytesWritten === inputLength() }; if (cb) cb(concat(chunks), chunks); next(); });
}
const big = new Uint8Array(100000).map((_, i) => (i * 7919) % 251);
steps.push(() => {
  const s = zlib.createInflate({ chunkSize: 1024 });
  const input = zlib.deflateSync(big);
  collect(s, 'stream/chunkSize', (all, chunks) => { out['stream/chunkSize'].ok = all.length === big.length; out['stream/chunkSize'].sizes = chunks.map((c) => c.length); }, () => input.length);
  s.end(input);
});
steps.push(() => {
  const s = zlib.createGunzip();
  const gz = zlib.gzipSync('hello stream world');
  collect(s, 'stream/gunzip-pieces', (all) => { out['stream/gunzip-pieces'].text = text(all); }, () => gz.length);
  for (let i = 0; i < gz.length; i += 3) s.write(gz.subarray(i, i + 3));
  s.end();
});
steps.push(() => {
  const s = zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const input = zlib.deflateSync('hello world').subarray(0, 8);
  collect(s, 'stream/truncated-syncflush', (all) => { out['stream/truncated-syncflush'].text = text(all); }, () => input.length);
  s.end(input);
});
steps.push(() => {
  // A flushed deflate stream can be read up to each flush.
  const d = zlib.createDeflate();
  const inf = zlib.createInflate();
  const got = [];
  inf.on('data', (c) => got.push(text(c)));
  d.on('data', (c) => inf.write(c));
  d.write('first part ');
  d.flush(zlib.constants.Z_SYNC_FLUSH, () => {
    d.write('second part');
    d.flush(() => {
      d.params(9, zlib.constants.Z_FILTERED, () => {
        d.end(' end');
      });
    });
  });
  d.on('end', () => { inf.end(); });
  inf.on('end', () => { out['stream/flush-params'] = { text: got.join(''), deflateBytesWritten: d.bytesWritten }; next(); });
});
steps.push(() => {
  const s = zlib.createGzip();
  s.on('close', () => { out['stream/close'] = [s._closed, s.destroyed]; next(); });
  s.close();
});
steps.push(() => {
  const s = zlib.createDeflate();
  const a = s._processChunk(bytes('abcdef'), zlib.constants.Z_FINISH);
  out['stream/_processChunk'] = [text(zlib.inflateSync(a)), s.bytesWritten, s._closed];
  next();
});
steps.push(() => {
  const s = zlib.createBrotliCompress();
  const d = zlib.createBrotliDecompress();
  let n = 0;
  collect(d, 'stream/brotli', (all) => { out['stream/brotli'].text = text(all); }, () => n);
  s.on('data', (c) => { n += c.length; d.write(c); });
  s.on('end', () => d.end());
  s.write('brotli ');
  s.flush(() => s.end('stream'));
});
steps.push(() => {
  const s = zlib.createGzip();
  const chunks = [];
  s.on('data', (c) => chunks.push(c));
  // (Resetting after a write races with that write's background work, in node too.)
  s.reset();
  s.end('reset data');
  s.on('end', () => { out['stream/reset'] = text(zlib.gunzipSync(concat(chunks))); next(); });
});
steps.push(() => {
  zlib.gzip('async hello', (err, gz) => {
    zlib.unzip(gz, (err2, res) => {
      zlib.deflate('opts', { level: 1 }, (err3, d) => {
        zlib.brotliCompress('brotli async', (err4, br) => {
          zlib.brotliDecompress(br, (err5, back) => {
            out.async = [err, err2, err3, err4, err5, text(res), text(zlib.inflateSync(d)), text(back)];
            zlib.deflateRaw('info', { info: true }, (err6, r) => { out.asyncInfo = [err6, r.engine.constructor.name, text(zlib.inflateRawSync(r.buffer))]; next(); });
          });
        });
      });
    });
  });
});
next();
