'use strict';
// The compartment's console, and the Console class. Output is formatted with util.formatWithOptions
// (Node's own util.inspect), except for calls whose arguments are all primitives without format
// directives, which binding.format renders directly in Go (most console.log calls, and the only
// ones a hello-world program makes).

let util;
function lazyUtil() {
  if (util === undefined) util = require('util');
  return util;
}

const kColorInspectOptions = { colors: true };
const kNoColorInspectOptions = {};

function formatArgs(colors, args) {
  const fast = binding.format(args);
  if (fast !== undefined) return fast;
  return lazyUtil().formatWithOptions(colors ? kColorInspectOptions : kNoColorInspectOptions, ...args);
}

function Console(options, stderr, ignoreErrors) {
  if (!new.target) return new Console(options, stderr, ignoreErrors);
  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr, ignoreErrors };
  }
  const out = options.stdout;
  const err = options.stderr || out;
  if (!out || typeof out.write !== 'function') {
    const e = new TypeError('The "stdout" argument must be an instance of Stream. Received ' + (out === undefined ? 'undefined' : typeof out));
    e.code = 'ERR_CONSOLE_WRITABLE_STREAM';
    throw e;
  }
  let colorMode = options.colorMode === undefined ? 'auto' : options.colorMode;
  const inspectOptions = options.inspectOptions;
  const useColors = (stream) => colorMode === true || (colorMode === 'auto' && stream && stream.isTTY &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
  const write = (stream, s) => { try { stream.write(s); } catch (e) { if (options.ignoreErrors === false) throw e; } };
  const fmt = (stream, args) => {
    if (inspectOptions) return lazyUtil().formatWithOptions({ ...inspectOptions, colors: useColors(stream) }, ...args);
    return formatArgs(useColors(stream), args);
  };
  installMethods(this, false, (fd, args) => {
    const stream = fd === 2 ? err : out;
    write(stream, indent(fmt(stream, args)) + '\n');
  }, (fd, s) => write(fd === 2 ? err : out, indent(s) + '\n'), (fd) => useColors(fd === 2 ? err : out));
}

let groupIndent = '';
function indent(s) {
  if (groupIndent === '') return s;
  if (s.indexOf('\n') !== -1) s = s.replace(/\n/g, '\n' + groupIndent);
  return groupIndent + s;
}

// installMethods defines the console methods on target. For a plain object (plain: the global
// console) it assigns them, which gives the same attributes without a descriptor per method; a
// Console instance may inherit accessors of a subclass, so it gets them defined.
function installMethods(target, plain, print, printString, colors) {
  const counts = new Map();
  const timers = new Map();
  const methods = {
    log(...args) { print(1, args); },
    warn(...args) { print(2, args); },
    dir(obj, options) {
      printString(1, lazyUtil().inspect(obj, { customInspect: false, colors: colors(1), ...options }));
    },
    time(label = 'default') {
      label = `${label}`;
      if (timers.has(label)) {
        process.emitWarning(`Label '${label}' already exists for console.time()`);
        return;
      }
      timers.set(label, binding.now());
    },
    timeEnd(label = 'default') {
      label = `${label}`;
      if (!timers.has(label)) {
        process.emitWarning(`No such label '${label}' for console.timeEnd()`);
        return;
      }
      printString(1, `${label}: ${formatTime(binding.now() - timers.get(label))}`);
      timers.delete(label);
    },
    timeLog(label = 'default', ...data) {
      label = `${label}`;
      if (!timers.has(label)) {
        process.emitWarning(`No such label '${label}' for console.timeLog()`);
        return;
      }
      const head = `${label}: ${formatTime(binding.now() - timers.get(label))}`;
      print(1, [head, ...data]);
    },
    trace: function trace(...args) {
      const err = { name: 'Trace', message: formatArgs(false, args) };
      Error.captureStackTrace(err, trace);
      printString(2, err.stack);
    },
    assert(expression, ...args) {
      if (!expression) {
        args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
        print(2, args);
      }
    },
    clear() {},
    count(label = 'default') {
      label = `${label}`;
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      printString(1, `${label}: ${n}`);
    },
    countReset(label = 'default') {
      label = `${label}`;
      if (!counts.has(label)) {
        process.emitWarning(`Count for '${label}' does not exist`);
        return;
      }
      counts.delete(label);
    },
    group(...data) {
      if (data.length > 0) print(1, data);
      groupIndent += '  ';
    },
    groupEnd() {
      groupIndent = groupIndent.slice(0, groupIndent.length - 2);
    },
    table(data, properties) {
      if (data === null || typeof data !== 'object') return print(1, [data]);
      printString(1, renderTable(data, properties));
    },
  };
  methods.info = methods.log;
  methods.debug = methods.log;
  methods.error = methods.warn;
  methods.dirxml = methods.log;
  methods.groupCollapsed = methods.group;
  methods.profile = function profile() {};
  methods.profileEnd = function profileEnd() {};
  methods.timeStamp = function timeStamp() {};
  methods.context = function context() {};
  for (const name of Object.keys(methods)) {
    if (plain) target[name] = methods[name];
    else Object.defineProperty(target, name, { value: methods[name], writable: true, enumerable: true, configurable: true });
  }
}

