'use strict';
// Node's zlib module over Go's compress/flate and andybalholm/brotli (see binding.go). Option
// validation and errors follow node 20; the stream classes are Transform streams over a Go engine
// whose work runs off the JavaScript goroutine, like Node's threadpool.

const { Transform } = require('stream');
const {
  nodeError, invalidArgType, outOfRange, validateFunction, validateNumber,
} = require('internal/pkgbox/errors');

const constants = Object.freeze({
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1,
  Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4,
  Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4880, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5,
  INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15,
  Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1,
  Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
  BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
  BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1,
  BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0,
  BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10,
  BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30, BROTLI_DEFAULT_WINDOW: 22,
  BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24,
  BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6,
  BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8, BROTLI_DECODER_RESULT_ERROR: 0,
  BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2,
  BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0,
  BROTLI_DECODER_PARAM_LARGE_WINDOW: 1, BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1,
  BROTLI_DECODER_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3,
  BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2,
  BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
  BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
  BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
  BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
  BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
  BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
  BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
  BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
  BROTLI_DECODER_ERROR_UNREACHABLE: -31,
});

const {
  DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP, BROTLI_DECODE, BROTLI_ENCODE,
  Z_NO_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH, Z_BLOCK, Z_MIN_CHUNK, Z_DEFAULT_CHUNK,
  Z_MIN_WINDOWBITS, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS, Z_MIN_LEVEL, Z_MAX_LEVEL,
  Z_DEFAULT_COMPRESSION, Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL, Z_DEFAULT_STRATEGY, Z_FIXED,
  BROTLI_OPERATION_PROCESS, BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH, BROTLI_OPERATION_EMIT_METADATA,
  BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW,
} = constants;

const codes = {
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
};
for (const key of Object.keys(codes)) codes[codes[key]] = key;

// Node 20's buffer.kMaxLength.
const kMaxLength = 2 ** 32;
const kMaxBrotliParam = 8;
const kFlushFlag = Symbol('kFlushFlag');

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}

function isAnyArrayBuffer(v) {
  return v instanceof ArrayBuffer || Object.prototype.toString.call(v) === '[object ArrayBuffer]';
}

// toError turns the binding's error description into Node's error object.
function toError(info) {
  if (info.tooLarge !== undefined) {
    return nodeError(RangeError, 'ERR_BUFFER_TOO_LARGE', `Cannot create a Buffer larger than ${info.tooLarge} bytes`);
  }
  const err = new Error(info.message);
  err.errno = info.errno;
  err.code = info.code;
  return err;
}

// checkFiniteNumber: false for undefined and NaN (use the default), throws for other non-finite.
function checkFiniteNumber(number, name) {
  if (number === undefined) return false;
  if (Number.isFinite(number)) return true;
  if (Number.isNaN(number)) return false;
  validateNumber(number, name);
  throw outOfRange(name, 'a finite number', number);
}

function checkRangesOrGetDefault(number, name, lower, upper, def) {
  if (!checkFiniteNumber(number, name)) return def;
  if (number < lower || number > upper) throw outOfRange(name, `>= ${lower} and <= ${upper}`, number);
  return number;
}

function checkInput(buffer) {
  if (typeof buffer === 'string' || isArrayBufferView(buffer) || isAnyArrayBuffer(buffer)) return buffer;
  throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', buffer);
}

