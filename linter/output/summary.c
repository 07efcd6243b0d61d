/* The GitHub step summary: Markdown with a model table, a Mermaid lineage graph and the
 * first findings. Card text is escaped for Markdown, HTML and Mermaid; the whole stays
 * under MC_STEP_SUMMARY_MAX bytes. */
#include "output/escape.h"
#include "output/writers.h"

#include <stdlib.h>
#include <string.h>

#define CELL_MAX 120           /* code points of card text per table cell */
#define MESSAGE_MAX 300        /* code points of a finding's message */
#define FINDINGS_MAX 200       /* rows of the findings table */
#define MERMAID_EDGES_MAX 400  /* Mermaid refuses more than 500 edges */
#define MERMAID_TEXT_MAX 40000 /* and more than 50,000 characters */
#define NOTE_RESERVE 1024      /* room kept for the closing note */

typedef struct {
    mc_buf out;
    size_t limit;
    int truncated;
} summary;

/* Append a finished piece if it fits; else remember that the summary was cut. */
static int fits(summary *s, mc_buf *piece)
{
    int ok = !s->truncated && s->out.len + piece->len + NOTE_RESERVE <= s->limit;

    if (ok)
        mc_buf_put(&s->out, piece->ptr ? piece->ptr : "", piece->len);
    else
        s->truncated = 1;
    mc_buf_clear(piece);
    return ok;
}

typedef struct {
    const char *path;
    size_t index;
} model_key;

static int cmp_key(const void *pa, const void *pb)
{
    const model_key *a = pa, *b = pb;

    return strcmp(a->path, b->path);
}

static void cell(mc_buf *b, const char *s)
{
    mc_buf_puts(b, " ");
    if (s && *s)
        mc_out_md(b, s, CELL_MAX);
    else
        mc_buf_puts(b, "\xE2\x80\x94"); /* an em dash for "none" */
    mc_buf_puts(b, " |");
}

static void origin_cell(mc_buf *b, const mc_val *origin, const mc_val *based_on)
{
    mc_buf_puts(b, " ");
    if (origin->str == NULL && based_on->str == NULL) {
        mc_buf_puts(b, "\xE2\x80\x94 |");
        return;
    }
    mc_out_md(b, origin->str ? origin->str : "unstated", CELL_MAX);
    if (based_on->str) {
        mc_buf_puts(b, " (");
        mc_out_md(b, based_on->str, CELL_MAX);
        mc_buf_puts(b, ")");
    }
    mc_buf_puts(b, " |");
}

static void models_table(summary *s, const mc_report *r, size_t (*counts)[3])
{
    size_t n = mc_report_model_count(r);
    mc_buf row = MC_BUF_INIT;

    if (n == 0)
        return;
    mc_buf_puts(&row, "### Models\n\n| Model | Card | Training | Base models | Tokenizer | "
                      "Architecture | Tier | Errors | Warnings | Notes |\n"
                      "|---|---|---|---|---|---|---|---:|---:|---:|\n");
    if (!fits(s, &row))
        goto done;
    for (size_t i = 0; i < n; i++) {
        const mc_record *rec = mc_report_model_at(r, i);
        const mc_val *training = mc_record_training(rec);
        const mc_vals *bases = &mc_record_resolved(rec)->bases;
        const char *tier = mc_record_tier(rec), *reason = mc_record_tier_reason(rec);

        mc_buf_puts(&row, "|");
        cell(&row, mc_record_name(rec));
        cell(&row, mc_record_card_path(rec));
        cell(&row, training ? training->str : "unstated");
        mc_buf_puts(&row, " ");
        if (bases->len == 0)
            mc_buf_puts(&row, "\xE2\x80\x94");
        for (size_t k = 0; k < bases->len && k < 8; k++) {
            if (k)
                mc_buf_puts(&row, ", ");
            mc_out_md(&row, bases->items[k].str, CELL_MAX);
        }
        if (bases->len > 8)
            mc_buf_printf(&row, ", \xE2\x80\xA6 (%zu)", bases->len);
        mc_buf_puts(&row, " |");
        origin_cell(&row, mc_record_part_origin(rec, MC_PART_TOKENIZER),
                    mc_record_part_based_on(rec, MC_PART_TOKENIZER));
        origin_cell(&row, mc_record_part_origin(rec, MC_PART_ARCHITECTURE),
                    mc_record_part_based_on(rec, MC_PART_ARCHITECTURE));
        mc_buf_puts(&row, " ");
        if (tier) {
            mc_buf_puts(&row, "**");
            mc_out_md(&row, tier, 16);
            mc_buf_puts(&row, "**");
            if (reason && *reason) {
                mc_buf_puts(&row, " ");
                mc_out_md(&row, reason, CELL_MAX);
            }
        } else {
            mc_buf_puts(&row, "undetermined");
        }
        mc_buf_printf(&row, " | %zu | %zu | %zu |\n", counts[i][0], counts[i][1], counts[i][2]);
        if (!fits(s, &row))
            goto done;
    }
    mc_buf_puts(&row, "\n");
    fits(s, &row);
done:
    mc_buf_release(&row);
}

