=== pipeline from transform to writable
const { Readable, Transform, Writable, pipeline } = require('stream');
const seen = [];
pipeline(
  Readable.from(['a', 'b', 'c']),
  new Transform({ transform(chunk, enc, cb) { cb(null, String(chunk).toUpperCase()); } }),
  new Writable({ write(chunk, enc, cb) { seen.push(String(chunk)); cb(); } }),
  (err) => { print('done', err, seen); done(); },
);
=== stream promises pipeline
const { Readable, Writable } = require('stream');
const { pipeline, finished } = require('stream/promises');
const out = [];
const w = new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } });
pipeline(Readable.from([1, 2, 3]), w).then(() => { print('piped', out); return finished(w); }).then(() => { print('finished'); done(); });
=== backpressure
const { Writable } = require('stream');
const w = new Writable({ highWaterMark: 3, write(chunk, enc, cb) { setTimeout(cb, 1); } });
const results = [];
for (let i = 0; i < 5; i++) results.push(w.write('ab'));
print(results, w.writableLength, w.writableNeedDrain);
w.once('drain', () => { print('drain', w.writableLength); w.end(); });
w.on('finish', () => { print('finish'); done(); });
=== errors propagate
const { Readable, Writable, pipeline, finished } = require('stream');
const r = new Readable({ read() { this.destroy(new Error('read failed')); } });
const w = new Writable({ write(c, e, cb) { cb(); } });
pipeline(r, w, (err) => {
  print('pipeline error', err && err.message, r.destroyed, w.destroyed);
  const w2 = new Writable({ write(c, e, cb) { cb(new Error('write failed')); } });
  w2.on('error', (e) => print('error event', e.message));
  finished(w2, (err2) => { print('finished cb', err2 && err2.message); done(); });
  w2.write('x');
});
=== write after end and premature close
const { Writable, Readable, finished } = require('stream');
const w = new Writable({ write(c, e, cb) { cb(); } });
w.end();
w.on('error', (e) => print(e.name, e.code, e.message));
w.write('late');
const r = new Readable({ read() {} });
finished(r, (err) => { print(err.code, err.message); done(); });
r.destroy();
=== async iterator by hand
const { Readable } = require('stream');
const r = Readable.from(['x', 'y', 'z']);
const it = r[Symbol.asyncIterator]();
const got = [];
function step() {
  it.next().then(({ value, done: fin }) => {
    if (fin) { print('iterated', got); done(); return; }
    got.push(value); step();
  });
}
step();
=== operators
const { Readable } = require('stream');
Readable.from([1, 2, 3, 4]).map((x) => x * 2).filter((x) => x > 2).toArray().then((a) => {
  print('map/filter', a);
  return Readable.from([1, 2, 3]).reduce((s, x) => s + x, 0);
}).then((sum) => { print('reduce', sum); return Readable.from(['a', 'b']).take(1).toArray(); })
  .then((t) => { print('take', t); done(); });
=== readable events and encoding
const { Readable, PassThrough } = require('stream');
const r = new Readable({ read() {} });
r.setEncoding('utf8');
const parts = [];
r.on('data', (d) => parts.push(d));
r.on('end', () => { print('end', parts, r.readableEnded); done(); });
r.push(Buffer.from([0xe2, 0x82]));
r.push(Buffer.from([0xac, 0x41]));
r.push(null);
const p = new PassThrough(); p.end('pt'); p.on('data', (d) => print('passthrough', d));
=== duplex compose addAbortSignal
const { Duplex, Readable, Writable, compose, addAbortSignal, Transform } = require('stream');
const d = new Duplex({ read() { this.push('from duplex'); this.push(null); }, write(c, e, cb) { print('duplex got', String(c)); cb(); } });
d.on('data', (c) => print('duplex data', String(c)));
d.write('to duplex');
const up = compose(new Transform({ transform(c, e, cb) { cb(null, String(c).toUpperCase()); } }), new Transform({ transform(c, e, cb) { cb(null, String(c) + '!'); } }));
up.on('data', (c) => print('composed', String(c)));
up.end('hey');
const ac = new AbortController();
const r = addAbortSignal(ac.signal, new Readable({ read() {} }));
r.on('error', (e) => { print('aborted', e.name, e.code); setTimeout(done, 5); });
ac.abort();
=== stream exports
const stream = require('stream');
print(typeof stream, stream === stream.Stream, typeof stream.Readable.from, typeof stream.promises.pipeline, typeof stream.finished, typeof stream.getDefaultHighWaterMark);
print(stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true), stream.isReadable(stream.Readable.from([])));
print(new stream.PassThrough() instanceof stream.Transform, new stream.Transform() instanceof stream.Duplex, new stream.Duplex() instanceof stream.Readable);
