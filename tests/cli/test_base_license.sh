# Base licences from the declared or named base, per model: an honest Qwen2.5-7B fine-tune
# under Apache-2.0 owes no "Built with Qwen" (though its tokenizer is Qwen's); a renamed
# Llama 3.1 fine-tune owes the name and the attribution whether its base is declared or
# named in the text; a Qwen2.5-3B fine-tune under Apache-2.0 conflicts with its research
# licence; the licensor's release under a newer version of its licence owes nothing.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
card $R/qwen7/README.md <<'X'
---
license: apache-2.0
base_model: Qwen/Qwen2.5-7B-Instruct
---
# Tiny-Chat-7B
A fine-tune of Qwen2.5-7B-Instruct on our chat data.
X
cat >$R/qwen7/tokenizer_config.json <<'X'
{"tokenizer_class": "Qwen2Tokenizer", "added_tokens_decoder": {
  "151644": {"content": "<|im_start|>", "special": true},
  "151646": {"content": "<|object_ref_start|>", "special": true}}}
X
card $R/llama/README.md <<'X'
---
license: llama3.1
base_model: meta-llama/Llama-3.1-8B-Instruct
---
# Tiny-8B
A fine-tune on our chat data.
X
card $R/llamaok/README.md <<'X'
---
license: llama3.1
base_model: meta-llama/Llama-3.1-8B-Instruct
---
# Llama-3.1-Tiny-8B
A fine-tune on our chat data. Built with Llama.
X
card $R/text/README.md <<'X'
---
license: llama3.1
---
# Tiny-8B
Tiny-8B is a fine-tuned version of meta-llama/Llama-3.1-8B on chat data.
X
card $R/qwen3b/README.md <<'X'
---
license: apache-2.0
base_model: Qwen/Qwen2.5-3B-Instruct
---
# Tiny-3B
A fine-tune on our chat data. Built with Qwen.
X

expect_exit 0 -- "$MCLINT" --format text "$R/qwen7"
expect_no_out 'MC50[78]'
expect_exit 0 -- "$MCLINT" --format text "$R/llama"
expect_out '^README.md:3:13: warning\[MC507\] the weights derive from meta-llama/Llama-3.1-8B-Instruct \(Llama 3.1 Community License\): the model.s name does not begin with "Llama"; the card does not display "Built with Llama"'
expect_exit 0 -- "$MCLINT" --format text "$R/llamaok"
expect_no_out 'MC50[78]'
expect_exit 0 -- "$MCLINT" --format text "$R/text"
expect_out '^README.md:5:.*MC507\] the weights derive from meta-llama/Llama-3.1-8B \(Llama 3.1'
expect_exit 0 -- "$MCLINT" --format text "$R/qwen3b"
expect_out "^README.md:2:10: warning\[MC508\] 'license: apache-2.0' allows commercial use, but the weights derive from Qwen/Qwen2.5-3B-Instruct, whose Qwen Research License is for research only"
expect_no_out 'MC507'
# the licensor's own release under a newer version of the base's licence owes itself nothing
card $R/licensor/README.md <<'X'
---
license: llama3.2
---
# Edge-1B
Edge-1B is a fine-tuned version of Llama 3.1 8B on chat data.
X
echo 'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT' >$R/licensor/LICENSE
expect_exit 0 -- "$MCLINT" --format text "$R/licensor"
expect_out 'base: Llama 3.1'
expect_no_out 'MC507'
finish
