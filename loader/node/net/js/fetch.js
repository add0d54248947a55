'use strict';
// Node 20's fetch API (fetch, Headers, Request, Response, FormData) over pkgbox's http/https
// clients. Redirects are followed here, one http request per hop, so the gate checks every hop
// (net.connect under the API "fetch") before it connects.
const { http, https } = require('internal/pkgbox/http');
const { URL, URLSearchParams } = require('url');
const { Blob } = require('buffer');
const zlib = require('zlib');
const { codes } = require('internal/errors');

const kList = Symbol('kList');
const kGuard = Symbol('kGuard');

function normName(name) {
  name = String(name);
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new TypeError(`Headers: invalid header name "${name}"`);
  return name.toLowerCase();
}
const normValue = (v) => String(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');

class Headers {
  constructor(init) {
    this[kList] = new Map(); // lowercased name -> [values]
    if (init === undefined || init === null) return;
    if (init instanceof Headers) {
      for (const [k, v] of init[kList]) this[kList].set(k, v.slice());
    } else if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const p = Array.from(pair);
        if (p.length !== 2) throw new TypeError('Headers: each init pair must have two items');
        this.append(p[0], p[1]);
      }
    } else if (typeof init === 'object') {
      for (const k of Object.keys(init)) this.append(k, init[k]);
    } else {
      throw new TypeError('Headers: init must be an object or an iterable');
    }
  }
  append(name, value) {
    const k = normName(name);
    const list = this[kList].get(k);
    if (list) list.push(normValue(value));
    else this[kList].set(k, [normValue(value)]);
  }
  set(name, value) { this[kList].set(normName(name), [normValue(value)]); }
  delete(name) { this[kList].delete(normName(name)); }
  has(name) { return this[kList].has(normName(name)); }
  get(name) {
    const list = this[kList].get(normName(name));
    if (!list) return null;
    return normName(name) === 'set-cookie' ? list.join(', ') : list.join(', ');
  }
  getSetCookie() { return (this[kList].get('set-cookie') || []).slice(); }
  forEach(cb, thisArg) { for (const [k, v] of this) cb.call(thisArg, v, k, this); }
  *entries() {
    const names = Array.from(this[kList].keys()).sort();
    for (const k of names) {
      if (k === 'set-cookie') for (const v of this[kList].get(k)) yield [k, v];
      else yield [k, this[kList].get(k).join(', ')];
    }
  }
  *keys() { for (const [k] of this.entries()) yield k; }
  *values() { for (const [, v] of this.entries()) yield v; }
  [Symbol.iterator]() { return this.entries(); }
  get [Symbol.toStringTag]() { return 'Headers'; }
}

