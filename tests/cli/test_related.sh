# Findings about evidence sit on the card's claim, with the evidence file and line as their
# related location, in every format; a suppression at the claim silences them (and is not
# unused); without a claim line on the card the evidence stays the primary location.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
checkpoint() {
  cat >"$1/config.json" <<'X'
{"architectures": ["TinyForCausalLM"],
 "_name_or_path": "acme-ai/Base-7B",
 "model_type": "tiny"}
X
}
card $R/scratch/README.md <<'X'
---
license: apache-2.0
datasets: [acme-ai/invented-text]
---
# Orbit-7B

Orbit-7B was trained from scratch on invented text.
X
checkpoint $R/scratch

# text: on the card's line, the evidence on a line of its own
expect_exit 1 -- "$MCLINT" --format text "$R/scratch"
expect_out "^README.md:7:22: error\[MC503\] the card claims training from scratch \(line 7\), but config.json was saved from the checkpoint 'acme-ai/Base-7B'"
expect_out "^    = evidence: config.json:2:2: config.json was saved from the checkpoint 'acme-ai/Base-7B'"
expect_no_out '^config.json:'

# json: path and line of the claim, "related" with the evidence
expect_exit 1 -- "$MCLINT" --format json "$R/scratch"
valid_json
python3 - "$TMP/out" <<'PY' && ok || bad "json: MC503 on the card with config.json related"
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["rule"] == "MC503"]
assert len(f) == 1, f
f = f[0]
assert (f["path"], f["line"], f["column"]) == ("README.md", 7, 22), f
assert f["snippet"].startswith("Orbit-7B was trained from scratch"), f
assert f["related"] == [{"path": "config.json", "line": 2, "column": 2,
                         "message": "config.json was saved from the checkpoint 'acme-ai/Base-7B'"}], f
assert all(x["related"] == [] for x in d["findings"] if x["rule"] != "MC503")
PY

