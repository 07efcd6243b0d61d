# GGUF files as evidence: a from-scratch card beside a GGUF whose header names a llama
# base model is a finding, its honest neighbour is not; the same from git objects; a
# malformed header is a warning; a 10 GB sparse GGUF costs its header only.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
# gguf FILE [VERSION [TRUNCATE]]: a llama GGUF naming meta-llama/Llama-3.1-8B as its base
gguf() {
  mkdir -p "$(dirname "$1")"
  python3 - "$1" "${2:-3}" "${3:-0}" <<'PY'
import struct, sys
def s(x):
    b = x.encode()
    return struct.pack('<Q', len(b)) + b
def kv_str(k, v): return s(k) + struct.pack('<I', 8) + s(v)
def kv_u32(k, v): return s(k) + struct.pack('<II', 4, v)
def kv_strs(k, vs): return s(k) + struct.pack('<IIQ', 9, 8, len(vs)) + b''.join(s(v) for v in vs)
kvs = [kv_str('general.architecture', 'llama'), kv_str('general.name', 'Tiny 8B'),
       kv_u32('general.base_model.count', 1),
       kv_str('general.base_model.0.name', 'Llama 3.1 8B'),
       kv_str('general.base_model.0.organization', 'Meta Llama'),
       kv_str('general.base_model.0.repo_url', 'https://example.org/meta-llama/Llama-3.1-8B'),
       kv_u32('general.file_type', 15), kv_str('tokenizer.ggml.model', 'gpt2'),
       kv_strs('tokenizer.ggml.tokens', ['<|begin_of_text|>', 'a', '<|eot_id|>']),
       kv_u32('tokenizer.ggml.bos_token_id', 0)]
data = b'GGUF' + struct.pack('<IQQ', int(sys.argv[2]), 0, len(kvs)) + b''.join(kvs)
cut = int(sys.argv[3])
open(sys.argv[1], 'wb').write(data[:cut] if cut else data)
PY
}
card $R/scratch/README.md <<'X'
---
license: apache-2.0
---
# Tiny-8B
Tiny-8B was trained from scratch on 2T tokens of web text.
X
gguf $R/scratch/tiny-8b.Q4_K_M.gguf
card $R/honest/README.md <<'X'
---
license: llama3.1
base_model: meta-llama/Llama-3.1-8B
base_model_relation: quantized
---
# Llama 3.1 Tiny-8B GGUF
A Q4_K_M quantization of meta-llama/Llama-3.1-8B. Built with Llama.
X
gguf $R/honest/tiny-8b.Q4_K_M.gguf 2

# the from-scratch claim against the GGUF header's base model: on the card's claim, with
# the GGUF file as its evidence
expect_exit 1 -- "$MCLINT" --format text "$R/scratch"
expect_out "^README.md:5:[0-9]+: error\[MC503\] .*from scratch \(line 5\), but the GGUF header names the base model 'meta-llama/Llama-3.1-8B'"
expect_out "^    = evidence: tiny-8b.Q4_K_M.gguf: the GGUF header names the base model"
# the honest neighbour (version 2 file) declares its base: no error at all
expect_exit 0 -- "$MCLINT" --format text "$R/honest"
expect_no_out 'MC50[23]|MC302|MC509'
expect_out 'training: quantized; base: meta-llama/Llama-3.1-8B'
expect_exit 0 -- "$MCLINT" --list-files "$R/honest"
expect_out '^tiny-8b.Q4_K_M.gguf$'

# JSON: the finding is on the card's line; its related location is the GGUF file as a whole
expect_exit 1 -- "$MCLINT" --format json "$R/scratch"
valid_json
python3 - "$TMP/out" <<'PY' && ok || bad "json: MC503 on the card, the GGUF file related"
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["rule"] == "MC503"]
assert len(f) == 1 and f[0]["path"] == "README.md" and f[0]["line"] == 5, f
r = f[0]["related"]
assert len(r) == 1 and r[0]["path"] == "tiny-8b.Q4_K_M.gguf" and r[0]["line"] is None, r
PY

# an original-architecture claim against the GGUF's llama architecture
card $R/arch/README.md <<'X'
---
license: apache-2.0
provenance:
  architecture: {origin: original}
---
# Tiny-8B
X
gguf $R/arch/tiny-8b.gguf
expect_exit 1 -- "$MCLINT" --format text "$R/arch"
expect_out "^README.md:4:[0-9]+: error\[MC502\] .*GGUF header's architecture llama"
expect_out "^    = evidence: tiny-8b.gguf"

# malformed headers are warnings, never crashes: truncated, version 1
card $R/broken/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
---
# Broken
X
gguf $R/broken/a.gguf 3 300
gguf $R/broken/b.gguf 1
expect_exit 0 -- "$MCLINT" --format text "$R/broken"
expect_out '^a.gguf: warning\[MC509\] .*GGUF header: .*past the end of the file'
expect_out '^b.gguf: warning\[MC509\] .*GGUF version 1 is not read'

# from git objects: a revision and the index
G=$TMP/git
mkdir -p "$G" && cp -r "$R/scratch" "$R/honest" "$G/"
(cd "$G" && git init -q . && git add -A && git commit -qm one) || bad "git setup"
rm -rf "$G/scratch" "$G/honest"
expect_exit 1 -- "$MCLINT" --format text --rev HEAD "$G"
expect_out "^scratch/README.md:5:[0-9]+: error\[MC503\]"
expect_out "= evidence: scratch/tiny-8b.Q4_K_M.gguf"
expect_no_out '^honest/.*error'
expect_exit 1 -- "$MCLINT" --format text --staged "$G"
expect_out "^scratch/README.md:5:[0-9]+: error\[MC503\]"
expect_out "= evidence: scratch/tiny-8b.Q4_K_M.gguf"

# a 10 GB sparse GGUF: the header only (a full read would take far longer than this)
S=$TMP/sparse
cp -r "$R/scratch" "$S"
truncate -s 10G "$S/tiny-8b.Q4_K_M.gguf"
expect_exit 1 -- timeout 20 "$MCLINT" --format text "$S"
expect_out "^README.md:5:[0-9]+: error\[MC503\]"
expect_out "= evidence: tiny-8b.Q4_K_M.gguf"
finish
