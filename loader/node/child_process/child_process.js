'use strict';
// Node 20's child_process on pkgbox's Go binding (binding.go). The argument handling follows
// Node's lib/child_process.js and lib/internal/child_process.js (written anew, same behaviour);
// every start goes through binding.spawn / binding.spawnSync, which resolve the program, pass the
// gate and only then create anything. IPC (fork's send/'message') is not provided: fork starts
// the module under pkgbox with connected === false.

const EventEmitter = require('events');
const { Readable, Writable } = require('stream');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_UNKNOWN_SIGNAL },
  errnoNames, setStackHead } = require('internal/errors');
const { validateString, validateObject, validateFunction, validateArray, validateBoolean,
  validateInteger, validateAbortSignal } = require('internal/validators');

const signals = binding.signals;
const customPromisify = Symbol.for('nodejs.util.promisify.custom');
const MAX_BUFFER = 1024 * 1024;

// ---- errors

function nodeError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  setStackHead(err, `${Base.name} [${code}]: ${message}`);
  return err;
}
const ERR_CHILD_PROCESS_STDIO_MAXBUFFER = (name) =>
  nodeError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', `${name} maxBuffer length exceeded`);
const ERR_IPC_CHANNEL_CLOSED = () => nodeError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');

function errorName(errno) {
  const e = errnoNames[String(errno)];
  return e ? e[0] : `Unknown system error ${errno}`;
}

