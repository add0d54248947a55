'use strict';
// Node's http and https modules in JavaScript over pkgbox's net sockets and a Go HTTP/1.1 parser
// (binding.newParser). IncomingMessage is a stream.Readable and OutgoingMessage a legacy Stream,
// with Node's prototypes, so frameworks that re-parent requests and responses
// (Object.setPrototypeOf(req, app.request)) keep working. Connections go through the same gate as
// net, under the API that made them (http.request, https.get, fetch, ...).
const EventEmitter = require('events');
const stream = require('stream');
const { net, internals } = require('internal/pkgbox/net');
const tls = require('tls');
const { URL, urlToHttpOptions } = require('url');
const { codes } = require('internal/errors');
const { nodeError, makeError } = internals;

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency',
  425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage',
  508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required',
};

const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH',
  'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND',
  'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND',
  'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

const tokenRe = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const invalidValueRe = /[^\t\x20-\x7e\x80-\xff]/;
const connCloseRe = /(?:^|\W)close(?:$|\W)/i;
const chunkedRe = /(?:^|\W)chunked(?:$|\W)/i;

function validateHeaderName(name, label = 'Header name') {
  if (typeof name !== 'string' || !name || !tokenRe.test(name)) {
    throw nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `${label} must be a valid HTTP token ["${name}"]`);
  }
}
function validateHeaderValue(name, value) {
  if (value === undefined) {
    throw nodeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`);
  }
  if (invalidValueRe.test(String(value))) {
    throw nodeError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
  }
}
const headersSentError = (what) => nodeError(Error, 'ERR_HTTP_HEADERS_SENT', `Cannot ${what} headers after they are sent to the client`);
const hangUp = () => { const e = new Error('socket hang up'); e.code = 'ECONNRESET'; return e; };

let dateCache;
function utcDate() {
  if (!dateCache) {
    dateCache = new Date().toUTCString();
    const t = setTimeout(() => { dateCache = undefined; }, 1000 - new Date().getMilliseconds());
    if (t && t.unref) t.unref();
  }
  return dateCache;
}

// byteLength is Buffer.byteLength, counted in Go for the encodings HTTP bodies use.
function byteLength(chunk, encoding) {
  if (typeof chunk !== 'string') return chunk.length;
  switch (encoding) {
    case undefined: case null: case 'utf8': case 'utf-8':
      return binding.utf8Length(chunk);
    case 'latin1': case 'binary': case 'ascii':
      return chunk.length;
  }
  return Buffer.byteLength(chunk, encoding);
}

// ---- IncomingMessage

const kHeaders = Symbol('kHeaders');
const kTrailers = Symbol('kTrailers');
const kOutHeaders = Symbol('kOutHeaders');

const discardDuplicates = new Set(['content-type', 'content-length', 'user-agent', 'referer', 'host',
  'authorization', 'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location',
  'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires']);

function addHeaderLine(dest, field, value, joinDuplicates) {
  const key = field.toLowerCase();
  if (!(key in dest)) {
    dest[key] = key === 'set-cookie' ? [value] : value;
  } else if (key === 'set-cookie') {
    dest[key].push(value);
  } else if (joinDuplicates || !discardDuplicates.has(key)) {
    dest[key] += (key === 'cookie' ? '; ' : ', ') + value;
  }
}

function headersFrom(raw, join) {
  const out = {};
  for (let i = 0; i + 1 < raw.length; i += 2) addHeaderLine(out, raw[i], raw[i + 1], join);
  return out;
}

class IncomingMessage extends stream.Readable {
  constructor(socket) {
    super({ highWaterMark: socket && socket.readableHighWaterMark });
    this._readableState.readingMore = true;
    this.socket = socket;
    this.httpVersionMajor = null;
    this.httpVersionMinor = null;
    this.httpVersion = null;
    this.complete = false;
    this.rawHeaders = [];
    this.rawTrailers = [];
    this.joinDuplicateHeaders = false;
    this.aborted = false;
    this.upgrade = null;
    this.url = '';
    this.method = null;
    this.statusCode = null;
    this.statusMessage = null;
    this[kHeaders] = null;
    this[kTrailers] = null;
    this._consuming = false;
    this._dumped = false;
  }
  get connection() { return this.socket; }
  set connection(v) { this.socket = v; }
  get headers() {
    if (!this[kHeaders]) this[kHeaders] = headersFrom(this.rawHeaders, this.joinDuplicateHeaders);
    return this[kHeaders];
  }
  set headers(v) { this[kHeaders] = v; }
  get headersDistinct() {
    const out = {};
    for (let i = 0; i + 1 < this.rawHeaders.length; i += 2) {
      const k = this.rawHeaders[i].toLowerCase();
      (out[k] = out[k] || []).push(this.rawHeaders[i + 1]);
    }
    return out;
  }
  get trailers() {
    if (!this[kTrailers]) this[kTrailers] = headersFrom(this.rawTrailers, this.joinDuplicateHeaders);
    return this[kTrailers];
  }
  set trailers(v) { this[kTrailers] = v; }
  setTimeout(ms, cb) {
    if (cb) this.on('timeout', cb);
    if (this.socket) this.socket.setTimeout(ms);
    return this;
  }
  _read() {
    if (!this._consuming) {
      this._readableState.readingMore = false;
      this._consuming = true;
    }
    const s = this.socket;
    if (s && s.readable && s.isPaused() && !this.complete) s.resume();
  }
  _dump() {
    if (!this._dumped) {
      this._dumped = true;
      this.removeAllListeners('data');
      this.resume();
    }
  }
  _destroy(err, cb) {
    if (!this.readableEnded || !this.complete) {
      this.aborted = true;
      this.emit('aborted');
    }
    if (this.socket && !this.socket.destroyed && !this.complete) {
      this.socket.destroy(err);
      const onClose = () => cb(err);
      this.socket.once('close', onClose);
      return;
    }
    cb(err);
  }
}

function fillIncoming(msg, info) {
  msg.httpVersionMajor = info.versionMajor;
  msg.httpVersionMinor = info.versionMinor;
  msg.httpVersion = `${info.versionMajor}.${info.versionMinor}`;
  msg.rawHeaders = info.rawHeaders;
  msg[kHeaders] = null;
  if (info.method !== undefined) {
    msg.method = info.method;
    msg.url = info.url;
  } else {
    msg.statusCode = info.statusCode;
    msg.statusMessage = info.statusMessage;
  }
  msg.upgrade = info.upgrade;
}

// ---- OutgoingMessage

// processHeader adds one header of a head being rendered to state.header and notes the ones that
// decide the framing.
function processHeader(msg, state, key, value) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      validateHeaderValue(key, value[i]);
      state.header += `${key}: ${value[i]}\r\n`;
    }
  } else {
    validateHeaderValue(key, value);
    state.header += `${key}: ${value}\r\n`;
  }
  const lk = key.toLowerCase();
  if (lk === 'connection') {
    state.connection = true;
    if (connCloseRe.test(Array.isArray(value) ? value.join(',') : String(value))) msg._last = true;
    else msg.shouldKeepAlive = true;
  } else if (lk === 'transfer-encoding') {
    state.te = true;
    if (chunkedRe.test(Array.isArray(value) ? value.join(',') : String(value))) msg.chunkedEncoding = true;
  } else if (lk === 'content-length') {
    state.contLen = true;
  } else if (lk === 'date') {
    state.date = true;
  } else if (lk === 'expect') {
    state.expect = true;
  } else if (lk === 'trailer') {
    state.trailer = true;
  }
}

class OutgoingMessage extends stream.Stream {
  constructor(options) {
    super();
    this.outputData = [];
    this.outputSize = 0;
    this.writable = true;
    this.destroyed = false;
    this._last = false;
    this.chunkedEncoding = false;
    this.shouldKeepAlive = true;
    this.maxRequestsOnConnectionReached = false;
    this._defaultKeepAlive = true;
    this.useChunkedEncodingByDefault = true;
    this.sendDate = false;
    this._removedConnection = false;
    this._removedContLen = false;
    this._removedTE = false;
    this.strictContentLength = false;
    this._contentLength = null;
    this._hasBody = true;
    this._trailer = '';
    this.finished = false;
    this._headerSent = false;
    this._closed = false;
    this._writableFinished = false;
    this.socket = null;
    this._header = null;
    this[kOutHeaders] = null;
    this._keepAliveTimeout = 0;
    this._onPendingData = () => {};
    this.highWaterMark = (options && options.highWaterMark) || 16 * 1024;
  }
  get connection() { return this.socket; }
  set connection(v) { this.socket = v; }
  get writableFinished() { return this._writableFinished; }
  get writableEnded() { return this.finished; }
  get writableObjectMode() { return false; }
  get writableLength() { return this.outputSize + (this.socket ? this.socket.writableLength : 0); }
  get writableHighWaterMark() { return this.socket ? this.socket.writableHighWaterMark : this.highWaterMark; }
  get writableCorked() { return this.socket ? this.socket.writableCorked : 0; }
  get writableNeedDrain() { return !this.destroyed && !this.finished && !!this._needDrain; }
  get headersSent() { return !!this._header; }

  cork() { if (this.socket) this.socket.cork(); }
  uncork() { if (this.socket) this.socket.uncork(); }

  setTimeout(ms, cb) {
    if (cb) this.on('timeout', cb);
    if (!this.socket) this.once('socket', (s) => s.setTimeout(ms));
    else this.socket.setTimeout(ms);
    return this;
  }

  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    this.errored = err;
    if (this.socket) this.socket.destroy(err);
    else this.once('socket', (s) => s.destroy(err));
    return this;
  }

  setHeader(name, value) {
    if (this._header) throw headersSentError('set');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    if (!this[kOutHeaders]) this[kOutHeaders] = Object.create(null);
    this[kOutHeaders][name.toLowerCase()] = [name, value];
    return this;
  }
  setHeaders(headers) {
    if (headers && typeof headers.forEach === 'function') headers.forEach((v, k) => this.setHeader(k, v));
    else {
      const keys = Object.keys(headers || {});
      for (let i = 0; i < keys.length; i++) this.setHeader(keys[i], headers[keys[i]]);
    }
    return this;
  }
  appendHeader(name, value) {
    if (this._header) throw headersSentError('append');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const key = name.toLowerCase();
    if (!this[kOutHeaders]) this[kOutHeaders] = Object.create(null);
    const cur = this[kOutHeaders][key];
    if (!cur) {
      this[kOutHeaders][key] = [name, value];
    } else {
      const prev = Array.isArray(cur[1]) ? cur[1] : [cur[1]];
      this[kOutHeaders][key] = [cur[0], prev.concat(value)];
    }
    return this;
  }
  getHeader(name) {
    if (typeof name !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('name', 'string', name);
    const h = this[kOutHeaders];
    const e = h && h[name.toLowerCase()];
    return e && e[1];
  }
  getHeaderNames() { return this[kOutHeaders] ? Object.keys(this[kOutHeaders]) : []; }
  getRawHeaderNames() { return this[kOutHeaders] ? Object.values(this[kOutHeaders]).map((e) => e[0]) : []; }
  getHeaders() {
    const out = Object.create(null);
    const h = this[kOutHeaders];
    if (h) {
      const keys = Object.keys(h);
      for (let i = 0; i < keys.length; i++) out[keys[i]] = h[keys[i]][1];
    }
    return out;
  }
  hasHeader(name) {
    if (typeof name !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('name', 'string', name);
    return !!(this[kOutHeaders] && this[kOutHeaders][name.toLowerCase()]);
  }
  removeHeader(name) {
    if (typeof name !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('name', 'string', name);
    if (this._header) throw headersSentError('remove');
    const key = name.toLowerCase();
    if (key === 'connection') this._removedConnection = true;
    else if (key === 'content-length') this._removedContLen = true;
    else if (key === 'transfer-encoding') this._removedTE = true;
    else if (key === 'date') this.sendDate = false;
    if (this[kOutHeaders]) delete this[kOutHeaders][key];
  }

  // _storeHeader renders the head and decides the framing, as Node's OutgoingMessage does.
  // (Index loops, not for...of: goja makes an iterator object per loop and per destructuring.)
  _storeHeader(firstLine, headers) {
    const state = { connection: false, contLen: false, te: false, date: false, expect: false, trailer: false, header: firstLine };
    if (headers) {
      if (Array.isArray(headers)) {
        if (headers.length && Array.isArray(headers[0])) {
          for (let i = 0; i < headers.length; i++) processHeader(this, state, headers[i][0], headers[i][1]);
        } else {
          for (let i = 0; i + 1 < headers.length; i += 2) processHeader(this, state, headers[i], headers[i + 1]);
        }
      } else if (headers === this[kOutHeaders]) {
        const keys = Object.keys(headers);
        for (let i = 0; i < keys.length; i++) {
          const e = headers[keys[i]];
          processHeader(this, state, e[0], e[1]);
        }
      } else {
        const keys = Object.keys(headers);
        for (let i = 0; i < keys.length; i++) processHeader(this, state, keys[i], headers[keys[i]]);
      }
    }
    if (this.sendDate && !state.date) state.header += `Date: ${utcDate()}\r\n`;
    if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) this.chunkedEncoding = false;
    if (!state.connection) {
      const shouldSendKeepAlive = this.shouldKeepAlive && (state.contLen || this.useChunkedEncodingByDefault || this.agent);
      if (shouldSendKeepAlive && this.maxRequestsOnConnectionReached) {
        state.header += 'Connection: close\r\n';
      } else if (shouldSendKeepAlive) {
        state.header += 'Connection: keep-alive\r\n';
        if (this._keepAliveTimeout && this._defaultKeepAlive) {
          state.header += `Keep-Alive: timeout=${Math.floor(this._keepAliveTimeout / 1000)}\r\n`;
        }
      } else {
        this._last = true;
        state.header += 'Connection: close\r\n';
      }
    }
    if (!state.contLen && !state.te) {
      if (!this._hasBody) {
        this.chunkedEncoding = false;
      } else if (!this.useChunkedEncodingByDefault) {
        this._last = true;
      } else if (!state.trailer && !this._removedContLen && typeof this._contentLength === 'number') {
        state.header += `Content-Length: ${this._contentLength}\r\n`;
      } else if (!this._removedTE) {
        state.header += 'Transfer-Encoding: chunked\r\n';
        this.chunkedEncoding = true;
      } else {
        this._last = true;
      }
    }
    this._header = state.header + '\r\n';
    this._headerSent = false;
    if (state.expect) this._send('');
  }

  _implicitHeader() { throw new codes.ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()'); }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    return this._writeBody(chunk, encoding, cb, false);
  }

  _writeBody(chunk, encoding, cb, fromEnd) {
    if (this.finished) {
      const err = new codes.ERR_STREAM_WRITE_AFTER_END();
      process.nextTick(() => { if (this.listenerCount('error')) this.emit('error', err); if (cb) cb(err); });
      return true;
    }
    if (this.destroyed) {
      const err = new codes.ERR_STREAM_DESTROYED('write');
      if (cb) process.nextTick(cb, err);
      return false;
    }
    if (chunk === null) throw new codes.ERR_STREAM_NULL_VALUES();
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw new codes.ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
    }
    if (!this._header) {
      if (fromEnd) this._contentLength = byteLength(chunk, encoding);
      this._implicitHeader();
    }
    if (!this._hasBody) {
      if (cb) process.nextTick(cb);
      return true;
    }
    const len = byteLength(chunk, encoding);
    if (len === 0) {
      if (cb) process.nextTick(cb);
      return true;
    }
    if (this.chunkedEncoding) {
      this._send(len.toString(16) + '\r\n', 'latin1');
      this._send(chunk, encoding);
      return this._send('\r\n', 'latin1', cb);
    }
    return this._send(chunk, encoding, cb);
  }

  end(chunk, encoding, cb) {
    let corked = null;
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    if (chunk !== null && chunk !== undefined) {
      if (this.finished) {
        this._writeBody(chunk, encoding, cb, true);
        return this;
      }
      // The body and the end of the message go out in one write, as in Node.
      if (this.socket) {
        corked = this.socket;
        corked.cork();
      }
      this._writeBody(chunk, encoding, null, true);
    } else if (this.finished) {
      if (typeof cb === 'function') {
        if (!this._writableFinished) this.once('finish', cb);
        else process.nextTick(cb, new codes.ERR_STREAM_ALREADY_FINISHED('end'));
      }
      return this;
    } else if (!this._header) {
      this._contentLength = 0;
      this._implicitHeader();
    }
    if (typeof cb === 'function') this.once('finish', cb);
    const finish = () => this._finishWrite();
    if (this._hasBody && this.chunkedEncoding) {
      this._send('0\r\n' + this._trailer + '\r\n', 'latin1', finish);
    } else if (!this._headerSent || this.outputData.length || !this.socket) {
      this._send('', 'latin1', finish);
    } else {
      this._send('', 'latin1', finish);
    }
    if (corked) corked.uncork();
    this.finished = true;
    this.writable = false;
    if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) this._finish();
    return this;
  }

  _finishWrite() {
    if (this._writableFinished) return;
    this._writableFinished = true;
    this.emit('finish');
  }

  _finish() { this.emit('prefinish'); }

  _send(data, encoding, cb) {
    if (!this._headerSent && this._header !== null) {
      if (typeof data === 'string' && (encoding === 'utf8' || encoding === 'latin1' || !encoding)) {
        data = this._header + data;
        if (!encoding) encoding = 'utf8';
      } else {
        this.outputData.unshift({ data: this._header, encoding: 'latin1', callback: null });
        this.outputSize += this._header.length;
      }
      this._headerSent = true;
    }
    return this._writeRaw(data, encoding, cb);
  }

  _writeRaw(data, encoding, cb) {
    const conn = this.socket;
    if (conn && conn.destroyed) {
      if (cb) process.nextTick(cb, new codes.ERR_STREAM_DESTROYED('write'));
      return false;
    }
    if (conn && conn._httpMessage === this && conn.writable) {
      if (this.outputData.length) this._flushOutput(conn);
      const ret = conn.write(data, encoding, cb);
      if (!ret) this._needDrain = true;
      return ret;
    }
    this.outputData.push({ data, encoding, callback: cb });
    this.outputSize += data.length;
    this._onPendingData(data.length);
    return this.outputSize < this.highWaterMark;
  }

  _flushOutput(socket) {
    const out = this.outputData;
    this.outputData = [];
    this.outputSize = 0;
    let ret = true;
    if (out.length) socket.cork();
    for (const { data, encoding, callback } of out) ret = socket.write(data, encoding, callback);
    if (out.length) socket.uncork();
    return ret;
  }

  _flush() {
    const socket = this.socket;
    if (socket && socket.writable) {
      const ret = this._flushOutput(socket);
      if (this.finished) this._finish();
      else if (ret && this._needDrain) {
        this._needDrain = false;
        this.emit('drain');
      }
    }
  }

  flushHeaders() {
    if (!this._header) this._implicitHeader();
    this._send('');
  }

  addTrailers(headers) {
    this._trailer = '';
    const entries = Array.isArray(headers) ? headers : Object.keys(headers).map((k) => [k, headers[k]]);
    for (const [field, value] of entries) {
      validateHeaderName(field, 'Trailer name');
      validateHeaderValue(field, value);
      this._trailer += `${field}: ${value}\r\n`;
    }
  }

  pipe() { this.emit('error', new codes.ERR_STREAM_CANNOT_PIPE()); }
}

// ---- ServerResponse

class ServerResponse extends OutgoingMessage {
  constructor(req, options) {
    super(options);
    if (req.method === 'HEAD') this._hasBody = false;
    this.req = req;
    this.sendDate = true;
    this._sent100 = false;
    this._expect_continue = false;
    this.statusCode = 200;
    this.statusMessage = undefined;
    if (req.httpVersionMajor < 1 || (req.httpVersionMajor === 1 && req.httpVersionMinor === 0)) {
      this.useChunkedEncodingByDefault = chunkedRe.test(req.headers.te || '');
      this.shouldKeepAlive = false;
    }
  }

  assignSocket(socket) {
    if (socket._httpMessage) throw nodeError(Error, 'ERR_HTTP_SOCKET_ASSIGNED', 'ServerResponse has an already assigned socket');
    socket._httpMessage = this;
    this.socket = socket;
    this.emit('socket', socket);
    this._flush();
  }

  detachSocket(socket) {
    if (socket._httpMessage === this) socket._httpMessage = null;
    this.socket = null;
  }

  writeContinue(cb) {
    this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
    this._sent100 = true;
  }
  writeProcessing(cb) { this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb); }
  writeEarlyHints(hints, cb) {
    let head = 'HTTP/1.1 103 Early Hints\r\n';
    for (const k of Object.keys(hints)) {
      const v = hints[k];
      head += `${k}: ${Array.isArray(v) ? v.join(', ') : v}\r\n`;
    }
    this._writeRaw(head + '\r\n', 'ascii', cb);
  }

  _implicitHeader() { this.writeHead(this.statusCode); }

  writeHead(statusCode, reason, obj) {
    if (this._header) throw headersSentError('write');
    const original = statusCode;
    statusCode |= 0;
    if (statusCode < 100 || statusCode > 999) {
      throw nodeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${original}`);
    }
    if (typeof reason === 'string') {
      this.statusMessage = reason;
    } else {
      if (!this.statusMessage) this.statusMessage = STATUS_CODES[statusCode] || 'unknown';
      obj = obj === undefined ? reason : obj;
    }
    this.statusCode = statusCode;
    let headers;
    if (this[kOutHeaders]) {
      if (obj) {
        if (Array.isArray(obj)) {
          for (let i = 0; i + 1 < obj.length; i += 2) this.appendHeader(obj[i], obj[i + 1]);
        } else {
          const keys = Object.keys(obj);
          for (let i = 0; i < keys.length; i++) if (keys[i]) this.setHeader(keys[i], obj[keys[i]]);
        }
      }
      headers = this[kOutHeaders];
    } else {
      headers = obj;
    }
    if (/[\r\n]/.test(this.statusMessage)) throw nodeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in statusMessage');
    if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
    if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
    this._storeHeader(`HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`, headers);
    return this;
  }
}
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

