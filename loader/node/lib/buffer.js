'use strict';
// Node 20's buffer module around the bundled feross Buffer: Node's inspect output, errors and
// limits, base64url, isUtf8/isAscii/transcode, and Go codecs for the encodings (the bundled
// loops are byte-at-a-time and build strings with +=, which goja makes quadratic).

const deps = require('internal/deps/buffer');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_UNKNOWN_ENCODING } } = require('internal/errors');
const { validateNumber, validateInteger, validateString } = require('internal/validators');

const NodeBuffer = deps.Buffer;
const SlowBuffer = deps.SlowBuffer;
const kMaxLength = 2 ** 32;
const kStringMaxLength = 2 ** 29 - 24;
const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

// Whole characters only: a multi-byte sequence that does not fit is not written (as Node does).
function blit(buf, bytes, offset, length, utf8) {
  offset = Number(offset) || 0;
  const remaining = buf.length - offset;
  let n = bytes.length;
  if (length !== undefined && Number(length) < n) n = Number(length);
  if (remaining < n) n = remaining;
  if (n < 0) n = 0;
  if (utf8 && n < bytes.length) {
    while (n > 0 && (bytes[n] & 0xC0) === 0x80) n--;
  }
  buf.set(n === bytes.length ? bytes : bytes.subarray(0, n), offset);
  return n;
}

function installCodec() {
  const b = binding;
  const u8 = (ab) => new Uint8Array(ab);
  deps.setCodec({
    utf8Slice: (buf, start, end) => b.utf8Decode(buf, start, end),
    asciiSlice: (buf, start, end) => b.asciiDecode(buf, start, end),
    latin1Slice: (buf, start, end) => b.latin1Decode(buf, start, end),
    hexSlice: (buf, start, end) => b.hexDecode(buf, start || 0, end),
    base64Slice: (buf, start, end) => b.base64Decode(buf, start, end),
    utf8Write: (buf, s, offset, length) => blit(buf, u8(b.utf8Encode(s)), offset, length, true),
    asciiWrite: (buf, s, offset, length) => blit(buf, u8(b.latin1Encode(s)), offset, length, false),
    hexWrite: (buf, s, offset, length) => blit(buf, u8(b.hexEncode(s)), offset, length, false),
    base64Write: (buf, s, offset, length) => blit(buf, u8(b.base64Encode(s)), offset, length, false),
    utf8Length: (s) => b.utf8Length(s),
  });
}
// A binding without the codecs (the benchmark's pure-JavaScript baseline) keeps the bundle's own.
if (typeof binding.utf8Decode === 'function') installCodec();

function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  const e = String(enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': case 'base64url': case 'hex': case 'ascii': return e;
    default: return undefined;
  }
}

// base64url is a Node encoding the bundle does not know: decode it as base64 (the Go decoder
// accepts both alphabets) and encode by rewriting base64.
const origToString = NodeBuffer.prototype.toString;
NodeBuffer.prototype.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return origToString.call(this);
  const enc = normalizeEncoding(encoding);
  if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  if (enc === 'base64url') {
    const len = this.length;
    start = start === undefined || start < 0 ? 0 : Math.min(start | 0, len);
    end = end === undefined || end > len ? len : Math.max(end | 0, 0);
    if (end <= start) return '';
    if (typeof binding.base64urlDecode === 'function') return binding.base64urlDecode(this, start, end);
    return origToString.call(this, 'base64', start, end).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  return origToString.call(this, enc, start, end);
};
NodeBuffer.prototype.toLocaleString = NodeBuffer.prototype.toString;

const origWrite = NodeBuffer.prototype.write;
NodeBuffer.prototype.write = function write(string, offset, length, encoding) {
  if (typeof offset === 'string') return write.call(this, string, 0, undefined, offset);
  if (typeof length === 'string') return write.call(this, string, offset, undefined, length);
  if (encoding !== undefined && normalizeEncoding(encoding) === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  if (normalizeEncoding(encoding) === 'base64url') encoding = 'base64';
  // The bundle reads write(string, offset, encoding) when length is not a number.
  if (length === undefined) length = this.length - (offset === undefined ? 0 : offset >>> 0);
  return origWrite.call(this, string, offset === undefined ? 0 : offset, length, encoding);
};

const origFrom = NodeBuffer.from;
NodeBuffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') {
    if (encodingOrOffset !== undefined && normalizeEncoding(encodingOrOffset) === undefined) {
      throw new ERR_UNKNOWN_ENCODING(encodingOrOffset);
    }
    if (normalizeEncoding(encodingOrOffset) === 'base64url') encodingOrOffset = 'base64';
    return origFrom.call(this, value, encodingOrOffset, length);
  }
  if (typeof value === 'object' && value !== null) return origFrom.call(this, value, encodingOrOffset, length);
  throw new ERR_INVALID_ARG_TYPE('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

const origByteLength = NodeBuffer.byteLength;
NodeBuffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || string instanceof ArrayBuffer) return string.byteLength;
    throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const enc = normalizeEncoding(encoding);
  if (enc === 'base64' || enc === 'base64url') {
    let bytes = string.length;
    if (bytes > 0 && string.charCodeAt(bytes - 1) === 0x3D) bytes--;
    if (bytes > 1 && string.charCodeAt(bytes - 1) === 0x3D) bytes--;
    return (bytes * 3) >>> 2;
  }
  return origByteLength.call(this, string, enc === undefined ? 'utf8' : enc);
};

