'use strict';
// Node 20's util. inspect/format come from the bundled extraction of Node's own inspect.js;
// the rest is written here against Node 20's documented behaviour.

const { inspect, format, formatWithOptions, stripVTControlCharacters } = require('internal/util/inspect');
const types = require('internal/util/types');
const { isDeepStrictEqual } = require('internal/util/comparisons');
const errors = require('internal/errors');
const { validateFunction, validateString, validateNumber, validateBoolean, validateAbortSignal, validateOneOf } =
  require('internal/validators');
const { parseArgs } = require('internal/util/parse_args');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_FALSY_VALUE_REJECTION, ERR_OUT_OF_RANGE } } = errors;

const kCustomPromisifiedSymbol = Symbol.for('nodejs.util.promisify.custom');
const kCustomPromisifyArgsSymbol = Symbol('customPromisifyArgs');

function withNullProtoValues(descriptors) {
  for (const d of Object.values(descriptors)) Object.setPrototypeOf(d, null);
  return descriptors;
}

function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisifiedSymbol]) {
    const fn = original[kCustomPromisifiedSymbol];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisifiedSymbol, {
      __proto__: null, value: fn, enumerable: false, writable: false, configurable: true,
    });
  }
  const argumentNames = original[kCustomPromisifyArgsSymbol];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisifiedSymbol, {
    __proto__: null, value: fn, enumerable: false, writable: false, configurable: true,
  });
  return Object.defineProperties(fn, withNullProtoValues(Object.getOwnPropertyDescriptors(original)));
}
promisify.custom = kCustomPromisifiedSymbol;

function callbackifyOnRejected(reason, cb) {
  if (!reason) reason = new ERR_FALSY_VALUE_REJECTION(reason);
  return cb(reason);
}

