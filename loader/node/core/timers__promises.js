'use strict';
// timers/promises over the compartment's timers.

function abortError(signal) {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) e.cause = signal.reason;
  return e;
}

function validateOptions(options) {
  if (options === null || typeof options !== 'object') {
    const e = new TypeError('The "options" argument must be of type object. Received ' + (options === null ? 'null' : 'type ' + typeof options));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
}

function later(schedule, cancel, value, options) {
  validateOptions(options);
  const { signal, ref = true } = options;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => { cancel(handle); reject(abortError(signal)); };
    const handle = schedule(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
    if (!ref && handle && typeof handle.unref === 'function') handle.unref();
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}

exports.setTimeout = function (delay, value, options = {}) {
  return later((fn) => setTimeout(fn, delay), clearTimeout, value, options);
};

exports.setImmediate = function (value, options = {}) {
  return later((fn) => setImmediate(fn), clearImmediate, value, options);
};

// setInterval returns an async iterator that yields value on every tick.
exports.setInterval = function (delay, value, options = {}) {
  validateOptions(options);
  const { signal, ref = true } = options;
  let pending = 0;
  let waiting = null;
  let done = false;
  const handle = setInterval(() => {
    pending++;
    if (waiting) { const w = waiting; waiting = null; pending--; w.resolve({ value, done: false }); }
  }, delay);
  if (!ref) handle.unref();
  const finish = () => { done = true; clearInterval(handle); };
  const onAbort = () => {
    finish();
    if (waiting) { const w = waiting; waiting = null; w.reject(abortError(signal)); }
  };
  if (signal) {
    if (signal.aborted) finish();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  const iterator = {
    next() {
      if (signal && signal.aborted) return Promise.reject(abortError(signal));
      if (done) return Promise.resolve({ value: undefined, done: true });
      if (pending > 0) { pending--; return Promise.resolve({ value, done: false }); }
      return new Promise((resolve, reject) => { waiting = { resolve, reject }; });
    },
    return() {
      finish();
      if (signal) signal.removeEventListener('abort', onAbort);
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() { return this; },
  };
  return iterator;
};

exports.scheduler = {
  wait(delay, options) { return exports.setTimeout(delay, undefined, options); },
  yield() { return exports.setImmediate(); },
};
