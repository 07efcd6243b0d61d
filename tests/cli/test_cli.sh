# The program on plain directories: exit codes, formats, explicit files, safety.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
card $R/good/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
base_model_relation: finetune
---
# Good model
Fine-tuned from acme-ai/Base-7B for chat.
X
card $R/bad/README.md <<'X'
---
license: apache-2.0
base_model: [acme-ai/Base-7B
---
# Bad model
X

expect_exit 0 -- "$MCLINT" --version
expect_out '^mclint [0-9]+\.[0-9]+\.[0-9]+$'
expect_exit 0 -- "$MCLINT" --help
expect_out '--staged'
expect_exit 2 -- "$MCLINT" --no-such-option
expect_err 'unknown option'
expect_exit 2 -- "$MCLINT" --format nonsense "$R"
expect_exit 2 -- "$MCLINT" --rev no-such-rev "$TMP/repo"

# a clean card: exit 0
expect_exit 0 -- "$MCLINT" --format text "$R/good"
# an invalid front matter: exit 1, positioned at the YAML error
expect_exit 1 -- "$MCLINT" --format text --no-source "$R"
expect_out '^bad/README.md:[34]:[0-9]+: error\[MC002\]'
expect_no_out '^good/README.md:.*error'
# --exit-zero and --fail-on
expect_exit 0 -- "$MCLINT" --exit-zero "$R"
expect_exit 2 -- "$MCLINT" --fail-on sometimes "$R"
# --min-tier is validated as min_tier is in the configuration
expect_exit 2 -- "$MCLINT" --min-tier T9 "$R"
expect_err "^mclint: --min-tier takes T0..T6, T4-1 or T4-2, not 'T9'"
expect_exit 2 -- "$MCLINT" --min-tier=t4 "$R"
expect_exit 2 -- "$MCLINT" --min-tier= "$R"
expect_exit 2 -- "$MCLINT" --min-tier $'T4\n::error::x' "$R"
expect_err "not 'T4\\\\x0a::error::x'"
expect_exit 0 -- "$MCLINT" --min-tier T0 "$R/good"
expect_exit 0 -- "$MCLINT" --min-tier T4-2 --exit-zero "$R/good"

# JSON: one document with findings and models
expect_exit 1 -- "$MCLINT" --format json "$R"
valid_json
python3 - "$TMP/out" <<'PY' && ok || bad "json contract"
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) >= {"mclint", "findings", "models"}, d.keys()
f = [x for x in d["findings"] if x["rule"] == "MC002"][0]
for k in ("rule", "severity", "path", "line", "column", "end_line", "end_column", "title", "message"):
    assert k in f, k
assert f["path"] == "bad/README.md" and f["severity"] == "error"
m = {x["path"]: x for x in d["models"]}
assert m["good/README.md"]["training"]["value"] == "fine-tune", m["good/README.md"]
assert "acme-ai/Base-7B" in json.dumps(m["good/README.md"]["base_model"])
assert m["good/README.md"]["tier"] == "T2"
PY

# explicit file arguments lint just those cards
expect_exit 0 -- "$MCLINT" "$R/good/README.md"
expect_exit 1 -- "$MCLINT" "$R/good/README.md" "$R/bad/README.md"

# rules and explain
expect_exit 0 -- "$MCLINT" rules
expect_out '^MC302 +error'
expect_exit 0 -- "$MCLINT" explain MC302
expect_out 'Fails:'
expect_exit 2 -- "$MCLINT" explain MC999

# the linted tree is never written to, symlinks out of it are never followed
echo "---\nlicense: mit\n---" >"$TMP/outside.md"
ln -s "$TMP/outside.md" "$R/good/MODEL_CARD.md"
ln -s "$TMP" "$R/loop"
before=$(cd "$R" && find . -printf '%p %s %T@\n' | sort | md5sum)
expect_exit 1 -- "$MCLINT" --format json "$R"
expect_no_out 'outside.md|loop/'
# a card that is a symbolic link is reported, not read
expect_out '"rule":"MC001","name":"card-unreadable"[^}]*"path":"good/MODEL_CARD.md"[^}]*symbolic link'
after=$(cd "$R" && find . -printf '%p %s %T@\n' | sort | md5sum)
[ "$before" = "$after" ] && ok || bad "the linted tree changed"

