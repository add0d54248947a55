'use strict';
// Node's crypto module over Go's crypto packages. Validation and error texts follow node 20 (the
// tests compare with it); the work happens in `binding` (hash.go, cipher.go, kdf.go, random.go).
// Handles returned by the binding hold Go state in closures; they live in private fields and never
// reach package code.

const {
  nodeError, plainError, invalidArgType, outOfRange, invalidArgValue, featureUnavailable,
  validateString, validateFunction, validateBoolean, validateObject, validateNumber, validateInteger,
  validateInt32, validateUint32,
} = require('internal/pkgbox/errors');

const kMaxLength = 2 ** 31 - 1;
const kMaxUint32 = 2 ** 32 - 1;
const kMaxRandomIntRange = 2 ** 48 - 1;

const encodings = new Set(['utf8', 'utf-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii',
  'ucs2', 'ucs-2', 'utf16le', 'utf-16le']);

// normalizeEncoding is Buffer's: a known encoding name in canonical form, or undefined.
function normalizeEncoding(enc) {
  if (enc == null || enc === '') return 'utf8';
  const e = String(enc).toLowerCase();
  if (!encodings.has(e)) return undefined;
  switch (e) {
    case 'utf-8': return 'utf8';
    case 'binary': return 'latin1';
    case 'ucs-2': case 'utf-16le': case 'ucs2': return 'utf16le';
    default: return e;
  }
}

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}

function isAnyArrayBuffer(v) {
  return v instanceof ArrayBuffer || Object.prototype.toString.call(v) === '[object ArrayBuffer]';
}

function invalidState(op) {
  return nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', `Invalid state for operation ${op}`);
}

function hashFinalized() {
  return nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
}

// validateEncoding rejects odd-length hex, as Node does before hashing or ciphering a string.
function validateEncoding(data, encoding) {
  if (normalizeEncoding(encoding) === 'hex' && data.length % 2 !== 0) {
    throw invalidArgValue('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
}

const kDataTypes = 'of type string or an instance of Buffer, TypedArray, or DataView';
const kByteSourceTypes = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';

// getArrayBufferOrView returns something the binding reads bytes from: the view itself, or a
// Buffer made from a string in the given encoding.
function getArrayBufferOrView(buffer, name, encoding) {
  if (isAnyArrayBuffer(buffer) || isArrayBufferView(buffer)) return buffer;
  if (typeof buffer === 'string') {
    if (encoding === 'buffer') encoding = 'utf8';
    return binding.decode(buffer, encoding);
  }
  throw invalidArgType(name, kByteSourceTypes, buffer);
}

function getStringOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) validateString(value, `options.${key}`);
  return value;
}

function getUIntOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) {
    if (value >>> 0 !== value) throw invalidArgValue(`options.${key}`, value);
    return value;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// KeyObject

const keyBytes = new WeakMap();
let keyObjectToken;

class KeyObject {
  #type;
  constructor(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') throw invalidArgValue('type', type);
    if (typeof handle !== 'object' || handle === null || handle !== keyObjectToken) {
      throw invalidArgType('handle', 'of type object', handle);
    }
    this.#type = type;
  }
  get type() { return this.#type; }
  get symmetricKeySize() { return this.#type === 'secret' ? keyBytes.get(this).length : undefined; }
  get asymmetricKeyType() { return undefined; }
  export(options) {
    if (options !== undefined) validateObject(options, 'options');
    const bytes = keyBytes.get(this);
    if (options && options.format === 'jwk') return { kty: 'oct', k: binding.encode(bytes, 'base64url') };
    if (options && options.format !== undefined && options.format !== 'buffer') {
      throw invalidArgValue('options.format', options.format);
    }
    return binding.copy(bytes);
  }
  equals(otherKeyObject) {
    if (!(otherKeyObject instanceof KeyObject)) {
      throw invalidArgType('otherKeyObject', 'an instance of KeyObject', otherKeyObject);
    }
    const a = keyBytes.get(this);
    const b = keyBytes.get(otherKeyObject);
    return otherKeyObject.type === this.type && a.length === b.length && binding.timingSafeEqual(a, b);
  }
  static from() {
    throw featureUnavailable('KeyObject.from');
  }
}

function secretKeyObject(bytes) {
  keyObjectToken = {};
  try {
    const key = new KeyObject('secret', keyObjectToken);
    keyBytes.set(key, binding.copy(bytes));
    return key;
  } finally {
    keyObjectToken = undefined;
  }
}

function createSecretKey(key, encoding) {
  key = prepareSecretKey(key, encoding, true);
  return secretKeyObject(key);
}

// prepareSecretKey returns a byte source for a key given as string, bytes or secret KeyObject.
function prepareSecretKey(key, encoding, bufferOnly = false) {
  if (!bufferOnly && key instanceof KeyObject) {
    if (key.type !== 'secret') {
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
    }
    return keyBytes.get(key);
  }
  if (isAnyArrayBuffer(key) || isArrayBufferView(key)) return key;
  if (typeof key === 'string') return binding.decode(key, encoding === 'buffer' ? 'utf8' : encoding);
  throw invalidArgType('key', bufferOnly ? 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView' :
    'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
}

function generateKeySync(type, options) {
  validateString(type, 'type');
  validateObject(options, 'options');
  const { length } = options;
  switch (type) {
    case 'hmac':
      validateInteger(length, 'options.length', 8, 2 ** 31 - 1);
      break;
    case 'aes':
      if (length !== 128 && length !== 192 && length !== 256) {
        throw invalidArgValue('options.length', length, 'must be one of: 128, 192, 256');
      }
      break;
    default:
      throw invalidArgValue('type', type, "must be a supported key type");
  }
  const bytes = new Uint8Array(Math.floor(length / 8));
  binding.randomFill(bytes, 0, bytes.length);
  return secretKeyObject(bytes);
}

function generateKey(type, options, callback) {
  validateFunction(callback, 'callback');
  const key = generateKeySync(type, options);
  setImmediate(() => callback(null, key));
}

// ---------------------------------------------------------------------------------------------
// Hash and Hmac

// Operations of a hash or hmac handle (one native function each, see hashbinding.go).
const kUpdate = 0;
const kDigest = 1;
const kCopy = 2;

function checkData(data, encoding) {
  if (typeof data === 'string') validateEncoding(data, encoding);
  else if (!isArrayBufferView(data)) throw invalidArgType('data', kDataTypes, data);
}

class Hash {
  #handle;
  #finalized = false;
  constructor(algorithm, options) {
    const xofLen = typeof options === 'object' && options !== null ? options.outputLength : undefined;
    if (xofLen !== undefined) validateUint32(xofLen, 'options.outputLength');
    if (algorithm instanceof Hash) {
      if (algorithm.#finalized) throw hashFinalized();
      this.#handle = algorithm.#handle(kCopy, xofLen);
      return;
    }
    validateString(algorithm, 'algorithm');
    this.#handle = binding.hashNew(algorithm, xofLen);
  }
  copy(options) {
    if (this.#finalized) throw hashFinalized();
    return new Hash(this, options);
  }
  update(data, encoding) {
    if (this.#finalized) throw hashFinalized();
    checkData(data, encoding);
    this.#handle(kUpdate, data, encoding);
    return this;
  }
  digest(outputEncoding) {
    if (this.#finalized) throw hashFinalized();
    this.#finalized = true;
    return this.#handle(kDigest, outputEncoding);
  }
}

class Hmac {
  #handle;
  #finalized = false;
  constructor(hmac, key, options) {
    validateString(hmac, 'hmac');
    const encoding = getStringOption(options, 'encoding');
    key = prepareSecretKey(key, encoding);
    this.#handle = binding.hmacNew(hmac, key);
  }
  update(data, encoding) {
    if (this.#finalized) throw hashFinalized();
    checkData(data, encoding);
    this.#handle(kUpdate, data, encoding);
    return this;
  }
  digest(outputEncoding) {
    // A second digest() is not an error for Hmac: it returns an empty result.
    if (this.#finalized) return binding.encode(new Uint8Array(0), outputEncoding);
    this.#finalized = true;
    return this.#handle(kDigest, outputEncoding);
  }
}

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !isArrayBufferView(input)) throw invalidArgType('input', kDataTypes, input);
  let normalized = outputEncoding;
  if (outputEncoding !== 'hex') {
    validateString(outputEncoding, 'outputEncoding');
    normalized = normalizeEncoding(outputEncoding);
    if (normalized === undefined) {
      if (outputEncoding.toLowerCase() !== 'buffer') throw invalidArgValue('outputEncoding', outputEncoding);
      normalized = 'buffer';
    }
  }
  return binding.hash(algorithm, input, normalized);
}

let hashesCache;
function getHashes() {
  if (!hashesCache) hashesCache = binding.hashes();
  return hashesCache.slice();
}

// ---------------------------------------------------------------------------------------------
// Ciphers

function getDecoder(decoder, encoding) {
  const normalized = normalizeEncoding(encoding);
  if (normalized === undefined) {
    throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
  }
  if (decoder && decoder.encoding !== normalized) {
    throw nodeError(Error, 'ERR_INTERNAL_ASSERTION', 'Cannot change encoding\nThis is caused by either a bug in ' +
      'Node.js or incorrect usage of Node.js internals.\nPlease open an issue with this stack trace at ' +
      'https://github.com/nodejs/node/issues\n');
  }
  if (decoder) return decoder;
  const d = binding.newDecoder(normalized);
  return { encoding: normalized, write: d.write, end: d.end };
}

function makeCipherHandle(cipher, key, iv, options, decipher) {
  validateString(cipher, 'cipher');
  const encoding = getStringOption(options, 'encoding');
  key = prepareSecretKey(key, encoding);
  iv = iv === null ? null : getArrayBufferOrView(iv, 'iv');
  const authTagLength = getUIntOption(options, 'authTagLength');
  return binding.cipherNew(cipher, key, iv, decipher, authTagLength);
}

class CipherBase {
  #handle;
  #decoder = null;
  constructor(handle) { this.#handle = handle; }
  update(data, inputEncoding, outputEncoding) {
    checkData(data, inputEncoding);
    const ret = this.#handle.update(data, inputEncoding);
    if (outputEncoding && outputEncoding !== 'buffer') {
      this.#decoder = getDecoder(this.#decoder, outputEncoding);
      return this.#decoder.write(ret);
    }
    return ret;
  }
  final(outputEncoding) {
    const ret = this.#handle.final();
    if (outputEncoding && outputEncoding !== 'buffer') {
      this.#decoder = getDecoder(this.#decoder, outputEncoding);
      return this.#decoder.end(ret);
    }
    return ret;
  }
  setAutoPadding(ap) {
    if (!this.#handle.setAutoPadding(ap === undefined ? true : !!ap)) throw invalidState('setAutoPadding');
    return this;
  }
  setAAD(aadbuf, options) {
    const encoding = getStringOption(options, 'encoding');
    const plaintextLength = getUIntOption(options, 'plaintextLength');
    void plaintextLength;
    aadbuf = getArrayBufferOrView(aadbuf, 'aadbuf', encoding);
    if (!this.#handle.setAAD(aadbuf)) throw invalidState('setAAD');
    return this;
  }
  static _handle(c) { return c.#handle; }
}

class Cipheriv extends CipherBase {
  constructor(cipher, key, iv, options) {
    super(makeCipherHandle(cipher, key, iv, options, false));
  }
  getAuthTag() {
    const ret = CipherBase._handle(this).getAuthTag();
    if (ret === undefined) throw invalidState('getAuthTag');
    return ret;
  }
}

class Decipheriv extends CipherBase {
  constructor(cipher, key, iv, options) {
    super(makeCipherHandle(cipher, key, iv, options, true));
  }
  setAuthTag(tagbuf, encoding) {
    tagbuf = getArrayBufferOrView(tagbuf, 'buffer', encoding);
    if (!CipherBase._handle(this).setAuthTag(tagbuf)) throw invalidState('setAuthTag');
    return this;
  }
}

function createCipheriv(cipher, key, iv, options) {
  return new Cipheriv(cipher, key, iv, options);
}

function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options);
}

let ciphersCache;
function getCiphers() {
  if (!ciphersCache) ciphersCache = binding.ciphers();
  return ciphersCache.slice();
}

function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw invalidArgType('nameOrNid', 'one of type string or number', nameOrNid);
  }
  if (typeof nameOrNid === 'number') validateInt32(nameOrNid, 'nameOrNid');
  let keyLength, ivLength;
  if (options !== undefined) {
    validateObject(options, 'options');
    ({ keyLength, ivLength } = options);
    if (keyLength !== undefined) validateInt32(keyLength, 'options.keyLength');
    if (ivLength !== undefined) validateInt32(ivLength, 'options.ivLength');
  }
  const info = binding.cipherInfo(nameOrNid);
  if (info === undefined) return undefined;
  if (keyLength !== undefined && keyLength !== info.keyLength) return undefined;
  if (ivLength !== undefined) {
    const ok = info.mode === 'gcm' ? ivLength > 0 : ivLength === (info.ivLength || 0);
    if (!ok) return undefined;
    if (info.mode === 'gcm') info.ivLength = ivLength;
  }
  return info;
}

// ---------------------------------------------------------------------------------------------
// Random

function assertSize(size, name) {
  validateNumber(size, name, 0, kMaxLength);
}

function randomBytes(size, callback) {
  assertSize(size, 'size');
  if (callback !== undefined) validateFunction(callback, 'callback');
  const buf = binding.alloc(size);
  if (callback === undefined) {
    binding.randomFill(buf, 0, size);
    return buf;
  }
  binding.randomFillAsync(buf, 0, size, () => callback(null, buf));
}

function checkFillTarget(buf) {
  if (!isAnyArrayBuffer(buf) && !isArrayBufferView(buf)) {
    throw invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
  }
}

function fillRange(buf, offset, size) {
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  const byteLength = buf.byteLength;
  validateNumber(offset, 'offset');
  offset *= elementSize;
  const maxLength = Math.min(byteLength, kMaxLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) throw outOfRange('offset', `>= 0 && <= ${maxLength}`, offset);
  if (size === undefined) {
    size = byteLength - offset;
  } else {
    validateNumber(size, 'size');
    size *= elementSize;
    if (Number.isNaN(size) || size > kMaxLength || size < 0) throw outOfRange('size', `>= 0 && <= ${kMaxLength}`, size);
    if (size + offset > byteLength) throw outOfRange('size + offset', `<= ${byteLength}`, size + offset);
  }
  return [offset >>> 0, size >>> 0];
}

function randomFillSync(buf, offset = 0, size) {
  checkFillTarget(buf);
  const [off, n] = fillRange(buf, offset, size);
  binding.randomFill(buf, off, n);
  return buf;
}

function randomFill(buf, offset, size, callback) {
  checkFillTarget(buf);
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = buf.byteLength;
  } else if (typeof size === 'function') {
    validateFunction(size, 'callback');
    callback = size;
    size = undefined;
  } else {
    validateFunction(callback, 'callback');
  }
  const [off, n] = fillRange(buf, offset, size);
  binding.randomFillAsync(buf, off, n, () => callback(null, buf));
}

function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
  if (max <= min) {
    throw outOfRange('max', `greater than the value of "min" (${min})`, max);
  }
  const range = max - min;
  if (!(range <= kMaxRandomIntRange)) {
    throw outOfRange(`max${minNotSpecified ? '' : ' - min'}`, `<= ${kMaxRandomIntRange}`, range);
  }
  const n = binding.randomInt(min, max);
  if (isSync) return n;
  process.nextTick(callback, undefined, n);
}

function randomUUID(options) {
  if (options !== undefined) validateObject(options, 'options');
  if (options && options.disableEntropyCache !== undefined) {
    validateBoolean(options.disableEntropyCache, 'options.disableEntropyCache');
  }
  return binding.randomUUID();
}

function timingSafeEqual(buf1, buf2) {
  for (const [name, v] of [['buf1', buf1], ['buf2', buf2]]) {
    if (!isAnyArrayBuffer(v) && !isArrayBufferView(v)) {
      throw plainError(TypeError, 'ERR_INVALID_ARG_TYPE',
        `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
    }
  }
  if (buf1.byteLength !== buf2.byteLength) {
    throw plainError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  return binding.timingSafeEqual(buf1, buf2);
}

// ---------------------------------------------------------------------------------------------
// Key derivation

function pbkdf2Args(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0);
  return [password, salt, iterations, keylen, digest];
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return binding.pbkdf2(...pbkdf2Args(password, salt, iterations, keylen, digest));
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const args = pbkdf2Args(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  binding.pbkdf2(...args, (err, key) => callback.call(undefined, err, key));
}

const scryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function scryptOption(options, a, b) {
  if (options[a] !== undefined && options[b] !== undefined) {
    throw nodeError(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter');
  }
  return options[a] !== undefined ? [options[a], a] : options[b] !== undefined ? [options[b], b] : [undefined, a];
}

function scryptArgs(password, salt, keylen, options) {
  options = options || scryptDefaults;
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  validateInt32(keylen, 'keylen', 0);
  let { N, r, p, maxmem } = scryptDefaults;
  if (options !== scryptDefaults) {
    const [n, nName] = scryptOption(options, 'N', 'cost');
    if (n !== undefined) { N = n; validateUint32(N, nName); }
    const [rr, rName] = scryptOption(options, 'r', 'blockSize');
    if (rr !== undefined) { r = rr; validateUint32(r, rName); }
    const [pp, pName] = scryptOption(options, 'p', 'parallelization');
    if (pp !== undefined) { p = pp; validateUint32(p, pName); }
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem;
      validateInteger(maxmem, 'maxmem', 0);
    }
    if (N === 0) N = scryptDefaults.N;
    if (r === 0) r = scryptDefaults.r;
    if (p === 0) p = scryptDefaults.p;
    if (maxmem === 0) maxmem = scryptDefaults.maxmem;
  }
  return [password, salt, keylen, N, r, p, maxmem];
}

function scryptSync(password, salt, keylen, options) {
  return binding.scrypt(...scryptArgs(password, salt, keylen, options));
}

function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  const args = scryptArgs(password, salt, keylen, options);
  validateFunction(callback, 'callback');
  binding.scrypt(...args, (err, key) => callback.call(undefined, err, key));
}

function hkdfArgs(hash, key, salt, info, length) {
  validateString(hash, 'digest');
  if (key instanceof KeyObject) {
    if (key.type !== 'secret') {
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
    }
    key = keyBytes.get(key);
  } else if (typeof key === 'string') {
    key = binding.decode(key, 'utf8');
  } else if (!isAnyArrayBuffer(key) && !isArrayBufferView(key)) {
    throw invalidArgType('ikm', 'of type string or an instance of SecretKeyObject, ArrayBuffer, TypedArray, DataView, or Buffer', key);
  }
  salt = getArrayBufferOrView(salt, 'salt');
  info = getArrayBufferOrView(info, 'info');
  validateInteger(length, 'length', 0, kMaxLength);
  if (info.byteLength > 1024) {
    throw outOfRange('info', 'must not contain more than 1024 bytes', info.byteLength);
  }
  return [hash, key, salt, info, length];
}

function hkdfSync(hash, key, salt, info, length) {
  return binding.hkdf(...hkdfArgs(hash, key, salt, info, length));
}

function hkdf(hash, key, salt, info, length, callback) {
  const args = hkdfArgs(hash, key, salt, info, length);
  validateFunction(callback, 'callback');
  binding.hkdf(...args, (err, key) => callback.call(undefined, err, key));
}

// ---------------------------------------------------------------------------------------------
// Web Crypto: getRandomValues, randomUUID and subtle.digest.

const domExceptionCodes = {
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
  SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
  TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
  QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};

// DOMException stands in for the global one, which the engine does not have.
class DOMException extends Error {
  #name;
  constructor(message = '', options = 'Error') {
    super(String(message));
    this.#name = typeof options === 'object' && options !== null ? String(options.name ?? 'Error') : String(options);
  }
  get name() { return this.#name; }
  get code() { return domExceptionCodes[this.#name] || 0; }
}

const kCryptoToken = {};

function isIntegerTypedArray(v) {
  switch (Object.prototype.toString.call(v)) {
    case '[object Int8Array]': case '[object Uint8Array]': case '[object Uint8ClampedArray]':
    case '[object Int16Array]': case '[object Uint16Array]': case '[object Int32Array]':
    case '[object Uint32Array]': case '[object BigInt64Array]': case '[object BigUint64Array]':
      return true;
  }
  return false;
}

function webGetRandomValues(data) {
  if (!isIntegerTypedArray(data)) {
    throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (data.byteLength > 65536) {
    throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  }
  binding.randomFill(data, 0, data.byteLength);
  return data;
}

const digestNames = { 'sha-1': 'sha1', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };

function unavailableAsync(name) {
  return function () {
    return Promise.reject(featureUnavailable(`crypto.subtle.${name}`));
  };
}

class SubtleCrypto {
  constructor(token) {
    if (token !== kCryptoToken) throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }
  digest(algorithm, data) {
    try {
      const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
      const alg = typeof name === 'string' ? digestNames[name.toLowerCase()] : undefined;
      if (alg === undefined) throw new DOMException('Unrecognized algorithm name', 'NotSupportedError');
      if (!isAnyArrayBuffer(data) && !isArrayBufferView(data)) {
        throw invalidArgType('data', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', data);
      }
      const out = binding.hash(alg, data, 'buffer');
      return Promise.resolve(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
    } catch (err) {
      return Promise.reject(err);
    }
  }
}
for (const name of ['encrypt', 'decrypt', 'sign', 'verify', 'generateKey', 'deriveKey', 'deriveBits',
  'importKey', 'exportKey', 'wrapKey', 'unwrapKey']) {
  Object.defineProperty(SubtleCrypto.prototype, name, {
    value: unavailableAsync(name), writable: true, configurable: true, enumerable: true,
  });
}

class Crypto {
  constructor(token) {
    if (token !== kCryptoToken) throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }
  get subtle() {
    if (!(this instanceof Crypto)) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Crypto');
    return subtle;
  }
  getRandomValues(array) {
    if (this !== webcrypto) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Crypto');
    return webGetRandomValues(array);
  }
  randomUUID() {
    if (this !== webcrypto) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Crypto');
    return binding.randomUUID();
  }
}

const subtle = new SubtleCrypto(kCryptoToken);
const webcrypto = new Crypto(kCryptoToken);

// ---------------------------------------------------------------------------------------------
// What is not built: each throws ERR_FEATURE_NOT_AVAILABLE_ON_PLATFORM naming itself.

function unavailable(name) {
  const fn = function () { throw featureUnavailable(`crypto.${name}`); };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

function unavailableClass(name) {
  const C = class {
    constructor() { throw featureUnavailable(`crypto.${name}`); }
  };
  Object.defineProperty(C, 'name', { value: name });
  return C;
}

const notBuilt = [
  'checkPrime', 'checkPrimeSync', 'createDiffieHellman', 'createDiffieHellmanGroup', 'createECDH',
  'createPrivateKey', 'createPublicKey', 'createSign', 'createVerify', 'diffieHellman', 'generatePrime',
  'generatePrimeSync', 'generateKeyPair', 'generateKeyPairSync', 'getDiffieHellman', 'privateDecrypt',
  'privateEncrypt', 'publicDecrypt', 'publicEncrypt', 'sign', 'verify', 'setEngine',
];

const Certificate = unavailableClass('Certificate');
for (const name of ['exportChallenge', 'exportPublicKey', 'verifySpkac']) {
  Certificate[name] = unavailable(`Certificate.${name}`);
}

const constants = Object.freeze({
  OPENSSL_VERSION_NUMBER: 805306672, SSL_OP_ALL: 2147485776, SSL_OP_ALLOW_NO_DHE_KEX: 1024,
  SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: 262144, SSL_OP_CIPHER_SERVER_PREFERENCE: 4194304,
  SSL_OP_CISCO_ANYCONNECT: 32768, SSL_OP_COOKIE_EXCHANGE: 8192, SSL_OP_CRYPTOPRO_TLSEXT_BUG: 2147483648,
  SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: 2048, SSL_OP_LEGACY_SERVER_CONNECT: 4, SSL_OP_NO_COMPRESSION: 131072,
  SSL_OP_NO_ENCRYPT_THEN_MAC: 524288, SSL_OP_NO_QUERY_MTU: 4096, SSL_OP_NO_RENEGOTIATION: 1073741824,
  SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: 65536, SSL_OP_NO_SSLv2: 0, SSL_OP_NO_SSLv3: 33554432,
  SSL_OP_NO_TICKET: 16384, SSL_OP_NO_TLSv1: 67108864, SSL_OP_NO_TLSv1_1: 268435456,
  SSL_OP_NO_TLSv1_2: 134217728, SSL_OP_NO_TLSv1_3: 536870912, SSL_OP_PRIORITIZE_CHACHA: 2097152,
  SSL_OP_TLS_ROLLBACK_BUG: 8388608, ENGINE_METHOD_RSA: 1, ENGINE_METHOD_DSA: 2, ENGINE_METHOD_DH: 4,
  ENGINE_METHOD_RAND: 8, ENGINE_METHOD_EC: 2048, ENGINE_METHOD_CIPHERS: 64, ENGINE_METHOD_DIGESTS: 128,
  ENGINE_METHOD_PKEY_METHS: 512, ENGINE_METHOD_PKEY_ASN1_METHS: 1024, ENGINE_METHOD_ALL: 65535,
  ENGINE_METHOD_NONE: 0, DH_CHECK_P_NOT_SAFE_PRIME: 2, DH_CHECK_P_NOT_PRIME: 1,
  DH_UNABLE_TO_CHECK_GENERATOR: 4, DH_NOT_SUITABLE_GENERATOR: 8, RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3,
  RSA_PKCS1_OAEP_PADDING: 4, RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING: 6, RSA_PSS_SALTLEN_DIGEST: -1,
  RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
  defaultCoreCipherList: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:' +
    'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:' +
    'ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:' +
    'ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:' +
    '!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA',
  TLS1_VERSION: 769, TLS1_1_VERSION: 770, TLS1_2_VERSION: 771, TLS1_3_VERSION: 772,
  POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
});
const constantsWithDefault = Object.freeze({ ...constants, defaultCipherList: constants.defaultCoreCipherList });

const impl = {
  createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey,
  getCiphers, getCipherInfo, getCurves: () => [], getHashes, hkdf, hkdfSync, pbkdf2, pbkdf2Sync,
  generateKey, generateKeySync, randomBytes, randomFill, randomFillSync, randomInt, randomUUID,
  scrypt, scryptSync, timingSafeEqual, getFips: () => 0,
  setFips(bool) {
    if (bool) throw featureUnavailable('crypto.setFips');
  },
  hash, Certificate, Cipheriv, Decipheriv, Hash, Hmac, KeyObject,
  secureHeapUsed: () => ({ total: 0, used: 0, utilization: 0, min: 0 }),
  constants: constantsWithDefault, webcrypto, subtle,
  getRandomValues: (array) => webcrypto.getRandomValues(array),
};
for (const name of notBuilt) impl[name] = unavailable(name);
for (const name of ['Cipher', 'Decipher', 'DiffieHellman', 'DiffieHellmanGroup', 'ECDH', 'Sign', 'Verify',
  'X509Certificate']) {
  impl[name] = unavailableClass(name);
}

// Node's key order, so that listing the module looks the same.
for (const name of ['checkPrime', 'checkPrimeSync', 'createCipheriv', 'createDecipheriv', 'createDiffieHellman',
  'createDiffieHellmanGroup', 'createECDH', 'createHash', 'createHmac', 'createPrivateKey', 'createPublicKey',
  'createSecretKey', 'createSign', 'createVerify', 'diffieHellman', 'generatePrime', 'generatePrimeSync',
  'getCiphers', 'getCipherInfo', 'getCurves', 'getDiffieHellman', 'getHashes', 'hkdf', 'hkdfSync', 'pbkdf2',
  'pbkdf2Sync', 'generateKeyPair', 'generateKeyPairSync', 'generateKey', 'generateKeySync', 'privateDecrypt',
  'privateEncrypt', 'publicDecrypt', 'publicEncrypt', 'randomBytes', 'randomFill', 'randomFillSync',
  'randomInt', 'randomUUID', 'scrypt', 'scryptSync', 'sign', 'setEngine', 'timingSafeEqual', 'getFips',
  'setFips', 'verify', 'hash', 'Certificate', 'Cipher', 'Cipheriv', 'Decipher', 'Decipheriv', 'DiffieHellman',
  'DiffieHellmanGroup', 'ECDH', 'Hash', 'Hmac', 'KeyObject', 'Sign', 'Verify', 'X509Certificate',
  'secureHeapUsed', 'constants', 'webcrypto', 'subtle', 'getRandomValues']) {
  module.exports[name] = impl[name];
}
// Deprecated aliases and the removed createCipher/createDecipher are there but not listed.
for (const [name, value] of [['pseudoRandomBytes', randomBytes], ['prng', randomBytes], ['rng', randomBytes],
  ['createCipher', unavailable('createCipher')], ['createDecipher', unavailable('createDecipher')]]) {
  Object.defineProperty(module.exports, name, { value, writable: true, configurable: true, enumerable: false });
}
