// Calls of a trivial function with fresh state per call under isolated-vm (node), the measure
// bench/embed.sh puts next to pkgbox's sandbox benchmarks. Usage: node ivm-calls.js SECONDS
// (isolated-vm must be resolvable: NODE_PATH or a node_modules beside the script's cwd).
const ivm = require('isolated-vm');

const seconds = Number(process.argv[2] || 3);
const source = 'function f(x) { return `module.exports called with ${x}`; }';

async function freshContext(isolate, i) {
  const context = await isolate.createContext();
  try {
    await context.eval(source);
    const fn = await context.global.get('f', { reference: true });
    return await fn.apply(undefined, [i], { result: { copy: true } });
  } finally {
    context.release();
  }
}

async function freshIsolate(i) {
  const isolate = new ivm.Isolate({ memoryLimit: 64 });
  try {
    return await freshContext(isolate, i);
  } finally {
    isolate.dispose();
  }
}

async function measure(name, call, parallel) {
  const end = Date.now() + seconds * 1000;
  let n = 0;
  const worker = async () => { while (Date.now() < end) { await call(n); n++; } };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: parallel }, worker));
  const ns = Number(process.hrtime.bigint() - start);
  console.log(`${name}\t${parallel}\t${(n / (ns / 1e9)).toFixed(0)} calls/s\t${(ns / n / 1000).toFixed(0)} µs/call`);
}

(async () => {
  const shared = new ivm.Isolate({ memoryLimit: 64 });
  await measure('ivm fresh context', (i) => freshContext(shared, i), 1);
  await measure('ivm fresh context', (i) => freshContext(shared, i), 2);
  await measure('ivm fresh isolate', freshIsolate, 1);
  await measure('ivm fresh isolate', freshIsolate, 2);
})();
