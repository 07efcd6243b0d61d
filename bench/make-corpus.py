#!/usr/bin/env python3
"""Build a deterministic benchmark corpus of N model directories.

    make-corpus.py N OUTDIR [--corpus DIR] [--synthetic]

Each directory org-XX/model-NNNNNN holds README.md (a model card), config.json and
tokenizer_config.json; every tenth also has TECHNICAL_REPORT.md. Cards are taken, in a
fixed order, from the shared corpus when it is present (hub/hf-readme/*.md,
hub/cohere-configurations/models/*/README.md, real/*/README.md, found through --corpus or
$MCLINT_CORPUS) and produced by a small generator otherwise. The same N and the same
corpus always give byte-identical trees. OUTDIR must not exist or must be empty; it must
be outside any repository you care about (the runner uses $TMPDIR).
"""
import json
import os
import sys

ARCHS = [("LlamaForCausalLM", "llama", 32000), ("MistralForCausalLM", "mistral", 32768),
         ("Qwen2ForCausalLM", "qwen2", 151936), ("GemmaForCausalLM", "gemma", 256000),
         ("GPT2LMHeadModel", "gpt2", 50257), ("PhiForCausalLM", "phi", 51200)]
LICENSES = ["apache-2.0", "mit", "llama3.1", "other", "cc-by-nc-4.0", "", "gemma", "unknown"]
RELATIONS = ["finetune", "adapter", "merge", "quantized", "fine-tuned", ""]


