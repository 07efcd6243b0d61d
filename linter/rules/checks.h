/* Check functions, one family per file (check_input.c, check_hub.c, check_block.c, ...).
 * Each is registered by name in checks.c; the rule files under rules/ name them. */
#ifndef MC_RULES_CHECKS_H
#define MC_RULES_CHECKS_H

#include "rules/engine.h"

/* MC0: reading the card */
void mc_check_card_unreadable(mc_check_ctx *ctx);
void mc_check_front_matter_syntax(mc_check_ctx *ctx);
void mc_check_front_matter_unclosed(mc_check_ctx *ctx);
void mc_check_front_matter_not_mapping(mc_check_ctx *ctx);
void mc_check_front_matter_missing(mc_check_ctx *ctx);
void mc_check_yaml_duplicate_key(mc_check_ctx *ctx);
void mc_check_yaml_limit(mc_check_ctx *ctx);
void mc_check_markdown_limit(mc_check_ctx *ctx);
void mc_check_yaml_unsafe_tag(mc_check_ctx *ctx);

/* MC1: Hub metadata */
void mc_check_license_missing(mc_check_ctx *ctx);
void mc_check_license_unknown(mc_check_ctx *ctx);
void mc_check_license_other_incomplete(mc_check_ctx *ctx);
void mc_check_license_link_missing_file(mc_check_ctx *ctx);
void mc_check_base_model_repo_id(mc_check_ctx *ctx);
void mc_check_base_model_relation(mc_check_ctx *ctx);
void mc_check_base_model_list_relation(mc_check_ctx *ctx);
void mc_check_template_placeholder(mc_check_ctx *ctx);

/* MC2: the provenance block */
void mc_check_block_type(mc_check_ctx *ctx);
void mc_check_block_unknown_key(mc_check_ctx *ctx);
void mc_check_block_value(mc_check_ctx *ctx);
void mc_check_block_companion(mc_check_ctx *ctx);

/* MC3: training-origin claims; MC4: tiers */
void mc_check_from_scratch_contradiction(mc_check_ctx *ctx);
void mc_check_training_origin_missing(mc_check_ctx *ctx);
void mc_check_report_contradicts_card(mc_check_ctx *ctx);
void mc_check_signals_disagree(mc_check_ctx *ctx);
void mc_check_training_data_missing(mc_check_ctx *ctx);
void mc_check_from_scratch_incomplete(mc_check_ctx *ctx);
void mc_check_from_scratch_data(mc_check_ctx *ctx);
void mc_check_derived_without_base(mc_check_ctx *ctx);
void mc_check_merge_parents(mc_check_ctx *ctx);
void mc_check_dus_changes(mc_check_ctx *ctx);
void mc_check_moe_disclosure(mc_check_ctx *ctx);
void mc_check_borrowed_component(mc_check_ctx *ctx);
void mc_check_report_missing(mc_check_ctx *ctx);
void mc_check_open_weights_location(mc_check_ctx *ctx);
void mc_check_usage_scope(mc_check_ctx *ctx);
void mc_check_marketing_words(mc_check_ctx *ctx);
void mc_check_tier_claim(mc_check_ctx *ctx);
void mc_check_tier_policy(mc_check_ctx *ctx);

/* MC5: claims against the evidence beside the card */
void mc_check_own_tokenizer_contradicted(mc_check_ctx *ctx);
void mc_check_own_architecture_contradicted(mc_check_ctx *ctx);
void mc_check_scratch_checkpoint(mc_check_ctx *ctx);
void mc_check_adapter_base_mismatch(mc_check_ctx *ctx);
void mc_check_merge_parents_undeclared(mc_check_ctx *ctx);
void mc_check_undisclosed_component(mc_check_ctx *ctx);
void mc_check_base_license_obligations(mc_check_ctx *ctx);
void mc_check_license_conflicts_base(mc_check_ctx *ctx);
void mc_check_evidence_unreadable(mc_check_ctx *ctx);
void mc_check_lfs_pointer(mc_check_ctx *ctx);

/** True if `s` is a Hub repo id: "org/name" of [A-Za-z0-9._-], not starting with '.' or '-'. */
int mc_is_repo_id(const char *s);

#endif
