'use strict';
// process.stdout, process.stderr and process.stdin as Node streams over the runtime's stdio.
// Writes are synchronous, as Node's are for files and pipes on Linux, so console.log and
// process.stdout.write keep their relative order.

const { Writable, Readable } = require('stream');

function addTTYMethods(stream, fd) {
  const size = binding.windowSize(fd);
  stream.isTTY = true;
  stream.columns = size[0];
  stream.rows = size[1];
  stream.getWindowSize = function getWindowSize() { const s = binding.windowSize(fd); return [s[0], s[1]]; };
  stream.getColorDepth = function getColorDepth(env) { return binding.colorDepth(fd, env); };
  stream.hasColors = function hasColors(count, env) {
    if (typeof count === 'object' && count !== null) { env = count; count = 16; }
    if (count === undefined) count = 16;
    return count <= 2 ** stream.getColorDepth(env);
  };
  const csi = '\x1b[';
  stream.cursorTo = function cursorTo(x, y, cb) {
    if (typeof y === 'function') { cb = y; y = undefined; }
    const s = typeof y === 'number' ? csi + (y + 1) + ';' + (x + 1) + 'H' : csi + (x + 1) + 'G';
    return stream.write(s, cb);
  };
  stream.moveCursor = function moveCursor(dx, dy, cb) {
    const parts = [];
    if (dx < 0) parts.push(csi + (-dx) + 'D'); else if (dx > 0) parts.push(csi + dx + 'C');
    if (dy < 0) parts.push(csi + (-dy) + 'A'); else if (dy > 0) parts.push(csi + dy + 'B');
    return stream.write(parts.join(''), cb);
  };
  stream.clearLine = function clearLine(dir, cb) {
    const code = dir < 0 ? '1K' : dir > 0 ? '0K' : '2K';
    return stream.write(csi + code, cb);
  };
  stream.clearScreenDown = function clearScreenDown(cb) { return stream.write(csi + '0J', cb); };
}

exports.writable = function writable(fd) {
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, cb) {
      binding.write(fd, chunk, encoding);
      cb();
    },
  });
  stream.fd = fd;
  stream._type = binding.isatty(fd) ? 'tty' : 'pipe';
  stream._isStdio = true;
  // Node's stdio streams cannot be closed by the program.
  stream.destroySoon = stream.destroy;
  stream._destroy = function (err, cb) { cb(err); };
  if (binding.isatty(fd)) addTTYMethods(stream, fd);
  return stream;
};

exports.readable = function readable(fd) {
  let reading = false;
  const stream = new Readable({
    read() {
      if (reading) return;
      reading = true;
      binding.readStdin((err, chunk) => {
        reading = false;
        if (err) { stream.destroy(err); return; }
        if (chunk === null) { stream.push(null); return; }
        stream.push(chunk);
      });
    },
  });
  stream.fd = fd;
  stream.isTTY = binding.isatty(fd) ? true : undefined;
  if (stream.isTTY) {
    stream.isRaw = false;
    stream.setRawMode = function setRawMode(mode) { binding.setRawMode(fd, !!mode); stream.isRaw = !!mode; return stream; };
  }
  return stream;
};
