# The resolved provenance as users see it: the JSON contract, and the findings that name
# two places (MC302 whatever the order, MC314 on the card and on the report, MC315) or an
# unnamed base (MC305).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile_lib.sh"
R=$TMP/repo

# MC314: a card from scratch, its report a fine-tune: one finding on each document
card "$R/scratch/README.md" <<'EOF2'
---
license: apache-2.0
---
# Tiny
Tiny was trained from scratch on 2T tokens. See the [technical report](REPORT.md).
EOF2
card "$R/scratch/REPORT.md" <<'EOF2'
# Tiny: technical report
Tiny is a fine-tuned version of [Qwen2.5-7B](https://huggingface.co/Qwen/Qwen2.5-7B).
EOF2
expect_exit 1 -- "$MCLINT" --format text "$R/scratch"
expect_out '^README.md:5:[0-9]+: error\[MC314\] the card reads as from-scratch but the technical report says fine-tune \(REPORT.md:2\)'
expect_out '^REPORT.md:2:[0-9]+: error\[MC314\] .*\(line 5\)'
# the neighbour whose report agrees
card "$R/agree/README.md" <<'EOF2'
---
license: apache-2.0
---
# Tiny
Tiny was trained from scratch on 2T tokens. See the [technical report](REPORT.md).
EOF2
card "$R/agree/REPORT.md" <<'EOF2'
# Tiny: technical report
Tiny was trained from scratch on 2T tokens of web text with a standard Llama-2 architecture.
EOF2
"$MCLINT" --format text "$R/agree" >"$TMP/out" 2>&1
expect_no_out 'MC314'

# MC302 whatever the order: the derivation first, the from-scratch claim after
card "$R/order/README.md" <<'EOF2'
---
license: apache-2.0
---
# Tiny
Tiny is fine-tuned from [acme-ai/Base-7B](https://huggingface.co/acme-ai/Base-7B).

Tiny was trained from scratch.
EOF2
expect_exit 1 -- "$MCLINT" --format text "$R/order"
expect_out '^README.md:5:[0-9]+: error\[MC302\] the card claims training from scratch \(line 7\)'

# MC305: a fine-tune that names no base; the neighbour that names one
card "$R/unnamed/README.md" <<'EOF2'
---
license: apache-2.0
---
# Tiny
Tiny was fine-tuned using DPO on preference pairs.
EOF2
expect_exit 1 -- "$MCLINT" --format text "$R/unnamed"
expect_out 'error\[MC305\] the weights are derived from another model \(fine-tune\)'
card "$R/named/README.md" <<'EOF2'
---
license: apache-2.0
---
# Tiny
Tiny was fine-tuned from acme-ai/Base-7B using DPO on the acme-ai/prefs dataset.
EOF2
"$MCLINT" --format text "$R/named" >"$TMP/out" 2>&1
expect_no_out 'MC305|MC301'

# the JSON contract: the deciding place, its confidence and signal, the bases
expect_exit 0 -- "$MCLINT" --format json --exit-zero "$R/named"
valid_json
python3 - "$TMP/out" <<'PY' && ok || bad "provenance in JSON"
import json, sys
m = json.load(open(sys.argv[1]))["models"][0]["provenance"]
assert m["training"]["value"] == "fine-tune", m
assert m["training"]["confidence"] == "explicit" and m["training"]["line"] == 5, m
assert m["training"]["signal"] == "the text", m
assert [b["name"] for b in m["base_models"]] == ["acme-ai/Base-7B"], m
assert m["data"] == {"stated": True, "path": "README.md", "line": 5, "from": "card"}, m
PY

# MC315: the field says fine-tune, the text a merge
card "$R/disagree/README.md" <<'EOF2'
---
license: apache-2.0
base_model:
- acme-ai/Base-7B
base_model_relation: finetune
---
# Tiny
Tiny is a merge of [acme-ai/Base-7B](https://huggingface.co/acme-ai/Base-7B) and [acme-ai/Chat-7B](https://huggingface.co/acme-ai/Chat-7B).
EOF2
expect_exit 0 -- "$MCLINT" --format text "$R/disagree"
expect_out '^README.md:8:[0-9]+: warning\[MC315\] the text reads as merge but base_model_relation says fine-tune \(line 5\)'

# the resolver is linear in claims: time at n and 4n lines of derivations, pretraining
# statements and sentences about other models (docs/security.md)
many() {
  mkdir -p "$TMP/many$1/m"
  { printf -- '---\nlicense: apache-2.0\n---\n# m\n\n'
    for i in $(seq "$1"); do
      echo "Model$i-7B was pretrained on 2T tokens and fine-tuned on data. Stable Diffusion was trained on LAION. We fine-tuned it using DPO."
    done; } >"$TMP/many$1/m/README.md"
}
many 300; many 1200
hostile "300 lines of claims" -- --format json --exit-zero "$TMP/many300"; t1=$LAST_MS
hostile "1200 lines of claims" -- --format json --exit-zero "$TMP/many1200"; t4=$LAST_MS
linear "claims resolved" "$t1" "$t4"
finish
