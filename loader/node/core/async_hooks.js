'use strict';
// async_hooks: AsyncLocalStorage and AsyncResource over the runtime's async context, which follows
// promise jobs, timers, immediates and nextTick callbacks. createHook is accepted but its hooks are
// never called (pkgbox has no async ids).

class AsyncLocalStorage {
  constructor() {
    binding.enable();
    this._enabled = true;
  }
  static bind(fn) {
    const run = binding.capture();
    return function bound(...args) { return run(fn, this, args); };
  }
  static snapshot() {
    const run = binding.capture();
    return function runInAsyncScope(fn, ...args) { return run(fn, undefined, args); };
  }
  getStore() {
    if (!this._enabled) return undefined;
    return binding.get(this);
  }
  run(store, callback, ...args) {
    this._enabled = true;
    return binding.run(this, store, callback, undefined, args);
  }
  exit(callback, ...args) {
    return binding.run(this, undefined, callback, undefined, args);
  }
  enterWith(store) {
    this._enabled = true;
    binding.enterWith(this, store);
  }
  disable() {
    this._enabled = false;
    binding.enterWith(this, undefined);
  }
}

let nextAsyncId = 2;

class AsyncResource {
  constructor(type, opts) {
    if (typeof type !== 'string') {
      const e = new TypeError('The "type" argument must be of type string. Received ' + (type === undefined ? 'undefined' : typeof type));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    this._run = binding.capture();
    this._asyncId = nextAsyncId++;
    this._triggerId = (opts && typeof opts === 'object' && opts.triggerAsyncId) || 1;
  }
  runInAsyncScope(fn, thisArg, ...args) { return this._run(fn, thisArg, args); }
  emitDestroy() { return this; }
  asyncId() { return this._asyncId; }
  triggerAsyncId() { return this._triggerId; }
  bind(fn, thisArg) {
    const self = this;
    const bound = function (...args) { return self.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args); };
    Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
    Object.defineProperty(bound, 'asyncResource', { value: this, configurable: true, writable: true, enumerable: true });
    return bound;
  }
  static bind(fn, type, thisArg) {
    return new AsyncResource(type || fn.name || 'bound-anonymous-fn').bind(fn, thisArg);
  }
}

function createHook() {
  return { enable() { return this; }, disable() { return this; } };
}

module.exports = {
  AsyncLocalStorage,
  AsyncResource,
  createHook,
  executionAsyncId() { return 1; },
  triggerAsyncId() { return 0; },
  executionAsyncResource() { return {}; },
  asyncWrapProviders: {},
};
