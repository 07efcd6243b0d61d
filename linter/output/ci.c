/* gitlab (Code Quality report) and rdjsonl (reviewdog diagnostics), docs/output-formats.md. */
#include "output/escape.h"
#include "output/writers.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *fp;
    size_t index;
} fp_entry;

static int cmp_fp(const void *pa, const void *pb)
{
    const fp_entry *a = pa, *b = pb;
    int c = strcmp(a->fp, b->fp);

    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

/* 32 hex digits from the finding's own fingerprint and its occurrence among findings that
 * share it: unique per finding, stable while the file keeps its findings. */
static void gitlab_fingerprint(char out[33], const char *fp, size_t occurrence)
{
    char occ[32];
    int n = snprintf(occ, sizeof(occ), "#%zu", occurrence);
    uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;

    a = fnv(a, "mclint/gitlab/", 14);
    a = mix(fnv(fnv(a, fp, strlen(fp)), occ, (size_t)n));
    b = fnv(b, occ, (size_t)n);
    b = mix(fnv(fnv(b, fp, strlen(fp)), "mclint", 6) ^ a);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
}

static const char *gitlab_severity(mc_severity sev)
{
    return sev == MC_SEV_ERROR ? "major" : sev == MC_SEV_WARNING ? "minor" : "info";
}

int mc_out_gitlab(FILE *out, const mc_report *r, const mc_output_options *opts)
{
    size_t n = mc_report_count(r);
    fp_entry *order = calloc(n ? n : 1, sizeof(*order));
    size_t *occurrence = calloc(n ? n : 1, sizeof(*occurrence));
    cJSON *root = cJSON_CreateArray();
    int rc = MC_ENOMEM;

    if (order == NULL || occurrence == NULL || root == NULL)
        goto done;
    for (size_t i = 0; i < n; i++) {
        const mc_finding *f = mc_report_at(r, i);
        order[i].fp = f->fingerprint ? f->fingerprint : "";
        order[i].index = i;
    }
    if (n)
        qsort(order, n, sizeof(*order), cmp_fp);
    for (size_t i = 0; i < n; i++)
        occurrence[order[i].index] =
            i && strcmp(order[i - 1].fp, order[i].fp) == 0 ? occurrence[order[i - 1].index] + 1 : 0;
    for (size_t i = 0; i < n; i++) {
        const mc_finding *f = mc_report_at(r, i);
        unsigned begin = f->span.line ? f->span.line : 1;
        unsigned end = f->span.end_line > begin ? f->span.end_line : begin;
        cJSON *o = cJSON_CreateObject(), *loc, *lines;
        char fp[33];
        int bad = 0;

        if (o == NULL || !cJSON_AddItemToArray(root, o)) {
            cJSON_Delete(o);
            goto done;
        }
        gitlab_fingerprint(fp, f->fingerprint ? f->fingerprint : "", occurrence[i]);
        if (mc_finding_related_count(f)) {
            /* Code Quality has no related locations: they go into the description */
            mc_buf d = MC_BUF_INIT;
            mc_buf_puts(&d, f->message ? f->message : "");
            mc_out_related_text(&d, f);
            bad |= !mc_buf_ok(&d) || mc_out_jadd_str(o, "description", mc_buf_cstr(&d));
            mc_buf_release(&d);
        } else {
            bad |= mc_out_jadd_str(o, "description", f->message);
        }
        bad |= mc_out_jadd_str(o, "check_name", f->rule ? f->rule : "");
        bad |= mc_out_jadd_str(o, "fingerprint", fp);
        bad |= mc_out_jadd_str(o, "severity", gitlab_severity(f->severity));
        if (bad || (loc = cJSON_AddObjectToObject(o, "location")) == NULL ||
            mc_out_jadd_str(loc, "path", f->path) ||
            (lines = cJSON_AddObjectToObject(loc, "lines")) == NULL ||
            mc_out_jadd_num(lines, "begin", begin, 1) || mc_out_jadd_num(lines, "end", end, 1))
            goto done;
    }
    rc = mc_out_print_json(out, root);
    if (rc == 0)
        rc = mc_out_finish(out);
done:
    if (rc == MC_ENOMEM)
        mc_error_set(MC_ENOMEM, "out of memory");
    cJSON_Delete(root);
    free(order);
    free(occurrence);
    return rc;
}

static const char *rd_severity(mc_severity sev)
{
    return sev == MC_SEV_ERROR ? "ERROR" : sev == MC_SEV_WARNING ? "WARNING" : "INFO";
}

static int add_pos(cJSON *range, const char *key, unsigned line, unsigned col)
{
    cJSON *p = cJSON_AddObjectToObject(range, key);

    if (p == NULL || mc_out_jadd_num(p, "line", line, 1))
        return MC_ENOMEM;
    return col ? mc_out_jadd_num(p, "column", col, 1) : 0;
}

cJSON *mc_out_rd_json(const mc_finding *f)
{
    cJSON *o = cJSON_CreateObject(), *loc, *code, *src;
    int bad = 0;

    if (o == NULL)
        return NULL;
    bad |= mc_out_jadd_str(o, "message", f->message);
    if ((loc = cJSON_AddObjectToObject(o, "location")) == NULL ||
        mc_out_jadd_str(loc, "path", f->path)) {
        bad = 1;
    } else if (f->span.line) {
        /* whole-file findings have no range */
        cJSON *range = cJSON_AddObjectToObject(loc, "range");
        unsigned end_line = f->span.end_line > f->span.line ? f->span.end_line : f->span.line;
        if (range == NULL || add_pos(range, "start", f->span.line, f->span.col))
            bad = 1;
        else if ((f->span.end_col || end_line > f->span.line) &&
                 add_pos(range, "end", end_line, f->span.end_col))
            bad = 1;
    }
    bad |= mc_out_jadd_str(o, "severity", rd_severity(f->severity));
    if (!bad && mc_finding_related_count(f)) {
        /* related_locations: [{message, location: {path, range}}] */
        cJSON *arr = cJSON_AddArrayToObject(o, "related_locations");
        bad |= arr == NULL;
        for (size_t i = 0; !bad && i < mc_finding_related_count(f); i++) {
            const mc_related *rel = mc_finding_related_at(f, i);
            cJSON *it = cJSON_CreateObject(), *rloc;
            if (it == NULL || !cJSON_AddItemToArray(arr, it)) {
                cJSON_Delete(it);
                bad = 1;
                break;
            }
            if (rel->message && *rel->message)
                bad |= mc_out_jadd_str(it, "message", rel->message);
            if ((rloc = cJSON_AddObjectToObject(it, "location")) == NULL ||
                mc_out_jadd_str(rloc, "path", rel->path ? rel->path : ""))
                bad = 1;
            else if (rel->span.line) {
                cJSON *range = cJSON_AddObjectToObject(rloc, "range");
                if (range == NULL || add_pos(range, "start", rel->span.line, rel->span.col))
                    bad = 1;
            }
        }
    }
    if ((code = cJSON_AddObjectToObject(o, "code")) == NULL ||
        mc_out_jadd_str(code, "value", f->rule ? f->rule : ""))
        bad = 1;
    if ((src = cJSON_AddObjectToObject(o, "source")) == NULL ||
        mc_out_jadd_str(src, "name", "mclint"))
        bad = 1;
    if (bad) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}
