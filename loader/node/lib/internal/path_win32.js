'use strict';
// path.win32 for a posix host, written here because path-browserify has only posix. It covers
// drive letters, UNC roots and both separators for every function; the per-drive working
// directories Windows keeps in its environment are not modelled (resolve falls back to cwd).

const { validateString, validateObject } = require('internal/validators');

const isSep = (c) => c === '/' || c === '\\';
const isLetter = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

// parseRoot returns [device, rootEnd, isAbsolute]: device is "C:" or "\\server\share", rootEnd is
// the index just after the root (including its separator).
function parseRoot(p) {
  const len = p.length;
  if (len === 0) return ['', 0, false];
  if (isSep(p[0])) {
    if (len > 1 && isSep(p[1])) {
      let j = 2;
      while (j < len && !isSep(p[j])) j++;
      if (j < len && j !== 2) {
        const server = p.slice(2, j);
        let k = j;
        while (k < len && isSep(p[k])) k++;
        if (k < len) {
          let m = k;
          while (m < len && !isSep(p[m])) m++;
          const device = `\\\\${server}\\${p.slice(k, m)}`;
          return [device, m < len ? m + 1 : m, true];
        }
      }
    }
    let e = 1;
    while (e < len && isSep(p[e])) e++;
    return ['', e === len ? len : 1, true];
  }
  if (len >= 2 && p[1] === ':' && isLetter(p[0])) {
    if (len > 2 && isSep(p[2])) return [p.slice(0, 2), 3, true];
    return [p.slice(0, 2), 2, false];
  }
  return ['', 0, false];
}

function normSegments(tail, allowAboveRoot) {
  const out = [];
  for (const seg of tail.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else {
      out.push(seg);
    }
  }
  return out.join('\\');
}

function normalize(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const [device, rootEnd, abs] = parseRoot(path);
  if (device.startsWith('\\\\') && rootEnd === path.length && !isSep(path[path.length - 1])) return `${device}\\`;
  let tail = normSegments(path.slice(rootEnd), !abs);
  if (tail.length === 0 && !abs) tail = '.';
  if (tail.length > 0 && isSep(path[path.length - 1])) tail += '\\';
  return `${device}${abs ? '\\' : ''}${tail}`;
}

function isAbsolute(path) {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return false;
  return isSep(path[0]) || (len > 2 && isLetter(path[0]) && path[1] === ':' && isSep(path[2]));
}

function join(...args) {
  if (args.length === 0) return '.';
  const parts = [];
  for (let i = 0; i < args.length; i++) {
    validateString(args[i], 'path');
    if (args[i].length > 0) parts.push(args[i]);
  }
  if (parts.length === 0) return '.';
  let joined = parts.join('\\');
  // A first part of exactly two separators would otherwise read as the start of a UNC root.
  const first = parts[0];
  if (isSep(first[0]) && !(first.length > 1 && isSep(first[1]) && first.length > 2 && !isSep(first[2]))) {
    let n = 0;
    while (n < joined.length && isSep(joined[n])) n++;
    if (n >= 2) joined = `\\${joined.slice(n)}`;
  }
  return normalize(joined);
}

function resolve(...args) {
  let device = '';
  let tail = '';
  let abs = false;
  for (let i = args.length - 1; i >= -1; i--) {
    let path;
    if (i >= 0) {
      path = args[i];
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
    } else {
      path = process.cwd();
    }
    const [dev, rootEnd, isAbs] = parseRoot(path);
    if (dev.length > 0 && device.length > 0 && dev.toLowerCase() !== device.toLowerCase()) continue;
    if (device.length === 0 && dev.length > 0) device = dev;
    if (!abs) {
      tail = `${path.slice(rootEnd)}\\${tail}`;
      abs = isAbs;
    }
    if (abs && (device.length > 0 || i < 0)) break;
    if (abs && i >= 0 && device.length === 0) continue;
  }
  tail = normSegments(tail, !abs);
  return abs ? `${device}\\${tail}` : `${device}${tail}` || '.';
}

