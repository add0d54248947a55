// Runs under node and under pkgbox; prints one JSON object. Paths are relative to a fresh folder.
const fs = require('fs');
const out = {};
const err = (e) => ({ code: e.code, errno: e.errno, syscall: e.syscall, path: e.path, dest: e.dest, message: e.message, name: e.name });
const sync = (name, fn) => { try { out[name] = { ok: fn() }; } catch (e) { out[name] = { err: err(e) }; } };
const stat = (s) => ({ file: s.isFile(), dir: s.isDirectory(), link: s.isSymbolicLink(), size: s.size, mode: s.mode & 0o777, keys: Object.keys(s), date: s.mtime instanceof Date });

fs.mkdirSync('d');
sync('writeFileSync', () => fs.writeFileSync('d/a.txt', 'héllo'));
sync('appendFileSync', () => fs.appendFileSync('d/a.txt', Buffer.from(' world')));
sync('readFileSync', () => fs.readFileSync('d/a.txt', 'utf8'));
sync('readFileSync.buffer', () => Array.from(fs.readFileSync(Buffer.from('d/a.txt')).subarray(0, 3)));
sync('readFileSync.url', () => fs.readFileSync(new URL('file://' + process.cwd() + '/d/a%2Etxt'), 'latin1'));
sync('readFileSync.missing', () => fs.readFileSync('nope.txt'));
sync('readFileSync.dir', () => fs.readFileSync('d'));
sync('readFileSync.nul', () => fs.readFileSync('a\0b'));
sync('readFileSync.badtype', () => fs.readFileSync(42.5));
sync('readFileSync.urlscheme', () => fs.readFileSync(new URL('http://x/y')));
sync('readFileSync.urlslash', () => fs.readFileSync(new URL('file:///a%2Fb')));
sync('statSync', () => stat(fs.statSync('d/a.txt')));
sync('statSync.bigint', () => typeof fs.statSync('d/a.txt', { bigint: true }).size + ':' + Object.keys(fs.statSync('d', { bigint: true })).length);
sync('statSync.noEntry', () => fs.statSync('nope', { throwIfNoEntry: false }));
sync('statSync.missing', () => fs.statSync('nope/x'));
sync('symlinkSync', () => fs.symlinkSync('a.txt', 'd/l'));
sync('lstatSync', () => stat(fs.lstatSync('d/l')));
sync('stat.throughLink', () => stat(fs.statSync('d/l')));
sync('readlinkSync', () => fs.readlinkSync('d/l'));
sync('realpathSync', () => fs.realpathSync('d/l') === process.cwd() + '/d/a.txt');
sync('realpathSync.native', () => fs.realpathSync.native('d/../d/l') === process.cwd() + '/d/a.txt');
sync('linkSync', () => fs.linkSync('d/a.txt', 'd/hard'));
sync('linkSync.exists', () => fs.linkSync('d/a.txt', 'd/hard'));
sync('statSync.nlink', () => fs.statSync('d/hard').nlink);
sync('mkdirSync.recursive', () => fs.mkdirSync('d/x/y/z', { recursive: true }));
sync('mkdirSync.recursiveAbs', () => fs.mkdirSync(process.cwd() + '/d/x2/y', { recursive: true }) === process.cwd() + '/d/x2');
sync('mkdirSync.again', () => fs.mkdirSync('d/x/y/z', { recursive: true }));
sync('mkdirSync.exists', () => fs.mkdirSync('d/x'));
sync('readdirSync', () => fs.readdirSync('d'));
sync('readdirSync.types', () => fs.readdirSync('d', { withFileTypes: true }).map((e) => [e.name, e.parentPath, e.isFile(), e.isDirectory(), e.isSymbolicLink()]));
sync('readdirSync.recursive', () => fs.readdirSync('d', { recursive: true }));
sync('readdirSync.recursiveTypes', () => fs.readdirSync('d', { recursive: true, withFileTypes: true }).map((e) => e.parentPath + '|' + e.name));
sync('readdirSync.notdir', () => fs.readdirSync('d/a.txt'));
sync('renameSync', () => fs.renameSync('d/hard', 'd/hard2'));
sync('renameSync.missing', () => fs.renameSync('d/none', 'd/none2'));
sync('copyFileSync', () => fs.copyFileSync('d/a.txt', 'd/c.txt'));
sync('copyFileSync.excl', () => fs.copyFileSync('d/a.txt', 'd/c.txt', fs.constants.COPYFILE_EXCL));
sync('cpSync.dir', () => fs.cpSync('d/x', 'e', { recursive: true }));
sync('cpSync.result', () => fs.readdirSync('e', { recursive: true }));
sync('accessSync', () => fs.accessSync('d/a.txt', fs.constants.R_OK));
sync('accessSync.missing', () => fs.accessSync('d/zz'));
sync('existsSync', () => [fs.existsSync('d'), fs.existsSync('zz'), fs.existsSync()]);
sync('chmodSync', () => { fs.chmodSync('d/c.txt', 0o600); return fs.statSync('d/c.txt').mode & 0o777; });
sync('chmodSync.string', () => { fs.chmodSync('d/c.txt', '640'); return fs.statSync('d/c.txt').mode & 0o777; });
sync('utimesSync', () => { fs.utimesSync('d/c.txt', 1000, new Date(2000000)); const s = fs.statSync('d/c.txt'); return [s.atimeMs, s.mtimeMs]; });
sync('truncateSync', () => { fs.truncateSync('d/c.txt', 2); return fs.readFileSync('d/c.txt', 'utf8'); });
sync('fd', () => {
  const fd = fs.openSync('d/f.txt', 'w+');
  const n = fs.writeSync(fd, 'abcdef');
  const n2 = fs.writeSync(fd, Buffer.from('XY'), 0, 2, 1);
  const buf = Buffer.alloc(10);
  const r = fs.readSync(fd, buf, 0, 10, 0);
  const st = fs.fstatSync(fd).size;
  fs.ftruncateSync(fd, 3);
  fs.fsyncSync(fd);
  fs.fdatasyncSync(fd);
  const v = fs.writevSync(fd, [Buffer.from('12'), Buffer.from('34')], 3);
  const bufs = [Buffer.alloc(2), Buffer.alloc(3)];
  const rv = fs.readvSync(fd, bufs, 0);
  fs.closeSync(fd);
  return [n, n2, r, buf.toString('latin1', 0, r), st, v, rv, bufs.map((b) => b.toString())];
});
sync('openSync.readonly.write', () => { const fd = fs.openSync('d/a.txt', 'r'); try { return fs.writeSync(fd, 'x'); } finally { fs.closeSync(fd); } });
sync('openSync.badflags', () => fs.openSync('d/a.txt', 'q'));
sync('openSync.wx', () => fs.openSync('d/a.txt', 'wx'));
sync('closeSync.bad', () => fs.closeSync(9999));
sync('fstatSync.bad', () => fs.fstatSync(9999));
sync('mkdtempSync', () => /^d\/tmp-[A-Za-z0-9]{6}$/.test(fs.mkdtempSync('d/tmp-')));
sync('statfsSync', () => Object.keys(fs.statfsSync('.')));
sync('opendirSync', () => { const d = fs.opendirSync('d/x'); const names = []; let e; while ((e = d.readSync()) !== null) names.push(e.name + ':' + e.isDirectory()); d.closeSync(); return [d.path, names]; });
sync('opendirSync.closed', () => { const d = fs.opendirSync('d/x'); d.closeSync(); d.closeSync(); });
sync('unlinkSync', () => fs.unlinkSync('d/l'));
sync('unlinkSync.missing', () => fs.unlinkSync('d/l'));
sync('rmdirSync.notempty', () => fs.rmdirSync('d/x'));
sync('rmSync.dir', () => fs.rmSync('d/x'));
sync('rmSync.missing', () => fs.rmSync('d/nothing'));
sync('rmSync.force', () => fs.rmSync('d/nothing', { force: true }));
sync('rmSync.recursive', () => { fs.rmSync('d/x', { recursive: true }); return fs.existsSync('d/x'); });
sync('constants', () => [fs.constants.O_CREAT, fs.constants.S_IFLNK, fs.constants.COPYFILE_EXCL, fs.F_OK, fs.R_OK]);
sync('classes', () => [typeof fs.Stats, typeof fs.Dirent, typeof fs.Dir, fs.promises === require('fs/promises'), fs.statSync('.') instanceof fs.Stats]);

