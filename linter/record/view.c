/* The record's lineage, decided once when the record is resolved, and the const accessors
 * the outputs read a record through (record/view.h). */
#include "record/view.h"

#include <string.h>

/* A part is borrowed unless it was trained or is original to the model. */
static bool borrowed(const char *origin)
{
    return origin && strcmp(origin, "trained") != 0 && strcmp(origin, "original") != 0;
}

/* A stated origin that is borrowed, or no origin but a model it is based on. */
static bool part_borrowed(const mc_val *origin, const mc_val *based_on)
{
    return borrowed(origin->str) || (origin->str == NULL && based_on->str);
}

static int add_link(mc_record *rec, size_t *cap, mc_lineage_kind kind, const char *from,
                    const char *label)
{
    if (from == NULL || *from == '\0')
        return 0;
    if (rec->nlineage == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 4;
        mc_lineage_edge *grown = mc_arena_alloc(rec->arena, grown_cap * sizeof(*grown));
        if (grown == NULL)
            return MC_ENOMEM;
        if (rec->nlineage)
            memcpy(grown, rec->lineage, rec->nlineage * sizeof(*grown));
        rec->lineage = grown;
        *cap = grown_cap;
    }
    rec->lineage[rec->nlineage].kind = kind;
    rec->lineage[rec->nlineage].from = from;
    rec->lineage[rec->nlineage].label = label;
    rec->nlineage++;
    return 0;
}

int mc_record_decide_lineage(mc_record *rec)
{
    size_t cap = 0;
    const char *rel = rec->base_model_relation.str ? rec->base_model_relation.str : "base";
    int rc = 0;

    rec->lineage = NULL;
    rec->nlineage = 0;
    for (size_t k = 0; rc == 0 && k < rec->prov.bases.len; k++)
        rc = add_link(rec, &cap, MC_LINEAGE_BASE, rec->prov.bases.items[k].str, rel);
    if (rc == 0 && part_borrowed(&rec->tok_origin, &rec->tok_based_on))
        rc = add_link(rec, &cap, MC_LINEAGE_TOKENIZER, rec->tok_based_on.str, "tokenizer");
    if (rc == 0 && part_borrowed(&rec->arch_origin, &rec->arch_based_on))
        rc = add_link(rec, &cap, MC_LINEAGE_ARCHITECTURE, rec->arch_based_on.str, "architecture");
    for (size_t k = 0; rc == 0 && k < rec->ncomponents; k++) {
        const mc_component *c = &rec->components[k];
        if (c->origin.str && !borrowed(c->origin.str))
            continue; /* trained or original: the model's own */
        rc = add_link(rec, &cap, MC_LINEAGE_COMPONENT, c->source.str,
                      c->name.str ? c->name.str : "component");
    }
    return rc;
}

const mc_resolved *mc_record_resolved(const mc_record *rec)
{
    return &rec->prov;
}

const mc_vals *mc_record_base_models(const mc_record *rec)
{
    return &rec->base_models;
}

const mc_val *mc_record_relation(const mc_record *rec)
{
    return &rec->base_model_relation;
}

const mc_val *mc_record_license(const mc_record *rec)
{
    return &rec->license;
}

const mc_val *mc_record_tier_claimed(const mc_record *rec)
{
    return &rec->tier_claimed;
}

const char *mc_record_report_name(const mc_record *rec)
{
    return rec->technical_report.str ? rec->technical_report.str
           : rec->report_url.str     ? rec->report_url.str
                                     : rec->report_ref.str;
}

const mc_val *mc_record_part_origin(const mc_record *rec, mc_part part)
{
    return part == MC_PART_TOKENIZER ? &rec->tok_origin : &rec->arch_origin;
}

const mc_val *mc_record_part_based_on(const mc_record *rec, mc_part part)
{
    return part == MC_PART_TOKENIZER ? &rec->tok_based_on : &rec->arch_based_on;
}

size_t mc_record_component_count(const mc_record *rec)
{
    return rec->ncomponents;
}

const mc_component *mc_record_component_at(const mc_record *rec, size_t i)
{
    return i < rec->ncomponents ? &rec->components[i] : NULL;
}

size_t mc_record_claim_count(const mc_record *rec)
{
    return rec->nclaims;
}

const mc_claim *mc_record_claim_at(const mc_record *rec, size_t i)
{
    return i < rec->nclaims ? &rec->claims[i] : NULL;
}

const mc_evidence_set *mc_record_evidence(const mc_record *rec)
{
    return rec->evidence;
}

size_t mc_record_lineage_count(const mc_record *rec)
{
    return rec->nlineage;
}

const mc_lineage_edge *mc_record_lineage_at(const mc_record *rec, size_t i)
{
    return i < rec->nlineage ? &rec->lineage[i] : NULL;
}
