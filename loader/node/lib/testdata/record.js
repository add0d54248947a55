'use strict';
// Runs a case file under real node and prints {"case name": "output"} as JSON: the goldens that
// lib's Go tests compare the goja builtins with. Regenerate with
//   TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 node testdata/record.js testdata/cases/X.js > testdata/golden/X.json
// or `go test ./loader/node/lib -run TestGolden -update`.
//
// Case file format: blocks starting with a line "=== name"; each block is the body of a function
// of (require, print, done). print(...) records util.format(...) as one output line. A block that
// mentions done() is asynchronous and finishes when it calls done().
const fs = require('fs');
const util = require('util');

function parseCases(text) {
  const cases = [];
  let cur = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('=== ')) {
      cur = { name: line.slice(4).trim(), lines: [] };
      cases.push(cur);
    } else if (cur) {
      cur.lines.push(line);
    }
  }
  return cases.map((c) => ({ name: c.name, code: c.lines.join('\n') }));
}

async function main() {
  const cases = parseCases(fs.readFileSync(process.argv[2], 'utf8'));
  const result = {};
  for (const c of cases) {
    const out = [];
    const print = (...a) => out.push(util.format(...a));
    let finish;
    const finished = new Promise((r) => { finish = r; });
    const wrapped = `try {\n${c.code}\n} catch (e) { print('!throw', e && e.name, e && e.code, e && e.message); }`;
    const fn = new Function('require', 'print', 'done', wrapped);
    fn((name) => require(name), print, () => finish());
    if (/\bdone\(\)/.test(c.code)) {
      await Promise.race([finished, new Promise((r) => setTimeout(r, 3000))]);
    } else {
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    }
    result[c.name] = out.join('\n');
  }
  process.stdout.write(JSON.stringify(result, null, 1) + '\n');
}
process.on('unhandledRejection', () => {});
process.on('warning', () => {});
main();
