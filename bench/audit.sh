#!/bin/sh
# Audit speed on a real node_modules: npm installs a few hundred packages into a temporary
# folder, then times `pkgbox audit --format json` on it and prints packages and files per second.
# Usage: [RUNS=3] [PKGBOX=binary] [LAVAMOAT=1] bench/audit.sh [PACKAGES...]   (default: express webpack eslint)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- express webpack eslint
if [ -n "${PKGBOX:-}" ]; then cp "$PKGBOX" "$work/pkgbox"; else (cd "$here" && go build -o "$work/pkgbox" ./cmd/pkgbox); fi
cd "$work" && mkdir app && cd app
npm init -y >/dev/null
npm install --ignore-scripts --no-audit --no-fund --silent "$@" >/dev/null
"$work/pkgbox" audit --format json . >/dev/null # warm the file cache
# The best of RUNS timed runs (default 3): on a shared machine one run can wait for a core.
# CPU time (user+sys) is printed beside the wall time; it varies less with the machine's load.
# `pkgbox check` (and init) read only the files the app may load; with no app sources here, the
# app is taken to require what its package.json declares. Timed the same way (check exits 1:
# nothing is granted).
python3 - "$work/pkgbox" "$work/report.json" "${RUNS:-3}" <<'PY'
import json, resource, subprocess, sys, time
exe, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def best_of(args):
    best = None
    for _ in range(max(runs, 1)):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        with open(out, "w") as f:
            subprocess.run([exe] + args, stdout=f, stderr=subprocess.DEVNULL)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or wall < best[0]:
            best = (wall, cpu)
    return best
s, cpu = best_of(["audit", "--format", "json", "."])
r = json.load(open(out))
n, f = r["summary"]["packages"], r["summary"]["files"]
print(f"pkgbox audit: {n} packages, {f} files, {r['summary']['findings']} findings, "
      f"{r['summary']['errors']} not analysed in {s:.2f} s (best of {runs}; {cpu:.2f} s CPU): "
      f"{n/s:.0f} packages/s, {f/s:.0f} files/s")
s, cpu = best_of(["check", "--ignore-errors", "--format", "json", "."])
c = json.load(open(out))
print(f"pkgbox check: {c['summary']['packages']} packages, {f - c['summary'].get('skipped', 0)} files the app may load "
      f"read in {s:.2f} s (best of {runs}; {cpu:.2f} s CPU): {n/s:.0f} packages/s")
PY
# With LAVAMOAT=1: the same tree's policy by `lavamoat ENTRY --autopolicy` (an entry file that
# requires each package named above), for comparison. LavaMoat parses only what the entry
# reaches; pkgbox audit reads every installed package.
if [ "${LAVAMOAT:-}" = 1 ]; then
  npm install --ignore-scripts --no-audit --no-fund --silent lavamoat >/dev/null
  for p in "$@"; do printf "require(%s);\n" "'$p'"; done > entry.js
  start=$(date +%s.%N)
  npx --no-install lavamoat entry.js --autopolicy >/dev/null 2>&1 || echo "lavamoat exited with an error (its policy may be partial)"
  end=$(date +%s.%N)
  n=$(node -p "Object.keys(require('./lavamoat/node/policy.json').resources).length")
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'lavamoat --autopolicy: {sys.argv[3]} packages in policy in {s:.2f} s')" "$start" "$end" "$n"
fi
