// internal/blob: Blob and File, held as bytes in JavaScript (a Blob never changes, so slices
// share their parent's bytes). stream() is not provided.

const { TextEncoder } = require('internal/encoding');

const encoder = new TextEncoder();
const disallowedType = /[^\u0020-\u007E]/;

function normalizeType(type) {
  const s = `${type}`;
  return disallowedType.test(s) ? '' : s.toLowerCase();
}

function copyView(v) {
  const [buf, off, len] = byteView(v);
  return new Uint8Array(ArrayBuffer.prototype.slice.call(buf, off, off + len));
}

let blobBytes;
const isBlobValue = (v) => v !== null && typeof v === 'object' && blobBytes(v) !== undefined;
function checkBlob(self) {
  if (self === null || typeof self !== 'object' || blobBytes(self) === undefined) throw errInvalidThis('Blob');
}

class Blob {
  #bytes;
  #type;

  constructor(sources = [], options = undefined) {
    if (sources === null || typeof sources !== 'object' || typeof sources[Symbol.iterator] !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "sources" argument must be a sequence.${describeReceived(sources)}`);
    }
    if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "options" argument must be a dictionary.${describeReceived(options)}`);
    }
    const endings = `${options?.endings ?? 'transparent'}`;
    if (endings !== 'transparent' && endings !== 'native') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.endings' is invalid. Received ${quoteString(endings)}`);
    }
    const parts = [];
    let size = 0;
    for (const part of sources) {
      let bytes;
      if (byteView(part) !== null) {
        bytes = copyView(part);
      } else if (part !== null && typeof part === 'object' && blobBytes(part) !== undefined) {
        bytes = blobBytes(part);
      } else {
        let s = `${part}`;
        if (endings === 'native') s = s.replace(/\r?\n/g, '\n');
        bytes = encoder.encode(s);
      }
      parts.push(bytes);
      size += bytes.length;
    }
    const all = parts.length === 1 ? parts[0] : new Uint8Array(size);
    if (parts.length !== 1) {
      let at = 0;
      for (let i = 0; i < parts.length; i++) {
        all.set(parts[i], at);
        at += parts[i].length;
      }
    }
    this.#bytes = all;
    this.#type = options?.type === undefined ? '' : normalizeType(options.type);
  }

  static {
    blobBytes = (b) => (#bytes in b ? b.#bytes : undefined);
  }

  get type() {
    checkBlob(this);
    return this.#type;
  }

  get size() {
    checkBlob(this);
    return this.#bytes.length;
  }

  slice(start = 0, end = undefined, contentType = undefined) {
    checkBlob(this);
    const size = this.#bytes.length;
    const rel = (v, dflt) => {
      if (v === undefined) return dflt;
      const n = Math.trunc(Number(v)) || 0;
      return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
    };
    const from = rel(start, 0);
    const to = rel(end, size);
    const out = new Blob([]);
    out.#bytes = this.#bytes.subarray(from, Math.max(to, from));
    out.#type = contentType === undefined ? '' : normalizeType(contentType);
    return out;
  }

  arrayBuffer() {
    if (!isBlobValue(this)) return Promise.reject(errInvalidThis('Blob'));
    const b = this.#bytes;
    return Promise.resolve(ArrayBuffer.prototype.slice.call(taBuffer.call(b), taOffset.call(b), taOffset.call(b) + b.length));
  }

  text() {
    if (!isBlobValue(this)) return Promise.reject(errInvalidThis('Blob'));
    return Promise.resolve(new (require('internal/encoding').TextDecoder)().decode(this.#bytes));
  }

  bytes() {
    if (!isBlobValue(this)) return Promise.reject(errInvalidThis('Blob'));
    return Promise.resolve(copyView(this.#bytes));
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `Blob ${inspect({ size: this.size, type: this.type }, opts)}`;
  }
}

defineEnumerable(Blob.prototype, ['type', 'size', 'slice', 'arrayBuffer', 'text']);
defineToStringTag(Blob.prototype, 'Blob');

let fileState;
function checkFile(self) {
  if (self === null || typeof self !== 'object' || fileState(self) === undefined) throw errInvalidThis('File');
}

class File extends Blob {
  #name;
  #lastModified;

  constructor(...args) {
    if (args.length < 2) throw errMissingArgs('fileBits', 'fileName');
    const options = args[2];
    super(args[0], options);
    this.#name = `${args[1]}`;
    const lm = options?.lastModified;
    if (lm !== undefined) {
      const n = +lm;
      this.#lastModified = Number.isNaN(n) ? 0 : n;
    } else {
      this.#lastModified = Date.now();
    }
  }

  static {
    fileState = (f) => (#name in f ? true : undefined);
  }

  get name() {
    checkFile(this);
    return this.#name;
  }

  get lastModified() {
    checkFile(this);
    return this.#lastModified;
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `File ${inspect({ size: this.size, type: this.type, name: this.#name, lastModified: this.#lastModified }, opts)}`;
  }
}

setLength(File, 2);
defineEnumerable(File.prototype, ['name', 'lastModified']);
defineToStringTag(File.prototype, 'File');

module.exports = {
  Blob,
  File,
  isBlob: isBlobValue,
};
