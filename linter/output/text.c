/* text: gcc-like lines for people, with the source line, a caret underline and a summary.
 * Card text never reaches the terminal raw: controls become visible escapes. */
#include "output/escape.h"
#include "output/writers.h"
#include "util/str.h"

#include <string.h>

#define SNIPPET_WINDOW 160 /* code points shown of a long source line */
#define SNIPPET_LEAD 60    /* code points kept before the span when a line is cut */

typedef struct {
    const char *bold, *reset, *gutter, *sev;
} palette;

static palette colours(const mc_output_options *opts, mc_severity sev)
{
    palette p = {"", "", "", ""};

    if (!opts->color)
        return p;
    p.bold = "\033[1m";
    p.reset = "\033[0m";
    p.gutter = "\033[34m";
    p.sev = sev == MC_SEV_ERROR     ? "\033[1;31m"
            : sev == MC_SEV_WARNING ? "\033[1;33m"
                                    : "\033[1;36m";
    return p;
}

/* `path` (repository-relative) as seen from the folder opts->path_base: "../" for each of
 * the base's folders the path is not in. */
static void display_path(mc_buf *b, const char *path, const mc_output_options *opts)
{
    const char *base = opts->path_base;
    mc_buf rel = MC_BUF_INIT;
    size_t common = 0, i = 0;

    if (base == NULL || *base == '\0' || path == NULL) {
        mc_out_term_line(b, path);
        return;
    }
    /* the longest run of whole folders both start with */
    for (; base[i] && path[i] == base[i]; i++)
        if (base[i] == '/')
            common = i + 1;
    if (base[i] == '\0' && path[i] == '/')
        common = i + 1; /* the path is below the base */
    for (const char *s = base + (common <= i ? common : i); *s; s++)
        if (s == base + common || s[-1] == '/')
            mc_buf_puts(&rel, "../");
    mc_buf_puts(&rel, path + common);
    mc_out_term_line(b, mc_buf_ok(&rel) ? mc_buf_cstr(&rel) : path);
    mc_buf_release(&rel);
}

static void location(mc_buf *b, const mc_finding *f, const mc_output_options *opts)
{
    display_path(b, f->path, opts);
    if (f->span.line) {
        mc_buf_printf(b, ":%u", f->span.line);
        if (f->span.col)
            mc_buf_printf(b, ":%u", f->span.col);
    }
}

/* The source line and its caret underline. */
static void snippet(mc_buf *b, const mc_finding *f, const palette *p)
{
    const char *s = f->snippet;
    size_t n = strlen(s), i = 0;
    unsigned total, ws = 1, we, c0, c1, col = 1, w;
    mc_buf line = MC_BUF_INIT, caret = MC_BUF_INIT;
    char num[16];
    int nw;

    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    total = mc_utf8_count(s, n);
    c0 = f->span.col ? f->span.col : 1;
    if (f->span.end_line > f->span.line)
        c1 = total + 1 > c0 ? total + 1 : c0 + 1;
    else if (f->span.end_col > c0)
        c1 = f->span.end_col;
    else
        c1 = c0 + 1;
    if (total > SNIPPET_WINDOW && c0 > SNIPPET_LEAD)
        ws = c0 - SNIPPET_LEAD;
    we = ws + SNIPPET_WINDOW; /* exclusive */
    if (ws > 1) {
        mc_buf_puts(&line, "\xE2\x80\xA6");
        mc_buf_putc(&caret, ' ');
    }
    while (i < n && col < we) {
        size_t len;
        if (col < ws) {
            i += mc_utf8_seqlen(s + i, n - i);
            col++;
            continue;
        }
        len = mc_out_term_cp(&line, s + i, n - i, &w);
        if (col < c0) {
            if (s[i] == '\t')
                mc_buf_putc(&caret, '\t');
            else
                for (unsigned k = 0; k < w; k++)
                    mc_buf_putc(&caret, ' ');
        } else if (col < c1) {
            for (unsigned k = 0; k < (w ? w : 1); k++)
                mc_buf_putc(&caret, '^');
        }
        i += len;
        col++;
    }
    if (i < n)
        mc_buf_puts(&line, "\xE2\x80\xA6");
    else if (c0 >= col && c0 < we)
        mc_buf_putc(&caret, '^'); /* the span starts at the end of the line */

    nw = snprintf(num, sizeof(num), "%u", f->span.line);
    mc_buf_printf(b, "%s %s |%s ", p->gutter, num, p->reset);
    mc_buf_put(b, line.ptr ? line.ptr : "", line.len);
    mc_buf_printf(b, "\n%s %*s |%s %s", p->gutter, nw, "", p->reset, p->sev);
    mc_buf_put(b, caret.ptr ? caret.ptr : "", caret.len);
    mc_buf_printf(b, "%s\n", p->reset);
    mc_buf_release(&line);
    mc_buf_release(&caret);
}

