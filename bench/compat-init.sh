#!/usr/bin/env bash
# Does `pkgbox init` grant enough? For every case of the public compat benchmark
# (../shared/bench/compat, see its README): copy the case, with only the packages it loads
# (its package and their dependencies, hard-linked from the compat work tree), into a temporary
# app folder; run `pkgbox init` there; run the case under `pkgbox run` in enforce mode (no
# --allow-all) and judge it as compat's run.sh does (stdout and exit status against expected/).
# The same case is also run with --allow-all in the same folder, so a failure that is not
# caused by the manifest shows as such.
#
#   bench/compat-init.sh [-j N] [-t SECONDS] [-k] [NAME...]
#     -j N   cases at a time (default 1)      -t S  per-case timeout (default 30)
#     -k     keep the temporary folders (their path is printed)
#   Environment: COMPAT (default /work/shared/bench/compat), COMPAT_WORK (default
#   $TMPDIR/pkgbox-compat-work; installed with the compat setup.sh --keep-expected when it has
#   no node_modules), PKGBOX (a pkgbox binary; default: built from this repository).
#
# Before init, the case also runs once in warn mode with no manifest and --report, which records
# every capability each package really uses; a capability init grants a package that the run did
# not use is an over-grant.
#
# Per case it prints one line "PASS|FAIL name  allow-all: PASS|FAIL (...)", the grants the
# generated pkgbox.json holds (one line per package), the over-grants, and for an enforce
# failure the denial lines pkgbox wrote to stderr (each one a use the manifest did not grant: a
# false denial when the case passes with --allow-all). Then the summary: how many cases pass
# with --allow-all and after init+enforce, and how many grants were over-grants.
# Exit status 0 unless the arguments or the setup are wrong.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COMPAT=${COMPAT:-/work/shared/bench/compat}
export COMPAT_WORK=${COMPAT_WORK:-${TMPDIR:-/tmp}/pkgbox-compat-work}

jobs=1 timeout_s=30 keep=0 only=()
while [ $# -gt 0 ]; do
  case $1 in
    -j) jobs=${2:?-j needs a number}; shift ;;
    -t) timeout_s=${2:?-t needs seconds}; shift ;;
    -k) keep=1 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    -*) echo "compat-init.sh: unknown option: $1" >&2; exit 2 ;;
    *) only+=("$1") ;;
  esac
  shift
