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

# diffusion bases: a FLUX.1 [dev] fine-tune cannot be Apache-2.0 (MC508); FLUX.1 [schnell] is
# Apache-2.0 itself; an SD 3.5 fine-tune under the Stability AI Community License must
# display "Powered by Stability AI" (MC507), and one that does passes
card $R/fluxdev/README.md <<'X'
---
license: apache-2.0
base_model: black-forest-labs/FLUX.1-dev
datasets: [acme-ai/watercolours]
---
# Aquarelle
A LoRA fine-tune on invented watercolour images.
X
card $R/fluxschnell/README.md <<'X'
---
license: apache-2.0
base_model: black-forest-labs/FLUX.1-schnell
datasets: [acme-ai/watercolours]
---
# Aquarelle-S
A LoRA fine-tune on invented watercolour images.
X
sd35() {
  card "$1/README.md" <<X
---
license: other
license_name: stabilityai-ai-community
license_link: LICENSE.md
base_model: stabilityai/stable-diffusion-3.5-large
datasets: [acme-ai/watercolours]
---
# Aquarelle-35
A fine-tune on invented watercolour images. $2
X
  echo 'STABILITY AI COMMUNITY LICENSE AGREEMENT' >"$1/LICENSE.md"
}
sd35 $R/sd35 ""
sd35 $R/sd35ok "Powered by Stability AI."
expect_exit 0 -- "$MCLINT" --format text "$R/fluxdev"
expect_out "^README.md:2:10: warning\[MC508\] 'license: apache-2.0' allows commercial use, but the weights derive from black-forest-labs/FLUX.1-dev, whose FLUX.1 \[dev\] Non-Commercial License"
expect_exit 0 -- "$MCLINT" --format text "$R/fluxschnell"
expect_no_out 'MC50[78]'
expect_exit 0 -- "$MCLINT" --format text "$R/sd35"
expect_out '^README.md:5:[0-9]+: warning\[MC507\] the weights derive from stabilityai/stable-diffusion-3.5-large \(Stability AI Community License\): the card does not display "Powered by Stability AI"'
expect_no_out 'MC508'
expect_exit 0 -- "$MCLINT" --format text "$R/sd35ok"
expect_no_out 'MC50[78]'
finish
