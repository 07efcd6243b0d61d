/* Internal layout of the provenance record (see include/mclint/record.h).
 * A record and everything it points to live in the record's arena. */
#ifndef MC_RECORD_RECORD_H
#define MC_RECORD_RECORD_H

#include "mclint/record.h"
#include "util/arena.h"

#include <stdbool.h>

/** Claim kinds extracted from prose (card and report), in English and Korean. */
typedef enum {
    MC_CLAIM_FROM_SCRATCH, /**< "trained from scratch", "from the ground up", "프롬 스크래치" */
    MC_CLAIM_CPT,          /**< "continued pre-training", "추가 학습" */
    MC_CLAIM_FINETUNE,     /**< "fine-tuned from/version of", "파인튜닝" */
    MC_CLAIM_ADAPTER,      /**< "LoRA adapter for" */
    MC_CLAIM_MERGE,        /**< "merge of" */
    MC_CLAIM_QUANTIZED,    /**< "quantized version of" */
    MC_CLAIM_DUS,          /**< "depth up-scaling", "upscaled" */
    MC_CLAIM_DISTILL,      /**< "distilled from" */
    MC_CLAIM_API_WRAPPER,   /**< "powered by the X API" */
    MC_CLAIM_BASED_ON,      /**< "based on", "built on", "initialized from", "기반으로" */
    MC_CLAIM_SOVEREIGN,     /**< marketing: "sovereign", "independent", "독자", "자체 개발" */
    MC_CLAIM_NATIVE,        /**< "native multimodal", "natively omni" */
    MC_CLAIM_OWN_TOKENIZER, /**< "our own tokenizer", "trained a tokenizer" */
    MC_CLAIM_OWN_ARCH,      /**< "our own architecture", "novel architecture" */
    MC_CLAIM_MOE,           /**< "mixture of experts", "MoE" */
    MC_CLAIM_OPEN_WEIGHTS,  /**< "open weights", "open-source model" */
    MC_CLAIM_RESEARCH_ONLY, /**< "research only", "non-commercial" */
    MC_CLAIM_COMMERCIAL,    /**< "commercial use" permitted */
    MC_CLAIM__COUNT
} mc_claim_kind;

typedef struct {
    mc_claim_kind kind;
    const char *phrase; /**< the matched phrase as written */
    const char *object; /**< what it names, if anything ("Qwen2.5", "upstage/SOLAR-10.7B-v1.0") */
    bool negated;       /**< "NOT derivatives of", "기반이 아닌" */
    mc_val where;       /**< str: the whole line's text (trimmed); path/span: the phrase */
} mc_claim;

typedef struct {
    mc_val name, origin, source, license;
} mc_component;

struct mc_record {
    mc_arena *arena;
    const mc_source *src;
    const char *dir;           /**< model directory ("" for the root) */
    const char *card_path;     /**< repository-relative card path */
    mc_doc *card;              /**< owned; NULL if the card could not be read */
    const char *read_error;    /**< why the card could not be read, or NULL */
    mc_doc *report;            /**< technical report found in the repository (owned), or NULL */
    mc_val report_ref;         /**< how the report was found: link, block path, or file name */
    mc_val report_url;         /**< a report linked outside the repository (arXiv, PDF URL) */
    mc_evidence_set *evidence; /**< owned, may be NULL */
    const char *name;

    /* Hub fields */
    const mc_ynode *front; /**< the front-matter root mapping, or NULL */
    mc_val license, license_name, license_link, base_model_relation, model_name, pipeline_tag;
    mc_val library_name, new_version;
    mc_vals base_models, datasets, languages, tags;

    /* the provenance: block */
    const mc_ynode *block; /**< or NULL */
    mc_val training, weights_init;
    mc_val arch_origin, arch_based_on;
    mc_vals arch_changes;
    mc_val tok_origin, tok_based_on, tok_vocab_size;
    mc_vals tok_languages;
    mc_component *components;
    size_t ncomponents;
    mc_val experts_count, experts_active, experts_origin, experts_source;
    mc_val data_tokens, data_disclosure;
    mc_vals data_sources;
    mc_val compute_hardware, compute_duration, compute_provider;
    mc_val weights_release, weights_url;
    mc_val technical_report, tier_claimed;

    /* claims from the card's and the report's text */
    mc_claim *claims;
    size_t nclaims, claims_cap;

    /* conclusions (filled by the rule engine) */
    mc_val resolved_training; /**< from the block, else Hub fields, else prose */
    const char *prose_base;   /**< the model a prose derivation claim names, if any */
    const char *tier;
    const char *tier_reason;
};

/** Build the record of the card at `card_path`. Returns 0 or a negative MC_E* code. */
int mc_record_build(mc_record **out, const mc_source *src, const char *card_path);
/** An empty record (for tests and for callers that fill it themselves): arena, dir and
 * card path set, everything else absent. */
mc_record *mc_record_new(const mc_source *src, const char *card_path);
void mc_record_free(mc_record *rec);
/** After the rules ran: copy every value the outputs print into a fresh, small arena and
 * free the card and report documents (text, Markdown and YAML trees). `card`, `report`,
 * `front` and `block` are NULL afterwards. A field added to mc_record must be copied
 * here too. Returns 0 or MC_ENOMEM (the record is then unchanged). */
int mc_record_compact(mc_record *rec);

/** Append a claim (copied into the arena). */
int mc_record_add_claim(mc_record *rec, const mc_claim *claim);
/** Append a value to a list (the list grows in the arena). */
int mc_vals_push(mc_arena *a, mc_vals *list, const mc_val *v);

#endif
