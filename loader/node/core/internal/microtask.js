'use strict';
// queueMicrotask: the callback runs as a promise job; an exception it throws is an uncaught
// exception (not a rejection), as in Node.
const resolved = Promise.resolve();

exports.queueMicrotask = function queueMicrotask(callback) {
  if (typeof callback !== 'function') {
    const e = new TypeError('The "callback" argument must be of type function. Received ' +
      (callback === null ? 'null' : typeof callback === 'object' ? 'an instance of ' + ((callback.constructor && callback.constructor.name) || 'Object') : 'type ' + typeof callback + ' (' + String(callback) + ')'));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  resolved.then(() => {
    try {
      callback();
    } catch (err) {
      process.nextTick(() => { throw err; });
    }
  });
};
