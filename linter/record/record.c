/* The provenance record: built from a card, its front matter, its technical report, the
 * claims in their text and the evidence beside it. */
#include "record/record.h"
#include "record/build.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

const char *mc_from_name(mc_from from)
{
    static const char *names[] = {"none",   "provenance", "hub", "card",
                                  "report", "evidence",   "path"};

    return (unsigned)from < sizeof(names) / sizeof(names[0]) ? names[from] : "none";
}

mc_record *mc_record_new(const mc_source *src, const char *card_path)
{
    mc_record *rec = calloc(1, sizeof(*rec));
    size_t dirlen;

    if (rec == NULL || (rec->arena = mc_arena_new()) == NULL) {
        free(rec);
        mc_error_set(MC_ENOMEM, "out of memory");
        return NULL;
    }
    rec->src = src;
    dirlen = mc_path_dirlen(card_path);
    rec->card_path = mc_arena_strdup(rec->arena, card_path);
    rec->dir = mc_arena_strndup(rec->arena, card_path, dirlen);
    if (mc_arena_failed(rec->arena)) {
        mc_record_free(rec);
        return NULL;
    }
    return rec;
}

void mc_record_free(mc_record *rec)
{
    if (rec == NULL)
        return;
    mc_doc_free(rec->card);
    if (!rec->report_shared)
        mc_doc_free(rec->report);
    mc_evidence_free(rec->evidence);
    mc_arena_free(rec->arena);
    free(rec);
}

const mc_claim *mc_record_first_claim(const mc_record *rec, mc_claim_kind kind)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < rec->nclaims; i++) {
            const mc_claim *c = &rec->claims[i];
            if (c->kind == kind && !c->negated && (c->where.from == MC_FROM_REPORT) == pass)
                return c;
        }
    return NULL;
}

int mc_record_add_claim(mc_record *rec, const mc_claim *claim)
{
    mc_claim *c;

    if (rec->nclaims == rec->claims_cap) {
        size_t cap = rec->claims_cap ? rec->claims_cap * 2 : 8;
        mc_claim *grown = mc_arena_alloc(rec->arena, cap * sizeof(*grown));
        if (grown == NULL)
            return MC_ENOMEM;
        if (rec->nclaims)
            memcpy(grown, rec->claims, rec->nclaims * sizeof(*grown));
        rec->claims = grown;
        rec->claims_cap = cap;
    }
    c = &rec->claims[rec->nclaims];
    *c = *claim;
    c->phrase = mc_arena_strdup(rec->arena, claim->phrase);
    c->object = mc_arena_strdup(rec->arena, claim->object);
    c->where.str = mc_arena_strdup(rec->arena, claim->where.str);
    c->where.path = mc_arena_strdup(rec->arena, claim->where.path);
    if (mc_arena_failed(rec->arena))
        return MC_ENOMEM;
    rec->nclaims++;
    return 0;
}

/* The capacity of a list is implicit: 4, then the next power of two, so that a list of n
 * values costs O(n) arena space (a card can list thousands of languages). Lists are only
 * grown through this function. */
static size_t vals_cap(size_t len)
{
    size_t cap = 4;

    while (cap < len)
        cap *= 2;
    return cap;
}

int mc_vals_push(mc_arena *a, mc_vals *list, const mc_val *v)
{
    if (list->len == 0 || list->len == vals_cap(list->len)) {
        size_t cap = list->len == 0 ? 4 : list->len * 2;
        mc_val *grown = mc_arena_alloc(a, cap * sizeof(*grown));
        if (grown == NULL)
            return MC_ENOMEM;
        if (list->len)
            memcpy(grown, list->items, list->len * sizeof(*grown));
        list->items = grown;
    }
    list->items[list->len++] = *v;
    return 0;
}

const char *mc_record_card_path(const mc_record *rec)
{
    return rec->card_path;
}

const char *mc_record_name(const mc_record *rec)
{
    return rec->name ? rec->name : rec->card_path;
}

const char *mc_record_tier(const mc_record *rec)
{
    return rec->tier;
}

const char *mc_record_tier_reason(const mc_record *rec)
{
    return rec->tier_reason;
}

const mc_val *mc_record_training(const mc_record *rec)
{
    return rec->prov.training.str ? &rec->prov.training : NULL;
}

/* ---- compaction: keep what the outputs print, free the documents ---- */

typedef struct {
    mc_arena *to;
    const mc_record *rec;
    const char *card_path; /* the copy, shared by every value that names the card */
} copier;

static const char *copy_str(copier *c, const char *s)
{
    if (s == NULL)
        return NULL;
    if (s == c->rec->card_path && c->card_path)
        return c->card_path;
    return mc_arena_strdup(c->to, s);
}

static void copy_val(copier *c, mc_val *v)
{
    v->str = copy_str(c, v->str);
    v->path = copy_str(c, v->path);
}

static void copy_vals(copier *c, mc_vals *l)
{
    mc_val *items;

    if (l->len == 0) {
        l->items = NULL;
        return;
    }
    items = mc_arena_alloc(c->to, l->len * sizeof(*items));
    if (items == NULL) {
        l->len = 0;
        l->items = NULL;
        return;
    }
    memcpy(items, l->items, l->len * sizeof(*items));
    for (size_t i = 0; i < l->len; i++)
        copy_val(c, &items[i]);
    l->items = items;
}

