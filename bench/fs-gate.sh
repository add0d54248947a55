#!/usr/bin/env bash
# The cost of the gate on an fs-heavy script: a package stats and reads N distinct files
# (default 3000) under enforce mode with a grant (`fs.read: ["./data/**"]`) and under --allow-all;
# prints the median wall time of each over R runs (default 7) and their ratio (budget: <= 1.05).
# usage: bench/fs-gate.sh [PKGBOX_BINARY] [N] [R]   (default: builds ./cmd/pkgbox)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-}"; n="${2:-3000}"; runs="${3:-7}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
if [ -z "$bin" ]; then bin="$work/pkgbox"; (cd "$root" && go build -o "$bin" ./cmd/pkgbox); fi
mkdir -p "$work/app/data" "$work/app/node_modules/walker"
for i in $(seq 1 "$n"); do d="$work/app/data/d$((i % 50))"; mkdir -p "$d"; echo "file $i" > "$d/f$i.txt"; done
echo '{"name":"app","version":"1.0.0","dependencies":{"walker":"1.0.0"}}' > "$work/app/package.json"
echo '{"name":"walker","version":"1.0.0"}' > "$work/app/node_modules/walker/package.json"
cat > "$work/app/node_modules/walker/index.js" <<'JS'
var fs = require('fs'), path = require('path');
module.exports = function (dir) {
  var bytes = 0, files = 0;
  fs.readdirSync(dir).forEach(function (d) {
    var sub = path.join(dir, d);
    fs.readdirSync(sub).forEach(function (f) {
      var p = path.join(sub, f);
      if (fs.statSync(p).isFile()) { bytes += fs.readFileSync(p).length; files++; }
    });
  });
  return files + ' files, ' + bytes + ' bytes';
};
JS
echo "console.log(require('walker')(require('path').join(__dirname, 'data')));" > "$work/app/app.js"
echo '{"packages":{"walker":{"fs.read":["./data/**"]}}}' > "$work/app/pkgbox.json"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_runs() { # args...
  for _ in $(seq 1 "$runs"); do
    s=$(date +%s%N); "$bin" run "$@" "$work/app/app.js" >/dev/null 2>&1; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | median
}
"$bin" run "$work/app/app.js"
enforce=$(time_runs)
allow=$(time_runs --allow-all)
echo "fs-gate: $n files: enforce ${enforce} ms, --allow-all ${allow} ms, ratio $(awk -v a="$enforce" -v b="$allow" 'BEGIN {printf "%.3f", a / b}')"
