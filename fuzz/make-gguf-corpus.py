#!/usr/bin/env python3
"""Write the GGUF regression inputs of fuzz_gguf (fuzz/regressions/gguf/): small files,
valid and broken, each preceded by the harness's control byte (low nibble: how much of
the file the prefix reader sees, in fifteenths; high nibble: how many 4 KiB pages larger
the file claims to be). Usage: fuzz/make-gguf-corpus.py [OUTDIR]"""
import os
import struct
import sys


def s(x):
    b = x.encode() if isinstance(x, str) else x
    return struct.pack('<Q', len(b)) + b


def kv_str(k, v):
    return s(k) + struct.pack('<I', 8) + s(v)


def kv_u32(k, v):
    return s(k) + struct.pack('<II', 4, v)


def kv_arr(k, t, items):
    return s(k) + struct.pack('<IIQ', 9, t, len(items)) + b''.join(items)


def gguf(kvs, version=3, tensors=0, count=None):
    n = len(kvs) if count is None else count
    return b'GGUF' + struct.pack('<IQQ', version, tensors, n) + b''.join(kvs)


TOKENS = ['<|begin_of_text|>', '<|end_of_text|>', 'a', 'b', '<|eot_id|>']
LLAMA = [kv_str('general.architecture', 'llama'), kv_str('general.name', 'Tiny 8B'),
         kv_u32('general.base_model.count', 1),
         kv_str('general.base_model.0.name', 'Llama 3.1 8B'),
         kv_str('general.base_model.0.organization', 'Meta Llama'),
         kv_str('general.base_model.0.repo_url', 'https://example.org/meta-llama/Llama-3.1-8B'),
         kv_str('general.license', 'llama3.1'), kv_str('general.quantized_by', 'acme'),
         kv_u32('general.file_type', 15), kv_u32('llama.expert_count', 8),
         kv_str('tokenizer.ggml.model', 'gpt2'),
         kv_arr('tokenizer.ggml.tokens', 8, [s(t) for t in TOKENS]),
         kv_arr('tokenizer.ggml.token_type', 5, [struct.pack('<i', x) for x in (3, 3, 1, 1, 3)]),
         kv_arr('tokenizer.ggml.merges', 8, [s('a b')]),
         kv_u32('tokenizer.ggml.bos_token_id', 0), kv_u32('tokenizer.ggml.eos_token_id', 4)]

FILES = {
    'valid-v3': b'\x0f' + gguf(LLAMA),
    'valid-v2': b'\x0f' + gguf(LLAMA, version=2),
    'prefix-half-of-larger-file': b'\x37' + gguf(LLAMA),
    'truncated-in-tokens': b'\x0f' + gguf(LLAMA)[:300],
    'version-1': b'\x0f' + gguf(LLAMA, version=1),
    'big-endian': b'\x0f' + b'GGUF' + struct.pack('>IQQ', 3, 0, 1) + kv_str('a', 'b'),
    'lying-kv-count': b'\x0f' + gguf(LLAMA[:1], count=1 << 40),
    'lying-tensor-count': b'\x0f' + gguf(LLAMA[:1], tensors=(1 << 64) - 1),
    'huge-string-length': b'\x0f' + gguf([s('general.name') + struct.pack('<IQ', 8, 1 << 62)]),
    'huge-string-array': b'\x0f' + gguf([s('tokenizer.ggml.tokens') +
                                        struct.pack('<IIQ', 9, 8, (1 << 64) - 1) + s('a')]),
    'huge-float-array': b'\x0f' + gguf([s('tokenizer.ggml.scores') +
                                       struct.pack('<IIQ', 9, 6, 1 << 62) + b'\0' * 8]),
    'nested-array': b'\x0f' + gguf([s('x.nested') + struct.pack('<IIQIQI', 9, 9, 1, 4, 1, 7)]),
    'unknown-value-type': b'\x0f' + gguf([s('general.name') + struct.pack('<I', 13) + b'\0' * 8]),
    'huge-key-length': b'\x0f' + gguf([struct.pack('<Q', 1 << 40) + b'general.name']),
    'special-id-past-tokens': b'\x0f' + gguf([kv_arr('tokenizer.ggml.tokens', 8, [s('a')]),
                                             kv_u32('tokenizer.ggml.eos_token_id', 1 << 31)]),
    'invalid-utf8-name': b'\x0f' + gguf([kv_str('general.name', b'a\xff\xfe\x00z')]),
}

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                          'regressions', 'gguf')
os.makedirs(out, exist_ok=True)
for name, data in FILES.items():
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)