done
case $jobs in ''|*[!0-9]*|0) echo "compat-init.sh: -j wants a positive number, got \"$jobs\"" >&2; exit 2 ;; esac
case $timeout_s in ''|*[!0-9]*|0) echo "compat-init.sh: -t wants a positive number of seconds, got \"$timeout_s\"" >&2; exit 2 ;; esac
[ -f "$COMPAT/common.sh" ] || { echo "compat-init.sh: $COMPAT/common.sh not found; set COMPAT to the compat benchmark folder" >&2; exit 2; }
# shellcheck source=/dev/null
. "$COMPAT/common.sh"
command -v python3 >/dev/null || { echo "compat-init.sh: python3 is needed" >&2; exit 2; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/pkgbox-compat-init.XXXXXX")
if [ "$keep" = 0 ]; then trap 'rm -rf "$scratch"' EXIT; else echo "keeping $scratch"; fi

if [ -z "${PKGBOX:-}" ]; then
  (cd "$here" && go build -o "$scratch/pkgbox" ./cmd/pkgbox) || { echo "compat-init.sh: go build failed" >&2; exit 2; }
  PKGBOX=$scratch/pkgbox
fi
[ -x "$PKGBOX" ] || { echo "compat-init.sh: $PKGBOX is not an executable" >&2; exit 2; }

if [ ! -d "$COMPAT_WORK/node_modules" ]; then
  echo "compat-init: installing the compat packages into $COMPAT_WORK" >&2
  "$COMPAT/setup.sh" --keep-expected >&2 || { echo "compat-init.sh: setup failed" >&2; exit 2; }
fi
modules=$COMPAT_WORK/node_modules

# closure NAME.js: prints the node_modules paths (relative to the work folder) of the packages
# the case names and everything they depend on, resolved as Node does, from package-lock.json.
closure() {
  python3 - "$COMPAT_WORK/package-lock.json" "$CASES_DIR/$1" <<'PY'
import json, re, sys
lock = json.load(open(sys.argv[1]))["packages"]
src = open(sys.argv[2]).read()
specs = re.findall(r"""(?:require\(|import\(|from\s+|import\s+)['"]([^'"]+)['"]""", src)
names = set()
for s in specs:
    if s.startswith((".", "/", "node:")):
        continue
    parts = s.split("/")
    names.add("/".join(parts[:2]) if s.startswith("@") else parts[0])
def resolve(frm, name):
    d = frm
    while True:
        cand = (d + "/node_modules/" + name) if d else "node_modules/" + name
        if cand in lock:
            return cand
        if not d:
            return None
        i = d.rfind("/node_modules/")
        d = d[:i] if i >= 0 else ""
todo = [p for p in (resolve("", n) for n in names) if p]
seen = set()
while todo:
    p = todo.pop()
    if p in seen:
        continue
    seen.add(p)
    e = lock[p]
    for key in ("dependencies", "optionalDependencies", "peerDependencies"):
        for n in e.get(key, {}):
            q = resolve(p, n)
            if q:
                todo.append(q)
# nested folders come with their parent's copy
for p in sorted(seen):
    if not any(p.startswith(o + "/") for o in seen if o != p):
        print(p)
PY
}

# grants FILE: one line per package of a pkgbox.json: "name: cap, cap=[res, ...]".
grants() {
  python3 - "$1" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
pk = m.get("packages", {})
if not pk:
    print("    (no package is granted anything)")
for name in sorted(pk):
    caps = []
    for cap, g in sorted(pk[name].items()):
        caps.append(cap if g is True else cap + "=" + json.dumps(g))
    print("    %s: %s" % (name, ", ".join(caps)))
PY
}

# overgrants MANIFEST USES: the capabilities the manifest grants a package that the run's
# report (JSON lines) never shows it using, one "    pkg: cap" line each.
overgrants() {
  python3 - "$1" "$2" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])).get("packages", {})
used = set()
for line in open(sys.argv[2]):
    line = line.strip()
    if not line:
        continue
    r = json.loads(line)
    p = r.get("package")
    name = p.get("name") if isinstance(p, dict) else (p or "").rsplit("@", 1)[0] if (p or "").rfind("@") > 0 else p
    used.add((name, r.get("capability")))
for name in sorted(m):
    for cap in sorted(m[name]):
        if (name, cap) not in used:
            print("    %s: %s" % (name, cap))
PY
}

# judge DIR NAME MODE: runs the case in DIR and prints its verdict as run.sh words it.
judge() {
  local dir=$1 name=$2 mode=$3 file code exp_code line
  file=$(cd "$dir/cases" && ls -- "$name".js "$name".mjs 2>/dev/null | head -1)
  local args=(run)
  [ "$mode" = allow-all ] && args+=(--allow-all)
  [ "$mode" = observe ] && args+=(--mode warn --report "$dir/uses.jsonl")
  WORK_DIR=$dir run_case_env timeout -k 5 "$timeout_s" "$PKGBOX" "${args[@]}" "cases/$file" \
    >"$dir/$mode.out" 2>"$dir/$mode.err"
  code=$?
  exp_code=$(cat "$EXPECTED_DIR/$name.code" 2>/dev/null) || { echo "FAIL (no expected output)"; return; }
  if [ "$code" = 124 ] || [ "$code" = 137 ]; then
    echo "FAIL (reason: timeout)"
  elif [ "$code" != "$exp_code" ]; then
    echo "FAIL (reason: exit $code vs $exp_code)"
  elif ! cmp -s "$dir/$mode.out" "$EXPECTED_DIR/$name.out"; then
    line=$(first_diff_line "$EXPECTED_DIR/$name.out" "$dir/$mode.out")
    echo "FAIL (reason: output differs at line $line)"
  else
    echo "PASS"
  fi
}

