# MC316: a trained model names its training data. A fine-tune that names none gets the
# warning (with the key to add); its neighbours with datasets, a data section or a
# statement in the text do not, nor do quantizations, merges, cards silent about their
# training (MC301) or from-scratch claims (MC304).
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
card $R/silent-data/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
---
# Tiny chat model
A chat model for customer support.
X
card $R/block/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
provenance:
  training: fine-tune
---
# Tiny chat model
X
card $R/datasets/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
datasets: [acme-ai/support-chats]
---
# Tiny chat model
X
card $R/section/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
---
# Tiny chat model
## Training data
Forty thousand support conversations collected with consent.
X
card $R/text/README.md <<'X'
---
license: apache-2.0
---
# Tiny chat model
Tiny is a fine-tuned version of acme-ai/Base-7B on the acme-ai/support-chats dataset.
X
card $R/quant/README.md <<'X'
---
license: apache-2.0
base_model: acme-ai/Base-7B
base_model_relation: quantized
---
# Base-7B GGUF
X
card $R/unstated/README.md <<'X'
---
license: apache-2.0
---
# Tiny chat model
A chat model for customer support.
X

expect_exit 0 -- "$MCLINT" --format text "$R/silent-data"
expect_out "^README.md:3:13: warning\[MC316\] the card reads as fine-tune \(line 3\) but never names the data it was trained on: add 'datasets:' to the front matter"
expect_exit 0 -- "$MCLINT" --format text "$R/block"
expect_out "MC316\] .*add 'provenance.data.sources' to the provenance block"
for d in datasets section text quant; do
  expect_exit 0 -- "$MCLINT" --format text "$R/$d"
  expect_no_out 'MC316'
done
expect_exit 0 -- "$MCLINT" --format text "$R/unstated"
expect_out 'MC301'
expect_no_out 'MC316'
finish
