'use strict';
// Stand-in for Node's events module: only what the stream stand-in and the zlib/crypto tests use.
class EventEmitter {
  constructor() { this._events = Object.create(null); }
  on(name, fn) {
    if (!this._events) this._events = Object.create(null);
    (this._events[name] || (this._events[name] = [])).push(fn);
    return this;
  }
  addListener(name, fn) { return this.on(name, fn); }
  prependListener(name, fn) { this.on(name, fn); this._events[name].unshift(this._events[name].pop()); return this; }
  once(name, fn) {
    const self = this;
    function wrapped(...args) { self.removeListener(name, wrapped); return fn.apply(this, args); }
    wrapped.listener = fn;
    return this.on(name, wrapped);
  }
  off(name, fn) { return this.removeListener(name, fn); }
  removeListener(name, fn) {
    const list = this._events && this._events[name];
    if (!list) return this;
    const i = list.findIndex((f) => f === fn || f.listener === fn);
    if (i >= 0) list.splice(i, 1);
    return this;
  }
  removeAllListeners(name) {
    if (name === undefined) this._events = Object.create(null); else delete this._events[name];
    return this;
  }
  listenerCount(name) { return this._events && this._events[name] ? this._events[name].length : 0; }
  emit(name, ...args) {
    const list = this._events && this._events[name];
    if (!list || list.length === 0) {
      if (name === 'error') throw args[0];
      return false;
    }
    for (const fn of list.slice()) fn.apply(this, args);
    return true;
  }
}
module.exports = EventEmitter;
module.exports.EventEmitter = EventEmitter;
