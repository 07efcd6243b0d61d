/* The registry of checks: the names that rule files use. */
#include "rules/checks.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    mc_check_fn fn;
} registry[] = {
    {"card_unreadable", mc_check_card_unreadable},
    {"front_matter_syntax", mc_check_front_matter_syntax},
    {"front_matter_unclosed", mc_check_front_matter_unclosed},
    {"front_matter_not_mapping", mc_check_front_matter_not_mapping},
    {"front_matter_missing", mc_check_front_matter_missing},
    {"yaml_duplicate_key", mc_check_yaml_duplicate_key},
    {"yaml_limit", mc_check_yaml_limit},
    {"markdown_limit", mc_check_markdown_limit},
    {"yaml_unsafe_tag", mc_check_yaml_unsafe_tag},
    {"license_missing", mc_check_license_missing},
    {"license_unknown", mc_check_license_unknown},
    {"license_other_incomplete", mc_check_license_other_incomplete},
    {"license_link_missing_file", mc_check_license_link_missing_file},
    {"base_model_repo_id", mc_check_base_model_repo_id},
    {"base_model_relation", mc_check_base_model_relation},
    {"base_model_list_relation", mc_check_base_model_list_relation},
    {"template_placeholder", mc_check_template_placeholder},
    {"block_type", mc_check_block_type},
    {"block_unknown_key", mc_check_block_unknown_key},
    {"block_value", mc_check_block_value},
    {"block_companion", mc_check_block_companion},
    {"from_scratch_contradiction", mc_check_from_scratch_contradiction},
    {"training_origin_missing", mc_check_training_origin_missing},
    {"report_contradicts_card", mc_check_report_contradicts_card},
    {"signals_disagree", mc_check_signals_disagree},
    {"training_data_missing", mc_check_training_data_missing},
    {"from_scratch_incomplete", mc_check_from_scratch_incomplete},
    {"from_scratch_data", mc_check_from_scratch_data},
    {"derived_without_base", mc_check_derived_without_base},
    {"merge_parents", mc_check_merge_parents},
    {"dus_changes", mc_check_dus_changes},
    {"moe_disclosure", mc_check_moe_disclosure},
    {"borrowed_component", mc_check_borrowed_component},
    {"report_missing", mc_check_report_missing},
    {"open_weights_location", mc_check_open_weights_location},
    {"usage_scope", mc_check_usage_scope},
    {"marketing_words", mc_check_marketing_words},
    {"tier_claim", mc_check_tier_claim},
    {"tier_policy", mc_check_tier_policy},
    {"own_tokenizer_contradicted", mc_check_own_tokenizer_contradicted},
    {"own_architecture_contradicted", mc_check_own_architecture_contradicted},
    {"scratch_checkpoint", mc_check_scratch_checkpoint},
    {"adapter_base_mismatch", mc_check_adapter_base_mismatch},
    {"merge_parents_undeclared", mc_check_merge_parents_undeclared},
    {"undisclosed_component", mc_check_undisclosed_component},
    {"base_license_obligations", mc_check_base_license_obligations},
    {"license_conflicts_base", mc_check_license_conflicts_base},
    {"evidence_unreadable", mc_check_evidence_unreadable},
    {"lfs_pointer", mc_check_lfs_pointer},
};

/* The registry sorted by name, made once: every card looks up every rule's check. */
#define NCHECKS (sizeof(registry) / sizeof(registry[0]))
static size_t by_name[NCHECKS];
static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;

static int cmp_index(const void *a, const void *b)
{
    return strcmp(registry[*(const size_t *)a].name, registry[*(const size_t *)b].name);
}

static void sort_registry(void)
{
    for (size_t i = 0; i < NCHECKS; i++)
        by_name[i] = i;
    qsort(by_name, NCHECKS, sizeof(by_name[0]), cmp_index);
}

mc_check_fn mc_check_find(const char *name)
{
    size_t lo = 0, hi = NCHECKS;

    if (name == NULL)
        return NULL;
    pthread_once(&sorted_once, sort_registry);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(registry[by_name[mid]].name, name);
        if (c == 0)
            return registry[by_name[mid]].fn;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

bool mc_check_known(const char *name)
{
    /* MC9: the findings about suppressions are made where suppressions are applied */
    return mc_check_find(name) != NULL || (name && strcmp(name, "suppressions") == 0);
}
