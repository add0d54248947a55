'use strict';
// Node's net module over pkgbox's Go sockets. The Go binding does the I/O on its own goroutines,
// passes the gate (net.connect / net.listen) and holds the event loop while a handle is ref'd.
// Socket is a stream.Duplex with Node's surface; Server an EventEmitter. tls.js and http.js build
// on the pieces exported as `internals`, which only builtins can reach.
const EventEmitter = require('events');
const stream = require('stream');
const { codes, errnoNames } = require('internal/errors');

const handles = new WeakMap(); // Socket/Server -> Go handle
const apis = new WeakMap(); // Socket -> API name for the gate, set by http/tls before connect
const tlsOptions = new WeakMap(); // Socket -> tls options for a TLS connect

// Node error codes internal/errors does not define yet.
function nodeError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  Object.defineProperty(err, 'toString', {
    value() { return `${this.name} [${code}]: ${this.message}`; }, enumerable: false, writable: true, configurable: true,
  });
  return err;
}
const socketClosed = () => nodeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed');

function makeError(info, fallbackSyscall) {
  if (info && info.error) return info.error; // a denial from the gate, already a Node-style error
  let code = info.code;
  if (!code && info.errno !== undefined) {
    const e = errnoNames[String(info.errno)];
    code = e ? e[0] : 'UNKNOWN';
  }
  const syscall = info.syscall || fallbackSyscall;
  let message;
  if (info.message && info.errno === undefined) {
    message = info.message;
  } else {
    message = `${syscall} ${code}`;
    if (info.hostname) message += ` ${info.hostname}`;
    else if (info.address) message += ` ${info.address}${info.port ? ':' + info.port : ''}`;
  }
  const err = new Error(message);
  if (info.errno !== undefined) err.errno = info.errno;
  err.code = code;
  if (info.errno !== undefined || info.hostname) err.syscall = syscall;
  if (info.address !== undefined) err.address = info.address;
  if (info.port !== undefined) err.port = info.port;
  if (info.hostname !== undefined) err.hostname = info.hostname;
  return err;
}

function isIP(s) { return binding.isIP(String(s)); }
function isIPv4(s) { return isIP(s) === 4; }
function isIPv6(s) { return isIP(s) === 6; }

function toNumber(x) { return (x = Number(x)) >= 0 ? x : false; }
function isPipeName(s) { return typeof s === 'string' && toNumber(s) === false; }

function validatePort(port, name = 'Port', allowZero = true) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim().length === 0) ||
      +port !== (+port >>> 0) || port > 0xFFFF || (port === 0 && !allowZero)) {
    throw new codes.ERR_SOCKET_BAD_PORT(name, port, allowZero);
  }
  return port | 0;
}