const cbs = [];
const cb = (name, fn) => cbs.push(new Promise((resolve) => fn((e, ...v) => { out['cb.' + name] = e ? { err: err(e) } : { ok: v }; resolve(); })));
cb('readFile', (k) => fs.readFile('d/a.txt', 'utf8', k));
cb('readFile.missing', (k) => fs.readFile('nope', k));
cb('stat', (k) => fs.stat('d/a.txt', (e, s) => k(e, s && stat(s))));
cb('readdir', (k) => fs.readdir('e', k));
cb('mkdir.exists', (k) => fs.mkdir('d', k));
cb('writeFile', (k) => fs.writeFile('d/w.txt', 'w', k));
cb('access.missing', (k) => fs.access('nope', k));
cb('exists', (k) => fs.exists('d', (v) => k(null, v)));
cb('open.read.close', (k) => fs.open('d/a.txt', (e, fd) => {
  if (e) return k(e);
  fs.read(fd, Buffer.alloc(5), 0, 5, 0, (e2, n, buf) => fs.close(fd, (e3) => k(e2 || e3, n, buf.toString())));
}));
cb('rename.missing', (k) => fs.rename('none1', 'none2', k));
cb('opendir', (k) => fs.opendir('d', (e, dir) => {
  if (e) return k(e);
  dir.read((e2, ent) => dir.close(() => k(e2, ent && typeof ent.name)));
}));
cb('createReadStream', (k) => {
  const chunks = [];
  fs.createReadStream('d/a.txt', { start: 1, end: 4 }).on('data', (c) => chunks.push(c.toString('latin1'))).on('end', () => k(null, chunks.join(''))).on('error', k);
});
cb('createReadStream.missing', (k) => fs.createReadStream('nope.txt').on('error', (e) => k(e)));
cb('createWriteStream', (k) => {
  const w = fs.createWriteStream('d/ws.txt');
  w.write('one ');
  w.end('two', () => k(null, fs.readFileSync('d/ws.txt', 'utf8'), w.bytesWritten));
});

