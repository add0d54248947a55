'use strict';
// Node's error shapes and argument validators for the Go-backed builtins (crypto, zlib). Two
// families exist in Node and code relies on both: errors raised in Node's JavaScript (NodeError:
// the code shows in the stack and in toString(), "TypeError [ERR_X]: msg") and errors raised in
// its C++ layer (a plain Error whose code is only a property). The message texts below were
// checked against node 20 (see testdata/).

function withCode(err, code) {
  err.code = code;
  return err;
}

// nodeError builds the JavaScript family.
function nodeError(Base, code, message) {
  const err = new Base(message);
  // The stack is formatted on first access from name and message: show the code there, as node does.
  Object.defineProperty(err, 'name', { value: `${err.name} [${code}]`, configurable: true, writable: true });
  err.stack; // eslint-disable-line no-unused-expressions
  delete err.name;
  Object.defineProperty(err, 'toString', {
    value: function toString() { return `${this.name} [${code}]: ${this.message}`; },
    configurable: true, writable: true, enumerable: false,
  });
  return withCode(err, code);
}

// plainError builds the C++ family; code may be undefined.
function plainError(Base, code, message) {
  const err = new Base(message);
  if (code !== undefined) err.code = code;
  return err;
}

function quote(s) {
  let q = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) q = '"';
    else if (!s.includes('`') && !s.includes('${')) q = '`';
  }
  const escaped = s.replace(/[\\\n\r\t\b\f\v\x00-\x1f\x7f]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      case '\b': return '\\b';
      case '\f': return '\\f';
      case '\v': return '\\v';
      default: return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;
    }
  });
  return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
}

// inspect renders a value the way util.inspect does for the cases error messages meet.
function inspect(value) {
  switch (typeof value) {
    case 'string': return quote(value);
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint': return `${value}n`;
    case 'symbol': return value.toString();
    case 'undefined': return 'undefined';
    case 'boolean': return String(value);
    case 'function': return value.name ? `[Function: ${value.name}]` : '[Function (anonymous)]';
  }
  if (value === null) return 'null';
  if (Object.getPrototypeOf(value) === null) {
    const keys = Object.keys(value);
    return `[Object: null prototype] ${keys.length === 0 ? '{}' : inspect(Object.assign({}, value))}`;
  }
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map(inspect).join(', ')} ]`;
  const ctor = value.constructor && value.constructor.name;
  const keys = Object.keys(value);
  if (keys.length === 0) return ctor && ctor !== 'Object' ? `${ctor} {}` : '{}';
  const body = keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${
    typeof value[k] === 'object' && value[k] !== null ? (Array.isArray(value[k]) ? '[Array]' : '[Object]') : inspect(value[k])}`);
  return `${ctor && ctor !== 'Object' ? `${ctor} ` : ''}{ ${body.join(', ')} }`;
}

// describe is how ERR_INVALID_ARG_TYPE names what it received.
function describe(value) {
  if (value == null) return String(value);
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return `an instance of ${value.constructor.name}`;
    return inspect(value);
  }
  let shown = inspect(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof value} (${shown})`;
}

function groupDigits(s) {
  const sign = s[0] === '-' ? '-' : '';
  const digits = sign ? s.slice(1) : s;
  const groups = [];
  let end = digits.length;
  for (; end > 3; end -= 3) groups.unshift(digits.slice(end - 3, end));
  groups.unshift(digits.slice(0, end));
  return sign + groups.join('_');
}

// invalidArgType: expected is the phrase after "must be", e.g. 'of type string'.
function invalidArgType(name, expected, actual) {
  const what = name.endsWith(' argument') ? name : `"${name}" ${name.includes('.') ? 'property' : 'argument'}`;
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The ${what} must be ${expected}. Received ${describe(actual)}`);
}

function outOfRange(name, range, input) {
  let received;
  if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) received = groupDigits(String(input));
  else if (typeof input === 'bigint') {
    received = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) received = groupDigits(received);
    received += 'n';
  } else received = inspect(input);
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}

function invalidArgValue(name, value, reason = 'is invalid') {
  const type = name.includes('.') ? 'property' : 'argument';
  return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${type} '${name}' ${reason}. Received ${inspect(value)}`);
}

function featureUnavailable(feature) {
  return nodeError(TypeError, 'ERR_FEATURE_NOT_AVAILABLE_ON_PLATFORM',
    `The feature ${feature} is unavailable on the current platform, which is being used to run Node.js`);
}

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'of type function', value);
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'of type boolean', value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'of type object', value);
}

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
    const range = `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`;
    throw outOfRange(name, range, value);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  validateInteger(value, name, min, max);
}

function validateUint32(value, name, positive = false) {
  validateInteger(value, name, positive ? 1 : 0, 4294967295);
}

module.exports = {
  nodeError, plainError, inspect, describe, invalidArgType, outOfRange, invalidArgValue, featureUnavailable,
  validateString, validateFunction, validateBoolean, validateObject, validateNumber, validateInteger,
  validateInt32, validateUint32,
};
