/* MC3: training-origin claims checked against declarations, in the card, its provenance
 * block, its text and its technical report. MC4: the T-Class tier against claims and
 * policy. Phrases are found by the claim extractor (rules/phrases.yaml); these checks
 * only compare what was found. */
#include "rules/checks.h"
#include "record/tier.h"
#include "record/words.h"
#include "util/buf.h"
#include "util/str.h"

#include <stdio.h>
#include <string.h>

/* "line 12" in the card itself, "docs/report.md:12" elsewhere. */
static const char *where_str(const mc_record *rec, const mc_val *v)
{
    if (v->path == NULL)
        return "";
    if (v->span.line == 0)
        return v->path;
    if (mc_streq(v->path, rec->card_path))
        return mc_arena_printf(rec->arena, "line %u", v->span.line);
    return mc_arena_printf(rec->arena, "%s:%u", v->path, v->span.line);
}

static int is_derived_training(const char *t)
{
    return t && !mc_streq(t, "from-scratch") && !mc_streq(t, "api-wrapper");
}

/* A from-scratch claim about this model: the block's training, else the statement in the
 * text that decided the training (a pretraining statement alone is too weak a basis for
 * the questions asked of a from-scratch claim). */
static int from_scratch(const mc_record *rec, mc_val *where)
{
    if (rec->training.str) {
        if (!mc_streq(rec->training.str, "from-scratch"))
            return 0;
        *where = rec->training;
        return 1;
    }
    if (!mc_streq(rec->prov.training.str, "from-scratch") ||
        rec->prov.confidence != MC_CONF_EXPLICIT)
        return 0;
    *where = rec->prov.training;
    return 1;
}

void mc_check_from_scratch_contradiction(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_val *d = &rec->prov.derived;
    const char *shown;

    if (rec->prov.scratch.path == NULL || d->path == NULL)
        return;
    shown = d->from == MC_FROM_PROSE || d->from == MC_FROM_REPORT
                ? mc_arena_printf(rec->arena, "'%s'", d->str ? d->str : "")
                : (d->str ? d->str : "");
    mc_emit_at(ctx, d, "claim", where_str(rec, &rec->prov.scratch), "what", rec->prov.derived_what,
               "value", shown, NULL);
}

void mc_check_report_contradicts_card(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_val *card = &rec->prov.training, *report = &rec->prov.report_says;

    if (report->path == NULL)
        return;
    /* on both places: the card's author and the report's see it where they edit */
    mc_emit_at(ctx, card, "card", card->str, "report", report->str, "other", where_str(rec, report),
               NULL);
    mc_emit_at(ctx, report, "card", card->str, "report", report->str, "other", where_str(rec, card),
               NULL);
}

void mc_check_signals_disagree(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_val *field = &rec->prov.training, *text = &rec->prov.text_says;

    if (text->path == NULL)
        return;
    mc_emit_at(ctx, text, "text", text->str, "field",
               rec->prov.signal ? rec->prov.signal : "a field", "value", field->str, "other",
               where_str(rec, field), NULL);
}

void mc_check_training_origin_missing(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;

    if (rec->card == NULL || mc_doc_is_binary(rec->card) || rec->prov.training.str)
        return;
    mc_emit(ctx, NULL, (mc_span){1, 1, 1, 2}, NULL);
}

/* A section about the data ("## Training Data", "### Used Datasets", "## 학습 데이터")
 * followed by text before the next heading. */
static int data_heading(const mc_doc *doc)
{
    const mc_words *words = mc_words_get("cues.data_heading");
    unsigned n = doc ? mc_doc_line_count(doc) : 0;

    for (unsigned ln = 1; ln <= n; ln++) {
        size_t len;
        const char *t = mc_doc_line(doc, ln, &len);
        if (mc_doc_line_kind(doc, ln) != MC_LINE_HEADING || !mc_words_in(words, t, len))
            continue;
        for (unsigned k = ln + 1; k <= n; k++) {
            mc_line_kind kind = mc_doc_line_kind(doc, k);
            if (kind == MC_LINE_HEADING)
                break;
            if (kind == MC_LINE_TEXT || kind == MC_LINE_TABLE)
                return 1;
        }
    }
    return 0;
}

/* A model that was trained (fine-tuned, adapted, pretrained further...) names the data it
 * was trained on: `datasets`, the provenance block's data, or a statement in the text.
 * Silence about the training is MC301's; a from-scratch claim without data MC304's; a
 * quantization, conversion or merge trains nothing (its data is its parents'). */
