'use strict';
// Node 20's url: the legacy parse/format/resolve are url@0.11 (Node's old url.js, bundled, its
// query parsing pointed at our querystring); the WHATWG URL classes are the compartment's
// globals; the helpers between the two are written here.

const legacy = require('internal/deps/url');
const punycode = require('punycode');
const path = require('path');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_URL_SCHEME, ERR_INVALID_FILE_URL_HOST, ERR_INVALID_FILE_URL_PATH } } =
  require('internal/errors');
const { validateObject } = require('internal/validators');

const URL = global.URL;
const URLSearchParams = global.URLSearchParams;

function isURL(self) {
  return Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
}

function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = legacy.parse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw new ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], urlObject);
  } else if (URL !== undefined && urlObject instanceof URL) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options) {
      validateObject(options, 'options');
      if (options.fragment != null) fragment = Boolean(options.fragment);
      if (options.unicode != null) unicode = Boolean(options.unicode);
      if (options.search != null) search = Boolean(options.search);
      if (options.auth != null) auth = Boolean(options.auth);
    }
    return formatWHATWG(urlObject, { fragment, unicode, search, auth });
  }
  return legacy.Url.prototype.format.call(urlObject);
}

function formatWHATWG(u, { fragment, unicode, search, auth }) {
  const out = [u.protocol];
  const hasHost = u.host !== '' || u.href.startsWith(`${u.protocol}//`);
  if (hasHost) {
    out.push('//');
    if (auth && (u.username !== '' || u.password !== '')) {
      out.push(u.username);
      if (u.password !== '') out.push(':', u.password);
      out.push('@');
    }
    out.push(unicode ? domainToUnicode(u.hostname) : u.hostname);
    if (u.port !== '') out.push(':', u.port);
  }
  out.push(u.pathname);
  if (search) out.push(u.search);
  if (fragment) out.push(u.hash);
  return out.join('');
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw new (require('internal/errors').codes.ERR_MISSING_ARGS)('domain');
  try {
    return new URL(`ws://${String(domain)}`).hostname;
  } catch {
    return '';
  }
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw new (require('internal/errors').codes.ERR_MISSING_ARGS)('domain');
  const ascii = domainToASCII(domain);
  if (ascii === '' && String(domain) !== '') return '';
  return ascii.split('.').map((label) => (label.startsWith('xn--') ? punycode.decode(label.slice(4)) : label)).join('.');
}

function fileURLToPath(p) {
  if (typeof p === 'string') p = new URL(p);
  else if (!isURL(p)) throw new ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], p);
  if (p.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  if (p.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST(process.platform);
  const pathname = p.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2) | 0x20;
      if (pathname[n + 1] === '2' && third === 102) {
        throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
      }
    }
  }
  return decodeURIComponent(pathname);
}

function encodePathChars(filepath) {
  return filepath.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D')
    .replace(/\t/g, '%09');
}

function pathToFileURL(filepath) {
  let resolved = path.resolve(filepath);
  if (filepath.charCodeAt(filepath.length - 1) === 47 && resolved[resolved.length - 1] !== path.sep) resolved += '/';
  const out = new URL('file://');
  out.pathname = encodePathChars(resolved);
  return out;
}

function urlToHttpOptions(url) {
  const options = {
    __proto__: null,
    protocol: url.protocol,
    hostname: typeof url.hostname === 'string' && url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) {
    options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return options;
}

module.exports = {
  Url: legacy.Url,
  parse: legacy.parse,
  resolve: legacy.resolve,
  resolveObject: legacy.resolveObject,
  format: urlFormat,
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};