// settings validates the options for a mode as Node's constructors do and returns what the
// binding needs plus the stream settings.
function settings(mode, opts) {
  const brotli = mode === BROTLI_ENCODE || mode === BROTLI_DECODE;
  const s = { mode, level: Z_DEFAULT_COMPRESSION, windowBits: Z_DEFAULT_WINDOWBITS, memLevel: Z_DEFAULT_MEMLEVEL,
    strategy: Z_DEFAULT_STRATEGY, dictionary: undefined, quality: BROTLI_DEFAULT_QUALITY, lgwin: BROTLI_DEFAULT_WINDOW };
  if (brotli) {
    const seen = new Set();
    if (opts && opts.params) {
      for (const origKey of Object.keys(opts.params)) {
        const key = +origKey;
        if (Number.isNaN(key) || key < 0 || key > kMaxBrotliParam || seen.has(key)) {
          throw nodeError(RangeError, 'ERR_BROTLI_INVALID_PARAM', `${origKey} is not a valid Brotli parameter`);
        }
        seen.add(key);
        const value = opts.params[origKey];
        if (typeof value !== 'number' && typeof value !== 'boolean') {
          throw invalidArgType('options.params[key]', 'of type number', value);
        }
        if (key === BROTLI_PARAM_QUALITY) s.quality = +value;
        if (key === BROTLI_PARAM_LGWIN) s.lgwin = +value;
      }
    }
  } else if (opts) {
    if ((opts.windowBits == null || opts.windowBits === 0) && (mode === INFLATE || mode === GUNZIP || mode === UNZIP)) {
      s.windowBits = 0;
    } else {
      // { windowBits: 8 } is valid for deflate but not for gzip.
      const min = Z_MIN_WINDOWBITS + (mode === GZIP ? 1 : 0);
      s.windowBits = checkRangesOrGetDefault(opts.windowBits, 'options.windowBits', min, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS);
    }
    s.level = checkRangesOrGetDefault(opts.level, 'options.level', Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_COMPRESSION);
    s.memLevel = checkRangesOrGetDefault(opts.memLevel, 'options.memLevel', Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL);
    s.strategy = checkRangesOrGetDefault(opts.strategy, 'options.strategy', Z_DEFAULT_STRATEGY, Z_FIXED, Z_DEFAULT_STRATEGY);
    s.dictionary = opts.dictionary;
    if (s.dictionary !== undefined && !isArrayBufferView(s.dictionary) && !isAnyArrayBuffer(s.dictionary)) {
      throw invalidArgType('options.dictionary', 'an instance of Buffer, TypedArray, DataView, or ArrayBuffer', s.dictionary);
    }
  }
  // level and strategy truncate to integers in zlib's C API.
  s.level = Math.trunc(s.level);
  s.strategy = Math.trunc(s.strategy);
  s.chunkSize = Z_DEFAULT_CHUNK;
  s.maxOutputLength = kMaxLength;
  s.flush = brotli ? BROTLI_OPERATION_PROCESS : Z_NO_FLUSH;
  s.finishFlush = brotli ? BROTLI_OPERATION_FINISH : Z_FINISH;
  s.fullFlush = brotli ? BROTLI_OPERATION_FLUSH : Z_FULL_FLUSH;
  if (opts) {
    const maxFlush = brotli ? BROTLI_OPERATION_EMIT_METADATA : Z_BLOCK;
    if (checkFiniteNumber(opts.chunkSize, 'options.chunkSize')) {
      if (opts.chunkSize < Z_MIN_CHUNK) throw outOfRange('options.chunkSize', `>= ${Z_MIN_CHUNK}`, opts.chunkSize);
      s.chunkSize = opts.chunkSize;
    }
    s.flush = checkRangesOrGetDefault(opts.flush, 'options.flush', 0, maxFlush, s.flush);
    s.finishFlush = checkRangesOrGetDefault(opts.finishFlush, 'options.finishFlush', 0, maxFlush, s.finishFlush);
    s.maxOutputLength = checkRangesOrGetDefault(opts.maxOutputLength, 'options.maxOutputLength', 1, kMaxLength, kMaxLength);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Streams

const kEngine = Symbol('kEngine');
const engines = new WeakMap();

function flushBuffer(kind) {
  const buf = binding.empty();
  buf[kFlushFlag] = kind;
  return buf;
}

class ZlibBase extends Transform {
  constructor(opts, mode) {
    const s = settings(mode, opts);
    if (opts && (opts.encoding || opts.objectMode || opts.writableObjectMode)) {
      opts = { ...opts, encoding: null, objectMode: false, writableObjectMode: false };
    }
    super({ autoDestroy: true, ...opts });
    engines.set(this, binding.create(s));
    this.bytesWritten = 0;
    // Some libraries test _handle to see whether the stream is still open; it is only a marker.
    this._handle = {};
    this._chunkSize = s.chunkSize;
    this._defaultFlushFlag = s.flush;
    this._finishFlushFlag = s.finishFlush;
    this._defaultFullFlushFlag = s.fullFlush;
    this._info = !!(opts && opts.info);
    this._maxOutputLength = s.maxOutputLength;
    this._level = s.level;
    this._strategy = s.strategy;
  }

  get _closed() {
    return !engines.has(this);
  }

  params(level, strategy, callback) {
    checkRangesOrGetDefault(level, 'level', Z_MIN_LEVEL, Z_MAX_LEVEL);
    checkRangesOrGetDefault(strategy, 'strategy', Z_DEFAULT_STRATEGY, Z_FIXED);
    if (this._level !== level || this._strategy !== strategy) {
      this.flush(Z_SYNC_FLUSH, () => {
        const engine = engines.get(this);
        if (engine) {
          engine.params(Math.trunc(level), Math.trunc(strategy));
          this._level = level;
          this._strategy = strategy;
        }
        if (callback) callback();
      });
    } else if (callback) {
      process.nextTick(callback);
    }
  }

  get bytesRead() {
    return this.bytesWritten;
  }

  reset() {
    const engine = engines.get(this);
    if (!engine) throw nodeError(Error, 'ERR_ZLIB_BINDING_CLOSED', 'zlib binding closed');
    engine.reset();
  }

  flush(kind, callback) {
    if (typeof kind === 'function' || (kind === undefined && !callback)) {
      callback = kind;
      kind = this._defaultFullFlushFlag;
    }
    if (this.writableFinished) {
      if (callback) process.nextTick(callback);
    } else if (this.writableEnded) {
      if (callback) this.once('end', callback);
    } else {
      this.write(flushBuffer(kind), '', callback);
    }
  }

  close(callback) {
    if (callback) {
      if (this.destroyed) process.nextTick(callback);
      else this.once('close', callback);
    }
    this.destroy();
  }

  _destroy(err, callback) {
    closeEngine(this);
    callback(err);
  }

  _transform(chunk, encoding, cb) {
    let flushFlag = this._defaultFlushFlag;
    if (typeof chunk[kFlushFlag] === 'number') flushFlag = chunk[kFlushFlag];
    processChunk(this, chunk, flushFlag, cb);
  }

  _flush(callback) {
    processChunk(this, binding.empty(), this._finishFlushFlag, (err) => {
      closeEngine(this);
      callback(err);
    }, true);
  }

  // _processChunk is Node's semi-public entry point: synchronous without a callback, and then,
  // as in Node, the engine is closed afterwards.
  _processChunk(chunk, flushFlag, cb) {
    if (typeof cb === 'function') {
      processChunk(this, chunk, flushFlag, cb);
      return;
    }
    const engine = engines.get(this);
    if (!engine) throw nodeError(Error, 'ERR_ZLIB_BINDING_CLOSED', 'zlib binding closed');
    const out = engine.process(chunk, flushFlag);
    closeEngine(this);
    if (!isArrayBufferView(out)) {
      const err = toError(out);
      this.destroy(err);
      throw err;
    }
    this.bytesWritten += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
    return out;
  }
}

function closeEngine(stream) {
  const engine = engines.get(stream);
  if (engine) {
    engines.delete(stream);
    engine.close();
    stream._handle = null;
  }
}

function processChunk(stream, chunk, flushFlag, cb, last = false) {
  const engine = engines.get(stream);
  if (!engine) {
    process.nextTick(cb);
    return;
  }
  engine.processAsync(chunk, flushFlag, (errInfo, out) => {
    if (stream.destroyed) {
      cb();
      return;
    }
    if (errInfo) {
      closeEngine(stream);
      stream.destroy(toError(errInfo));
      return;
    }
    stream.bytesWritten += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
    // Output comes out in pieces of at most chunkSize, as Node's output buffer gives it.
    const size = stream._chunkSize;
    for (let off = 0; off < out.length; off += size) {
      stream.push(off === 0 && out.length <= size ? out : out.subarray(off, Math.min(off + size, out.length)));
    }
    cb();
  }, last);
}

function streamClass(name, mode, Base) {
  const C = {
    [name]: class extends Base {
      constructor(opts) {
        super(opts, mode);
      }
    },
  }[name];
  return C;
}

const Deflate = streamClass('Deflate', DEFLATE, ZlibBase);
const Inflate = streamClass('Inflate', INFLATE, ZlibBase);
const Gzip = streamClass('Gzip', GZIP, ZlibBase);
const Gunzip = streamClass('Gunzip', GUNZIP, ZlibBase);
const DeflateRaw = streamClass('DeflateRaw', DEFLATERAW, ZlibBase);
const InflateRaw = streamClass('InflateRaw', INFLATERAW, ZlibBase);
const Unzip = streamClass('Unzip', UNZIP, ZlibBase);
const BrotliCompress = streamClass('BrotliCompress', BROTLI_ENCODE, ZlibBase);
const BrotliDecompress = streamClass('BrotliDecompress', BROTLI_DECODE, ZlibBase);

// Node's classes can be called without new, and subclassed.
function callable(C) {
  const f = {
    [C.name]: function (opts) {
      if (!new.target) return new C(opts);
      return Reflect.construct(C, [opts], new.target);
    },
  }[C.name];
  f.prototype = C.prototype;
  return f;
}

// ---------------------------------------------------------------------------------------------
// Convenience methods

function oneShotOptions(s) {
  return { mode: s.mode, flush: s.finishFlush, level: s.level, windowBits: s.windowBits, strategy: s.strategy,
    dictionary: s.dictionary, maxOutputLength: s.maxOutputLength, quality: s.quality, lgwin: s.lgwin };
}

function syncMethod(C, mode) {
  return function (buffer, opts) {
    const s = settings(mode, opts);
    buffer = checkInput(buffer);
    const out = binding.oneShot(oneShotOptions(s), buffer);
    if (!isArrayBufferView(out)) throw toError(out);
    if (opts && opts.info) {
      const engine = new C(opts);
      engine.bytesWritten = typeof buffer === 'string' ? buffer.length : buffer.byteLength;
      closeEngine(engine);
      return { buffer: out, engine };
    }
    return out;
  };
}

function asyncMethod(C, mode) {
  return function (buffer, opts, callback) {
    if (typeof opts === 'function') {
      callback = opts;
      opts = {};
    }
    const s = settings(mode, opts);
    validateFunction(callback, 'callback');
    // Node writes the input to a stream here, so a bad one is reported as the stream's "chunk".
    if (typeof buffer !== 'string' && !isArrayBufferView(buffer) && !isAnyArrayBuffer(buffer)) {
      throw invalidArgType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', buffer);
    }
    binding.oneShotAsync(oneShotOptions(s), buffer, (errInfo, out) => {
      if (errInfo) {
        callback(toError(errInfo));
        return;
      }
      if (opts && opts.info) {
        const engine = new C(opts);
        closeEngine(engine);
        callback(null, { buffer: out, engine });
        return;
      }
      callback(null, out);
    });
  };
}

function crc32(data, value = 0) {
  if (typeof data !== 'string' && !isArrayBufferView(data)) {
    throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }
  if (typeof value !== 'number') throw invalidArgType('value', 'of type number', value);
  return binding.crc32(data, value);
}

const classes = { Deflate, Inflate, Gzip, Gunzip, DeflateRaw, InflateRaw, Unzip, BrotliCompress, BrotliDecompress };
const modes = {
  deflate: [Deflate, DEFLATE], gzip: [Gzip, GZIP], deflateRaw: [DeflateRaw, DEFLATERAW], unzip: [Unzip, UNZIP],
  inflate: [Inflate, INFLATE], gunzip: [Gunzip, GUNZIP], inflateRaw: [InflateRaw, INFLATERAW],
  brotliCompress: [BrotliCompress, BROTLI_ENCODE], brotliDecompress: [BrotliDecompress, BROTLI_DECODE],
};

module.exports = { crc32 };
for (const [name, C] of Object.entries(classes)) module.exports[name] = callable(C);
for (const [name, [C, mode]] of Object.entries(modes)) {
  module.exports[name] = asyncMethod(C, mode);
  module.exports[`${name}Sync`] = syncMethod(C, mode);
}
for (const name of ['Deflate', 'Inflate', 'DeflateRaw', 'InflateRaw', 'Gzip', 'Gunzip', 'Unzip', 'BrotliCompress',
  'BrotliDecompress']) {
  const C = classes[name];
  module.exports[`create${name}`] = (opts) => new C(opts);
}
Object.defineProperty(module.exports, 'constants', { value: constants, enumerable: true, configurable: false, writable: false });
module.exports.codes = Object.freeze(codes);
// The legacy top-level Z_* names (not the Brotli ones), hidden from enumeration as in Node.
for (const key of Object.keys(constants)) {
  if (key.startsWith('BROTLI')) continue;
  Object.defineProperty(module.exports, key, { value: constants[key], enumerable: false, writable: false });
}
