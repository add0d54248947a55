'use strict';
// util.types for goja. V8 answers these from internal slots; here the same questions are asked of
// brand-checking intrinsics (a getter that throws on anything but its own kind) or of goja's
// internal class through the binding, never of properties a package could fake.

const {
  getPrototypeOf, getOwnPropertyDescriptor,
} = Object;

function getter(proto, key) { return getOwnPropertyDescriptor(proto, key).get; }
function brand(fn) {
  return (value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    try { fn.call(value); return true; } catch { return false; }
  };
}

const TypedArray = getPrototypeOf(Uint8Array);
const typedArrayTag = getter(TypedArray.prototype, Symbol.toStringTag);
const mapSize = getter(Map.prototype, 'size');
const setSize = getter(Set.prototype, 'size');
const weakMapHas = WeakMap.prototype.has;
const weakSetHas = WeakSet.prototype.has;
const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const dataViewByteLength = getter(DataView.prototype, 'byteLength');
const dateGetTime = Date.prototype.getTime;
const symbolValueOf = Symbol.prototype.valueOf;
const bigIntValueOf = BigInt.prototype.valueOf;
const AsyncFunctionPrototype = getPrototypeOf(async function () {});
const GeneratorFunctionPrototype = getPrototypeOf(function* () {});
const GeneratorPrototype = GeneratorFunctionPrototype.prototype;
const MapIteratorPrototype = getPrototypeOf(new Map().entries());
const SetIteratorPrototype = getPrototypeOf(new Set().values());

function isObjectLike(v) { return v !== null && (typeof v === 'object' || typeof v === 'function'); }
function protoChainHas(value, proto) {
  if (!isObjectLike(value)) return false;
  for (let p = getPrototypeOf(value); p !== null; p = getPrototypeOf(p)) {
    if (p === proto) return true;
  }
  return false;
}
function classIs(name) {
  return (value) => isObjectLike(value) && binding.className(value) === name;
}
function typedArrayIs(name) {
  return (value) => typedArrayTag.call(value) === name;
}

const isMap = brand(mapSize);
const isSet = brand(setSize);
const isWeakMap = (v) => isObjectLike(v) && (() => { try { weakMapHas.call(v, {}); return true; } catch { return false; } })();
const isWeakSet = (v) => isObjectLike(v) && (() => { try { weakSetHas.call(v, {}); return true; } catch { return false; } })();
const isArrayBuffer = brand(arrayBufferByteLength);
const isDataView = brand(dataViewByteLength);
const isDate = brand(dateGetTime);
const isSymbolObject = (v) => typeof v === 'object' && brand(symbolValueOf)(v);
const isBigIntObject = (v) => typeof v === 'object' && brand(bigIntValueOf)(v);
const isNumberObject = classIs('Number');
const isStringObject = classIs('String');
const isBooleanObject = classIs('Boolean');
const isNativeError = classIs('Error');
const isRegExp = classIs('RegExp');
const isArgumentsObject = classIs('Arguments');
const isPromise = (v) => binding.isPromise(v);
const isProxy = (v) => binding.isProxy(v);

function isTypedArray(value) { return typedArrayTag.call(value) !== undefined; }
function isArrayBufferView(value) { return isTypedArray(value) || isDataView(value); }
function isBoxedPrimitive(v) {
  return isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v);
}
// goja gives async and generator *methods* Function.prototype as their prototype, so their
// source text decides for them: "async name(" and "*name(" cannot start any other function.
const fnToString = Function.prototype.toString;
const asyncMethodSource = /^async\s+(?:[\w$]|\[)/;
const generatorMethodSource = /^\*\s*(?:[\w$]|\[)/;
function sourceMatches(fn, re) {
  try { return re.test(fnToString.call(fn)); } catch { return false; }
}
function isAsyncFunction(v) {
  return typeof v === 'function' &&
    (protoChainHas(v, AsyncFunctionPrototype) || sourceMatches(v, asyncMethodSource));
}
function isGeneratorFunction(v) {
  return typeof v === 'function' &&
    (protoChainHas(v, GeneratorFunctionPrototype) || sourceMatches(v, generatorMethodSource));
}
function isGeneratorObject(v) {
  return typeof v === 'object' && protoChainHas(v, GeneratorPrototype);
}
function isMapIterator(v) {
  return typeof v === 'object' && v !== null && getPrototypeOf(v) === MapIteratorPrototype;
}
function isSetIterator(v) {
  return typeof v === 'object' && v !== null && getPrototypeOf(v) === SetIteratorPrototype;
}

module.exports = {
  isExternal: () => false,
  isDate,
  isArgumentsObject,
  isBigIntObject,
  isBooleanObject,
  isNumberObject,
  isStringObject,
  isSymbolObject,
  isNativeError,
  isRegExp,
  isAsyncFunction,
  isGeneratorFunction,
  isGeneratorObject,
  isPromise,
  isMap,
  isSet,
  isMapIterator,
  isSetIterator,
  isWeakMap,
  isWeakSet,
  isArrayBuffer,
  isDataView,
  isSharedArrayBuffer: () => false,
  isProxy,
  isModuleNamespaceObject: () => false,
  isAnyArrayBuffer: isArrayBuffer,
  isBoxedPrimitive,
  isArrayBufferView,
  isTypedArray,
  isUint8Array: typedArrayIs('Uint8Array'),
  isUint8ClampedArray: typedArrayIs('Uint8ClampedArray'),
  isUint16Array: typedArrayIs('Uint16Array'),
  isUint32Array: typedArrayIs('Uint32Array'),
  isInt8Array: typedArrayIs('Int8Array'),
  isInt16Array: typedArrayIs('Int16Array'),
  isInt32Array: typedArrayIs('Int32Array'),
  isFloat32Array: typedArrayIs('Float32Array'),
  isFloat64Array: typedArrayIs('Float64Array'),
  isBigInt64Array: typedArrayIs('BigInt64Array'),
  isBigUint64Array: typedArrayIs('BigUint64Array'),
  isKeyObject: () => false,
  isCryptoKey: () => false,
};
