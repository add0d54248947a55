#!/bin/sh
# Audit speed on a real node_modules: npm installs a few hundred packages into a temporary
# folder, then times `pkgbox audit --format json` on it and prints packages and files per second.
# Usage: bench/audit.sh [PACKAGES...]   (default: express webpack eslint)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- express webpack eslint
(cd "$here" && go build -o "$work/pkgbox" ./cmd/pkgbox)
cd "$work" && mkdir app && cd app
npm init -y >/dev/null
npm install --ignore-scripts --no-audit --no-fund --silent "$@" >/dev/null
"$work/pkgbox" audit --format json . >/dev/null # warm the file cache
start=$(date +%s.%N)
"$work/pkgbox" audit --format json . >"$work/report.json"
end=$(date +%s.%N)
python3 - "$work/report.json" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = float(sys.argv[3]) - float(sys.argv[2])
n, f = r["summary"]["packages"], r["summary"]["files"]
print(f"pkgbox audit: {n} packages, {f} files, {r['summary']['findings']} findings, "
      f"{r['summary']['errors']} not analysed in {s:.2f} s: {n/s:.0f} packages/s, {f/s:.0f} files/s")
PY
