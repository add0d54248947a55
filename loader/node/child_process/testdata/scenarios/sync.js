// spawnSync, execSync and execFileSync: output, status, errors, input, timeout, maxBuffer.
const cp = require('child_process');
const log = (...a) => process.stdout.write(JSON.stringify(a) + '\n');
const res = (r) => ({ status: r.status, signal: r.signal, output: r.output && r.output.map((o) => (o === null ? null : String(o))),
  stdout: r.stdout === null ? null : String(r.stdout), stderr: r.stderr === null ? null : String(r.stderr),
  keys: Object.keys(r), pid: typeof r.pid, error: r.error && [r.error.message, r.error.code, r.error.errno, r.error.syscall, r.error.path, r.error.spawnargs] });
const err = (e) => ({ message: e.message, status: e.status, signal: e.signal, code: e.code, stdout: e.stdout && String(e.stdout),
  stderr: e.stderr && String(e.stderr), keys: Object.keys(e) });

log('spawnSync', res(cp.spawnSync('sh', ['-c', 'echo out; echo err >&2; exit 4'])));
log('spawnSync buffers', Buffer.isBuffer(cp.spawnSync('echo', ['x']).stdout));
log('spawnSync encoding', res(cp.spawnSync('echo', ['enc'], { encoding: 'utf8' })));
log('spawnSync input', res(cp.spawnSync('cat', { input: 'typed input' })));
log('spawnSync input buffer', res(cp.spawnSync('wc', ['-c'], { input: Buffer.alloc(100000, 'y') })));
log('spawnSync enoent', res(cp.spawnSync('nonexistent-pkgbox-command', ['a'])));
log('spawnSync timeout', res(cp.spawnSync('sleep', ['10'], { timeout: 50 })));
const big = cp.spawnSync('sh', ['-c', 'yes | head -c 1000000'], { maxBuffer: 1000 });
log('spawnSync maxBuffer', big.error.code, big.error.message, big.signal, big.status, big.stdout.length > 1000, big.stdout.length < 1000000);
log('spawnSync signal', res(cp.spawnSync('sh', ['-c', 'kill -TERM $$'])));
log('spawnSync env cwd', res(cp.spawnSync('sh', ['-c', 'echo $X; pwd'], { env: { X: 'x-value' }, cwd: '/tmp' })));
log('spawnSync shell', res(cp.spawnSync('echo $((6*7))', { shell: true })));
log('spawnSync ignore', res(cp.spawnSync('echo', ['gone'], { stdio: 'ignore' })));
log('before inherit');
cp.spawnSync('echo', ['inherited output'], { stdio: 'inherit' });
log('after inherit');
log('execSync', String(cp.execSync('echo exec-sync')));
log('execSync encoding', cp.execSync('printf abc', { encoding: 'utf8' }));
log('execSync input', cp.execSync('tr a-z A-Z', { input: 'shout', encoding: 'utf8' }));
try { cp.execSync('echo partial; echo failing >&2; exit 3', { stdio: 'pipe' }); } catch (e) { log('execSync fail', err(e)); }
try { cp.execSync('sleep 10', { timeout: 50 }); } catch (e) { log('execSync timeout', err(e)); }
log('execFileSync', String(cp.execFileSync('printf', ['%s', 'file-sync'])));
try { cp.execFileSync('sh', ['-c', 'exit 9'], { stdio: 'pipe' }); } catch (e) { log('execFileSync fail', err(e)); }
try { cp.execFileSync('nonexistent-pkgbox-command'); } catch (e) { log('execFileSync enoent', err(e)); }
try { cp.spawnSync('echo', { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] }); } catch (e) { log('sync ipc', e.code); }