// ---- Server

function serverOptions(server, options) {
  server[kIncoming] = options.IncomingMessage || IncomingMessage;
  server[kResponse] = options.ServerResponse || ServerResponse;
  server.timeout = 0;
  server.maxHeadersCount = null;
  server.maxRequestsPerSocket = options.maxRequestsPerSocket || 0;
  server.headersTimeout = options.headersTimeout === undefined ? 60000 : options.headersTimeout;
  server.keepAliveTimeout = options.keepAliveTimeout === undefined ? 5000 : options.keepAliveTimeout;
  server.requestTimeout = options.requestTimeout === undefined ? 300000 : options.requestTimeout;
  server.joinDuplicateHeaders = !!options.joinDuplicateHeaders;
  server[kConnections] = new Set();
}
const kIncoming = Symbol('IncomingMessage');
const kResponse = Symbol('ServerResponse');
const kConnections = Symbol('kConnections');
const kState = Symbol('kState');

const serverMethods = {
  setTimeout(ms, cb) {
    this.timeout = ms;
    if (cb) this.on('timeout', cb);
    return this;
  },
  closeAllConnections() {
    for (const s of this[kConnections]) s.destroy();
  },
  closeIdleConnections() {
    for (const s of this[kConnections]) {
      const st = s[kState];
      if (st && st.idle) s.destroy();
    }
  },
  close(cb) {
    this.closeIdleConnections();
    return Object.getPrototypeOf(Object.getPrototypeOf(this)).close.call(this, cb);
  },
};