function normalizeArgs(args) {
  if (args.length === 0) return [{}, null];
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

const kTimer = Symbol('kTimer');

class Socket extends stream.Duplex {
  constructor(options) {
    if (typeof options === 'number') options = { fd: options };
    options = { ...(options || {}) };
    const allowHalfOpen = Boolean(options.allowHalfOpen);
    super({
      ...options, allowHalfOpen, emitClose: false, autoDestroy: true, decodeStrings: false,
      readableHighWaterMark: options.readableHighWaterMark, writableHighWaterMark: options.writableHighWaterMark,
    });
    this.connecting = false;
    this._hadError = false;
    this._host = null;
    this._peername = null;
    this._sockname = null;
    this._pendingRead = false;
    this.bytesRead = 0;
    this._bytesDispatched = 0;
    this.server = null;
    this._server = null;
    this.timeout = 0;
    this[kTimer] = null;
    if (options.signal) {
      const signal = options.signal;
      const onAbort = () => this.destroy(signal.reason);
      if (signal.aborted) process.nextTick(onAbort);
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    this.on('end', onReadableEnd);
  }

  get _handle() { return handles.get(this) || null; }
  get pending() { return !handles.has(this) || this.connecting; }
  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  }
  get bufferSize() { return handles.has(this) ? this.writableLength : undefined; }
  get bytesWritten() { return this._bytesDispatched + this.writableLength; }
  get remoteAddress() { return this._peername ? this._peername.address : undefined; }
  get remotePort() { return this._peername ? this._peername.port : undefined; }
  get remoteFamily() { return this._peername ? this._peername.family : undefined; }
  get localAddress() { return this._sockname ? this._sockname.address : undefined; }
  get localPort() { return this._sockname ? this._sockname.port : undefined; }
  get localFamily() { return this._sockname ? this._sockname.family : undefined; }
  address() { return this._sockname ? { ...this._sockname } : {}; }

  connect(...args) {
    let [options, cb] = Array.isArray(args[0]) && args.length === 1 ? args[0] : normalizeArgs(args);
    if (this.destroyed) {
      this._undestroy();
      handles.delete(this);
      this._peername = this._sockname = null;
    }
    if (cb) this.once('connect', cb);
    const api = apis.get(this) || 'net.Socket.connect';
    const req = {};
    if (options.path) {
      if (typeof options.path !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('options.path', 'string', options.path);
      req.path = options.path;
    } else {
      if (options.port === undefined || options.port === null) throw new codes.ERR_MISSING_ARGS('options', 'port', 'path');
      req.port = validatePort(options.port);
      const host = options.host === undefined || options.host === null ? 'localhost' : options.host;
      if (typeof host !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('options.host', 'string', host);
      req.host = host;
      this._host = host;
      if (options.family) req.family = Number(options.family) || (options.family === 'IPv6' ? 6 : 4);
    }
    const tls = tlsOptions.get(this);
    if (tls) req.tls = tls;
    if (options.timeout) this.setTimeout(options.timeout);
    this.connecting = true;
    const handle = binding.connect(req, api);
    handles.set(this, handle);
    wireHandle(this, handle);
    handle.onconnect = (err, info) => {
      if (handles.get(this) !== handle) return;
      this.connecting = false;
      if (err) {
        this.destroy(makeError(err, 'connect'));
        return;
      }
      setNames(this, info);
      this._unrefTimer();
      if (options.noDelay) handle.setNoDelay(true);
      if (options.keepAlive) handle.setKeepAlive(true, options.keepAliveInitialDelay || 0);
      if (this._connectInfo) this._connectInfo(info);
      this.emit('connect');
      this.emit('ready');
      if (this._pendingRead || (this.readable && !this.isPaused())) handle.readStart();
    };
    return this;
  }

  _read() {
    const handle = handles.get(this);
    if (!handle || this.connecting) {
      this._pendingRead = true;
      return;
    }
    handle.readStart();
  }

  _write(chunk, encoding, cb) { this._writeGeneric([{ chunk, encoding }], cb); }
  _writev(chunks, cb) { this._writeGeneric(chunks, cb); }

  _writeGeneric(chunks, cb) {
    if (this.connecting) {
      const onConnect = () => { this.off('close', onClose); this._writeGeneric(chunks, cb); };
      const onClose = () => { this.off('connect', onConnect); cb(socketClosed()); };
      this.once('connect', onConnect);
      this.once('close', onClose);
      return;
    }
    const handle = handles.get(this);
    if (!handle) return cb(socketClosed());
    // Strings go to Go as they are (it encodes utf8 and latin1; other encodings are converted
    // here), and several chunks as one [data, encoding, ...] array written at once.
    let n;
    const done = (err, bytes) => {
      if (err) return cb(makeError(err, 'write'));
      this._bytesDispatched += bytes;
      this._unrefTimer();
      cb();
    };
    this._unrefTimer();
    if (chunks.length === 1) {
      const { chunk, encoding } = chunks[0];
      n = handle.write(wireChunk(chunk, encoding), encoding, done);
    } else {
      const list = [];
      for (let i = 0; i < chunks.length; i++) {
        const { chunk, encoding } = chunks[i];
        if (chunk.length) list.push(wireChunk(chunk, encoding), encoding);
      }
      n = list.length === 2 ? handle.write(list[0], list[1], done) : handle.write(list, null, done);
    }
    // A write the kernel took at once completes now, as in Node (the stream defers its own
    // callbacks to the next tick).
    if (n >= 0) done(null, n);
  }

  _final(cb) {
    if (this.connecting) {
      this.once('connect', () => this._final(cb));
      return;
    }
    const handle = handles.get(this);
    if (!handle) return cb();
    handle.shutdown(() => cb());
  }

  _destroy(err, cb) {
    this.connecting = false;
    this._clearTimer();
    const handle = handles.get(this);
    if (handle) {
      handle.close();
      handles.delete(this);
    }
    if (err) this._hadError = true;
    cb(err);
    const hadError = this._hadError;
    process.nextTick(() => this.emit('close', hadError));
    const server = this._server;
    if (server) {
      server._connections--;
      if (server._emitCloseIfDrained) server._emitCloseIfDrained();
    }
  }

  destroySoon() {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', this.destroy);
  }

  resetAndDestroy() { return this.destroy(); }

  setTimeout(ms, cb) {
    this.timeout = ms;
    this._clearTimer();
    if (ms === 0) {
      if (cb) this.removeListener('timeout', cb);
    } else {
      if (cb) this.once('timeout', cb);
      this._unrefTimer();
    }
    return this;
  }

  _clearTimer() {
    if (this[kTimer]) {
      clearTimeout(this[kTimer]);
      this[kTimer] = null;
    }
  }

  // _unrefTimer restarts the idle timer (Node's name for it).
  _unrefTimer() {
    if (!this.timeout || this.destroyed) return;
    this._clearTimer();
    const t = setTimeout(() => { this[kTimer] = null; this.emit('timeout'); }, this.timeout);
    if (t && typeof t.unref === 'function') t.unref();
    this[kTimer] = t;
  }

  setNoDelay(enable) {
    const handle = handles.get(this);
    if (handle) handle.setNoDelay(enable === undefined ? true : !!enable);
    return this;
  }

  setKeepAlive(enable, delay) {
    const handle = handles.get(this);
    if (handle) handle.setKeepAlive(!!enable, ~~(delay / 1000));
    return this;
  }

  ref() {
    const handle = handles.get(this);
    if (handle) handle.ref();
    else this.once('connect', () => this.ref());
    return this;
  }

  unref() {
    const handle = handles.get(this);
    if (handle) handle.unref();
    else this.once('connect', () => this.unref());
    return this;
  }

  pause() {
    const handle = handles.get(this);
    if (handle && !this.connecting) handle.readStop();
    return super.pause();
  }

  resume() {
    const handle = handles.get(this);
    if (handle && !this.connecting && !this._readableState.ended) handle.readStart();
    return super.resume();
  }
}

// wireChunk leaves bytes and the strings Go encodes itself (utf8, latin1) as they are.
function wireChunk(chunk, encoding) {
  if (typeof chunk !== 'string') return chunk;
  switch (encoding) {
    case 'utf8': case 'utf-8': case 'latin1': case 'binary': case 'ascii': case undefined: case null: case 'buffer':
      return chunk;
  }
  return Buffer.from(chunk, encoding);
}

function onReadableEnd() {
  // Node: a socket whose peer ended and that does not allow half-open ends its side too.
  if (!this.allowHalfOpen && this.writable && !this.writableEnded) this.end();
}

function setNames(socket, info) {
  if (!info) return;
  socket._peername = info.remotePort === undefined || info.remotePort === 0 && !info.remoteAddress
    ? {} : { address: info.remoteAddress, family: info.remoteFamily, port: info.remotePort };
  socket._sockname = { address: info.localAddress, family: info.localFamily, port: info.localPort };
}

// wireHandle connects the Go handle's events to the stream.
function wireHandle(socket, handle) {
  handle.ondata = streamData(socket, handle);
  handle.onend = () => {
    if (handles.get(socket) !== handle) return;
    handle.readStop();
    socket.push(null);
    socket.read(0);
  };
  handle.onerror = (info) => {
    if (handles.get(socket) !== handle) return;
    socket.destroy(makeError(info, 'read'));
  };
}

function streamData(socket, handle) {
  return (buf) => {
    if (handles.get(socket) !== handle) return;
    socket.bytesRead += buf.length;
    socket._unrefTimer();
    if (!socket.push(buf)) handle.readStop();
  };
}

// consume sends what the socket reads straight to fn instead of through its Readable side, as
// Node's HTTP server does with parser.consume(socket._handle): a 'data' event per chunk costs more
// than the parsing. The end of the stream and errors still reach the socket. unconsume gives the
// data back to the stream (for an upgrade, or when package code listens for 'data' itself).
function consume(socket, fn) {
  const handle = handles.get(socket);
  if (!handle || socket.connecting) return false;
  handle.ondata = (buf) => {
    if (handles.get(socket) !== handle) return;
    socket.bytesRead += buf.length;
    socket._unrefTimer();
    fn(buf);
  };
  if (!socket.isPaused()) handle.readStart();
  return true;
}

function unconsume(socket) {
  const handle = handles.get(socket);
  if (handle) handle.ondata = streamData(socket, handle);
}

// attach gives a Socket an accepted connection.
function attach(socket, handle, info) {
  handles.set(socket, handle);
  wireHandle(socket, handle);
  setNames(socket, info);
  if (socket._connectInfo) socket._connectInfo(info);
  socket.read(0);
}

class Server extends EventEmitter {
  constructor(options, connectionListener) {
    super();
    if (typeof options === 'function') {
      connectionListener = options;
      options = {};
    }
    options = options || {};
    if (connectionListener) this.on('connection', connectionListener);
    this._connections = 0;
    this._handle = null;
    this._usingWorkers = false;
    this._unref = false;
    this.allowHalfOpen = Boolean(options.allowHalfOpen);
    this.pauseOnConnect = Boolean(options.pauseOnConnect);
    this.noDelay = Boolean(options.noDelay);
    this.keepAlive = Boolean(options.keepAlive);
    this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
    this.maxConnections = undefined;
    this._pendingClose = [];
  }

  get listening() { return handles.has(this); }

  listen(...args) {
    let [options, cb] = normalizeArgs(args);
    if (typeof options.port === 'string' && !isPipeName(options.port)) options.port = Number(options.port);
    if (cb) this.once('listening', cb);
    if (handles.has(this)) throw nodeError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
    const req = {};
    if (options.path !== undefined) {
      req.path = String(options.path);
    } else {
      req.port = options.port === undefined || options.port === null ? 0 : validatePort(options.port, 'options.port');
      if (options.host !== undefined && options.host !== null) req.host = String(options.host);
      if (options.ipv6Only) req.ipv6Only = 1;
    }
    if (this._tlsOptions) req.tls = this._tlsOptions;
    let handle;
    try {
      handle = binding.listen(req, this._listenApi || 'net.Server.listen');
    } catch (info) {
      if (info instanceof Error) throw info;
      const err = makeError(info, 'listen');
      process.nextTick(() => this.emit('error', err));
      return this;
    }
    handles.set(this, handle);
    this._handle = handle;
    handle.onconnection = (h, info) => this._onConnection(h, info);
    handle.onerror = (info) => this.emit('error', makeError(info, 'accept'));
    handle.ontlserror = (info) => this.emit('tlsClientError', makeError(info, 'handshake'));
    if (this._unref) handle.unref();
    handle.start();
    process.nextTick(() => { if (handles.get(this) === handle) this.emit('listening'); });
    return this;
  }

  _onConnection(h, info) {
    if (this.maxConnections !== undefined && this._connections >= this.maxConnections) {
      h.close();
      return;
    }
    const socket = this._makeSocket ? this._makeSocket() : new Socket({ allowHalfOpen: this.allowHalfOpen });
    socket.server = this;
    socket._server = this;
    this._connections++;
    attach(socket, h, info);
    if (this.noDelay) h.setNoDelay(true);
    if (this.keepAlive) h.setKeepAlive(true, this.keepAliveInitialDelay);
    if (this.pauseOnConnect) socket.pause();
    this.emit(this._connectionEvent || 'connection', socket);
  }

  address() {
    const handle = handles.get(this);
    if (!handle) return null;
    const a = handle.address;
    if (a.path !== undefined) return a.path;
    return { address: a.address, family: a.family, port: a.port };
  }

  close(cb) {
    const handle = handles.get(this);
    if (typeof cb === 'function') {
      if (!handle) {
        this.once('close', () => cb(nodeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.')));
      } else {
        this.once('close', cb);
      }
    }
    if (handle) {
      handle.close();
      handles.delete(this);
      this._handle = null;
    }
    this._emitCloseIfDrained();
    return this;
  }

  _emitCloseIfDrained() {
    if (handles.has(this) || this._connections > 0 || this._closeQueued) return;
    this._closeQueued = true;
    process.nextTick(() => { this._closeQueued = false; this.emit('close'); });
  }

  getConnections(cb) {
    process.nextTick(cb, null, this._connections);
    return this;
  }

  ref() {
    this._unref = false;
    const handle = handles.get(this);
    if (handle) handle.ref();
    return this;
  }

  unref() {
    this._unref = true;
    const handle = handles.get(this);
    if (handle) handle.unref();
    return this;
  }
}

if (Symbol.asyncDispose) {
  Server.prototype[Symbol.asyncDispose] = function () {
    return new Promise((resolve) => this.close(() => resolve()));
  };
}

function createServer(options, connectionListener) { return new Server(options, connectionListener); }

function connect(...args) {
  const [options, cb] = normalizeArgs(args);
  if (options.timeout) {
    // applied after construction, as Node does
  }
  const socket = new Socket(options);
  apis.set(socket, 'net.connect');
  return socket.connect(options, cb);
}

function createConnection(...args) {
  const [options, cb] = normalizeArgs(args);
  const socket = new Socket(options);
  apis.set(socket, 'net.createConnection');
  return socket.connect(options, cb);
}

class BlockList {
  constructor() { this.rules = []; }
  addAddress(address) { this.rules.push(String(address)); }
  check(address) { return this.rules.includes(String(address)); }
}

class SocketAddress {
  constructor(options = {}) {
    this.address = options.address || (options.family === 'ipv6' ? '::' : '127.0.0.1');
    this.port = options.port || 0;
    this.family = options.family || 'ipv4';
    this.flowlabel = options.flowlabel || 0;
  }
}

let autoSelectFamily = true;
let autoSelectFamilyAttemptTimeout = 250;

const net = {
  BlockList,
  SocketAddress,
  Server,
  Socket,
  Stream: Socket,
  connect,
  createConnection,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  getDefaultAutoSelectFamily: () => autoSelectFamily,
  setDefaultAutoSelectFamily: (v) => { autoSelectFamily = !!v; },
  getDefaultAutoSelectFamilyAttemptTimeout: () => autoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout: (v) => { autoSelectFamilyAttemptTimeout = Math.max(10, v | 0); },
  _normalizeArgs: normalizeArgs,
};

// Only builtins can require this module; `internals` never reaches package code.
module.exports = {
  net,
  internals: {
    setApi: (socket, api) => apis.set(socket, api),
    setTls: (socket, opts) => tlsOptions.set(socket, opts),
    makeError,
    nodeError,
    attach,
    consume,
    unconsume,
    normalizeArgs,
    validatePort,
  },
};
