'use strict';
// Node 20's fs and fs.promises over pkgbox's Go binding. Every call goes through binding.NAME(api,
// callback, ...args): the Go side converts and resolves paths and passes the gate before any
// syscall; this file only shapes arguments and results the way Node does.
const pathMod = require('path');
const EventEmitter = require('events');
const { Readable, Writable } = require('stream');
const errors = require('internal/errors');
const { codes } = errors;
const { inspect } = require('internal/util/inspect');

const constants = Object.freeze({"UV_FS_SYMLINK_DIR":1,"UV_FS_SYMLINK_JUNCTION":2,"O_RDONLY":0,"O_WRONLY":1,"O_RDWR":2,"UV_DIRENT_UNKNOWN":0,"UV_DIRENT_FILE":1,"UV_DIRENT_DIR":2,"UV_DIRENT_LINK":3,"UV_DIRENT_FIFO":4,"UV_DIRENT_SOCKET":5,"UV_DIRENT_CHAR":6,"UV_DIRENT_BLOCK":7,"EXTENSIONLESS_FORMAT_JAVASCRIPT":0,"EXTENSIONLESS_FORMAT_WASM":1,"S_IFMT":61440,"S_IFREG":32768,"S_IFDIR":16384,"S_IFCHR":8192,"S_IFBLK":24576,"S_IFIFO":4096,"S_IFLNK":40960,"S_IFSOCK":49152,"O_CREAT":64,"O_EXCL":128,"UV_FS_O_FILEMAP":0,"O_NOCTTY":256,"O_TRUNC":512,"O_APPEND":1024,"O_DIRECTORY":65536,"O_NOATIME":262144,"O_NOFOLLOW":131072,"O_SYNC":1052672,"O_DSYNC":4096,"O_DIRECT":16384,"O_NONBLOCK":2048,"S_IRWXU":448,"S_IRUSR":256,"S_IWUSR":128,"S_IXUSR":64,"S_IRWXG":56,"S_IRGRP":32,"S_IWGRP":16,"S_IXGRP":8,"S_IRWXO":7,"S_IROTH":4,"S_IWOTH":2,"S_IXOTH":1,"F_OK":0,"R_OK":4,"W_OK":2,"X_OK":1,"UV_FS_COPYFILE_EXCL":1,"COPYFILE_EXCL":1,"UV_FS_COPYFILE_FICLONE":2,"COPYFILE_FICLONE":2,"UV_FS_COPYFILE_FICLONE_FORCE":4,"COPYFILE_FICLONE_FORCE":4});
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC, S_IFMT, S_IFREG, S_IFDIR,
  S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK, F_OK } = constants;

// ---- errors
function uvException(errno, syscall, path, dest) {
  const [code, desc] = errors.errnoNames[errno] || ['UNKNOWN', 'unknown error'];
  let message = `${code}: ${desc}, ${syscall}`;
  if (path !== undefined) message += ` '${path}'`;
  if (dest !== undefined) message += ` -> '${dest}'`;
  const err = new Error(message);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (path !== undefined) err.path = path;
  if (dest !== undefined) err.dest = dest;
  errors.setStackHead(err, `Error: ${message}`);
  return err;
}

class SystemError extends Error {
  constructor(code, prefix, ctx) {
    const message = `${prefix}: ${ctx.syscall} returned ${ctx.code} (${ctx.message}) ${ctx.path}`;
    super(message);
    this.code = code;
    this.info = ctx;
    this.errno = ctx.errno;
    this.syscall = ctx.syscall;
    this.path = ctx.path;
    this.name = 'SystemError';
    errors.setStackHead(this, `SystemError [${code}]: ${message}`);
  }
}

function codeError(code, ...args) {
  switch (code) {
    case 'ERR_DIR_CLOSED': {
      const e = new Error('Directory handle was closed');
      e.code = code;
      errors.setStackHead(e, `Error [${code}]: ${e.message}`);
      return e;
    }
    case 'ERR_FS_EISDIR': {
      const [syscall, path, errno] = args;
      return new SystemError(code, 'Path is a directory', { code: 'EISDIR', message: 'is a directory', path, syscall, errno });
    }
    case 'ERR_FS_CP_EEXIST': {
      const [syscall, path, errno] = args;
      return new SystemError(code, 'Target already exists', { code: 'EEXIST', message: `${path} already exists`, path, syscall, errno });
    }
  }
  return new codes[code](...args);
}
binding.init(uvException, codeError, (v) => inspect(v));