class Server extends net.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') {
      requestListener = options;
      options = {};
    }
    options = options || {};
    super({ noDelay: options.noDelay !== false, keepAlive: options.keepAlive, allowHalfOpen: true });
    serverOptions(this, options);
    this.httpAllowHalfOpen = false;
    if (requestListener) this.on('request', requestListener);
    this.on('connection', connectionListener);
    this._listenApi = 'net.Server.listen';
  }
}
Object.assign(Server.prototype, serverMethods);

function connectionListener(socket) {
  const server = this;
  const parser = binding.newParser('request');
  const state = { parser, outgoing: [], incoming: [], idle: true, requests: 0 };
  socket[kState] = state;
  server[kConnections].add(socket);
  if (server.timeout) socket.setTimeout(server.timeout);
  socket.on('timeout', () => {
    const req = state.incoming[0];
    const res = state.outgoing[0] || (req && req.res);
    let handled = false;
    if (req && req.emit('timeout', socket)) handled = true;
    if (res && res.emit('timeout', socket)) handled = true;
    if (server.emit('timeout', socket)) handled = true;
    if (!handled) socket.destroy();
  });

  const onParseError = (info) => {
    const err = new Error('Parse Error: ' + info.reason);
    err.code = info.code;
    err.reason = info.reason;
    err.bytesParsed = 0;
    err.rawPacket = undefined;
    if (server.listenerCount('clientError')) {
      server.emit('clientError', err, socket);
    } else if (socket.writable && !state.outgoing.length) {
      const status = info.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    } else {
      socket.destroy(err);
    }
  };

  // events is flat: [kind, value, kind, value, ...] (see httpparser.go).
  const handle = (events) => {
    for (let i = 0; i + 1 < events.length; i += 2) {
      const kind = events[i], value = events[i + 1];
      if (kind === 1) onHead(value);
      else if (kind === 2) {
        const req = state.current;
        if (req && !req.push(value)) socket.pause();
      } else if (kind === 3) {
        const req = state.current;
        if (req) {
          if (value) req.rawTrailers = value;
          req.complete = true;
          req.push(null);
          state.current = null;
        }
      } else if (kind === 4) {
        onUpgrade(value);
        return false;
      }
    }
    return true;
  };

  let upgradeReq = null;
  const onHead = (info) => {
    state.idle = false;
    state.requests++;
    const req = new server[kIncoming](socket);
    req.joinDuplicateHeaders = server.joinDuplicateHeaders;
    fillIncoming(req, info);
    if (info.upgrade) {
      upgradeReq = req;
      return;
    }
    state.current = req;
    state.incoming.push(req);
    const res = new server[kResponse](req, {});
    req.res = res;
    res.shouldKeepAlive = info.shouldKeepAlive;
    res._keepAliveTimeout = server.keepAliveTimeout;
    if (server.maxRequestsPerSocket && state.requests >= server.maxRequestsPerSocket) res.maxRequestsOnConnectionReached = true;
    res.once('finish', () => onResFinish(req, res));
    if (socket._httpMessage) state.outgoing.push(res);
    else res.assignSocket(socket);
    const expect = info.expect;
    if (expect && (req.httpVersionMajor > 1 || (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1))) {
      if (/^100-continue$/i.test(expect)) {
        res._expect_continue = true;
        if (server.listenerCount('checkContinue')) return server.emit('checkContinue', req, res);
        res.writeContinue();
      } else if (server.listenerCount('checkExpectation')) {
        return server.emit('checkExpectation', req, res);
      } else {
        res.writeHead(417);
        res.end();
        return;
      }
    }
    server.emit('request', req, res);
  };

  // unconsumeSocket hands the socket's data back to its stream, with the parser as its first
  // 'data' listener (where it would have been all along without consume).
  const unconsumeSocket = () => {
    state.consumed = false;
    internals.unconsume(socket);
    socket.prependListener('data', onData);
  };

  const onUpgrade = (head) => {
    const req = upgradeReq;
    upgradeReq = null;
    if (state.consumed) {
      state.consumed = false;
      internals.unconsume(socket);
    }
    socket.removeListener('data', onData);
    socket.removeListener('end', onEnd);
    socket.removeListener('timeout', onTimeoutNoop);
    server[kConnections].delete(socket);
    req.complete = true;
    req.push(null);
    const event = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    if (server.listenerCount(event)) {
      server.emit(event, req, socket, head);
    } else {
      socket.destroy();
    }
  };
  const onTimeoutNoop = () => {};

  const onData = (d) => {
    if (state.keepAliveIdle) {
      state.keepAliveIdle = false;
      socket.setTimeout(server.timeout || 0);
    }
    parser.setUpgrade(server.listenerCount('upgrade') > 0);
    let events;
    try {
      events = parser.execute(d);
    } catch (info) {
      if (info && info.events) handle(info.events);
      onParseError(info);
      return;
    }
    handle(events);
  };

  const onEnd = () => {
    try {
      handle(parser.finish());
    } catch (info) {
      // a truncated request: the client is gone
    }
    if (state.current) {
      state.current.destroy();
    }
    if (!socket._httpMessage && !state.outgoing.length) {
      if (socket.writable) socket.end();
    } else {
      state.endAfter = true;
    }
  };

  const onResFinish = (req, res) => {
    if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
    res.detachSocket(socket);
    const i = state.incoming.indexOf(req);
    if (i >= 0) state.incoming.splice(i, 1);
    process.nextTick(() => {
      res._closed = true;
      res.emit('close');
      req.emit('close');
    });
    if (res._last || !res.shouldKeepAlive || state.endAfter) {
      if (typeof socket.destroySoon === 'function') socket.destroySoon();
      else socket.end();
      return;
    }
    const next = state.outgoing.shift();
    if (next) {
      next.assignSocket(socket);
    } else {
      state.idle = true;
      if (server.keepAliveTimeout) {
        socket.setTimeout(server.keepAliveTimeout);
        state.keepAliveIdle = true;
      }
    }
  };

  socket.on('timeout', () => {
    if (state.idle && state.keepAliveIdle) socket.destroy();
  });
  // The parser reads the socket's handle directly, as Node's parser.consume does, until an upgrade
  // or until package code listens for the socket's data itself (then Node unconsumes too).
  if (internals.consume(socket, onData)) {
    state.consumed = true;
    for (const name of ['on', 'addListener', 'prependListener']) {
      const original = socket[name];
      socket[name] = function socketListenerWrap(ev, fn) {
        if ((ev === 'data' || ev === 'readable') && state.consumed) unconsumeSocket();
        return original.call(this, ev, fn);
      };
    }
    const setEncoding = socket.setEncoding;
    socket.setEncoding = function socketSetEncoding(enc) {
      if (state.consumed) unconsumeSocket();
      return setEncoding.call(this, enc);
    };
  } else {
    socket.on('data', onData);
  }
  socket.on('end', onEnd);
  socket.on('error', (err) => {
    if (server.listenerCount('clientError')) server.emit('clientError', err, socket);
    else socket.destroy();
  });
  socket.on('drain', () => {
    const m = socket._httpMessage;
    if (m && m._needDrain) {
      m._needDrain = false;
      m.emit('drain');
    }
  });
  socket.on('close', () => {
    server[kConnections].delete(socket);
    for (const req of state.incoming) {
      if (!req.complete) req.destroy(hangUp());
      const res = req.res;
      if (res && !res._closed) {
        res._closed = true;
        res.destroyed = true;
        process.nextTick(() => { res.emit('close'); req.emit('close'); });
      }
    }
    state.incoming = [];
    state.outgoing = [];
  });
}