void mc_check_training_data_missing(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;
    const char *t = rec->prov.training.str;
    const mc_val *where = &rec->prov.training;
    const char *key = rec->block ? "'provenance.data.sources' to the provenance block"
                                 : "'datasets:' to the front matter";

    if (rec->card == NULL || mc_doc_is_binary(rec->card) || t == NULL ||
        mc_streq(t, "from-scratch") || mc_streq(t, "quantized") || mc_streq(t, "conversion") ||
        mc_streq(t, "merge") || mc_streq(t, "api-wrapper"))
        return;
    /* prov.data covers `datasets`, the block's data and statements in the text */
    if (rec->prov.data.path || data_heading(rec->card))
        return;
    if (where->path && where->span.line > 0)
        mc_emit_at(ctx, where, "training", t, "where", where_str(rec, where), "key", key, NULL);
    else
        mc_emit(ctx, NULL, (mc_span){1, 1, 1, 2}, "training", t, "where", "the card", "key", key,
                NULL);
}

/* Does a text, heading or table line of `doc` have one of the cue words of
 * rules/signals.yaml at `path`? */
static int any_line(const mc_doc *doc, const char *path)
{
    const mc_words *words = mc_words_get(path);
    unsigned n = doc ? mc_doc_line_count(doc) : 0;

    for (unsigned ln = 1; ln <= n; ln++) {
        size_t len;
        const char *t = mc_doc_line(doc, ln, &len);
        mc_line_kind k = mc_doc_line_kind(doc, ln);
        if (k != MC_LINE_TEXT && k != MC_LINE_HEADING && k != MC_LINE_TABLE)
            continue;
        if (mc_words_in(words, t, len))
            return 1;
    }
    return 0;
}

void mc_check_from_scratch_incomplete(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    mc_val scratch = {0};
    mc_buf missing = MC_BUF_INIT;
    int arch, tok;

    if (!from_scratch(rec, &scratch))
        return;
    /* a tokenizer is the question for language models; other pipelines (diffusion, speech
     * classification...) are only asked for their architecture */
    int language_model = rec->pipeline_tag.str == NULL ||
                         mc_words_has(mc_words_get("cues.language_pipelines"),
                                      rec->pipeline_tag.str, strlen(rec->pipeline_tag.str));
    arch = (rec->prov.arch_origin.str && !rec->prov.arch_weak) ||
           (rec->block == NULL && (any_line(rec->card, "cues.architecture") ||
                                   any_line(rec->report, "cues.architecture")));
    tok = !language_model || rec->prov.tok_origin.str ||
          (rec->block == NULL &&
           (any_line(rec->card, "cues.tokenizer") || any_line(rec->report, "cues.tokenizer")));
    if (!arch)
        mc_buf_puts(&missing, "the architecture's origin");
    if (!tok)
        mc_buf_puts(&missing, arch ? "the tokenizer's origin" : " and the tokenizer's origin");
    if (missing.len)
        mc_emit_at(ctx, &scratch, "missing", mc_buf_cstr(&missing), NULL);
    mc_buf_release(&missing);
}

void mc_check_from_scratch_data(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    mc_val scratch = {0};
    const char *line = rec->prov.scratch.str;

    if (!from_scratch(rec, &scratch))
        return;
    if (rec->data_sources.len || rec->data_tokens.str || rec->datasets.len ||
        (rec->block == NULL && rec->prov.data.path))
        return;
    /* "trained from scratch on 2T tokens of ...": the claim names its data */
    if (scratch.from != MC_FROM_BLOCK && line &&
        (mc_memifind(line, strlen(line), "scratch on ", 11) >= 0 ||
         mc_memifind(line, strlen(line), "scratch using ", 14) >= 0))
        return;
    if (rec->block == NULL &&
        (any_line(rec->card, "cues.data") || any_line(rec->report, "cues.data")))
        return;
    mc_emit_at(ctx, &scratch, NULL);
}

void mc_check_derived_without_base(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_val *t = &rec->prov.training;

    /* a weak signal (a tag, a name) is too loose a basis for this accusation */
    if (!is_derived_training(t->str) || rec->prov.confidence < MC_CONF_METADATA ||
        rec->prov.bases.len || rec->prov.arch_based_on.str || rec->prov.base_hinted)
        return;
    mc_emit_at(ctx, t, "training", t->str, NULL);
}

void mc_check_merge_parents(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;
    char n[16];

    if (!mc_streq(rec->training.str, "merge") || rec->base_models.len >= 2)
        return;
    snprintf(n, sizeof(n), "%zu", rec->base_models.len);
    mc_emit_at(ctx, &rec->training, "count", n, NULL);
}

