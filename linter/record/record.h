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
    MC_CLAIM_PRETRAIN,      /**< "pretrained on 2T tokens", "trained on the Pile": pretraining
                                 by the authors when no starting model is named */
    MC_CLAIM_BASE_LABEL,    /**< a labelled field: "Base model:", "Original model:" */
    MC_CLAIM_CONVERSION,    /**< "converted from", "port of", "llamafied" */
    MC_CLAIM_ARCH_STANDARD, /**< "the T5 architecture", "same architecture as" */
    MC_CLAIM_ARCH_MODIFIED, /**< "modified from", "with the following modifications" */
    MC_CLAIM_TOK_REUSED,    /**< "the Llama 2 tokenizer", "same tokenizer as" */
    MC_CLAIM_TOK_EXTENDED,  /**< "extended the vocabulary", "vocabulary expansion" */
    MC_CLAIM__COUNT
} mc_claim_kind;

typedef struct {
    mc_claim_kind kind;
    const char *phrase; /**< the matched phrase as written */
    const char *object; /**< what it names, if anything ("Qwen2.5", "upstage/SOLAR-10.7B-v1.0") */
    bool negated;       /**< "NOT derivatives of", "기반이 아닌" */
    bool template;      /**< the phrase belongs to a generated card template (a Trainer,
                             mergekit or quantization card) */
    bool weak;          /**< a loose wording ("trained on"): counts only with support */
    mc_val where;       /**< str: the whole line's text (trimmed); path/span: the phrase */
    size_t phrase_at;   /**< the phrase's byte offset in where.str */
} mc_claim;

typedef struct {
    mc_val name, origin, source, license;
} mc_component;

/** What a lineage edge stands for. */
typedef enum {
    MC_LINEAGE_BASE,         /**< a base model the weights come from */
    MC_LINEAGE_TOKENIZER,    /**< the tokenizer is borrowed from another model */
    MC_LINEAGE_ARCHITECTURE, /**< the architecture is borrowed from another model */
    MC_LINEAGE_COMPONENT,    /**< a borrowed component (an encoder, a projector...) */
} mc_lineage_kind;

/** One edge of the model's lineage: `from` (never empty) gave the model `label`. */
typedef struct {
    mc_lineage_kind kind;
    const char *from;  /**< the base model, or where the part comes from */
    const char *label; /**< the relation ("base", "merge", "tokenizer", a component's name) */
} mc_lineage_edge;

/** How sure a resolved value is: the kind of signal that decided it (docs/claims.md). */
typedef enum {
    MC_CONF_NONE = 0,
    MC_CONF_WEAK,     /**< a tag, the repository's name, a pretraining statement */
    MC_CONF_METADATA, /**< a Hub field (base_model, base_model_relation, library_name) or an
                           evidence file */
    MC_CONF_TEMPLATE, /**< a generated card (Trainer, mergekit, quantization, PEFT) */
    MC_CONF_EXPLICIT, /**< the provenance block, or a statement in words */
} mc_confidence;

/** The provenance resolved from every signal (linter/record/resolve.c), computed once when
 * the record is built; rules and outputs only read it. */
typedef struct {
    mc_val training;          /**< str: "fine-tune", "from-scratch", ...; where it was decided */
    mc_confidence confidence; /**< of `training` */
    const char *signal;       /**< what decided it, in words ("tag 'merge'", "the text") */
    mc_vals bases;            /**< the models the weights come from, deduplicated */
    mc_val arch_origin, arch_based_on; /**< "original"/"standard"/"derived", and from what */
    bool arch_weak;                    /**< read from the name or the code, not stated */
    mc_val tok_origin, tok_based_on;   /**< "trained"/"reused"/"extended", and from what */
    mc_val data;              /**< where the training data is named (str: what), or absent */
    mc_val scratch;           /**< a from-scratch statement about this model, or absent */
    mc_val derived;           /**< the first field or statement deriving the weights from
                                   another model, when `scratch` is set too (a conflict) */
    const char *derived_what; /**< "declares base_model", "says", ... */
    mc_val code_adapter;      /**< "adapter: lora" in a training configuration in the card */
    mc_val report_says;       /**< the technical report's own training statement when it
                                   contradicts the card's (str: its training value) */
    mc_val text_says;         /**< the card's words when they disagree with the field that
                                   decided the training (str: their training value) */
    bool base_hinted;         /**< the statement that decided the training may name its base
                                   in a form not read as one ("a Stable Diffusion 1.5 model
                                   fine-tuned on"): no accusation of a missing base */
    size_t own_pretrain[2];   /**< first own-pretraining claim (card, report): index + 1 */
    bool own_pretrain_known;  /**< own_pretrain was computed */
    bool done;
} mc_resolved;

struct mc_record {
    mc_arena *arena;
    const mc_source *src;
    const char *dir;           /**< model directory ("" for the root) */
    const char *card_path;     /**< repository-relative card path */
    mc_doc *card;              /**< owned; NULL if the card could not be read */
    const char *read_error;    /**< why the card could not be read, or NULL */
    const char *not_model;     /**< "a dataset card", "a Space": a README that is not a model
                                    card (no findings, no model), or NULL */
    mc_doc *report;            /**< technical report found in the repository (owned), or NULL */
    bool report_shared;        /**< `report` belongs to a run's report cache, not to the record */
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
    /* a statement of training data in another model's card quoted whole (a quantization
     * repeating its original's card): data, never a claim about this model */
    mc_val quoted_data;

    /* conclusions (mc_record_resolve(), when the record is built) */
    mc_resolved prov;
    const char *tier;
    const char *tier_reason;
    mc_lineage_edge *lineage; /**< mc_record_decide_lineage(), when the record is resolved */
    size_t nlineage;
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

/** Resolve the provenance (rec->prov) and the tier from everything the record holds; done
 * once (a second call does nothing). mc_record_from_doc() calls it; code that fills a
 * record by hand calls it before the rules run. */
void mc_record_resolve(mc_record *rec);

/** Decide the record's lineage (rec->lineage) from its resolved bases, its declared
 * relation, tokenizer, architecture and components: which of them are borrowed from
 * another model. mc_record_resolve() calls it; code that fills a record by hand calls it
 * again after a change. Returns 0 or MC_ENOMEM (the arena then reports the failure). */
int mc_record_decide_lineage(mc_record *rec);

/** What a README whose front matter is a data set's or a Space's is ("a dataset card", "a
 * Space"), or NULL for a model card (rules/signals.yaml, not_model_cards). */
const char *mc_record_not_model(const mc_ynode *front);

/** The first affirmative claim of `kind`, the card's before the report's, or NULL. */
const mc_claim *mc_record_first_claim(const mc_record *rec, mc_claim_kind kind);

/** Append a claim (copied into the arena). */
int mc_record_add_claim(mc_record *rec, const mc_claim *claim);
/** Append a value to a list (the list grows in the arena). */
int mc_vals_push(mc_arena *a, mc_vals *list, const mc_val *v);

#endif