/* Mermaid nodes: models by index, other names (base models, sources) deduplicated. */
typedef struct {
    const char **names;
    size_t len, cap;
} names;

static long node_of(names *ns, const char *name, mc_buf *decl)
{
    for (size_t i = 0; i < ns->len; i++)
        if (strcmp(ns->names[i], name) == 0)
            return (long)i;
    if (ns->len == ns->cap) {
        size_t cap = ns->cap ? ns->cap * 2 : 32;
        const char **grown = realloc(ns->names, cap * sizeof(*grown));
        if (grown == NULL)
            return -1;
        ns->names = grown;
        ns->cap = cap;
    }
    ns->names[ns->len] = name;
    mc_buf_printf(decl, "  s%zu[\"", ns->len);
    mc_out_mermaid(decl, name, 60);
    mc_buf_puts(decl, "\"]\n");
    return (long)ns->len++;
}

static int edge(mc_buf *g, names *ns, size_t model, const char *from, const char *label)
{
    long id;

    if (from == NULL || *from == '\0')
        return 0;
    if ((id = node_of(ns, from, g)) < 0)
        return -1;
    mc_buf_printf(g, "  s%ld -->|\"", id);
    mc_out_mermaid(g, label, 40);
    mc_buf_printf(g, "\"| m%zu\n", model);
    return 1;
}

static void lineage(summary *s, const mc_report *r)
{
    mc_buf g = MC_BUF_INIT, piece = MC_BUF_INIT;
    names ns = {NULL, 0, 0};
    size_t edges = 0, models = mc_report_model_count(r), cut = 0;

    for (size_t i = 0; i < models; i++) {
        const mc_record *rec = mc_report_model_at(r, i);
        size_t before = g.len, had = edges;
        int e;

        if (edges >= MERMAID_EDGES_MAX || g.len > MERMAID_TEXT_MAX) {
            cut++;
            continue;
        }
        mc_buf_printf(&g, "  m%zu[\"", i);
        mc_out_mermaid(&g, mc_record_name(rec), 60);
        mc_buf_puts(&g, "\"]\n");
        for (size_t k = 0; k < mc_record_lineage_count(rec); k++) {
            const mc_lineage_edge *l = mc_record_lineage_at(rec, k);
            if ((e = edge(&g, &ns, i, l->from, l->label)) < 0)
                goto done;
            edges += (size_t)e;
        }
        if (edges == had) { /* no lineage: leave the model out of the graph */
            g.len = before;
            if (g.ptr)
                g.ptr[before] = '\0';
        }
    }
    if (edges == 0)
        goto done;
    mc_buf_puts(&piece, "### Lineage\n\n```mermaid\nflowchart LR\n");
    mc_buf_put(&piece, g.ptr, g.len);
    mc_buf_puts(&piece, "```\n\n");
    if (cut)
        mc_buf_printf(&piece, "_%zu more model%s not drawn (graph size limit)._\n\n", cut,
                      cut == 1 ? "" : "s");
    if (mc_buf_ok(&g))
        fits(s, &piece);
done:
    free(ns.names);
    mc_buf_release(&g);
    mc_buf_release(&piece);
}

