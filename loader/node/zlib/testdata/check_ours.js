// Run by the Go tests under node: decompresses what pkgbox compressed (a JSON file of
// {name: {input, format, options, data}}) and prints the names that fail, as JSON.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const inputs = eval(fs.readFileSync(path.join(__dirname, 'inputs.js'), 'utf8'))();
const cases = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
const undo = { deflate: 'inflateSync', deflateRaw: 'inflateRawSync', gzip: 'gunzipSync', brotliCompress: 'brotliDecompressSync' };
const failures = {};
for (const [name, c] of Object.entries(cases)) {
  const opts = {};
  if (c.dictionary) opts.dictionary = Buffer.from(c.dictionary);
  if (c.windowBits) opts.windowBits = c.windowBits;
  try {
    const out = zlib[undo[c.format]](Buffer.from(c.data, 'base64'), opts);
    if (!out.equals(Buffer.from(inputs[c.input]))) failures[name] = `output differs (${out.length} bytes, want ${inputs[c.input].length})`;
  } catch (e) {
    failures[name] = `${e.code}: ${e.message}`;
  }
}
process.stdout.write(JSON.stringify(failures));
