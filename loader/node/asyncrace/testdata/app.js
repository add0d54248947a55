'use strict';
// Bursts of async operations of every Go-backed builtin, many in flight at once, so that the
// workers of one run overlap each other and the JavaScript goroutine. Each burst checks its
// results; the run prints one line per burst and "done".
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const cp = require('child_process');
const zlib = require('zlib');
const crypto = require('crypto');
const http = require('http');
const net = require('net');
const dns = require('dns');

const N = Number(process.env.BURST || 8);
const work = path.join(__dirname, 'work');
fs.mkdirSync(work, { recursive: true });

// cb(fn, ...args) calls a callback API and resolves with its first result.
function cb(fn, ...args) {
  return new Promise((resolve, reject) => fn(...args, (err, v) => (err ? reject(err) : resolve(v))));
}
function check(ok, what) {
  if (!ok) throw new Error('check failed: ' + what);
}

async function fsBurst() {
  const jobs = [];
  for (let i = 0; i < N; i++) {
    const file = path.join(work, `f${i}.txt`);
    jobs.push((async () => {
      // string, Buffer and URL paths; options objects
      const data = Buffer.alloc(4096, i);
      await cb(fs.writeFile, file, data, { mode: 0o644, flag: 'w' });
      const got = await cb(fs.readFile, Buffer.from(file), { flag: 'r' });
      check(got.equals(data), 'readFile');
      const st = await cb(fs.stat, Buffer.from(file), { bigint: i % 2 === 0 });
      check(Number(st.size) === 4096, 'stat size');
      await fsp.writeFile(file, 'text ' + i, { encoding: 'utf8' });
      check(await fsp.readFile(new URL('file://' + file), { encoding: 'utf8' }) === 'text ' + i, 'promises.readFile');
      await fsp.appendFile(file, '!', 'utf8');
      await cb(fs.chmod, file, 0o600);
      await cb(fs.truncate, file, 3);
      await cb(fs.utimes, file, 1000 + i, 2000 + i);
      const lst = await fsp.lstat(file, {});
      check(lst.size === 3 && lst.mtimeMs === (2000 + i) * 1000 && (lst.mode & 0o777) === 0o600, 'attributes');

      // fd operations. The buffers are changed while the operations are in flight: Node leaves the
      // outcome to chance (an app bug), pkgbox copies, so it is no data race in Go: a write sends
      // the bytes it was given at the call, a read fills the buffer when it is delivered.
      const fd = await cb(fs.open, file, 'r+');
      const wbuf = Buffer.from('abcdefgh');
      const wrote = cb(fs.write, fd, wbuf, 0, 8, 0);
      wbuf.fill(0x7a);
      check(await wrote === 8, 'write count');
      const rbuf = Buffer.alloc(8);
      const read = cb(fs.read, fd, rbuf, 0, 8, 0);
      rbuf.fill(1);
      check(await read === 8 && rbuf.toString() === 'abcdefgh', 'read: ' + rbuf.toString());
      await cb(fs.writev, fd, [Buffer.from('12'), Buffer.from('34')], 0);
      const a = Buffer.alloc(2);
      const b = Buffer.alloc(3);
      check(await cb(fs.readv, fd, [a, b], 1) === 5 && a.toString() + b.toString() === '234ef', 'readv');
      await cb(fs.fchmod, fd, 0o644);
      await cb(fs.ftruncate, fd, 1);
      await cb(fs.futimes, fd, 5, 6);
      await cb(fs.fsync, fd);
      const fst = await cb(fs.fstat, fd, { bigint: false });
      check(fst.size === 1 && fst.mtimeMs === 6000, 'fd attributes');
      await cb(fs.close, fd);

      // fs.promises FileHandle
      const fh = await fsp.open(Buffer.from(file), 'r+');
      await fh.write(Buffer.from('xyz'), 0, 3, 0);
      const hb = Buffer.alloc(3);
      const { bytesRead } = await fh.read(hb, 0, 3, 0);
      check(bytesRead === 3 && hb.toString() === 'xyz', 'FileHandle');
      await fh.close();
      await cb(fs.access, file, fs.constants.R_OK);
      await cb(fs.rename, file, file + '.moved');
      await fsp.unlink(file + '.moved');
    })());
  }
  // folders: recursive mkdir and readdir, cp, opendir, rm
  const tree = path.join(work, 'tree', 'a', 'b');
  jobs.push((async () => {
    await fsp.mkdir(tree, { recursive: true, mode: 0o755 });
    await Promise.all([...Array(N)].map((_, i) => fsp.writeFile(path.join(tree, `g${i}`), String(i))));
    const names = await cb(fs.readdir, path.join(work, 'tree'), { recursive: true, withFileTypes: false });
    check(names.length === N + 2, 'recursive readdir: ' + names.length);
    const ents = await fsp.readdir(Buffer.from(tree), { withFileTypes: true });
    check(ents.length === N && ents.every((e) => e.isFile()), 'readdir withFileTypes');
    await fsp.cp(path.join(work, 'tree'), path.join(work, 'copy'), { recursive: true });
    check((await fsp.readdir(path.join(work, 'copy', 'a', 'b'))).length === N, 'cp');
    const dir = await fsp.opendir(path.join(work, 'copy', 'a', 'b'));
    let seen = 0;
    for await (const e of dir) seen += e.isFile() ? 1 : 0;
    check(seen === N, 'opendir');
    const tmp = await cb(fs.mkdtemp, path.join(work, 'tmp-'));
    await cb(fs.rm, tmp, { recursive: true });
    await Promise.all([fsp.rm(path.join(work, 'copy'), { recursive: true, force: true }),
      cb(fs.rm, path.join(work, 'tree'), { recursive: true })]);
  })());
  await Promise.all(jobs);
  return 'fs';
}

