#!/usr/bin/env bash
# Runs the same programs under pkgbox and node, several times each, and prints the median wall
# time of each and the ratio pkgbox/node (below 1 means pkgbox is faster).
#
#   bench/compare.sh [PKGBOX_BINARY]      default: builds ./cmd/pkgbox into a temp dir
#   env: RUNS (default 11), COMPAT_WORK (default ../shared/bench/compat/work, for tree.js)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-11}
bin=${1:-}
if [ -z "$bin" ]; then
  bin=$(mktemp -d)/pkgbox
  go build -o "$bin" ./cmd/pkgbox
fi
work=${COMPAT_WORK:-../shared/bench/compat/work}
export PKGBOX_CACHE_DIR=${PKGBOX_CACHE_DIR:-$(mktemp -d)}

median_ms() { # command... ; prints the median wall time in ms over $runs runs
  local times=() t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

row() { # name dir file
  local name=$1 dir=$2 file=$3 p n
  # One warm-up run of each fills pkgbox's transform cache and the OS page cache.
  (cd "$dir" && "$bin" run --allow-all "$file" >/dev/null 2>&1; node "$file" >/dev/null 2>&1) || true
  p=$(cd "$dir" && median_ms "$bin" run --allow-all "$file")
  n=$(cd "$dir" && median_ms node "$file")
  awk -v name="$name" -v p="$p" -v n="$n" 'BEGIN { printf "%-28s pkgbox %8.1f ms   node %8.1f ms   ratio %.2f\n", name, p, n, p / n }'
}

echo "runs: $runs, $(node --version), $(nproc) cores"
row "hello.js" bench/programs "$PWD/bench/programs/hello.js"
if [ -d "$work/node_modules/lodash" ]; then
  # The program must sit where require() finds the packages.
  cp bench/programs/tree.js "$work/pkgbox-bench-tree.js"
  (cd "$work" && "$bin" run --allow-all pkgbox-bench-tree.js | grep -q 'loaded 23') || { echo "tree.js fails under pkgbox"; exit 1; }
  row "tree.js (23 packages, warm)" "$work" pkgbox-bench-tree.js
else
  echo "tree.js: skipped ($work/node_modules missing: run ../shared/bench/compat/setup.sh)"
fi
row "cpu.js (CPU-bound)" bench/programs "$PWD/bench/programs/cpu.js"
