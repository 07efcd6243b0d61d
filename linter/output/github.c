/* github: workflow commands as the Actions runner parses them (docs/output-formats.md).
 * Annotations are capped per severity, with one notice for the rest; every finding is also
 * printed to the log inside ::stop-commands::, indented and escaped, so that no card text
 * can start a workflow command. */
#include "output/escape.h"
#include "output/writers.h"
#include "util/str.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define GH_MESSAGE_MAX 3900 /* the runner truncates annotation messages at 4096 */

/* A token no card can predict: /dev/urandom, else a hash of the time, pid and an address. */
static void random_token(char out[33])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char raw[16] = {0};
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    ssize_t got = fd >= 0 ? read(fd, raw, sizeof(raw)) : -1;

    if (fd >= 0)
        close(fd);
    if (got != (ssize_t)sizeof(raw)) {
        struct timespec ts;
        uint64_t h = 0xcbf29ce484222325ULL, v[4];

        clock_gettime(CLOCK_REALTIME, &ts);
        v[0] = (uint64_t)ts.tv_sec;
        v[1] = (uint64_t)ts.tv_nsec;
        v[2] = (uint64_t)getpid();
        v[3] = (uint64_t)(uintptr_t)&ts;
        for (size_t i = 0; i < sizeof(raw); i++) {
            const unsigned char *p = (const unsigned char *)v;
            for (size_t k = 0; k < sizeof(v); k++) {
                h ^= p[k] + i;
                h *= 0x100000001b3ULL;
            }
            raw[i] ^= (unsigned char)(h >> 24);
        }
    }
    for (size_t i = 0; i < sizeof(raw); i++) {
        out[2 * i] = hex[raw[i] >> 4];
        out[2 * i + 1] = hex[raw[i] & 15];
    }
    out[32] = '\0';
}

static const char *command(mc_severity sev)
{
    return sev == MC_SEV_ERROR ? "error" : sev == MC_SEV_WARNING ? "warning" : "notice";
}

/* path:line:col: (or path:line: or path:) as text */
static void where(mc_buf *b, const mc_finding *f)
{
    mc_buf_puts(b, f->path);
    if (f->span.line) {
        mc_buf_printf(b, ":%u", f->span.line);
        if (f->span.col)
            mc_buf_printf(b, ":%u", f->span.col);
    }
    mc_buf_puts(b, ":");
}

static void annotation(mc_buf *b, const mc_finding *f)
{
    unsigned end_line = f->span.end_line >= f->span.line ? f->span.end_line : f->span.line;
    mc_buf title = MC_BUF_INIT, body = MC_BUF_INIT;

    mc_buf_printf(b, "::%s file=", command(f->severity));
    mc_out_gh_prop(b, f->path);
    if (f->span.line) {
        mc_buf_printf(b, ",line=%u,endLine=%u", f->span.line, end_line);
        /* the runner drops columns of multi-line ranges: send them for one line only */
        if (end_line == f->span.line && f->span.col) {
            mc_buf_printf(b, ",col=%u", f->span.col);
            if (f->span.end_col > f->span.col)
                mc_buf_printf(b, ",endColumn=%u", f->span.end_col);
        }
    }
    mc_buf_puts(&title, "mclint (");
    mc_buf_puts(&title, f->rule ? f->rule : "");
    mc_buf_puts(&title, ")");
    mc_buf_puts(b, ",title=");
    mc_out_gh_prop(b, mc_buf_cstr(&title));
    mc_buf_puts(b, "::");
    where(&body, f);
    mc_buf_putc(&body, ' ');
    mc_buf_puts(&body, f->rule ? f->rule : "");
    mc_buf_putc(&body, ' ');
    mc_buf_puts(&body, f->message);
    mc_out_related_text(&body, f);
    if (body.len > GH_MESSAGE_MAX) {
        body.len = mc_out_clip(mc_buf_cstr(&body), GH_MESSAGE_MAX);
        body.ptr[body.len] = '\0';
        mc_buf_puts(&body, "\xE2\x80\xA6");
    }
    mc_out_gh_data(b, mc_buf_cstr(&body));
    mc_buf_putc(b, '\n');
    mc_buf_release(&title);
    mc_buf_release(&body);
}

