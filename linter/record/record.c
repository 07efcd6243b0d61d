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
    mc_doc_free(rec->report);
    mc_evidence_free(rec->evidence);
    mc_arena_free(rec->arena);
    free(rec);
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

int mc_vals_push(mc_arena *a, mc_vals *list, const mc_val *v)
{
    /* lists are short (a handful of base models or languages): grow by copying */
    mc_val *grown = mc_arena_alloc(a, (list->len + 1) * sizeof(*grown));

    if (grown == NULL)
        return MC_ENOMEM;
    if (list->len)
        memcpy(grown, list->items, list->len * sizeof(*grown));
    grown[list->len] = *v;
    list->items = grown;
    list->len++;
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
    return rec->resolved_training.str ? &rec->resolved_training : NULL;
}