// ---- Agent

class Agent extends EventEmitter {
  constructor(options) {
    super();
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.options = { __proto__: null, ...options };
    if (this.options.noDelay === undefined) this.options.noDelay = true;
    this.options.path = null;
    this.requests = { __proto__: null };
    this.sockets = { __proto__: null };
    this.freeSockets = { __proto__: null };
    this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
    this.keepAlive = this.options.keepAlive || false;
    this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
    this.maxFreeSockets = this.options.maxFreeSockets || 256;
    this.scheduling = this.options.scheduling || 'lifo';
    this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
    this.totalSocketCount = 0;
    this.on('free', (socket, opts) => this._onFree(socket, opts));
  }

  _onFree(socket, options) {
    const name = this.getName(options);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const queue = this.requests[name];
    if (queue && queue.length) {
      const req = queue.shift();
      if (!queue.length) delete this.requests[name];
      socket._httpMessage = null;
      this.reuseSocket(socket, req);
      setRequestSocket(this, req, socket);
      return;
    }
    const req = socket._httpMessage;
    if (!req || !req.shouldKeepAlive || !this.keepAlive) {
      socket.destroy();
      return;
    }
    const free = this.freeSockets[name] || [];
    if (this.totalSocketCount > this.maxTotalSockets || free.length >= this.maxFreeSockets || !this.keepSocketAlive(socket)) {
      socket.destroy();
      return;
    }
    this.freeSockets[name] = free;
    socket._httpMessage = null;
    this.removeSocket(socket, options, true);
    free.push(socket);
  }

