/*
 * The rule engine: runs the check of every rule of a catalogue over a provenance record
 * and turns what the checks find into findings. Checks are C functions registered by
 * name in checks.c; a rule (data, the rule files under rules/) names the check that implements it
 * and supplies the title, severity and message template.
 */
#ifndef MC_RULES_ENGINE_H
#define MC_RULES_ENGINE_H

#include "mclint/report.h"
#include "mclint/rules.h"
#include "record/record.h"

#include <stdbool.h>

typedef struct {
    const char *min_tier; /**< policy: models below this tier are a finding, or NULL */
    /** Rule selection: when set, a rule for which it returns false is not run. */
    bool (*enabled)(const char *rule_id, const void *arg);
    const void *enabled_arg;
} mc_policy;

typedef struct mc_check_ctx {
    const mc_rules *rules;
    const mc_rule *rule; /**< the rule being checked */
    mc_record *rec;
    mc_report *report;
    const mc_policy *policy;
} mc_check_ctx;

typedef void (*mc_check_fn)(mc_check_ctx *ctx);

/** The check registered under `name`, or NULL (also for "suppressions": the MC9 findings
 * are made by mc_suppressions_apply after the rules ran, not by the engine). */
mc_check_fn mc_check_find(const char *name);
/** True if a rule may name `name` as its check: a registered check or "suppressions". */
bool mc_check_known(const char *name);

/**
 * Emit a finding of ctx->rule at (path, span). The message is the rule's template with
 * each {key} replaced by the value given in the NULL-terminated key/value list that
 * follows: mc_emit(ctx, path, span, "value", v, "key", k, NULL). A NULL path means the
 * card.
 */
int mc_emit(mc_check_ctx *ctx, const char *path, mc_span span, ...);
/** Emit at a positioned value. */
int mc_emit_at(mc_check_ctx *ctx, const mc_val *where, ...);
/**
 * Emit a finding about evidence that contradicts a claim. When the claim is on a line of
 * the card, the finding is there (where the card's author reads it and can suppress it)
 * and the evidence is its related location, described by `evidence_note`; otherwise
 * (no claim, or a claim in the technical report) the finding stays on the evidence.
 * `claim` may be NULL. The key/value list is as for mc_emit.
 */
int mc_emit_claim(mc_check_ctx *ctx, const mc_val *claim, const mc_val *evidence,
                  const char *evidence_note, ...);

/** Expand a message template (exposed for tests). The result is malloc'd. */
char *mc_template_expand(const char *tmpl, const char *const *pairs, size_t npairs);

/** Run every rule of `rules` (that policy->enabled accepts) on `rec`, adding findings to `report`.
 * Tiers are computed first (record->tier), so rules may read them. */
int mc_engine_run(const mc_rules *rules, mc_record *rec, mc_report *report,
                  const mc_policy *policy);

#endif
