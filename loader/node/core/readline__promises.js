'use strict';
// readline/promises: the same Interface with a promise-returning question().
const readline = require('readline');

class Interface extends readline.Interface {
  question(query, options) {
    return new Promise((resolve, reject) => {
      const signal = options && options.signal;
      if (signal && signal.aborted) {
        const e = new Error('The operation was aborted');
        e.name = 'AbortError';
        e.code = 'ABORT_ERR';
        reject(e);
        return;
      }
      super.question(query, options || {}, resolve);
    });
  }
}

class Readline {
  constructor(stream) { this._stream = stream; this._todo = []; }
  clearLine(dir) { this._todo.push(dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K'); return this; }
  clearScreenDown() { this._todo.push('\x1b[0J'); return this; }
  cursorTo(x, y) { this._todo.push(typeof y === 'number' ? `\x1b[${y + 1};${x + 1}H` : `\x1b[${x + 1}G`); return this; }
  moveCursor(dx, dy) {
    if (dx < 0) this._todo.push(`\x1b[${-dx}D`); else if (dx > 0) this._todo.push(`\x1b[${dx}C`);
    if (dy < 0) this._todo.push(`\x1b[${-dy}A`); else if (dy > 0) this._todo.push(`\x1b[${dy}B`);
    return this;
  }
  commit() {
    const s = this._todo.join('');
    this._todo = [];
    return new Promise((resolve) => this._stream.write(s, resolve));
  }
  rollback() { this._todo = []; return this; }
}

module.exports = {
  Interface,
  Readline,
  createInterface(input, output, completer, terminal) { return new Interface(input, output, completer, terminal); },
};
