/*
 * Known model families and licences, as data (rules/families.yaml, rules/licenses.yaml,
 * embedded in the program). Loaded once, on first use, thread-safely; the returned
 * pointers live as long as the program.
 */
#ifndef MCLINT_FAMILIES_H
#define MCLINT_FAMILIES_H

#include "mclint/common.h"

#include <stdbool.h>

typedef struct {
    const char *id;                 /**< "llama3.1", "apache-2.0", ... (lower-case Hub-style id) */
    const char *name;               /**< display name, "Llama 3.1 Community License" */
    bool commercial;                /**< commercial use allowed (possibly with conditions) */
    bool research_only;             /**< non-commercial / research use only */
    const char *name_prefix;        /**< a derived model's name must begin with this, or NULL */
    const char *attribution;        /**< text to display, e.g. "Built with Llama", or NULL */
    const char *const *obligations; /**< one line each: what a derivative must do */
    size_t n_obligations;
    const char *const *phrases; /**< distinctive phrases that identify the text */
    size_t n_phrases;
    const char *source; /**< where the facts come from (owner/repo:path) */
} mc_license;

typedef struct {
    const char *id;                   /**< "llama3", "qwen2", "deepseek-v3", ... */
    const char *name;                 /**< "Llama 3" */
    const char *kind;                 /**< "text", "vision", "audio" */
    const char *license_id;           /**< usual licence of the family's weights, or NULL */
    const mc_license *license;        /**< that licence, if known, or NULL */
    const char *const *architectures; /**< config.json class names */
    size_t n_architectures;
    const char *const *model_types;
    size_t n_model_types;
    const char *const *config_keys; /**< distinctive config.json keys */
    size_t n_config_keys;
    const long long *vocab_sizes; /**< tokenizer or embedding sizes */
    size_t n_vocab_sizes;
    const char *const *special_tokens; /**< distinctive special tokens */
    size_t n_special_tokens;
    const char *const *tokenizer_classes;
    size_t n_tokenizer_classes;
    const char *const *pipelines; /**< diffusers pipeline classes (model_index.json _class_name) */
    size_t n_pipelines;
    const char *denoiser_class;       /**< diffusers UNet/transformer class its values apply to */
    const char *const *denoiser_keys; /**< distinguishing denoiser config keys ... */
    const long long *denoiser_values; /**< ... and their values */
    size_t n_denoiser;
    const char *source; /**< where the facts come from (owner/repo:path) */
} mc_family;

/** The family with this id, or NULL. */
MC_EXTERN(const mc_family *) mc_family_find(const char *id);
/** The family whose architectures list `class_name` (or model_types list `model_type`),
 * or NULL. Either argument may be NULL. */
MC_EXTERN(const mc_family *) mc_family_by_arch(const char *class_name, const char *model_type);

/** The family of a diffusers pipeline class (model_index.json _class_name) listed by one
 * family only, or NULL. */
MC_EXTERN(const mc_family *) mc_family_by_pipeline(const char *class_name);
/** The family whose denoiser class is `class_name` and whose distinguishing values all
 * satisfy `value_of(key, arg)` (which returns the config's number for a key, or -1), or
 * NULL. A pipeline class shared by several families is decided this way. */
MC_EXTERN(const mc_family *)
mc_family_by_denoiser(const char *class_name, long long (*value_of)(const char *key, void *arg),
                      void *arg);

/** The licence with this id, or NULL. */
MC_EXTERN(const mc_license *) mc_license_find(const char *id);
MC_EXTERN(size_t) mc_license_count(void);
MC_EXTERN(const mc_license *) mc_license_at(size_t i);

/** The licence of a released model, where a family's differ by size or version
 * (rules/licenses.yaml, models). */
typedef struct {
    const char *const *names; /**< name prefixes, "Qwen2.5-7B" */
    size_t n_names;
    const char *license_id;
    const mc_license *license; /**< or NULL if the id is not a known licence */
    const char *source;
} mc_model_license;

/** The entry of the model `id` ("Qwen/Qwen2.5-7B-Instruct", "Llama 3.1 8B"): its name
 * without the organisation starts with one of the entry's names (case-insensitive, spaces
 * and underscores as hyphens) followed by its end or '-'. NULL if none. */
MC_EXTERN(const mc_model_license *) mc_license_for_model(const char *id);

#endif
