#!/usr/bin/env bash
# Records expected.stdout and expected.code for every fixtures/run/NAME by running real node in the
# environment loader/fixtures_test.go uses (its fixtureEnv, cwd = the fixture folder), so the goldens
# are exactly what the harness compares against. TypeScript entries (.ts .mts .tsx) are skipped: node
# cannot run them, and their goldens are written by hand from the equivalent .js run.
#
# usage: scripts/record-goldens.sh [NAME...]      record fixtures/run/NAME (default: all of them)
#        scripts/record-goldens.sh --check-attacks verify every fixtures/attacks/NAME escapes under node
#                                                  (prints its canary) and still reaches its appEnd
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
node="$(command -v node)" || { echo "record-goldens: node is not on PATH; install node 20" >&2; exit 2; }
version="$("$node" --version)"
case "$version" in
  v20.*) ;;
  *) echo "record-goldens: goldens must come from node 20, found $version" >&2; exit 2 ;;
esac

# Keep in step with fixtureEnv in loader/fixtures_test.go.
run_node() { # dir entry stdout-file stderr-file
  (cd "$1" && env -i TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=dumb PATH="$PATH" HOME=/nonexistent \
    PKGBOX_FIXTURE_TOKEN=fixture-env-token "$node" "$2" >"$3" 2>"$4")
}

entry_of() { # dir
  for e in app.js app.mjs app.cjs app.ts app.mts app.tsx; do
    if [ -f "$1/$e" ]; then echo "$e"; return 0; fi
  done
  echo "record-goldens: $1: no app.js/app.mjs/app.cjs/app.ts entry" >&2
  return 1
}

json_field() { # file field
  "$node" -e 'const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]]; process.stdout.write(String(v ?? ""))' "$1" "$2"
}

check_attacks() {
  local failed=0 tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  for dir in "$root"/fixtures/attacks/*/; do
    dir="${dir%/}"
    local name canary app_end entry code=0 verdict=""
    name="$(basename "$dir")"
    canary="$(json_field "$dir/attack.json" canary)"
    app_end="$(json_field "$dir/attack.json" appEnd)"
    entry="$(entry_of "$dir")"
    run_node "$dir" "$entry" "$tmp/out" "$tmp/err" || code=$?
    if [ -z "$canary" ] || ! grep -qF -- "$canary" "$tmp/out"; then verdict="does not escape under node"; fi
    if [ -n "$app_end" ] && ! grep -qF -- "$app_end" "$tmp/out"; then verdict="${verdict:+$verdict; }app does not reach $app_end"; fi
    if [ -n "$verdict" ]; then
      failed=1
      echo "FAIL  $name (exit $code): $verdict"
      sed 's/^/      | /' "$tmp/out" "$tmp/err"
    else
      echo "ok    $name escapes under node"
    fi
  done
  return "$failed"
}

if [ "${1:-}" = "--check-attacks" ]; then
  check_attacks
  exit $?
fi

if [ "$#" -gt 0 ]; then
  dirs=()
  for name in "$@"; do dirs+=("$root/fixtures/run/$name"); done
else
  dirs=("$root"/fixtures/run/*/)
fi

for dir in "${dirs[@]}"; do
  dir="${dir%/}"
  name="$(basename "$dir")"
  entry="$(entry_of "$dir")"
  case "$entry" in
    *.ts|*.mts|*.tsx) echo "skip  $name ($entry: golden written by hand)"; continue ;;
  esac
  code=0
  run_node "$dir" "$entry" "$dir/expected.stdout" /dev/null || code=$?
  echo "$code" >"$dir/expected.code"
  echo "ok    $name (exit $code)"
done