  keepSocketAlive(socket) {
    socket.setKeepAlive(true, this.keepAliveMsecs);
    socket.unref();
    let t = this.options.timeout;
    if (t && t > 0) socket.setTimeout(t);
    else socket.setTimeout(0);
    return true;
  }

  reuseSocket(socket, req) {
    req.reusedSocket = true;
    socket.ref();
  }

  getName(options = {}) {
    let name = options.host || 'localhost';
    name += ':';
    if (options.port) name += options.port;
    name += ':';
    if (options.localAddress) name += options.localAddress;
    if (options.family === 4 || options.family === 6) name += `:${options.family}`;
    if (options.socketPath) name += `:${options.socketPath}`;
    return name;
  }

  addRequest(req, options) {
    options = { __proto__: null, ...options, ...this.options };
    if (options.socketPath) options.path = options.socketPath;
    const name = this.getName(options);
    const free = this.freeSockets[name];
    while (free && free.length) {
      const socket = this.scheduling === 'fifo' ? free.shift() : free.pop();
      if (!free.length) delete this.freeSockets[name];
      if (socket.destroyed) continue;
      this.reuseSocket(socket, req);
      (this.sockets[name] = this.sockets[name] || []).push(socket);
      setRequestSocket(this, req, socket);
      return;
    }
    const count = (this.sockets[name] || []).length;
    if (count < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
      this.createSocket(req, options, (err, socket) => {
        if (err) req.onSocket(socket, err);
        else setRequestSocket(this, req, socket);
      });
    } else {
      (this.requests[name] = this.requests[name] || []).push(req);
    }
  }