function relative(from, to) {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  const fromOrig = resolve(from);
  const toOrig = resolve(to);
  if (fromOrig === toOrig) return '';
  if (fromOrig.toLowerCase() === toOrig.toLowerCase()) return '';
  const a = fromOrig.split('\\').filter((s) => s !== '');
  const b = toOrig.split('\\').filter((s) => s !== '');
  if (a.length === 0 || b.length === 0 || a[0].toLowerCase() !== b[0].toLowerCase()) return toOrig;
  let i = 0;
  while (i < a.length && i < b.length && a[i].toLowerCase() === b[i].toLowerCase()) i++;
  const up = new Array(a.length - i).fill('..');
  return up.concat(b.slice(i)).join('\\');
}

function toNamespacedPath(path) {
  if (typeof path !== 'string' || path.length === 0) return path;
  const resolved = resolve(path);
  if (resolved.length <= 2) return path;
  if (resolved[0] === '\\') {
    if (resolved[1] === '\\' && resolved[2] !== '?' && resolved[2] !== '.') return `\\\\?\\UNC\\${resolved.slice(2)}`;
  } else if (isLetter(resolved[0]) && resolved[1] === ':' && resolved[2] === '\\') {
    return `\\\\?\\${resolved}`;
  }
  return path;
}

// splitBase returns [dir, base] of a path whose root ends at rootEnd, ignoring trailing separators.
function splitBase(path, rootEnd) {
  let end = path.length;
  while (end > rootEnd && isSep(path[end - 1])) end--;
  let start = end;
  while (start > rootEnd && !isSep(path[start - 1])) start--;
  let dirEnd = start;
  while (dirEnd > rootEnd && isSep(path[dirEnd - 1])) dirEnd--;
  return [path.slice(0, dirEnd), path.slice(start, end)];
}

function dirname(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const [, rootEnd] = parseRoot(path);
  const [dir, base] = splitBase(path, rootEnd);
  if (base.length === 0 || dir.length === 0) return rootEnd > 0 ? path.slice(0, rootEnd) : (base.length === 0 ? path : '.');
  return dir;
}

function basename(path, suffix) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(path, 'path');
  const [, rootEnd] = parseRoot(path);
  const [, base] = splitBase(path, rootEnd);
  if (suffix !== undefined && suffix.length > 0 && base !== suffix && base.endsWith(suffix)) {
    return base.slice(0, base.length - suffix.length);
  }
  return base;
}

function extOf(base) {
  if (base === '..') return '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

function extname(path) {
  validateString(path, 'path');
  const [, rootEnd] = parseRoot(path);
  return extOf(splitBase(path, rootEnd)[1]);
}

function parse(path) {
  validateString(path, 'path');
  const ret = { root: '', dir: '', base: '', ext: '', name: '' };
  if (path.length === 0) return ret;
  const [, rootEnd] = parseRoot(path);
  ret.root = path.slice(0, rootEnd);
  const [dir, base] = splitBase(path, rootEnd);
  ret.base = base;
  ret.ext = extOf(base);
  ret.name = ret.ext ? base.slice(0, base.length - ret.ext.length) : base;
  ret.dir = dir.length > 0 ? dir : ret.root;
  return ret;
}

function formatExt(ext) { return ext ? `${ext[0] === '.' ? '' : '.'}${ext}` : ''; }
function format(sep) {
  return function format(pathObject) {
    validateObject(pathObject, 'pathObject');
    const dir = pathObject.dir || pathObject.root;
    const base = pathObject.base || `${pathObject.name || ''}${formatExt(pathObject.ext)}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
  };
}

module.exports = {
  resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname,
  format: format('\\'), parse, sep: '\\', delimiter: ';', win32: null, posix: null,
  _makeLong: toNamespacedPath,
  formatWith: format,
};
