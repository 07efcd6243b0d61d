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
valid_json() { if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" 2>/dev/null; then ok; else bad "stdout is not valid JSON"; fi; }
card() { mkdir -p "$(dirname "$1")"; cat >"$1"; }
finish() { echo "$PASS passed, $FAIL failed"; [ "$FAIL" -eq 0 ]; }
