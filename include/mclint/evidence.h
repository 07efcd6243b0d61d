/*
 * Evidence: what the files beside a card say about the model, read offline with bounded
 * memory: config.json (and nested text/vision/audio configs), adapter, merge and
 * quantization configs, tokenizer files (tokenizer.json streamed), safetensors headers,
 * GGUF headers, modeling code headers, LICENSE/NOTICE files and Git LFS pointers. Each item
 * carries the file and span that show it, and, where a known family matches
 * (rules/families.yaml), the family's id, so rules can say "config.json:3: architectures
 * names LlamaForCausalLM".
 *
 * A `*.gguf` file is read for its key-value metadata only (versions 2 and 3, at most the
 * first 16 MiB, never the tensor data), as items of the whole file (line 0) keyed by the
 * GGUF key: MC_EV_MODEL_TYPE (general.architecture, matched to a family as a model_type
 * is), MC_EV_NAME_OR_PATH (general.name; general.base_model.N.repo_url as "org/name", or
 * .name), MC_EV_LICENSE_FILE (general.license), MC_EV_QUANTIZED (general.file_type, value
 * "gguf Q4_K_M": a GGUF file is a converted repackaging; general.quantized_by, value who),
 * MC_EV_TOKENIZER_MODEL (tokenizer.ggml.model), MC_EV_VOCAB_SIZE (tokenizer.ggml.tokens,
 * the array's length), MC_EV_TOKENIZER_COUNT (tokenizer.ggml.merges), MC_EV_SPECIAL_TOKEN
 * (tokenizer.ggml.*_token_id with the token's text, and control tokens from
 * tokenizer.ggml.token_type; an id without text is an MC_EV_CONFIG_NUMBER),
 * MC_EV_EXPERT_COUNT and MC_EV_MOE (<arch>.expert_count, <arch>.expert_used_count).
 *
 * A diffusers pipeline's model_index.json gives its pipeline class (MC_EV_ARCHITECTURE, key
 * "_class_name"), `_diffusers_version` (MC_EV_CONFIG_NUMBER with the text), `_name_or_path`
 * and one MC_EV_COMPONENT per part (key and component: "unet", value: its class); the
 * config.json of a part's folder (unet/, transformer/, prior/, text_encoder/,
 * text_encoder_2/, text_encoder_3/, vae/, image_encoder/; not the scheduler's) is read as
 * config.json is, every item with that component; `_class_name` is an MC_EV_ARCHITECTURE.
 */
#ifndef MCLINT_EVIDENCE_H
#define MCLINT_EVIDENCE_H

#include "mclint/common.h"
#include "mclint/source.h"

#include <stdbool.h>

typedef enum {
    MC_EV_ARCHITECTURE,     /**< config.json architectures[] entry (value: class name) */
    MC_EV_MODEL_TYPE,       /**< config.json model_type */
    MC_EV_NAME_OR_PATH,     /**< _name_or_path naming a checkpoint (value: repo id or path) */
    MC_EV_AUTO_MAP,         /**< auto_map entry: custom modeling code (value: module.Class) */
    MC_EV_COMPONENT,        /**< nested text/vision/audio config (key: "vision_config", value: its model_type) */
    MC_EV_MOE,              /**< mixture-of-experts keys (key: the key, number: its value) */
    MC_EV_VOCAB_SIZE,       /**< vocabulary size (config.json or tokenizer) */
    MC_EV_QUANTIZED,        /**< quantization_config / quantize_config.json (value: method) */
    MC_EV_ADAPTER_BASE,     /**< adapter_config.json base_model_name_or_path */
    MC_EV_ADAPTER_TYPE,     /**< adapter_config.json peft_type */
    MC_EV_MERGE_MODEL,      /**< a model listed in a mergekit config */
    MC_EV_MERGE_METHOD,     /**< mergekit merge_method */
    MC_EV_TOKENIZER_FAMILY, /**< tokenizer matches a known family (value: explanation) */
    MC_EV_TOKENIZER_CLASS,  /**< tokenizer_config.json tokenizer_class */
    MC_EV_TOKENIZER_HASH,   /**< fingerprint of tokenizer.json vocabulary and merges (value: hex) */
    MC_EV_SPECIAL_TOKEN,    /**< a special token (value: the token text) */
    MC_EV_CODE_COPYRIGHT,   /**< "Copyright ... <holder>" in modeling/configuration code */
    MC_EV_CODE_COPIED,      /**< "Copied from transformers.models.X" / "Adapted from ..." */
    MC_EV_LICENSE_FILE,     /**< a LICENSE file (value: the licence it looks like, or "unknown") */
    MC_EV_NOTICE,           /**< a copyright holder named in LICENSE/NOTICE */
    MC_EV_LFS_POINTER,      /**< a Git LFS pointer stands where a file is expected */
    MC_EV_PARAM_COUNT,      /**< parameters counted from safetensors headers (number) */
    MC_EV_EXPERT_COUNT,     /**< experts counted from tensor names or config (number) */
    MC_EV_UNREADABLE,       /**< a file that could not be read or parsed (value: why) */
    MC_EV_CONFIG_NUMBER,    /**< a numeric config key (key: e.g. "hidden_size"; number, or -1
                                 with value holding the text when not an integer) */
    MC_EV_TOKENIZER_MODEL,  /**< tokenizer.json model.type (value: "BPE", "Unigram", ...) */
    MC_EV_TOKENIZER_COUNT,  /**< tokenizer counts (key: "vocab", "merges", "added_tokens",
                                 "model_max_length"; number) */
    MC_EV_MTP_TENSORS,      /**< tensors named mtp/nextn (number: how many; value: one name) */
    MC_EV_KIND_COUNT_       /**< not a kind: the number of kinds */
} mc_evidence_kind;