const P = fs.promises;
const pr = (name, p) => cbs.push(p.then((v) => { out['p.' + name] = { ok: v }; }, (e) => { out['p.' + name] = { err: err(e) }; }));
pr('readFile', P.readFile('d/a.txt', 'utf8'));
pr('readFile.missing', P.readFile('nope'));
pr('stat', P.stat('d').then(stat));
pr('readdir', P.readdir('e', { recursive: true }));
pr('mkdir.recursive', P.mkdir('./p/q', { recursive: true }));
pr('writeFile', P.writeFile('d/pw.txt', 'pw').then(() => fs.readFileSync('d/pw.txt', 'utf8')));
pr('access.missing', P.access('nope'));
pr('unlink.missing', P.unlink('nope'));
pr('rm.missing', P.rm('nope'));
pr('filehandle', (async () => {
  const fh = await P.open('d/fh.txt', 'w+');
  const w = await fh.write('hello');
  const r = await fh.read(Buffer.alloc(5), 0, 5, 0);
  const s = await fh.stat();
  await fh.truncate(2);
  const all = await fh.readFile('utf8');
  await fh.close();
  return [w.bytesWritten, r.bytesRead, r.buffer.toString(), s.size, all, typeof fh.fd];
})());
pr('filehandle.readonly', (async () => {
  const fh = await P.open('d/a.txt', 'r');
  try { return await fh.write('x'); } finally { await fh.close(); }
})());
pr('opendir.iterate', (async () => {
  const dir = await P.opendir('e');
  const names = [];
  const it = dir[Symbol.asyncIterator]();
  for (let r = await it.next(); !r.done; r = await it.next()) names.push(r.value.name);
  return names.sort();
})());
pr('copyFile', P.copyFile('d/a.txt', 'd/pc.txt').then(() => fs.readFileSync('d/pc.txt', 'utf8')));
pr('realpath', P.realpath('d/../d').then((v) => v === process.cwd() + '/d'));

Promise.all(cbs).then(() => {
  const sorted = {};
  for (const k of Object.keys(out).sort()) sorted[k] = out[k];
  console.log(JSON.stringify(sorted));
});