// ---- argument helpers (Node's internal/validators and internal/fs/utils, as Node 20 words them)
function validateFunction(v, name) {
  if (typeof v !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'Function', v);
}
function validateInteger(v, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof v !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', v);
  if (!Number.isInteger(v)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', v);
  if (v < min || v > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, v);
}
function getFd(fd) {
  validateInteger(fd, 'fd', 0, 2147483647);
  return fd;
}
function isUint8(v) { return ArrayBuffer.isView(v); }

function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') return flags;
  if (flags == null) return O_RDONLY;
  switch (flags) {
    case 'r': return O_RDONLY;
    case 'rs': case 'sr': return O_RDONLY | O_SYNC;
    case 'r+': return O_RDWR;
    case 'rs+': case 'sr+': return O_RDWR | O_SYNC;
    case 'w': return O_TRUNC | O_CREAT | O_WRONLY;
    case 'wx': case 'xw': return O_TRUNC | O_CREAT | O_WRONLY | O_EXCL;
    case 'w+': return O_TRUNC | O_CREAT | O_RDWR;
    case 'wx+': case 'xw+': return O_TRUNC | O_CREAT | O_RDWR | O_EXCL;
    case 'a': return O_APPEND | O_CREAT | O_WRONLY;
    case 'ax': case 'xa': return O_APPEND | O_CREAT | O_WRONLY | O_EXCL;
    case 'as': case 'sa': return O_APPEND | O_CREAT | O_WRONLY | O_SYNC;
    case 'a+': return O_APPEND | O_CREAT | O_RDWR;
    case 'ax+': case 'xa+': return O_APPEND | O_CREAT | O_RDWR | O_EXCL;
    case 'as+': case 'sa+': return O_APPEND | O_CREAT | O_RDWR | O_SYNC;
  }
  throw new codes.ERR_INVALID_ARG_VALUE('flags', flags);
}

function parseFileMode(value, name, def) {
  if (value == null) return def;
  if (typeof value === 'string') {
    if (!/^[0-7]+$/.test(value)) throw new codes.ERR_INVALID_ARG_VALUE(name, value, 'must be a 32-bit unsigned integer or an octal string');
    value = parseInt(value, 8);
  }
  validateInteger(value, name, 0, 4294967295);
  return value;
}

function getOptions(options, defaults) {
  if (options == null || typeof options === 'function') return defaults;
  if (typeof options === 'string') return { ...defaults, encoding: options };
  if (typeof options !== 'object') throw new codes.ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  const o = { ...defaults, ...options };
  if (o.encoding && o.encoding !== 'buffer' && !Buffer.isEncoding(o.encoding)) {
    throw new codes.ERR_INVALID_ARG_VALUE('encoding', o.encoding, 'is invalid encoding');
  }
  return o;
}

function encode(str, encoding) {
  if (encoding === 'buffer') return Buffer.from(str, 'utf8');
  return str;
}

function toUnixTimestamp(time, name = 'time') {
  if (typeof time === 'string' && +time == time) return +time;
  if (typeof time === 'number' && Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  throw new codes.ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}

function position(p) {
  if (p == null || p === -1) return -1;
  if (typeof p === 'bigint') return Number(p);
  validateInteger(p, 'position', -1);
  return p;
}

function dataBytes(data, encoding, name = 'data') {
  if (isUint8(data)) return data;
  if (typeof data !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  return Buffer.from(data, encoding || 'utf8');
}

function isFileHandle(v) { return v instanceof FileHandle; }

// ---- Stats, StatFs, Dirent
function StatsBase(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
  this.dev = dev; this.mode = mode; this.nlink = nlink; this.uid = uid; this.gid = gid; this.rdev = rdev;
  this.blksize = blksize; this.ino = ino; this.size = size; this.blocks = blocks;
}
StatsBase.prototype._checkModeProperty = function (prop) {
  if (typeof this.mode === 'bigint') return (this.mode & BigInt(S_IFMT)) === BigInt(prop);
  return (this.mode & S_IFMT) === prop;
};
StatsBase.prototype.isDirectory = function () { return this._checkModeProperty(S_IFDIR); };
StatsBase.prototype.isFile = function () { return this._checkModeProperty(S_IFREG); };
StatsBase.prototype.isBlockDevice = function () { return this._checkModeProperty(S_IFBLK); };
StatsBase.prototype.isCharacterDevice = function () { return this._checkModeProperty(S_IFCHR); };
StatsBase.prototype.isSymbolicLink = function () { return this._checkModeProperty(S_IFLNK); };
StatsBase.prototype.isFIFO = function () { return this._checkModeProperty(S_IFIFO); };
StatsBase.prototype.isSocket = function () { return this._checkModeProperty(S_IFSOCK); };

function dateFromMs(ms) { return new Date(Math.round(Number(ms))); }

function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeMs; this.mtimeMs = mtimeMs; this.ctimeMs = ctimeMs; this.birthtimeMs = birthtimeMs;
  this.atime = dateFromMs(atimeMs); this.mtime = dateFromMs(mtimeMs);
  this.ctime = dateFromMs(ctimeMs); this.birthtime = dateFromMs(birthtimeMs);
}
Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
Object.setPrototypeOf(Stats, StatsBase);

function BigIntStats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeNs / 1000000n; this.mtimeMs = mtimeNs / 1000000n;
  this.ctimeMs = ctimeNs / 1000000n; this.birthtimeMs = birthtimeNs / 1000000n;
  this.atimeNs = atimeNs; this.mtimeNs = mtimeNs; this.ctimeNs = ctimeNs; this.birthtimeNs = birthtimeNs;
  this.atime = dateFromMs(this.atimeMs); this.mtime = dateFromMs(this.mtimeMs);
  this.ctime = dateFromMs(this.ctimeMs); this.birthtime = dateFromMs(this.birthtimeMs);
}
Object.setPrototypeOf(BigIntStats.prototype, StatsBase.prototype);

