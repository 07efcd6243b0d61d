/* Provenance claims found in prose (a card's or a technical report's text), in English
 * and Korean. The phrase lists are data: rules/phrases.yaml, embedded at build time and
 * loaded once. See docs/claims.md. */
#ifndef MC_RECORD_CLAIMS_H
#define MC_RECORD_CLAIMS_H

#include "record/record.h"

/**
 * Scan the TEXT, HEADING and TABLE lines of `doc` (never code, HTML or front matter)
 * and append one mc_claim per phrase found to `rec` (mc_record_add_claim). `from` is
 * MC_FROM_PROSE for the card, MC_FROM_REPORT for a technical report.
 * Returns 0, MC_ENOMEM, or MC_EINVALID when the embedded phrase data cannot be loaded.
 */
int mc_claims_extract(mc_record *rec, const mc_doc *doc, mc_from from);

/** The short name of a kind as used in rules/phrases.yaml ("from_scratch", "based_on"),
 * or "?" for an unknown value. */
const char *mc_claim_kind_name(mc_claim_kind kind);

/** Does the claim state training data: a training statement (pretraining, fine-tuning, from
 * scratch, continued pretraining), not negated, whose sentence names data (cues.data_mention
 * in rules/signals.yaml: "dataset", "tokens", "corpus")? */
bool mc_claim_states_data(const mc_claim *c);

/** Make sure the phrase data is loaded (it is loaded on first use otherwise). Returns 0 or
 * MC_EINVALID with a message naming the problem. */
int mc_claims_init(void);

#endif