// fill as Node 20 validates and converts its arguments, with the byte loop in Go when the value is
// one byte (anything but a string or a view is a number to Node; a one-character string that
// encodes to one byte): the bundle assigns one element per loop turn (a 1 MB Buffer.alloc(n, 0)
// took 0.36 s). Multi-byte patterns keep the bundle's loop.
const origFill = NodeBuffer.prototype.fill;
NodeBuffer.prototype.fill = function fill(value, offset, end, encoding) {
  if (typeof value === 'string') {
    if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
    else if (typeof end === 'string') { encoding = end; end = this.length; }
    const enc = normalizeEncoding(encoding);
    if (enc === undefined) {
      validateString(encoding, 'encoding');
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }
    encoding = enc;
    if (value.length === 0) value = 0;
    else if (value.length === 1) {
      const code = value.charCodeAt(0);
      if ((enc === 'utf8' && code < 128) || enc === 'latin1' || enc === 'ascii') value = code & 255;
    }
  } else {
    encoding = undefined;
  }
  if (offset === undefined) {
    offset = 0;
    end = this.length;
  } else {
    validateInteger(offset, 'offset', 0, kMaxLength);
    if (end === undefined) end = this.length;
    else validateInteger(end, 'end', 0, this.length);
    if (offset >= end) return this;
  }
  if (typeof value !== 'string' && !ArrayBuffer.isView(value)) {
    // Any other value is a number to Node (true is 1, an object its valueOf, NaN 0).
    const byte = Number(value) & 255;
    if (typeof binding.fillByte === 'function') binding.fillByte(this, offset, end, byte);
    else origFill.call(this, byte, offset, end);
    return this;
  }
  const bytes = typeof value === 'string' ? NodeBuffer.from(value, encoding) : value;
  if (bytes.byteLength === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
  return origFill.call(this, bytes, offset, end);
};

NodeBuffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
};

for (const name of ['alloc', 'allocUnsafe', 'allocUnsafeSlow']) {
  const orig = NodeBuffer[name];
  NodeBuffer[name] = {
    [name](size, fill, encoding) {
      validateNumber(size, 'size', 0, kMaxLength);
      if (name === 'alloc' && encoding !== undefined && normalizeEncoding(encoding) === undefined) {
        throw new ERR_UNKNOWN_ENCODING(encoding);
      }
      if (name === 'alloc' && normalizeEncoding(encoding) === 'base64url') encoding = 'base64';
      return orig.call(this, size, fill, encoding);
    },
  }[name];
}

NodeBuffer.prototype[customInspectSymbol] = function inspect(recurseTimes, ctx) {
  const max = module.exports.INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = this.toString('hex', 0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx) {
    let extras = false;
    const hooks = require('internal/util/inspect_hooks').util;
    const filter = ctx.showHidden ? hooks.constants.ALL_PROPERTIES : hooks.constants.ONLY_ENUMERABLE;
    const obj = { __proto__: null };
    for (const key of hooks.getOwnNonIndexProperties(this, filter)) {
      extras = true;
      obj[key] = this[key];
    }
    if (extras) {
      const { inspect } = require('internal/util/inspect');
      if (this.length !== 0) str += ', ';
      str += inspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};
NodeBuffer.prototype.inspect = NodeBuffer.prototype[customInspectSymbol];

function isUtf8(input) {
  const bytes = viewBytes(input, 'input');
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i];
    let need = 0;
    let lo = 0x80;
    let hi = 0xBF;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) { need = 2; if (c === 0xE0) lo = 0xA0; if (c === 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 3; if (c === 0xF0) lo = 0x90; if (c === 0xF4) hi = 0x8F; }
    else return false;
    for (let k = 1; k <= need; k++) {
      const d = bytes[i + k];
      if (d === undefined || d < lo || d > hi) return false;
      lo = 0x80;
      hi = 0xBF;
    }
    i += need + 1;
  }
  return true;
}

function isAscii(input) {
  const bytes = viewBytes(input, 'input');
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7F) return false;
  return true;
}

function viewBytes(input, name) {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  throw new ERR_INVALID_ARG_TYPE(name, ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

// transcode between the encodings Node's ICU build supports, via a string.
function transcode(source, fromEnc, toEnc) {
  if (!(source instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  if (source.length === 0) return NodeBuffer.alloc(0);
  const from = normalizeEncoding(fromEnc);
  const to = normalizeEncoding(toEnc);
  const ok = ['utf8', 'utf16le', 'latin1', 'ascii'];
  if (!ok.includes(from) || !ok.includes(to)) {
    const err = new Error(`Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]`);
    err.code = 'U_ILLEGAL_ARGUMENT_ERROR';
    err.errno = 1;
    throw err;
  }
  let str = NodeBuffer.from(source.buffer, source.byteOffset, source.byteLength).toString(from);
  if (to === 'ascii' || to === 'latin1') str = str.replace(/[^\x00-\xff]/gu, '?');
  if (to === 'ascii') str = str.replace(/[\x80-\xff]/g, '?');
  return NodeBuffer.from(str, to);
}

const atob = global.atob;
const btoa = global.btoa;

module.exports = {
  Buffer: NodeBuffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
  INSPECT_MAX_BYTES: 50,
  Blob: global.Blob,
  resolveObjectURL: () => undefined,
  File: global.File,
};
