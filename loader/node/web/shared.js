'use strict';
// Helpers shared by the web builtins (errors in Node's shapes, WebIDL-style property flags, byte
// views). This text is put in front of each module's source, so every module (and every
// compartment) has its own copy and none depends on internal/errors.

// nodeError makes an error shaped like Node's JavaScript-side errors: a subclass per code whose
// toString and stack header read "TypeError [CODE]: message", with an enumerable own `code`.
const nodeErrorClasses = new Map();
function nodeError(Base, code, message) {
  const key = Base.name + ' ' + code;
  let Ctor = nodeErrorClasses.get(key);
  if (Ctor === undefined) {
    Ctor = class NodeError extends Base {
      toString() { return `${this.name} [${code}]: ${this.message}`; }
    };
    nodeErrorClasses.set(key, Ctor);
  }
  const err = new Ctor(message);
  // goja renders the stack on first read from the current name; Node shows the code there.
  Object.defineProperty(err, 'name', { value: `${Base.name} [${code}]`, configurable: true, writable: true });
  void err.stack;
  delete err.name;
  Object.defineProperty(err, 'code', { value: code, enumerable: true, configurable: true, writable: true });
  return err;
}

// plainError makes an error shaped like those Node throws from C++: no code in the stack header.
function plainError(Base, code, message, extra) {
  const err = new Base(message);
  Object.defineProperty(err, 'code', { value: code, enumerable: true, configurable: true, writable: true });
  if (extra !== undefined) {
    for (const k of Object.keys(extra)) {
      Object.defineProperty(err, k, { value: extra[k], enumerable: true, configurable: true, writable: true });
    }
  }
  return err;
}

// describeReceived is the "Received ..." tail of Node's ERR_INVALID_ARG_TYPE messages.
function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function' && value.name) return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    const ctor = value.constructor;
    if (ctor && typeof ctor.name === 'string' && ctor.name !== '') return ` Received an instance of ${ctor.name}`;
    return ' Received [Object: null prototype] {}';
  }
  let shown;
  switch (typeof value) {
    case 'string': shown = quoteString(value); break;
    case 'bigint': shown = `${value}n`; break;
    case 'symbol': shown = value.toString(); break;
    case 'function': shown = '[Function (anonymous)]'; break;
    case 'number': shown = Object.is(value, -0) ? '-0' : `${value}`; break;
    default: shown = `${value}`;
  }
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

function quoteString(s) {
  let q = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) q = '"';
    else if (!s.includes('`') && !s.includes('${')) q = '`';
  }
  const escaped = s.replace(/[\x00-\x1f\x7f\\]/g, (c) => {
    switch (c) {
      case '\n': return '\\n';
      case '\t': return '\\t';
      case '\r': return '\\r';
      case '\b': return '\\b';
      case '\f': return '\\f';
      case '\v': return '\\v';
      case '\\': return '\\\\';
    }
    return `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  });
  return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
}

function joinTypes(list) {
  if (list.length === 1) return list[0];
  if (list.length === 2) return `${list[0]} or ${list[1]}`;
  return `${list.slice(0, -1).join(', ')}, or ${list[list.length - 1]}`;
}

// errInvalidArgType mirrors Node's ERR_INVALID_ARG_TYPE message for the shapes used here:
// types are lower-case primitive names or class names ("Blob", "Function").
function errInvalidArgType(name, expected, actual) {
  const list = Array.isArray(expected) ? expected : [expected];
  const prims = [], classes = [];
  for (const t of list) {
    if (t === 'Function' || t === 'Object') prims.push(t.toLowerCase());
    else if (t[0] >= 'a' && t[0] <= 'z') prims.push(t);
    else classes.push(t);
  }
  const what = name.endsWith(' argument') ? name : `"${name}" ${name.includes('.') ? 'property' : 'argument'}`;
  let msg = `The ${what} must be `;
  if (prims.length > 0) {
    msg += `${prims.length > 1 ? 'one of type' : 'of type'} ${joinTypes(prims)}`;
    if (classes.length > 0) msg += ' or ';
  }
  if (classes.length > 0) {
    msg += classes.length > 1 ? `an instance of ${joinTypes(classes)}` : `an instance of ${classes[0]}`;
  }
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${msg}.${describeReceived(actual)}`);
}

function errMissingArgs(...names) {
  let msg = 'The ';
  const q = names.map((n) => `"${n}"`);
  if (q.length === 1) msg += `${q[0]} argument`;
  else if (q.length === 2) msg += `${q[0]} and ${q[1]} arguments`;
  else msg += `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]} arguments`;
  return nodeError(TypeError, 'ERR_MISSING_ARGS', `${msg} must be specified`);
}

function errInvalidThis(type) {
  return nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
}

// defineEnumerable makes class members enumerable, as WebIDL attributes and operations are.
function defineEnumerable(target, names) {
  for (const n of names) Object.defineProperty(target, n, { enumerable: true });
}

// setLength restores a function's declared length where rest parameters hide it.
function setLength(fn, n) {
  Object.defineProperty(fn, 'length', { value: n, configurable: true });
}

function defineToStringTag(proto, tag) {
  Object.defineProperty(proto, Symbol.toStringTag, { value: tag, configurable: true, writable: false, enumerable: false });
}

const kInspect = Symbol.for('nodejs.util.inspect.custom');

// Byte views are read through the intrinsic getters captured here, never through properties a
// caller could redefine on the object.
const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const getterOf = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
const taBuffer = getterOf(typedArrayProto, 'buffer');
const taOffset = getterOf(typedArrayProto, 'byteOffset');
const taLength = getterOf(typedArrayProto, 'byteLength');
const taTag = getterOf(typedArrayProto, Symbol.toStringTag);
const dvBuffer = getterOf(DataView.prototype, 'buffer');
const dvOffset = getterOf(DataView.prototype, 'byteOffset');
const dvLength = getterOf(DataView.prototype, 'byteLength');
const abLength = getterOf(ArrayBuffer.prototype, 'byteLength');

function isTypedArray(v) { return taTag.call(v) !== undefined; }
function isUint8Array(v) { return taTag.call(v) === 'Uint8Array'; }

function isArrayBuffer(v) {
  if (v === null || typeof v !== 'object') return false;
  try {
    abLength.call(v);
    return true;
  } catch {
    return false;
  }
}

function isDataView(v) {
  if (v === null || typeof v !== 'object') return false;
  try {
    dvLength.call(v);
    return true;
  } catch {
    return false;
  }
}

// byteView returns [arrayBuffer, byteOffset, byteLength] for an ArrayBuffer or a view of one, or
// null; Go reads the bytes from exactly that range.
function byteView(v) {
  if (isTypedArray(v)) return [taBuffer.call(v), taOffset.call(v), taLength.call(v)];
  if (isArrayBuffer(v)) return [v, 0, abLength.call(v)];
  if (isDataView(v)) return [dvBuffer.call(v), dvOffset.call(v), dvLength.call(v)];
  return null;
}