function makeStats(a, big) {
  if (a === undefined) return undefined;
  if (!big) {
    const ms = (i) => a[i] * 1e3 + a[i + 1] / 1e6;
    return new Stats(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], ms(10), ms(12), ms(14), ms(16));
  }
  const v = a.map((x) => BigInt(x));
  const ns = (i) => v[i] * 1000000000n + v[i + 1];
  return new BigIntStats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], ns(10), ns(12), ns(14), ns(16));
}

class StatFs {
  constructor(type, bsize, blocks, bfree, bavail, files, ffree) {
    Object.assign(this, { type, bsize, blocks, bfree, bavail, files, ffree });
  }
}
function makeStatFs(a, big) {
  const v = big ? a.map((x) => BigInt(x)) : a;
  return new StatFs(...v);
}

const kType = Symbol('type');
class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === constants.UV_DIRENT_DIR; }
  isFile() { return this[kType] === constants.UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === constants.UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === constants.UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === constants.UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === constants.UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === constants.UV_DIRENT_SOCKET; }
}

function pathString(p) {
  if (typeof p === 'string') return p;
  if (isUint8(p)) return Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString();
  if (p != null && typeof p === 'object' && p.href && p.protocol) return require('url').fileURLToPath(p);
  return String(p);
}

function readdirResult(r, path, o) {
  const [dirs, names, types] = r;
  const out = [];
  const base = pathString(path);
  for (let i = 0; i < names.length; i++) {
    if (o.withFileTypes) {
      const parent = dirs[i] === '' ? base : pathMod.join(base, dirs[i]);
      out.push(new Dirent(encode(names[i], o.encoding), types[i], parent));
    } else {
      out.push(encode(dirs[i] === '' ? names[i] : pathMod.join(dirs[i], names[i]), o.encoding));
    }
  }
  return out;
}

// ---- the three forms of one operation
// spec(args, form) returns [goName, goArgs, post]; post shapes the binding's value (and, for the
// callback form, may return an array of callback arguments by setting spread).
const fs = module.exports;
const promises = {};

function callbackOf(args) {
  const cb = args[args.length - 1];
  validateFunction(cb, 'cb');
  return cb;
}

function define(name, spec, { promise = true, cbSpread = false } = {}) {
  const syncFn = function (...args) {
    const [op, goArgs, post] = spec(args, 'sync');
    const r = binding[op](`fs.${name}Sync`, undefined, ...goArgs);
    return post ? post(r) : r;
  };
  const cbFn = function (...args) {
    const cb = callbackOf(args);
    const [op, goArgs, post] = spec(args.slice(0, -1), 'callback');
    binding[op](`fs.${name}`, (err, r) => {
      if (err) return cb(err);
      const v = post ? post(r) : r;
      if (cbSpread) return cb(null, ...v);
      if (v === undefined) return cb(null);
      return cb(null, v);
    }, ...goArgs);
  };
  Object.defineProperty(syncFn, 'name', { value: `${name}Sync` });
  Object.defineProperty(cbFn, 'name', { value: name });
  fs[`${name}Sync`] = syncFn;
  fs[name] = cbFn;
  if (promise) {
    promises[name] = promiseOf(name, spec);
  }
}

