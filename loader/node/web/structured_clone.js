// internal/structured_clone: structuredClone as Node 20 does it through V8's serializer: which
// types survive, what becomes a plain object (class instances, platform objects), how errors
// are rebuilt, and the DataCloneError messages V8 writes.

const { DOMException } = require('internal/event_target');

const hasOwn = Object.hasOwn;
const toStringTag = (v) => Object.prototype.toString.call(v).slice(8, -1);

// Brand checks through intrinsic methods: none of them can be fooled by Symbol.toStringTag or a
// prototype swap, and none has a side effect.
function brand(fn) {
  return (v) => {
    try {
      fn.call(v);
      return true;
    } catch {
      return false;
    }
  };
}
const isMap = brand(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get);
const isSet = brand(Object.getOwnPropertyDescriptor(Set.prototype, 'size').get);
const isWeakMap = (v) => {
  try {
    WeakMap.prototype.has.call(v, {});
    return true;
  } catch {
    return false;
  }
};
const isWeakSet = (v) => {
  try {
    WeakSet.prototype.has.call(v, {});
    return true;
  } catch {
    return false;
  }
};
const isDate = brand(Date.prototype.getTime);
const regExpFlags = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
const regExpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
const isRegExp = (v) => v !== RegExp.prototype && brand(regExpSource)(v);
const boxed = [
  [brand(Number.prototype.valueOf), Number.prototype.valueOf],
  [brand(String.prototype.valueOf), String.prototype.valueOf],
  [brand(Boolean.prototype.valueOf), Boolean.prototype.valueOf],
  [brand(BigInt.prototype.valueOf), BigInt.prototype.valueOf],
];
const isBoxedSymbol = brand(Symbol.prototype.valueOf);

const typedArrayConstructors = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};
const taBytesPer = (v) => typedArrayConstructors[taTag.call(v)].BYTES_PER_ELEMENT;

// V8 refuses these internal types and names them "#<Object>" in the message.
const uncloneablePrototypes = new Set([
  Object.getPrototypeOf(new Map().entries()),
  Object.getPrototypeOf(new Set().values()),
  Object.getPrototypeOf([][Symbol.iterator]()),
  Object.getPrototypeOf(''[Symbol.iterator]()),
  Object.getPrototypeOf(/x/[Symbol.matchAll]('x')),
]);
const generatorPrototype = Object.getPrototypeOf(function* gen() {}).prototype;

const errorPrototypes = {
  EvalError: EvalError.prototype,
  RangeError: RangeError.prototype,
  ReferenceError: ReferenceError.prototype,
  SyntaxError: SyntaxError.prototype,
  TypeError: TypeError.prototype,
  URIError: URIError.prototype,
};

function dataCloneError(message) {
  return new DOMException(message, 'DataCloneError');
}

// describeForError is how V8 names a value it cannot clone.
function describeForError(v) {
  if (typeof v === 'function') return `${Function.prototype.toString.call(v)}`;
  if (typeof v === 'symbol') return v.toString();
  for (let o = v; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (d !== undefined) {
      const name = typeof d.value === 'function' ? d.value.name : '';
      if (typeof name === 'string' && name !== '') return `#<${name}>`;
      break;
    }
  }
  return `[object ${toStringTag(v)}]`;
}

function isDOMException(v) {
  try {
    Object.getOwnPropertyDescriptor(DOMException.prototype, 'name').get.call(v);
    return true;
  } catch {
    return false;
  }
}

class Cloner {
  constructor(transferred) {
    this.memory = new Map(transferred);
  }

  clone(v) {
    if (typeof v === 'symbol' || typeof v === 'function') throw dataCloneError(`${describeForError(v)} could not be cloned.`);
    if (v === null || typeof v !== 'object') return v;
    const seen = this.memory.get(v);
    if (seen !== undefined) return seen;
    return this.cloneObject(v);
  }