typedef struct {
    mc_evidence_kind kind;
    const char *file;      /**< repository-relative path of the file that shows it */
    mc_span span;          /**< where in that file (line 0: the file as a whole) */
    const char *key;       /**< the key or field, e.g. "architectures", "vision_config" */
    const char *value;     /**< what was seen, as text */
    long long number;      /**< numeric value where there is one, else -1 */
    const char *family;    /**< id of a matching known family (families.yaml), or NULL */
    const char *component; /**< for nested configs: "text_config", "vision_config"..., or NULL */
} mc_evidence;

typedef struct mc_evidence_set mc_evidence_set;

/**
 * Read the evidence files of the model directory `dir` ("" for the root) of `src`.
 * Missing files are not an error; unreadable or malformed ones become MC_EV_UNREADABLE
 * items. Returns 0, or MC_ENOMEM.
 */
MC_EXTERN(int) mc_evidence_collect(mc_evidence_set **out, const mc_source *src, const char *dir);
MC_EXTERN(void) mc_evidence_free(mc_evidence_set *set);
MC_EXTERN(size_t) mc_evidence_count(const mc_evidence_set *set);
MC_EXTERN(const mc_evidence *) mc_evidence_at(const mc_evidence_set *set, size_t i);
/** The first item of a kind (optionally of a component: NULL matches the top level only,
 * "*" any), or NULL. */
MC_EXTERN(const mc_evidence *) mc_evidence_first(const mc_evidence_set *set, mc_evidence_kind kind,
                                                 const char *component);
/** The files that were read ("--list-files"). */
MC_EXTERN(size_t) mc_evidence_file_count(const mc_evidence_set *set);
MC_EXTERN(const char *) mc_evidence_file_at(const mc_evidence_set *set, size_t i);

/**
 * Read one file given as bytes (`path` is what items will name; its basename chooses the
 * reader) into `set`, as mc_evidence_collect does for each file it lists. Call
 * mc_evidence_finish() once all files are read. For tests, fuzzing and tools that have the
 * bytes already. Returns 0, or MC_ENOMEM.
 */
MC_EXTERN(int) mc_evidence_new(mc_evidence_set **out);
MC_EXTERN(int) mc_evidence_read_buffer(mc_evidence_set *set, const char *path, const char *data,
                                       size_t len);
/** Match the collected tokenizer/architecture evidence against the known families
 * (adds MC_EV_TOKENIZER_FAMILY items, sets `family`). Idempotent. */
MC_EXTERN(int) mc_evidence_finish(mc_evidence_set *set);
/** True if mc_evidence_read_buffer() has a reader for a file of this name. */
MC_EXTERN(bool) mc_evidence_wants(const char *path);

/** Short name of an evidence kind ("architecture", "model_type", ...). */
MC_EXTERN(const char *) mc_evidence_kind_name(mc_evidence_kind kind);

#endif
