/* json and jsonl: findings and models as JSON (docs/output-formats.md). */
#include "output/escape.h"
#include "record/claims.h"
#include "output/writers.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int mc_out_put(FILE *out, const char *s, size_t n)
{
    if (n && fwrite(s, 1, n, out) != n)
        return mc_error_set(MC_EIO, "cannot write the output: %s", strerror(errno));
    return 0;
}

int mc_out_finish(FILE *out)
{
    if (fflush(out) != 0 || ferror(out))
        return mc_error_set(MC_EIO, "cannot write the output: %s", strerror(errno));
    return 0;
}

int mc_out_print_json(FILE *out, const cJSON *item)
{
    char *text = cJSON_PrintUnformatted(item);
    int rc;

    if (text == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    rc = mc_out_put(out, text, strlen(text));
    if (rc == 0)
        rc = mc_out_put(out, "\n", 1);
    cJSON_free(text);
    return rc;
}

const char *mc_out_level(mc_severity sev)
{
    switch (sev) {
    case MC_SEV_ERROR:
        return "error";
    case MC_SEV_WARNING:
        return "warning";
    default:
        return "note";
    }
}

cJSON *mc_out_finding_json(const mc_finding *f, const char *type)
{
    cJSON *o = cJSON_CreateObject();
    int whole = f->span.line == 0;
    unsigned end_line = f->span.end_line ? f->span.end_line : f->span.line;
    int rc = 0;

    if (o == NULL)
        return NULL;
    if (type)
        rc |= mc_out_jadd_str(o, "type", type);
    rc |= mc_out_jadd_str(o, "rule", f->rule);
    rc |= mc_out_jadd_str(o, "name", f->name);
    rc |= mc_out_jadd_str(o, "severity", mc_out_level(f->severity));
    rc |= mc_out_jadd_str(o, "title", f->title);
    rc |= mc_out_jadd_str(o, "path", f->path ? f->path : "");
    rc |= mc_out_jadd_num(o, "line", f->span.line, !whole);
    rc |= mc_out_jadd_num(o, "column", f->span.col, !whole && f->span.col);
    rc |= mc_out_jadd_num(o, "end_line", end_line, !whole);
    rc |= mc_out_jadd_num(o, "end_column", f->span.end_col, !whole && f->span.end_col);
    rc |= mc_out_jadd_str(o, "message", f->message ? f->message : "");
    rc |= mc_out_jadd_str(o, "model", f->model);
    rc |= mc_out_jadd_str(o, "snippet", f->snippet);
    rc |= mc_out_jadd_str(o, "fingerprint", f->fingerprint);
    if (rc) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* {value, path, line, from} of a positioned value, or null when absent. */
static cJSON *pval(const mc_val *v)
{
    cJSON *o;
    int rc = 0;

    if (v == NULL || v->str == NULL)
        return cJSON_CreateNull();
    if ((o = cJSON_CreateObject()) == NULL)
        return NULL;
    rc |= mc_out_jadd_str(o, "value", v->str);
    rc |= mc_out_jadd_str(o, "path", v->path);
    rc |= mc_out_jadd_num(o, "line", v->span.line, v->span.line != 0);
    rc |= mc_out_jadd_str(o, "from", mc_from_name(v->from));
    if (rc) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static int add(cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL)
        return MC_ENOMEM;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return MC_ENOMEM;
    }
    return 0;
}

static int push(cJSON *arr, cJSON *item)
{
    if (item == NULL)
        return MC_ENOMEM;
    if (!cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        return MC_ENOMEM;
    }
    return 0;
}

static cJSON *origin_json(const mc_val *origin, const mc_val *based_on)
{
    cJSON *o = cJSON_CreateObject();

    if (o == NULL)
        return NULL;
    if (mc_out_jadd_str(o, "origin", origin->str) ||
        mc_out_jadd_str(o, "based_on", based_on->str)) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *evidence_json(const mc_evidence_set *set)
{
    cJSON *arr = cJSON_CreateArray();
    size_t n = set ? mc_evidence_count(set) : 0;

    for (size_t i = 0; arr && i < n; i++) {
        const mc_evidence *e = mc_evidence_at(set, i);
        cJSON *o = cJSON_CreateObject();
        int rc = 0;

        if (o == NULL) {
            cJSON_Delete(arr);
            return NULL;
        }
        rc |= mc_out_jadd_str(o, "kind", mc_evidence_kind_name(e->kind));
        rc |= mc_out_jadd_str(o, "file", e->file);
        rc |= mc_out_jadd_num(o, "line", e->span.line, e->span.line != 0);
        rc |= mc_out_jadd_str(o, "key", e->key);
        rc |= mc_out_jadd_str(o, "value", e->value);
        rc |= mc_out_jadd_num(o, "number", (double)e->number, e->number >= 0);
        rc |= mc_out_jadd_str(o, "family", e->family);
        rc |= mc_out_jadd_str(o, "component", e->component);
        if (rc || push(arr, o)) {
            if (rc)
                cJSON_Delete(o);
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

static cJSON *claims_json(const mc_record *rec)
{
    cJSON *arr = cJSON_CreateArray();

    for (size_t i = 0; arr && i < rec->nclaims; i++) {
        const mc_claim *c = &rec->claims[i];
        cJSON *o = cJSON_CreateObject();
        int rc = 0;

        if (o == NULL) {
            cJSON_Delete(arr);
            return NULL;
        }
        rc |= mc_out_jadd_str(o, "kind", mc_claim_kind_name(c->kind));
        rc |= mc_out_jadd_str(o, "phrase", c->phrase);
        rc |= mc_out_jadd_str(o, "object", c->object);
        rc |= cJSON_AddBoolToObject(o, "negated", c->negated) == NULL;
        rc |= mc_out_jadd_str(o, "from", mc_from_name(c->where.from));
        rc |= mc_out_jadd_str(o, "path", c->where.path);
        rc |= mc_out_jadd_num(o, "line", c->where.span.line, c->where.span.line != 0);
        rc |= mc_out_jadd_num(o, "column", c->where.span.col, c->where.span.col != 0);
        if (rc || push(arr, o)) {
            if (rc)
                cJSON_Delete(o);
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

cJSON *mc_out_model_json(const mc_record *rec, const char *type)
{
    cJSON *o = cJSON_CreateObject(), *bases = NULL, *comps = NULL;
    const char *report;
    int rc = 0;

    if (o == NULL)
        return NULL;
    report = rec->technical_report.str ? rec->technical_report.str
             : rec->report_url.str     ? rec->report_url.str
                                       : rec->report_ref.str;
    if (type)
        rc |= mc_out_jadd_str(o, "type", type);
    rc |= mc_out_jadd_str(o, "path", mc_record_card_path(rec));
    rc |= mc_out_jadd_str(o, "name", mc_record_name(rec));
    rc |= add(o, "training", pval(&rec->resolved_training));
    if (rc == 0 && (rc = add(o, "base_model", bases = cJSON_CreateArray())) == 0)
        for (size_t i = 0; rc == 0 && i < rec->base_models.len; i++)
            rc = push(bases, mc_out_jstr(rec->base_models.items[i].str));
    rc |= mc_out_jadd_str(o, "base_model_relation", rec->base_model_relation.str);
    rc |= mc_out_jadd_str(o, "license", rec->license.str);
    rc |= add(o, "architecture", origin_json(&rec->arch_origin, &rec->arch_based_on));
    rc |= add(o, "tokenizer", origin_json(&rec->tok_origin, &rec->tok_based_on));
    if (rc == 0 && (rc = add(o, "components", comps = cJSON_CreateArray())) == 0) {
        for (size_t i = 0; rc == 0 && i < rec->ncomponents; i++) {
            const mc_component *c = &rec->components[i];
            cJSON *co = cJSON_CreateObject();
            if (co == NULL || mc_out_jadd_str(co, "name", c->name.str) ||
                mc_out_jadd_str(co, "origin", c->origin.str) ||
                mc_out_jadd_str(co, "source", c->source.str) ||
                mc_out_jadd_str(co, "license", c->license.str)) {
                cJSON_Delete(co);
                rc = MC_ENOMEM;
                break;
            }
            rc = push(comps, co);
        }
    }
    rc |= mc_out_jadd_str(o, "technical_report", report);
    rc |= mc_out_jadd_str(o, "tier", mc_record_tier(rec));
    rc |= mc_out_jadd_str(o, "tier_reason", mc_record_tier_reason(rec));
    rc |= mc_out_jadd_str(o, "tier_claimed", rec->tier_claimed.str);
    rc |= add(o, "claims", claims_json(rec));
    rc |= add(o, "evidence", evidence_json(rec->evidence));
    if (rc) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}
