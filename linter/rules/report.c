/* The report of one run: findings (strings copied into the report's arena) and records. */
#include "mclint/report.h"
#include "record/record.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/vec.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mc_report {
    mc_arena *arena;
    mc_vec findings; /* mc_finding * in the arena */
    mc_vec models;   /* mc_record *, owned */
    size_t files_read;
};

int mc_report_new(mc_report **out)
{
    mc_report *r = calloc(1, sizeof(*r));

    *out = NULL;
    if (r == NULL || (r->arena = mc_arena_new()) == NULL) {
        free(r);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    *out = r;
    return 0;
}

void mc_report_free(mc_report *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->models.len; i++)
        mc_record_free(r->models.items[i]);
    mc_vec_release(&r->models);
    mc_vec_release(&r->findings);
    mc_arena_free(r->arena);
    free(r);
}

/* FNV-1a, 64 bits: the fingerprint must not depend on the line number, so that a
 * finding keeps its identity when lines are added above it. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h ^ 0xff; /* separator */
}

static uint64_t fnv1a_normalised(uint64_t h, const char *s)
{
    int space = 0;

    /* white space collapsed and trimmed */
    for (; s && *s && isspace((unsigned char)*s); s++)
        ;
    for (; s && *s; s++) {
        if (isspace((unsigned char)*s)) {
            space = 1;
            continue;
        }
        if (space) {
            h ^= ' ';
            h *= 0x100000001b3ULL;
            space = 0;
        }
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

int mc_report_add(mc_report *r, const mc_finding *f)
{
    mc_finding *c = mc_arena_alloc(r->arena, sizeof(*c));

    if (c == NULL)
        return MC_ENOMEM;
    *c = *f;
    c->rule = mc_arena_strdup(r->arena, f->rule);
    c->name = mc_arena_strdup(r->arena, f->name);
    c->title = mc_arena_strdup(r->arena, f->title);
    c->path = mc_arena_strdup(r->arena, f->path ? f->path : "");
    c->message = mc_arena_strdup(r->arena, f->message ? f->message : "");
    c->model = mc_arena_strdup(r->arena, f->model);
    c->snippet = mc_arena_strdup(r->arena, f->snippet);
    c->related = NULL;
    c->nrelated = 0;
    if (f->related && f->nrelated) {
        size_t n = f->nrelated < MC_MAX_RELATED ? f->nrelated : MC_MAX_RELATED;
        mc_related *rel = mc_arena_alloc(r->arena, n * sizeof(*rel));
        if (rel == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++) {
            rel[i].path = mc_arena_strdup(r->arena, f->related[i].path ? f->related[i].path : "");
            rel[i].span = f->related[i].span;
            rel[i].message = mc_arena_strdup(r->arena, f->related[i].message);
        }
        c->related = rel;
        c->nrelated = n;
    }
    if (f->fingerprint) {
        c->fingerprint = mc_arena_strdup(r->arena, f->fingerprint);
    } else {
        uint64_t h = 0xcbf29ce484222325ULL;
        h = fnv1a(h, f->rule);
        h = fnv1a(h, f->path);
        h = fnv1a(h, f->snippet ? "" : f->message);
        h = fnv1a_normalised(h, f->snippet);
        c->fingerprint = mc_arena_printf(r->arena, "%016llx", (unsigned long long)h);
    }
    if (mc_arena_failed(r->arena))
        return mc_error_set(MC_ENOMEM, "out of memory");
    return mc_vec_push(&r->findings, c);
}

size_t mc_finding_related_count(const mc_finding *f)
{
    return f && f->related ? f->nrelated : 0;
}

const mc_related *mc_finding_related_at(const mc_finding *f, size_t i)
{
    return i < mc_finding_related_count(f) ? &f->related[i] : NULL;
}

int mc_report_add_model(mc_report *r, mc_record *rec)
{
    int rc = mc_vec_push(&r->models, rec);

    if (rc < 0)
        mc_record_free(rec);
    return rc;
}

int mc_report_take_models(mc_report *to, mc_report *from)
{
    for (size_t i = 0; i < from->models.len; i++) {
        if (mc_vec_push(&to->models, from->models.items[i]) < 0) {
            /* the rest stay with `from`, which frees them */
            memmove(from->models.items, from->models.items + i,
                    (from->models.len - i) * sizeof(void *));
            from->models.len -= i;
            return MC_ENOMEM;
        }
    }
    from->models.len = 0;
    return 0;
}

void mc_report_filter(mc_report *r, int (*keep)(const mc_finding *f, void *payload), void *payload)
{
    size_t n = 0;

    for (size_t i = 0; i < r->findings.len; i++)
        if (keep(r->findings.items[i], payload))
            r->findings.items[n++] = r->findings.items[i];
    r->findings.len = n;
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_finding(const void *pa, const void *pb)
{
    const mc_finding *a = *(const mc_finding *const *)pa;
    const mc_finding *b = *(const mc_finding *const *)pb;
    int c;

    /* grouped by model (models in card order), so that a run can be written card by
     * card; within a model by position */
    if ((c = cmp_str(a->model, b->model)) != 0)
        return c;
    if ((c = cmp_str(a->path, b->path)) != 0)
        return c;
    if (a->span.line != b->span.line)
        return a->span.line < b->span.line ? -1 : 1;
    if (a->span.col != b->span.col)
        return a->span.col < b->span.col ? -1 : 1;
    if ((c = cmp_str(a->rule, b->rule)) != 0)
        return c;
    return cmp_str(a->message, b->message);
}

static int cmp_model(const void *pa, const void *pb)
{
    const mc_record *a = *(const mc_record *const *)pa;
    const mc_record *b = *(const mc_record *const *)pb;

    return cmp_str(mc_record_card_path(a), mc_record_card_path(b));
}

void mc_report_sort(mc_report *r)
{
    if (r->findings.len > 1)
        qsort(r->findings.items, r->findings.len, sizeof(void *), cmp_finding);
    if (r->models.len > 1)
        qsort(r->models.items, r->models.len, sizeof(void *), cmp_model);
}

size_t mc_report_count(const mc_report *r)
{
    return r->findings.len;
}

const mc_finding *mc_report_at(const mc_report *r, size_t i)
{
    return i < r->findings.len ? r->findings.items[i] : NULL;
}

size_t mc_report_model_count(const mc_report *r)
{
    return r->models.len;
}

const mc_record *mc_report_model_at(const mc_report *r, size_t i)
{
    return i < r->models.len ? r->models.items[i] : NULL;
}

size_t mc_report_count_severity(const mc_report *r, mc_severity sev)
{
    size_t n = 0;

    for (size_t i = 0; i < r->findings.len; i++)
        n += ((const mc_finding *)r->findings.items[i])->severity == sev;
    return n;
}

mc_severity mc_report_worst(const mc_report *r)
{
    mc_severity worst = MC_SEV_NONE;

    for (size_t i = 0; i < r->findings.len; i++) {
        const mc_finding *f = r->findings.items[i];
        if (f->severity > worst)
            worst = f->severity;
    }
    return worst;
}

size_t mc_report_files_read(const mc_report *r)
{
    return r->files_read;
}

void mc_report_set_files_read(mc_report *r, size_t n)
{
    r->files_read = n;
}
