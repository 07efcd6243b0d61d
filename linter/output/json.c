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

void mc_out_related_text(mc_buf *b, const mc_finding *f)
{
    size_t n = mc_finding_related_count(f);

    for (size_t i = 0; i < n; i++) {
        const mc_related *rel = mc_finding_related_at(f, i);
        mc_buf_puts(b, i ? ", " : " (evidence: ");
        mc_buf_puts(b, rel->path ? rel->path : "");
        if (rel->span.line)
            mc_buf_printf(b, ":%u", rel->span.line);
    }
    if (n)
        mc_buf_putc(b, ')');
}

void mc_out_finding_jw(mc_jw *w, const mc_finding *f, const char *type)
{
    int whole = f->span.line == 0;
    unsigned end_line = f->span.end_line ? f->span.end_line : f->span.line;

    mc_jw_obj(w);
    if (type)
        mc_jw_kstr(w, "type", type);
    mc_jw_kstr(w, "rule", f->rule);
    mc_jw_kstr(w, "name", f->name);
    mc_jw_kstr(w, "severity", mc_out_level(f->severity));
    mc_jw_kstr(w, "title", f->title);
    mc_jw_kstr(w, "path", f->path ? f->path : "");
    mc_jw_knum(w, "line", f->span.line, !whole);
    mc_jw_knum(w, "column", f->span.col, !whole && f->span.col);
    mc_jw_knum(w, "end_line", end_line, !whole);
    mc_jw_knum(w, "end_column", f->span.end_col, !whole && f->span.end_col);
    mc_jw_kstr(w, "message", f->message ? f->message : "");
    mc_jw_kstr(w, "model", f->model);
    mc_jw_kstr(w, "snippet", f->snippet);
    mc_jw_kstr(w, "fingerprint", f->fingerprint);
    mc_jw_key(w, "related");
    mc_jw_arr(w);
    for (size_t i = 0; i < mc_finding_related_count(f); i++) {
        const mc_related *rel = mc_finding_related_at(f, i);
        mc_jw_obj(w);
        mc_jw_kstr(w, "path", rel->path ? rel->path : "");
        mc_jw_knum(w, "line", rel->span.line, rel->span.line != 0);
        mc_jw_knum(w, "column", rel->span.col, rel->span.line != 0 && rel->span.col);
        mc_jw_kstr(w, "message", rel->message);
        mc_jw_end_obj(w);
    }
    mc_jw_end_arr(w);
    mc_jw_end_obj(w);
}

/* {value, path, line, from} of a positioned value, or null when absent. */
static void pval(mc_jw *w, const char *key, const mc_val *v)
{
    mc_jw_key(w, key);
    if (v == NULL || v->str == NULL) {
        mc_jw_null(w);
        return;
    }
    mc_jw_obj(w);
    mc_jw_kstr(w, "value", v->str);
    mc_jw_kstr(w, "path", v->path);
    mc_jw_knum(w, "line", v->span.line, v->span.line != 0);
    mc_jw_kstr(w, "from", mc_from_name(v->from));
    mc_jw_end_obj(w);
}

static void origin(mc_jw *w, const char *key, const mc_val *origin, const mc_val *based_on)
{
    mc_jw_key(w, key);
    mc_jw_obj(w);
    mc_jw_kstr(w, "origin", origin->str);
    mc_jw_kstr(w, "based_on", based_on->str);
    mc_jw_end_obj(w);
}

static const char *confidence_name(mc_confidence c)
{
    static const char *const names[] = {"none", "weak", "metadata", "template", "explicit"};
    return (unsigned)c < sizeof(names) / sizeof(names[0]) ? names[c] : "none";
}

static void where_fields(mc_jw *w, const mc_val *v)
{
    mc_jw_kstr(w, "path", v->path);
    mc_jw_knum(w, "line", v->span.line, v->span.line != 0);
    mc_jw_kstr(w, "from", mc_from_name(v->from));
}

static void resolved_origin(mc_jw *w, const char *key, const mc_val *origin, const mc_val *based)
{
    mc_jw_key(w, key);
    mc_jw_obj(w);
    mc_jw_kstr(w, "origin", origin->str);
    mc_jw_kstr(w, "based_on", based->str);
    if (origin->str)
        where_fields(w, origin);
    mc_jw_end_obj(w);
}

/* The resolved provenance: what mclint concluded, each value with the place and
 * the kind of signal that decided it. */