int mc_record_compact(mc_record *rec)
{
    mc_arena *to = mc_arena_new();
    copier c = {to, rec, NULL};
    mc_record r = *rec; /* the copy being filled; `rec` still owns the old storage */

    if (to == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    r.arena = to;
    c.card_path = r.card_path = mc_arena_strdup(to, rec->card_path);
    r.dir = copy_str(&c, rec->dir);
    r.read_error = copy_str(&c, rec->read_error);
    r.not_model = copy_str(&c, rec->not_model);
    r.name = copy_str(&c, rec->name);
    r.card = NULL;
    r.report = NULL;
    r.front = NULL;
    r.block = NULL;
    copy_val(&c, &r.report_ref);
    copy_val(&c, &r.report_url);
    copy_val(&c, &r.license);
    copy_val(&c, &r.license_name);
    copy_val(&c, &r.license_link);
    copy_val(&c, &r.base_model_relation);
    copy_val(&c, &r.model_name);
    copy_val(&c, &r.pipeline_tag);
    copy_val(&c, &r.library_name);
    copy_val(&c, &r.new_version);
    copy_vals(&c, &r.base_models);
    copy_vals(&c, &r.datasets);
    copy_vals(&c, &r.languages);
    copy_vals(&c, &r.tags);
    copy_val(&c, &r.training);
    copy_val(&c, &r.weights_init);
    copy_val(&c, &r.arch_origin);
    copy_val(&c, &r.arch_based_on);
    copy_vals(&c, &r.arch_changes);
    copy_val(&c, &r.tok_origin);
    copy_val(&c, &r.tok_based_on);
    copy_val(&c, &r.tok_vocab_size);
    copy_vals(&c, &r.tok_languages);
    if (rec->ncomponents) {
        r.components = mc_arena_alloc(to, rec->ncomponents * sizeof(*r.components));
        if (r.components == NULL)
            goto fail;
        for (size_t i = 0; i < rec->ncomponents; i++) {
            mc_component *m = &r.components[i];
            *m = rec->components[i];
            copy_val(&c, &m->name);
            copy_val(&c, &m->origin);
            copy_val(&c, &m->source);
            copy_val(&c, &m->license);
        }
    }
    copy_val(&c, &r.experts_count);
    copy_val(&c, &r.experts_active);
    copy_val(&c, &r.experts_origin);
    copy_val(&c, &r.experts_source);
    copy_val(&c, &r.data_tokens);
    copy_val(&c, &r.data_disclosure);
    copy_vals(&c, &r.data_sources);
    copy_val(&c, &r.compute_hardware);
    copy_val(&c, &r.compute_duration);
    copy_val(&c, &r.compute_provider);
    copy_val(&c, &r.weights_release);
    copy_val(&c, &r.weights_url);
    copy_val(&c, &r.technical_report);
    copy_val(&c, &r.tier_claimed);
    r.claims_cap = rec->nclaims;
    if (rec->nclaims) {
        r.claims = mc_arena_alloc(to, rec->nclaims * sizeof(*r.claims));
        if (r.claims == NULL)
            goto fail;
        for (size_t i = 0; i < rec->nclaims; i++) {
            mc_claim *m = &r.claims[i];
            *m = rec->claims[i];
            m->phrase = copy_str(&c, m->phrase);
            m->object = copy_str(&c, m->object);
            copy_val(&c, &m->where);
        }
    } else {
        r.claims = NULL;
    }
    copy_val(&c, &r.prov.training);
    r.prov.signal = copy_str(&c, rec->prov.signal);
    copy_vals(&c, &r.prov.bases);
    copy_val(&c, &r.prov.arch_origin);
    copy_val(&c, &r.prov.arch_based_on);
    copy_val(&c, &r.prov.tok_origin);
    copy_val(&c, &r.prov.tok_based_on);
    copy_val(&c, &r.prov.data);
    copy_val(&c, &r.prov.scratch);
    copy_val(&c, &r.prov.derived);
    copy_val(&c, &r.prov.code_adapter);
    copy_val(&c, &r.prov.report_says);
    copy_val(&c, &r.prov.text_says);
    r.prov.derived_what = copy_str(&c, rec->prov.derived_what);
    r.tier = copy_str(&c, rec->tier);
    r.tier_reason = copy_str(&c, rec->tier_reason);
    if (rec->nlineage) {
        r.lineage = mc_arena_alloc(to, rec->nlineage * sizeof(*r.lineage));
        if (r.lineage == NULL)
            goto fail;
        for (size_t i = 0; i < rec->nlineage; i++) {
            r.lineage[i].kind = rec->lineage[i].kind;
            r.lineage[i].from = copy_str(&c, rec->lineage[i].from);
            r.lineage[i].label = copy_str(&c, rec->lineage[i].label);
        }
    }
    if (mc_arena_failed(to))
        goto fail;
    /* the evidence set has its own arena and stays; everything else is released */
    mc_doc_free(rec->card);
    if (!rec->report_shared)
        mc_doc_free(rec->report);
    r.report_shared = false;
    mc_arena_free(rec->arena);
    *rec = r;
    return 0;
fail:
    mc_arena_free(to);
    return mc_error_set(MC_ENOMEM, "out of memory");
}