async function childBurst() {
  const jobs = [];
  for (let i = 0; i < N / 2; i++) {
    jobs.push(new Promise((resolve, reject) => {
      cp.exec('echo "$X"', { cwd: work, env: { X: 'x' + i, PATH: process.env.PATH }, timeout: 30000, maxBuffer: 1 << 20 },
        (err, out) => (err ? reject(err) : out === `x${i}\n` ? resolve() : reject(new Error('exec: ' + out))));
    }));
    jobs.push(new Promise((resolve, reject) => {
      cp.execFile('sh', ['-c', 'printf %s "$1"', 'sh', 'arg' + i], { encoding: 'buffer', windowsHide: true },
        (err, out) => (err ? reject(err) : out.toString() === 'arg' + i ? resolve() : reject(new Error('execFile: ' + out))));
    }));
    jobs.push(new Promise((resolve, reject) => {
      const payload = Buffer.alloc(100000, 0x61 + i);
      const child = cp.spawn('cat', [], { cwd: Buffer.from(work).toString(), stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
      const chunks = [];
      child.stdout.on('data', (d) => chunks.push(d));
      child.on('error', reject);
      child.on('close', (code) => {
        const out = Buffer.concat(chunks);
        code === 0 && out.equals(payload) ? resolve() : reject(new Error(`spawn: exit ${code}, ${out.length} bytes`));
      });
      const half = payload.length / 2;
      child.stdin.write(payload.subarray(0, half));
      child.stdin.end(payload.subarray(half));
    }));
  }
  await Promise.all(jobs);
  return 'child_process';
}

async function zlibBurst() {
  const input = Buffer.concat([crypto.randomBytes(2000), Buffer.from('pkgbox '.repeat(5000))]);
  const jobs = [];
  for (let i = 0; i < N; i++) {
    jobs.push((async () => {
      const gz = await cb(zlib.gzip, input, { level: i % 10 });
      check((await cb(zlib.gunzip, gz, {})).equals(input), 'gunzip');
      const raw = await cb(zlib.deflateRaw, input.toString('latin1'), { strategy: zlib.constants.Z_FILTERED });
      check((await cb(zlib.inflateRaw, raw)).equals(Buffer.from(input.toString('latin1'))), 'inflateRaw');
      const br = await cb(zlib.brotliCompress, input, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: i % 5 } });
      check((await cb(zlib.brotliDecompress, br)).equals(input), 'brotli');
      // a stream: chunks processed in the background one after the other
      const out = await new Promise((resolve, reject) => {
        const z = zlib.createDeflate({ level: 6, chunkSize: 1024 });
        const parts = [];
        z.on('data', (d) => parts.push(d));
        z.on('end', () => resolve(Buffer.concat(parts)));
        z.on('error', reject);
        for (let off = 0; off < input.length; off += 3000) z.write(input.subarray(off, off + 3000));
        z.end();
      });
      check(zlib.inflateSync(out).equals(input), 'deflate stream');
    })());
  }
  await Promise.all(jobs);
  return 'zlib';
}

