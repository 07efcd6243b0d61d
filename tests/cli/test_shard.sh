#!/usr/bin/env bash
# --shard I/N: the shards of a registry are disjoint and together give exactly the
# unsharded run (findings and models, compared as sorted JSON lines); bad values exit 2.
. "$(dirname "$0")/lib.sh"

R=$TMP/registry
licenses=(apache-2.0 mit "" other llama3.1 not-a-licence)
bases=("acme-ai/Base-7B" "llama-2" "" "example-org/Chat-3B")
for i in $(seq 0 199); do
  d=$R/org-$((i % 13))/tiny-$i
  lic=${licenses[$((i % ${#licenses[@]}))]}
  base=${bases[$((i % ${#bases[@]}))]}
  {
    echo "---"
    [ -n "$lic" ] && echo "license: $lic"
    [ -n "$base" ] && echo "base_model: $base"
    echo "---"
    echo "# Tiny-$i"
    echo
    case $((i % 3)) in
      0) echo "Tiny-$i was trained from scratch on public text." ;;
      1) echo "Tiny-$i is fine-tuned from acme-ai/Base-7B." ;;
      *) echo "A small model. [More Information Needed]" ;;
    esac
  } | card "$d/README.md"
  if [ $((i % 4)) = 0 ]; then
    printf '{"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 32000}\n' >"$d/config.json"
  fi
done

"$MCLINT" --format jsonl "$R" >"$TMP/all.jsonl" 2>"$TMP/err"
rc=$?
if [ "$rc" = 1 ]; then ok; else bad "unsharded run exit $rc, want 1"; cat "$TMP/err" >&2; fi
models=$(grep -c '"type":"model"' "$TMP/all.jsonl")
if [ "$models" = 200 ]; then ok; else bad "unsharded run lists $models models, want 200"; fi
if grep -q '"type":"finding"' "$TMP/all.jsonl"; then ok; else bad "unsharded run has no findings"; fi
valid_jsonl "$TMP/all.jsonl"

: >"$TMP/union.jsonl"
for i in 0 1 2 3; do
  "$MCLINT" --format jsonl --shard "$i/4" "$R" >"$TMP/shard$i.jsonl" 2>"$TMP/err"
  rc=$?
  if [ "$rc" -le 1 ]; then ok; else bad "shard $i/4 exit $rc"; cat "$TMP/err" >&2; fi
  n=$(grep -c '"type":"model"' "$TMP/shard$i.jsonl")
  # 200 folders hashed into 4 shards: each gets some, none gets nearly all
  if [ "$n" -gt 10 ] && [ "$n" -lt 150 ]; then ok; else bad "shard $i/4 has $n models"; fi
  cat "$TMP/shard$i.jsonl" >>"$TMP/union.jsonl"
done
sort "$TMP/all.jsonl" >"$TMP/a.sorted"
sort "$TMP/union.jsonl" >"$TMP/u.sorted"
if cmp -s "$TMP/a.sorted" "$TMP/u.sorted"; then ok; else
  bad "union of the 4 shards differs from the unsharded run"
  diff "$TMP/a.sorted" "$TMP/u.sorted" | head -5 >&2
fi

# disjoint: no model folder in two shards, and every finding belongs to one shard's models
for i in 0 1 2 3; do
  sed -n 's/^{"type":"model","path":"\([^"]*\)\/[^/"]*".*/\1/p' "$TMP/shard$i.jsonl" | sort -u >"$TMP/dirs$i"
done
dups=$(sort "$TMP"/dirs[0-3] | uniq -d | wc -l)
if [ "$dups" = 0 ]; then ok; else bad "$dups model folders are in more than one shard"; fi
total=$(cat "$TMP"/dirs[0-3] | wc -l)
if [ "$total" = 200 ]; then ok; else bad "the shards cover $total model folders, want 200"; fi
for i in 0 1 2 3; do
  stray=$(sed -n 's/^{"type":"finding",.*"path":"\([^"]*\)\/[^/"]*",.*/\1/p' "$TMP/shard$i.jsonl" |
    sort -u | comm -23 - "$TMP/dirs$i" | wc -l)
  if [ "$stray" = 0 ]; then ok; else bad "shard $i has findings for $stray folders it does not own"; fi
done

# stable: the same shard twice gives the same bytes; 0/1 is the whole run
"$MCLINT" --format jsonl --shard 2/4 "$R" >"$TMP/again.jsonl" 2>/dev/null
if cmp -s "$TMP/again.jsonl" "$TMP/shard2.jsonl"; then ok; else bad "shard 2/4 differs between runs"; fi
"$MCLINT" --format jsonl --shard 0/1 "$R" >"$TMP/one.jsonl" 2>/dev/null
if cmp -s "$TMP/one.jsonl" "$TMP/all.jsonl"; then ok; else bad "--shard 0/1 differs from no --shard"; fi

# the largest valid index, on a folder without cards
expect_exit 0 -- "$MCLINT" --format jsonl --shard 999/1000 "$TMP/home"

for bad_value in 4/4 5/4 1/0 0/0 -1/4 x 1 /4 3/ 0/4/ 0/4x 1.5/4 0/99999999999; do
  expect_exit 2 -- "$MCLINT" --shard "$bad_value" "$R"
  expect_err 'shard'
done
expect_exit 2 -- "$MCLINT" --shard

finish