  createSocket(req, options, cb) {
    options = { __proto__: null, ...options, ...this.options };
    if (options.socketPath) options.path = options.socketPath;
    if (!options.servername && options.servername !== '') options.servername = calculateServerName(options, req);
    options._pkgboxApi = req[kApi];
    const name = this.getName(options);
    options._agentKey = name;
    this.totalSocketCount++;
    (this.sockets[name] = this.sockets[name] || []).push(null);
    const done = (err, socket) => {
      const list = this.sockets[name];
      const i = list ? list.indexOf(null) : -1;
      if (i >= 0) list.splice(i, 1);
      if (err) {
        this.totalSocketCount--;
        return cb(err);
      }
      list.push(socket);
      installAgentListeners(this, socket, options);
      cb(null, socket);
    };
    let sync = true;
    const s = this.createConnection(options, (err, sock) => { if (!sync) done(err, sock); });
    sync = false;
    if (s) done(null, s);
  }

  createConnection(options, cb) {
    const socket = new net.Socket(options);
    internals.setApi(socket, options._pkgboxApi || 'http.request');
    return socket.connect(options);
  }

  removeSocket(socket, options, keepCount) {
    const name = this.getName(options);
    for (const table of keepCount ? [this.sockets] : [this.sockets, this.freeSockets]) {
      const list = table[name];
      if (!list) continue;
      const i = list.indexOf(socket);
      if (i >= 0) {
        list.splice(i, 1);
        if (!list.length) delete table[name];
      }
    }
    if (!keepCount) {
      this.totalSocketCount--;
      const queue = this.requests[name];
      if (queue && queue.length && (this.sockets[name] || []).length < this.maxSockets) {
        const req = queue.shift();
        if (!queue.length) delete this.requests[name];
        this.createSocket(req, options, (err, s) => {
          if (err) req.onSocket(s, err);
          else setRequestSocket(this, req, s);
        });
      }
    }
  }

  destroy() {
    for (const table of [this.freeSockets, this.sockets]) {
      for (const name of Object.keys(table)) for (const s of table[name].slice()) if (s) s.destroy();
    }
  }
}
Agent.defaultMaxSockets = Infinity;

function installAgentListeners(agent, socket, options) {
  const onClose = () => agent.removeSocket(socket, options);
  const onTimeout = () => {
    const free = agent.freeSockets[agent.getName(options)];
    if (free && free.includes(socket)) socket.destroy();
  };
  const onRemove = () => {
    agent.removeSocket(socket, options);
    socket.removeListener('close', onClose);
    socket.removeListener('timeout', onTimeout);
    socket.removeListener('agentRemove', onRemove);
  };
  socket.on('free', () => agent.emit('free', socket, options));
  socket.on('close', onClose);
  socket.on('timeout', onTimeout);
  socket.on('agentRemove', onRemove);
}

function setRequestSocket(agent, req, socket) {
  req.onSocket(socket);
  const t = agent.options.timeout;
  if (t && req.timeout === undefined) socket.setTimeout(t);
}

function calculateServerName(options, req) {
  let host = options.host || 'localhost';
  const hostHeader = req.getHeader && req.getHeader('host');
  if (hostHeader) {
    host = String(hostHeader);
    if (host.startsWith('[')) host = host.slice(1, host.indexOf(']'));
    else host = host.split(':')[0];
  }
  if (net.isIP(host)) return '';
  return host;
}

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---- ClientRequest

const kApi = Symbol('kApi');