async function cryptoBurst() {
  const jobs = [];
  for (let i = 0; i < N; i++) {
    jobs.push((async () => {
      const salt = Buffer.from('salt' + i);
      const k = await cb(crypto.pbkdf2, 'pw' + i, salt, 1000, 32, 'sha256');
      salt.fill(0); // after the call: the worker has its own copy
      check(k.equals(crypto.pbkdf2Sync('pw' + i, Buffer.from('salt' + i), 1000, 32, 'sha256')), 'pbkdf2');
      const s = await cb(crypto.scrypt, Buffer.from('pw' + i), 'salt', 32, { N: 1024, r: 8, p: 1 });
      check(s.equals(crypto.scryptSync(Buffer.from('pw' + i), 'salt', 32, { N: 1024, r: 8, p: 1 })), 'scrypt');
      check((await cb(crypto.randomBytes, 64)).length === 64, 'randomBytes');
      const view = new Uint8Array(32);
      const filled = cb(crypto.randomFill, view, 8, 16);
      view[0] = 7; // JavaScript writes the view while the fill is in flight
      await filled;
      check(view[0] === 7 && view.subarray(24).every((x) => x === 0), 'randomFill');
      const h = await cb(crypto.hkdf, 'sha256', 'key' + i, 'salt', 'info', 42);
      check(Buffer.from(h).equals(Buffer.from(crypto.hkdfSync('sha256', 'key' + i, 'salt', 'info', 42))), 'hkdf');
    })());
  }
  await Promise.all(jobs);
  return 'crypto';
}

async function netBurst() {
  const server = http.createServer((req, res) => {
    const parts = [];
    req.on('data', (d) => parts.push(d));
    req.on('end', () => {
      res.setHeader('Connection', 'close');
      res.end(`${req.method} ${req.url} ${Buffer.concat(parts).toString()}`);
    });
  });
  await new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  const { port } = server.address();
  const request = (i) => new Promise((resolve, reject) => {
    const body = Buffer.from('body' + i);
    const req = http.request({ host: '127.0.0.1', port, path: '/r' + i, method: 'POST', agent: false,
      headers: { 'content-type': 'text/plain', 'content-length': body.length } }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => {
        const got = Buffer.concat(parts).toString();
        got === `POST /r${i} body${i}` ? resolve() : reject(new Error('http: ' + got));
      });
    });
    req.on('error', reject);
    req.write(body.subarray(0, 2));
    req.end(body.subarray(2));
  });
  const get = (i) => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/g' + i, agent: false }, (res) => {
      let s = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { s += d; });
      res.on('end', () => (s === `GET /g${i} ` ? resolve() : reject(new Error('get: ' + s))));
    }).on('error', reject);
  });

  // a raw TCP echo server, with writes that may queue behind one another
  const echo = net.createServer((sock) => sock.pipe(sock));
  await new Promise((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const echoPort = echo.address().port;
  const roundTrip = (i) => new Promise((resolve, reject) => {
    const payload = Buffer.alloc(200000, 0x30 + i);
    const sock = net.connect({ host: '127.0.0.1', port: echoPort }, () => {
      sock.write(payload.subarray(0, 1000), () => {});
      sock.write(payload.subarray(1000).toString('latin1'), 'latin1');
      sock.end();
    });
    const parts = [];
    sock.on('data', (d) => parts.push(d));
    sock.on('error', reject);
    sock.on('close', () => (Buffer.concat(parts).equals(payload) ? resolve() : reject(new Error('echo'))));
  });
  const lookup = () => new Promise((resolve, reject) => {
    dns.lookup('localhost', { family: 4, all: true }, (err, addrs) => (err ? reject(err) : addrs.length ? resolve() : reject(new Error('lookup'))));
  });

  const jobs = [];
  for (let i = 0; i < N; i++) {
    jobs.push(request(i), get(i), roundTrip(i), lookup());
  }
  await Promise.all(jobs);
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => echo.close(resolve));
  return 'net';
}

(async () => {
  // all bursts at once, and each burst's operations at once
  const names = await Promise.all([fsBurst(), childBurst(), zlibBurst(), cryptoBurst(), netBurst()]);
  for (const n of names) console.log('ok', n);
  console.log('done');
})().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1); // servers and children may still be open
});
