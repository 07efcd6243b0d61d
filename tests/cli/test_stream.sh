#!/usr/bin/env bash
# Streamed output: text, json, jsonl and rdjsonl are written card by card while the run
# goes on. They must give the same bytes and exit status as the whole-report path (taken
# when another output needs the whole report, e.g. --json FILE), keep findings grouped by
# model in card order, and keep memory flat in the number of models.
. "$(dirname "$0")/lib.sh"

R=$TMP/reg
mkdir -p "$R"
card "$R/README.md" <<'MD'
---
license: mit
---
# Registry root
MD
for m in a a/sub a-b b c/deep/er; do
  card "$R/$m/README.md" <<MD
---
license: foo-bar
base_model: not a repo id
---
# Model $m

This model was trained from scratch. It is fine-tuned from acme-ai/Base-7B.
MD
  printf '{"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 32000}\n' \
    >"$R/$m/config.json"
done
printf '{"model_type": 5,\n' >"$R/a/config.json" # unreadable evidence in the parent model
printf '{"tokenizer_class": \n' >"$R/a/tokenizer_config.json" # sorts after a/sub/

for jobs in 1 2; do
  for f in text json jsonl rdjsonl; do
    "$MCLINT" --jobs "$jobs" --format "$f" "$R" >"$TMP/streamed.$f" 2>"$TMP/err"
    s1=$?
    "$MCLINT" --jobs "$jobs" --format "$f" --json "$TMP/whole.json" "$R" >"$TMP/whole.$f" 2>"$TMP/err"
    s2=$?
    if cmp -s "$TMP/streamed.$f" "$TMP/whole.$f"; then ok; else
      bad "jobs $jobs, $f: streamed and whole-report outputs differ"
      diff "$TMP/streamed.$f" "$TMP/whole.$f" | head -10 >&2
    fi
    [ "$s1" = "$s2" ] && [ "$s1" = 1 ] && ok || bad "jobs $jobs, $f: exit $s1 and $s2, want 1 and 1"
  done
  # the --json file (whole report) equals the streamed json document
  if cmp -s "$TMP/streamed.json" "$TMP/whole.json"; then ok; else bad "jobs $jobs: --json FILE differs from --format json"; fi
done

valid_jsonl "$TMP/streamed.jsonl"
valid_json "$TMP/whole.json"

# grouped by model, models in card path order; within a model by path and line
python3 - "$TMP/streamed.jsonl" <<'PY' && ok || bad "jsonl findings are not grouped by model in card order"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
fs = [r for r in rows if r["type"] == "finding"]
ms = [r["card"] if "card" in r else r.get("path") for r in rows if r["type"] == "model"]
keys = [(f.get("model") or "", f["path"], f.get("line") or 0, f.get("column") or 0, f["rule"]) for f in fs]
assert keys == sorted(keys), "findings out of order"
models = [k[0] for k in keys]
assert "a/README.md" in models and "a/sub/README.md" in models
# every finding of a/README.md (including its a/config.json) comes before a/sub's
last_a = max(i for i, m in enumerate(models) if m == "a/README.md")
first_sub = min(i for i, m in enumerate(models) if m == "a/sub/README.md")
assert last_a < first_sub
assert any(f["path"] == "a/tokenizer_config.json" for f in fs)
PY

# the json document is valid and counts what it lists
expect_exit 1 -- "$MCLINT" --format json "$R"
valid_json
python3 - "$TMP/out" <<'PY' && ok || bad "json counts do not match the lists"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["counts"]
assert c["models"] == len(d["models"]) == 6
assert c["errors"] + c["warnings"] + c["notes"] == len(d["findings"])
PY

# memory: flat in the number of models, and linear in a long list
if ldd "$MCLINT" 2>/dev/null | grep -q 'libasan'; then
  # AddressSanitizer keeps freed memory in quarantine: resident memory means nothing there
  echo "skipped memory checks: sanitizer build"
elif [ -x /usr/bin/time ]; then
  rss() { /usr/bin/time -f %M -o "$TMP/rss" "$@" >/dev/null 2>&1; tail -1 "$TMP/rss"; }
  big=$TMP/big
  for i in $(seq 1 2000); do
    d=$big/org-$((i % 20))/m-$i
    mkdir -p "$d"
    printf -- '---\nlicense: foo\nbase_model: x\n---\n# M %s\n\nFine-tuned from acme-ai/Base-7B on our data.\n' "$i" >"$d/README.md"
    printf '{"architectures": ["LlamaForCausalLM"], "vocab_size": 32000}\n' >"$d/config.json"
  done
  small=$(rss "$MCLINT" --format json "$big/org-1")
  large=$(rss "$MCLINT" --format json "$big")
  if [ "$large" -lt $((small + 8192)) ]; then ok; else bad "peak RSS grows with models: 100 models ${small} KiB, 2000 models ${large} KiB"; fi
  mkdir -p "$TMP/langs"
  { printf -- '---\nlicense: mit\nlanguage:\n'; for i in $(seq 1 30000); do printf -- '- l%s\n' "$i"; done; printf -- '---\n# Many languages\n'; } >"$TMP/langs/README.md"
  kb=$(rss "$MCLINT" --format json "$TMP/langs")
  if [ "$kb" -lt 131072 ]; then ok; else bad "a card with 30,000 languages takes ${kb} KiB"; fi
else
  echo "skipped memory checks: /usr/bin/time is not installed"
fi

finish