function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = maybeCb.bind(this);
    Reflect.apply(original, this, args).then(
      (ret) => { process.nextTick(cb, null, ret); },
      (rej) => { process.nextTick(callbackifyOnRejected, rej, cb); });
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  Object.defineProperties(callbackified, withNullProtoValues(descriptors));
  return callbackified;
}

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw new ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) throw new ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  if (superCtor.prototype === undefined) {
    throw new ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { __proto__: null, value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// Node warns once per code per process; a compartment is this package's process view.
const codesWarned = new Set();
function deprecate(fn, msg, code) {
  if (process.noDeprecation === true) return fn;
  if (code !== undefined) validateString(code, 'code');
  let warned = false;
  function deprecated(...args) {
    if (!warned) {
      warned = true;
      if (code !== undefined) {
        if (!codesWarned.has(code)) {
          process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
          codesWarned.add(code);
        }
      } else {
        process.emitWarning(msg, 'DeprecationWarning', deprecated);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

let debugImpls;
let testEnabled;
function initializeDebugEnv(debugEnv) {
  debugImpls = { __proto__: null };
  if (debugEnv) {
    const src = String(debugEnv).replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').split(',').join('$|^');
    const re = new RegExp(`^(${src})$`, 'i');
    testEnabled = (str) => re.exec(str) !== null;
  } else {
    testEnabled = () => false;
  }
}
function debugImpl(set) {
  if (debugImpls === undefined) initializeDebugEnv(process.env && process.env.NODE_DEBUG);
  if (debugImpls[set] === undefined) {
    if (testEnabled(set)) {
      const pid = process.pid;
      debugImpls[set] = function debug(...args) {
        const msg = formatWithOptions({ colors: false }, ...args);
        process.stderr.write(format('%s %s: %s\n', set, inspect(pid, { colors: false }), msg));
      };
    } else {
      debugImpls[set] = function debug() {};
    }
  }
  return debugImpls[set];
}
function debuglog(set, cb) {
  set = String(set).toUpperCase();
  let impl;
  let enabled;
  function init() {
    impl = debugImpl(set);
    if (typeof cb === 'function') cb(impl);
  }
  const logger = (...args) => {
    if (impl === undefined) init();
    impl(...args);
  };
  Object.defineProperty(logger, 'enabled', {
    __proto__: null,
    get() {
      if (enabled === undefined) {
        if (debugImpls === undefined) initializeDebugEnv(process.env && process.env.NODE_DEBUG);
        enabled = testEnabled(set);
      }
      return enabled;
    },
    configurable: true,
    enumerable: true,
  });
  return logger;
}

const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function toUSVString(input) {
  return String(input).replace(loneSurrogates, '\ufffd');
}

function getSystemErrorName(err) {
  validateNumber(err, 'err');
  if (err >= 0 || !Number.isSafeInteger(err)) throw new ERR_OUT_OF_RANGE('err', 'a negative integer', err);
  return errors.errnoNames[err] ? errors.errnoNames[err][0] : `Unknown system error ${err}`;
}
function getSystemErrorMap() {
  const m = new Map();
  for (const k of Object.keys(errors.errnoNames)) m.set(Number(k), errors.errnoNames[k].slice());
  return m;
}

function escapeStyleCode(code) { return `\u001b[${code}m`; }
function shouldColorize(stream) {
  const env = process.env || {};
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '' || env.FORCE_COLOR === '1' || env.FORCE_COLOR === 'true' || Number(env.FORCE_COLOR) > 1;
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined || env.TERM === 'dumb') return false;
  return !!(stream && stream.isTTY && (typeof stream.getColorDepth !== 'function' || stream.getColorDepth() > 2));
}
function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  validateString(text, 'text');
  validateBoolean(validateStream, 'options.validateStream');
  if (validateStream && (stream === null || typeof stream !== 'object' || typeof stream.write !== 'function')) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  if (Array.isArray(format)) {
    const left = [];
    const right = [];
    for (const key of format) {
      const codes = inspect.colors[key];
      if (codes == null) validateOneOf(key, 'format', Object.keys(inspect.colors));
      left.push(escapeStyleCode(codes[0]));
      right.unshift(escapeStyleCode(codes[1]));
    }
    return `${left.join('')}${text}${right.join('')}`;
  }
  const codes = inspect.colors[format];
  if (codes == null) validateOneOf(format, 'format', Object.keys(inspect.colors));
  if (validateStream && (!stream || !shouldColorize(stream))) return text;
  return `${escapeStyleCode(codes[0])}${text}${escapeStyleCode(codes[1])}`;
}

function aborted(signal, resource) {
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
    throw new ERR_INVALID_ARG_TYPE('resource', 'object', resource);
  }
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function pad(n) { return n.toString().padStart(2, '0'); }
function log(...args) {
  const d = new Date();
  const time = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
  process.stdout.write(`${d.getDate()} ${months[d.getMonth()]} ${time} - ${format(...args)}\n`);
}

function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

// dotenv-style parsing as Node 20's util.parseEnv does it for the common forms.
function parseEnv(content) {
  validateString(content, 'content');
  const out = {};
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    if (line === '' || line[0] === '#') continue;
    if (line.startsWith('export ')) line = line.slice(7).trim();
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    const q = value[0];
    if ((q === '"' || q === "'" || q === '`')) {
      let end = value.indexOf(q, 1);
      if (end < 0 && q === '"') {
        const parts = [value.slice(1)];
        while (++i < lines.length) {
          const e = lines[i].indexOf('"');
          if (e >= 0) { parts.push(lines[i].slice(0, e)); break; }
          parts.push(lines[i]);
        }
        value = parts.join('\n');
      } else if (end > 0) {
        value = value.slice(1, end);
        if (q === '"') value = value.replace(/\\n/g, '\n');
      }
    } else {
      const hash = value.indexOf(' #');
      if (hash >= 0) value = value.slice(0, hash).trim();
      else if (value[0] === '#') value = '';
    }
    out[key] = value;
  }
  return out;
}

module.exports = {
  _extend,
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  getSystemErrorMap,
  getSystemErrorName,
  inherits,
  inspect,
  isArray: Array.isArray,
  isBoolean: (arg) => typeof arg === 'boolean',
  isBuffer: (arg) => Buffer.isBuffer(arg),
  isDeepStrictEqual,
  isNull: (arg) => arg === null,
  isNullOrUndefined: (arg) => arg === null || arg === undefined,
  isNumber: (arg) => typeof arg === 'number',
  isString: (arg) => typeof arg === 'string',
  isSymbol: (arg) => typeof arg === 'symbol',
  isUndefined: (arg) => arg === undefined,
  isRegExp: types.isRegExp,
  isObject: (arg) => arg !== null && typeof arg === 'object',
  isDate: types.isDate,
  isError: (e) => types.isNativeError(e) || e instanceof Error,
  isFunction: (arg) => typeof arg === 'function',
  isPrimitive: (arg) => arg === null || (typeof arg !== 'object' && typeof arg !== 'function'),
  log,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  aborted,
  types,
  parseEnv,
  parseArgs,
  TextDecoder: global.TextDecoder,
  TextEncoder: global.TextEncoder,
};
