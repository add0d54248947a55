'use strict';
// Node 20's querystring, written here: the npm ports are of Node 0.x (plain-object results,
// exceptions on malformed escapes), which Node 20 no longer has.

const { codes: { ERR_INVALID_URI } } = require('internal/errors');

function isHex(c) {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
function hexValue(c) {
  if (c <= 57) return c - 48;
  if (c <= 70) return c - 55;
  return c - 87;
}

function unescapeBuffer(s, decodeSpaces) {
  s = String(s);
  const out = Buffer.allocUnsafe(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 43 && decodeSpaces) {
      out[n++] = 32;
    } else if (c === 37 && i + 2 < s.length + 0 && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      out[n++] = hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2));
      i += 2;
    } else {
      out[n++] = c;
    }
  }
  return out.slice(0, n);
}

function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return QueryString.unescapeBuffer(s, decodeSpaces).toString();
  }
}

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  try {
    return encodeURIComponent(str);
  } catch {
    throw new ERR_INVALID_URI();
  }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && isFinite(v)) return '' + v;
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringified(v, encode) {
  if (typeof v === 'string') return (v.length ? encode(v) : '');
  if (typeof v === 'number' && isFinite(v)) {
    // 1e21 and above print with a '+', which must be escaped.
    return (Math.abs(v) < 1e21 ? '' + v : encode('' + v));
  }
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringifiedCustom(v, encode) {
  return encode(stringifyPrimitive(v));
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  let encode = QueryString.escape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  const convert = (encode === qsEscape ? encodeStringified : encodeStringifiedCustom);
  if (obj === null || typeof obj !== 'object') return '';
  const fields = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = convert(k, encode) + eq;
    if (Array.isArray(v)) {
      for (let j = 0; j < v.length; ++j) fields.push(ks + convert(v[j], encode));
    } else {
      fields.push(ks + convert(v, encode));
    }
  }
  return fields.join(sep);
}

function decodeStr(s, decoder) {
  try {
    return decoder(s);
  } catch {
    return QueryString.unescape(s, true);
  }
}

function parse(qs, sep, eq, options) {
  const obj = { __proto__: null };
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';
  let pairs = 1000;
  if (options && typeof options.maxKeys === 'number') pairs = options.maxKeys > 0 ? options.maxKeys : Infinity;
  let decode = QueryString.unescape;
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent;
  const pieces = qs.split(sep);
  for (let i = 0; i < pieces.length && pairs > 0; i++) {
    const piece = pieces[i];
    if (piece.length === 0) continue;
    const idx = piece.indexOf(eq);
    let key = idx >= 0 ? piece.slice(0, idx) : piece;
    let value = idx >= 0 ? piece.slice(idx + eq.length) : '';
    key = key.replace(/\+/g, ' ');
    value = value.replace(/\+/g, ' ');
    if (key.includes('%')) key = decodeStr(key, decode);
    else if (decode !== qsUnescape) key = decodeStr(key, decode);
    if (value.includes('%')) value = decodeStr(value, decode);
    else if (decode !== qsUnescape) value = decodeStr(value, decode);
    const cur = obj[key];
    if (cur === undefined) obj[key] = value;
    else if (Array.isArray(cur)) cur.push(value);
    else obj[key] = [cur, value];
    pairs--;
  }
  return obj;
}

const QueryString = module.exports = {
  unescapeBuffer,
  unescape: qsUnescape,
  escape: qsEscape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};