static void findings_table(summary *s, const mc_report *r)
{
    size_t n = mc_report_count(r), shown = 0;
    mc_buf row = MC_BUF_INIT;

    if (n == 0)
        return;
    mc_buf_puts(&row,
                "### Findings\n\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
    if (!fits(s, &row))
        goto done;
    for (size_t i = 0; i < n && shown < FINDINGS_MAX; i++) {
        const mc_finding *f = mc_report_at(r, i);
        mc_buf_printf(&row, "| %s |", mc_out_level(f->severity));
        cell(&row, f->rule);
        mc_buf_puts(&row, " ");
        mc_out_md(&row, f->path, CELL_MAX);
        if (f->span.line) {
            mc_buf_printf(&row, "\\:%u", f->span.line);
            if (f->span.col)
                mc_buf_printf(&row, "\\:%u", f->span.col);
        }
        mc_buf_puts(&row, " | ");
        if (mc_finding_related_count(f)) {
            mc_buf msg = MC_BUF_INIT; /* the message, then " (evidence: path:line)" */
            mc_buf_puts(&msg, f->message ? f->message : "");
            mc_out_related_text(&msg, f);
            mc_out_md(&row, mc_buf_ok(&msg) ? mc_buf_cstr(&msg) : "", MESSAGE_MAX);
            mc_buf_release(&msg);
        } else {
            mc_out_md(&row, f->message, MESSAGE_MAX);
        }
        mc_buf_puts(&row, " |\n");
        if (!fits(s, &row))
            goto done;
        shown++;
    }
    mc_buf_puts(&row, "\n");
    if (shown < n)
        mc_buf_printf(&row,
                      "_%zu more finding%s not shown here: see the job log, or use SARIF._\n\n",
                      n - shown, n - shown == 1 ? "" : "s");
    fits(s, &row);
done:
    mc_buf_release(&row);
}

int mc_output_step_summary(FILE *out, const mc_report *report, const mc_output_options *opts)
{
    summary s = {MC_BUF_INIT, MC_STEP_SUMMARY_MAX, 0};
    size_t nm, nf;
    size_t(*counts)[3] = NULL;
    model_key *keys = NULL;
    int rc;

    if (out == NULL || report == NULL)
        return mc_error_set(MC_EINVALID, "mc_output_step_summary: no stream or no report");
    nm = mc_report_model_count(report);
    nf = mc_report_count(report);
    counts = calloc(nm ? nm : 1, sizeof(*counts));
    keys = calloc(nm ? nm : 1, sizeof(*keys));
    if (counts == NULL || keys == NULL) {
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nm; i++) {
        keys[i].path = mc_record_card_path(mc_report_model_at(report, i));
        keys[i].index = i;
    }
    if (nm)
        qsort(keys, nm, sizeof(*keys), cmp_key);
    for (size_t i = 0; i < nf; i++) {
        const mc_finding *f = mc_report_at(report, i);
        model_key key = {f->model, 0}, *hit;
        if (f->model == NULL || nm == 0)
            continue;
        hit = bsearch(&key, keys, nm, sizeof(*keys), cmp_key);
        if (hit)
            counts[hit->index][f->severity == MC_SEV_ERROR     ? 0
                               : f->severity == MC_SEV_WARNING ? 1
                                                               : 2]++;
    }

    mc_buf_puts(&s.out, "## mclint: model-card provenance\n\n");
    {
        size_t e = mc_report_count_severity(report, MC_SEV_ERROR);
        size_t w = mc_report_count_severity(report, MC_SEV_WARNING);
        size_t no = mc_report_count_severity(report, MC_SEV_NOTE);
        mc_buf_printf(&s.out,
                      "%s **%zu error%s, %zu warning%s, %zu note%s** in %zu model%s "
                      "(%zu file%s read)\n\n",
                      e   ? "\xE2\x9D\x8C"
                      : w ? "\xE2\x9A\xA0\xEF\xB8\x8F"
                          : "\xE2\x9C\x85",
                      e, e == 1 ? "" : "s", w, w == 1 ? "" : "s", no, no == 1 ? "" : "s", nm,
                      nm == 1 ? "" : "s", mc_report_files_read(report),
                      mc_report_files_read(report) == 1 ? "" : "s");
    }
    models_table(&s, report, counts);
    lineage(&s, report);
    findings_table(&s, report);
    if (s.truncated)
        mc_buf_puts(&s.out, "\n_The summary was cut here: GitHub accepts at most 1 MiB per step. "
                            "The job log and the SARIF or JSON output have everything._\n");
    if (!mc_buf_ok(&s.out)) {
        rc = mc_error_set(MC_ENOMEM, "out of memory");
        goto done;
    }
    rc = mc_out_put(out, s.out.ptr, s.out.len);
    if (rc == 0)
        rc = mc_out_finish(out);
done:
    free(counts);
    free(keys);
    mc_buf_release(&s.out);
    return rc;
}
