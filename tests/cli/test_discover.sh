# Configuration discovery anchored at the repository root: whatever the path arguments and
# the folder mclint starts in, each card gets the chain of .mclint.yaml files from the root
# down to its folder (the closest one used), and every key, `exclude` included, is resolved
# per card from it.
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "git not installed: skipped"; exit 77; }

R=$TMP/repo
git init -q -b main "$R"
# the root configuration: fail on errors only, one rule turned off
printf 'severity: {MC507: off}\nfail_on: error\n' >"$R/.mclint.yaml"
# a nested configuration of its own (closest wins), extending a shared file by a path
# relative to itself: MC302 becomes a warning there, and warnings fail the run
mkdir -p "$R/shared"
printf 'severity: {MC302: warning}\n' >"$R/shared/base.mclint.yaml"
card "$R/sub/.mclint.yaml" <<'X'
extends: ../shared/base.mclint.yaml
fail_on: warning
X
card "$R/sub/README.md" <<'X'
---
license: apache-2.0
base_model: meta-llama/Llama-3.1-8B
---
# Tiny Chat

This model was trained from scratch on our own data.
X
card "$R/sub/deeper/README.md" <<'X'
---
license: apache-2.0
base_model: meta-llama/Llama-3.1-8B
---
# Tiny Deeper

This model was trained from scratch on our own data.
X
(cd "$R" && git add -A && git commit -qm init)

# (rule, path, line, severity) of every finding under sub/, and the exit code
findings() {
  python3 -c '
import json, sys
d = json.load(sys.stdin)
for f in d["findings"]:
    if f["path"].startswith("sub/"):
        print(f["rule"], f["path"], f["line"], f["severity"])
'
}
run_in() { # DIR ARGS...: the findings under sub/ and the exit code
  local dir=$1; shift
  (cd "$dir" && "$MCLINT" --format json "$@") >"$TMP/json" 2>"$TMP/err"
  echo "exit $?"
  findings <"$TMP/json"
}

# 1. The same findings and severities from every way of naming sub's cards.
run_in "$R" >"$TMP/ref"
grep -q '^MC302 sub/README.md .* warning$' "$TMP/ref" && ok || bad "the extended MC302 severity not applied: $(cat "$TMP/ref")"
grep -q '^MC507 ' "$TMP/ref" && ok || bad "the root's MC507: off leaked into sub/: $(cat "$TMP/ref")"
grep -q '^exit 1$' "$TMP/ref" && ok || bad "sub's fail_on: warning not applied: $(head -1 "$TMP/ref")"
for args in "sub" "sub/" "./sub" "sub/README.md sub/deeper/README.md" "--staged" "--rev HEAD"; do
  # shellcheck disable=SC2086
  run_in "$R" $args >"$TMP/got"
  if diff -u "$TMP/ref" "$TMP/got" >"$TMP/diff"; then ok; else bad "mclint $args differs from mclint:"; cat "$TMP/diff" >&2; fi
done
for args in "." "" "README.md deeper/README.md" "--staged"; do
  # shellcheck disable=SC2086
  run_in "$R/sub" $args >"$TMP/got"
  if diff -u "$TMP/ref" "$TMP/got" >"$TMP/diff"; then ok; else bad "cd sub && mclint $args differs from mclint:"; cat "$TMP/diff" >&2; fi
done
# a card outside sub keeps the root's configuration (MC302 at its default, MC507 off)
card "$R/top/README.md" <"$R/sub/README.md"
(cd "$R" && "$MCLINT" --format json top) >"$TMP/out" 2>&1
expect_no_out '"rule":"MC507"'

grep -q '"rule":"MC302","name":"[^"]*","severity":"error"' "$TMP/out" && ok || bad "top/ did not get the root configuration"

# 2. --show-config shows the chain from the root down to the folder, and what it extends.
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' --show-config sub"
expect_out '^#   "\.mclint\.yaml"  \(not used: a closer file wins\)$'
expect_out '^#   "sub/\.mclint\.yaml"  \(used\)$'
expect_out '^#   extends "shared/base\.mclint\.yaml"$'
expect_out '"MC302": warning  # "shared/base\.mclint\.yaml":1'
expect_out '^fail_on: warning  # "sub/\.mclint\.yaml":2'
expect_exit 0 -- bash -c "cd '$R/sub/deeper' && '$MCLINT' --show-config"
expect_out '^#   "sub/\.mclint\.yaml"  \(used\)$'
expect_exit 0 -- bash -c "cd '$R' && '$MCLINT' --show-config top"
expect_out '^#   "\.mclint\.yaml"  \(used\)$'
expect_no_out 'sub/\.mclint\.yaml'

# 3. `extends:` is relative to the file that holds it, whatever the path argument; a missing
# one is an error naming the file, the value and the path it resolved to.
printf 'extends: ../nowhere.mclint.yaml\n' >"$R/top/.mclint.yaml"
for args in "" "top" "top/README.md"; do
  # shellcheck disable=SC2086
  expect_exit 2 -- bash -c "cd '$R' && '$MCLINT' $args"
  expect_err "top/\.mclint\.yaml:1:1: 'extends: \.\./nowhere\.mclint\.yaml' names 'nowhere\.mclint\.yaml' \(relative to the folder of top/\.mclint\.yaml\), which does not exist"
done
rm "$R/top/.mclint.yaml"

# 4. `exclude` comes from each card's own chain: b/.mclint.yaml excluding README.md
# excludes b/README.md (and only it), whatever is named.
card "$R/b/README.md" <"$R/top/README.md"
printf 'exclude: ["README.md"]\n' >"$R/b/.mclint.yaml"
card "$R/c/README.md" <"$R/top/README.md"
for args in "" "b" "b/README.md"; do
  # shellcheck disable=SC2086
  (cd "$R" && "$MCLINT" --format json $args) >"$TMP/out" 2>&1
  expect_no_out '"path":"b/README.md"'
done
(cd "$R" && "$MCLINT" --format json) >"$TMP/out" 2>&1
expect_out '"path":"c/README.md"'
# the neighbour that must not be excluded: the same glob in the root does not reach b/
printf 'exclude: []\n' >"$R/b/.mclint.yaml"
(cd "$R" && "$MCLINT" --format json b) >"$TMP/out" 2>&1
expect_out '"path":"b/README.md"'

# 5. `max_file_size` too: the nested limit applies to the nested card only.
printf 'max_file_size: 10B\n' >"$R/b/.mclint.yaml"
(cd "$R" && "$MCLINT" --format json) >"$TMP/out" 2>&1
expect_out '"path":"b/README.md"[^}]*"message":"[^"]*larger than the size limit'
if grep -q '"path":"c/README.md"[^}]*larger than the size limit' "$TMP/out"; then bad "c/ got b's size limit"; else ok; fi

finish
