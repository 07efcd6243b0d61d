/*
 * The provenance record: everything mclint knows about one model, normalised from the
 * card's Hub fields, its `provenance:` block, the claims in its text and technical report,
 * and the evidence beside it. Every value carries the file and span it came from. This
 * is the one data structure every rule reads.
 */
#ifndef MCLINT_RECORD_H
#define MCLINT_RECORD_H

#include "mclint/common.h"
#include "mclint/doc.h"
#include "mclint/evidence.h"
#include "mclint/source.h"

typedef struct mc_record mc_record;

/** Where a value was stated. */
typedef enum {
    MC_FROM_NONE = 0,
    MC_FROM_BLOCK,    /**< the `provenance:` block */
    MC_FROM_HUB,      /**< a standard Hub front-matter field */
    MC_FROM_PROSE,    /**< the card's text */
    MC_FROM_REPORT,   /**< the technical report's text */
    MC_FROM_EVIDENCE, /**< a file beside the card */
    MC_FROM_PATH,     /**< the directory or file name */
} mc_from;

/** A positioned value; `str == NULL` means absent. */
typedef struct {
    const char *str;
    const char *path; /**< repository-relative file that states it */
    mc_span span;
    mc_from from;
} mc_val;

/** A list of positioned values. */
typedef struct {
    mc_val *items;
    size_t len;
} mc_vals;

MC_EXTERN(const char *) mc_from_name(mc_from from);

/** Repository-relative path of the model's card. */
MC_EXTERN(const char *) mc_record_card_path(const mc_record *rec);
/** The model's name (front-matter model_name, first heading, or the directory name). */
MC_EXTERN(const char *) mc_record_name(const mc_record *rec);
/** Computed T-Class tier ("T0".."T6", "T4-1", "T4-2"), or NULL if undetermined. */
MC_EXTERN(const char *) mc_record_tier(const mc_record *rec);
MC_EXTERN(const char *) mc_record_tier_reason(const mc_record *rec);
/** The resolved training origin ("from-scratch", "fine-tune", ...) or NULL if unstated. */
MC_EXTERN(const mc_val *) mc_record_training(const mc_record *rec);

#endif
