#!/usr/bin/env bash
# Calls per second of a trivial function with fresh state per call: pkgbox's sandbox package
# (go test -bench) next to isolated-vm under node (fresh context per call, and fresh isolate),
# when isolated-vm can be installed here (npm, and a C++ toolchain with node's headers).
#   bench/embed.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-3}

echo "== pkgbox sandbox (go test ./sandbox -bench Call -benchtime ${secs}s)"
go test ./sandbox -run '^$' -bench 'Call' -benchtime "${secs}s" | awk '/^Benchmark/ { printf "%s\t%.0f calls/s\t%.0f µs/call\n", $1, 1e9/$3, $3/1000 }'

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "== isolated-vm: node/npm not found, skipped"; exit 0
fi
work=${IVM_DIR:-${TMPDIR:-/tmp}/pkgbox-bench-ivm}
if [ ! -f "$work/node_modules/isolated-vm/build/Release/isolated_vm.node" ]; then
  echo "== installing isolated-vm into $work (builds a native addon; takes minutes)"
  mkdir -p "$work"
  (cd "$work" && npm install --no-audit --no-fund --ignore-scripts isolated-vm@5 >/dev/null)
  gyp=$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js
  nodedir=$(dirname "$(dirname "$(command -v node)")")
  (cd "$work/node_modules/isolated-vm" && node "$gyp" rebuild --release -j 2 --nodedir="$nodedir" >/dev/null) || {
    echo "== isolated-vm could not be built here, skipped"; exit 0; }
fi
echo "== isolated-vm $(node -p "require('$work/node_modules/isolated-vm/package.json').version") under node $(node --version)"
NODE_PATH="$work/node_modules" node bench/programs/ivm-calls.js "$secs"
