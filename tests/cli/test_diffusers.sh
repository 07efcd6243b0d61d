# Diffusers pipelines as evidence: an SDXL fine-tune whose card claims its own architecture
# and training from scratch is contradicted by model_index.json and unet/config.json; its
# honest neighbour (a declared fine-tune of the SDXL base) is not; a UNet's values tell
# Stable Diffusion 1.x from XL when the pipeline class is shared.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
# pipeline DIR PIPELINE CROSS_ATTENTION_DIM SAMPLE_SIZE
pipeline() {
  mkdir -p "$1/unet" "$1/text_encoder" "$1/scheduler"
  cat >"$1/model_index.json" <<X
{
  "_class_name": "$2",
  "_diffusers_version": "0.24.0",
  "scheduler": ["diffusers", "EulerDiscreteScheduler"],
  "text_encoder": ["transformers", "CLIPTextModel"],
  "unet": ["diffusers", "UNet2DConditionModel"]
}
X
  cat >"$1/unet/config.json" <<X
{
  "_class_name": "UNet2DConditionModel",
  "_name_or_path": "stabilityai/stable-diffusion-xl-base-1.0",
  "cross_attention_dim": $3,
  "sample_size": $4
}
X
  echo '{"architectures": ["CLIPTextModel"], "model_type": "clip_text_model"}' \
    >"$1/text_encoder/config.json"
  echo '{"_class_name": "EulerDiscreteScheduler"}' >"$1/scheduler/scheduler_config.json"
}
card $R/own/README.md <<'X'
---
license: openrail++
provenance:
  architecture: {origin: original}
---
# Pixel-XL
Pixel-XL is a text-to-image model trained from scratch on 12M licensed images.
X
pipeline $R/own StableDiffusionXLPipeline 2048 128
card $R/honest/README.md <<'X'
---
license: openrail++
base_model: stabilityai/stable-diffusion-xl-base-1.0
datasets: [acme-ai/pixel-images]
---
# Pixel-XL
Pixel-XL is a fine-tuned version of stabilityai/stable-diffusion-xl-base-1.0 on 12M images.
X
pipeline $R/honest StableDiffusionXLPipeline 2048 128

expect_exit 1 -- "$MCLINT" --format text "$R/own"
expect_out "^README.md:4:[0-9]+: error\[MC502\] .*original architecture \(line 4\), but the pipeline class StableDiffusionXLPipeline is Stable Diffusion XL's"
expect_out "^    = evidence: model_index.json:2:3: the pipeline class StableDiffusionXLPipeline"
expect_out "^README.md:7:[0-9]+: error\[MC503\] .*from scratch \(line 7\), but unet/config.json was saved from the checkpoint 'stabilityai/stable-diffusion-xl-base-1.0'"
expect_out "^    = evidence: unet/config.json:3:3: unet/config.json was saved from the checkpoint"
expect_exit 0 -- "$MCLINT" --list-files "$R/own"
expect_out '^unet/config.json$'
expect_out '^text_encoder/config.json$'
expect_no_out 'scheduler'

expect_exit 0 -- "$MCLINT" --format text "$R/honest"
expect_no_out 'MC50[236]'

# a shared pipeline class: the UNet's values (768, 64) make it Stable Diffusion 1.x
card $R/sd15/README.md <<'X'
---
license: creativeml-openrail-m
provenance:
  architecture: {origin: original}
---
# Pixel-1
X
pipeline $R/sd15 StableDiffusionPipeline 768 64
expect_exit 1 -- "$MCLINT" --format text "$R/sd15"
expect_out "MC502\] .*the pipeline class StableDiffusionPipeline is Stable Diffusion 1.x's"
finish
