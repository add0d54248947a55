'use strict';
// Runs every case of cases.json through real Node and prints {name: outcome}
// as JSON. Outcomes: {path} relative to ROOT, {builtin}, {paths} or
// {code, message, requireStack} with ROOT written as <root>.
//
// usage: node --expose-internals --no-addons --no-deprecation golden.cjs ROOT CASES.json
// (--expose-internals: Import cases call Node's own ESM resolver, which
// import.meta.resolve uses, with any parent file; --no-addons: pkgbox does
// not set the "node-addons" condition.)
// Cases with "conditions" are run in a child node with --conditions=...
const fs = require('fs');
const path = require('path');
const Module = require('module');
const { execFileSync } = require('child_process');
const { pathToFileURL, fileURLToPath } = require('url');
const { defaultResolve } = require('internal/modules/esm/resolve');

const [rootArg, casesArg, onlyConds] = process.argv.slice(2);
const root = path.resolve(rootArg);
const casesFile = path.resolve(casesArg);
const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));

// Node resolves the relative specifiers of its "Did you mean" hints against
// the working folder; an empty one keeps them out of the goldens.
const empty = fs.mkdtempSync(path.join(require('os').tmpdir(), 'resolve-golden-'));
process.chdir(empty);

const sub = (s) => s.split('<root>').join(root);
const abs = (p) => {
  const a = path.join(root, p);
  return p.endsWith('/') ? a + '/' : a;
};

function outcome(fn) {
  try {
    return fn();
  } catch (e) {
    let message = String(e.message);
    let requireStack = false;
    const i = message.indexOf('\nRequire stack:\n');
    if (i >= 0) {
      message = message.slice(0, i);
      requireStack = true;
    }
    return { code: e.code || '', message: message.split(root).join('<root>'), requireStack };
  }
}

function fileResult(p) {
  if (p.startsWith(root + '/')) return { path: p.slice(root.length + 1) };
  return { path: p };
}

function run(c) {
  const from = abs(c.from);
  const spec = sub(c.spec);
  switch (c.mode) {
    case 'require': {
      const req = Module.createRequire(from);
      // require() itself, not require.resolve, decides these two.
      if (spec === '' || spec.startsWith('node:')) {
        return outcome(() => { req(spec); return { builtin: spec.slice(5) }; });
      }
      return outcome(() => {
        const r = req.resolve(spec);
        return path.isAbsolute(r) ? fileResult(r) : { builtin: r.replace(/^node:/, '') };
      });
    }
    case 'paths': {
      const req = Module.createRequire(from);
      return outcome(() => {
        const r = req.resolve(spec, { paths: c.paths.map(abs) });
        return path.isAbsolute(r) ? fileResult(r) : { builtin: r.replace(/^node:/, '') };
      });
    }
    case 'lookup': {
      const req = Module.createRequire(from);
      const ps = req.resolve.paths(spec);
      if (ps === null) return { paths: null };
      const global = new Set(Module.globalPaths);
      return { paths: ps.filter((p) => !global.has(p) && p.startsWith(root + '/')).map((p) => p.slice(root.length + 1)) };
    }
    case 'import': {
      let parentURL = pathToFileURL(from).href;
      if (from.endsWith('/') && !parentURL.endsWith('/')) parentURL += '/';
      return outcome(() => {
        const { url } = defaultResolve(spec, { parentURL });
        if (url.startsWith('node:')) {
          const name = url.slice(5);
          // import of an unknown node: URL fails when loading, like this:
          if (!Module.isBuiltin(url)) {
            const e = new Error(`No such built-in module: ${url}`);
            e.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
            throw e;
          }
          return { builtin: name };
        }
        if (url.startsWith('file:')) return fileResult(fileURLToPath(url));
        return { url };
      });
    }
  }
  throw new Error('unknown mode ' + c.mode);
}

const out = {};
const byConds = new Map();
for (const c of cases) {
  const key = JSON.stringify(c.conditions || []);
  if (onlyConds !== undefined) {
    if (key === onlyConds) out[c.name] = run(c);
    continue;
  }
  if (!c.conditions) {
    out[c.name] = run(c);
  } else {
    byConds.set(key, c.conditions);
  }
}
for (const [key, conds] of byConds) {
  const args = ['--expose-internals', '--no-addons', '--no-deprecation', ...conds.map((x) => '--conditions=' + x),
    __filename, root, casesFile, key];
  Object.assign(out, JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })));
}
fs.rmSync(empty, { recursive: true, force: true });
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
