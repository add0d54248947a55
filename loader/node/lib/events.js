'use strict';
// Node 20's events: the listener bookkeeping is the bundled events@3.3.0 (Node's own
// EventEmitter, patched by gen.go for Node 20's errors and warning text); emit, init and the
// Node 20 additions (error monitor, captureRejections, once/on with signals, getEventListeners,
// setMaxListeners, addAbortListener) are here.

const EventEmitter = require('internal/deps/events');
// inspect is needed only to describe an unhandled non-Error 'error'; loading it eagerly would
// double the cost of require('events').
const inspect = (v) => require('internal/util/inspect').inspect(v);
const { AbortError, codes: { ERR_INVALID_ARG_TYPE, ERR_UNHANDLED_ERROR } } = require('internal/errors');
const { validateObject, validateAbortSignal, validateBoolean, validateFunction, validateNumber } =
  require('internal/validators');

const kCapture = Symbol('kCapture');
const kShapeMode = Symbol('shapeMode');
const kErrorMonitor = Symbol('events.errorMonitor');
const kRejection = Symbol.for('nodejs.rejection');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const SymbolDispose = Symbol.dispose || Symbol.for('nodejs.dispose');
// goja lacks Symbol.asyncIterator; esbuild's lowered async generators fall back to this one.
const SymbolAsyncIterator = Symbol.asyncIterator || Symbol.for('Symbol.asyncIterator');
const kEmptyObject = Object.freeze({ __proto__: null });

Object.defineProperty(EventEmitter.prototype, kCapture, { __proto__: null, value: false, writable: true, enumerable: false });

EventEmitter.init = function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null };
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts?.captureRejections) {
    validateBoolean(opts.captureRejections, 'options.captureRejections');
    this[kCapture] = Boolean(opts.captureRejections);
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};

function emitUnhandledRejectionOrErr(ee, err, type, args) {
  if (typeof ee[kRejection] === 'function') {
    ee[kRejection](err, type, ...args);
  } else {
    const prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit('error', err);
    } finally {
      ee[kCapture] = prev;
    }
  }
}

function addCatch(that, promise, type, args) {
  if (!that[kCapture]) return;
  try {
    const then = promise.then;
    if (typeof then === 'function') {
      then.call(promise, undefined, (err) => {
        process.nextTick(emitUnhandledRejectionOrErr, that, err, type, args);
      });
    }
  } catch (err) {
    that.emit('error', err);
  }
}

EventEmitter.prototype.emit = function emit(type, ...args) {
  let doError = (type === 'error');
  const events = this._events;
  if (events !== undefined) {
    if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
    doError = (doError && events.error === undefined);
  } else if (!doError) {
    return false;
  }
  if (doError) {
    let er;
    if (args.length > 0) er = args[0];
    if (er instanceof Error) throw er; // Unhandled 'error' event
    let stringifiedEr;
    try {
      stringifiedEr = inspect(er);
    } catch {
      stringifiedEr = er;
    }
    const err = new ERR_UNHANDLED_ERROR(stringifiedEr);
    err.context = er;
    throw err; // Unhandled 'error' event
  }
  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === 'function') {
    const result = Reflect.apply(handler, this, args);
    if (result !== undefined && result !== null) addCatch(this, result, type, args);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; ++i) {
      const result = Reflect.apply(listeners[i], this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    }
  }
  return true;
};

Object.defineProperty(EventEmitter, 'captureRejections', {
  __proto__: null,
  get() { return EventEmitter.prototype[kCapture]; },
  set(value) {
    validateBoolean(value, 'EventEmitter.captureRejections');
    EventEmitter.prototype[kCapture] = value;
  },
  enumerable: true,
});

function isEventTarget(obj) {
  return obj != null && typeof obj.addEventListener === 'function' && typeof obj.dispatchEvent === 'function';
}

function eventTargetAgnosticAddListener(emitter, name, listener, flags) {
  if (typeof emitter.on === 'function') {
    if (flags?.once) emitter.once(name, listener);
    else emitter.on(name, listener);
  } else if (typeof emitter.addEventListener === 'function') {
    emitter.addEventListener(name, listener, flags);
  } else {
    throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
  }
}

function eventTargetAgnosticRemoveListener(emitter, name, listener, flags) {
  if (typeof emitter.removeListener === 'function') emitter.removeListener(name, listener);
  else if (typeof emitter.removeEventListener === 'function') emitter.removeEventListener(name, listener, flags);
  else throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
}

// Node's once is an async function: it validates synchronously into a rejection, and its result
// settles two ticks after the inner promise (resolving with a thenable), which orders it after
// promises that settle directly.
function once(emitter, name, options = kEmptyObject) {
  let inner;
  try {
    inner = onceInner(emitter, name, options);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolve) => resolve(inner));
}

function onceInner(emitter, name, options) {
  validateObject(options, 'options');
  const signal = options?.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
  return new Promise((resolve, reject) => {
    const errorListener = (err) => {
      emitter.removeListener(name, resolver);
      if (signal != null) eventTargetAgnosticRemoveListener(signal, 'abort', abortListener);
      reject(err);
    };
    const resolver = (...args) => {
      if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorListener);
      if (signal != null) eventTargetAgnosticRemoveListener(signal, 'abort', abortListener);
      resolve(args);
    };
    eventTargetAgnosticAddListener(emitter, name, resolver, { __proto__: null, once: true });
    if (name !== 'error' && typeof emitter.once === 'function') emitter.once('error', errorListener);
    function abortListener() {
      eventTargetAgnosticRemoveListener(emitter, name, resolver);
      eventTargetAgnosticRemoveListener(emitter, 'error', errorListener);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    }
    if (signal != null) eventTargetAgnosticAddListener(signal, 'abort', abortListener, { __proto__: null, once: true });
  });
}

