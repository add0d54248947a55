// CPU-bound work that touches the intrinsics lockdown tames (hasOwnProperty, toString, push,
// Array/Object methods, JSON, closures, classes).
class Vec { constructor(x, y) { this.x = x; this.y = y; } add(o) { return new Vec(this.x + o.x, this.y + o.y); } }
function work(n) {
  let acc = 0;
  const items = [];
  for (let i = 0; i < n; i++) {
    const o = { id: i, name: 'item' + i, tags: ['a', 'b', String(i % 7)] };
    if (Object.prototype.hasOwnProperty.call(o, 'id')) acc += o.id;
    items.push(o);
  }
  const sorted = items.slice().sort((a, b) => (a.name < b.name ? -1 : 1));
  const json = JSON.stringify(sorted.slice(0, 200));
  acc += JSON.parse(json).length;
  let v = new Vec(0, 0);
  for (let i = 0; i < n; i++) v = v.add(new Vec(1, 2));
  acc += v.x + v.y;
  acc += items.map((x) => x.tags.join('-')).filter((s) => s.endsWith('3')).length;
  let fib = (k) => (k < 2 ? k : fib(k - 1) + fib(k - 2));
  acc += fib(20);
  return acc;
}
let total = 0;
for (let r = 0; r < 5; r++) total += work(20000);
console.log(total);
