# --stdin-filename PATH with the path '-': a card piped by an editor is linted as if it
# were at PATH, with the files beside PATH as its evidence; the file on disk is not read.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
mkdir -p "$R" && git -C "$R" init -q
card $R/m/README.md <<'X'
---
license: apache-2.0
---
# On disk
X
printf '{"model_type": "llama", "architectures": ["LlamaForCausalLM"]}\n' >"$R/m/config.json"
git -C "$R" add -A && git -C "$R" commit -qm init
printf -- '---\nlicense: Apache-2.0\n---\n# Piped\n' >"$TMP/piped.md"

# the piped text is linted, positioned at PATH (relative to the working directory)
expect_exit 1 -- sh -c 'cd "$1" && "$2" --format gcc --stdin-filename m/README.md - <"$3"' _ \
  "$R" "$MCLINT" "$TMP/piped.md"
expect_out "^m/README.md:2:10: error: license 'Apache-2.0' .*\[MC102\]$"
# the card on disk (a valid licence) is not what was linted: its neighbour would be clean
expect_exit 0 -- sh -c 'cd "$1" && "$2" --select MC102 --format gcc m/README.md' _ "$R" "$MCLINT"
# an absolute PATH, from outside the repository: paths stay repository-relative
expect_exit 1 -- sh -c '"$1" --format json --stdin-filename "$2/m/README.md" - <"$3"' _ \
  "$MCLINT" "$R" "$TMP/piped.md"
python3 - "$TMP/out" <<'PY' && ok || bad "stdin: JSON report"
import json, sys
d = json.load(open(sys.argv[1]))
assert {f["path"] for f in d["findings"]} == {"m/README.md"}, d["findings"]
m = d["models"][0]
assert m["path"] == "m/README.md", m
# the evidence beside PATH was read: config.json names the architecture
assert "config.json" in json.dumps(m), m
PY
# a card that is not on disk yet, in a folder that is
expect_exit 1 -- sh -c '"$1" --format gcc --stdin-filename "$2/m/MODEL_CARD.md" - <"$3"' _ \
  "$MCLINT" "$R" "$TMP/piped.md"
expect_out '^m/MODEL_CARD.md:2:10: .*\[MC102\]$'
# a clean piped card exits 0
expect_exit 0 -- sh -c 'printf -- "---\nlicense: apache-2.0\n---\n# Piped\nTrained from scratch.\n" |
  "$1" --select MC1 --stdin-filename "$2/m/README.md" -' _ "$MCLINT" "$R"

# usage errors: '-' without --stdin-filename, other paths with it, the index, a missing folder
expect_exit 2 -- sh -c '"$1" - <"$2"' _ "$MCLINT" "$TMP/piped.md"
expect_err "needs --stdin-filename PATH"
expect_exit 2 -- sh -c '"$1" --stdin-filename "$2/m/README.md" - "$2" <"$3"' _ "$MCLINT" "$R" "$TMP/piped.md"
expect_err "takes the path '-' alone"
expect_exit 2 -- sh -c '"$1" --staged --stdin-filename "$2/m/README.md" - <"$3"' _ "$MCLINT" "$R" "$TMP/piped.md"
expect_exit 2 -- sh -c '"$1" --stdin-filename "$2/nowhere/README.md" - <"$3"' _ "$MCLINT" "$R" "$TMP/piped.md"
# the size limit holds for stdin
expect_exit 2 -- sh -c '"$1" --max-file-size 10 --stdin-filename "$2/m/README.md" - <"$3"' _ \
  "$MCLINT" "$R" "$TMP/piped.md"
expect_err 'stdin: larger than the size limit'

# --fix with stdin: the fixed card on stdout, nothing written; --diff: the diff, exit 1
expect_exit 0 -- sh -c '"$1" --fix --stdin-filename "$2/m/README.md" - <"$3"' _ "$MCLINT" "$R" "$TMP/piped.md"
expect_out '^license: apache-2.0$'
expect_out '^# Piped$'
grep -q '# On disk' "$R/m/README.md" && ok || bad "--fix on stdin wrote the file"
# the rule selection applies to the fixes of a piped card too
expect_exit 0 -- sh -c '"$1" --fix --ignore MC102 --stdin-filename "$2/m/README.md" - <"$3"' _ "$MCLINT" "$R" "$TMP/piped.md"
expect_out '^license: Apache-2.0$'
expect_exit 1 -- sh -c 'cd "$3" && "$1" --diff --stdin-filename m/README.md - <"$2"' _ "$MCLINT" \
  "$TMP/piped.md" "$R"
expect_out '^-license: Apache-2.0$'
expect_out '^\+license: apache-2.0$'

finish