class Rng:
    """xorshift64*: the same sequence on every Python version and platform."""

    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 1) & 0xFFFFFFFFFFFFFFFF

    def next(self):
        s = self.s
        s ^= s >> 12
        s ^= (s << 25) & 0xFFFFFFFFFFFFFFFF
        s ^= s >> 27
        self.s = s
        return (s * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF

    def pick(self, seq):
        return seq[self.next() % len(seq)]


def card_pool(corpus):
    pool = []
    if not corpus or not os.path.isdir(corpus):
        return pool
    hub = os.path.join(corpus, "hub", "hf-readme")
    if os.path.isdir(hub):
        pool += [os.path.join(hub, f) for f in sorted(os.listdir(hub)) if f.endswith(".md")]
    coh = os.path.join(corpus, "hub", "cohere-configurations", "models")
    if os.path.isdir(coh):
        for d in sorted(os.listdir(coh)):
            p = os.path.join(coh, d, "README.md")
            if os.path.isfile(p):
                pool.append(p)
    real = os.path.join(corpus, "real")
    if os.path.isdir(real):
        for d in sorted(os.listdir(real)):
            p = os.path.join(real, d, "README.md")
            if os.path.isfile(p):
                pool.append(p)
    return pool


def synthetic_card(i, r):
    lic = r.pick(LICENSES)
    rel = r.pick(RELATIONS)
    lines = ["---"]
    if lic:
        lines.append("license: " + lic)
    if lic == "other" and r.next() % 2:
        lines += ["license_name: acme-open", "license_link: LICENSE"]
    kind = r.next() % 4
    if kind == 0:
        lines.append("base_model: acme-ai/Base-%dB" % (1 + r.next() % 70))
    elif kind == 1:
        lines += ["base_model:", "  - acme-ai/Base-7B", "  - example-org/Chat-7B"]
    elif kind == 2:
        lines.append("base_model: llama-2")
    if rel and kind != 3:
        lines.append("base_model_relation: " + rel)
    lines += ["language:", "  - en", "  - ko", "pipeline_tag: text-generation",
              "library_name: transformers", "tags: [synthetic, bench]", "---", "",
              "# Tiny-%d" % i, ""]
    claim = r.next() % 5
    if claim == 0:
        lines.append("Tiny-%d was trained from scratch on 2T tokens of public text." % i)
    elif claim == 1:
        lines.append("Tiny-%d is fine-tuned from acme-ai/Base-7B with our own data." % i)
    elif claim == 2:
        lines.append("We built our own tokenizer for Korean and English.")
    else:
        lines.append("A small instruction-following model for testing.")
    lines += ["", "## Model Details", "", "- **Developed by:** [More Information Needed]",
              "- **Finetuned from model:** [More Information Needed]", "", "## Training Data", ""]
    for k in range(3 + r.next() % 20):
        lines.append("Paragraph %d describes the data mixture, the filtering and the schedule "
                     "used for step %d of training; nothing here is a claim." % (k, k * 1000))
    lines.append("")
    return "\n".join(lines).encode()


def config_json(i, r):
    arch, mtype, vocab = r.pick(ARCHS)
    layers = 2 + r.next() % 80
    cfg = {"architectures": [arch], "model_type": mtype, "vocab_size": vocab,
           "hidden_size": 256 * (1 + r.next() % 32), "num_hidden_layers": layers,
           "num_attention_heads": 8 * (1 + r.next() % 8), "intermediate_size": 11008,
           "max_position_embeddings": 4096, "rms_norm_eps": 1e-05, "torch_dtype": "bfloat16",
           "transformers_version": "4.40.0", "bos_token_id": 1, "eos_token_id": 2}
    return (json.dumps(cfg, indent=2) + "\n").encode(), mtype


def tokenizer_config(i, r, mtype):
    tcls = {"llama": "LlamaTokenizer", "mistral": "LlamaTokenizerFast",
            "qwen2": "Qwen2Tokenizer", "gemma": "GemmaTokenizer",
            "gpt2": "GPT2Tokenizer", "phi": "CodeGenTokenizer"}[mtype]
    tc = {"tokenizer_class": tcls, "bos_token": "<s>", "eos_token": "</s>",
          "model_max_length": 4096, "clean_up_tokenization_spaces": False,
          "added_tokens_decoder": {str(32000 + k): {"content": "<extra_%d>" % k,
                                                   "special": True} for k in range(r.next() % 8)}}
    return (json.dumps(tc, indent=2) + "\n").encode()


def report(i):
    body = ["# Tiny-%d technical report" % i, "",
            "We describe the architecture, the data and the training of Tiny-%d." % i, ""]
    for k in range(30):
        body.append("Section %d: the model was trained on a mixture of web text, code and "
                    "books; the tokenizer has 32000 entries." % k)
    return ("\n".join(body) + "\n").encode()


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    opts = argv[1:]
    if len(args) < 2:
        sys.stderr.write(__doc__)
        return 2
    n, out = int(args[0]), args[1]
    corpus = os.environ.get("MCLINT_CORPUS", "")
    for k, a in enumerate(opts):
        if a == "--corpus" and k + 1 < len(opts):
            corpus = opts[k + 1]
            args = [x for x in args if x != corpus]
            n, out = int(args[0]), args[1]
    pool = [] if "--synthetic" in opts else card_pool(corpus)
    cache = {}
    os.makedirs(out, exist_ok=True)
    if os.listdir(out):
        sys.stderr.write("make-corpus: %s is not empty\n" % out)
        return 2
    nbytes = 0
    for i in range(n):
        r = Rng(i)
        d = os.path.join(out, "org-%02d" % (i % 97), "model-%06d" % i)
        os.makedirs(d)
        if pool:
            src = pool[i % len(pool)]
            if src not in cache:
                with open(src, "rb") as f:
                    cache[src] = f.read()
            card = cache[src]
        else:
            card = synthetic_card(i, r)
        cfg, mtype = config_json(i, r)
        files = [("README.md", card), ("config.json", cfg),
                 ("tokenizer_config.json", tokenizer_config(i, r, mtype))]
        if i % 10 == 0:
            files.append(("TECHNICAL_REPORT.md", report(i)))
        for name, data in files:
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
            nbytes += len(data)
    sys.stderr.write("make-corpus: %d model directories, %d bytes, %s cards, in %s\n"
                     % (n, nbytes, "%d corpus" % len(pool) if pool else "synthetic", out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
