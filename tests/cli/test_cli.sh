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
expect_no_out 'outside.md|MODEL_CARD.md|loop/'
after=$(cd "$R" && find . -printf '%p %s %T@\n' | sort | md5sum)
[ "$before" = "$after" ] && ok || bad "the linted tree changed"

# a binary README and a huge one are findings, not crashes
printf 'abc\0def' >"$R/bin/README.md" 2>/dev/null || { mkdir -p "$R/bin"; printf 'abc\0def' >"$R/bin/README.md"; }
expect_exit 1 -- "$MCLINT" --format text --no-source "$R/bin"
expect_out '^README.md: error\[MC001\]'
mkdir -p "$R/huge"; { echo '---'; echo 'license: mit'; echo '---'; head -c 3000000 /dev/zero | tr '\0' 'a'; } >"$R/huge/README.md"
expect_exit 1 -- "$MCLINT" --format text --no-source --max-file-size 1000000 "$R/huge"
expect_out '^README.md: error\[MC001\]'

# the example shipped in the repository has real findings
expect_exit 1 -- "$MCLINT" --format text "$MCLINT_SOURCE_DIR/examples/registry"
expect_out 'hanul-13b-instruct/README.md:[0-9]+:[0-9]+: error\[MC302\]'
finish
