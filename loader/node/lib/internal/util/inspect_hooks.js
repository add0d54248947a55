'use strict';
// What the bundled util.inspect (internal/deps/inspect) would ask V8 for. gen.go patches the
// bundle's own guesses out and requires this module instead.

const types = require('internal/util/types');

const { getOwnPropertyDescriptor, create, defineProperty } = Object;
const hasOwn = Object.prototype.hasOwnProperty;
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
const ownKeys = Reflect.ownKeys;

const ALL_PROPERTIES = 0;
const ONLY_ENUMERABLE = 2;
// V8's promise states, as binding.promiseState reports them.
const kPending = 0;
const kRejected = 2;

const indexRe = /^(?:0|[1-9][0-9]*)$/;
function isIndex(key) {
  return typeof key === 'string' && indexRe.test(key) && +key < 4294967295;
}

function getOwnNonIndexProperties(obj, filter) {
  const keys = ownKeys(obj);
  const out = [];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (isIndex(k)) continue;
    if (filter === ONLY_ENUMERABLE && !propertyIsEnumerable.call(obj, k)) continue;
    out.push(k);
  }
  return out;
}

// Lockdown turns the data properties of intrinsics that packages commonly override (constructor,
// toString, name, ...) into accessors whose getter carries originalValue (SES's convention).
// inspect decides names and layout from those descriptors, so it must see the original.
function untamedDescriptor(obj, key) {
  const d = getOwnPropertyDescriptor(obj, key);
  if (d !== undefined && typeof d.get === 'function' && hasOwn.call(d.get, 'originalValue')) {
    return { value: d.get.originalValue, writable: false, enumerable: d.enumerable, configurable: false };
  }
  return d;
}

function primordials(p) {
  const out = create(p);
  defineProperty(out, 'ObjectGetOwnPropertyDescriptor', { value: untamedDescriptor });
  return out;
}

const classNames = { Function: 'Function', Array: 'Array', Error: 'Error', RegExp: 'RegExp', Date: 'Date' };

module.exports = {
  util: {
    constants: { kPending, kRejected, ALL_PROPERTIES, ONLY_ENUMERABLE },
    getOwnNonIndexProperties,
    getPromiseDetails: (p) => binding.promiseState(p) || [kPending, undefined],
    getProxyDetails: (p, full = true) => binding.proxyDetails(p, full),
    // goja exposes no way to read a Map/Set iterator's remaining entries without consuming it.
    previewEntries: (v, isIterator) => (isIterator ? [[], false] : []),
    getConstructorName(v) {
      return classNames[binding.className(v)] || 'Object';
    },
    getExternalValue: () => 0n,
    Proxy,
  },
  types,
  primordials,
  untamedDescriptor,
};
