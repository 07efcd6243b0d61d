# Borrowed components: every nested config of a composite config.json that names another
# model or a known family is its own MC506 finding; a card that names them all, and a
# settings object without a model of its own, give none.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
config() {
  cat >"$1/config.json" <<'X'
{"architectures": ["TinyOmniForConditionalGeneration"],
 "text_config": {"model_type": "qwen2", "_name_or_path": "Qwen/Qwen2.5-7B"},
 "vision_config": {"model_type": "siglip_vision_model",
                   "_name_or_path": "google/siglip-so400m-patch14-384"},
 "speech_config": {"model_type": "whisper"},
 "mm_projector_config": {"_name_or_path": "acme-ai/projector-v1"},
 "rope_config": {"theta": 10000}}
X
}
card $R/silent/README.md <<'X'
---
license: apache-2.0
---
# Tiny-Omni
A natively multimodal model.
X
config $R/silent
card $R/open/README.md <<'X'
---
license: apache-2.0
---
# Tiny-Omni
Tiny-Omni joins Qwen/Qwen2.5-7B, google/siglip-so400m-patch14-384, a Whisper encoder and
the acme-ai/projector-v1 projector.
X
config $R/open

expect_exit 1 -- "$MCLINT" --format text "$R/silent"
expect_out "^config.json:2:.*MC506\] config.json's text_config comes from Qwen/Qwen2.5-7B"
expect_out "^config.json:4:.*MC506\] config.json's vision_config comes from google/siglip-so400m-patch14-384"
expect_out "^config.json:5:.*MC506\] config.json's speech_config comes from Whisper"
expect_out "^config.json:6:.*MC506\] config.json's mm_projector_config comes from acme-ai/projector-v1"
expect_no_out 'rope_config'
if [ "$(grep -c 'MC506' "$TMP/out")" = 4 ]; then ok; else bad "want 4 MC506 findings"; fi

expect_exit 0 -- "$MCLINT" --format text "$R/open"
expect_no_out 'MC506'
finish
