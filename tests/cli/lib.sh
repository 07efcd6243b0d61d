# Shared helpers for the CLI tests: each test script is run by ctest as
# `bash tests/cli/test_X.sh path/to/mclint` and prints "N passed, N failed".
set -u
MCLINT=$(readlink -f "$1")
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mclint-cli-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@example.invalid GIT_CONFIG_NOSYSTEM=1 HOME="$TMP/home"
mkdir -p "$HOME"
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY MCLINT_OPTS MCLINT_FORMAT MCLINT_CONFIG NO_COLOR

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }
# expect_exit CODE -- command...
expect_exit() {
  local want=$1; shift; [ "$1" = "--" ] && shift
  "$@" >"$TMP/out" 2>"$TMP/err"; local got=$?
  if [ "$got" = "$want" ]; then ok; else bad "exit $got, want $want: $*"; sed 's/^/  | /' "$TMP/out" "$TMP/err" | head -20 >&2; fi
}
# expect_out PATTERN (grep -E on the last command's stdout)
expect_out() { if grep -Eq -- "$1" "$TMP/out"; then ok; else bad "stdout lacks /$1/"; head -20 "$TMP/out" >&2; fi; }
expect_no_out() { if grep -Eq -- "$1" "$TMP/out"; then bad "stdout has /$1/"; grep -E -- "$1" "$TMP/out" | head -5 >&2; else ok; fi; }
expect_err() { if grep -Eq -- "$1" "$TMP/err"; then ok; else bad "stderr lacks /$1/"; head -5 "$TMP/err" >&2; fi; }
# valid_json [FILE]: FILE (default: the last stdout) is JSON; a JSON report (--format json)
# must also match docs/mclint-report.schema.json when python3-jsonschema is installed.
valid_json() {
  local f=${1:-$TMP/out}
  if python3 - "$f" "${MCLINT_SOURCE_DIR:-$(dirname "${BASH_SOURCE[0]}")/../..}/docs/mclint-report.schema.json" <<'PY' 2>"$TMP/json-err"; then ok; else bad "$f: not valid JSON or not a valid report"; head -5 "$TMP/json-err" >&2; fi
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
if isinstance(doc, dict) and "mclint" in doc and "findings" in doc:
    try:
        import jsonschema
    except ImportError:
        sys.exit(0)
    schema = json.load(open(sys.argv[2], encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(doc))
    for e in errors[:5]:
        print("/".join(map(str, e.absolute_path)), e.message, file=sys.stderr)
    sys.exit(1 if errors else 0)
PY
}
# valid_jsonl FILE: every line is a JSON object; findings and models (--format jsonl) must
# match their definitions in docs/mclint-report.schema.json when python3-jsonschema is there.
valid_jsonl() {
  if python3 - "$1" "${MCLINT_SOURCE_DIR:-$(dirname "${BASH_SOURCE[0]}")/../..}/docs/mclint-report.schema.json" <<'PY' 2>"$TMP/json-err"; then ok; else bad "$1: not valid JSON lines or not valid findings and models"; head -5 "$TMP/json-err" >&2; fi
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
try:
    import jsonschema
except ImportError:
    sys.exit(0)
schema = json.load(open(sys.argv[2], encoding="utf-8"))
bad = 0
for i, obj in enumerate(lines):
    kind = obj.get("type") if isinstance(obj, dict) else None
    if kind not in ("finding", "model"):
        print("line %d: type %r" % (i + 1, kind), file=sys.stderr)
        bad += 1
        continue
    sub = {"$ref": "#/definitions/" + kind, "definitions": schema["definitions"]}
    for e in list(jsonschema.Draft7Validator(sub).iter_errors(obj))[:3]:
        print("line %d: %s %s" % (i + 1, "/".join(map(str, e.absolute_path)), e.message), file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)
PY
}
card() { mkdir -p "$(dirname "$1")"; cat >"$1"; }
finish() { echo "$PASS passed, $FAIL failed"; [ "$FAIL" -eq 0 ]; }
