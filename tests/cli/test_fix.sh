# --fix and --diff: front-matter values the Hub spells otherwise are rewritten in place and
# nothing else changes (line endings, comments, key order, quoting); a second --fix
# changes nothing; --diff only prints; never through a symbolic link, never on the index
# or a revision.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
mkdir -p "$R/a" "$R/b" "$R/c"
# a: CRLF, comments, odd order, quoting; b: a licence name and a relation spelling;
# c: already right (its neighbour must not change)
printf -- '---\r\n# metadata\r\nbase_model_relation: "fine-tuned"   # how\r\nlicense:  Apache-2.0 # id\r\nbase_model: acme-ai/Base-7B\r\ntags: [z, a]\r\n---\r\n# A\r\nlicense: Apache-2.0 in the text stays\r\n' >"$R/a/README.md"
printf -- '---\nlicense: Apache License 2.0\nbase_model: acme-ai/Base-7B\nbase_model_relation: Quantised\n---\n# B\n' >"$R/b/README.md"
printf -- '---\nlicense: apache-2.0\nbase_model: acme-ai/Base-7B\nbase_model_relation: finetune\n---\n# C\n' >"$R/c/README.md"
chmod 0640 "$R/b/README.md"
cp -r "$R" "$TMP/orig"
git -C "$R" init -q && git -C "$R" add -A && git -C "$R" commit -qm init

# --diff: a unified diff, exit 1, nothing written
expect_exit 1 -- "$MCLINT" --diff "$R"
expect_out '^--- a/a/README.md$'
expect_out '^\+\+\+ b/a/README.md$'
expect_out $'^-license:  Apache-2.0 # id\r$'
expect_out $'^\\+license:  apache-2.0 # id\r$'
expect_out '^\+license: apache-2.0$'
expect_out '^\+base_model_relation: quantized$'
expect_no_out 'c/README.md'
diff -r "$TMP/orig" "$R" -x .git >/dev/null && ok || bad "--diff changed files"
# the diff applies with patch and gives what --fix gives
(cd "$TMP" && rm -rf patched && cp -r orig patched && cd patched && patch -s -p1 <"$TMP/out") && ok || bad "the diff does not apply"

# --fix: the values are rewritten, the remaining findings reported
expect_exit 0 -- "$MCLINT" --fix --format gcc "$R" # only warnings are left
expect_err '^mclint: fixed 4 values in 2 cards$'
expect_no_out 'MC102|MC106'
expect_out 'MC316' # not fixable: still reported
printf -- '---\r\n# metadata\r\nbase_model_relation: "finetune"   # how\r\nlicense:  apache-2.0 # id\r\nbase_model: acme-ai/Base-7B\r\ntags: [z, a]\r\n---\r\n# A\r\nlicense: Apache-2.0 in the text stays\r\n' >"$TMP/want-a"
cmp "$TMP/want-a" "$R/a/README.md" && ok || bad "a/README.md: not byte-identical outside the values"
cmp "$TMP/orig/c/README.md" "$R/c/README.md" && ok || bad "c/README.md changed"
grep -qx 'license: apache-2.0' "$R/b/README.md" && grep -qx 'base_model_relation: quantized' "$R/b/README.md" && ok || bad "b/README.md not fixed"
cmp "$TMP/patched/b/README.md" "$R/b/README.md" && cmp "$TMP/patched/a/README.md" "$R/a/README.md" && ok || bad "--diff and --fix disagree"
[ "$(stat -c %a "$R/b/README.md")" = 640 ] && ok || bad "--fix changed the permissions"
ls -a "$R/a" "$R/b" | grep -q 'mclint-fix' && bad "a temporary file was left" || ok
# round trip: a second --fix changes nothing, --diff has nothing to say
cp -r "$R" "$TMP/fixed"
expect_exit 0 -- "$MCLINT" --diff "$R"
[ -s "$TMP/out" ] && bad "--diff after --fix printed a diff" || ok
expect_exit 0 -- "$MCLINT" --fix "$R"
diff -r "$TMP/fixed" "$R" >/dev/null && ok || bad "a second --fix changed something"

# a rule that is not selected is not fixed
printf -- '---\nlicense: MIT\nbase_model_relation: finetuned\n---\n# D\n' >"$R/c/README.md"
expect_exit 1 -- "$MCLINT" --fix --ignore MC102 "$R/c"
grep -qx 'license: MIT' "$R/c/README.md" && ok || bad "--fix fixed an ignored rule"
grep -qx 'base_model_relation: finetune' "$R/c/README.md" && ok || bad "--fix did not fix MC106"

# fixes follow the findings: a suppressed finding, or one the closest configuration turns
# off, is not fixed; its neighbour without them is
mkdir -p "$R/s/inner"
printf -- '---\nlicense: MIT\n---\n<!-- mclint-disable-file MC102 -- kept as written -->\n# S\n' >"$R/s/README.md"
printf -- '---\nlicense: MIT\n---\n# I\n' >"$R/s/inner/README.md"
printf 'severity: {MC102: off}\n' >"$R/s/inner/.mclint.yaml"
printf -- '---\nlicense: MIT\n---\n# T\n' >"$R/c/README.md"
expect_exit 0 -- "$MCLINT" --fix "$R/s"
expect_exit 0 -- "$MCLINT" --fix "$R/c"
grep -qx 'license: MIT' "$R/s/README.md" && ok || bad "--fix fixed a suppressed finding"
grep -qx 'license: MIT' "$R/s/inner/README.md" && ok || bad "--fix fixed what the closest configuration turns off"
grep -qx 'license: mit' "$R/c/README.md" && ok || bad "--fix did not fix the neighbour"

# a finding the baseline records is not reported, so not fixed; the baseline is matched by
# the fix and by the run after it alike (nothing reported, nothing stale)
mkdir -p "$R/bl"
printf -- '---\nlicense: MIT\n---\n# B\n' >"$R/bl/README.md"
expect_exit 0 -- "$MCLINT" --write-baseline "$TMP/bl.json" --exit-zero "$R/bl"
expect_exit 0 -- "$MCLINT" --fix --baseline "$TMP/bl.json" --format gcc "$R/bl"
grep -qx 'license: MIT' "$R/bl/README.md" && ok || bad "--fix fixed a finding of the baseline"
expect_no_out 'MC102'
if grep -q 'stale' "$TMP/err"; then bad "--fix --baseline: $(cat "$TMP/err")"; else ok; fi
expect_exit 0 -- "$MCLINT" --fix "$R/bl"
grep -qx 'license: mit' "$R/bl/README.md" && ok || bad "--fix without the baseline did not fix"

# never through a symbolic link: the link's target is not written
mkdir -p "$TMP/outside" "$R/l"
printf -- '---\nlicense: MIT\n---\n# L\n' >"$TMP/outside/card.md"
ln -s "$TMP/outside/card.md" "$R/l/README.md"
expect_exit 1 -- "$MCLINT" --fix "$R/l"
grep -qx 'license: MIT' "$TMP/outside/card.md" && ok || bad "--fix wrote through a symbolic link"
[ -L "$R/l/README.md" ] && ok || bad "--fix replaced the link"

# only the working tree: the index and revisions are refused, and nothing is written
printf -- '---\nlicense: MIT\n---\n# D\n' >"$R/c/README.md"
expect_exit 2 -- "$MCLINT" --fix --staged "$R"
expect_err 'only the working tree'
expect_exit 2 -- "$MCLINT" --diff --rev HEAD "$R"
grep -qx 'license: MIT' "$R/c/README.md" && ok || bad "--fix --staged wrote"

finish