function promiseOf(name, spec, api = `fs.promises.${name}`) {
  const fn = function (...args) {
    return new Promise((resolve, reject) => {
      const [op, goArgs, post] = spec(args, 'promise');
      binding[op](api, (err, r) => {
        if (err) return reject(err);
        try { resolve(post ? post(r) : r); } catch (e) { reject(e); }
      }, ...goArgs);
    });
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

define('access', ([path, mode = F_OK]) => {
  if (typeof mode === 'function') mode = F_OK;
  validateInteger(mode, 'mode', 0, 7);
  return ['access', [path, mode], () => undefined];
});
define('stat', ([path, options]) => {
  const o = getOptions(options, { bigint: false, throwIfNoEntry: true });
  return ['stat', [path, !!o.bigint, o.throwIfNoEntry !== false], (r) => makeStats(r, o.bigint)];
});
define('lstat', ([path, options]) => {
  const o = getOptions(options, { bigint: false, throwIfNoEntry: true });
  return ['lstat', [path, !!o.bigint, o.throwIfNoEntry !== false], (r) => makeStats(r, o.bigint)];
});
define('fstat', ([fd, options]) => {
  const o = getOptions(options, { bigint: false });
  return ['fstat', [getFd(fd), !!o.bigint], (r) => makeStats(r, o.bigint)];
}, { promise: false });
define('statfs', ([path, options]) => {
  const o = getOptions(options, { bigint: false });
  return ['statfs', [path, !!o.bigint], (r) => makeStatFs(r, o.bigint)];
});
define('readdir', ([path, options]) => {
  const o = getOptions(options, { encoding: 'utf8', withFileTypes: false, recursive: false });
  return ['readdir', [path, !!o.withFileTypes, !!o.recursive], (r) => readdirResult(r, path, o)];
});
define('readFile', ([path, options], form) => {
  const o = getOptions(options, { encoding: null, flag: 'r' });
  let target = path;
  if (isFileHandle(path)) target = path.fd;
  else if (Number.isInteger(path)) target = getFd(path);
  return ['readFile', [target, stringToFlags(o.flag)], (buf) => (o.encoding && o.encoding !== 'buffer' ? buf.toString(o.encoding) : buf)];
});
function writeSpec(defFlag) {
  return ([file, data, options]) => {
    const o = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: defFlag });
    let target = file;
    if (isFileHandle(file)) target = file.fd;
    else if (Number.isInteger(file)) target = getFd(file);
    return ['writeFile', [target, dataBytes(data, o.encoding), stringToFlags(o.flag), parseFileMode(o.mode, 'mode', 0o666)], () => undefined];
  };
}
define('writeFile', writeSpec('w'));
define('appendFile', writeSpec('a'));
define('mkdir', ([path, options]) => {
  let recursive = false;
  let mode = 0o777;
  if (typeof options === 'number' || typeof options === 'string') mode = parseFileMode(options, 'mode');
  else if (options != null && typeof options === 'object') {
    recursive = !!options.recursive;
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'mode');
  }
  return ['mkdir', [path, recursive, mode], (r) => (recursive ? r : undefined)];
});
define('mkdtemp', ([prefix, options]) => {
  const o = getOptions(options, { encoding: 'utf8' });
  if (typeof prefix !== 'string' && !isUint8(prefix) && !(prefix && prefix.href)) {
    throw new codes.ERR_INVALID_ARG_TYPE('prefix', ['string', 'Buffer', 'URL'], prefix);
  }
  return ['mkdtemp', [prefix], (r) => encode(r, o.encoding)];
});
define('rmdir', ([path, options]) => {
  if (options && options.recursive) return ['rm', [path, true, false], () => undefined];
  return ['rmdir', [path], () => undefined];
});
define('rm', ([path, options]) => {
  const o = getOptions(options, { recursive: false, force: false });
  return ['rm', [path, !!o.recursive, !!o.force], () => undefined];
});
define('unlink', ([path]) => ['unlink', [path], () => undefined]);
define('rename', ([from, to]) => ['rename', [from, to], () => undefined]);
define('link', ([from, to]) => ['link', [from, to], () => undefined]);
define('symlink', ([target, path]) => ['symlink', [target, path], () => undefined]);
define('readlink', ([path, options]) => {
  const o = getOptions(options, { encoding: 'utf8' });
  return ['readlink', [path], (r) => encode(r, o.encoding)];
});
define('realpath', ([path, options]) => {
  const o = getOptions(options, { encoding: 'utf8' });
  return ['realpath', [path], (r) => encode(r, o.encoding)];
});
define('copyFile', ([src, dest, mode = 0]) => {
  if (typeof mode === 'function') mode = 0;
  validateInteger(mode, 'mode', 0, 7);
  return ['copyFile', [src, dest, mode], () => undefined];
});
define('cp', ([src, dest, options]) => {
  const o = getOptions(options, { recursive: false, force: true, errorOnExist: false });
  return ['cp', [src, dest, !!o.recursive, !!o.force, !!o.errorOnExist], () => undefined];
});
define('chmod', ([path, mode]) => ['chmod', [path, parseFileMode(mode, 'mode')], () => undefined]);
function ids([path, uid, gid]) {
  validateInteger(uid, 'uid', -1, 4294967295);
  validateInteger(gid, 'gid', -1, 4294967295);
  return [path, uid, gid];
}
define('chown', (a) => ['chown', ids(a), () => undefined]);
define('lchown', (a) => ['lchown', ids(a), () => undefined]);
define('utimes', ([path, at, mt]) => ['utimes', [path, toUnixTimestamp(at, 'atime'), toUnixTimestamp(mt, 'mtime')], () => undefined]);
define('lutimes', ([path, at, mt]) => ['lutimes', [path, toUnixTimestamp(at, 'atime'), toUnixTimestamp(mt, 'mtime')], () => undefined]);
define('truncate', ([path, len = 0]) => {
  if (typeof len === 'function') len = 0;
  validateInteger(len, 'len');
  if (typeof path === 'number') return ['ftruncate', [getFd(path), Math.max(0, len)], () => undefined];
  return ['truncate', [path, Math.max(0, len)], () => undefined];
});
define('ftruncate', ([fd, len = 0]) => {
  if (typeof len === 'function') len = 0;
  validateInteger(len, 'len');
  return ['ftruncate', [getFd(fd), Math.max(0, len)], () => undefined];
}, { promise: false });
define('fchmod', ([fd, mode]) => ['fchmod', [getFd(fd), parseFileMode(mode, 'mode')], () => undefined], { promise: false });
define('fchown', ([fd, uid, gid]) => ['fchown', ids([getFd(fd), uid, gid]), () => undefined], { promise: false });
define('futimes', ([fd, at, mt]) => ['futimes', [getFd(fd), toUnixTimestamp(at, 'atime'), toUnixTimestamp(mt, 'mtime')], () => undefined], { promise: false });
define('fsync', ([fd]) => ['fsync', [getFd(fd)], () => undefined], { promise: false });
define('fdatasync', ([fd]) => ['fdatasync', [getFd(fd)], () => undefined], { promise: false });
define('open', ([path, flags, mode]) => {
  if (typeof flags === 'function') flags = undefined;
  if (typeof mode === 'function') mode = undefined;
  return ['open', [path, stringToFlags(flags), parseFileMode(mode, 'mode', 0o666)], null];
}, { promise: false });
define('close', ([fd]) => ['close', [getFd(fd)], () => undefined], { promise: false });
fs.close = function close(fd, cb = () => {}) {
  validateFunction(cb, 'cb');
  binding.close('fs.close', (err) => cb(err || null), getFd(fd));
};

