#!/usr/bin/env bash
# Hostile input: evidence files built to cost many times their size in memory, in eight
# models linted with --jobs 8, from the working tree and from git objects (--rev). The
# whole process must stay within the hostile memory bound (hostile_lib.sh, 400 MB): large
# JSON is walked in place, tokenizer.json streamed, and every file held whole is reserved
# from a process-wide budget first. See docs/security.md ("Evidence memory").
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 0; }
command -v git >/dev/null || { echo "SKIP: git missing"; exit 0; }
. "$(dirname "$0")/hostile_lib.sh"

repo
# m0..m7 share the same large files (hard links; one git blob each)
python3 - "$R" <<'PY'
import os, struct, sys
r = sys.argv[1]
src = os.path.join(r, '.src'); os.makedirs(src)
shape = '[' + ','.join(['1'] * 1000) + ']'
# a 12 MiB safetensors header of tiny values: a cJSON tree of about 500 MB
parts, size, i = ['{"__metadata__":{"format":"pt"}'], 0, 0
while size < (12 << 20):
    p = ',"model.layers.%d.mlp.experts.%d.w":{"dtype":"F16","shape":%s,"data_offsets":[0,2]}' % (i // 64, i % 64, shape)
    parts.append(p); size += len(p); i += 1
hdr = (''.join(parts) + '}').encode()
with open(os.path.join(src, 'model.safetensors'), 'wb') as f:
    f.write(struct.pack('<Q', len(hdr)) + hdr + b'\0' * 4096)
# an 8 MiB weight map of short names
with open(os.path.join(src, 'model.safetensors.index.json'), 'w') as f:
    f.write('{"metadata":{"total_size":123456},"weight_map":{')
    f.write(','.join('"e.experts.%d.w%d":"a"' % (k % 128, k) for k in range((8 << 20) // 24)))
    f.write('}}')
# an 8 MiB tokenizer.json (streamed; read whole from git objects before)
with open(os.path.join(src, 'tokenizer.json'), 'w') as f:
    f.write('{"added_tokens":[],"model":{"type":"BPE","vocab":{')
    f.write(','.join('"t%d":%d' % (k, k) for k in range((8 << 20) // 16)))
    f.write('},"merges":[]}}')
# a 2 MiB config.json of zeros: refused before it is parsed (its tree would be 40 times it)
with open(os.path.join(src, 'config.json'), 'w') as f:
    f.write('{"model_type":"llama","x":[' + ','.join(['0'] * (1 << 20)) + ']}')
for k in range(8):
    m = os.path.join(r, 'm%d' % k); os.makedirs(m, exist_ok=True)
    with open(os.path.join(m, 'README.md'), 'w') as f:
        f.write('---\nlicense: apache-2.0\nbase_model: acme-ai/Tiny-7B\n---\n# Tiny %d\n\nFine-tuned from acme-ai/Tiny-7B.\n' % k)
    for fn in os.listdir(src):
        if not (k == 1 and fn == 'config.json'):
            os.link(os.path.join(src, fn), os.path.join(m, fn))
# the neighbour: an ordinary config.json
with open(os.path.join(r, 'm1', 'config.json'), 'w') as f:
    f.write('{"architectures":["LlamaForCausalLM"],"model_type":"llama"}')
PY
rm -r "$R/m" "$R/.src"
git -C "$R" init -q && git -C "$R" add -A && git -C "$R" commit -qm models

check() { # $1: the mode's name
  expect_out '"file":"m0/config.json",[^}]*too many JSON values'
  # the large files were read: tensor statistics, the weight map, the vocabulary
  if python3 - "$TMP/out" <<'PY'; then ok; else bad "$1: evidence of the large files missing"; fi
import json, sys
d = json.load(open(sys.argv[1]))
ms = {m['path']: m for m in d['models']}
assert len(ms) == 8, ms.keys()
for k in range(8):
    ev = ms['m%d/README.md' % k]['evidence']
    kinds = {(e['kind'], e['file'].split('/')[-1]) for e in ev}
    assert ('expert_count', 'model.safetensors') in kinds, kinds
    assert ('param_count', 'model.safetensors') in kinds, kinds
    assert ('expert_count', 'model.safetensors.index.json') in kinds, kinds
    assert ('tokenizer_count', 'tokenizer.json') in kinds or ('vocab_size', 'tokenizer.json') in kinds, kinds
    # the only unreadable file is the config.json of zeros (m1 has an ordinary one)
    bad = [e['file'] for e in ev if e['kind'] == 'unreadable']
    assert bad == ([] if k == 1 else ['m%d/config.json' % k]), bad
# the neighbour's ordinary config is read
assert any(e['kind'] == 'architecture' for e in ms['m1/README.md']['evidence'])
PY
}
hostile "evidence, working tree, --jobs 8" -- --format json --jobs 8 "$R"
echo "working tree: ${LAST_MS} ms, $(cat "$TMP/rss" 2>/dev/null) KB"
check "working tree"
hostile "evidence, --rev, --jobs 8" -- --format json --jobs 8 --rev HEAD "$R"
echo "--rev: ${LAST_MS} ms, $(cat "$TMP/rss" 2>/dev/null) KB"
check "--rev"
# packed objects: a packed blob is inflated whole by libgit2 and read from its buffer
git -C "$R" gc -q
hostile "evidence, --rev, packed, --jobs 8" -- --format json --jobs 8 --rev HEAD "$R"
echo "--rev, packed: ${LAST_MS} ms, $(cat "$TMP/rss" 2>/dev/null) KB"
check "--rev, packed"
finish