function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms = ms % 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms = ms % 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const parts = seconds.toFixed(3).split('.');
    const pad = (n, w) => String(n).padStart(w, '0');
    return `${hours !== 0 ? pad(hours, 2) + ':' : ''}${pad(minutes, 2)}:${pad(parts[0], 2)}.${parts[1]} (${hours !== 0 ? 'h:mm' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

// console.table, laid out like Node 20's (box-drawing characters, left-aligned cells).
function renderTable(data, properties) {
  const u = lazyUtil();
  const inspectCell = (v) => u.inspect(v, { depth: 1, colors: false, maxArrayLength: 3, breakLength: Infinity });
  const keys = [];
  const rows = [];
  const valueCol = [];
  let hasValues = false;
  const indexKey = '(index)';
  const iterKey = '(iteration index)';
  const isMap = data instanceof Map;
  const isSet = data instanceof Set;
  let entries;
  if (isMap) entries = Array.from(data.entries()).map(([k, v], i) => [i, v, k]);
  else if (isSet) entries = Array.from(data.values()).map((v, i) => [i, v]);
  else entries = Object.keys(data).map((k) => [k, data[k]]);
  for (const [k, v, mapKey] of entries) {
    const row = { __index: String(k) };
    if (isMap) row.__key = inspectCell(mapKey);
    if (v !== null && typeof v === 'object') {
      for (const col of Object.keys(v)) {
        if (properties && !properties.includes(col)) continue;
        if (!keys.includes(col)) keys.push(col);
        row[col] = inspectCell(v[col]);
      }
    } else {
      hasValues = true;
      row.__value = inspectCell(v);
    }
    rows.push(row);
    valueCol.push(row.__value);
  }
  const header = [isMap || isSet ? iterKey : indexKey];
  if (isMap) header.push('Key');
  const cols = properties ? properties.filter((p) => keys.includes(p) || true) : keys;
  header.push(...cols);
  if (hasValues) header.push('Values');
  const table = rows.map((r) => {
    const line = [r.__index];
    if (isMap) line.push(r.__key);
    for (const c of cols) line.push(r[c] === undefined ? '' : r[c]);
    if (hasValues) line.push(r.__value === undefined ? '' : r.__value);
    return line;
  });
  const width = (s) => u.stripVTControlCharacters ? u.stripVTControlCharacters(s).length : s.length;
  const widths = header.map((h, i) => Math.max(width(h), ...table.map((r) => width(r[i]))) + 2);
  const cell = (s, w) => ' ' + s + ' '.repeat(w - width(s) - 1);
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const out = [line('┌', '┬', '┐'), '│' + header.map((h, i) => cell(h, widths[i])).join('│') + '│', line('├', '┼', '┤')];
  for (const r of table) out.push('│' + r.map((c, i) => cell(c, widths[i])).join('│') + '│');
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

const globalConsole = Object.create({});
installMethods(globalConsole, true, (fd, args) => {
  binding.write(fd, indent(formatArgs(binding.colors(fd), args)) + '\n');
}, (fd, s) => binding.write(fd, indent(s) + '\n'), (fd) => binding.colors(fd));
Object.defineProperty(globalConsole, 'Console', { value: Console, writable: true, enumerable: false, configurable: true });

module.exports = globalConsole;