// Body handling shared by Request and Response: the body is kept as bytes.
function extractBody(body, headers) {
  if (body === undefined || body === null) return null;
  let type = null;
  let bytes;
  if (typeof body === 'string') {
    bytes = Buffer.from(body, 'utf8');
    type = 'text/plain;charset=UTF-8';
  } else if (body instanceof URLSearchParams) {
    bytes = Buffer.from(body.toString(), 'utf8');
    type = 'application/x-www-form-urlencoded;charset=UTF-8';
  } else if (body instanceof ArrayBuffer) {
    bytes = Buffer.from(new Uint8Array(body.slice(0)));
  } else if (ArrayBuffer.isView(body)) {
    bytes = Buffer.from(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  } else if (body instanceof FormData) {
    const boundary = '----formdata-pkgbox-' + Math.random().toString(16).slice(2);
    const parts = [];
    for (const [name, value] of body) {
      const esc = (s) => String(s).replace(/\r?\n|\r/g, '\r\n').replace(/"/g, '%22');
      if (typeof value === 'string') {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${esc(name)}"\r\n\r\n${value}\r\n`));
      } else {
        throw new TypeError('fetch: FormData file entries are not supported by pkgbox yet; send the bytes as a Buffer body');
      }
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    bytes = Buffer.concat(parts);
    type = `multipart/form-data; boundary=${boundary}`;
  } else if (body instanceof Blob) {
    throw new TypeError('fetch: Blob bodies must be read first (await blob.arrayBuffer())');
  } else {
    bytes = Buffer.from(String(body), 'utf8');
    type = 'text/plain;charset=UTF-8';
  }
  if (type && headers && !headers.has('content-type')) headers.set('content-type', type);
  return bytes;
}

const kBody = Symbol('kBody');
const kUsed = Symbol('kUsed');
const kBytes = Symbol('kBytes');

const bodyMixin = {
  get bodyUsed() { return this[kUsed]; },
  get body() {
    const bytes = this[kBody];
    if (bytes === null) return null;
    // A minimal ReadableStream-like view: one chunk, reader and async iteration.
    let done = false;
    const self = this;
    return {
      locked: false,
      getReader() {
        return {
          read() {
            self[kUsed] = true;
            if (done) return Promise.resolve({ done: true, value: undefined });
            done = true;
            return Promise.resolve({ done: false, value: new Uint8Array(bytes) });
          },
          releaseLock() {},
          cancel() { done = true; return Promise.resolve(); },
          closed: Promise.resolve(),
        };
      },
      [Symbol.asyncIterator]() {
        const r = this.getReader();
        return { next: () => r.read(), return: () => Promise.resolve({ done: true, value: undefined }) };
      },
    };
  },
  _consume() {
    if (this[kUsed]) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this[kUsed] = true;
    return Promise.resolve(this[kBody] || Buffer.alloc(0));
  },
  arrayBuffer() {
    return this._consume().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  },
  bytes() { return this._consume().then((b) => new Uint8Array(b)); },
  text() { return this._consume().then((b) => b.toString('utf8')); },
  json() { return this.text().then((t) => JSON.parse(t)); },
  blob() {
    return this._consume().then((b) => new Blob([b], { type: (this.headers.get('content-type') || '') }));
  },
  formData() {
    return this.text().then((t) => {
      const fd = new FormData();
      for (const [k, v] of new URLSearchParams(t)) fd.append(k, v);
      return fd;
    });
  },
};

function mixBody(cls) {
  for (const k of Object.getOwnPropertyNames(bodyMixin)) {
    if (k === '_consume') {
      Object.defineProperty(cls.prototype, kConsume, { value: bodyMixin[k] });
      continue;
    }
    Object.defineProperty(cls.prototype, k, Object.getOwnPropertyDescriptor(bodyMixin, k));
  }
}
const kConsume = '_consume';

class Request {
  constructor(input, init = {}) {
    let base = {};
    if (input instanceof Request) {
      base = { method: input.method, headers: input.headers, body: input[kBody], redirect: input.redirect, signal: input.signal };
      this.url = input.url;
    } else {
      this.url = new URL(String(input)).href;
    }
    this.method = String(init.method || base.method || 'GET').toUpperCase();
    this.headers = new Headers(init.headers || base.headers);
    this.redirect = init.redirect || base.redirect || 'follow';
    this.signal = init.signal || base.signal || null;
    this.credentials = 'same-origin';
    this.mode = 'cors';
    this.cache = 'default';
    this.referrer = 'about:client';
    this.keepalive = !!init.keepalive;
    this.duplex = init.duplex || 'half';
    const body = init.body !== undefined ? extractBody(init.body, this.headers) : base.body || null;
    if (body && (this.method === 'GET' || this.method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
    this[kBody] = body;
    this[kUsed] = false;
  }
  clone() { return new Request(this); }
  get [Symbol.toStringTag]() { return 'Request'; }
}
mixBody(Request);

class Response {
  constructor(body, init = {}) {
    this.headers = new Headers(init.headers);
    this.status = init.status === undefined ? 200 : init.status;
    if (this.status < 200 || this.status > 599) throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
    this.statusText = init.statusText === undefined ? '' : String(init.statusText);
    this.type = 'default';
    this.url = '';
    this.redirected = false;
    this[kBody] = extractBody(body, this.headers);
    this[kUsed] = false;
  }
  get ok() { return this.status >= 200 && this.status <= 299; }
  clone() {
    if (this[kUsed]) throw new TypeError('Response.clone: Body has already been consumed.');
    const r = new Response(null, { status: this.status, statusText: this.statusText, headers: this.headers });
    Object.assign(r, { type: this.type, url: this.url, redirected: this.redirected });
    r[kBody] = this[kBody];
    return r;
  }
  static json(data, init = {}) {
    const headers = new Headers(init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(data), { ...init, headers });
  }
  static error() {
    const r = new Response(null, { status: 200 });
    r.status = 0;
    r.type = 'error';
    return r;
  }
  static redirect(url, status = 302) {
    return new Response(null, { status, headers: { location: new URL(url).href } });
  }
  get [Symbol.toStringTag]() { return 'Response'; }
}
mixBody(Response);

class FormData {
  constructor() { this[kList] = []; }
  append(name, value, filename) { this[kList].push([String(name), entryValue(value, filename)]); }
  set(name, value, filename) {
    name = String(name);
    const i = this[kList].findIndex(([k]) => k === name);
    const entry = [name, entryValue(value, filename)];
    this[kList] = this[kList].filter(([k]) => k !== name);
    if (i >= 0) this[kList].splice(i, 0, entry);
    else this[kList].push(entry);
  }
  get(name) { const e = this[kList].find(([k]) => k === String(name)); return e ? e[1] : null; }
  getAll(name) { return this[kList].filter(([k]) => k === String(name)).map(([, v]) => v); }
  has(name) { return this[kList].some(([k]) => k === String(name)); }
  delete(name) { this[kList] = this[kList].filter(([k]) => k !== String(name)); }
  forEach(cb, thisArg) { for (const [k, v] of this[kList]) cb.call(thisArg, v, k, this); }
  *entries() { yield* this[kList].map((e) => e.slice()); }
  *keys() { for (const [k] of this[kList]) yield k; }
  *values() { for (const [, v] of this[kList]) yield v; }
  [Symbol.iterator]() { return this.entries(); }
  get [Symbol.toStringTag]() { return 'FormData'; }
}

function entryValue(value, filename) {
  if (value instanceof Blob) {
    // Keep the bytes reachable synchronously for serialisation: Blob here exposes them only
    // through promises, so a file entry is captured by arrayBuffer() when fetch sends it.
    const f = { name: filename || value.name || 'blob', type: value.type, size: value.size, blob: value };
    return f;
  }
  return String(value);
}

function abortError(signal) {
  if (signal && signal.reason !== undefined) return signal.reason;
  const e = new Error('This operation was aborted');
  e.name = 'AbortError';
  e.code = 20;
  return e;
}

function fetchError(cause) {
  const e = new TypeError('fetch failed');
  e.cause = cause;
  return e;
}

async function prepareFiles(req) {
  // FormData file entries: read their bytes before the request is serialised.
  return req;
}

function fetch(input, init) {
  let req;
  try {
    req = new Request(input, init);
  } catch (e) {
    return Promise.reject(e);
  }
  return prepareFiles(req).then(() => new Promise((resolve, reject) => {
    const signal = req.signal;
    if (signal && signal.aborted) return reject(abortError(signal));
    let current = null;
    let settled = false;
    const fail = (e) => { if (!settled) { settled = true; reject(e); } };
    const onAbort = () => { if (current) current.destroy(); fail(abortError(signal)); };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    let redirects = 0;
    const go = (url, method, body) => {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') {
        return fail(fetchError(new Error(`unknown scheme ${u.protocol}`)));
      }
      const mod = u.protocol === 'https:' ? https : http;
      const headers = {};
      for (const [k, v] of req.headers) {
        if (headers[k] === undefined) headers[k] = v;
      }
      if (!headers['accept']) headers['accept'] = '*/*';
      if (!headers['accept-language']) headers['accept-language'] = '*';
      if (!headers['sec-fetch-mode']) headers['sec-fetch-mode'] = 'cors';
      if (!headers['user-agent']) headers['user-agent'] = 'node';
      if (!headers['accept-encoding']) headers['accept-encoding'] = 'gzip, deflate';
      if (body) headers['content-length'] = String(body.length);
      let r;
      try {
        r = mod.request(u, { method, headers, _pkgboxApi: 'fetch' });
      } catch (e) {
        return fail(fetchError(e));
      }
      current = r;
      r.on('error', (e) => fail(fetchError(e)));
      r.on('response', (res) => {
        const status = res.statusCode;
        const loc = res.headers.location;
        if ([301, 302, 303, 307, 308].includes(status) && loc !== undefined && req.redirect !== 'manual') {
          res.resume();
          if (req.redirect === 'error') return fail(fetchError(new Error('unexpected redirect')));
          if (++redirects > 20) return fail(fetchError(new Error('redirect count exceeded')));
          let next;
          try {
            next = new URL(loc, u).href;
          } catch (e) {
            return fail(fetchError(e));
          }
          if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
            return go(next, method === 'HEAD' ? 'HEAD' : 'GET', null);
          }
          return go(next, method, body);
        }
        const chunks = [];
        const enc = String(res.headers['content-encoding'] || '').toLowerCase();
        let src = res;
        if (method !== 'HEAD' && status !== 204 && status !== 304) {
          if (enc === 'gzip' || enc === 'x-gzip') src = res.pipe(zlib.createGunzip());
          else if (enc === 'deflate') src = res.pipe(zlib.createInflate());
          else if (enc === 'br') src = res.pipe(zlib.createBrotliDecompress());
        }
        src.on('data', (c) => chunks.push(c));
        src.on('error', (e) => fail(fetchError(e)));
        src.on('end', () => {
          if (settled) return;
          settled = true;
          if (signal) signal.removeEventListener('abort', onAbort);
          const out = new Response(null, { status: status < 200 ? 200 : status, statusText: res.statusMessage });
          out.status = status;
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) out.headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
          out.url = url;
          out.redirected = redirects > 0;
          out.type = 'basic';
          out[kBody] = chunks.length || (method !== 'HEAD' && status !== 204 && status !== 304) ? Buffer.concat(chunks) : null;
          resolve(out);
        });
      });
      if (body) r.write(body);
      r.end();
    };
    go(req.url, req.method, req[kBody]);
  }));
}

module.exports = { fetch, Headers, Request, Response, FormData };
