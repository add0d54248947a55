'use strict';
// tty: isatty answers for the runtime's own stdio; the stream classes wrap process.stdin/stdout.

const { Readable, Writable } = require('stream');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && binding.isatty(fd);
}

function ReadStream(fd) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd);
  Readable.call(this);
  this.fd = fd;
  this.isRaw = false;
  this.isTTY = true;
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);
ReadStream.prototype.setRawMode = function setRawMode(flag) { this.isRaw = !!flag; return this; };

function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  Writable.call(this);
  this.fd = fd;
  this.isTTY = true;
  const size = binding.windowSize(fd);
  this.columns = size[0];
  this.rows = size[1];
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);
WriteStream.prototype._write = function (chunk, encoding, cb) { binding.write(this.fd, chunk, encoding); cb(); };
WriteStream.prototype.getColorDepth = function getColorDepth(env) { return binding.colorDepth(this.fd, env); };
WriteStream.prototype.hasColors = function hasColors(count, env) {
  if (typeof count === 'object' && count !== null) { env = count; count = 16; }
  if (count === undefined) count = 16;
  return count <= 2 ** this.getColorDepth(env);
};
WriteStream.prototype.getWindowSize = function getWindowSize() { return [this.columns, this.rows]; };

module.exports = { isatty, ReadStream, WriteStream };
