'use strict';
// Node 20's path on a posix host: posix is path-browserify (Node's own posix path, bundled) with
// Node 20's argument errors and format(); win32 is internal/path_win32.

const base = require('internal/deps/path');
const win32 = require('internal/path_win32');
const { validateString } = require('internal/validators');

function checked(fn, names) {
  return {
    [fn.name](...args) {
      for (let i = 0; i < names.length; i++) validateString(args[i], names[i]);
      return Reflect.apply(fn, this, args);
    },
  }[fn.name];
}

function resolve(...args) {
  for (let i = 0; i < args.length; i++) validateString(args[i], `paths[${i}]`);
  return base.resolve(...args);
}
function join(...args) {
  for (let i = 0; i < args.length; i++) validateString(args[i], 'path');
  return base.join(...args);
}
function basename(path, suffix) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(path, 'path');
  return base.basename(path, suffix);
}

const posix = {
  resolve,
  normalize: checked(base.normalize, ['path']),
  isAbsolute: checked(base.isAbsolute, ['path']),
  join,
  relative: checked(base.relative, ['from', 'to']),
  toNamespacedPath: (path) => path,
  dirname: checked(base.dirname, ['path']),
  basename,
  extname: checked(base.extname, ['path']),
  format: win32.formatWith('/'),
  parse: checked(base.parse, ['path']),
  sep: '/',
  delimiter: ':',
  win32: null,
  posix: null,
  _makeLong: (path) => path,
};
delete win32.formatWith;
posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;

module.exports = posix;
