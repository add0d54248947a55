// internal/url: the WHATWG URL and URLSearchParams classes. Parsing and setters run in Go
// (url_*.go); a URL keeps its serialization and the offsets of its components, like Node's
// ada-backed URL, so getters are string slices and never cross into Go.

const offsets = new Uint32Array(binding.offsets);
const bParse = binding.parse;
const bUpdate = binding.update;
const bCanParse = binding.canParse;
const bParseParams = binding.parseParams;
const bSerializeParams = binding.serializeParams;
const bToUSV = binding.toUSV;

// Attribute numbers shared with url_setters.go.
const kProtocol = 1, kUsername = 2, kPassword = 3, kHost = 4, kHostname = 5, kPort = 6,
  kPathname = 7, kSearch = 8, kHash = 9;

const surrogate = /[\uD800-\uDFFF]/;
function toUSV(value) {
  const s = `${value}`;
  return surrogate.test(s) ? bToUSV(s) : s;
}

function errInvalidURL(input, base) {
  const extra = { input };
  if (base !== undefined) extra.base = base;
  return plainError(TypeError, 'ERR_INVALID_URL', 'Invalid URL', extra);
}

// Filled in by URL's static block: URLSearchParams writes its list back through it.
let setQueryFromParams;
// Filled in by URLSearchParams' static block.
let newParamsFor, replaceParamsList, paramsList;

const specialOrigins = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

let hasURLBrand;
function checkURL(self) {
  if (self === null || typeof self !== 'object' || !hasURLBrand(self)) {
    throw new TypeError('Receiver must be an instance of class URL');
  }
}

class URL {
  #href = '';
  // [protocolEnd, usernameStart, usernameEnd, passwordStart, passwordEnd, hostStart, hostEnd,
  //  portEnd, pathStart, searchStart, hashStart, hasOpaquePath]; see url_serialize.go.
  #o = null;
  #params = null;

  // Rest parameters instead of `arguments`, which costs goja an object per call.
  constructor(...args) {
    if (args.length === 0) throw errMissingArgs('url');
    const input = `${args[0]}`;
    let base = args[1];
    if (base !== undefined) base = `${base}`;
    const href = bParse(input, base);
    if (href === undefined) throw errInvalidURL(input, base);
    this.#store(href);
  }

  static {
    hasURLBrand = (value) => #href in value;
    setQueryFromParams = (url, serialized) => {
      url.#store(bUpdate(url.#href, kSearch, serialized));
    };
  }