class ClientRequest extends OutgoingMessage {
  constructor(input, options, cb, defaults) {
    super();
    defaults = defaults || { agent: globalAgent, protocol: 'http:', api: 'http.request' };
    if (typeof input === 'string') {
      input = urlToHttpOptions(new URL(input));
    } else if (input instanceof URL) {
      input = urlToHttpOptions(input);
    } else {
      cb = options;
      options = input;
      input = null;
    }
    if (typeof options === 'function') {
      cb = options;
      options = input || {};
    } else {
      options = { ...(input || {}), ...(options || {}) };
    }
    this[kApi] = options._pkgboxApi || defaults.api;
    let agent = options.agent;
    const defaultAgent = options._defaultAgent || defaults.agent;
    if (agent === false) agent = new defaultAgent.constructor();
    else if (agent === null || agent === undefined) {
      if (typeof options.createConnection !== 'function') agent = defaultAgent;
    }
    this.agent = agent;
    const protocol = options.protocol || defaultAgent.protocol;
    let expected = defaultAgent.protocol;
    if (this.agent && this.agent.protocol) expected = this.agent.protocol;
    if (protocol !== expected) {
      throw nodeError(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${protocol}" not supported. Expected "${expected}"`);
    }
    const defaultPort = options.defaultPort || (this.agent && this.agent.defaultPort) || defaultAgent.defaultPort;
    const port = options.port = options.port || defaultPort || 80;
    const host = options.host = options.hostname || options.host || 'localhost';
    if (options.timeout !== undefined) this.timeout = options.timeout;
    const method = options.method === undefined || options.method === null ? 'GET' : options.method;
    if (typeof method !== 'string' || !tokenRe.test(method)) {
      throw nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Method must be a valid HTTP token ["${method}"]`);
    }
    this.method = method.toUpperCase();
    const path = options.path || '/';
    if (/[\u0000-\u0020]/.test(path)) {
      throw nodeError(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
    }
    this.path = path;
    this.protocol = protocol;
    this.host = host;
    this.maxHeadersCount = null;
    this.reusedSocket = false;
    this.aborted = false;
    this.res = null;
    this.timeoutCb = null;
    this.upgradeOrConnect = false;
    this.parser = null;
    this.maxHeaderSize = options.maxHeaderSize;
    this.joinDuplicateHeaders = options.joinDuplicateHeaders;
    this._ended = false;
    if (cb) this.once('response', cb);
    if (this.method === 'GET' || this.method === 'HEAD' || this.method === 'DELETE' || this.method === 'OPTIONS' ||
        this.method === 'TRACE' || this.method === 'CONNECT') {
      this.useChunkedEncodingByDefault = false;
    } else {
      this.useChunkedEncodingByDefault = true;
    }
    if (this.method === 'HEAD') this._hasBody = false;
    const headersArray = Array.isArray(options.headers);
    if (!headersArray) {
      if (options.headers) {
        const keys = Object.keys(options.headers);
        for (let i = 0; i < keys.length; i++) {
          const v = options.headers[keys[i]];
          if (v !== undefined) this.setHeader(keys[i], v);
        }
      }
      if (host && !this.getHeader('host') && options.setHost !== false) {
        let hostHeader = host;
        if (hostHeader.includes(':') && !hostHeader.startsWith('[')) hostHeader = `[${hostHeader}]`;
        if (port && +port !== +defaultPort) hostHeader += ':' + port;
        this.setHeader('Host', hostHeader);
      }
      if (options.auth && !this.getHeader('Authorization')) {
        this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
      }
    }
    if (this.agent) {
      if (!this.agent.keepAlive && !Number.isFinite(this.agent.maxSockets)) {
        this._last = true;
        this.shouldKeepAlive = false;
      } else {
        this._last = false;
        this.shouldKeepAlive = true;
      }
    } else {
      this.shouldKeepAlive = false;
    }
    if (headersArray) {
      this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, options.headers);
    }
    if (options.signal) {
      const signal = options.signal;
      const onAbort = () => this.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }));
      if (signal.aborted) process.nextTick(onAbort);
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.once('close', () => signal.removeEventListener('abort', onAbort));
      }
    }
    const connectOpts = { ...options };
    delete connectOpts.signal;
    connectOpts._pkgboxApi = this[kApi];
    if (this.agent) {
      this.agent.addRequest(this, connectOpts);
    } else {
      this._last = true;
      this.shouldKeepAlive = false;
      let socket;
      let called = false;
      const done = (err, s) => {
        if (called) return;
        called = true;
        if (err) process.nextTick(() => this.emit('error', err));
        else this.onSocket(s);
      };
      if (typeof options.createConnection === 'function') {
        socket = options.createConnection(connectOpts, done);
      } else {
        socket = new net.Socket();
        internals.setApi(socket, this[kApi]);
        socket.connect(connectOpts);
      }
      if (socket) done(null, socket);
    }
  }

  get path() { return this._path; }
  set path(v) { this._path = v; }

  _implicitHeader() {
    if (this._header) throw headersSentError('render');
    this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this[kOutHeaders]);
  }

  abort() {
    if (this.aborted) return;
    this.aborted = true;
    process.nextTick(() => this.emit('abort'));
    this.destroy();
  }

  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (this.res) this.res._dump();
    this[kError] = err;
    if (this.socket) {
      this.socket.destroy(err);
    } else if (err || !this[kClosed]) {
      process.nextTick(() => {
        if (err && !this[kErrorEmitted]) {
          this[kErrorEmitted] = true;
          this.emit('error', err);
        }
        if (!this[kClosed]) {
          this[kClosed] = true;
          this.emit('close');
        }
      });
    }
    return this;
  }

  onSocket(socket, err) {
    process.nextTick(() => {
      if (err) {
        this.destroy(err);
        return;
      }
      if (this.destroyed) {
        socket.destroy(this[kError]);
        this[kSocketForClose] = socket;
        this.socket = socket;
        socket._httpMessage = this;
        attachClientSocket(this, socket);
        return;
      }
      this.socket = socket;
      socket._httpMessage = this;
      attachClientSocket(this, socket);
      this.emit('socket', socket);
      if (this.timeout !== undefined) this.setTimeout(this.timeout);
      this._flushOutput(socket);
      if (this.finished) this._finish();
    });
  }

  setTimeout(ms, cb) {
    if (cb) this.once('timeout', cb);
    const apply = (s) => {
      s.setTimeout(ms);
      if (!s[kTimeoutHooked]) {
        s[kTimeoutHooked] = true;
        s.on('timeout', () => { if (s._httpMessage) s._httpMessage.emit('timeout'); });
      }
    };
    this.timeout = ms;
    if (this.socket) apply(this.socket);
    else this.once('socket', apply);
    return this;
  }
  setNoDelay(v) { if (this.socket) this.socket.setNoDelay(v); else this.once('socket', (s) => s.setNoDelay(v)); }
  setSocketKeepAlive(e, d) { if (this.socket) this.socket.setKeepAlive(e, d); else this.once('socket', (s) => s.setKeepAlive(e, d)); }
  clearTimeout(cb) { this.setTimeout(0, cb); }
}
const kError = Symbol('kError');
const kErrorEmitted = Symbol('kErrorEmitted');
const kClosed = Symbol('kClosed');
const kSocketForClose = Symbol('kSocketForClose');
const kTimeoutHooked = Symbol('kTimeoutHooked');

function attachClientSocket(req, socket) {
  const parser = binding.newParser('response');
  let res = null;
  const emitErrorOnce = (err) => {
    if (req[kErrorEmitted]) return;
    req[kErrorEmitted] = true;
    req.emit('error', err);
  };
  const cleanup = () => {
    socket.removeListener('data', onData);
    socket.removeListener('end', onEnd);
    socket.removeListener('close', onClose);
    socket.removeListener('error', onError);
    socket.removeListener('drain', onDrain);
  };
  const handle = (events) => {
    for (let i = 0; i + 1 < events.length; i += 2) {
      const kind = events[i], value = events[i + 1];
      if (kind === 1) {
        if (value.statusCode >= 100 && value.statusCode < 200 && value.statusCode !== 101) {
          const headers = headersFrom(value.rawHeaders, false);
          if (value.statusCode === 100) req.emit('continue');
          req.emit('information', {
            statusCode: value.statusCode, statusMessage: value.statusMessage, httpVersion: `${value.versionMajor}.${value.versionMinor}`,
            httpVersionMajor: value.versionMajor, httpVersionMinor: value.versionMinor, headers, rawHeaders: value.rawHeaders,
          });
          continue;
        }
        res = new IncomingMessage(socket);
        res.joinDuplicateHeaders = !!req.joinDuplicateHeaders;
        fillIncoming(res, value);
        res.req = req;
        req.res = res;
        res.shouldKeepAlive = value.shouldKeepAlive;
        if (value.upgrade || (req.method === 'CONNECT' && value.statusCode >= 200 && value.statusCode < 300)) {
          req.upgradeOrConnect = true;
          continue; // the upgrade event follows with the rest of the bytes
        }
        if (req.method === 'CONNECT') {
          // a refused CONNECT: the response is an ordinary one
        }
        res.once('end', onResponseComplete);
        if (req.aborted || !req.emit('response', res)) {
          if (!req.listenerCount('response')) res._dump();
        }
        if (req.aborted) res._dump();
      } else if (kind === 2) {
        if (res && !res.push(value)) socket.pause();
      } else if (kind === 3) {
        if (!res) continue;
        if (value) res.rawTrailers = value;
        res.complete = true;
        res.push(null);
      } else if (kind === 4) {
        cleanup();
        socket._httpMessage = null;
        const event = req.method === 'CONNECT' ? 'connect' : 'upgrade';
        if (req.listenerCount(event)) {
          req.emit(event, res, socket, value);
          req[kClosed] = true;
          req.emit('close');
        } else {
          socket.destroy();
        }
        return;
      }
    }
  };
  const onResponseComplete = () => {
    const keep = req.shouldKeepAlive && res.shouldKeepAlive;
    const after = () => {
      if (socket._httpMessage !== req) return;
      cleanup();
      if (!req[kClosed]) {
        req[kClosed] = true;
        process.nextTick(() => req.emit('close'));
      }
      const emitResClose = () => { if (!res._closed) { res._closed = true; res.emit('close'); } };
      if (res.readableEnded) process.nextTick(emitResClose);
      else res.once('end', () => process.nextTick(emitResClose));
      if (keep && req.agent) {
        socket.emit('free');
      } else {
        socket._httpMessage = null;
        socket.destroySoon();
        if (req.agent) socket.emit('agentRemove');
      }
    };
    if (req.finished && req.writableFinished) after();
    else req.once('finish', after);
  };
  const onData = (d) => {
    if (req.method === 'HEAD') parser.setNoBody(true);
    let events;
    try {
      events = parser.execute(d);
    } catch (info) {
      if (info && info.events) handle(info.events);
      const err = new Error('Parse Error: ' + info.reason);
      err.code = info.code;
      err.reason = info.reason;
      err.bytesParsed = 0;
      cleanup();
      emitErrorOnce(err);
      socket.destroy();
      return;
    }
    handle(events);
  };
  const onEnd = () => {
    try {
      handle(parser.finish());
    } catch (info) {
      // truncated response: reported by onClose
    }
    if (!res && !req.upgradeOrConnect) {
      emitErrorOnce(hangUp());
    }
    socket.end();
  };
  const onClose = () => {
    cleanup();
    if (!res) {
      if (!req[kErrorEmitted] && !req.aborted && !(req.destroyed && !req[kError])) emitErrorOnce(req[kError] || hangUp());
      else if (req[kError]) emitErrorOnce(req[kError]);
    } else if (!res.complete) {
      res.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    }
    if (res && !res._closed) {
      res._closed = true;
      process.nextTick(() => res.emit('close'));
    }
    if (!req[kClosed]) {
      req[kClosed] = true;
      process.nextTick(() => req.emit('close'));
    }
  };
  const onError = (err) => {
    if (req.destroyed && !req[kError] && !res) return; // destroyed on purpose
    emitErrorOnce(err);
  };
  const onDrain = () => {
    if (req._needDrain) {
      req._needDrain = false;
      req.emit('drain');
    }
  };
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('close', onClose);
  socket.on('error', onError);
  socket.on('drain', onDrain);
}

// ---- module surfaces

function request(url, options, cb) { return new ClientRequest(url, options, cb); }
function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

function makeRequest(defaults) {
  const api = defaults.api;
  const req = (url, options, cb) => new ClientRequest(url, options, cb, { ...defaults, api: api + 'request' });
  const getFn = (url, options, cb) => {
    const r = new ClientRequest(url, options, cb, { ...defaults, api: api + 'get' });
    r.end();
    return r;
  };
  return [req, getFn];
}

const [httpRequest, httpGet] = makeRequest({ agent: globalAgent, protocol: 'http:', api: 'http.' });

const http = {
  _connectionListener: connectionListener,
  METHODS: METHODS.slice(),
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer: (options, listener) => new Server(options, listener),
  validateHeaderName,
  validateHeaderValue,
  get: httpGet,
  request: httpRequest,
  setMaxIdleHTTPParsers() {},
  maxHeaderSize: 16384,
  globalAgent,
};

// ---- https

class HttpsAgent extends Agent {
  constructor(options) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
    this.maxCachedSessions = this.options.maxCachedSessions === undefined ? 100 : this.options.maxCachedSessions;
  }
  createConnection(options, cb) {
    const o = { ...options, _pkgboxApi: options._pkgboxApi || 'https.request' };
    if (!o.servername && !net.isIP(o.host || '')) o.servername = o.host;
    return tls.connect(o);
  }
  getName(options = {}) {
    let name = super.getName(options);
    name += ':';
    for (const k of ['ca', 'cert', 'key', 'servername', 'rejectUnauthorized']) {
      name += ':';
      if (options[k] !== undefined && options[k] !== null) name += typeof options[k] === 'string' ? options[k] : String(options[k]).length;
    }
    return name;
  }
}

const httpsGlobalAgent = new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

class HttpsServer extends tls.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') {
      requestListener = options;
      options = {};
    }
    options = { ...(options || {}) };
    if (!options.ALPNProtocols) options.ALPNProtocols = ['http/1.1'];
    super(options);
    serverOptions(this, options);
    this.httpAllowHalfOpen = false;
    if (requestListener) this.on('request', requestListener);
    this.on('secureConnection', connectionListener);
    this.timeout = 0;
  }
}
Object.assign(HttpsServer.prototype, serverMethods);

const [httpsRequest, httpsGet] = makeRequest({ agent: httpsGlobalAgent, protocol: 'https:', api: 'https.' });

const https = {
  Agent: HttpsAgent,
  Server: HttpsServer,
  createServer: (options, listener) => new HttpsServer(options, listener),
  get: httpsGet,
  request: httpsRequest,
  globalAgent: httpsGlobalAgent,
};

module.exports = { http, https, kApi };
