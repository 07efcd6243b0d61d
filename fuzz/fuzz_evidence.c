/* libFuzzer harness: the evidence readers over a buffer. The first byte chooses the file
 * name (and so the reader: config.json, adapter_config.json, tokenizer_config.json,
 * tokenizer.json, model.safetensors, mergekit_config.yml, ...); the rest is the content. */
#include "mclint/evidence.h"

#include <stddef.h>
#include <stdint.h>

static const char *const names[] = {
    "m/config.json",
    "m/adapter_config.json",
    "m/tokenizer_config.json",
    "m/special_tokens_map.json",
    "m/added_tokens.json",
    "m/tokenizer.json",
    "m/model.safetensors",
    "m/model.safetensors.index.json",
    "m/mergekit_config.yml",
    "m/quantize_config.json",
    "m/modeling_tiny.py",
    "m/LICENSE",
    "m/tokenizer.model",
    "m/generation_config.json",
    "m/NOTICE",
    "m/configuration_tiny.py",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *name = names[data[0] % (sizeof names / sizeof names[0])];
    mc_evidence_set *set = NULL;
    if (mc_evidence_new(&set) != 0)
        return 0;
    (void)mc_evidence_read_buffer(set, name, (const char *)data + 1, size - 1);
    (void)mc_evidence_finish(set);
    size_t n = mc_evidence_count(set), sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += mc_evidence_at(set, i)->kind;
    (void)sum;
    mc_evidence_free(set);
    return 0;
}
