#!/usr/bin/env bash
# Seed corpora for the fuzz harnesses, generated from the project's own fixtures
# (tests/fixtures, examples, rules, the YAML blocks of docs/configuration.md) plus a few
# small invented inputs. Usage: fuzz/make-seeds.sh OUTDIR  (writes OUTDIR/<harness>/).
# Extra seeds (for local runs) may be added with MCLINT_EXTRA_SEEDS=DIR: every *.md under
# it becomes a card seed, every *.json a JSON seed. Seeds are never committed.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: make-seeds.sh OUTDIR}
harnesses=(yaml yfast doc claims evidence gguf tokscan config suppress pipeline)
for h in "${harnesses[@]}"; do mkdir -p "$out/$h"; done
n=0
seed() { # seed HARNESS FILE [PREFIX-BYTES as printf format]
  local h=$1 f=$2 prefix=${3:-}
  n=$((n + 1))
  { [ -n "$prefix" ] && printf "$prefix"; head -c 65536 "$f"; } >"$out/$h/seed-$n"
  named "$out/$h/seed-$n"
}
named() { # rename a seed after its content (no clashes between subshells)
  local sum
  sum=$(sha1sum "$1" | cut -c1-16)
  mv -f "$1" "$(dirname "$1")/$sum"
}
seed_text() { # seed_text HARNESS TEXT
  n=$((n + 1))
  printf '%s' "$2" >"$out/$1/seed-$n"
}
# Index of each evidence file name in fuzz_evidence.c's table (the first input byte).
ev_index() {
  case "$(basename "$1")" in
  config.json) echo 0 ;; adapter_config.json) echo 1 ;; tokenizer_config.json) echo 2 ;;
  special_tokens_map.json) echo 3 ;; added_tokens.json) echo 4 ;; tokenizer.json) echo 5 ;;
  *.safetensors) echo 6 ;; model.safetensors.index.json) echo 7 ;;
  mergekit_config.yml | mergekit_config.yaml) echo 8 ;; quantize_config.json) echo 9 ;;
  *.py) echo 10 ;; LICENSE*) echo 11 ;; *) echo "" ;;
  esac
}

cards=$(find "$src/tests/fixtures" "$src/examples" -type f \( -name '*.md' -o -name '*.txt' \) 2>/dev/null || true)
for f in $cards; do
  seed doc "$f"
  seed claims "$f"
  seed suppress "$f"
  # the front matter alone for the YAML parser
  awk 'NR==1 && $0!="---" {exit} NR>1 && $0=="---" {exit} NR>1 {print}' "$f" >"$out/yaml/fm-$n"
  dir=$(dirname "$f")
  if [ -f "$dir/config.json" ]; then
    n=$((n + 1))
    { cat "$f"; printf '\376'; cat "$dir/config.json"; } >"$out/pipeline/seed-$n"
  else
    seed pipeline "$f"
  fi
done
for f in $(find "$src/tests/fixtures" "$src/examples" -type f 2>/dev/null || true); do
  i=$(ev_index "$f")
  [ -n "$i" ] && seed evidence "$f" "\\$(printf '%03o' "$i")"
  case "$f" in *.yml | *.yaml) seed yaml "$f" ;; esac