# a binary README and a huge one are findings, not crashes
printf 'abc\0def' >"$R/bin/README.md" 2>/dev/null || { mkdir -p "$R/bin"; printf 'abc\0def' >"$R/bin/README.md"; }
expect_exit 1 -- "$MCLINT" --format text --no-source "$R/bin"
expect_out '^README.md: error\[MC001\]'
mkdir -p "$R/huge"; { echo '---'; echo 'license: mit'; echo '---'; head -c 3000000 /dev/zero | tr '\0' 'a'; } >"$R/huge/README.md"
expect_exit 1 -- "$MCLINT" --format text --no-source --max-file-size 1000000 "$R/huge"
expect_out '^README.md: error\[MC001\]'

# configuration: the closest .mclint.yaml governs each card; a bad one is exit 2
card $TMP/cfg/a/README.md <<'X'
---
license: Apache-2.0
---
X
card $TMP/cfg/b/README.md <<'X'
---
license: Apache-2.0
---
X
printf 'ignore: [MC102]\n' >"$TMP/cfg/b/.mclint.yaml"
expect_exit 1 -- "$MCLINT" --format text --no-source "$TMP/cfg"
expect_out '^a/README.md:2:10: error\[MC102\]'
expect_no_out '^b/README.md:.*MC102'
printf 'severity: {MC102: warning}\n' >"$TMP/cfg/.mclint.yaml"
expect_exit 0 -- "$MCLINT" --format text --no-source "$TMP/cfg"
expect_out '^a/README.md:2:10: warning\[MC102\]'
expect_exit 0 -- "$MCLINT" --format text --no-source --config "$TMP/cfg/.mclint.yaml" --fail-on error "$TMP/cfg"
printf 'selct: [MC1]\n' >"$TMP/cfg/.mclint.yaml"
expect_exit 2 -- "$MCLINT" "$TMP/cfg"
expect_err '\.mclint\.yaml:1:1: .*selct'
rm -f "$TMP/cfg/.mclint.yaml"
# inline suppressions with a reason; an unused one is reported
card $TMP/sup2/README.md <<'X'
---
license: apache-2.0
---
# Model
<!-- mclint-disable-next-line MC108 -- placeholder kept on purpose -->
Finetuned from: [More Information Needed]
<!-- mclint-disable-next-line MC102 -- nothing to suppress here -->
Text.
X
expect_exit 0 -- "$MCLINT" --format text --no-source "$TMP/sup2"
expect_no_out 'MC108'
expect_out 'warning\[MC902\]'
# --show-config and --list-files
expect_exit 0 -- "$MCLINT" --show-config "$R"
expect_out 'fail_on'
expect_exit 0 -- "$MCLINT" --list-files "$R"
expect_out '^good/README.md$'
# every file a run reads: the cards, their reports and evidence, sorted, each once
mkdir -p "$TMP/lf/m/docs"
printf -- '---\nlicense: mit\n---\n# M\n\nSee the [report](docs/report.md).\n' >"$TMP/lf/m/README.md"
printf '# M technical report\n' >"$TMP/lf/m/docs/report.md"
printf '{"model_type": "llama"}\n' >"$TMP/lf/m/config.json"
printf 'x\n' >"$TMP/lf/m/notes.txt"
expect_exit 0 -- "$MCLINT" --list-files "$TMP/lf"
if [ "$(cat "$TMP/out")" = "$(printf 'm/README.md\nm/config.json\nm/docs/report.md')" ]; then ok; else bad "--list-files: $(tr '\n' ' ' <"$TMP/out")"; fi
# baseline: recorded findings are not reported again, new ones are
expect_exit 1 -- "$MCLINT" --write-baseline "$TMP/baseline.json" "$R/bad"
expect_exit 0 -- "$MCLINT" --baseline "$TMP/baseline.json" "$R/bad"
# several outputs in one run
expect_exit 1 -- "$MCLINT" --format github --sarif "$TMP/out.sarif" --json "$TMP/out.json" "$R"
expect_out '^::error file=bad/README.md,line=[34]'
python3 -c 'import json,sys; json.load(open(sys.argv[1])); json.load(open(sys.argv[2]))' "$TMP/out.sarif" "$TMP/out.json" && ok || bad "--sarif/--json files"
valid_json "$TMP/out.json"

