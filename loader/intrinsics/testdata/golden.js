// Prints node's results for cases.js as JSON, one entry per case. Regenerate the golden file with
//   TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 node testdata/golden.js > testdata/golden.json
// (from loader/intrinsics). The Go test runs the same cases in goja and compares.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const ctx = vm.createContext({});
for (const f of ["run.js", "cases.js"]) {
  vm.runInContext(fs.readFileSync(path.join(__dirname, f), "utf8"), ctx, { filename: f });
}
const cases = vm.runInContext("CASES", ctx);
const results = vm.runInContext("runAll(CASES)", ctx);
const out = cases.map((c, i) => ({ case: c, node: results[i] }));
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