// read(fd, buffer, offset, length, position) and its options forms.
function readArgs([fd, buffer, offsetOrOptions, length, pos]) {
  getFd(fd);
  let offset = offsetOrOptions;
  if (!isUint8(buffer)) {
    const o = buffer || {};
    buffer = o.buffer || Buffer.alloc(16384);
    offset = o.offset || 0;
    length = o.length !== undefined ? o.length : buffer.byteLength - offset;
    pos = o.position;
  } else if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
    const o = offsetOrOptions;
    offset = o.offset || 0;
    length = o.length !== undefined ? o.length : buffer.byteLength - offset;
    pos = o.position;
  } else {
    if (offset === undefined) offset = 0;
    if (length === undefined) length = buffer.byteLength - offset;
  }
  validateInteger(offset, 'offset', 0);
  validateInteger(length, 'length', 0);
  if (offset + length > buffer.byteLength) throw new codes.ERR_OUT_OF_RANGE('length', `<= ${buffer.byteLength - offset}`, length);
  return [fd, buffer, offset, length, position(pos)];
}
define('read', (args, form) => {
  if (form === 'callback' && args.length === 1) args = [args[0], {}];
  const a = readArgs(args);
  return ['read', a, (n) => (form === 'callback' ? [n, a[1]] : n)];
}, { promise: false, cbSpread: true });

function stdio(fd) { return fd === 1 ? process.stdout : fd === 2 ? process.stderr : null; }
function writeArgs([fd, buffer, offsetOrOptions, length, pos]) {
  getFd(fd);
  if (isUint8(buffer)) {
    let offset = offsetOrOptions;
    if (offset !== null && typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position: pos = null } = offset);
    }
    if (offset == null) offset = 0;
    if (length == null) length = buffer.byteLength - offset;
    validateInteger(offset, 'offset', 0);
    validateInteger(length, 'length', 0, buffer.byteLength - offset);
    return [[fd, buffer, offset, length, position(pos)], buffer];
  }
  if (typeof buffer !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  // write(fd, string[, position[, encoding]])
  const bytes = Buffer.from(buffer, typeof length === 'string' ? length : 'utf8');
  return [[fd, bytes, 0, bytes.length, position(offsetOrOptions)], buffer];
}
function stdioWrite(a) {
  const s = stdio(a[0]);
  if (!s) return -1;
  s.write(Buffer.from(a[1].buffer, a[1].byteOffset + a[2], a[3]));
  return a[3];
}
define('write', (args, form) => {
  const [a, original] = writeArgs(args);
  return ['write', a, (n) => (form === 'callback' ? [n, original] : n)];
}, { promise: false, cbSpread: true });
{
  const writeSync = fs.writeSync;
  fs.writeSync = function writeSync_(...args) {
    const [a] = writeArgs(args);
    const n = stdioWrite(a);
    return n >= 0 ? n : writeSync(...args);
  };
  Object.defineProperty(fs.writeSync, 'name', { value: 'writeSync' });
}
define('readv', ([fd, buffers, pos]) => ['readv', [getFd(fd), buffers, position(typeof pos === 'number' ? pos : null)], null], { promise: false });
define('writev', ([fd, buffers, pos]) => ['writev', [getFd(fd), buffers, position(typeof pos === 'number' ? pos : null)], null], { promise: false });
for (const name of ['read', 'readv', 'writev']) {
  // Node passes the buffer(s) back to the callback after the count.
  if (name === 'read') continue;
  const plain = fs[name];
  fs[name] = function (fd, buffers, ...rest) {
    const cb = callbackOf(rest.length ? rest : [undefined]);
    return plain(fd, buffers, ...rest.slice(0, -1), (err, n) => (err ? cb(err) : cb(null, n, buffers)));
  };
  Object.defineProperty(fs[name], 'name', { value: name });
}

// exists/existsSync never throw for a missing file; a denial is still a denial.
fs.existsSync = function existsSync(path) {
  try {
    binding.access('fs.existsSync', undefined, path, F_OK);
    return true;
  } catch (e) {
    if (e && e.code === 'ERR_PKGBOX_DENIED') throw e;
    return false;
  }
};
fs.exists = function exists(path, cb) {
  validateFunction(cb, 'cb');
  try {
    binding.access('fs.exists', (err) => cb(!err), path, F_OK);
  } catch (e) {
    process.nextTick(cb, false);
  }
};

fs.realpathSync.native = fs.realpathSync;
fs.realpath.native = function realpath(path, options, cb) { return fs.realpath(path, options, cb); };