  cloneObject(v) {
    const kind = binding.kind(v);
    if (kind === 'Proxy') throw dataCloneError(`${Array.isArray(v) ? '[object Array]' : '#<Object>'} could not be cloned.`);
    if (kind === 'Arguments') throw dataCloneError('#<Object> could not be cloned.');
    if (isBoxedSymbol(v)) throw dataCloneError('[object Symbol] could not be cloned.');
    if (kind === 'Promise' || isWeakMap(v) || isWeakSet(v)) throw dataCloneError(`${describeForError(v)} could not be cloned.`);
    const proto = Object.getPrototypeOf(v);
    if (uncloneablePrototypes.has(proto)) throw dataCloneError('#<Object> could not be cloned.');
    if (proto === generatorPrototype || (proto !== null && Object.getPrototypeOf(proto) === generatorPrototype)) {
      throw dataCloneError('[object Generator] could not be cloned.');
    }
    if (Array.isArray(v)) return this.cloneArray(v);
    if (isTypedArray(v)) return this.cloneView(v, typedArrayConstructors[taTag.call(v)], taBuffer.call(v), taOffset.call(v), taLength.call(v) / taBytesPer(v));
    if (isDataView(v)) return this.cloneView(v, DataView, dvBuffer.call(v), dvOffset.call(v), dvLength.call(v));
    if (isArrayBuffer(v)) return this.cloneArrayBuffer(v);
    if (isDate(v)) return this.remember(v, new Date(Date.prototype.getTime.call(v)));
    if (isRegExp(v)) return this.remember(v, new RegExp(regExpSource.call(v), regExpFlags.call(v)));
    for (const [is, valueOf] of boxed) {
      if (is(v)) return this.remember(v, Object(valueOf.call(v)));
    }
    if (isMap(v)) {
      const out = this.remember(v, new Map());
      for (const [k, x] of Map.prototype.entries.call(v)) out.set(this.clone(k), this.clone(x));
      return out;
    }
    if (isSet(v)) {
      const out = this.remember(v, new Set());
      for (const x of Set.prototype.values.call(v)) out.add(this.clone(x));
      return out;
    }
    // Node 20's V8 does not know DOMException, which is an Error here: a plain object, as there.
    if (kind === 'Error' && !isDOMException(v)) return this.cloneError(v);
    return this.cloneProperties(v, this.remember(v, {}));
  }

  remember(v, out) {
    this.memory.set(v, out);
    return out;
  }

  // Own enumerable string keys, read one by one: a getter may delete a later key, which is
  // then skipped, as V8 does.
  // (An indexed loop: for-of allocates a result object per step in goja.)
  cloneProperties(v, out) {
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!hasOwn(v, key)) continue;
      out[key] = this.clone(v[key]);
    }
    return out;
  }

  cloneArray(v) {
    const out = this.remember(v, new Array(v.length));
    return this.cloneProperties(v, out);
  }

  cloneArrayBuffer(v) {
    if (binding.detached(v)) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
    return this.remember(v, ArrayBuffer.prototype.slice.call(v, 0));
  }

  cloneView(v, Ctor, buffer, offset, length) {
    const buf = this.clone(buffer);
    return this.remember(v, new Ctor(buf, offset, length));
  }

  cloneError(v) {
    const nameValue = v.name;
    const proto = (typeof nameValue === 'string' && hasOwn(errorPrototypes, nameValue)) ? errorPrototypes[nameValue] : Error.prototype;
    const out = new proto.constructor();
    this.memory.set(v, out);
    const stack = v.stack;
    const msg = Object.getOwnPropertyDescriptor(v, 'message');
    const causeDesc = Object.getOwnPropertyDescriptor(v, 'cause');
    if (typeof stack === 'string') {
      Object.defineProperty(out, 'stack', { value: stack, writable: true, enumerable: false, configurable: true });
    }
    if (msg !== undefined && 'value' in msg) {
      Object.defineProperty(out, 'message', { value: `${msg.value}`, writable: true, enumerable: false, configurable: true });
    }
    if (causeDesc !== undefined && 'value' in causeDesc) {
      Object.defineProperty(out, 'cause', { value: this.clone(causeDesc.value), writable: true, enumerable: false, configurable: true });
    }
    return out;
  }
}

function structuredClone(value, options = undefined) {
  if (arguments.length === 0) throw plainError(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified');
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw plainError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The options argument must be either an object or undefined');
  }
  const transferred = [];
  const list = options?.transfer;
  if (list !== undefined) {
    if (list === null || typeof list[Symbol.iterator] !== 'function') {
      throw plainError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
    }
    const buffers = [];
    for (const item of list) {
      if (!isArrayBuffer(item)) {
        throw plainError(TypeError, 'ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList');
      }
      if (buffers.includes(item)) throw dataCloneError('Transfer list contains duplicate ArrayBuffer');
      buffers.push(item);
    }
    for (const ab of buffers) {
      if (!binding.detached(ab)) transferred.push(ab);
    }
  }
  // The clone gets new ArrayBuffers over the transferred memory; the originals are detached
  // only once cloning has succeeded, so a DataCloneError leaves them usable.
  const moved = transferred.map((ab) => [ab, binding.adopt(ab)]);
  const result = new Cloner(moved).clone(value);
  for (const ab of transferred) binding.detach(ab);
  return result;
}

module.exports = { structuredClone };
