'use strict';
// readline over streams: line splitting like Node's (\n, \r\n, and \r with crlfDelay), 'line' and
// 'close' events, question/prompt, and async iteration. Raw terminal editing (keypress handling,
// history, completion) is not provided; on a TTY it behaves as with terminal: false.

const EventEmitter = require('events');

const kLineEnd = /\r?\n|\r(?!\n)/;

class Interface extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    let opts = input;
    if (!(input && typeof input === 'object' && typeof input.on !== 'function') || input === null) {
      opts = { input, output, completer, terminal };
    }
    if (opts.input === undefined) {
      const e = new TypeError('The "input" argument must be an instance of Stream. Received undefined');
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    this.input = opts.input;
    this.output = opts.output;
    this.terminal = !!(opts.terminal === undefined ? (this.output && this.output.isTTY) : opts.terminal);
    this.crlfDelay = Math.max(100, Number(opts.crlfDelay) || 100);
    this._prompt = opts.prompt === undefined ? '> ' : String(opts.prompt);
    this.line = '';
    this.cursor = 0;
    this.history = [];
    this.closed = false;
    this.paused = false;
    this._buffer = '';
    this._questionCallback = null;
    this._sawReturnAt = 0;
    this._decoder = null;

    this._onData = (chunk) => this._data(chunk);
    this._onEnd = () => {
      if (this._buffer.length > 0) {
        const line = this._buffer;
        this._buffer = '';
        this._emitLine(line);
      }
      this.close();
    };
    this.input.on('data', this._onData);
    this.input.on('end', this._onEnd);
    if (typeof this.input.resume === 'function') this.input.resume();
  }

  get [Symbol.toStringTag]() { return 'Interface'; }

  _data(chunk) {
    if (typeof chunk !== 'string') {
      if (!this._decoder) {
        const { StringDecoder } = require('string_decoder');
        this._decoder = new StringDecoder('utf8');
      }
      chunk = this._decoder.write(chunk);
    }
    if (this._sawReturnAt && Date.now() - this._sawReturnAt <= this.crlfDelay && chunk[0] === '\n') {
      chunk = chunk.slice(1);
    }
    this._sawReturnAt = chunk.endsWith('\r') ? Date.now() : 0;
    const parts = (this._buffer + chunk).split(kLineEnd);
    this._buffer = parts.pop();
    for (const line of parts) {
      if (this.closed) return;
      this._emitLine(line);
    }
  }

  _emitLine(line) {
    if (this._questionCallback) {
      const cb = this._questionCallback;
      this._questionCallback = null;
      cb(line);
      return;
    }
    this.emit('line', line);
  }

  getPrompt() { return this._prompt; }
  setPrompt(p) { this._prompt = String(p); }
  prompt() {
    if (this.paused) this.resume();
    if (this.output && typeof this.output.write === 'function') this.output.write(this._prompt);
  }
  question(query, options, cb) {
    if (typeof options === 'function') { cb = options; options = {}; }
    if (this.closed) {
      const e = new Error('readline was closed');
      e.code = 'ERR_USE_AFTER_CLOSE';
      throw e;
    }
    if (typeof cb !== 'function') return;
    if (this._questionCallback) { this.prompt(); return; }
    const signal = options && options.signal;
    if (signal) {
      if (signal.aborted) return;
      signal.addEventListener('abort', () => { this._questionCallback = null; }, { once: true });
    }
    this._questionCallback = cb;
    if (this.output && typeof this.output.write === 'function') this.output.write(String(query));
    if (this.paused) this.resume();
  }
  write(data) {
    if (this.closed) {
      const e = new Error('readline was closed');
      e.code = 'ERR_USE_AFTER_CLOSE';
      throw e;
    }
    if (data !== undefined && data !== null) this._data(String(data));
  }
  pause() {
    if (this.paused) return this;
    if (typeof this.input.pause === 'function') this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }
  resume() {
    if (!this.paused) return this;
    if (typeof this.input.resume === 'function') this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.input.removeListener('data', this._onData);
    this.input.removeListener('end', this._onEnd);
    if (typeof this.input.pause === 'function') this.input.pause();
    this.emit('close');
  }
  getCursorPos() { return { rows: 0, cols: this.cursor }; }

  [Symbol.asyncIterator]() {
    const queue = [];
    const waiting = [];
    let done = false;
    const onLine = (line) => {
      if (waiting.length > 0) waiting.shift().resolve({ value: line, done: false });
      else queue.push(line);
    };
    const onClose = () => {
      done = true;
      while (waiting.length > 0) waiting.shift().resolve({ value: undefined, done: true });
    };
    this.on('line', onLine);
    this.on('close', onClose);
    if (this.closed) done = true;
    const rl = this;
    return {
      next() {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        rl.removeListener('line', onLine);
        rl.removeListener('close', onClose);
        rl.close();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() { return this; },
    };
  }
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

function cursorTo(stream, x, y, cb) {
  if (typeof y === 'function') { cb = y; y = undefined; }
  if (!stream || typeof x !== 'number') { if (cb) process.nextTick(cb, null); return true; }
  const s = typeof y === 'number' ? `\x1b[${y + 1};${x + 1}H` : `\x1b[${x + 1}G`;
  return stream.write(s, cb);
}
function moveCursor(stream, dx, dy, cb) {
  if (!stream || !(dx || dy)) { if (cb) process.nextTick(cb, null); return true; }
  let s = '';
  if (dx < 0) s += `\x1b[${-dx}D`; else if (dx > 0) s += `\x1b[${dx}C`;
  if (dy < 0) s += `\x1b[${-dy}A`; else if (dy > 0) s += `\x1b[${dy}B`;
  return stream.write(s, cb);
}
function clearLine(stream, dir, cb) {
  if (!stream) { if (cb) process.nextTick(cb, null); return true; }
  const code = dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K';
  return stream.write(code, cb);
}
function clearScreenDown(stream, cb) {
  if (!stream) { if (cb) process.nextTick(cb, null); return true; }
  return stream.write('\x1b[0J', cb);
}

module.exports = {
  Interface,
  createInterface,
  cursorTo,
  moveCursor,
  clearLine,
  clearScreenDown,
  emitKeypressEvents() {},
};
Object.defineProperty(module.exports, 'promises', {
  get() { return require('readline/promises'); },
  enumerable: true,
  configurable: true,
});