done
for f in "$src"/rules/*.yaml; do seed yaml "$f"; done
# configuration examples: the ```yaml blocks of docs/configuration.md
if [ -f "$src/docs/configuration.md" ]; then
  awk -v dir="$out/config" '/^```yaml/ {on=1; k++; next} /^```/ {on=0; next}
    on {print > (dir "/doc-" k)}' "$src/docs/configuration.md"
fi

# small invented inputs for the shapes the fixtures lack
seed_text config $'select: [ALL]\nignore: [MC1]\nfail_on: warning\nmin_tier: T3\nexclude: ["vendor/**"]\nper_path_ignores:\n  "legacy/**": [MC302]\nseverity:\n  MC101: error\nreport_dirs: [papers]\nmax_file_size: 1048576\n'
seed_text config '{"version": 1, "findings": [{"rule": "MC101", "path": "a/README.md", "text": "x", "count": 2}]}'
seed_text suppress $'# Tiny\n<!-- mclint-disable-next-line MC101 -- reviewed -->\ntrained from scratch\n<!-- mclint-disable MC302,MC006 -- why -->\nx\n<!-- mclint-enable MC302 -->\n<!-- mclint-disable-file MC1 -- all -->\n<!-- mclint-bogus -->\n'
seed_text yaml $'a: &x [1, 2]\nb: *x\nc: {d: e, d: f}\n? [k]\n: v\n---\nsecond\n'
tok='{"version":"1.0","added_tokens":[{"id":0,"content":"<s>","special":true},{"id":1,"content":"</s>","special":true}],"normalizer":null,"pre_tokenizer":{"type":"ByteLevel"},"model":{"type":"BPE","vocab":{"a":0,"b":1,"ab":2},"merges":["a b"]}}'
seed_text tokscan $'\001\002'"$tok"
n=$((n + 1)); { printf '\005'; printf '%s' "$tok"; } >"$out/evidence/seed-$n"
n=$((n + 1)); { printf '\002'; printf '%s' '{"tokenizer_class":"LlamaTokenizer","bos_token":"<s>","chat_template":"{{ x }}","model_max_length":4096}'; } >"$out/evidence/seed-$n"
n=$((n + 1)); { printf '\006'; printf '\x40\x00\x00\x00\x00\x00\x00\x00'; printf '%-64s' '{"w":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]}}'; printf '\0\0\0\0\0\0\0\0'; } >"$out/evidence/seed-$n"
n=$((n + 1)); { printf '\013'; printf '%s' $'version https://git-lfs.github.com/spec/v1\noid sha256:0000\nsize 12\n'; } >"$out/evidence/seed-$n"
n=$((n + 1)); { printf '\012'; printf '%s' $'# Copyright 2024 Acme AI. All rights reserved.\n# Licensed under the Apache License, Version 2.0\nclass TinyModel:\n    pass\n'; } >"$out/evidence/seed-$n"
n=$((n + 1)); { printf '\010'; printf '%s' $'merge_method: slerp\nbase_model: acme-ai/Tiny-7B\nslices:\n  - sources:\n      - model: acme-ai/Tiny-7B\n        layer_range: [0, 32]\n      - model: acme-ai/Tiny-7B-Chat\n        layer_range: [0, 32]\n'; } >"$out/evidence/seed-$n"
cp "$out/evidence/seed-$((n - 4))" "$out/tokscan/" 2>/dev/null || true
# GGUF headers: the regression inputs (written by fuzz/make-gguf-corpus.py) are the seeds
cp "$src"/fuzz/regressions/gguf/* "$out/gguf/" 2>/dev/null || true
seed_text pipeline $'---\nlicense: apache-2.0\nbase_model: acme-ai/Tiny-7B\n---\n# Tiny-7B-Chat\nFine-tuned from [Tiny-7B](https://huggingface.co/acme-ai/Tiny-7B).\n\376{"architectures":["LlamaForCausalLM"],"model_type":"llama","vocab_size":32000}'

if [ -n "${MCLINT_EXTRA_SEEDS:-}" ] && [ -d "$MCLINT_EXTRA_SEEDS" ]; then
  find "$MCLINT_EXTRA_SEEDS" -name '*.md' -size -256k | head -400 | while read -r f; do
    for h in doc claims suppress pipeline; do seed "$h" "$f"; done
  done
  find "$MCLINT_EXTRA_SEEDS" -type f -size -256k | head -2000 | while read -r f; do
    i=$(ev_index "$f")
    if [ -n "$i" ]; then seed evidence "$f" "\\$(printf '%03o' "$i")"; fi
    case "$f" in */tokenizer.json) seed tokscan "$f" '\001\002' ;; esac
  done
fi
for h in "${harnesses[@]}"; do
  for f in "$out/$h"/*; do case "$(basename "$f")" in seed-* | fm-* | doc-*) named "$f" ;; esac; done
done
# the differential front-matter harness starts from the YAML seeds
cp -f "$out/yaml/"* "$out/yfast/"
for h in "${harnesses[@]}"; do printf '%s: %s seeds\n' "$h" "$(ls "$out/$h" | wc -l)"; done
