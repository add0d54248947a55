'use strict';
// Node's tls module over Go's crypto/tls: a TLSSocket is a net.Socket whose Go handle speaks TLS
// (client with the system roots or options.ca; server with cert/key). Connects and listens pass
// the same gate as net (net.connect / net.listen) with the API named tls.connect.
const { net, internals } = require('internal/pkgbox/net');
const { codes } = require('internal/errors');

const infos = new WeakMap();

function clientOptions(o) {
  const ctx = o.secureContext && o.secureContext.context ? o.secureContext.context : {};
  const pick = (k) => (o[k] !== undefined ? o[k] : ctx[k]);
  return {
    servername: o.servername,
    rejectUnauthorized: o.rejectUnauthorized !== false,
    ca: pick('ca'),
    cert: pick('cert'),
    key: pick('key'),
    ALPNProtocols: Array.isArray(o.ALPNProtocols) ? o.ALPNProtocols.map(String) : undefined,
  };
}

class TLSSocket extends net.Socket {
  constructor(socket, options) {
    if (socket && !(socket instanceof net.Socket) && options === undefined) {
      options = socket;
      socket = undefined;
    }
    if (socket) {
      // Wrapping an already connected plain socket (STARTTLS) is not supported by the Go sockets.
      throw codes.ERR_METHOD_NOT_IMPLEMENTED ? new codes.ERR_METHOD_NOT_IMPLEMENTED('new TLSSocket(socket)')
        : new Error('new TLSSocket(socket) is not supported');
    }
    super(options);
    this.encrypted = true;
    this.authorized = false;
    this.authorizationError = null;
    this.alpnProtocol = false;
    this.servername = null;
    this._connectInfo = (info) => {
      infos.set(this, info || {});
      if (!info) return;
      this.authorized = !!info.authorized;
      this.authorizationError = info.authorizationError || null;
      this.alpnProtocol = info.alpnProtocol || false;
      this.servername = info.servername || null;
    };
  }
  getPeerCertificate() {
    const i = infos.get(this);
    return i && i.peerCertificate ? { ...i.peerCertificate } : {};
  }
  getCertificate() { return {}; }
  getProtocol() {
    const i = infos.get(this);
    return i ? i.protocol : null;
  }
  getCipher() { return { name: 'TLS_AES_128_GCM_SHA256', standardName: 'TLS_AES_128_GCM_SHA256', version: this.getProtocol() }; }
  getSession() { return undefined; }
  isSessionReused() { return false; }
  setServername(name) { this.servername = name; }
  setMaxSendFragment() { return true; }
  exportKeyingMaterial() { throw new Error('exportKeyingMaterial is not supported'); }
}

function connect(...args) {
  let [options, cb] = internals.normalizeArgs(args);
  if (typeof args[0] !== 'object' && typeof args[args.length - 1 - (cb ? 1 : 0)] === 'object') {
    options = { ...args[args.length - 1 - (cb ? 1 : 0)], ...options };
  }
  options = { ...options };
  if (options.socket) throw new Error('tls.connect({ socket }) is not supported: pass host and port');
  const socket = new TLSSocket(options);
  internals.setApi(socket, options._pkgboxApi || 'tls.connect');
  delete options._pkgboxApi;
  const tlsOpts = clientOptions(options);
  if (!tlsOpts.servername && options.host && !net.isIP(options.host)) tlsOpts.servername = options.host;
  internals.setTls(socket, tlsOpts);
  if (cb) socket.once('secureConnect', cb);
  socket.once('connect', () => socket.emit('secureConnect'));
  socket.connect(options);
  return socket;
}

class Server extends net.Server {
  constructor(options, listener) {
    if (typeof options === 'function') {
      listener = options;
      options = {};
    }
    options = options || {};
    super(options);
    const ctx = options.secureContext && options.secureContext.context ? options.secureContext.context : {};
    this._tlsOptions = {
      cert: options.cert !== undefined ? options.cert : ctx.cert,
      key: options.key !== undefined ? options.key : ctx.key,
      ca: options.ca !== undefined ? options.ca : ctx.ca,
      requestCert: !!options.requestCert,
      rejectUnauthorized: options.rejectUnauthorized !== false,
      ALPNProtocols: Array.isArray(options.ALPNProtocols) ? options.ALPNProtocols.map(String) : undefined,
    };
    this._makeSocket = () => new TLSSocket({ allowHalfOpen: this.allowHalfOpen });
    this._connectionEvent = 'secureConnection';
    if (listener) this.on('secureConnection', listener);
  }
  setSecureContext(options) { Object.assign(this._tlsOptions, { cert: options.cert, key: options.key, ca: options.ca }); }
  addContext() {}
  getTicketKeys() { return Buffer.alloc(48); }
  setTicketKeys() {}
}

function createServer(options, listener) { return new Server(options, listener); }

function createSecureContext(options) { return { context: { ...(options || {}) } }; }

function checkServerIdentity(hostname, cert) {
  const alt = (cert && cert.subjectaltname) || '';
  const names = alt.split(', ').filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4).toLowerCase());
  const h = String(hostname).toLowerCase();
  const ok = names.some((n) => n === h || (n.startsWith('*.') && h.endsWith(n.slice(1)) && h.split('.').length === n.split('.').length));
  if (ok) return undefined;
  const err = new Error(`Hostname/IP does not match certificate's altnames: Host: ${hostname}. is not in the cert's altnames: ${alt}`);
  err.code = 'ERR_TLS_CERT_ALTNAME_INVALID';
  err.reason = `Host: ${hostname}. is not in the cert's altnames: ${alt}`;
  err.host = hostname;
  err.cert = cert;
  return err;
}

module.exports = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256',
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  SecureContext: function SecureContext() {},
  Server,
  TLSSocket,
  checkServerIdentity,
  connect,
  createSecureContext,
  createServer,
  getCiphers: () => ['aes128-gcm-sha256', 'aes256-gcm-sha384', 'chacha20-poly1305'],
  rootCertificates: Object.freeze([]),
  convertALPNProtocols() {},
};
