// Requires lodash and about twenty other real packages (run from a folder whose node_modules has
// them: ../shared/bench/compat/work after its setup.sh).
const names = ['lodash', 'semver', 'ms', 'qs', 'yaml', 'js-yaml', 'ajv', 'acorn', 'dayjs', 'decimal.js',
  'deepmerge', 'diff', 'handlebars', 'kleur', 'picocolors', 'markdown-it', 'rxjs', 'zod', 'fast-deep-equal',
  'csv-parse/sync', 'crypto-js', 'bluebird', 'lru-cache'];
let n = 0;
for (const name of names) {
  const m = require(name);
  if (m) n++;
}
console.log('loaded', n, 'packages');
