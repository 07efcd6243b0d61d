# Text paths are relative to the working directory when it is inside the repository (so
# they are clickable from a subfolder), else to the repository root; the machine formats
# stay repository-relative. The gcc format is what problem matchers read.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
mkdir -p "$R" && git -C "$R" init -q
card $R/models/a/README.md <<'X'
---
license: Apache-2.0
---
# A
X
card $R/models/b/README.md <<'X'
---
license: MIT
---
# B
X
card $R/other/README.md <<'X'
---
license: Apache-2.0
---
# O
X
git -C "$R" add -A && git -C "$R" commit -qm init
run_in() { local dir=$1; shift; (cd "$dir" && "$@"); }

# from the root: repository-relative, as before
expect_exit 1 -- run_in "$R" "$MCLINT" --no-source --select MC102
expect_out '^models/a/README.md:2:10: error\[MC102\]'
# from a subfolder: relative to it, "../" for what is beside it
expect_exit 1 -- run_in "$R/models" "$MCLINT" --no-source --select MC102 "$R"
expect_out '^a/README.md:2:10: error\[MC102\]'
expect_out '^b/README.md:2:10: error\[MC102\]'
expect_out '^\.\./other/README.md:2:10: error\[MC102\]'
expect_out '^a/README.md: A '
expect_exit 1 -- run_in "$R/models/a" "$MCLINT" --no-source --select MC102 "$R"
expect_out '^README.md:2:10: error\[MC102\]'
expect_out '^\.\./b/README.md:2:10:'
expect_out '^\.\./\.\./other/README.md:2:10:'
# a folder whose name only starts like the working directory's is not inside it
mkdir -p "$R/model" && expect_exit 1 -- run_in "$R/model" "$MCLINT" --no-source --select MC102 "$R"
expect_out '^\.\./models/a/README.md:2:10:'
# every printed path opens from the working directory
run_in "$R/models/a" "$MCLINT" --format gcc --select MC102 "$R" | cut -d: -f1 >"$TMP/paths"
n=0; while read -r p; do [ -f "$R/models/a/$p" ] || bad "not a path from the working directory: $p"; n=$((n + 1)); done <"$TMP/paths"
[ "$n" -eq 3 ] && ok || bad "expected 3 gcc lines, got $n"
# from outside the repository: repository-relative
expect_exit 1 -- run_in "$TMP" "$MCLINT" --no-source --select MC102 "$R"
expect_out '^models/a/README.md:2:10:'
# machine formats stay repository-relative from a subfolder
expect_exit 1 -- run_in "$R/models" "$MCLINT" --format json --select MC102 "$R"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert {f["path"] for f in d["findings"]} == {"models/a/README.md","models/b/README.md","other/README.md"}' "$TMP/out" && ok || bad "json paths changed"
expect_exit 1 -- run_in "$R/models" "$MCLINT" --format github --select MC102 "$R"
expect_out '^::error file=models/a/README.md,'

# gcc: path:line:col: severity: message [RULE], one line per finding, no summary;
# a whole-file finding is at 1:1
expect_exit 1 -- "$MCLINT" --format gcc --select MC102,MC301 "$R"
expect_out "^models/a/README.md:2:10: error: license 'Apache-2.0' is not a Hub license identifier.* \[MC102\]$"
expect_out '^models/a/README.md:1:1: warning: .* \[MC301\]$'
expect_no_out '^ *[0-9]+ \|'
expect_no_out 'models \('
# the regular expression of the gcc problem matchers (VS Code, GitHub) reads every line
if grep -Evq '^(.*):([0-9]+):([0-9]+): (error|warning|note): (.*) \[MC[0-9]+\]$' "$TMP/out"; then
  bad "a gcc line the problem matcher cannot read"; else ok; fi
[ "$(wc -l <"$TMP/out")" -ge 4 ] && ok || bad "gcc: too few lines"
expect_exit 0 -- "$MCLINT" --format gcc --select MC101 "$R"
[ -s "$TMP/out" ] && bad "gcc printed something without findings" || ok
expect_exit 1 -- env MCLINT_FORMAT=gcc "$MCLINT" --select MC102 "$R"
expect_out '\[MC102\]$'

finish