// on() returns an async iterator (goja has no async generators, so it is built by hand; callers
// without for-await use its next()).
function on(emitter, event, options = kEmptyObject) {
  validateObject(options, 'options');
  const signal = options.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
  const unconsumedEvents = [];
  const unconsumedPromises = [];
  let error = null;
  let finished = false;

  const iterator = {
    next() {
      if (unconsumedEvents.length > 0) return Promise.resolve({ value: unconsumedEvents.shift(), done: false });
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return closeHandler();
      return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
    },
    return() { return closeHandler(); },
    throw(err) {
      if (!err || !(err instanceof Error)) throw new ERR_INVALID_ARG_TYPE('EventEmitter.AsyncIterator', 'Error', err);
      errorHandler(err);
    },
    [SymbolAsyncIterator]() { return this; },
  };

  eventTargetAgnosticAddListener(emitter, event, eventHandler);
  if (event !== 'error' && typeof emitter.on === 'function') emitter.on('error', errorHandler);
  const closeEvents = options?.close;
  if (closeEvents?.length) {
    for (let i = 0; i < closeEvents.length; i++) eventTargetAgnosticAddListener(emitter, closeEvents[i], closeHandler);
  }
  if (signal) eventTargetAgnosticAddListener(signal, 'abort', abortListener, { __proto__: null, once: true });
  return iterator;

  function abortListener() { errorHandler(new AbortError(undefined, { cause: signal?.reason })); }
  function eventHandler(...args) {
    const p = unconsumedPromises.shift();
    if (p) p.resolve({ value: args, done: false });
    else unconsumedEvents.push(args);
  }
  function errorHandler(err) {
    if (unconsumedPromises.length > 0) unconsumedPromises.shift().reject(err);
    else error = err;
    closeHandler();
  }
  function closeHandler() {
    eventTargetAgnosticRemoveListener(emitter, event, eventHandler);
    if (event !== 'error' && typeof emitter.removeListener === 'function') emitter.removeListener('error', errorHandler);
    if (closeEvents?.length) {
      for (let i = 0; i < closeEvents.length; i++) eventTargetAgnosticRemoveListener(emitter, closeEvents[i], closeHandler);
    }
    if (signal) eventTargetAgnosticRemoveListener(signal, 'abort', abortListener);
    finished = true;
    const done = { value: undefined, done: true };
    while (unconsumedPromises.length > 0) unconsumedPromises.shift().resolve(done);
    return Promise.resolve(done);
  }
}

function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget?.listeners === 'function') return emitterOrTarget.listeners(type);
  if (isEventTarget(emitterOrTarget)) {
    // The compartment's EventTarget does not expose its listener list to other modules.
    return [];
  }
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget?.getMaxListeners === 'function') return emitterOrTarget.getMaxListeners();
  if (isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners] ?? EventEmitter.defaultMaxListeners;
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function setMaxListeners(n = EventEmitter.defaultMaxListeners, ...eventTargets) {
  validateNumber(n, 'setMaxListeners', 0);
  if (eventTargets.length === 0) {
    EventEmitter.defaultMaxListeners = n;
    return;
  }
  for (const target of eventTargets) {
    if (isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n;
    } else if (typeof target.setMaxListeners === 'function') {
      target.setMaxListeners(n);
    } else {
      throw new ERR_INVALID_ARG_TYPE('eventTargets', ['EventEmitter', 'EventTarget'], target);
    }
  }
}

function addAbortListener(signal, listener) {
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateFunction(listener, 'listener');
  let removeEventListener;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    signal.addEventListener('abort', listener, { __proto__: null, once: true });
    removeEventListener = () => { signal.removeEventListener('abort', listener); };
  }
  return { __proto__: null, [SymbolDispose]() { removeEventListener?.(); } };
}

// There are no async hooks here, so the resource is an ordinary emitter with Node's surface.
class EventEmitterAsyncResource extends EventEmitter {
  constructor(options = undefined) {
    super(options);
    const name = typeof options === 'string' ? options : options?.name || new.target.name;
    Object.defineProperty(this, kAsyncName, { __proto__: null, value: name });
  }
  get asyncId() { return -1; }
  get triggerAsyncId() { return -1; }
  get asyncResource() { return this; }
  emitDestroy() {}
}
const kAsyncName = Symbol('kAsyncName');

Object.defineProperties(EventEmitter, {
  once: { __proto__: null, value: once, writable: true, enumerable: true, configurable: true },
  on: { __proto__: null, value: on, writable: true, enumerable: true, configurable: true },
});
EventEmitter.addAbortListener = addAbortListener;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter.captureRejectionSymbol = kRejection;
EventEmitter.EventEmitterAsyncResource = EventEmitterAsyncResource;
EventEmitter.errorMonitor = kErrorMonitor;
EventEmitter.setMaxListeners = setMaxListeners;

module.exports = EventEmitter;
