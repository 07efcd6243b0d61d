# Hugging Face cache snapshots (what huggingface_hub downloads: every file of
# snapshots/REV/ a symbolic link into ../../blobs/): a link that stays inside the same
# models--ORG--NAME folder is read, any other link is a finding, and the cache folder
# itself lints its newest snapshot (refs/main, else the most recently modified).
. "$(dirname "$0")/lib.sh"

H=$TMP/hub/models--acme--tiny
mkdir -p "$H/blobs" "$H/refs" "$H/snapshots/aaa111" "$H/snapshots/bbb222" "$TMP/hub/models--other--x/blobs"
cat >"$H/blobs/c1" <<'X'
---
license: apache-2.0
base_model: meta-llama/Llama-3.1-8B
---
# Tiny

This model was trained from scratch.
X
cat >"$H/blobs/c0" <<'X'
---
license: mit
---
# Older Tiny

A small model.
X
echo '{"model_type": "llama", "architectures": ["LlamaForCausalLM"]}' >"$H/blobs/j1"
echo '{"tokenizer_class": "LlamaTokenizer"}' >"$TMP/outside.json"
echo '{"tokenizer_class": "LlamaTokenizer"}' >"$TMP/hub/models--other--x/blobs/t1"
ln -s ../../blobs/c1 "$H/snapshots/bbb222/README.md"
ln -s ../../blobs/j1 "$H/snapshots/bbb222/config.json"
# a tokenizer.json over 1 KiB is streamed, not read whole: through its link all the same
python3 -c 'import json, sys; json.dump({"model": {"type": "BPE", "vocab": {"t%d" % i: i for i in range(300)}, "merges": []}, "added_tokens": []}, open(sys.argv[1], "w"))' "$H/blobs/k1"
ln -s ../../blobs/k1 "$H/snapshots/bbb222/tokenizer.json"
# escaping the models-- folder: to a file outside the cache, and to another model's blobs
ln -s ../../../../outside.json "$H/snapshots/bbb222/tokenizer_config.json"
ln -s ../../../models--other--x/blobs/t1 "$H/snapshots/bbb222/special_tokens_map.json"
ln -s ../../blobs/c0 "$H/snapshots/aaa111/README.md"
echo bbb222 >"$H/refs/main"

# 1. The cache folder lints the snapshot refs/main names, read through its links.
expect_exit 1 -- "$MCLINT" --format json "$H"
expect_out '"name":"Tiny"'
expect_no_out '"name":"Older Tiny"'
expect_out '"rule":"MC302"'
expect_exit 0 -- "$MCLINT" --list-files "$H"
expect_out '^README\.md$'
expect_out '^config\.json$'
# the link inside the folder is read without a finding; its neighbours that escape are findings
"$MCLINT" --format jsonl "$H" >"$TMP/out" 2>&1
if grep '"path":"config.json"' "$TMP/out" | grep -q '"rule":"MC509"'; then bad "the blob link was not read"; else ok; fi
if grep '"path":"tokenizer.json"' "$TMP/out" | grep -q '"rule":"MC509"'; then bad "the streamed blob link was not read"; else ok; fi
expect_out '"rule":"MC509".*"path":"tokenizer_config\.json".*symbolic link'
expect_out '"rule":"MC509".*"path":"special_tokens_map\.json".*symbolic link'
# the escaping target's text is never read
expect_no_out 'LlamaTokenizer'

# 2. The same from inside the folder, and with the snapshot named.
expect_exit 1 -- bash -c "cd '$H' && '$MCLINT' --format json"
expect_out '"name":"Tiny"'
expect_exit 1 -- "$MCLINT" --format json "$H/snapshots/bbb222"
expect_out '"name":"Tiny"'
expect_exit 1 -- bash -c "cd '$H/snapshots/bbb222' && '$MCLINT' --format json README.md"
expect_out '"name":"Tiny"'
# a named snapshot lints that snapshot, not the newest
expect_exit 0 -- "$MCLINT" --format json "$H/snapshots/aaa111"
expect_out '"name":"Older Tiny"'
expect_no_out '"name":"Tiny"'

# 3. Without refs/main, the most recently modified snapshot.
rm "$H/refs/main"
touch -d '2020-01-01 00:00' "$H/snapshots/bbb222"
touch -d '2021-01-01 00:00' "$H/snapshots/aaa111"
expect_exit 0 -- "$MCLINT" --format json "$H"
expect_out '"name":"Older Tiny"'
touch -d '2022-01-01 00:00' "$H/snapshots/bbb222"
expect_exit 1 -- "$MCLINT" --format json "$H"
expect_out '"name":"Tiny"'

# 4. The hub folder itself: every snapshot of every model, links read the same way.
expect_exit 1 -- "$MCLINT" --format json "$TMP/hub"
expect_out '"name":"Tiny"'
expect_out '"name":"Older Tiny"'
expect_out '"path":"models--acme--tiny/snapshots/bbb222/tokenizer_config\.json"'
expect_no_out '"path":"models--acme--tiny/snapshots/bbb222/config\.json","line":[0-9]*,"column":[0-9]*,"end_line":[0-9]*,"end_column":[0-9]*,"message":"[^"]*could not be read'

# 5. A card that is a link out of the folder is a finding, never skipped.
ln -sf ../../../../outside.json "$H/snapshots/aaa111/README.md"
expect_exit 1 -- "$MCLINT" --format json "$H/snapshots/aaa111"
expect_out '"rule":"MC00[0-9]".*symbolic link'
# outside a cache folder, links are still never followed
mkdir -p "$TMP/plain/m"
ln -s "$H/blobs/c1" "$TMP/plain/m/README.md"
expect_exit 1 -- "$MCLINT" --format json "$TMP/plain"
expect_out 'symbolic link'
expect_no_out '"name":"Tiny"'

finish
