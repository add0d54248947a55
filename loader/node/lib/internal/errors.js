'use strict';
// Node's internal/errors for the builtins: the ERR_* classes with Node 20's messages, names and
// codes, AbortError, and the helpers readable-stream and our modules share. Only builtins can
// require it; user code meets these errors only as thrown values.

const kIsNodeError = Symbol('kIsNodeError');
const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const classRegExp = /^([A-Z][a-z0-9]*)+$/;

let inspectMod;
function lazyInspect() {
  if (inspectMod === undefined) inspectMod = require('internal/util/inspect');
  return inspectMod;
}
function inspect(v, opts) { return lazyInspect().inspect(v, opts); }
function format(...args) { return lazyInspect().format(...args); }

// goja writes "\tat f (file:1:2(34))" frames; Node writes "    at f (file:1:2)".
const gojaFrame = /\n\tat /g;
const gojaPc = /:(\d+):(\d+)\(\d+\)/g;
function nodeStack(stack) {
  if (typeof stack !== 'string') return stack;
  let s = stack.replace(gojaFrame, '\n    at ').replace(gojaPc, ':$1:$2');
  if (s.endsWith('\n')) s = s.slice(0, -1);
  return s;
}

// setStackHead puts head in place of the "Name: message" that goja's stack starts with (goja
// renders the head from the message when the stack is first read), keeps the frames minus those
// of this module, and turns them into Node's format.
const errorsFrame = /^\tat [^\n]*\(?node:internal\/errors:/;
function setStackHead(err, head, hidden = errorsFrame) {
  const stack = err.stack;
  const frames = [head];
  if (typeof stack === 'string') {
    const at = stack.indexOf('\n\tat ');
    if (at >= 0) {
      for (const line of stack.slice(at + 1).split('\n')) {
        if (line !== '' && !errorsFrame.test(line) && !hidden.test(line)) frames.push(line);
      }
    }
  }
  Object.defineProperty(err, 'stack', {
    value: nodeStack(frames.join('\n')), writable: true, enumerable: false, configurable: true,
  });
}

function assert(value, message) {
  if (!value) throw new codes.ERR_INTERNAL_ASSERTION(message);
}

function getMessage(key, msg, args, self) {
  if (typeof msg === 'function') {
    assert(msg.length <= args.length,
      `Code: ${key}; The provided arguments length (${args.length}) does not match the required ones (${msg.length}).`);
    return Reflect.apply(msg, self, args);
  }
  const expectedLength = (msg.match(/%[dfijoOs]/g) || []).length;
  assert(expectedLength === args.length,
    `Code: ${key}; The provided arguments length (${args.length}) does not match the required ones (${expectedLength}).`);
  if (args.length === 0) return msg;
  return format(msg, ...args);
}

function makeNodeErrorWithCode(Base, key) {
  return function NodeError(...args) {
    const error = new Base();
    const message = getMessage(key, messages.get(key), args, error);
    Object.defineProperties(error, {
      [kIsNodeError]: { value: true, enumerable: false, writable: false, configurable: true },
      message: { value: message, enumerable: false, writable: true, configurable: true },
      toString: {
        value() { return `${this.name} [${key}]: ${this.message}`; },
        enumerable: false, writable: true, configurable: true,
      },
    });
    setStackHead(error, `${error.name} [${key}]: ${message}`);
    error.code = key;
    return error;
  };
}

const codes = {};
const messages = new Map();

function E(sym, val, def, ...otherClasses) {
  messages.set(sym, val);
  def = makeNodeErrorWithCode(def, sym);
  for (const clazz of otherClasses) def[clazz.name] = makeNodeErrorWithCode(clazz, sym);
  codes[sym] = def;
}

function addNumericalSeparator(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  const parts = [];
  for (; i >= start + 4; i -= 3) parts.unshift(`_${val.slice(i - 3, i)}`);
  res = parts.join('');
  return `${val.slice(0, i)}${res}`;
}

function determineSpecificType(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  const type = typeof value;
  switch (type) {
    case 'bigint':
      return `type bigint (${value}n)`;
    case 'number':
      if (value === 0) return 1 / value === -Infinity ? 'type number (-0)' : 'type number (0)';
      return `type number (${value})`;
    case 'boolean':
      return `type boolean (${value})`;
    case 'symbol':
      return `type symbol (${String(value)})`;
    case 'function':
      return `function ${value.name}`;
    case 'object':
      if (value.constructor && 'name' in value.constructor) return `an instance of ${value.constructor.name}`;
      return `${inspect(value, { depth: -1 })}`;
    case 'string': {
      if (value.length > 28) value = `${value.slice(0, 25)}...`;
      if (!value.includes("'")) return `type string ('${value}')`;
      return `type string (${JSON.stringify(value)})`;
    }
    default: {
      let inspected = inspect(value, { colors: false });
      if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
      return `type ${type} (${inspected})`;
    }
  }
}

function oneOf(list, prefix) {
  if (list.length > 2) {
    const last = list.pop();
    return `${prefix}${list.join(', ')}, or ${last}`;
  }
  if (list.length === 2) return `${prefix}${list[0]} or ${list[1]}`;
  return null;
}

E('ERR_AMBIGUOUS_ARGUMENT', 'The "%s" argument is ambiguous. %s', TypeError);
E('ERR_ARG_NOT_ITERABLE', '%s must be iterable', TypeError);
E('ERR_ASSERTION', '%s', Error);
E('ERR_BUFFER_OUT_OF_BOUNDS', (name = undefined) => {
  if (name) return `"${name}" is outside of buffer bounds`;
  return 'Attempt to access memory outside buffer bounds';
}, RangeError);
E('ERR_ENCODING_NOT_SUPPORTED', 'The "%s" encoding is not supported', RangeError);
E('ERR_EVENT_RECURSION', 'The event "%s" is already being dispatched', Error);
E('ERR_FALSY_VALUE_REJECTION', function (reason) {
  this.reason = reason;
  return 'Promise was rejected with falsy value';
}, Error);
E('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor', TypeError);
E('ERR_INTERNAL_ASSERTION', (message) => {
  const suffix = 'This is caused by either a bug in Node.js ' +
    'or incorrect usage of Node.js internals.\n' +
    'Please open an issue with this stack trace at ' +
    'https://github.com/nodejs/node/issues\n';
  return message === undefined ? suffix : `${message}\n${suffix}`;
}, Error);
E('ERR_INVALID_ARG_TYPE', (name, expected, actual) => {
  assert(typeof name === 'string', "'name' must be a string");
  if (!Array.isArray(expected)) expected = [expected];
  let msg = 'The ';
  if (name.endsWith(' argument')) {
    msg += `${name} `;
  } else {
    const type = name.includes('.') ? 'property' : 'argument';
    msg += `"${name}" ${type} `;
  }
  msg += 'must be ';
  const types = [];
  const instances = [];
  const other = [];
  for (const value of expected) {
    assert(typeof value === 'string', 'All expected entries have to be of type string');
    if (kTypes.includes(value)) types.push(value.toLowerCase());
    else if (classRegExp.test(value)) instances.push(value);
    else {
      assert(value !== 'object', 'The value "object" should be written as "Object"');
      other.push(value);
    }
  }
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) {
      types.splice(pos, 1);
      instances.push('Object');
    }
  }
  if (types.length > 0) {
    msg += oneOf(types, 'one of type ') || `of type ${types[0]}`;
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    msg += oneOf(instances, 'an instance of ') || `an instance of ${instances[0]}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    const many = oneOf(other, 'one of ');
    if (many) msg += many;
    else {
      if (other[0].toLowerCase() !== other[0]) msg += 'an ';
      msg += `${other[0]}`;
    }
  }
  msg += `. Received ${determineSpecificType(actual)}`;
  return msg;
}, TypeError);
E('ERR_INVALID_ARG_VALUE', (name, value, reason = 'is invalid') => {
  let inspected = inspect(value);
  if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
  const type = name.includes('.') ? 'property' : 'argument';
  return `The ${type} '${name}' ${reason}. Received ${inspected}`;
}, TypeError, RangeError);
E('ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of %s', RangeError);
E('ERR_INVALID_CHAR', (name, field = undefined) => {
  let msg = `Invalid character in ${name}`;
  if (field !== undefined) msg += ` ["${field}"]`;
  return msg;
}, TypeError);
E('ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on %s', TypeError);
E('ERR_INVALID_FILE_URL_PATH', 'File URL path %s', TypeError);
E('ERR_INVALID_RETURN_VALUE', (input, name, value) => {
  const type = determineSpecificType(value);
  return `Expected ${input} to be returned from the "${name}"` + ` function but got ${type}.`;
}, TypeError, RangeError);
E('ERR_INVALID_STATE', 'Invalid state: %s', Error, TypeError, RangeError);
E('ERR_INVALID_THIS', 'Value of "this" must be of type %s', TypeError);
E('ERR_INVALID_URI', 'URI malformed', URIError);
E('ERR_INVALID_URL', function (input) {
  this.input = input;
  return 'Invalid URL';
}, TypeError);
E('ERR_INVALID_URL_SCHEME', (expected) => {
  if (typeof expected === 'string') expected = [expected];
  const res = expected.length === 2 ? `one of scheme ${expected[0]} or ${expected[1]}` : `of scheme ${expected[0]}`;
  return `The URL must be ${res}`;
}, TypeError);
E('ERR_METHOD_NOT_IMPLEMENTED', 'The %s method is not implemented', Error);
E('ERR_MISSING_ARGS', (...args) => {
  assert(args.length > 0, 'At least one arg needs to be specified');
  let msg = 'The ';
  const len = args.length;
  const wrap = (a) => `"${a}"`;
  args = args.map((a) => (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)));
  switch (len) {
    case 1: msg += `${args[0]} argument`; break;
    case 2: msg += `${args[0]} and ${args[1]} arguments`; break;
    default:
      msg += args.slice(0, len - 1).join(', ');
      msg += `, and ${args[len - 1]} arguments`;
      break;
  }
  return `${msg} must be specified`;
}, TypeError);
E('ERR_MISSING_OPTION', '%s is required', TypeError);
E('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times', Error);
E('ERR_OUT_OF_RANGE', (str, range, input, replaceDefaultBoolean = false) => {
  assert(range, 'Missing "range" argument');
  let msg = replaceDefaultBoolean ? str : `The value of "${str}" is out of range.`;
  let received;
  if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) {
    received = addNumericalSeparator(String(input));
  } else if (typeof input === 'bigint') {
    received = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
    received += 'n';
  } else {
    received = inspect(input);
  }
  msg += ` It must be ${range}. Received ${received}`;
  return msg;
}, RangeError);
E('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', '%s', TypeError);
E('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', "Unexpected argument '%s'. This command does not take positional arguments", TypeError);
E('ERR_PARSE_ARGS_UNKNOWN_OPTION', (option, allowPositionals) => {
  const suggestDashDash = allowPositionals ?
    `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(option)}` : '';
  return `Unknown option '${option}'${suggestDashDash}`;
}, TypeError);
E('ERR_SOCKET_BAD_PORT', (name, port, allowZero = true) => {
  const operator = allowZero ? '>=' : '>';
  return `${name} should be ${operator} 0 and < 65536. Received ${determineSpecificType(port)}.`;
}, RangeError);
E('ERR_STREAM_ALREADY_FINISHED', 'Cannot call %s after a stream was finished', Error);
E('ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable', Error);
E('ERR_STREAM_DESTROYED', 'Cannot call %s after a stream was destroyed', Error);
E('ERR_STREAM_NULL_VALUES', 'May not write null values to stream', TypeError);
E('ERR_STREAM_PREMATURE_CLOSE', 'Premature close', Error);
E('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF', Error);
E('ERR_STREAM_UNABLE_TO_PIPE', 'Cannot pipe to a closed or destroyed stream', Error);
E('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event', Error);
E('ERR_STREAM_WRAP', 'Stream has StringDecoder set or is in objectMode', Error);
E('ERR_STREAM_WRITE_AFTER_END', 'write after end', Error);
E('ERR_STRING_TOO_LONG', 'Cannot create a string longer than 0x1fffffe8 characters', Error);
E('ERR_UNAVAILABLE_DURING_EXIT', 'Cannot call function in process exit handler', Error);
E('ERR_UNHANDLED_ERROR', (err = undefined) => {
  const msg = 'Unhandled error.';
  if (err === undefined) return msg;
  return `${msg} (${err})`;
}, Error);
E('ERR_UNKNOWN_ENCODING', 'Unknown encoding: %s', TypeError);
E('ERR_UNKNOWN_SIGNAL', 'Unknown signal: %s', TypeError);
E('ERR_USE_AFTER_CLOSE', '%s was closed', Error);

class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    if (options !== undefined && typeof options !== 'object') {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
    setStackHead(this, `AbortError: ${message}`);
  }
}

function hideStackFrames(fn) { return fn; }

function aggregateTwoErrors(innerError, outerError) {
  if (innerError && outerError && innerError !== outerError) {
    if (Array.isArray(outerError.errors)) {
      outerError.errors.push(innerError);
      return outerError;
    }
    const err = new AggregateError([outerError, innerError], outerError.message);
    err.code = outerError.code;
    return err;
  }
  return innerError || outerError;
}

// libuv's errno names and messages on Linux (util.getSystemErrorName/getSystemErrorMap), as data.
const errnoNames = {
  '-1': ['EPERM', 'operation not permitted'],
  '-2': ['ENOENT', 'no such file or directory'],
  '-3': ['ESRCH', 'no such process'],
  '-4': ['EINTR', 'interrupted system call'],
  '-5': ['EIO', 'i/o error'],
  '-6': ['ENXIO', 'no such device or address'],
  '-7': ['E2BIG', 'argument list too long'],
  '-9': ['EBADF', 'bad file descriptor'],
  '-11': ['EAGAIN', 'resource temporarily unavailable'],
  '-12': ['ENOMEM', 'not enough memory'],
  '-13': ['EACCES', 'permission denied'],
  '-14': ['EFAULT', 'bad address in system call argument'],
  '-16': ['EBUSY', 'resource busy or locked'],
  '-17': ['EEXIST', 'file already exists'],
  '-18': ['EXDEV', 'cross-device link not permitted'],
  '-19': ['ENODEV', 'no such device'],
  '-20': ['ENOTDIR', 'not a directory'],
  '-21': ['EISDIR', 'illegal operation on a directory'],
  '-22': ['EINVAL', 'invalid argument'],
  '-23': ['ENFILE', 'file table overflow'],
  '-24': ['EMFILE', 'too many open files'],
  '-25': ['ENOTTY', 'inappropriate ioctl for device'],
  '-26': ['ETXTBSY', 'text file is busy'],
  '-27': ['EFBIG', 'file too large'],
  '-28': ['ENOSPC', 'no space left on device'],
  '-29': ['ESPIPE', 'invalid seek'],
  '-30': ['EROFS', 'read-only file system'],
  '-31': ['EMLINK', 'too many links'],
  '-32': ['EPIPE', 'broken pipe'],
  '-34': ['ERANGE', 'result too large'],
  '-36': ['ENAMETOOLONG', 'name too long'],
  '-38': ['ENOSYS', 'function not implemented'],
  '-39': ['ENOTEMPTY', 'directory not empty'],
  '-40': ['ELOOP', 'too many symbolic links encountered'],
  '-49': ['EUNATCH', 'protocol driver not attached'],
  '-61': ['ENODATA', 'no data available'],
  '-64': ['ENONET', 'machine is not on the network'],
  '-71': ['EPROTO', 'protocol error'],
  '-75': ['EOVERFLOW', 'value too large for defined data type'],
  '-84': ['EILSEQ', 'illegal byte sequence'],
  '-88': ['ENOTSOCK', 'socket operation on non-socket'],
  '-89': ['EDESTADDRREQ', 'destination address required'],
  '-90': ['EMSGSIZE', 'message too long'],
  '-91': ['EPROTOTYPE', 'protocol wrong type for socket'],
  '-92': ['ENOPROTOOPT', 'protocol not available'],
  '-93': ['EPROTONOSUPPORT', 'protocol not supported'],
  '-94': ['ESOCKTNOSUPPORT', 'socket type not supported'],
  '-95': ['ENOTSUP', 'operation not supported on socket'],
  '-97': ['EAFNOSUPPORT', 'address family not supported'],
  '-98': ['EADDRINUSE', 'address already in use'],
  '-99': ['EADDRNOTAVAIL', 'address not available'],
  '-100': ['ENETDOWN', 'network is down'],
  '-101': ['ENETUNREACH', 'network is unreachable'],
  '-103': ['ECONNABORTED', 'software caused connection abort'],
  '-104': ['ECONNRESET', 'connection reset by peer'],
  '-105': ['ENOBUFS', 'no buffer space available'],
  '-106': ['EISCONN', 'socket is already connected'],
  '-107': ['ENOTCONN', 'socket is not connected'],
  '-108': ['ESHUTDOWN', 'cannot send after transport endpoint shutdown'],
  '-110': ['ETIMEDOUT', 'connection timed out'],
  '-111': ['ECONNREFUSED', 'connection refused'],
  '-112': ['EHOSTDOWN', 'host is down'],
  '-113': ['EHOSTUNREACH', 'host is unreachable'],
  '-114': ['EALREADY', 'connection already in progress'],
  '-121': ['EREMOTEIO', 'remote I/O error'],
  '-125': ['ECANCELED', 'operation canceled'],
  '-3000': ['EAI_ADDRFAMILY', 'address family not supported'],
  '-3001': ['EAI_AGAIN', 'temporary failure'],
  '-3002': ['EAI_BADFLAGS', 'bad ai_flags value'],
  '-3003': ['EAI_CANCELED', 'request canceled'],
  '-3004': ['EAI_FAIL', 'permanent failure'],
  '-3005': ['EAI_FAMILY', 'ai_family not supported'],
  '-3006': ['EAI_MEMORY', 'out of memory'],
  '-3007': ['EAI_NODATA', 'no address'],
  '-3008': ['EAI_NONAME', 'unknown node or service'],
  '-3009': ['EAI_OVERFLOW', 'argument buffer overflow'],
  '-3010': ['EAI_SERVICE', 'service not available for socket type'],
  '-3011': ['EAI_SOCKTYPE', 'socket type not supported'],
  '-3013': ['EAI_BADHINTS', 'invalid value for hints'],
  '-3014': ['EAI_PROTOCOL', 'resolved protocol is unknown'],
  '-4028': ['EFTYPE', 'inappropriate file type or format'],
  '-4080': ['ECHARSET', 'invalid Unicode character'],
  '-4094': ['UNKNOWN', 'unknown error'],
  '-4095': ['EOF', 'end of file'],
};

module.exports = {
  codes,
  AbortError,
  aggregateTwoErrors,
  hideStackFrames,
  kIsNodeError,
  addNumericalSeparator,
  determineSpecificType,
  nodeStack,
  setStackHead,
  errnoNames,
};
