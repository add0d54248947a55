// Writes fixtures.json: node's compressed output for the shared inputs in every format, with the
// options that change the stream (levels, dictionaries, window sizes, strategies, flushes). The Go
// tests decompress each one and compare with the input. Run: node make_fixtures.js
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const inputs = eval(fs.readFileSync(path.join(__dirname, 'inputs.js'), 'utf8'))();
const dict = Buffer.from('quick brown fox lazy dog Grüße emoji');
const variants = {
  deflate: [['default', {}], ['level1', { level: 1 }], ['level9', { level: 9 }], ['level0', { level: 0 }],
    ['dict', { dictionary: dict }], ['window9', { windowBits: 9 }], ['huffman', { strategy: zlib.constants.Z_HUFFMAN_ONLY }],
    ['rle', { strategy: zlib.constants.Z_RLE }], ['fixed', { strategy: zlib.constants.Z_FIXED }], ['mem1', { memLevel: 1 }]],
  deflateRaw: [['default', {}], ['level1', { level: 1 }], ['dict', { dictionary: dict }], ['window8', { windowBits: 8 }]],
  gzip: [['default', {}], ['level9', { level: 9 }], ['level1', { level: 1 }]],
  brotliCompress: [['default', {}], ['q1', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } }],
    ['text', { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_LGWIN]: 10 } }]],
};
const out = {};
for (const [fn, list] of Object.entries(variants)) {
  for (const [vname, opts] of list) {
    for (const [iname, data] of Object.entries(inputs)) {
      // Stored and Huffman-only blocks of the large inputs would only make the file big.
      if (['level0', 'huffman', 'window8', 'window9'].includes(vname) && data.length > 50000) continue;
      out[`${fn}/${vname}/${iname}`] = { options: vname, data: zlib[`${fn}Sync`](data, opts).toString('base64') };
    }
  }
}
// Sync-flushed streams (as from HTTP servers that flush per write), concatenated gzip members,
// and a stream whose level changes midway through params().
function streamed(make, writes, cb) {
  const s = make();
  const chunks = [];
  s.on('data', (c) => chunks.push(c));
  s.on('end', () => cb(Buffer.concat(chunks)));
  let i = 0;
  (function next() {
    if (i === writes.length) { s.end(); return; }
    const w = writes[i++];
    if (w === 'params') s.params(9, zlib.constants.Z_DEFAULT_STRATEGY, next);
    else if (typeof w === 'number') s.flush(w, next);
    else s.write(w, next);
  })();
}
const t = inputs.textx300;
const parts = [t.subarray(0, 1000), zlib.constants.Z_SYNC_FLUSH, t.subarray(1000, 5000), zlib.constants.Z_FULL_FLUSH, 'params', t.subarray(5000)];
let pending = 3;
const finish = () => { if (--pending === 0) fs.writeFileSync(path.join(__dirname, 'fixtures.json'), `${JSON.stringify(out, null, 1)}\n`); };
streamed(() => zlib.createDeflate({ level: 1 }), parts, (b) => { out['stream/deflate/flushes/textx300'] = { data: b.toString('base64') }; finish(); });
streamed(() => zlib.createGzip(), parts, (b) => { out['stream/gzip/flushes/textx300'] = { data: b.toString('base64') }; finish(); });
streamed(() => zlib.createBrotliCompress(), [t.subarray(0, 100), zlib.constants.BROTLI_OPERATION_FLUSH, t.subarray(100)], (b) => { out['stream/brotliCompress/flushes/textx300'] = { data: b.toString('base64') }; finish(); });
out['members/gzip/two/textx300'] = { data: Buffer.concat([zlib.gzipSync(t.subarray(0, 7)), zlib.gzipSync(t.subarray(7))]).toString('base64') };
