#include "record/tier.h"
#include "record/words.h"
#include "util/str.h"

#include <string.h>

int mc_tier_rank(const char *t)
{
    static const struct {
        const char *name;
        int rank;
    } tiers[] = {{"T0", 0},    {"T1", 10},   {"T2", 20}, {"T3", 30}, {"T4", 40},
                 {"T4-1", 41}, {"T4-2", 42}, {"T5", 50}, {"T6", 60}};

    for (size_t i = 0; t && i < sizeof(tiers) / sizeof(tiers[0]); i++)
        if (mc_strieq(t, tiers[i].name))
            return tiers[i].rank;
    return -1;
}

const char *mc_claim_training(mc_claim_kind kind)
{
    switch (kind) {
    case MC_CLAIM_FROM_SCRATCH:
        return "from-scratch";
    case MC_CLAIM_CPT:
        return "continued-pretraining";
    case MC_CLAIM_FINETUNE:
        return "fine-tune";
    case MC_CLAIM_ADAPTER:
        return "adapter";
    case MC_CLAIM_MERGE:
        return "merge";
    case MC_CLAIM_QUANTIZED:
        return "quantized";
    case MC_CLAIM_DUS:
        return "depth-upscaling";
    case MC_CLAIM_DISTILL:
        return "distillation";
    case MC_CLAIM_API_WRAPPER:
        return "api-wrapper";
    case MC_CLAIM_CONVERSION:
        return "conversion";
    default:
        return NULL;
    }
}

int mc_object_names_model(const char *o)
{
    size_t n = o ? strlen(o) : 0;

    if (n < 2 || mc_memifind(o, n, "data", 4) >= 0 || mc_memifind(o, n, "corpus", 6) >= 0)
        return 0;
    if (strchr(o, '/') != NULL || strpbrk(o, "0123456789") != NULL)
        return 1;
    /* a capital inside a word ("mistralAI", "LLaMA", "RoBERTa") or an acronym ("BERT",
     * "Cardiff NLP") */
    for (size_t i = 1; i < n; i++)
        if (o[i] >= 'A' && o[i] <= 'Z' &&
            ((o[i - 1] >= 'a' && o[i - 1] <= 'z') || (o[i - 1] >= 'A' && o[i - 1] <= 'Z')))
            return 1;
    return 0;
}

static int has_language(const mc_vals *langs, const char *code)
{
    for (size_t i = 0; i < langs->len; i++)
        if (mc_strieq(langs->items[i].str, code))
            return 1;
    return 0;
}

static const char *reused_component(const mc_record *rec)
{
    for (size_t i = 0; i < rec->ncomponents; i++)
        if (rec->components[i].origin.str && !mc_streq(rec->components[i].origin.str, "trained"))
            return rec->components[i].name.str ? rec->components[i].name.str : "a component";
    return NULL;
}

/* Domestic (Korean) compute as T6 asks for: a chip maker and a cloud named in the block
 * (rules/signals.yaml, cues.domestic_chips and cues.domestic_clouds). */
static int domestic_stack(const mc_record *rec)
{
    const char *hw = rec->compute_hardware.str, *pv = rec->compute_provider.str;

    return hw && pv && mc_words_in(mc_words_get("cues.domestic_chips"), hw, strlen(hw)) &&
           mc_words_in(mc_words_get("cues.domestic_clouds"), pv, strlen(pv));
}

void mc_tier_compute(mc_record *rec)
{
    const char *t;
    const char *based = rec->prov.arch_based_on.str;
    const char *arch = rec->prov.arch_origin.str, *tok = rec->prov.tok_origin.str;
    const char *reused;
    mc_arena *a = rec->arena;

    t = rec->prov.training.str;
    rec->tier = NULL;
    rec->tier_reason = "training origin not stated";
    if (t == NULL)
        return;
    if (mc_streq(t, "api-wrapper")) {
        rec->tier = "T0";
        rec->tier_reason = "an API wrapper around another provider's model";
        return;
    }
    if (mc_streq(t, "depth-upscaling") || mc_streq(t, "merge") ||
        mc_streq(rec->weights_init.str, "partial")) {
        rec->tier = "T3";
        rec->tier_reason = mc_streq(t, "merge")
                               ? "a merge of existing weights"
                               : (mc_streq(t, "depth-upscaling")
                                      ? "existing weights expanded in depth, then retrained"
                                      : "weights partly reused from another model");
        return;
    }
    if (!mc_streq(t, "from-scratch")) {
        rec->tier = "T2";
        const char *base = rec->prov.bases.len ? rec->prov.bases.items[0].str : NULL;
        rec->tier_reason = mc_arena_printf(a, "%s of existing weights%s%s%s", t, base ? " (" : "",
                                           base ? base : "", base ? ")" : "");
        return;
    }
    /* from scratch */
    if (rec->weights_init.str && !mc_streq(rec->weights_init.str, "random")) {
        rec->tier = "T2";
        rec->tier_reason = "'from scratch' but training started from a base model's weights";
        return;
    }
    if (rec->experts_origin.str && !mc_streq(rec->experts_origin.str, "trained")) {
        rec->tier = "T3";
        rec->tier_reason =
            mc_arena_printf(a, "experts %s from %s", rec->experts_origin.str,
                            rec->experts_source.str ? rec->experts_source.str : "another model");
        return;
    }
    reused = reused_component(rec);
    if (mc_streq(arch, "original")) {
        int korean_tok = mc_streq(tok, "trained") && has_language(&rec->tok_languages, "ko");
        if (reused) {
            rec->tier = "T4-2";
            rec->tier_reason = mc_arena_printf(
                a,
                "own architecture and weights, but %s is reused (a borrowed component caps "
                "the tier at T4-2)",
                reused);
        } else if (!korean_tok) {
            rec->tier = "T4-2";
            rec->tier_reason = "own architecture and weights, but no Korean tokenizer trained "
                               "from scratch (T5 needs one)";
        } else if (domestic_stack(rec)) {
            rec->tier = "T6";
            rec->tier_reason = "own architecture, weights and Korean tokenizer on a domestic "
                               "chip and cloud";
        } else {
            rec->tier = "T5";
            rec->tier_reason = "own architecture and weights from scratch; Korean tokenizer "
                               "trained";
        }
        return;
    }
    if (mc_streq(arch, "derived")) {
        rec->tier = "T4-2";
        rec->tier_reason =
            mc_arena_printf(a,
                            "weights from scratch on an architecture derived "
                            "from %s; tokenizer %s",
                            based ? based : "an existing design", tok ? tok : "origin not stated");
        return;
    }
    if (mc_streq(arch, "standard")) {
        rec->tier = "T4-1";
        rec->tier_reason =
            mc_arena_printf(a,
                            "weights from scratch on a standard %s "
                            "architecture; tokenizer %s",
                            based ? based : "existing", tok ? tok : "origin not stated");
        return;
    }
    rec->tier = "T4";
    rec->tier_reason = "weights from scratch; architecture origin not stated (T4-1 or T4-2 "
                       "undetermined)";
}