void mc_check_dus_changes(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;

    if (!mc_streq(rec->training.str, "depth-upscaling"))
        return;
    if ((rec->base_models.len || rec->arch_based_on.str) && rec->arch_changes.len)
        return;
    mc_emit_at(ctx, &rec->training, "missing",
               rec->arch_changes.len ? "the base model" : "the layer change (architecture.changes)",
               NULL);
}

/* Parameter counts as cards write them: "236B-A23B", "1.5B active and 7.2B total",
 * "activated parameters", "활성 파라미터". */
static int counts_in_line(const char *t, size_t len)
{
    int activ = mc_memifind(t, len, "activ", 5) >= 0 || mc_memifind(t, len, "활성", 6) >= 0;
    int total = mc_memifind(t, len, "total", 5) >= 0 || mc_memifind(t, len, "param", 5) >= 0 ||
                mc_memifind(t, len, "전체", 6) >= 0 || mc_memifind(t, len, "파라미터", 12) >= 0;

    for (size_t i = 1; i + 3 < len; i++)
        if ((t[i] == 'B' || t[i] == 'b') && t[i - 1] >= '0' && t[i - 1] <= '9' && t[i + 1] == '-' &&
            t[i + 2] == 'A' && t[i + 3] >= '0' && t[i + 3] <= '9')
            return 1; /* 236B-A23B */
    return activ && total;
}

static int any_counts(const mc_doc *doc)
{
    unsigned n = doc ? mc_doc_line_count(doc) : 0;

    for (unsigned ln = 1; ln <= n; ln++) {
        size_t len;
        const char *t = mc_doc_line(doc, ln, &len);
        mc_line_kind k = mc_doc_line_kind(doc, ln);
        if ((k == MC_LINE_TEXT || k == MC_LINE_HEADING || k == MC_LINE_TABLE) &&
            counts_in_line(t, len))
            return 1;
    }
    return 0;
}

/* A prose MoE claim about this model (not a sibling or a comparison): the sentence names
 * the model. */
static const mc_claim *own_moe_claim(const mc_record *rec)
{
    size_t nl = rec->name ? strlen(rec->name) : 0;

    for (size_t i = 0; i < rec->nclaims; i++) {
        const mc_claim *c = &rec->claims[i];
        const char *t = c->where.str;
        if (c->kind != MC_CLAIM_MOE || c->negated || c->where.from != MC_FROM_PROSE || t == NULL)
            continue;
        /* "MoE"/"MOE" as written: "Moe" is a style of illustration, not experts */
        if (mc_strieq(c->phrase, "moe") && strcmp(c->phrase, "MoE") && strcmp(c->phrase, "MOE"))
            continue;
        if (nl >= 3 && mc_memifind(t, strlen(t), rec->name, nl) >= 0)
            return c;
        if (mc_words_in(mc_words_get("cues.this_model"), t, strlen(t)))
            return c;
    }
    return NULL;
}

void mc_check_moe_disclosure(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_claim *moe;
    const mc_evidence *ev =
        rec->evidence ? mc_evidence_first(rec->evidence, MC_EV_MOE, NULL) : NULL;
    mc_val at = {0};
    mc_buf missing = MC_BUF_INIT;
    int origin, counts;

    /* a derivative's experts are its base's: the question belongs to the base's card */
    if (rec->prov.bases.len ||
        (rec->prov.training.str && !mc_streq(rec->prov.training.str, "from-scratch")))
        return;
    if (rec->experts_count.str || rec->experts_origin.str) {
        at = rec->experts_count.str ? rec->experts_count : rec->experts_origin;
    } else if ((moe = own_moe_claim(rec)) != NULL) {
        at = moe->where;
    } else if (ev) {
        at.path = ev->file;
        at.span = ev->span;
        at.str = ev->key;
    } else {
        return;
    }
    origin = rec->experts_origin.str ||
             (rec->block == NULL && (any_line(rec->card, "cues.expert_origin") ||
                                     any_line(rec->report, "cues.expert_origin")));
    counts = (rec->experts_count.str && rec->experts_active.str) ||
             (rec->block == NULL && (any_counts(rec->card) || any_counts(rec->report)));
    if (!origin)
        mc_buf_puts(&missing, "where the experts came from (trained, upcycled or merged)");
    if (!counts)
        mc_buf_puts(&missing, origin ? "the total and active parameter counts"
                                     : " and the total and active parameter counts");
    if (missing.len)
        mc_emit_at(ctx, &at, "missing", mc_buf_cstr(&missing), NULL);
    mc_buf_release(&missing);
}

