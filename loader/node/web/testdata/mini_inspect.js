// A small stand-in for util.inspect, used only by the Go harness (node runs the real one): enough
// of Node's formatting rules (quoting, compact=3 line breaking, depth, custom inspect hooks) to
// check that the builtins' custom inspect functions produce Node's output.
const inspect = (() => {
  const kCustom = Symbol.for('nodejs.util.inspect.custom');
  const quote = (s) => {
    let q = "'";
    if (s.includes("'")) {
      if (!s.includes('"')) q = '"';
      else if (!s.includes('`') && !s.includes('${')) q = '`';
    }
    const body = s.replace(/[\x00-\x1f\x7f\\]/g, (c) => ({ '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\\': '\\\\' })[c]
      || `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
  };
  const keyName = (k) => (typeof k === 'symbol' ? `[${k.toString()}]` : /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(k) ? k : quote(k));
  function formatValue(ctx, v, recurseTimes) {
    if (v === null) return 'null';
    if (v === undefined) return 'undefined';
    switch (typeof v) {
      case 'string': return quote(v);
      case 'number': return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint': return `${v}n`;
      case 'boolean': return String(v);
      case 'symbol': return v.toString();
      case 'function': return v.name ? `[Function: ${v.name}]` : '[Function (anonymous)]';
    }
    const custom = v[kCustom];
    if (typeof custom === 'function') {
      const opts = { depth: ctx.depth === null ? null : ctx.depth - (ctx.currentDepth ?? 0), breakLength: ctx.breakLength, stylize: (s) => s, colors: false, showHidden: false, compact: 3 };
      const depthArg = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const ret = custom.call(v, depthArg, opts, inspect);
      if (ret !== v) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
      }
    }
    if (ctx.seen.includes(v)) return '[Circular *1]';
    const isArray = Array.isArray(v);
    const ctor = Object.getPrototypeOf(v) === null ? null : v.constructor?.name ?? null;
    let prefix = '';
    if (isArray) prefix = ctor === 'Array' ? '' : `${ctor}(${v.length}) `;
    else if (ctor !== 'Object') prefix = ctor === null ? '[Object: null prototype] ' : `${ctor} `;
    const keys = Object.keys(v);
    if (keys.length === 0 && (!isArray || v.length === 0)) return `${prefix}${isArray ? '[]' : '{}'}`;
    if (recurseTimes > ctx.depth && ctx.depth !== null) return isArray ? '[Array]' : `[${ctor === 'Object' ? 'Object' : ctor}]`;
    ctx.seen.push(v);
    ctx.indentationLvl += 2;
    ctx.currentDepth = recurseTimes;
    const output = keys.map((k) => {
      const val = formatValue(ctx, v[k], recurseTimes + 1);
      return isArray && /^\d+$/.test(k) ? val : `${keyName(k)}: ${val}`;
    });
    ctx.indentationLvl -= 2;
    ctx.seen.pop();
    const braces = isArray ? ['[', ']'] : ['{', '}'];
    const start = output.length + ctx.indentationLvl + braces[0].length + prefix.length + 10;
    let total = output.length + start;
    for (const o of output) total += o.length;
    if (ctx.currentDepth - recurseTimes < 3 && total + output.length <= ctx.breakLength) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) return `${prefix}${braces[0]} ${joined} ${braces[1]}`;
    }
    const ind = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${prefix}${braces[0]}${ind}  ${output.join(`,${ind}  `)}${ind}${braces[1]}`;
  }
  return function inspect(v, opts = {}) {
    const ctx = { depth: opts.depth === undefined ? 2 : opts.depth, breakLength: opts.breakLength ?? 80, indentationLvl: 0, seen: [], currentDepth: 0 };
    return formatValue(ctx, v, 0);
  };
})();