# sarif: the card as the location, config.json in relatedLocations, linked from the message
expect_exit 1 -- "$MCLINT" --format sarif "$R/scratch"
cp "$TMP/out" "$TMP/out.sarif"
python3 - "$TMP/out.sarif" <<'PY' && ok || bad "sarif: relatedLocations"
import json, sys
d = json.load(open(sys.argv[1]))
r = [x for x in d["runs"][0]["results"] if x["ruleId"] == "MC503"][0]
loc = r["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "README.md" and loc["region"]["startLine"] == 7, r
rel = r["relatedLocations"]
assert len(rel) == 1 and rel[0]["id"] == 1, rel
assert rel[0]["physicalLocation"]["artifactLocation"]["uri"] == "config.json", rel
assert rel[0]["physicalLocation"]["region"]["startLine"] == 2, rel
assert r["message"]["text"].endswith("(evidence: [config.json:2](1))"), r["message"]
PY
SCHEMA=${MCLINT_SHARED:-}/schemas/sarif-schema-2.1.0.json
if [ -n "${MCLINT_SHARED:-}" ] && [ -f "$SCHEMA" ] && python3 -c 'import jsonschema' 2>/dev/null; then
  python3 - "$SCHEMA" "$TMP/out.sarif" <<'PY' && ok || bad "sarif: not valid against the SARIF 2.1.0 schema"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
errors = list(cls(schema).iter_errors(doc))
for e in errors[:5]:
    print("sarif:", e.message, list(e.absolute_path), file=sys.stderr)
sys.exit(1 if errors else 0)
PY
else
  echo "note: SARIF schema or python3-jsonschema unavailable: schema validation skipped"
fi

# github: the annotation on the card's line, the evidence in its text
expect_exit 1 -- "$MCLINT" --format github "$R/scratch"
expect_out "^::error file=README.md,line=7,endLine=7,col=22,endColumn=34,title=mclint \(MC503\)::README.md:7:22: MC503 the card claims training from scratch .*\(evidence: config.json:2\)$"

# rdjsonl and gitlab
expect_exit 1 -- "$MCLINT" --format rdjsonl "$R/scratch"
python3 - "$TMP/out" <<'PY' && ok || bad "rdjsonl: related_locations"
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    if d["code"]["value"] == "MC503":
        assert d["location"]["path"] == "README.md", d
        rl = d["related_locations"]
        assert rl[0]["location"]["path"] == "config.json", rl
        assert rl[0]["location"]["range"]["start"]["line"] == 2, rl
        break
else:
    raise SystemExit("no MC503")
PY
expect_exit 1 -- "$MCLINT" --format gitlab "$R/scratch"
expect_out '"description":"the card claims training from scratch .*\(evidence: config.json:2\)"'

# a suppression at the claim silences it and is used
card $R/quiet/README.md <<'X'
---
license: apache-2.0
datasets: [acme-ai/invented-text]
---
# Orbit-7B

<!-- mclint-disable-next-line MC503 -- the name is left over from the conversion script -->
Orbit-7B was trained from scratch on invented text.
X
checkpoint $R/quiet
expect_exit 1 -- "$MCLINT" --format text "$R/quiet"
expect_no_out 'MC503|MC902'
expect_out '^README.md:8:22: error\[MC303\]' # the other rules on that line are not suppressed
# the same comment elsewhere in the card suppresses nothing, and says so
card $R/astray/README.md <<'X'
---
license: apache-2.0
datasets: [acme-ai/invented-text]
---
<!-- mclint-disable-next-line MC503 -- the name is left over from the conversion script -->
# Orbit-7B

Orbit-7B was trained from scratch on invented text.
X
checkpoint $R/astray
expect_exit 1 -- "$MCLINT" --format text "$R/astray"
expect_out '^README.md:8:22: error\[MC503\]'
expect_out '^README.md:5:1: warning\[MC902\] unused suppression: MC503'

# the "own tokenizer" sentence and the base_model entry are the claims of MC501 and MC504,
# the license line the one of MC507
card $R/tok/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
datasets: [acme-ai/invented-text]
---
# Orbit-7B
A fine-tune of acme-ai/Base-7B.

We trained our own tokenizer for Orbit-7B.
X
cat >$R/tok/tokenizer_config.json <<'X'
{"added_tokens_decoder": {
  "128000": {"content": "<|begin_of_text|>", "special": true},
  "128006": {"content": "<|start_header_id|>", "special": true},
  "128009": {"content": "<|eot_id|>", "special": true}}}
X
cat >$R/tok/adapter_config.json <<'X'
{"peft_type": "LORA",
 "base_model_name_or_path": "acme-ai/Other-7B"}
X
expect_exit 1 -- "$MCLINT" --format text "$R/tok"
expect_out '^README.md:9:[0-9]+: error\[MC501\] the card claims a tokenizer trained here \(line 9\)'
expect_out '^    = evidence: tokenizer_config.json(:[0-9]+)*: '
expect_out "^README.md:3:13: [a-z]+\[MC504\] adapter_config.json adapts 'acme-ai/Other-7B'"
expect_out "^    = evidence: adapter_config.json:2:[0-9]+: the adapter's base model 'acme-ai/Other-7B'"
# the licence the tokenizer reveals: on the card's license line
expect_out '^README.md:2:10: warning\[MC507\] the weights derive from Llama 3 '
expect_out '^    = evidence: tokenizer_config.json:[0-9]+:[0-9]+: the weights match Llama 3$'
expect_no_out '^(tokenizer|adapter)_config.json:'

# a claim in the front matter: mclint-disable-file covers it (and is used)
card $R/adapted/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
datasets: [acme-ai/invented-text]
---
<!-- mclint-disable-file MC504 -- the adapter was retrained on Base-7B; its config lags -->
# Orbit-7B
A fine-tune of acme-ai/Base-7B.
X
cp $R/tok/adapter_config.json $R/adapted/
expect_exit 0 -- "$MCLINT" --format text "$R/adapted"
expect_no_out 'MC504|MC902'
# ... and so does a YAML comment on the key that makes the claim, for that key only
card $R/keyed/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B  # mclint-disable-line MC504 -- the adapter was retrained on Base-7B
datasets: [acme-ai/invented-text]
---
# Orbit-7B
A fine-tune of acme-ai/Base-7B.
X
cp $R/tok/adapter_config.json $R/keyed/
expect_exit 0 -- "$MCLINT" --format text "$R/keyed"
expect_no_out 'MC504|MC902'
sed -i 's/^base_model: \(.*\)  # \(.*\)$/# \2\nbase_model: \1/' $R/keyed/README.md
expect_exit 1 -- "$MCLINT" --format text "$R/keyed"
expect_out '^README.md:4:13: error\[MC504\]'
expect_out '^README.md:3:1: warning\[MC902\]'

# no claim line on the card: the merge configuration stays the primary location; with a
# base_model list, the finding is on it
card $R/merge/README.md <<'X'
---
license: apache-2.0
---
# Blend-7B
A merge of two invented models.
X
cat >$R/merge/mergekit_config.yml <<'X'
merge_method: slerp
models:
  - model: acme-ai/Alpha-7B
  - model: acme-ai/Beta-7B
X
mkdir -p $R/declared && cp $R/merge/mergekit_config.yml $R/declared/
card $R/declared/README.md <<'X'
---
license: apache-2.0
base_model:
- acme-ai/Alpha-7B
---
# Blend-7B
A merge of two invented models.
X
expect_exit 0 -- "$MCLINT" --format json "$R/merge"
python3 - "$TMP/out" <<'PY' && ok || bad "json: MC505 stays on the merge configuration"
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["rule"] == "MC505"]
assert len(f) == 1 and f[0]["path"] == "mergekit_config.yml" and f[0]["line"] == 3, f
assert f[0]["related"] == [], f
PY
expect_exit 0 -- "$MCLINT" --format text "$R/merge"
expect_out '^mergekit_config.yml:3:12: warning\[MC505\]'
expect_no_out '= evidence:'
expect_exit 0 -- "$MCLINT" --format text "$R/declared"
expect_out '^README.md:4:3: warning\[MC505\] .*merges acme-ai/Beta-7B'
expect_out '^    = evidence: mergekit_config.yml:4:12: '

# baselines: a new baseline keeps matching when lines move above the claim, and an entry
# keyed on the evidence file (as written before the finding moved to the card) still matches
expect_exit 1 -- "$MCLINT" --write-baseline "$TMP/bl.json" "$R/scratch"
sed -i 's/^# Orbit-7B$/# Orbit-7B\n\nA second paragraph./' "$R/scratch/README.md"
expect_exit 0 -- "$MCLINT" --format text --baseline "$TMP/bl.json" "$R/scratch"
expect_no_out 'MC503'
cat >"$TMP/old.json" <<'X'
{"version": 1, "findings": [
 {"rule": "MC503", "path": "config.json", "count": 1,
  "message": "the card claims training from scratch (line 9), but config.json was saved from the checkpoint 'acme-ai/Base-7B'"}]}
X
expect_exit 1 -- "$MCLINT" --format text --baseline "$TMP/old.json" "$R/scratch"
expect_no_out 'MC503'
expect_out 'MC303'
expect_exit 1 -- "$MCLINT" --format text "$R/scratch"
expect_out '^README.md:9:22: error\[MC503\]'
finish
