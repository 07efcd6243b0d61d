#!/bin/bash
# The filter chain: baselines while streaming, stale entries and --prune-baseline, YAML-comment
# suppressions in front matter, and the pointer to `mclint explain` in text output only.
. "$(dirname "$0")/lib.sh"

R="$TMP/repo"
mkdir -p "$R"
git -C "$R" init -q
card "$R/a/README.md" <<'X'
---
license: apache-2.0
base_model: Base-7B
---
# A-7B

Fine-tuned from Base-7B on our own data.
X
card "$R/b/README.md" <<'X'
---
license: apache-2.0
base_model: Other-3B
---
# B-3B

Fine-tuned from Other-3B on our own data.
X

# --- baselines work while streaming (jsonl streams card by card) -------------------------
expect_exit 1 -- "$MCLINT" --format jsonl "$R"
expect_out '"rule":"MC105"'
expect_exit 1 -- "$MCLINT" --write-baseline "$TMP/bl.json" "$R"
expect_exit 0 -- "$MCLINT" --format jsonl --baseline "$TMP/bl.json" "$R"
expect_no_out '"rule":"MC105"'
expect_exit 0 -- "$MCLINT" --format text --baseline "$TMP/bl.json" "$R"
expect_no_out 'MC105'
expect_exit 0 -- "$MCLINT" --format github --baseline "$TMP/bl.json" "$R"
expect_no_out 'MC105'
# nothing stale yet: no note
if [ -s "$TMP/err" ]; then bad "unexpected stderr: $(head -3 "$TMP/err")"; else ok; fi
# a new finding is still reported, while streaming
sed -i 's/^base_model: Other-3B$/base_model: Other-3B\nlicense_link: LICENSE-missing/' "$R/b/README.md"
expect_exit 0 -- "$MCLINT" --format jsonl --baseline "$TMP/bl.json" "$R"
expect_out '"rule":"MC104"'
expect_no_out '"rule":"MC105"'
# fail-on sees only what the baseline left (MC104 is a warning)
expect_exit 1 -- "$MCLINT" --format jsonl --fail-on warning --baseline "$TMP/bl.json" "$R"
sed -i '/^license_link: LICENSE-missing$/d' "$R/b/README.md"

# --- stale entries: a note on stderr, and --prune-baseline rewrites the file -------------
cp "$TMP/bl.json" "$TMP/bl-orig.json"
sed -i 's/^base_model: Base-7B$/base_model: acme-ai\/Base-7B/' "$R/a/README.md"
expect_exit 0 -- "$MCLINT" --format jsonl --baseline "$TMP/bl.json" "$R"
expect_err 'note: .*bl.json: 1 entry no longer matches any finding'
expect_err 'MC105 a/README.md: base_model: Base-7B'
# --silent: nothing on either stream
expect_exit 0 -- "$MCLINT" --silent --baseline "$TMP/bl.json" "$R"
if [ -s "$TMP/err" ] || [ -s "$TMP/out" ]; then bad "--silent printed: $(head -3 "$TMP/err")"; else ok; fi
# a run limited to b/ cannot tell whether a/'s entries are stale: no note
expect_exit 0 -- "$MCLINT" --format jsonl --baseline "$TMP/bl.json" "$R/b"
if grep -q 'no longer' "$TMP/err"; then bad "partial run called a/ entries stale"; else ok; fi
# pruning into another file keeps the original
expect_exit 0 -- "$MCLINT" --baseline "$TMP/bl.json" --prune-baseline "$TMP/bl-new.json" "$R"
expect_err '1 stale baseline entry pruned'
cmp -s "$TMP/bl.json" "$TMP/bl-orig.json" && ok || bad "--prune-baseline F changed the --baseline file"
if grep -q 'Base-7B"' "$TMP/bl-new.json"; then bad "pruned baseline still has the stale entry"; else ok; fi
grep -q 'Other-3B' "$TMP/bl-new.json" && ok || bad "pruned baseline lost a used entry"
# pruning in place, streaming
expect_exit 0 -- "$MCLINT" --format jsonl --prune-baseline "$TMP/bl.json" "$R"
cmp -s "$TMP/bl.json" "$TMP/bl-new.json" && ok || bad "in-place prune differs from the pruned copy"
expect_exit 0 -- "$MCLINT" --format jsonl --baseline "$TMP/bl.json" "$R"
if [ -s "$TMP/err" ]; then bad "stale note after pruning: $(head -3 "$TMP/err")"; else ok; fi
# the pruned file is opened like every output: never through a symbolic link
ln -s "$TMP/bl-orig.json" "$TMP/bl-link.json"
expect_exit 2 -- "$MCLINT" --baseline "$TMP/bl.json" --prune-baseline "$TMP/bl-link.json" "$R"
expect_err 'symbolic link'
grep -q 'Base-7B"' "$TMP/bl-orig.json" && ok || bad "the link's target was written"
# a baseline that cannot be read is an error (exit 2) before anything runs
expect_exit 2 -- "$MCLINT" --format jsonl --baseline "$TMP/missing.json" "$R"
expect_no_out 'MC'

