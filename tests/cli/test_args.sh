#!/usr/bin/env bash
# Named files: a card is linted; a technical report or an evidence file stands for the
# cards of its folder; Markdown that is not a model card is skipped without findings.
. "$(dirname "$0")/lib.sh"

R=$TMP/repo
mkdir -p "$R/m" "$R/n" "$R/docs"
card "$R/m/README.md" <<'MD'
---
license: apache-2.0
provenance:
  training: from-scratch
  architecture: {origin: standard, based_on: llama}
  tokenizer: {origin: trained}
---
# Tiny-1B

Tiny-1B was trained from scratch on invented data.
MD
printf '{"base_model_name_or_path": "acme-ai/Tiny-7B", "peft_type": "LORA"}\n' >"$R/m/adapter_config.json"
printf '# Tiny-1B technical report\n\nWe trained it.\n' >"$R/m/TECHNICAL_REPORT.md"
card "$R/n/README.md" <<'MD'
---
license: mit
---
# Other
MD
printf '# Contributing\n\nOpen an issue first.\n' >"$R/docs/CONTRIBUTING.md"
printf 'print(1)\n' >"$R/m/run.py"
cd "$R"

# the evidence file stands for its folder's card: its contradiction is found
expect_exit 1 -- "$MCLINT" --format jsonl m/adapter_config.json
expect_out '"type":"finding".*"rule":"MC503"'
expect_out '"type":"model","path":"(m/)?README.md"'
expect_no_out '"path":"n/README.md"'
# so does the technical report
expect_exit 1 -- "$MCLINT" --format jsonl m/TECHNICAL_REPORT.md
expect_out '"rule":"MC503"'
# a Markdown file that is not a card, and a file mclint does not read: nothing to lint
expect_exit 0 -- "$MCLINT" --format text docs/CONTRIBUTING.md
expect_out '^0 errors, 0 warnings, 0 notes in 0 models'
expect_exit 0 -- "$MCLINT" --format text m/run.py
expect_out 'in 0 models'
# the card and its evidence named together: the card is linted once
expect_exit 1 -- "$MCLINT" --format json m/README.md m/adapter_config.json m/README.md
valid_json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["models"]) == 1' "$TMP/out" && ok || bad "the card was linted more than once"

finish