  #store(href) {
    const o = offsets;
    this.#href = href;
    this.#o = [o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8], o[9], o[10], o[11]];
  }

  #set(which, value) {
    const before = this.search;
    this.#store(bUpdate(this.#href, which, value));
    if (this.#params !== null && this.search !== before) {
      replaceParamsList(this.#params, this.search.slice(1));
    }
  }

  toString() { checkURL(this); return this.#href; }

  get href() { checkURL(this); return this.#href; }
  set href(value) {
    checkURL(this);
    value = toUSV(value);
    const href = bParse(value, undefined);
    if (href === undefined) throw errInvalidURL(value);
    const before = this.search;
    this.#store(href);
    if (this.#params !== null && this.search !== before) {
      replaceParamsList(this.#params, this.search.slice(1));
    }
  }

  get origin() {
    checkURL(this);
    const protocol = this.protocol;
    if (specialOrigins.has(protocol)) return `${protocol}//${this.host}`;
    if (protocol === 'blob:') return binding.origin(this.#href);
    return 'null';
  }

  get protocol() { checkURL(this); return this.#href.slice(0, this.#o[0]); }
  set protocol(value) { checkURL(this); this.#set(kProtocol, toUSV(value)); }

  get username() { checkURL(this); return this.#href.slice(this.#o[1], this.#o[2]); }
  set username(value) { checkURL(this); this.#set(kUsername, toUSV(value)); }

  get password() { checkURL(this); return this.#href.slice(this.#o[3], this.#o[4]); }
  set password(value) { checkURL(this); this.#set(kPassword, toUSV(value)); }

  get host() { checkURL(this); return this.#href.slice(this.#o[5], this.#o[7]); }
  set host(value) { checkURL(this); this.#set(kHost, toUSV(value)); }

  get hostname() { checkURL(this); return this.#href.slice(this.#o[5], this.#o[6]); }
  set hostname(value) { checkURL(this); this.#set(kHostname, toUSV(value)); }

  get port() {
    checkURL(this);
    const o = this.#o;
    return o[7] > o[6] ? this.#href.slice(o[6] + 1, o[7]) : '';
  }
  set port(value) { checkURL(this); this.#set(kPort, toUSV(value)); }

  get pathname() { checkURL(this); return this.#href.slice(this.#o[8], this.#o[9]); }
  set pathname(value) { checkURL(this); this.#set(kPathname, toUSV(value)); }

  get search() {
    checkURL(this);
    const o = this.#o;
    return o[10] - o[9] > 1 ? this.#href.slice(o[9], o[10]) : '';
  }
  set search(value) { checkURL(this); this.#set(kSearch, toUSV(value)); }

  get searchParams() {
    checkURL(this);
    if (this.#params === null) this.#params = newParamsFor(this, this.search.slice(1));
    return this.#params;
  }

  get hash() {
    checkURL(this);
    const o = this.#o;
    return this.#href.length - o[10] > 1 ? this.#href.slice(o[10]) : '';
  }
  set hash(value) { checkURL(this); this.#set(kHash, toUSV(value)); }

  toJSON() { checkURL(this); return this.#href; }

  // Node prints a URL as its attributes, through the inspect it is handed.
  [kInspect](depth, options, inspect) {
    if (typeof depth === 'number' && depth < 0) return this;
    const ctor = constructorOf(this) || URL;
    const obj = {};
    obj.href = this.href;
    obj.origin = this.origin;
    obj.protocol = this.protocol;
    obj.username = this.username;
    obj.password = this.password;
    obj.host = this.host;
    obj.hostname = this.hostname;
    obj.port = this.port;
    obj.pathname = this.pathname;
    obj.search = this.search;
    obj.searchParams = this.searchParams;
    obj.hash = this.hash;
    return `${ctor.name} ${inspect(obj, options)}`;
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) throw errMissingArgs('url');
    try {
      return new URL(input, base);
    } catch {
      return null;
    }
  }

  static canParse(input, base = undefined) {
    if (arguments.length === 0) throw errMissingArgs('url');
    input = `${input}`;
    if (base !== undefined) base = `${base}`;
    return bCanParse(input, base);
  }

  // Object URLs need a Blob registry that pkgbox does not keep; Node's type check comes first.
  static createObjectURL(obj) {
    if (!isBlob(obj)) throw errInvalidArgType('obj', 'Blob', obj);
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The URL.createObjectURL() method is not implemented');
  }

  static revokeObjectURL(url) {
    if (arguments.length === 0) throw errMissingArgs('url');
  }
}

// isBlob is a late lookup: internal/blob requires this module's siblings, not the other way.
function isBlob(obj) {
  try {
    return require('internal/blob').isBlob(obj);
  } catch {
    return false;
  }
}

function constructorOf(obj) {
  for (let o = obj; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (d !== undefined && typeof d.value === 'function' && d.value.name !== '') return d.value;
  }
  return null;
}

setLength(URL, 1);
defineEnumerable(URL.prototype, ['toString', 'href', 'origin', 'protocol', 'username', 'password',
  'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash', 'toJSON']);
defineEnumerable(URL, ['parse', 'canParse', 'createObjectURL', 'revokeObjectURL']);
defineToStringTag(URL.prototype, 'URL');

const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const ansi = /\u001b\[\d\d?m/g;

let hasParamsBrand;
function checkParams(self) {
  if (self === null || typeof self !== 'object' || !hasParamsBrand(self)) {
    throw errInvalidThis('URLSearchParams');
  }
}

class URLSearchParams {
  // Names and values interleaved, as Node keeps them.
  #list = [];
  #url = null;

  constructor(init = undefined) {
    if (init == null) {
      // Nothing to add.
    } else if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && #list in init) {
        this.#list = init.#list.slice();
      } else if (method != null) {
        if (typeof method !== 'function') {
          throw nodeError(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
        }
        this.#addPairs(init);
      } else {
        this.#addRecord(init);
      }
    } else {
      let s = toUSV(init);
      if (s[0] === '?') s = s.slice(1);
      this.#list = s === '' ? [] : bParseParams(s);
    }
  }

  #addPairs(init) {
    const list = this.#list;
    for (const pair of init) {
      if (pair == null) throw errInvalidTuple();
      if (Array.isArray(pair)) {
        if (pair.length !== 2) throw errInvalidTuple();
        list.push(toUSV(pair[0]), toUSV(pair[1]));
        continue;
      }
      if ((typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function') {
        throw errInvalidTuple();
      }
      let n = 0;
      for (const element of pair) {
        n++;
        list.push(toUSV(element));
      }
      if (n !== 2) throw errInvalidTuple();
    }
  }

  #addRecord(init) {
    const list = this.#list;
    const seen = new Map();
    for (const key of Reflect.ownKeys(init)) {
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      const name = toUSV(key);
      const value = toUSV(init[key]);
      // Two keys can become the same USVString once lone surrogates are replaced.
      if (seen.has(name)) {
        list[seen.get(name)] = value;
      } else {
        seen.set(name, list.push(name, value) - 1);
      }
    }
  }

  static {
    hasParamsBrand = (value) => #list in value;
    newParamsFor = (url, query) => {
      const p = new URLSearchParams();
      p.#list = query === '' ? [] : bParseParams(query);
      p.#url = url;
      return p;
    };
    replaceParamsList = (params, query) => {
      params.#list = query === '' ? [] : bParseParams(query);
    };
    paramsList = (params) => params.#list;
  }

  #update() {
    if (this.#url !== null) setQueryFromParams(this.#url, bSerializeParams(this.#list));
  }

  get size() {
    checkParams(this);
    return this.#list.length / 2;
  }

  append(...args) {
    checkParams(this);
    if (args.length < 2) throw errMissingArgs('name', 'value');
    this.#list.push(toUSV(args[0]), toUSV(args[1]));
    this.#update();
  }

  delete(...args) {
    checkParams(this);
    if (args.length < 1) throw errMissingArgs('name');
    const list = this.#list;
    const name = toUSV(args[0]);
    let value = args[1];
    if (value !== undefined) {
      value = toUSV(value);
      for (let i = 0; i < list.length;) {
        if (list[i] === name && list[i + 1] === value) list.splice(i, 2);
        else i += 2;
      }
    } else {
      for (let i = 0; i < list.length;) {
        if (list[i] === name) list.splice(i, 2);
        else i += 2;
      }
    }
    this.#update();
  }

  get(...args) {
    checkParams(this);
    if (args.length < 1) throw errMissingArgs('name');
    const list = this.#list;
    const name = toUSV(args[0]);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) return list[i + 1];
    }
    return null;
  }

  getAll(...args) {
    checkParams(this);
    if (args.length < 1) throw errMissingArgs('name');
    const list = this.#list;
    const out = [];
    const name = toUSV(args[0]);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) out.push(list[i + 1]);
    }
    return out;
  }

  has(...args) {
    checkParams(this);
    if (args.length < 1) throw errMissingArgs('name');
    const list = this.#list;
    const name = toUSV(args[0]);
    let value = args[1];
    if (value !== undefined) value = toUSV(value);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
    }
    return false;
  }

  set(...args) {
    checkParams(this);
    if (args.length < 2) throw errMissingArgs('name', 'value');
    const list = this.#list;
    const name = toUSV(args[0]);
    const value = toUSV(args[1]);
    let found = false;
    for (let i = 0; i < list.length;) {
      if (list[i] !== name) {
        i += 2;
      } else if (!found) {
        list[i + 1] = value;
        found = true;
        i += 2;
      } else {
        list.splice(i, 2);
      }
    }
    if (!found) list.push(name, value);
    this.#update();
  }

  // sort orders by name in UTF-16 code units and keeps equal names in their order.
  sort() {
    checkParams(this);
    const list = this.#list;
    const idx = [];
    for (let i = 0; i < list.length; i += 2) idx.push(i);
    idx.sort((a, b) => {
      const x = list[a], y = list[b];
      if (x < y) return -1;
      if (x > y) return 1;
      return a - b;
    });
    const sorted = [];
    for (const i of idx) sorted.push(list[i], list[i + 1]);
    this.#list = sorted;
    this.#update();
  }

  entries() {
    checkParams(this);
    return newParamsIterator(this, 'key+value');
  }

  forEach(callback, thisArg = undefined) {
    checkParams(this);
    if (typeof callback !== 'function') throw errInvalidArgType('callback', 'Function', callback);
    let list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      const key = list[i];
      const value = list[i + 1];
      callback.call(thisArg, value, key, this);
      list = this.#list;
    }
  }

  keys() {
    checkParams(this);
    return newParamsIterator(this, 'key');
  }

  values() {
    checkParams(this);
    return newParamsIterator(this, 'value');
  }

  toString() {
    checkParams(this);
    return bSerializeParams(this.#list);
  }

  [kInspect](depth, options, inspect) {
    checkParams(this);
    if (typeof depth === 'number' && depth < 0) return options.stylize('[Object]', 'special');
    const inner = { ...options };
    if (depth !== null) inner.depth = depth - 1;
    const list = this.#list;
    const parts = [];
    let width = -2;
    for (let i = 0; i < list.length; i += 2) {
      const part = `${inspect(list[i], inner)} => ${inspect(list[i + 1], inner)}`;
      parts.push(part);
      width += part.replace(ansi, '').length + 2;
    }
    const name = this.constructor.name;
    if (width > options.breakLength) return `${name} {\n  ${parts.join(',\n  ')} }`;
    if (parts.length > 0) return `${name} { ${parts.join(', ')} }`;
    return `${name} {}`;
  }
}

function errInvalidTuple() {
  return nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
}

for (const [name, n] of [['append', 2], ['delete', 1], ['get', 1], ['getAll', 1], ['has', 1], ['set', 2]]) {
  setLength(URLSearchParams.prototype[name], n);
}
defineEnumerable(URLSearchParams.prototype, ['size', 'append', 'delete', 'get', 'getAll', 'has', 'set',
  'sort', 'entries', 'forEach', 'keys', 'values', 'toString']);
defineToStringTag(URLSearchParams.prototype, 'URLSearchParams');
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, configurable: true, enumerable: false,
});

// The iterator walks the live list, so pairs added during iteration are seen, as in Node.
const iterState = new WeakMap();
const ParamsIteratorPrototype = Object.create(IteratorPrototype, {
  next: {
    value: function next() {
      const st = iterState.get(this);
      if (st === undefined) throw errInvalidThis('URLSearchParamsIterator');
      const list = paramsList(st.target);
      if (st.index >= list.length) return { value: undefined, done: true };
      const key = list[st.index], value = list[st.index + 1];
      st.index += 2;
      if (st.kind === 'key') return { value: key, done: false };
      if (st.kind === 'value') return { value, done: false };
      return { value: [key, value], done: false };
    },
    writable: true, enumerable: true, configurable: true,
  },
  [kInspect]: {
    value: function inspectIterator(depth, options, inspect) {
      const st = iterState.get(this);
      if (st === undefined) throw errInvalidThis('URLSearchParamsIterator');
      const inner = { ...options };
      if (depth !== null) inner.depth = depth - 1;
      const list = paramsList(st.target);
      const out = [];
      for (let i = st.index; i < list.length; i += 2) {
        if (st.kind === 'key') out.push(list[i]);
        else if (st.kind === 'value') out.push(list[i + 1]);
        else out.push([list[i], list[i + 1]]);
      }
      const multiline = inspect(out, inner).includes('\n');
      const shown = out.map((v) => inspect(v, inner));
      const body = multiline ? `\n  ${shown.join(',\n  ')}` : ` ${shown.join(', ')}`;
      return `${this[Symbol.toStringTag]} {${body} }`;
    },
    writable: true, enumerable: false, configurable: true,
  },
  [Symbol.toStringTag]: { value: 'URLSearchParams Iterator', configurable: true },
});

function newParamsIterator(target, kind) {
  const it = Object.create(ParamsIteratorPrototype);
  iterState.set(it, { target, kind, index: 0 });
  return it;
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw errMissingArgs('domain');
  return binding.domainToASCII(`${domain}`);
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw errMissingArgs('domain');
  return binding.domainToUnicode(`${domain}`);
}

// looksLikeURL is Node's check for URL-shaped objects passed to fileURLToPath.
function looksLikeURL(value) {
  return Boolean(value?.href && value.protocol && value.auth === undefined && value.path === undefined);
}

// fileURLToPath is the POSIX half of Node's: pkgbox runs on POSIX hosts only.
function fileURLToPath(path) {
  if (typeof path === 'string') path = new URL(path);
  else if (!looksLikeURL(path)) throw errInvalidArgType('path', ['string', 'URL'], path);
  if (path.protocol !== 'file:') throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  if (path.hostname !== '') {
    throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  }
  const pathname = path.pathname;
  if (/%2f/i.test(pathname)) {
    throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
  }
  return decodeURIV8(pathname);
}

// decodeURIV8 is decodeURIComponent with V8's error message, which goja words differently.
function decodeURIV8(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    if (e instanceof URIError) throw new URIError('URI malformed');
    throw e;
  }
}

// resolvePosix is path.posix.resolve for one argument.
function resolvePosix(p) {
  if (p[0] !== '/') {
    const cwd = `${process.cwd()}`;
    p = p === '' ? cwd : `${cwd}/${p}`;
  }
  const out = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

// Node 20 percent-encodes these in pathToFileURL, beyond what the URL path state would.
const fileNeedsEscape = /[\x00-\x20"#%<>?[\\\]^`{|}~\x7f]|[^\x00-\x7f]+/g;

function pathToFileURL(filepath) {
  if (typeof filepath !== 'string') throw errInvalidArgType('path', 'string', filepath);
  let resolved = resolvePosix(filepath);
  if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved = `${resolved}/`;
  const encoded = toUSV(resolved).replace(fileNeedsEscape, (m) => {
    if (m.charCodeAt(0) < 0x80) return `%${m.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    return encodeURIComponent(m);
  });
  return new URL(`file://${encoded}`);
}

function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) options.auth = `${decodeURIV8(username)}:${decodeURIV8(password)}`;
  return options;
}

module.exports = {
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  fileURLToPath,
  pathToFileURL,
  urlToHttpOptions,
  isURL: (value) => value !== null && typeof value === 'object' && hasURLBrand(value),
};