void mc_out_text_finding(mc_buf *b, const mc_finding *f, const mc_output_options *opts)
{
    palette p = colours(opts, f->severity);

    mc_buf_puts(b, p.bold);
    location(b, f, opts);
    mc_buf_printf(b, ":%s %s%s[", p.reset, p.sev, mc_out_level(f->severity));
    mc_out_term(b, f->rule);
    mc_buf_printf(b, "]%s ", p.reset);
    mc_out_term(b, f->message);
    /* where to read more: only for the rules `mclint explain` knows (the built-in ones) */
    if (f->rule && mc_rules_find(mc_rules_builtin(), f->rule)) {
        mc_buf_puts(b, "; see `mclint explain ");
        mc_out_term(b, f->rule);
        mc_buf_putc(b, '`');
    }
    mc_buf_putc(b, '\n');
    if (opts->show_source && f->snippet && f->span.line)
        snippet(b, f, &p);
    for (size_t i = 0; i < mc_finding_related_count(f); i++) {
        const mc_related *rel = mc_finding_related_at(f, i);
        mc_buf_printf(b, "%s    = evidence:%s ", p.gutter, p.reset);
        mc_out_term_line(b, rel->path ? rel->path : "");
        if (rel->span.line) {
            mc_buf_printf(b, ":%u", rel->span.line);
            if (rel->span.col)
                mc_buf_printf(b, ":%u", rel->span.col);
        }
        if (rel->message && *rel->message) {
            mc_buf_puts(b, ": ");
            mc_out_term(b, rel->message);
        }
        mc_buf_putc(b, '\n');
    }
}

void mc_out_gcc_finding(mc_buf *b, const mc_finding *f, const mc_output_options *opts)
{
    palette p = colours(opts, f->severity);

    mc_buf_puts(b, p.bold);
    display_path(b, f->path, opts);
    /* a problem matcher needs a line: a whole-file finding is at the start of the file */
    mc_buf_printf(b, ":%u:%u:%s %s%s:%s ", f->span.line ? f->span.line : 1,
                  f->span.line && f->span.col ? f->span.col : 1, p.reset, p.sev,
                  mc_out_level(f->severity), p.reset);
    mc_out_term(b, f->message);
    mc_buf_puts(b, " [");
    mc_out_term(b, f->rule);
    mc_buf_puts(b, "]\n");
}

void mc_out_text_model(mc_buf *b, const mc_record *rec, const mc_output_options *opts)
{
    const mc_val *training = mc_record_training(rec);
    const mc_vals *bases = &mc_record_resolved(rec)->bases;
    const char *tier = mc_record_tier(rec), *reason = mc_record_tier_reason(rec);

    display_path(b, mc_record_card_path(rec), opts);
    mc_buf_puts(b, ": ");
    mc_out_term(b, mc_record_name(rec));
    mc_buf_puts(b, " \xE2\x80\x94 training: ");
    mc_out_term(b, training ? training->str : "unstated");
    mc_buf_puts(b, "; base: ");
    if (bases->len == 0)
        mc_buf_puts(b, "none");
    for (size_t i = 0; i < bases->len; i++) {
        if (i)
            mc_buf_puts(b, ", ");
        mc_out_term(b, bases->items[i].str);
    }
    mc_buf_puts(b, "; tier: ");
    mc_out_term(b, tier ? tier : "undetermined");
    if (reason && *reason) {
        mc_buf_puts(b, " (");
        mc_out_term(b, reason);
        mc_buf_putc(b, ')');
    }
    mc_buf_putc(b, '\n');
}

static void count(mc_buf *b, size_t n, const char *one, const char *many)
{
    mc_buf_printf(b, "%zu %s", n, n == 1 ? one : many);
}

void mc_out_text_counts(mc_buf *b, const size_t sev[3], size_t models, size_t files)
{
    count(b, sev[0], "error", "errors");
    mc_buf_puts(b, ", ");
    count(b, sev[1], "warning", "warnings");
    mc_buf_puts(b, ", ");
    count(b, sev[2], "note", "notes");
    mc_buf_puts(b, " in ");
    count(b, models, "model", "models");
    mc_buf_puts(b, " (");
    count(b, files, "file", "files");
    mc_buf_puts(b, ")\n");
}
