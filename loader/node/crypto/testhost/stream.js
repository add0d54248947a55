'use strict';
// Stand-in for Node's stream module: a Transform with the public surface the zlib streams use
// (_transform/_flush/push, write/end with callbacks, 'data'/'end'/'finish'/'error'/'close',
// pipe, destroy). Writes are processed one at a time, like Node's Writable.
const EventEmitter = require('events');

class Transform extends EventEmitter {
  constructor(opts) {
    super();
    this._queue = [];
    this._busy = false;
    this._buffered = [];
    this._flowing = false;
    this._pushedEnd = false;
    this.writableEnded = false;
    this.writableFinished = false;
    this.readableEnded = false;
    this.destroyed = false;
    this.writable = true;
    this.readable = true;
    if (opts && typeof opts.transform === 'function') this._transform = opts.transform;
    if (opts && typeof opts.flush === 'function') this._flush = opts.flush;
  }
  on(name, fn) {
    super.on(name, fn);
    if (name === 'data') this.resume();
    return this;
  }
  resume() {
    if (this._flowing) return this;
    this._flowing = true;
    process.nextTick(() => this._drainReadable());
    return this;
  }
  pause() { this._flowing = false; return this; }
  read() {
    if (this._buffered.length === 0) return null;
    return this._buffered.shift();
  }
  push(chunk) {
    if (chunk === null) {
      this._pushedEnd = true;
    } else {
      this._buffered.push(chunk);
    }
    if (this._flowing) this._drainReadable();
    return true;
  }
  _drainReadable() {
    while (this._flowing && this._buffered.length > 0) this.emit('data', this._buffered.shift());
    if (this._pushedEnd && this._buffered.length === 0 && !this.readableEnded && this._flowing) {
      this.readableEnded = true;
      process.nextTick(() => { this.emit('end'); this._maybeClose(); });
    }
  }
  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (this.writableEnded) {
      const err = new Error('write after end');
      err.code = 'ERR_STREAM_WRITE_AFTER_END';
      process.nextTick(() => { if (cb) cb(err); this.emit('error', err); });
      return false;
    }
    this._queue.push({ chunk, encoding, cb });
    this._next();
    return true;
  }
  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    if (cb) this.once('finish', cb);
    this.writableEnded = true;
    this._queue.push({ end: true });
    this._next();
    return this;
  }
  _next() {
    if (this._busy || this.destroyed || this._queue.length === 0) return;
    const item = this._queue.shift();
    this._busy = true;
    const after = (err, data) => {
      this._busy = false;
      if (err) { if (item.cb) item.cb(err); this.destroy(err); return; }
      if (data !== undefined && data !== null) this.push(data);
      if (item.end) {
        this.push(null);
        this.writableFinished = true;
        process.nextTick(() => { this.emit('finish'); this._maybeClose(); });
        return;
      }
      if (item.cb) item.cb();
      this._next();
    };
    if (item.end) {
      if (this._flush) this._flush(after); else after();
    } else {
      this._transform(item.chunk, item.encoding || 'buffer', after);
    }
  }
  _maybeClose() {
    if (this.writableFinished && this.readableEnded && !this.destroyed) this.destroy();
  }
  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    const finish = (e) => {
      process.nextTick(() => {
        if (e) this.emit('error', e);
        this.emit('close');
      });
    };
    if (this._destroy) this._destroy(err || null, finish); else finish(err);
    return this;
  }
  pipe(dest) {
    this.on('data', (c) => dest.write(c));
    this.once('end', () => dest.end());
    return dest;
  }
}

module.exports = { Transform };
module.exports.Transform = Transform;