void mc_check_borrowed_component(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_claim *native = mc_record_first_claim(rec, MC_CLAIM_NATIVE);
    const mc_claim *sovereign = mc_record_first_claim(rec, MC_CLAIM_SOVEREIGN);
    mc_val scratch = {0};
    const mc_val *claim = NULL;

    if (native)
        claim = &native->where;
    else if (sovereign)
        claim = &sovereign->where;
    else if (from_scratch(rec, &scratch))
        claim = &scratch;
    if (claim == NULL)
        return;
    for (size_t i = 0; i < rec->ncomponents; i++) {
        const mc_component *c = &rec->components[i];
        if (c->origin.str && !mc_streq(c->origin.str, "trained"))
            mc_emit_at(ctx, &c->origin, "component", c->name.str ? c->name.str : "a component",
                       "origin", c->origin.str, "source",
                       c->source.str ? c->source.str : "elsewhere", "claim", where_str(rec, claim),
                       NULL);
    }
}

void mc_check_report_missing(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    mc_val scratch = {0};
    const mc_val *at = NULL;

    if (rec->report || rec->report_url.str)
        return;
    if (from_scratch(rec, &scratch))
        at = &scratch;
    else if (rec->tier_claimed.str && mc_tier_rank(rec->tier_claimed.str) >= 40)
        at = &rec->tier_claimed;
    if (at)
        mc_emit_at(ctx, at, NULL);
}

void mc_check_open_weights_location(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;

    if ((mc_streq(rec->weights_release.str, "open") ||
         mc_streq(rec->weights_release.str, "gated")) &&
        rec->weights_url.str == NULL)
        mc_emit_at(ctx, &rec->weights_release, "value", rec->weights_release.str, NULL);
}

void mc_check_usage_scope(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;
    const char *lic = rec->license.str;

    if (rec->card == NULL || mc_doc_is_binary(rec->card) || rec->front == NULL)
        return;
    /* a Hub licence id states the scope; 'other' and 'unknown' do not */
    if (lic && !mc_streq(lic, "other") && !mc_streq(lic, "unknown"))
        return;
    if (mc_record_first_claim(rec, MC_CLAIM_RESEARCH_ONLY) ||
        mc_record_first_claim(rec, MC_CLAIM_COMMERCIAL))
        return;
    if (lic)
        mc_emit_at(ctx, &rec->license, "value", lic, NULL);
}

void mc_check_marketing_words(mc_check_ctx *ctx)
{
    mc_record *rec = ctx->rec;
    const mc_claim *c = mc_record_first_claim(rec, MC_CLAIM_SOVEREIGN);

    if (c == NULL || rec->block)
        return;
    /* the sentence must be about the model ("developed in-house" often describes data) */
    if (c->where.str == NULL ||
        (!mc_words_in(mc_words_get("cues.model"), c->where.str, strlen(c->where.str)) &&
         !(rec->name && strlen(rec->name) >= 3 &&
           mc_memifind(c->where.str, strlen(c->where.str), rec->name, strlen(rec->name)) >= 0)))
        return;
    if (rec->prov.training.str || any_line(rec->card, "cues.support") ||
        any_line(rec->report, "cues.support"))
        return;
    mc_emit_at(ctx, &c->where, "phrase", c->phrase, NULL);
}

void mc_check_tier_claim(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;
    int claimed = mc_tier_rank(rec->tier_claimed.str);
    int computed = mc_tier_rank(rec->tier);

    if (claimed < 0)
        return;
    /* T4 without a sub-tier is compatible with T4-1/T4-2 claims only if the sub-tier is
     * not undetermined; compare whole tiers there */
    if (computed == 40 && claimed / 10 == 4)
        return;
    if (computed < 0 || claimed > computed)
        mc_emit_at(ctx, &rec->tier_claimed, "claimed", rec->tier_claimed.str, "computed",
                   rec->tier ? rec->tier : "undetermined", "reason", rec->tier_reason, NULL);
}

void mc_check_tier_policy(mc_check_ctx *ctx)
{
    const mc_record *rec = ctx->rec;
    int min = ctx->policy ? mc_tier_rank(ctx->policy->min_tier) : -1;
    int computed = mc_tier_rank(rec->tier);

    if (min < 0 || rec->card == NULL)
        return;
    if (computed >= min || (computed == 40 && min / 10 == 4))
        return;
    mc_emit(ctx, NULL, (mc_span){1, 1, 1, 2}, "tier", rec->tier ? rec->tier : "undetermined", "min",
            ctx->policy->min_tier, "reason", rec->tier_reason, NULL);
}