static void provenance(mc_jw *w, const mc_record *rec)
{
    const mc_resolved *p = mc_record_resolved(rec);

    mc_jw_key(w, "provenance");
    mc_jw_obj(w);
    mc_jw_key(w, "training");
    if (p->training.str == NULL) {
        mc_jw_null(w);
    } else {
        mc_jw_obj(w);
        mc_jw_kstr(w, "value", p->training.str);
        where_fields(w, &p->training);
        mc_jw_kstr(w, "confidence", confidence_name(p->confidence));
        mc_jw_kstr(w, "signal", p->signal);
        mc_jw_end_obj(w);
    }
    mc_jw_key(w, "base_models");
    mc_jw_arr(w);
    for (size_t i = 0; i < p->bases.len; i++) {
        mc_jw_obj(w);
        mc_jw_kstr(w, "name", p->bases.items[i].str);
        where_fields(w, &p->bases.items[i]);
        mc_jw_end_obj(w);
    }
    mc_jw_end_arr(w);
    resolved_origin(w, "architecture", &p->arch_origin, &p->arch_based_on);
    resolved_origin(w, "tokenizer", &p->tok_origin, &p->tok_based_on);
    mc_jw_key(w, "data");
    mc_jw_obj(w);
    mc_jw_key(w, "stated");
    mc_jw_bool(w, p->data.path != NULL);
    if (p->data.path)
        where_fields(w, &p->data);
    mc_jw_end_obj(w);
    mc_jw_end_obj(w);
}

static void evidence(mc_jw *w, const mc_evidence_set *set)
{
    size_t n = set ? mc_evidence_count(set) : 0;

    mc_jw_key(w, "evidence");
    mc_jw_arr(w);
    for (size_t i = 0; i < n; i++) {
        const mc_evidence *e = mc_evidence_at(set, i);
        mc_jw_obj(w);
        mc_jw_kstr(w, "kind", mc_evidence_kind_name(e->kind));
        mc_jw_kstr(w, "file", e->file);
        mc_jw_knum(w, "line", e->span.line, e->span.line != 0);
        mc_jw_kstr(w, "key", e->key);
        mc_jw_kstr(w, "value", e->value);
        mc_jw_knum(w, "number", (double)e->number, e->number >= 0);
        mc_jw_kstr(w, "family", e->family);
        mc_jw_kstr(w, "component", e->component);
        mc_jw_end_obj(w);
    }
    mc_jw_end_arr(w);
}

static void claims(mc_jw *w, const mc_record *rec)
{
    mc_jw_key(w, "claims");
    mc_jw_arr(w);
    for (size_t i = 0; i < mc_record_claim_count(rec); i++) {
        const mc_claim *c = mc_record_claim_at(rec, i);
        mc_jw_obj(w);
        mc_jw_kstr(w, "kind", mc_claim_kind_name(c->kind));
        mc_jw_kstr(w, "phrase", c->phrase);
        mc_jw_kstr(w, "object", c->object);
        mc_jw_key(w, "negated");
        mc_jw_bool(w, c->negated);
        mc_jw_kstr(w, "from", mc_from_name(c->where.from));
        mc_jw_kstr(w, "path", c->where.path);
        mc_jw_knum(w, "line", c->where.span.line, c->where.span.line != 0);
        mc_jw_knum(w, "column", c->where.span.col, c->where.span.col != 0);
        mc_jw_end_obj(w);
    }
    mc_jw_end_arr(w);
}

void mc_out_model_jw(mc_jw *w, const mc_record *rec, const char *type)
{
    const mc_vals *declared = mc_record_base_models(rec);

    mc_jw_obj(w);
    if (type)
        mc_jw_kstr(w, "type", type);
    mc_jw_kstr(w, "path", mc_record_card_path(rec));
    mc_jw_kstr(w, "name", mc_record_name(rec));
    pval(w, "training", &mc_record_resolved(rec)->training);
    mc_jw_key(w, "base_model");
    mc_jw_arr(w);
    for (size_t i = 0; i < declared->len; i++)
        mc_jw_str(w, declared->items[i].str);
    mc_jw_end_arr(w);
    mc_jw_kstr(w, "base_model_relation", mc_record_relation(rec)->str);
    mc_jw_kstr(w, "license", mc_record_license(rec)->str);
    origin(w, "architecture", mc_record_part_origin(rec, MC_PART_ARCHITECTURE),
           mc_record_part_based_on(rec, MC_PART_ARCHITECTURE));
    origin(w, "tokenizer", mc_record_part_origin(rec, MC_PART_TOKENIZER),
           mc_record_part_based_on(rec, MC_PART_TOKENIZER));
    mc_jw_key(w, "components");
    mc_jw_arr(w);
    for (size_t i = 0; i < mc_record_component_count(rec); i++) {
        const mc_component *c = mc_record_component_at(rec, i);
        mc_jw_obj(w);
        mc_jw_kstr(w, "name", c->name.str);
        mc_jw_kstr(w, "origin", c->origin.str);
        mc_jw_kstr(w, "source", c->source.str);
        mc_jw_kstr(w, "license", c->license.str);
        mc_jw_end_obj(w);
    }
    mc_jw_end_arr(w);
    mc_jw_kstr(w, "technical_report", mc_record_report_name(rec));
    mc_jw_kstr(w, "tier", mc_record_tier(rec));
    mc_jw_kstr(w, "tier_reason", mc_record_tier_reason(rec));
    mc_jw_kstr(w, "tier_claimed", mc_record_tier_claimed(rec)->str);
    provenance(w, rec);
    claims(w, rec);
    evidence(w, mc_record_evidence(rec));
    mc_jw_end_obj(w);
}
