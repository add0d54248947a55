'use strict';
// Builds a compartment's `process`. The object already exists (the loader hands it out before it
// is complete, so that builtins loading in between can capture it); this module fills it in.
// Everything that reaches outside the compartment goes through `binding`, which carries the
// compartment's identity.

const EventEmitter = require('events');

const signals = new Set(['SIGABRT', 'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCONT', 'SIGFPE', 'SIGHUP', 'SIGILL',
  'SIGINT', 'SIGIO', 'SIGIOT', 'SIGPIPE', 'SIGPOLL', 'SIGPROF', 'SIGPWR', 'SIGQUIT', 'SIGSEGV', 'SIGSTKFLT',
  'SIGSYS', 'SIGTERM', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGUNUSED', 'SIGURG', 'SIGUSR1', 'SIGUSR2',
  'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ', 'SIGBREAK', 'SIGLOST', 'SIGINFO']);

function defineValue(obj, name, value, enumerable) {
  Object.defineProperty(obj, name, { value, writable: true, enumerable: enumerable !== false, configurable: true });
}

function defineLazy(obj, name, make) {
  Object.defineProperty(obj, name, {
    get() { const v = make(); defineValue(obj, name, v); return v; },
    set(v) { defineValue(obj, name, v); },
    enumerable: true,
    configurable: true,
  });
}

// The class Node names `process` (Object.getPrototypeOf(process).constructor.name).
const proto = Object.create(EventEmitter.prototype, {
  constructor: { value: function process() {}, writable: true, enumerable: false, configurable: true },
});
Object.setPrototypeOf(process, proto);
EventEmitter.call(process);
// Object.prototype.toString.call(process) is '[object process]' in Node; axios picks its http
// adapter by it.
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: true, enumerable: false, configurable: false });

// Plain assignments give the same attributes as defineValue(obj, name, value) (nothing on the
// prototype chain intercepts these names) without a descriptor object per property: this module
// runs once per compartment that uses process.
process.version = binding.version;
process.versions = binding.versions;
process.arch = binding.arch;
process.platform = binding.platform;
process.release = binding.release;
process.title = 'node';
process.argv = binding.argv;
process.argv0 = 'node';
process.execArgv = [];
process.execPath = binding.execPath;
process.pid = binding.pid;
process.ppid = binding.ppid;
process.env = binding.env;
process.features = { inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, cached_builtins: true, typescript: false };
process.config = { target_defaults: {}, variables: {} };
process.debugPort = 9229;
process.allowedNodeEnvironmentFlags = new Set();

Object.defineProperty(process, 'exitCode', {
  get() { return binding.getExitCode(); },
  set(code) { binding.setExitCode(code); },
  enumerable: true,
  configurable: false,
});
Object.defineProperty(process, 'mainModule', {
  get() { return binding.mainModule(); },
  enumerable: false,
  configurable: true,
});

process.cwd = function cwd() { return binding.cwd(); };
process.chdir = function chdir(dir) { binding.chdir(dir); };
process.umask = function umask(mask) { return binding.umask(mask); };
process.exit = function exit(code) { binding.exit(code); };
process.reallyExit = function reallyExit(code) { binding.exit(code); };
process.abort = function abort() { binding.abort(); };
process.kill = function kill(pid, signal) { return binding.kill(pid, signal === undefined ? 'SIGTERM' : signal); };
process.nextTick = binding.nextTick;
process.hrtime = binding.hrtime;
process.hrtime.bigint = binding.hrtimeBigint;
process.uptime = binding.uptime;
process.memoryUsage = binding.memoryUsage;
process.memoryUsage.rss = function rss() { return binding.memoryUsage().rss; };
process.cpuUsage = binding.cpuUsage;
process.resourceUsage = binding.resourceUsage;
process.constrainedMemory = function constrainedMemory() { return 0; };
process.availableMemory = function availableMemory() { return binding.availableMemory(); };
process.getuid = binding.getuid;
process.geteuid = binding.geteuid;
process.getgid = binding.getgid;
process.getegid = binding.getegid;
process.getgroups = binding.getgroups;
process.binding = function binding_(name) {
  const e = new Error('No such module: ' + name);
  e.code = 'ERR_INVALID_MODULE';
  throw e;
};

let captureCallback = null;
process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback(fn) {
  if (fn !== null && typeof fn !== 'function') {
    throw new TypeError('The "fn" argument must be of type function or null.');
  }
  binding.checkControl('process.setUncaughtExceptionCaptureCallback');
  captureCallback = fn;
};
process.hasUncaughtExceptionCaptureCallback = function hasUncaughtExceptionCaptureCallback() { return captureCallback !== null; };

const warned = new Set();
process.emitWarning = function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor; code = type.code; detail = type.detail; type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type; code = undefined; type = 'Warning';
  }
  if (type === undefined) type = 'Warning';
  if (typeof code === 'function') { ctor = code; code = undefined; }
  let w;
  if (typeof warning === 'string') {
    w = new Error(warning);
    w.name = String(type || 'Warning');
    if (code !== undefined) w.code = code;
    if (detail !== undefined) w.detail = detail;
    if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(w, ctor || process.emitWarning);
  } else if (warning instanceof Error) {
    w = warning;
  } else {
    throw new TypeError('The "warning" argument must be of type string or an instance of Error.');
  }
  if (w.name === 'DeprecationWarning' && process.noDeprecation) return;
  process.nextTick(() => {
    process.emit('warning', w);
    if (binding.noWarnings()) return;
    if (w.name === 'DeprecationWarning' && w.code) {
      if (warned.has(w.code)) return;
      warned.add(w.code);
    }
    let msg = '(node:' + binding.pid + ') ';
    if (w.code) msg += '[' + w.code + '] ';
    msg += w.name + ': ' + w.message;
    if (w.detail) msg += '\n' + w.detail;
    if (!binding.warningHintShown()) {
      msg += '\n(Use `node --trace-warnings ...` to show where the warning was created)';
    }
    binding.write(2, msg + '\n');
  });
};

// Signal listeners are process control: a package needs the capability to install one. So are
// listeners for uncaught errors and unhandled rejections: their presence decides whether the
// process survives a fatal error of any compartment (the app's included), and they receive it.
const controlEvents = new Set(['uncaughtException', 'unhandledRejection']);
for (const method of ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener']) {
  const original = EventEmitter.prototype[method];
  defineValue(process, method, function (event, listener) {
    if (typeof event === 'string' && (signals.has(event) || controlEvents.has(event))) binding.checkControl('process.on(' + JSON.stringify(event) + ')');
    return original.call(this, event, listener);
  }, false);
}

// stdio streams are made on first use: most programs never touch them.
defineLazy(process, 'stdout', () => require('internal/stdio').writable(1));
defineLazy(process, 'stderr', () => require('internal/stdio').writable(2));
defineLazy(process, 'stdin', () => require('internal/stdio').readable(0));

module.exports = process;
