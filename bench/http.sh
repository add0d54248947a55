#!/usr/bin/env bash
# Requests per second of a hello-world HTTP server (bench/programs/http-hello.js) under pkgbox and
# under node on loopback, driven by bench/httpload (keep-alive, fixed connections and duration),
# and the ratio pkgbox/node (above 1 means pkgbox serves more requests).
#
#   bench/http.sh [PKGBOX_BINARY]   default: builds ./cmd/pkgbox into a temp dir
#   env: CONNS (default 8), DURATION (default 5s), WARMUP (default 1s), RUNS (default 3, median)
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${CONNS:-8}
dur=${DURATION:-5s}
warm=${WARMUP:-1s}
runs=${RUNS:-3}
tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
bin=${1:-}
if [ -z "$bin" ]; then
  bin=$tmp/pkgbox
  go build -o "$bin" ./cmd/pkgbox
fi
go build -o "$tmp/httpload" ./bench/httpload
export PKGBOX_CACHE_DIR=${PKGBOX_CACHE_DIR:-$tmp/cache}
prog=$PWD/bench/programs/http-hello.js

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# measure NAME COMMAND... : starts the server on a free port RUNS times, loads it, prints the
# median req/s.
measure() {
  local name=$1; shift
  local results=() port out
  for _ in $(seq "$runs"); do
    port=$(free_port)
    "$@" "$prog" "$port" >"$tmp/$name.out" 2>&1 &
    server_pid=$!
    if ! out=$("$tmp/httpload" -c "$conns" -d "$dur" -w "$warm" -body 'hello world' "http://127.0.0.1:$port/"); then
      echo "$name: load failed; server output:" >&2
      cat "$tmp/$name.out" >&2
      exit 1
    fi
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    results+=("$(awk '{print $2}' <<<"$out")")
    echo "  $name: $out" >&2
  done
  printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "http hello world: $conns connections, $dur per run (after $warm warm-up), median of $runs; $(node --version), $(nproc) cores"
p=$(measure pkgbox "$bin" run)
n=$(measure node node)
awk -v p="$p" -v n="$n" 'BEGIN { printf "pkgbox %10.1f req/s\nnode   %10.1f req/s\nratio pkgbox/node %.3f\n", p, n, p / n }'