// errnoException is Node's ErrnoException: "syscall CODE" with errno, code and syscall.
function errnoException(errno, syscall) {
  const code = errorName(errno);
  const err = new Error(`${syscall} ${code}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  return err;
}

// genericNodeError is Node's: an Error with extra own properties.
function genericNodeError(message, props) {
  return Object.assign(new Error(message), props);
}

// ---- signals and arguments

function convertToValidSignal(signal) {
  if (typeof signal === 'number' && Object.values(signals).includes(signal)) return signal;
  if (typeof signal === 'string') {
    const n = signals[signal.toUpperCase()];
    if (n !== undefined) return n;
  }
  throw new ERR_UNKNOWN_SIGNAL(signal);
}

function sanitizeKillSignal(killSignal) {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') return convertToValidSignal(killSignal);
  if (killSignal != null) {
    throw new ERR_INVALID_ARG_TYPE('options.killSignal', ['string', 'number'], killSignal);
  }
  return undefined;
}

function validateTimeout(timeout) {
  if (timeout != null && !(Number.isInteger(timeout) && timeout >= 0)) {
    throw new ERR_OUT_OF_RANGE('timeout', 'an unsigned integer', timeout);
  }
}

function validateMaxBuffer(maxBuffer) {
  if (maxBuffer != null && !(typeof maxBuffer === 'number' && maxBuffer >= 0)) {
    throw new ERR_OUT_OF_RANGE('options.maxBuffer', 'a positive number', maxBuffer);
  }
}

function validateArgumentNullCheck(arg, propName) {
  if (typeof arg === 'string' && arg.includes('\u0000')) {
    throw new ERR_INVALID_ARG_VALUE(propName, arg, 'must be a string without null bytes');
  }
}

function validateArgumentsNullCheck(args, propName) {
  for (let i = 0; i < args.length; ++i) validateArgumentNullCheck(args[i], `${propName}[${i}]`);
}

// normalizeSpawnArguments is Node's: validates, folds shell and argv0 into file/args, and turns
// env into KEY=VALUE pairs (left undefined without options.env, for Go to use the process's own
// environment).
function normalizeSpawnArguments(file, args, options) {
  validateString(file, 'file');
  validateArgumentNullCheck(file, 'file');
  if (file.length === 0) throw new ERR_INVALID_ARG_VALUE('file', file, 'cannot be empty');
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args == null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('args', 'object', args);
  } else {
    options = args;
    args = [];
  }
  validateArgumentsNullCheck(args, 'args');
  if (options === undefined) options = {};
  else validateObject(options, 'options');

  let cwd = options.cwd;
  if (cwd != null) {
    if (typeof cwd === 'object' && cwd !== null && cwd.href !== undefined && cwd.protocol === 'file:') {
      cwd = decodeURIComponent(cwd.pathname);
    }
    validateString(cwd, 'options.cwd');
    validateArgumentNullCheck(cwd, 'options.cwd');
  }
  if (options.detached != null) validateBoolean(options.detached, 'options.detached');
  if (options.uid != null && !Number.isInteger(options.uid)) throw new ERR_INVALID_ARG_TYPE('options.uid', 'int32', options.uid);
  if (options.gid != null && !Number.isInteger(options.gid)) throw new ERR_INVALID_ARG_TYPE('options.gid', 'int32', options.gid);
  if (options.shell != null && typeof options.shell !== 'boolean' && typeof options.shell !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.shell', ['boolean', 'string'], options.shell);
  }
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    validateArgumentNullCheck(options.argv0, 'options.argv0');
  }
  if (options.windowsHide != null) validateBoolean(options.windowsHide, 'options.windowsHide');
  if (options.windowsVerbatimArguments != null) {
    validateBoolean(options.windowsVerbatimArguments, 'options.windowsVerbatimArguments');
  }

  if (options.shell) {
    validateArgumentNullCheck(options.shell, 'options.shell');
    const command = [file, ...args].join(' ');
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', command];
  }
  if (typeof options.argv0 === 'string') args.unshift(options.argv0);
  else args.unshift(file);

  let envPairs;
  if (options.env != null) {
    validateObject(options.env, 'options.env', { allowArray: true, allowFunction: true });
    envPairs = [];
    for (const key in options.env) {
      const value = options.env[key];
      if (value !== undefined) {
        validateArgumentNullCheck(key, `options.env['${key}']`);
        validateArgumentNullCheck(value, `options.env['${key}']`);
        envPairs.push(`${key}=${value}`);
      }
    }
  }
  return {
    ...options,
    args,
    cwd,
    detached: !!options.detached,
    envPairs,
    file,
    windowsHide: !!options.windowsHide,
    windowsVerbatimArguments: !!options.windowsVerbatimArguments,
  };
}

// getValidStdio turns options.stdio into the binding's list: 'pipe' | 'ignore' | 'inherit' | 0..2.
function getValidStdio(stdio, sync) {
  if (typeof stdio === 'string') {
    switch (stdio) {
      case 'ignore':
      case 'pipe':
      case 'inherit':
        stdio = [stdio, stdio, stdio];
        break;
      case 'overlapped':
        stdio = ['pipe', 'pipe', 'pipe'];
        break;
      default:
        throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
    }
  } else if (!Array.isArray(stdio)) {
    throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  stdio = stdio.slice();
  while (stdio.length < 3) stdio.push(undefined);
  let ipc = false;
  const out = stdio.map((s, i) => {
    if (s == null) return i < 3 ? 'pipe' : 'ignore';
    if (s === 'pipe' || s === 'overlapped') return 'pipe';
    if (s === 'ignore' || s === 'inherit') return s;
    if (s === 'ipc') {
      if (sync) throw nodeError(Error, 'ERR_IPC_SYNC_FORK', 'IPC cannot be used with synchronous forks');
      if (ipc) throw nodeError(TypeError, 'ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe');
      ipc = true;
      // pkgbox has no IPC channel: the slot stays closed in the child.
      return 'ignore';
    }
    const fd = typeof s === 'number' ? s : (typeof s === 'object' && typeof s.fd === 'number' ? s.fd : undefined);
    if (fd !== undefined) {
      if (fd === i && i < 3) return 'inherit';
      if (fd >= 0 && fd <= 2) return fd;
      throw new ERR_INVALID_ARG_VALUE(`stdio[${i}]`, s, 'is a descriptor pkgbox does not pass to children (only 0, 1 and 2)');
    }
    throw new ERR_INVALID_ARG_VALUE('stdio', s);
  });
  return { stdio: out, ipc };
}

// ---- streams over the binding's pipes

class PipeReader extends Readable {
  constructor(child, fd) {
    super();
    this._child = child;
    this._fd = fd;
  }
  _read() {
    if (this._child._pipes) this._child._pipes.readStart(this._fd);
  }
  _destroy(err, cb) {
    if (this._child._pipes) this._child._pipes.close(this._fd);
    cb(err);
  }
  ref() { return this; }
  unref() { return this; }
}

class PipeWriter extends Writable {
  constructor(child, fd) {
    super();
    this._child = child;
    this._fd = fd;
  }
  _write(chunk, encoding, cb) {
    const h = this._child._pipes;
    if (!h) {
      cb(errnoException(-32, 'write'));
      return;
    }
    h.write(this._fd, chunk, (errno) => cb(errno ? errnoException(errno, 'write') : undefined));
  }
  _final(cb) {
    if (this._child._pipes) this._child._pipes.close(this._fd);
    cb();
  }
  _destroy(err, cb) {
    if (this._child._pipes) this._child._pipes.close(this._fd);
    cb(err);
  }
  ref() { return this; }
  unref() { return this; }
}

// ---- ChildProcess

function maybeClose(subprocess) {
  subprocess._closesGot++;
  if (subprocess._closesGot === subprocess._closesNeeded) {
    subprocess.emit('close', subprocess.exitCode, subprocess.signalCode);
  }
}

function flushStdio(subprocess) {
  const stdio = subprocess.stdio;
  if (stdio == null) return;
  for (let i = 0; i < stdio.length; i++) {
    const stream = stdio[i];
    if (!stream || !stream.readable || stream.readableFlowing === false) continue;
    if (stream.listenerCount('data') > 0 || stream.listenerCount('readable') > 0) continue;
    stream.resume();
  }
}

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._handle = null;
    this._pipes = null;
    this.pid = undefined;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = null;
    this._api = 'child_process.spawn';
  }

  spawn(options) {
    validateObject(options, 'options');
    const { stdio, ipc } = getValidStdio(options.stdio || 'pipe', false);
    if (options.envPairs !== undefined) validateArray(options.envPairs, 'options.envPairs');
    validateString(options.file, 'options.file');
    this.spawnfile = options.file;
    if (options.args === undefined) this.spawnargs = [];
    else {
      validateArray(options.args, 'options.args');
      this.spawnargs = options.args;
    }
    const request = {
      api: options._api || this._api,
      file: options.file,
      args: this.spawnargs,
      cwd: options.cwd,
      envPairs: options.envPairs,
      stdio,
      detached: !!options.detached,
      uid: options.uid,
      gid: options.gid,
      fork: !!options._fork,
      forkModule: options._forkModule,
    };
    const onexit = (exitCode, signalCode) => this._onexit(exitCode, signalCode);
    const ondata = (fd, chunk, errno) => this._ondata(fd, chunk, errno);
    const result = binding.spawn(request, onexit, ondata);
    const syscall = 'spawn ' + this.spawnfile;

    if (result.denied !== undefined || result.errno !== undefined) {
      // Node reports a failed start asynchronously: 'error', then 'close' with exitCode errno.
      let err = result.denied;
      if (err === undefined) {
        err = errnoException(result.errno, syscall);
        err.path = this.spawnfile;
        err.spawnargs = this.spawnargs.slice(1);
      }
      const errno = result.errno !== undefined ? result.errno : -1;
      // As in Node, the pipes were made before the start failed: the streams exist, and end.
      this.stdio = stdio.map((kind, i) => {
        if (kind !== 'pipe') return null;
        const stream = i === 0 ? new PipeWriter(this, i) : new PipeReader(this, i);
        stream.destroy();
        return stream;
      });
      [this.stdin, this.stdout, this.stderr] = this.stdio;
      process.nextTick(() => this._onexit(errno, null, err));
      return result.errno !== undefined ? result.errno : 0;
    }

    this._handle = result;
    this._pipes = result;
    this.pid = result.pid;
    this.stdio = [];
    for (let i = 0; i < stdio.length; i++) {
      let stream = null;
      if (result.pipes[i]) {
        stream = i === 0 ? new PipeWriter(this, i) : new PipeReader(this, i);
        if (i > 0) {
          this._closesNeeded++;
          stream.on('close', () => maybeClose(this));
        }
      }
      this.stdio.push(stream);
    }
    this.stdin = this.stdio.length >= 1 && this.stdio[0] != null ? this.stdio[0] : null;
    this.stdout = this.stdio.length >= 2 && this.stdio[1] != null ? this.stdio[1] : null;
    this.stderr = this.stdio.length >= 3 && this.stdio[2] != null ? this.stdio[2] : null;
    if (ipc) this._ipcWanted = true;
    process.nextTick(() => this.emit('spawn'));
    return 0;
  }

  _ondata(fd, chunk, errno) {
    if (fd < 0) {
      // Output of an inherited stream forwarded through a pipe (no StdioHost file).
      const target = fd === -2 ? process.stderr : process.stdout;
      target.write(chunk);
      return;
    }
    const stream = this.stdio && this.stdio[fd];
    if (!stream || stream.destroyed) return;
    if (errno) stream.destroy(errnoException(errno, 'read'));
    else stream.push(chunk);
  }

  _onexit(exitCode, signalCode, startError) {
    if (signalCode) this.signalCode = signalCode;
    else this.exitCode = exitCode;
    if (this.stdin) this.stdin.destroy();
    this._handle = null;
    if (startError !== undefined) {
      this.emit('error', startError);
    } else if (exitCode < 0) {
      const syscall = this.spawnfile ? 'spawn ' + this.spawnfile : 'spawn';
      const err = errnoException(exitCode, syscall);
      if (this.spawnfile) err.path = this.spawnfile;
      err.spawnargs = (this.spawnargs || []).slice(1);
      this.emit('error', err);
    } else {
      this.emit('exit', this.exitCode, this.signalCode);
    }
    process.nextTick(flushStdio, this);
    maybeClose(this);
  }

  kill(sig) {
    const signal = sig === 0 ? sig : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
    if (this._handle) {
      const err = this._handle.kill(signal);
      if (err === 0) {
        this.killed = true;
        return true;
      }
      if (err !== -3) this.emit('error', errnoException(err, 'kill'));
    }
    return false;
  }

  [Symbol.dispose]() {
    if (!this.killed) this.kill();
  }

  ref() {
    if (this._handle) this._handle.ref();
  }

  unref() {
    if (this._handle) this._handle.unref();
  }

  send(message, handle, options, callback) {
    if (typeof handle === 'function') callback = handle;
    else if (typeof options === 'function') callback = options;
    const ex = ERR_IPC_CHANNEL_CLOSED();
    if (typeof callback === 'function') process.nextTick(callback, ex);
    else process.nextTick(() => this.emit('error', ex));
    return false;
  }

  disconnect() {
    this.emit('error', ERR_IPC_CHANNEL_CLOSED());
  }
}
if (Symbol.dispose === undefined) delete ChildProcess.prototype[Symbol.dispose];

// ---- spawn, exec, execFile, fork

function spawnWithApi(api, file, args, options) {
  options = normalizeSpawnArguments(file, args, options);
  validateTimeout(options.timeout);
  validateAbortSignal(options.signal, 'options.signal');
  const killSignal = sanitizeKillSignal(options.killSignal);
  const child = new ChildProcess();
  child.spawn({ ...options, _api: api });
  if (options.timeout > 0) {
    let timeoutId = setTimeout(() => {
      if (timeoutId) {
        try {
          child.kill(killSignal);
        } catch (err) {
          child.emit('error', err);
        }
        timeoutId = null;
      }
    }, options.timeout);
    child.once('exit', () => {
      if (timeoutId) {
        clearTimeout(timeoutId);
        timeoutId = null;
      }
    });
  }
  if (options.signal) {
    const signal = options.signal;
    const onAbort = () => {
      if (child.kill(killSignal)) child.emit('error', abortError(signal.reason));
    };
    if (signal.aborted) process.nextTick(onAbort);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return child;
}

function abortError(cause) {
  const err = new Error('The operation was aborted', cause !== undefined ? { cause } : undefined);
  err.code = 'ABORT_ERR';
  err.name = 'AbortError';
  return err;
}

function spawn(file, args, options) {
  return spawnWithApi('child_process.spawn', file, args, options);
}

function normalizeExecArgs(command, options, callback) {
  validateString(command, 'command');
  validateArgumentNullCheck(command, 'command');
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = { ...options };
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options, callback };
}

function exec(command, options, callback) {
  const opts = normalizeExecArgs(command, options, callback);
  return execFileWithApi('child_process.exec', opts.file, undefined, opts.options, opts.callback);
}

function execFile(file, args, options, callback) {
  return execFileWithApi('child_process.execFile', file, args, options, callback);
}

function execFileWithApi(api, file, args, options, callback) {
  if (args != null && typeof args === 'object' && !Array.isArray(args)) {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  }
  if (typeof options === 'function') {
    callback = options;
    options = null;
  } else if (options != null) {
    validateObject(options, 'options');
  }
  if (callback != null) validateFunction(callback, 'callback');
  options = {
    encoding: 'utf8',
    timeout: 0,
    maxBuffer: MAX_BUFFER,
    killSignal: 'SIGTERM',
    cwd: null,
    env: null,
    shell: false,
    ...options,
  };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);

  const child = spawnWithApi(api, file, args, {
    cwd: options.cwd,
    env: options.env,
    gid: options.gid,
    shell: options.shell,
    signal: options.signal,
    uid: options.uid,
    windowsHide: !!options.windowsHide,
    windowsVerbatimArguments: !!options.windowsVerbatimArguments,
  });

  let encoding;
  const _stdout = [];
  const _stderr = [];
  if (options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding)) encoding = options.encoding;
  else encoding = null;
  let stdoutLen = 0;
  let stderrLen = 0;
  let killed = false;
  let exited = false;
  let timeoutId;
  let ex = null;
  let cmd = file;

  function exithandler(code, signal) {
    if (exited) return;
    exited = true;
    if (timeoutId) {
      clearTimeout(timeoutId);
      timeoutId = null;
    }
    if (!callback) return;
    let stdout;
    let stderr;
    if (encoding || (child.stdout && child.stdout.readableEncoding)) stdout = _stdout.join('');
    else stdout = Buffer.concat(_stdout);
    if (encoding || (child.stderr && child.stderr.readableEncoding)) stderr = _stderr.join('');
    else stderr = Buffer.concat(_stderr);
    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (args && args.length) cmd += ` ${args.join(' ')}`;
    if (!ex) {
      ex = genericNodeError(`Command failed: ${cmd}\n${stderr}`, {
        code: code < 0 ? errorName(code) : code,
        killed: child.killed || killed,
        signal,
      });
    }
    ex.cmd = cmd;
    callback(ex, stdout, stderr);
  }

  function errorhandler(e) {
    ex = e;
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    exithandler();
  }

  function kill() {
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (e) {
      ex = e;
      exithandler();
    }
  }

  if (options.timeout > 0) {
    timeoutId = setTimeout(function delayedKill() {
      kill();
      timeoutId = null;
    }, options.timeout);
  }

  function collect(stream, chunks, name, getLen, setLen) {
    if (encoding) stream.setEncoding(encoding);
    stream.on('data', (chunk) => {
      if (options.maxBuffer === Infinity) {
        chunks.push(chunk);
        return;
      }
      const enc = stream.readableEncoding;
      const length = enc ? Buffer.byteLength(chunk, enc) : chunk.length;
      const total = getLen() + length;
      setLen(total);
      if (total > options.maxBuffer) {
        const truncatedLen = options.maxBuffer - (total - length);
        chunks.push(chunk.slice(0, truncatedLen));
        ex = ERR_CHILD_PROCESS_STDIO_MAXBUFFER(name);
        kill();
      } else {
        chunks.push(chunk);
      }
    });
  }
  if (child.stdout) collect(child.stdout, _stdout, 'stdout', () => stdoutLen, (n) => { stdoutLen = n; });
  if (child.stderr) collect(child.stderr, _stderr, 'stderr', () => stderrLen, (n) => { stderrLen = n; });

  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);
  return child;
}

function customPromiseExecFunction(orig) {
  return (...args) => {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.child = orig(...args, (err, stdout, stderr) => {
      if (err !== null) {
        err.stdout = stdout;
        err.stderr = stderr;
        reject(err);
      } else {
        resolve({ stdout, stderr });
      }
    });
    return promise;
  };
}

Object.defineProperty(exec, customPromisify, {
  enumerable: false, value: customPromiseExecFunction(exec),
});
Object.defineProperty(execFile, customPromisify, {
  enumerable: false, value: customPromiseExecFunction(execFile),
});

function fork(modulePath, args, options) {
  if (typeof modulePath === 'object' && modulePath !== null && modulePath.href !== undefined) {
    modulePath = decodeURIComponent(modulePath.pathname);
  }
  validateString(modulePath, 'modulePath');
  validateArgumentNullCheck(modulePath, 'modulePath');
  let execArgv;
  if (args == null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else {
    validateArray(args, 'args');
  }
  if (options != null) validateObject(options, 'options');
  options = { ...options, shell: false };
  options.execPath = options.execPath || undefined;
  execArgv = options.execArgv || [];
  validateArray(execArgv, 'options.execArgv');
  if (options.stdio === undefined) {
    options.stdio = options.silent ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['inherit', 'inherit', 'inherit', 'ipc'];
  } else if (typeof options.stdio === 'string') {
    options.stdio = [options.stdio, options.stdio, options.stdio, 'ipc'];
  } else if (!options.stdio.includes('ipc')) {
    throw nodeError(Error, 'ERR_CHILD_PROCESS_IPC_REQUIRED', "Forked processes must have an IPC channel, missing value 'ipc' in options.stdio");
  }
  // With options.execPath the program is that one, run like node: execArgv, module, args. Without
  // it, Go runs the pkgbox executable with `run`, the current run's flags and the module.
  const file = options.execPath !== undefined ? options.execPath : process.execPath;
  const argv = options.execPath !== undefined ? [...execArgv, modulePath, ...args] : args;
  const normalized = normalizeSpawnArguments(file, argv, options);
  validateTimeout(normalized.timeout);
  const killSignal = sanitizeKillSignal(normalized.killSignal);
  const child = new ChildProcess();
  child.spawn({
    ...normalized,
    file: options.execPath !== undefined ? normalized.file : '',
    _api: 'child_process.fork',
    _fork: options.execPath === undefined,
    _forkModule: modulePath,
  });
  child.spawnfile = file;
  if (normalized.timeout > 0) {
    const id = setTimeout(() => child.kill(killSignal), normalized.timeout);
    child.once('exit', () => clearTimeout(id));
  }
  return child;
}

// ---- sync forms

function spawnSyncWithApi(api, file, args, options) {
  options = {
    maxBuffer: MAX_BUFFER,
    ...normalizeSpawnArguments(file, args, options),
  };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  const killSignal = sanitizeKillSignal(options.killSignal);
  const { stdio } = getValidStdio(options.stdio || 'pipe', true);

  let input = options.input;
  if (input != null) {
    if (typeof input === 'string') input = Buffer.from(input, options.encoding && options.encoding !== 'buffer' ? options.encoding : 'utf8');
    else if (ArrayBuffer.isView(input)) input = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    else throw new ERR_INVALID_ARG_TYPE('options.stdio[0]', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  const request = {
    api,
    file: options.file,
    args: options.args,
    cwd: options.cwd,
    envPairs: options.envPairs,
    stdio,
    detached: !!options.detached,
    uid: options.uid,
    gid: options.gid,
    input: stdio[0] === 'pipe' ? input : undefined,
    timeout: options.timeout,
    killSignal,
    maxBuffer: options.maxBuffer,
  };
  const result = binding.spawnSync(request);
  // A denied start throws, as every denied synchronous API does.
  if (result.denied !== undefined) throw result.denied;

  if (result.errno !== undefined && result.output === undefined) {
    const error = errnoException(result.errno, 'spawnSync ' + options.file);
    error.path = options.file;
    error.spawnargs = options.args.slice(1);
    return { error, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
  }
  if (result.forwarded[1]) process.stdout.write(result.forwarded[1]);
  if (result.forwarded[2]) process.stderr.write(result.forwarded[2]);
  const output = result.output;
  if (options.encoding && options.encoding !== 'buffer') {
    for (let i = 0; i < output.length; i++) {
      if (output[i]) output[i] = Buffer.from(output[i]).toString(options.encoding);
    }
  } else {
    for (let i = 0; i < output.length; i++) {
      if (output[i]) output[i] = Buffer.from(output[i].buffer, output[i].byteOffset, output[i].byteLength);
    }
  }
  const out = {};
  if (result.errno !== undefined) {
    const err = errnoException(result.errno, 'spawnSync ' + options.file);
    err.path = options.file;
    err.spawnargs = options.args.slice(1);
    out.error = err;
  }
  out.status = result.status;
  out.signal = result.signal;
  out.output = output;
  out.pid = result.pid;
  out.stdout = output[1] === undefined ? null : output[1];
  out.stderr = output[2] === undefined ? null : output[2];
  return out;
}

function spawnSync(file, args, options) {
  return spawnSyncWithApi('child_process.spawnSync', file, args, options);
}

function checkExecSyncError(ret, args, cmd) {
  let err;
  if (ret.error) {
    err = ret.error;
    Object.assign(err, ret);
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ';
    msg += cmd || args.join(' ');
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    err = genericNodeError(msg, ret);
  }
  return err;
}

function execFileSync(file, args, options) {
  if (args != null && typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = options || {};
  const inheritStderr = !options.stdio;
  const ret = spawnSyncWithApi('child_process.execFileSync', file, args, options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const errArgs = [options.argv0 || file];
  if (Array.isArray(args)) errArgs.push(...args);
  const err = checkExecSyncError(ret, errArgs);
  if (err) throw err;
  return ret.stdout;
}

function execSync(command, options) {
  const opts = normalizeExecArgs(command, options, null);
  const inheritStderr = !opts.options.stdio;
  const ret = spawnSyncWithApi('child_process.execSync', opts.file, undefined, opts.options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, undefined, command);
  if (err) throw err;
  return ret.stdout;
}

function _forkChild() {
  throw nodeError(Error, 'ERR_PKGBOX_UNSUPPORTED', 'child_process._forkChild: pkgbox has no IPC channel');
}

module.exports = {
  _forkChild,
  ChildProcess,
  exec,
  execFile,
  execFileSync,
  execSync,
  fork,
  spawn,
  spawnSync,
};
