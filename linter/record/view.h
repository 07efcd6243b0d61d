/* The record as the outputs see it: const accessors only. Emitters (linter/output/) read
 * a record through these and the getters of include/mclint/record.h, never through its
 * fields; every decision they print (the resolved provenance, the tier, the lineage and
 * what is borrowed) is made once in the record when it is built. */
#ifndef MC_RECORD_VIEW_H
#define MC_RECORD_VIEW_H

#include "record/record.h"

/** What a model's parts are: its architecture or its tokenizer. */
typedef enum {
    MC_PART_ARCHITECTURE,
    MC_PART_TOKENIZER,
} mc_part;

/** The resolved provenance (mc_record_resolve()). */
const mc_resolved *mc_record_resolved(const mc_record *rec);
/** The Hub fields as the card states them. */
const mc_vals *mc_record_base_models(const mc_record *rec);
const mc_val *mc_record_relation(const mc_record *rec);
const mc_val *mc_record_license(const mc_record *rec);
/** The provenance block's `tier`. */
const mc_val *mc_record_tier_claimed(const mc_record *rec);
/** The technical report as the card names it (block path, URL, or how it was found), or
 * NULL. */
const char *mc_record_report_name(const mc_record *rec);
/** A part's origin and what it is based on, as the provenance block states them. */
const mc_val *mc_record_part_origin(const mc_record *rec, mc_part part);
const mc_val *mc_record_part_based_on(const mc_record *rec, mc_part part);
/** The provenance block's components. */
size_t mc_record_component_count(const mc_record *rec);
const mc_component *mc_record_component_at(const mc_record *rec, size_t i);
/** The claims from the card's and the report's text. */
size_t mc_record_claim_count(const mc_record *rec);
const mc_claim *mc_record_claim_at(const mc_record *rec, size_t i);
/** The evidence beside the card, or NULL. */
const mc_evidence_set *mc_record_evidence(const mc_record *rec);
/** The lineage: bases, then a borrowed tokenizer, architecture and components. */
size_t mc_record_lineage_count(const mc_record *rec);
const mc_lineage_edge *mc_record_lineage_at(const mc_record *rec, size_t i);

#endif
