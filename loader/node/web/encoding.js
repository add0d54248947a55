// internal/encoding: TextEncoder and TextDecoder, decoding in Go (encoding_*.go) with the
// Encoding Standard's rules and Node 20's observable quirks.

const emptyBytes = new Uint8Array(0);

function errEncodingNotSupported(name) {
  return nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${name}" encoding is not supported`);
}

function errInvalidData(encoding) {
  return plainError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', `The encoded data was not valid for encoding ${encoding}`);
}

// validateOptions is Node's validateObject with nulls, arrays and functions allowed.
function validateOptions(options) {
  if (options !== null && typeof options !== 'object' && typeof options !== 'function') {
    throw errInvalidArgType('options', 'object', options);
  }
}

function constructorOf(obj) {
  for (let o = obj; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (d !== undefined && typeof d.value === 'function' && d.value.name !== '') return d.value;
  }
  return null;
}

let isTextEncoder;

class TextEncoder {
  #brand = true;

  static {
    isTextEncoder = (v) => v !== null && typeof v === 'object' && #brand in v;
  }

  get encoding() {
    if (!isTextEncoder(this)) throw errInvalidThis('TextEncoder');
    return 'utf-8';
  }

  encode(input = '') {
    if (!isTextEncoder(this)) throw errInvalidThis('TextEncoder');
    return new Uint8Array(binding.encode(`${input}`));
  }

  encodeInto(src, dest) {
    if (!isTextEncoder(this)) throw errInvalidThis('TextEncoder');
    if (typeof src !== 'string') throw errInvalidArgType('src', 'string', src);
    if (!isUint8Array(dest)) throw errInvalidArgType('dest', 'Uint8Array', dest);
    const [buf, off, len] = byteView(dest);
    return binding.encodeInto(src, buf, off, len);
  }

  [kInspect](depth, options, inspect) {
    if (!isTextEncoder(this)) throw errInvalidThis('TextEncoder');
    if (typeof depth === 'number' && depth < 0) return this;
    return inspect({ encoding: this.encoding }, options);
  }
}

defineEnumerable(TextEncoder.prototype, ['encoding', 'encode', 'encodeInto']);
defineToStringTag(TextEncoder.prototype, 'TextEncoder');

function trimASCIIWhitespace(s) {
  return s.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
}

let isTextDecoder;

class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  #handle = null;
  // Node 20 decodes UTF-8 and windows-1252 without a converter until the first {stream: true}
  // call, and its windows-1252 shortcut is ISO-8859-1: keep that observable difference.
  #utf8Fast;
  #latin1Fast;

  static {
    isTextDecoder = (v) => v !== null && typeof v === 'object' && #handle in v;
  }

  constructor(encoding = 'utf-8', options = {}) {
    encoding = `${encoding}`;
    validateOptions(options);
    const found = binding.lookup(trimASCIIWhitespace(encoding).toLowerCase());
    if (found === undefined) throw errEncodingNotSupported(encoding);
    const [name, supported] = found;
    if (!supported) throw errEncodingNotSupported(name);
    this.#encoding = name;
    this.#fatal = Boolean(options?.fatal);
    this.#ignoreBOM = Boolean(options?.ignoreBOM);
    this.#utf8Fast = name === 'utf-8';
    this.#latin1Fast = name === 'windows-1252';
  }

  decode(input = emptyBytes, options = {}) {
    if (!isTextDecoder(this)) throw errInvalidThis('TextDecoder');
    const stream = Boolean(options?.stream);
    if (stream) {
      this.#utf8Fast = false;
      this.#latin1Fast = false;
    }
    const view = byteView(input);
    if (this.#latin1Fast) {
      if (view === null) {
        throw plainError(TypeError, 'ERR_INVALID_ARG_TYPE',
          'The "input" argument must be an instance of ArrayBuffer, SharedArrayBuffer, or ArrayBufferView.');
      }
      return binding.decodeLatin1(view[0], view[1], view[2]);
    }
    let flush = true;
    if (this.#utf8Fast) {
      if (view === null) {
        throw plainError(TypeError, 'ERR_INVALID_ARG_TYPE',
          'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
      }
    } else {
      validateOptions(options);
      // Node flushes only when options is an object without stream: null means "keep going".
      flush = options !== null && !stream;
      if (view === null) {
        throw plainError(TypeError, 'ERR_INVALID_ARG_TYPE',
          'The "input" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
      }
    }
    if (this.#handle === null) this.#handle = binding.decoder(this.#encoding, this.#fatal, this.#ignoreBOM);
    const text = this.#handle.decode(view[0], view[1], view[2], flush);
    if (text === undefined) throw errInvalidData(this.#encoding);
    return text;
  }

  get encoding() {
    if (!isTextDecoder(this)) throw errInvalidThis('TextDecoder');
    return this.#encoding;
  }

  get fatal() {
    if (!isTextDecoder(this)) throw errInvalidThis('TextDecoder');
    return this.#fatal;
  }

  get ignoreBOM() {
    if (!isTextDecoder(this)) throw errInvalidThis('TextDecoder');
    return this.#ignoreBOM;
  }

  // Node formats the attributes with a fresh inspect call, ignoring the caller's options.
  [kInspect](depth, options, inspect) {
    if (!isTextDecoder(this)) throw errInvalidThis('TextDecoder');
    if (typeof depth === 'number' && depth < 0) return this;
    const ctor = constructorOf(this) || TextDecoder;
    const obj = { encoding: this.encoding, fatal: this.fatal, ignoreBOM: this.ignoreBOM };
    return `${ctor.name} ${inspect(obj)}`;
  }
}

defineEnumerable(TextDecoder.prototype, ['decode', 'encoding', 'fatal', 'ignoreBOM']);
defineToStringTag(TextDecoder.prototype, 'TextDecoder');

module.exports = { TextEncoder, TextDecoder };
