#!/usr/bin/env bash
# Measures how far over --memory-limit a heap bomb gets before pkgbox stops it: for each program in
# bench/memory, the peak RSS of the whole process (Go runtime and supervisor included) and the exit
# status. usage: bench/memory.sh [PKGBOX_BINARY] [LIMIT_MB]   (default: builds ./cmd/pkgbox; 256)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-}"
limit="${2:-256}"
if [ -z "$bin" ]; then
  bin="$(mktemp -d)/pkgbox"
  (cd "$root" && go build -o "$bin" ./cmd/pkgbox)
fi
printf '%-10s %8s %10s %10s %6s\n' program limitMB peakRSSMB overMB exit
for f in "$root"/bench/memory/*.js; do
  out=$( { /usr/bin/time -f '%M' "$bin" run --timeout 30s --memory-limit "$limit" "$f" >/dev/null 2>/tmp/pkgbox-mem-err; echo "exit $?"; } 2>&1 || true)
  code=$(echo "$out" | awk '/^exit/ {print $2}')
  rss=$(tail -1 /tmp/pkgbox-mem-err | tr -dc '0-9')
  rssmb=$(( rss / 1024 ))
  printf '%-10s %8d %10d %10d %6s\n' "$(basename "$f" .js)" "$limit" "$rssmb" $(( rssmb - limit )) "$code"
done