# one NAME: builds the case's app folder, inits, runs both ways; writes $scratch/NAME.result.
one() {
  local name=$1 file dir p enforce allow
  file=$(cd "$CASES_DIR" && ls -- "$name".js "$name".mjs 2>/dev/null | head -1)
  dir=$scratch/$name
  mkdir -p "$dir/cases" "$dir/node_modules"
  cp "$COMPAT_WORK/package.json" "$dir/"
  cp "$CASES_DIR/$file" "$dir/cases/"
  while IFS= read -r p; do
    mkdir -p "$dir/$(dirname "$p")"
    cp -al "$COMPAT_WORK/$p" "$dir/$p" 2>/dev/null || cp -R "$COMPAT_WORK/$p" "$dir/$p"
  done < <(closure "$file")
  {
    : >"$dir/uses.jsonl"
    judge "$dir" "$name" observe >/dev/null
    if ! "$PKGBOX" init "$dir" >"$dir/init.out" 2>"$dir/init.err"; then
      enforce="FAIL (reason: pkgbox init failed: $(head -c 300 "$dir/init.err" | tr '\n' ' '))"
    else
      enforce=$(judge "$dir" "$name" enforce)
    fi
    allow=$(judge "$dir" "$name" allow-all)
    echo "${enforce%% *} $name  enforce: $enforce  allow-all: $allow"
    if [ -f "$dir/pkgbox.json" ]; then
      echo "  grants:"
      grants "$dir/pkgbox.json"
      over=$(overgrants "$dir/pkgbox.json" "$dir/uses.jsonl")
      if [ -n "$over" ]; then
        echo "  over-granted (not used by the run):"
        echo "$over"
      fi
    fi
    if [ "${enforce%% *}" = FAIL ] && [ -f "$dir/enforce.err" ]; then
      if grep -q 'denied' "$dir/enforce.err"; then
        echo "  denials:"
        grep 'denied' "$dir/enforce.err" | sort -u | head -20 | sed 's/^/    /'
      else
        echo "  no denial on stderr; first lines:"
        head -5 "$dir/enforce.err" | sed 's/^/    /'
      fi
    fi
  } >"$scratch/$name.result"
}

cases=()
while IFS= read -r f; do
  n=$(case_name "$f")
  if [ ${#only[@]} -gt 0 ]; then
    for want in "${only[@]}"; do [ "$want" = "$n" ] && cases+=("$n"); done
  else
    cases+=("$n")
  fi
done < <(list_cases)
for want in "${only[@]}"; do
  found=0
  for n in "${cases[@]}"; do [ "$n" = "$want" ] && found=1; done
  [ "$found" = 1 ] || { echo "compat-init.sh: no case named \"$want\" in $CASES_DIR" >&2; exit 2; }
done
[ ${#cases[@]} -gt 0 ] || { echo "compat-init.sh: no cases in $CASES_DIR" >&2; exit 2; }

running=0
for n in "${cases[@]}"; do
  if [ "$jobs" -le 1 ]; then one "$n"; cat "$scratch/$n.result"; continue; fi
  one "$n" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait
if [ "$jobs" -gt 1 ]; then for n in "${cases[@]}"; do cat "$scratch/$n.result"; done; fi

pass_allow=0 pass_enforce=0 false_denial=0 over=0 over_cases=0
for n in "${cases[@]}"; do
  k=$(sed -n '/^  over-granted/,/^  [a-z]/p' "$scratch/$n.result" | grep -c '^    ')
  over=$((over + k))
  [ "$k" -gt 0 ] && over_cases=$((over_cases + 1))
  r=$(head -1 "$scratch/$n.result")
  case $r in PASS*) pass_enforce=$((pass_enforce + 1)) ;; esac
  case $r in *"allow-all: PASS"*) pass_allow=$((pass_allow + 1)) ;; esac
  case $r in FAIL*"allow-all: PASS"*) false_denial=$((false_denial + 1)) ;; esac
done
echo "compat-init: ${#cases[@]} cases: $pass_allow pass with --allow-all, $pass_enforce pass after init+enforce ($false_denial pass only with --allow-all)"
echo "compat-init: $over capabilities granted that the case does not use, in $over_cases cases"
exit 0
