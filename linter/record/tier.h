/*
 * T-Class 2.0 tiers, computed deterministically from the resolved provenance (rec->prov,
 * linter/record/resolve.c; docs/tiers.md documents the decision): the tier and its one-line
 * reason.
 */
#ifndef MC_RECORD_TIER_H
#define MC_RECORD_TIER_H

#include "record/record.h"

/** Set rec->tier / rec->tier_reason from rec->prov (called by mc_record_resolve()). */
void mc_tier_compute(mc_record *rec);

/** Order of tiers for comparisons: T0=0, T1=10, T2=20, T3=30, T4=40, T4-1=41, T4-2=42,
 * T5=50, T6=60; -1 if `tier` is not a tier name. */
int mc_tier_rank(const char *tier);

/** True if a claim's object names a model: a repo id, a name with a version or size in it
 * ("Qwen2.5-14B", "Llama 2"), a capital inside a word ("mistralAI", "RoBERTa") or an
 * acronym ("BERT"), and not a data set. */
int mc_object_names_model(const char *object);

/** The training value ("fine-tune", ...) a prose claim kind stands for, or NULL. */
const char *mc_claim_training(mc_claim_kind kind);

#endif
