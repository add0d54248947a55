// spawn: events, streams, exit status, signals, errors and the options that shape a child.
const cp = require('child_process');
const log = (...a) => process.stdout.write(JSON.stringify(a) + '\n');

function run(file, args, opts, feed) {
  return new Promise((resolve) => {
    const c = cp.spawn(file, args, opts);
    const ev = [];
    let out = '';
    let err = '';
    if (c.stdout) { c.stdout.setEncoding('utf8'); c.stdout.on('data', (d) => { out += d; }); }
    if (c.stderr) { c.stderr.setEncoding('utf8'); c.stderr.on('data', (d) => { err += d; }); }
    c.on('spawn', () => ev.push('spawn'));
    c.on('error', (e) => ev.push(['error', e.message, e.code, e.errno, e.syscall, e.path, e.spawnargs]));
    c.on('exit', (code, sig) => ev.push(['exit', code, sig]));
    c.on('close', (code, sig) => {
      ev.push(['close', code, sig]);
      resolve({ ev, out, err, killed: c.killed, exitCode: c.exitCode, signalCode: c.signalCode,
        pid: typeof c.pid, stdio: [c.stdin === null, c.stdout === null, c.stderr === null] });
    });
    if (feed) feed(c);
  });
}

(async () => {
  log('echo', await run('echo', ['hello', 'world']));
  log('exit 3', await run('sh', ['-c', 'echo out; echo err >&2; exit 3']));
  log('enoent', await run('nonexistent-pkgbox-command', ['a', 'b']));
  log('enoent path', await run('./no/such/program', []));
  log('eacces', await run('/etc/passwd', ['x']));
  log('cat stdin', await run('cat', [], {}, (c) => { c.stdin.write('abc'); c.stdin.end(Buffer.from('def\n')); }));
  log('kill', await run('sleep', ['10'], {}, (c) => { log('kill returned', c.kill()); }));
  log('kill SIGKILL', await run('sleep', ['10'], {}, (c) => { c.kill('SIGKILL'); }));
  log('kill number', await run('sleep', ['10'], {}, (c) => { c.kill(2); }));
  log('self signal', await run('sh', ['-c', 'kill -USR1 $$']));
  try { cp.spawn('sleep', ['0']).kill('SIGNOPE'); } catch (e) { log('bad signal', e.code, e.message); }
  log('env', await run('sh', ['-c', 'echo "$FOO:$BAR"'], { env: { FOO: 'foo', BAR: 1, PATH: process.env.PATH } }));
  log('cwd', await run('pwd', [], { cwd: '/' }));
  log('cwd missing', await run('pwd', [], { cwd: '/no/such/dir' }));
  log('shell true', await run('echo $((1+2)) "$0"', [], { shell: true }));
  log('shell path', await run('echo', ['via', 'sh'], { shell: '/bin/sh' }));
  log('argv0', await run('sh', ['-c', 'echo $0'], { argv0: 'custom-zero' }));
  log('stdio ignore', await run('echo', ['ignored'], { stdio: 'ignore' }));
  log('stdio mixed', await run('sh', ['-c', 'echo a; echo b >&2'], { stdio: ['ignore', 'pipe', 'ignore'] }));
  log('stderr to stdout', await run('sh', ['-c', 'echo to-err >&2'], { stdio: ['pipe', 'pipe', 1] }));
  log('timeout', await run('sleep', ['10'], { timeout: 50 }));
  log('timeout killSignal', await run('sleep', ['10'], { timeout: 50, killSignal: 'SIGINT' }));
  log('big output', await run('sh', ['-c', 'yes 0123456789 | head -c 300000'], {}).then((r) => [r.out.length, r.ev]));
  const big = 'x'.repeat(200000);
  log('big stdin', await run('wc', ['-c'], {}, (c) => c.stdin.end(big)).then((r) => [r.out.trim(), r.ev]));
  try { cp.spawn('echo', ['a\u0000b']); } catch (e) { log('null byte', e.code); }
  try { cp.spawn(''); } catch (e) { log('empty', e.code); }
  try { cp.spawn(42); } catch (e) { log('not a string', e.code); }
  log('exports', Object.keys(cp).sort(), typeof cp.ChildProcess, cp.spawn('true') instanceof require('events'));
})();
