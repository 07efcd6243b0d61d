#include "rules/tier.h"
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
    default:
        return NULL;
    }
}

static const char *relation_training(const char *rel)
{
    if (mc_streq(rel, "adapter"))
        return "adapter";
    if (mc_streq(rel, "merge"))
        return "merge";
    if (mc_streq(rel, "quantized"))
        return "quantized";
    if (mc_streq(rel, "finetune"))
        return "fine-tune";
    return NULL;
}

/* The text of the first Markdown link in `line` that names a model, copied into the
 * record's arena, or NULL. */
static const char *linked_model(mc_record *rec, const char *line)
{
    const char *p = line;

    while (p && (p = strchr(p, '[')) != NULL) {
        const char *close = strchr(p + 1, ']');
        char *text;
        if (close == NULL || close[1] != '(')
            return NULL;
        text = mc_arena_strndup(rec->arena, p + 1, (size_t)(close - p - 1));
        if (text && mc_object_names_model(text) && strlen(text) < 80)
            return text;
        p = close + 1;
    }
    return NULL;
}

/* The model a derivation claim names: its own object, that of a "based on X" / "built on
 * X" in the same passage ("Built on X ... further trained on ..."), or a model linked in
 * the same sentence ("[X](...)에 ... 추가로 학습"). */
static const char *nearby_object(mc_record *rec, const mc_claim *c)
{
    const char *linked;

    if (mc_object_names_model(c->object))
        return c->object;
    if ((linked = linked_model(rec, c->where.str)) != NULL)
        return linked;
    for (size_t i = 0; i < rec->nclaims; i++) {
        const mc_claim *b = &rec->claims[i];
        if (b->kind == MC_CLAIM_BASED_ON && !b->negated && mc_object_names_model(b->object) &&
            b->where.from == c->where.from && mc_streq(b->where.path, c->where.path) &&
            b->where.span.line + 3 >= c->where.span.line &&
            c->where.span.line + 3 >= b->where.span.line)
            return b->object;
    }
    return NULL;
}

static void resolve_training(mc_record *rec)
{
    mc_val *out = &rec->resolved_training;

    if (rec->training.str) {
        *out = rec->training;
        return;
    }
    if (rec->base_model_relation.str && relation_training(rec->base_model_relation.str)) {
        *out = rec->base_model_relation;
        out->str = relation_training(rec->base_model_relation.str);
        return;
    }
    if (rec->base_models.len > 0) {
        /* as the Hub infers: several parents make a merge, one a derivative */
        *out = rec->base_models.items[0];
        out->str = rec->base_models.len > 1 ? "merge" : "fine-tune";
        return;
    }
    /* the text: the first affirmative claim about training, card before report. A claim of
     * derived weights counts only when it names the model it derives from: "LoRA" or
     * "fine-tuning" alone often describes what users may do, not how the weights came to
     * be. Distillation in prose is usually knowledge distillation during training, which
     * does not inherit weights: it is read from the provenance block only. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *c = &rec->claims[i];
            const char *t = mc_claim_training(c->kind);
            if (t == NULL || c->negated || (c->where.from == MC_FROM_REPORT) != (pass == 1))
                continue;
            if (c->kind == MC_CLAIM_DISTILL ||
                (c->kind != MC_CLAIM_FROM_SCRATCH && nearby_object(rec, c) == NULL))
                continue;
            *out = c->where;
            out->str = t;
            if (c->kind != MC_CLAIM_FROM_SCRATCH)
                rec->prose_base = nearby_object(rec, c);
            return;
        }
    }
    if (rec->evidence) {
        static const struct {
            mc_evidence_kind kind;
            const char *training;
        } ev[] = {{MC_EV_ADAPTER_BASE, "adapter"},
                  {MC_EV_MERGE_MODEL, "merge"},
                  {MC_EV_QUANTIZED, "quantized"}};
        for (size_t k = 0; k < sizeof(ev) / sizeof(ev[0]); k++) {
            const mc_evidence *e = mc_evidence_first(rec->evidence, ev[k].kind, "*");
            if (e) {
                out->str = ev[k].training;
                out->path = e->file;
                out->span = e->span;
                out->from = MC_FROM_EVIDENCE;
                return;
            }
        }
    }
}

int mc_object_names_model(const char *o)
{
    size_t n = o ? strlen(o) : 0;

    if (n < 2 || mc_memifind(o, n, "data", 4) >= 0 || mc_memifind(o, n, "corpus", 6) >= 0)
        return 0;
    return strchr(o, '/') != NULL || strpbrk(o, "0123456789") != NULL;
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

/* Domestic (Korean) compute as T6 asks for: chip makers and clouds named in the block. */
static int domestic_stack(const mc_record *rec)
{
    static const char *chips[] = {"rebellions", "atom",   "rebel", "furiosa", "rngd",
                                  "warboy",     "sapeon", "deepx", "국산",    "npu"};
    static const char *clouds[] = {"naver cloud", "kt cloud", "nhn cloud",    "samsung sds",
                                   "kakao cloud", "국내",     "korean cloud", "sovereign cloud"};
    const char *hw = rec->compute_hardware.str, *pv = rec->compute_provider.str;
    int chip = 0, cloud = 0;

    for (size_t i = 0; hw && i < sizeof(chips) / sizeof(chips[0]); i++)
        chip |= mc_memifind(hw, strlen(hw), chips[i], strlen(chips[i])) >= 0;
    for (size_t i = 0; pv && i < sizeof(clouds) / sizeof(clouds[0]); i++)
        cloud |= mc_memifind(pv, strlen(pv), clouds[i], strlen(clouds[i])) >= 0;
    return chip && cloud;
}

void mc_tier_compute(mc_record *rec)
{
    const char *t;
    const char *based = rec->arch_based_on.str;
    const char *reused;
    mc_arena *a = rec->arena;

    resolve_training(rec);
    t = rec->resolved_training.str;
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
        const char *base = rec->base_models.len ? rec->base_models.items[0].str : rec->prose_base;
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
    if (mc_streq(rec->arch_origin.str, "original")) {
        int korean_tok =
            mc_streq(rec->tok_origin.str, "trained") && has_language(&rec->tok_languages, "ko");
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
    if (mc_streq(rec->arch_origin.str, "derived")) {
        rec->tier = "T4-2";
        rec->tier_reason =
            mc_arena_printf(a,
                            "weights from scratch on an architecture derived "
                            "from %s; tokenizer %s",
                            based ? based : "an existing design",
                            rec->tok_origin.str ? rec->tok_origin.str : "origin not stated");
        return;
    }
    if (mc_streq(rec->arch_origin.str, "standard")) {
        rec->tier = "T4-1";
        rec->tier_reason =
            mc_arena_printf(a,
                            "weights from scratch on a standard %s "
                            "architecture; tokenizer %s",
                            based ? based : "existing",
                            rec->tok_origin.str ? rec->tok_origin.str : "origin not stated");
        return;
    }
    rec->tier = "T4";
    rec->tier_reason = "weights from scratch; architecture origin not stated (T4-1 or T4-2 "
                       "undetermined)";
}
