// exec and execFile: callbacks, errors, encodings, timeout, maxBuffer and promisify.
const cp = require('child_process');
const { promisify } = require('util');
const log = (...a) => process.stdout.write(JSON.stringify(a) + '\n');
const errInfo = (e) => e && { message: e.message, code: e.code, killed: e.killed, signal: e.signal, cmd: e.cmd, errno: e.errno, syscall: e.syscall };
const call = (fn, ...args) => new Promise((resolve) => {
  fn(...args, (err, stdout, stderr) => resolve({ err: errInfo(err), stdout, stderr,
    types: [typeof stdout, Buffer.isBuffer(stdout)] }));
});

(async () => {
  log('exec ok', await call(cp.exec, 'echo hi; echo there >&2'));
  log('exec fail', await call(cp.exec, 'echo partial; echo bad >&2; exit 7'));
  log('exec buffer', await call(cp.exec, 'printf abc', { encoding: 'buffer' }).then((r) => [r.types, [...r.stdout]]));
  log('exec latin1', await call(cp.exec, 'printf "\\303\\251"', { encoding: 'latin1' }));
  log('exec env', await call(cp.exec, 'echo $ONLY', { env: { ONLY: 'me' } }));
  log('exec cwd', await call(cp.exec, 'pwd', { cwd: '/usr' }));
  log('exec shell', await call(cp.exec, 'echo $0', { shell: '/bin/sh' }));
  log('exec timeout', await call(cp.exec, 'sleep 10', { timeout: 50 }));
  log('exec maxBuffer', await call(cp.exec, 'yes | head -c 100000', { maxBuffer: 10 }).then((r) => [r.err, r.stdout]));
  log('exec stderr maxBuffer', await call(cp.exec, 'echo 0123456789 >&2', { maxBuffer: 4 }).then((r) => [r.err, r.stderr]));
  log('execFile', await call(cp.execFile, 'printf', ['%s-%s', 'a', 'b']));
  log('execFile fail', await call(cp.execFile, 'sh', ['-c', 'exit 2']));
  log('execFile enoent', await call(cp.execFile, 'nonexistent-pkgbox-command', ['x']));
  log('execFile shell', await call(cp.execFile, 'echo', ['$((2*3))'], { shell: true }));
  const child = cp.execFile('cat', (err, stdout) => log('execFile stdin', errInfo(err), stdout));
  child.stdin.end('from stdin');
  await new Promise((r) => child.on('close', r));
  const p = promisify(cp.exec)('echo promised');
  log('promise child', typeof p.child.pid);
  log('promisify exec', await p);
  log('promisify execFile', await promisify(cp.execFile)('echo', ['one', 'two']));
  try {
    await promisify(cp.exec)('echo so; echo se >&2; exit 5');
  } catch (e) {
    log('promisify reject', errInfo(e), e.stdout, e.stderr);
  }
})();
