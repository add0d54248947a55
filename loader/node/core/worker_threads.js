'use strict';
// worker_threads: pkgbox runs one thread of JavaScript. Code that only asks whether it is the main
// thread works; starting a Worker is refused with a clear error.

const environmentData = new Map();

class Worker {
  constructor() {
    const e = new Error('pkgbox: worker_threads.Worker is not supported (pkgbox runs JavaScript on one thread)');
    e.code = 'ERR_PKGBOX_UNSUPPORTED';
    throw e;
  }
}

module.exports = {
  isMainThread: true,
  parentPort: null,
  workerData: null,
  threadId: 0,
  resourceLimits: {},
  SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
  Worker,
  markAsUntransferable() {},
  isMarkedAsUntransferable() { return false; },
  moveMessagePortToContext() { throw new Error('pkgbox: moveMessagePortToContext is not supported'); },
  receiveMessageOnPort() { return undefined; },
  getEnvironmentData(key) { return environmentData.get(key); },
  setEnvironmentData(key, value) { if (value === undefined) environmentData.delete(key); else environmentData.set(key, value); },
};