/* A plain log line: indented, controls escaped (a line break cannot start a new line). */
static void log_line(mc_buf *b, const mc_finding *f)
{
    mc_buf_puts(b, "  ");
    mc_out_term(b, f->path);
    if (f->span.line) {
        mc_buf_printf(b, ":%u", f->span.line);
        if (f->span.col)
            mc_buf_printf(b, ":%u", f->span.col);
    }
    mc_buf_printf(b, ": %s[", mc_out_level(f->severity));
    mc_out_term(b, f->rule);
    mc_buf_puts(b, "] ");
    mc_out_term(b, f->message);
    if (mc_finding_related_count(f)) {
        mc_buf related_text = MC_BUF_INIT;
        mc_out_related_text(&related_text, f);
        mc_out_term(b, mc_buf_ok(&related_text) ? mc_buf_cstr(&related_text) : "");
        mc_buf_release(&related_text);
    }
    mc_buf_putc(b, '\n');
    if (f->snippet && f->span.line) {
        mc_buf_printf(b, "      %u | ", f->span.line);
        size_t len = strlen(f->snippet);
        char *line;

        while (len && (f->snippet[len - 1] == '\n' || f->snippet[len - 1] == '\r'))
            len--;
        line = mc_strndup(f->snippet, len);
        mc_out_term(b, line ? line : "");
        free(line);
        mc_buf_putc(b, '\n');
    }
}

/* 0 errors, 1 warnings, 2 notes (and anything milder) */
static size_t sev_index(mc_severity sev)
{
    return sev == MC_SEV_ERROR ? 0 : sev == MC_SEV_WARNING ? 1 : 2;
}

static int flush(FILE *out, mc_buf *b)
{
    int rc =
        mc_buf_ok(b) ? mc_out_put(out, b->ptr, b->len) : mc_error_set(MC_ENOMEM, "out of memory");
    mc_buf_clear(b);
    return rc;
}

int mc_out_github(FILE *out, const mc_report *r, const mc_output_options *opts)
{
    unsigned limit = opts->annotation_limit ? opts->annotation_limit : 10;
    size_t n = mc_report_count(r), annotated = 0, counts[3];
    int overflow;
    mc_buf b = MC_BUF_INIT;
    char token[33];
    int rc = 0;

    /* the log: every finding, neutralised */
    random_token(token);
    mc_buf_puts(&b, "::group::mclint findings\n");
    mc_buf_printf(&b, "::stop-commands::%s\n", token);
    rc = flush(out, &b);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        log_line(&b, mc_report_at(r, i));
        rc = flush(out, &b);
    }
    if (rc == 0) {
        mc_buf_printf(&b, "  %zu finding%s\n", n, n == 1 ? "" : "s");
        mc_buf_printf(&b, "::%s::\n", token);
        mc_buf_puts(&b, "::endgroup::\n");
        rc = flush(out, &b);
    }

    /* annotations: errors first, at most `limit` of each severity; when some are left
     * out, one notice says so, and it takes one of the notices' places so that it shows */
    for (size_t k = 0; k < 3; k++)
        counts[k] = 0;
    for (size_t i = 0; i < n; i++)
        counts[sev_index(mc_report_at(r, i)->severity)]++;
    overflow = counts[0] > limit || counts[1] > limit || counts[2] > limit;
    for (size_t k = 0; rc == 0 && k < 3; k++) {
        size_t cap = limit, done = 0;
        if (k == 2 && overflow && counts[2] >= limit)
            cap--;
        for (size_t i = 0; rc == 0 && i < n && done < cap; i++) {
            const mc_finding *f = mc_report_at(r, i);
            if (sev_index(f->severity) != k)
                continue;
            annotation(&b, f);
            rc = flush(out, &b);
            done++;
            annotated++;
        }
    }
    if (rc == 0 && annotated < n) {
        mc_buf_printf(&b,
                      "::notice title=mclint::mclint: %zu of %zu findings were not annotated "
                      "(at most %u per severity); all are listed in the log group \"mclint "
                      "findings\"%%0Afor every finding in the pull request, use --format=sarif "
                      "or --format=rdjsonl with reviewdog\n",
                      n - annotated, n, limit);
        rc = flush(out, &b);
    }
    mc_buf_release(&b);
    return rc ? rc : mc_out_finish(out);
}