// ---- Dir
class Dir {
  #handle;
  #path;
  #closed = false;
  constructor(handle, path) { this.#handle = handle; this.#path = path; }
  get path() { return this.#path; }
  #dirent(e) { return e === null ? null : new Dirent(e[0], e[1], this.#path); }
  readSync() { return this.#dirent(this.#handle.read()); }
  read(cb) {
    if (cb === undefined) return new Promise((res, rej) => this.read((e, d) => (e ? rej(e) : res(d))));
    validateFunction(cb, 'callback');
    this.#handle.read((err, e) => (err ? cb(err) : cb(null, this.#dirent(e))));
  }
  closeSync() { this.#closed = true; this.#handle.close(); }
  close(cb) {
    if (cb === undefined) return new Promise((res, rej) => this.close((e) => (e ? rej(e) : res())));
    validateFunction(cb, 'callback');
    this.#closed = true;
    this.#handle.close((err) => cb(err || null));
  }
  entries() { return this[Symbol.asyncIterator](); }
  [Symbol.asyncIterator]() {
    const dir = this;
    return {
      next() {
        return dir.read().then((d) => {
          if (d === null) return dir.close().then(() => ({ value: undefined, done: true }));
          return { value: d, done: false };
        });
      },
      return() { return dir.close().then(() => ({ value: undefined, done: true }), () => ({ value: undefined, done: true })); },
      [Symbol.asyncIterator]() { return this; },
    };
  }
}
define('opendir', ([path, options]) => {
  getOptions(options, {});
  return ['opendir', [path], (h) => new Dir(h, pathString(path))];
});

// ---- watch, watchFile: polling the one path the gate allowed
const watchInterval = 100;
class FSWatcher extends EventEmitter {
  #timer = null;
  #poll;
  #last;
  #name;
  constructor(poll, filename, persistent) {
    super();
    this.#poll = poll;
    this.#name = pathMod.basename(filename);
    this.#last = poll();
    this.#timer = setInterval(() => this.#check(), watchInterval);
    if (!persistent && this.#timer.unref) this.#timer.unref();
  }
  #check() {
    const now = this.#poll();
    const before = this.#last;
    this.#last = now;
    if ((before === null) !== (now === null)) return this.emit('change', 'rename', this.#name);
    if (now === null) return;
    const [bs, bn] = before;
    const [ns, nn] = now;
    if (bn.length || nn.length) {
      const old = new Map(bn.map(([n, m]) => [n, m]));
      const cur = new Map(nn.map(([n, m]) => [n, m]));
      for (const [n, m] of cur) {
        if (!old.has(n)) this.emit('change', 'rename', n);
        else if (old.get(n) !== m) this.emit('change', 'change', n);
      }
      for (const n of old.keys()) if (!cur.has(n)) this.emit('change', 'rename', n);
      return;
    }
    if (bs[12] !== ns[12] || bs[13] !== ns[13] || bs[8] !== ns[8]) this.emit('change', 'change', this.#name);
  }
  close() {
    if (this.#timer === null) return;
    clearInterval(this.#timer);
    this.#timer = null;
    process.nextTick(() => this.emit('close'));
  }
  ref() { if (this.#timer && this.#timer.ref) this.#timer.ref(); return this; }
  unref() { if (this.#timer && this.#timer.unref) this.#timer.unref(); return this; }
}
fs.watch = function watch(filename, options, listener) {
  if (typeof options === 'function') { listener = options; options = undefined; }
  const o = getOptions(options, { persistent: true, recursive: false });
  const poll = binding.watcher('fs.watch', undefined, filename);
  const w = new FSWatcher(poll, pathString(filename), o.persistent !== false);
  if (listener) w.on('change', listener);
  return w;
};

const statWatchers = new Map();
const zeroStats = () => makeStats(new Array(18).fill(0), false);
class StatWatcher extends EventEmitter {
  #timer;
  constructor(poll, interval, persistent) {
    super();
    let last = poll();
    this.#timer = setInterval(() => {
      const now = poll();
      const changed = (last === null) !== (now === null) || (now !== null &&
        (now[0][12] !== last[0][12] || now[0][13] !== last[0][13] || now[0][8] !== last[0][8] || now[0][14] !== last[0][14]));
      if (changed) {
        const prev = last === null ? zeroStats() : makeStats(last[0], false);
        last = now;
        this.emit('change', now === null ? zeroStats() : makeStats(now[0], false), prev);
      }
    }, interval);
    if (!persistent && this.#timer.unref) this.#timer.unref();
  }
  stop() { clearInterval(this.#timer); this.emit('stop'); }
  ref() { if (this.#timer.ref) this.#timer.ref(); return this; }
  unref() { if (this.#timer.unref) this.#timer.unref(); return this; }
}
fs.watchFile = function watchFile(filename, options, listener) {
  if (typeof options === 'function') { listener = options; options = undefined; }
  validateFunction(listener, 'listener');
  const o = { interval: 5007, persistent: true, ...(options || {}) };
  const key = pathMod.resolve(pathString(filename));
  let w = statWatchers.get(key);
  if (!w) {
    const poll = binding.watcher('fs.watchFile', undefined, filename);
    w = new StatWatcher(poll, o.interval, o.persistent);
    statWatchers.set(key, w);
  }
  w.on('change', listener);
  return w;
};
fs.unwatchFile = function unwatchFile(filename, listener) {
  const key = pathMod.resolve(pathString(filename));
  const w = statWatchers.get(key);
  if (!w) return;
  if (typeof listener === 'function') w.removeListener('change', listener);
  else w.removeAllListeners('change');
  if (w.listenerCount('change') === 0) {
    w.stop();
    statWatchers.delete(key);
  }
};

// ---- streams
const kApi = Symbol('api');
function streamFd(fd) { return isFileHandle(fd) ? fd.fd : fd; }

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  const o = getOptions(options, {});
  Readable.call(this, { highWaterMark: o.highWaterMark || 64 * 1024, encoding: o.encoding || null, emitClose: o.emitClose !== false, autoDestroy: o.autoClose !== false, signal: o.signal });
  this[kApi] = o[kApi] || 'fs.createReadStream';
  this.path = o.fd == null ? pathString(path) : undefined;
  this.rawPath = path;
  this.fd = o.fd == null ? null : streamFd(o.fd);
  this.flags = o.flags === undefined ? 'r' : o.flags;
  this.mode = o.mode === undefined ? 0o666 : o.mode;
  this.start = o.start;
  this.end = o.end === undefined ? Infinity : o.end;
  this.pos = o.start;
  this.bytesRead = 0;
  this.autoClose = o.autoClose !== false;
  if (this.start !== undefined) validateInteger(this.start, 'start', 0);
  if (this.end !== Infinity) validateInteger(this.end, 'end', 0);
  if (this.start !== undefined && this.start > this.end) {
    throw new codes.ERR_OUT_OF_RANGE('start', `<= "end" (here: ${this.end})`, this.start);
  }
  if (this.fd === null) {
    // The gate is passed now, as Node's createReadStream opens at once (errors arrive as 'error').
    try {
      binding.open(this[kApi], (err, fd) => {
        if (err) return this.destroy(err);
        this.fd = fd;
        this.emit('open', fd);
        this.emit('ready');
        if (this._pendingRead) { const n = this._pendingRead; this._pendingRead = 0; this._read(n); }
      }, this.rawPath, stringToFlags(this.flags), parseFileMode(this.mode, 'mode', 0o666));
    } catch (e) {
      process.nextTick(() => this.destroy(e));
    }
  }
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);
Object.defineProperty(ReadStream.prototype, 'pending', { get() { return this.fd === null; }, configurable: true });
ReadStream.prototype._read = function (n) {
  if (this.fd === null) { this._pendingRead = n; return; }
  let toRead = n;
  if (this.end !== Infinity) toRead = Math.min(this.end - (this.pos !== undefined ? this.pos : this.bytesRead) + 1, n);
  if (toRead <= 0) return this.push(null);
  const buf = Buffer.allocUnsafe(toRead);
  const pos = this.pos === undefined ? -1 : this.pos;
  binding.read(this[kApi], (err, got) => {
    if (err) return this.destroy(err);
    if (got === 0) return this.push(null);
    if (this.pos !== undefined) this.pos += got;
    this.bytesRead += got;
    this.push(got === toRead ? buf : buf.subarray(0, got));
  }, this.fd, buf, 0, toRead, pos);
};
ReadStream.prototype._destroy = function (err, cb) {
  if (this.fd !== null && this.autoClose) {
    const fd = this.fd;
    this.fd = null;
    binding.close('fs.close', (e) => cb(err || e), fd);
  } else cb(err);
};
ReadStream.prototype.close = function (cb) {
  if (typeof cb === 'function') require('stream').finished(this, cb);
  this.destroy();
};

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  const o = getOptions(options, {});
  Writable.call(this, { highWaterMark: o.highWaterMark, decodeStrings: true, emitClose: o.emitClose !== false, autoDestroy: o.autoClose !== false, signal: o.signal });
  this[kApi] = o[kApi] || 'fs.createWriteStream';
  this.path = o.fd == null ? pathString(path) : undefined;
  this.rawPath = path;
  this.fd = o.fd == null ? null : streamFd(o.fd);
  this.flags = o.flags === undefined ? 'w' : o.flags;
  this.mode = o.mode === undefined ? 0o666 : o.mode;
  this.start = o.start;
  this.pos = o.start;
  this.bytesWritten = 0;
  this.autoClose = o.autoClose !== false;
  if (o.encoding) this.setDefaultEncoding(o.encoding);
  if (this.fd === null) {
    try {
      binding.open(this[kApi], (err, fd) => {
        if (err) return this.destroy(err);
        this.fd = fd;
        this.emit('open', fd);
        this.emit('ready');
        if (this._pendingWrite) { const w = this._pendingWrite; this._pendingWrite = null; w(); }
      }, this.rawPath, stringToFlags(this.flags), parseFileMode(this.mode, 'mode', 0o666));
    } catch (e) {
      process.nextTick(() => this.destroy(e));
    }
  }
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);
Object.defineProperty(WriteStream.prototype, 'pending', { get() { return this.fd === null; }, configurable: true });
WriteStream.prototype._write = function (chunk, encoding, cb) {
  if (this.fd === null) { this._pendingWrite = () => this._write(chunk, encoding, cb); return; }
  const pos = this.pos === undefined ? -1 : this.pos;
  binding.write(this[kApi], (err, n) => {
    if (err) return cb(err);
    this.bytesWritten += n;
    if (this.pos !== undefined) this.pos += n;
    cb();
  }, this.fd, chunk, 0, chunk.length, pos);
};
WriteStream.prototype._destroy = ReadStream.prototype._destroy;
WriteStream.prototype.close = function (cb) {
  if (cb) {
    if (this.closed) { process.nextTick(cb); return; }
    this.on('close', cb);
  }
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};
WriteStream.prototype.destroySoon = WriteStream.prototype.end;

fs.ReadStream = ReadStream;
fs.WriteStream = WriteStream;
fs.FileReadStream = ReadStream;
fs.FileWriteStream = WriteStream;
fs.createReadStream = function createReadStream(path, options) { return new ReadStream(path, options); };
fs.createWriteStream = function createWriteStream(path, options) { return new WriteStream(path, options); };

// ---- fs/promises: FileHandle
const kFd = Symbol('fd');
class FileHandle extends EventEmitter {
  constructor(fd) { super(); this[kFd] = fd; }
  get fd() { return this[kFd]; }
  #call(method, op, args, post) {
    return new Promise((resolve, reject) => {
      if (this[kFd] === -1) {
        const e = new Error('file closed');
        e.code = 'EBADF'; e.syscall = method.toLowerCase();
        return reject(e);
      }
      binding[op](`FileHandle.${method}`, (err, r) => (err ? reject(err) : resolve(post ? post(r) : r)), this[kFd], ...args);
    });
  }
  getAsyncId() { return this[kFd]; }
  close() {
    if (this[kFd] === -1) return Promise.resolve();
    const fd = this[kFd];
    this[kFd] = -1;
    return new Promise((resolve, reject) => binding.close('FileHandle.close', (err) => {
      if (err) return reject(err);
      this.emit('close');
      resolve();
    }, fd));
  }
  read(buffer, offset, length, pos) {
    const a = readArgs([this[kFd], buffer === undefined ? {} : buffer, offset, length, pos]);
    return this.#call('read', 'read', a.slice(1), (n) => ({ bytesRead: n, buffer: a[1] }));
  }
  readv(buffers, pos) { return this.#call('readv', 'readv', [buffers, position(pos)], (n) => ({ bytesRead: n, buffers })); }
  write(buffer, ...rest) {
    const [a, original] = writeArgs([this[kFd], buffer, ...rest]);
    return this.#call('write', 'write', a.slice(1), (n) => ({ bytesWritten: n, buffer: original }));
  }
  writev(buffers, pos) { return this.#call('writev', 'writev', [buffers, position(pos)], (n) => ({ bytesWritten: n, buffers })); }
  readFile(options) {
    const o = getOptions(options, { encoding: null });
    return this.#call('readFile', 'readFile', [0], (buf) => (o.encoding && o.encoding !== 'buffer' ? buf.toString(o.encoding) : buf));
  }
  writeFile(data, options) {
    const o = getOptions(options, { encoding: 'utf8' });
    return this.#call('writeFile', 'writeFile', [dataBytes(data, o.encoding), 0, 0], () => undefined);
  }
  appendFile(data, options) {
    const o = getOptions(options, { encoding: 'utf8' });
    return this.#call('appendFile', 'writeFile', [dataBytes(data, o.encoding), 0, 0], () => undefined);
  }
  stat(options) {
    const o = getOptions(options, { bigint: false });
    return this.#call('stat', 'fstat', [!!o.bigint], (r) => makeStats(r, o.bigint));
  }
  truncate(len = 0) { return this.#call('truncate', 'ftruncate', [Math.max(0, len)], () => undefined); }
  sync() { return this.#call('sync', 'fsync', [], () => undefined); }
  datasync() { return this.#call('datasync', 'fdatasync', [], () => undefined); }
  chmod(mode) { return this.#call('chmod', 'fchmod', [parseFileMode(mode, 'mode')], () => undefined); }
  chown(uid, gid) { return this.#call('chown', 'fchown', ids([0, uid, gid]).slice(1), () => undefined); }
  utimes(at, mt) { return this.#call('utimes', 'futimes', [toUnixTimestamp(at, 'atime'), toUnixTimestamp(mt, 'mtime')], () => undefined); }
  createReadStream(options) { return new ReadStream(undefined, { ...options, fd: this, [kApi]: 'FileHandle.createReadStream' }); }
  createWriteStream(options) { return new WriteStream(undefined, { ...options, fd: this, [kApi]: 'FileHandle.createWriteStream' }); }
}

promises.open = function open(path, flags, mode) {
  return new Promise((resolve, reject) => {
    binding.open('fs.promises.open', (err, fd) => (err ? reject(err) : resolve(new FileHandle(fd))),
      path, stringToFlags(flags), parseFileMode(mode, 'mode', 0o666));
  });
};
promises.lchmod = function lchmod() { return Promise.reject(new codes.ERR_METHOD_NOT_IMPLEMENTED('lchmod()')); };
promises.watch = function watch(filename, options = {}) {
  const w = fs.watch(filename, options);
  const queue = [];
  const waiting = [];
  w.on('change', (eventType, name) => {
    const v = { value: { eventType, filename: name }, done: false };
    if (waiting.length) waiting.shift()(v); else queue.push(v);
  });
  return {
    next() { return queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiting.push(r)); },
    return() { w.close(); for (const r of waiting.splice(0)) r({ value: undefined, done: true }); return Promise.resolve({ value: undefined, done: true }); },
    [Symbol.asyncIterator]() { return this; },
  };
};
promises.constants = constants;

Object.assign(fs, {
  constants, Stats, Dirent, Dir, StatFs,
  F_OK: constants.F_OK, R_OK: constants.R_OK, W_OK: constants.W_OK, X_OK: constants.X_OK,
  _toUnixTimestamp: toUnixTimestamp,
});
Object.defineProperty(fs, 'promises', { enumerable: true, configurable: true, get() { return promises; } });