# --- YAML-comment suppressions in front matter -------------------------------------------
Y="$TMP/yaml"
mkdir -p "$Y/m"
card "$Y/m/README.md" <<'X'
---
license: apache-2.0
# mclint-disable-next-line MC105 -- the base models are internal to acme-ai
base_model:
  - Base-7B
  - Other-3B
base_model_relation: merge
---
# M-7B

A merge of two in-house models, trained on our own data.
X
expect_exit 0 -- "$MCLINT" --format text --no-source "$Y"
expect_no_out 'MC105'
expect_no_out 'MC90[123]'
# without the comment the findings are there (the test can fail)
sed -i '/mclint-disable-next-line/d' "$Y/m/README.md"
expect_exit 1 -- "$MCLINT" --format text --no-source "$Y"
expect_out 'README.md:4:5: error\[MC105\]'
expect_out 'README.md:5:5: error\[MC105\]'
# disable-line at the end of the key's line covers the key's entry
sed -i 's/^base_model:$/base_model:  # mclint-disable-line MC105 -- internal bases/' "$Y/m/README.md"
expect_exit 0 -- "$MCLINT" --format text --no-source "$Y"
expect_no_out 'MC105'
# close neighbour: the same text inside a quoted string is not a comment
card "$Y/m/README.md" <<'X'
---
license: apache-2.0
base_model: "Base-7B # mclint-disable-line MC105 -- internal"
---
# M-7B

Fine-tuned from Base-7B, trained on our own data.
X
expect_exit 1 -- "$MCLINT" --format text --no-source "$Y"
expect_out 'error\[MC105\]'
expect_no_out 'MC90[123]'
# no reason: not applied, and said so
card "$Y/m/README.md" <<'X'
---
license: apache-2.0
base_model: Base-7B  # mclint-disable-line MC105
---
# M-7B

Fine-tuned from Base-7B, trained on our own data.
X
expect_exit 1 -- "$MCLINT" --format text --no-source "$Y"
expect_out 'error\[MC105\]'
expect_out 'warning\[MC901\] suppression without a reason: write # mclint-disable-line RULE -- why'
# unused: reported
card "$Y/m/README.md" <<'X'
---
license: apache-2.0  # mclint-disable-line MC105 -- nothing to suppress here
base_model: acme-ai/Base-7B
---
# M-7B

Fine-tuned from acme-ai/Base-7B, trained on our own data.
X
expect_exit 0 -- "$MCLINT" --format text --no-source "$Y"
expect_out 'README.md:2:22: warning\[MC902\] unused suppression: MC105'
# --no-inline-config turns the YAML form off too
expect_exit 0 -- "$MCLINT" --format text --no-source --no-inline-config "$Y"
expect_no_out 'MC902'

# --- disabled rules are not run; their suppressions are not "unused" ---------------------
card "$Y/m/README.md" <<'X'
---
license: apache-2.0
base_model: Base-7B  # mclint-disable-line MC105 -- internal base
---
# M-7B

Fine-tuned from Base-7B, trained on our own data.
X
printf 'ignore: [MC105]\n' >"$Y/.mclint.yaml"
expect_exit 0 -- "$MCLINT" --format text --no-source "$Y"
expect_no_out 'MC105'
expect_no_out 'MC902'
rm "$Y/.mclint.yaml"

# --- text output points to `mclint explain`; JSON and SARIF messages do not ---------------
expect_exit 1 -- "$MCLINT" --format text --no-source "$R"
expect_out "error\[MC[0-9]+\] .*; see \`mclint explain MC[0-9]+\`$"
expect_exit 0 -- "$MCLINT" --format json --exit-zero "$R"
expect_no_out 'mclint explain'
expect_exit 0 -- "$MCLINT" --format sarif --exit-zero "$R"
expect_no_out 'see `mclint explain'

finish