# number options: decimal digits only, in range (strtoul would take " 0", "+1", "-1")
for v in 1 8 08; do
  expect_exit 0 -- "$MCLINT" --jobs "$v" --list-files "$R"
done
expect_exit 0 -- "$MCLINT" --jobs=2 --list-files "$R"
for v in 0 9 -1 +1 " 1" "1 " $'\t1' 1x 0x1 1e0 "" 99999999999999999999999 18446744073709551617; do
  expect_exit 2 -- "$MCLINT" --jobs "$v" --list-files "$R"
  expect_err 'jobs takes a number from 1 to 8'
done
expect_exit 2 -- "$MCLINT" "--jobs= 2" --list-files "$R"
for v in 0/1 0/4 3/4 99999/100000 000/4; do
  expect_exit 0 -- "$MCLINT" --shard "$v" --list-files "$R"
done
for v in " 0/4" "0/ 4" "0 /4" "0/4 " "+0/4" "0/+4" "-0/4" "0/-4" "4/4" "0/0" "0/100001" "/4" "0/" \
    "0/4/" "0x0/4" "1-/4" "0/18446744073709551620" "18446744073709551616/1" "0.0/4" "0//4"; do
  expect_exit 2 -- "$MCLINT" --shard "$v" --list-files "$R"
  expect_err 'shard takes I/N'
done
expect_exit 0 -- "$MCLINT" --max-file-size 1000000 --list-files "$R"
expect_exit 0 -- "$MCLINT" --max-file-size 18446744073709551615 --list-files "$R"
for v in 0 " 1000" "+1000" "-1" "1000 " 1k 1e6 "" 18446744073709551616 99999999999999999999999; do
  expect_exit 2 -- "$MCLINT" --max-file-size "$v" --list-files "$R"
  expect_err 'max-file-size takes a number of bytes'
done
# the same checks apply to options from MCLINT_OPTS
expect_exit 2 -- env MCLINT_OPTS="--jobs +2" "$MCLINT" --list-files "$R"
expect_exit 0 -- env MCLINT_OPTS="--jobs 2" "$MCLINT" --list-files "$R"

# a data set's and a Space's README are not model cards: skipped, and named by --list-files
D=$TMP/notmodel
card "$D/data/README.md" <<'EOF2'
---
license: mit
task_categories:
- text-generation
---
# Data
Fine-tuned from nothing; a data set.
EOF2
card "$D/space/README.md" <<'EOF2'
---
title: demo
sdk: gradio
app_file: app.py
---
# Demo
EOF2
card "$D/model/README.md" <<'EOF2'
---
license: mit
base_model: acme-ai/Base-7B
datasets:
- acme-ai/chat
---
# Model
A chat model fine-tuned from acme-ai/Base-7B.
EOF2
expect_exit 0 -- "$MCLINT" --list-files "$D"
expect_out '^model/README.md$'
expect_no_out 'data/README.md|space/README.md'
expect_err 'data/README.md: skipped: a dataset card, not a model card'
expect_err 'space/README.md: skipped: a Space, not a model card'
expect_exit 0 -- "$MCLINT" --format json "$D"
expect_no_out '"path":"(data|space)/README.md"'
expect_out '"provenance":\{"training":\{"value":"fine-tune"'

# the example shipped in the repository has real findings
expect_exit 1 -- "$MCLINT" --format text "$MCLINT_SOURCE_DIR/examples/registry"
expect_out 'hanul-13b-instruct/README.md:[0-9]+:[0-9]+: error\[MC302\]'
finish
