// Shared by every script here, in node and in the Go harness: deterministic printing.
function show(v, depth = 0) {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return `[function ${v.name}]`;
  if (depth > 4) return '[deep]';
  if (v instanceof Error) return `${v.name}${v.code !== undefined ? ` ${v.code}` : ''}: ${v.message}`;
  if (Array.isArray(v)) return `[${v.map((x) => show(x, depth + 1)).join(', ')}]`;
  if (ArrayBuffer.isView(v)) return `${Object.prototype.toString.call(v).slice(8, -1)}(${Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).join(',')})`;
  if (v instanceof ArrayBuffer) return `ArrayBuffer(${Array.from(new Uint8Array(v)).join(',')})`;
  if (v instanceof Map) return `Map{${Array.from(v, ([k, x]) => `${show(k, depth + 1)} => ${show(x, depth + 1)}`).join(', ')}}`;
  if (v instanceof Set) return `Set{${Array.from(v, (x) => show(x, depth + 1)).join(', ')}}`;
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (v instanceof RegExp) return `RegExp(${v.source}/${v.flags}/${v.lastIndex})`;
  const tag = Object.prototype.toString.call(v).slice(8, -1);
  const keys = Object.keys(v);
  return `${tag === 'Object' ? '' : tag}{${keys.map((k) => `${k}: ${show(v[k], depth + 1)}`).join(', ')}}`;
}

function errInfo(e) {
  if (e === null || typeof e !== 'object') return `thrown ${show(e)}`;
  return `${e.name}${e.code !== undefined ? ` ${e.code}` : ''}: ${e.message}`;
}

function attempt(f) {
  try {
    return show(f());
  } catch (e) {
    return `throws ${errInfo(e)}`;
  }
}

// props lists own property names, keys and descriptors in a stable form.
function describe(o) {
  return Reflect.ownKeys(o).map((k) => {
    const d = Object.getOwnPropertyDescriptor(o, k);
    const flags = `${d.get ? 'g' : ''}${d.set ? 's' : ''}${d.enumerable ? 'E' : ''}${d.writable ? 'W' : ''}${d.configurable ? 'C' : ''}`;
    return `${String(k)}:${flags}`;
  }).join(' ');
}
