// Blob and File against Node 20 (without stream()).
const describeNoStream = (o) => describe(o).split(' ').filter((d) => !/^(stream|Symbol\(messaging)/.test(d)).join(' ');
print(describeNoStream(Blob.prototype));
print(describe(File.prototype), Blob.length, File.length);
const b = new Blob(['ab', new Uint8Array([99]), new Blob(['d']), new Uint16Array([0x6665]).buffer, new DataView(new Uint8Array([0x67]).buffer)], { type: 'Text/Plain' });
print(b.size, b.type, Object.prototype.toString.call(b));
print(b.slice(-2).size, b.slice(5).size, b.slice(2, 1).size, JSON.stringify(b.slice().type), b.slice(0, 1, 'X/Y').type);
print(JSON.stringify(new Blob(['a'], { type: 'é' }).type), JSON.stringify(new Blob([], { type: 'a\u0019' }).type), new Blob([], { type: undefined }).type === '');
print(new Blob(['a\r\nb\nc'], { endings: 'native' }).size, new Blob(['a\r\nb'], { endings: 'transparent' }).size, new Blob(['\ud800']).size, new Blob().size);
print(attempt(() => new Blob('str')), attempt(() => new Blob(['a'], 5)), attempt(() => new Blob([], { endings: 'x' })));
print(attempt(() => new File(['x'])), attempt(() => Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get.call({})));
Blob.prototype.text.call({}).catch((e) => print('rejected', errInfo(e)));
const f = new File(['x'], 'name.txt', { type: 'text/plain', lastModified: 5 });
print(f.name, f.lastModified, f.size, f.type, f instanceof Blob, Object.prototype.toString.call(f), new File([], 'n', { lastModified: 'zz' }).lastModified, typeof new File([], 1).lastModified, new File([], 1).name);
print(inspect(b), inspect(f));
print(inspect({ a: { b } }, { depth: 0 }));
const src = new Uint8Array([1, 2, 3]);
const copied = new Blob([src]);
src[0] = 9;
Promise.all([b.text(), b.slice(1, -1).text(), b.arrayBuffer(), copied.bytes(), new Blob([1, {}, null]).text(), f.text()])
  .then(([t1, t2, ab, bytes, t3, t4]) => print('async', t1, t2, show(ab), show(bytes), t3, t4));
