/* Streamed output: the formats of the table (format.c) that have stream callbacks, all
 * defined here, are written while the cards are still being linted. Findings go to the
 * output as each card's part arrives; what a format prints after all findings (the models,
 * the summary lines) waits in an anonymous temporary file, so memory does not grow with
 * the number of models. mc_output_write uses the same code on a whole report, so both give
 * the same bytes. */
#include "output/escape.h"
#include "output/writers.h"

#include <stdlib.h>
#include <string.h>

struct mc_output_stream {
    FILE *out;
    const mc_stream_ops *ops;
    mc_output_options opts;
    FILE *later;      /* models / model lines, copied to `out` at the end */
    size_t sev[3];    /* errors, warnings, notes */
    size_t nfindings; /* written so far */
    size_t nmodels;
    mc_buf buf;
    int rc; /* first error: every later call returns it */
};

static int flush_buf(mc_output_stream *s, FILE *f)
{
    int rc = !mc_buf_ok(&s->buf) ? mc_error_set(MC_ENOMEM, "out of memory")
             : s->buf.len        ? mc_out_put(f, s->buf.ptr, s->buf.len)
                                 : 0;
    mc_buf_clear(&s->buf);
    return rc;
}

int mc_output_stream_open(mc_output_stream **out, FILE *f, mc_format format,
                          const mc_output_options *opts)
{
    static const mc_output_options defaults = MC_OUTPUT_OPTIONS_INIT;
    const mc_format_def *d = mc_format_def_of(mc_format_resolve(format));
    mc_output_stream *s;

    *out = NULL;
    if (f == NULL || d == NULL || d->stream == NULL)
        return mc_error_set(MC_EINVALID, "format '%s' is not written as a stream",
                            mc_format_name(format));
    if ((s = calloc(1, sizeof(*s))) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    s->out = f;
    s->ops = d->stream;
    s->opts = opts ? *opts : defaults;
    if (s->ops->begin)
        s->rc = s->ops->begin(s);
    *out = s;
    return s->rc;
}

/* Write a finding's or a model's JSON to `f`, after a comma when it is not the first of
 * its list, and a newline for the line formats. */
static int put_jw(mc_output_stream *s, FILE *f, const mc_finding *fi, const mc_record *rec,
                  const char *type, int comma, int newline)
{
    mc_jw w;
    int rc;

    mc_buf_clear(&s->buf);
    if (comma)
        mc_buf_putc(&s->buf, ',');
    mc_jw_init(&w, &s->buf);
    if (fi)
        mc_out_finding_jw(&w, fi, type);
    else
        mc_out_model_jw(&w, rec, type);
    if (newline)
        mc_buf_putc(&s->buf, '\n');
    rc = !mc_buf_ok(&s->buf) ? mc_error_set(MC_ENOMEM, "out of memory")
                             : mc_out_put(f, s->buf.ptr, s->buf.len);
    mc_buf_clear(&s->buf);
    return rc;
}

/* Print `o` (taken) unformatted, followed by a newline. */
static int put_json(FILE *f, cJSON *o)
{
    int rc;

    if (o == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    rc = mc_out_print_json(f, o);
    cJSON_Delete(o);
    return rc;
}

static FILE *later(mc_output_stream *s)
{
    if (s->later == NULL && (s->later = tmpfile()) == NULL)
        s->rc = mc_error_set(MC_EIO, "could not create a temporary file for the output");
    return s->later;
}

/* ---- the callbacks of each streamed format ---- */

static int text_finding(mc_output_stream *s, const mc_finding *f)
{
    mc_out_text_finding(&s->buf, f, &s->opts);
    return flush_buf(s, s->out);
}

static int text_model(mc_output_stream *s, const mc_record *rec)
{
    if (!s->opts.summary)
        return 0;
    mc_out_text_model(&s->buf, rec, &s->opts);
    return later(s) ? flush_buf(s, s->later) : s->rc;
}

static int gcc_finding(mc_output_stream *s, const mc_finding *f)
{
    mc_out_gcc_finding(&s->buf, f, &s->opts);
    return flush_buf(s, s->out);
}

static int json_begin(mc_output_stream *s)
{
    /* the document's head; the version goes through the writer like every string */
    mc_jw w;
    mc_jw_init(&w, &s->buf);
    mc_jw_obj(&w);
    mc_jw_kstr(&w, "mclint", MCLINT_VERSION);
    mc_jw_key(&w, "findings");
    mc_buf_putc(&s->buf, '[');
    return flush_buf(s, s->out);
}

static int json_finding(mc_output_stream *s, const mc_finding *f)
{
    return put_jw(s, s->out, f, NULL, NULL, s->nfindings > 0, 0);
}

static int json_model(mc_output_stream *s, const mc_record *rec)
{
    return later(s) ? put_jw(s, s->later, NULL, rec, NULL, s->nmodels > 0, 0) : s->rc;
}

static int jsonl_finding(mc_output_stream *s, const mc_finding *f)
{
    return put_jw(s, s->out, f, NULL, "finding", 0, 1);
}

static int jsonl_model(mc_output_stream *s, const mc_record *rec)
{
    return later(s) ? put_jw(s, s->later, NULL, rec, "model", 0, 1) : s->rc;
}

static int rd_finding(mc_output_stream *s, const mc_finding *f)
{
    return put_json(s->out, mc_out_rd_json(f)); /* reviewdog takes diagnostics only */
}

int mc_output_stream_part(mc_output_stream *s, const mc_report *part)
{
    for (size_t i = 0; s->rc == 0 && i < mc_report_count(part); i++) {
        const mc_finding *f = mc_report_at(part, i);
        s->rc = s->ops->finding(s, f);
        s->sev[f->severity == MC_SEV_ERROR ? 0 : f->severity == MC_SEV_WARNING ? 1 : 2]++;
        s->nfindings++;
    }
    for (size_t i = 0; s->rc == 0 && i < mc_report_model_count(part); i++) {
        s->rc = s->ops->model ? s->ops->model(s, mc_report_model_at(part, i)) : 0;
        s->nmodels++;
    }
    return s->rc;
}

/* Append what waited in the temporary file. */
static int copy_later(mc_output_stream *s)
{
    char chunk[65536];
    size_t n;

    if (s->later == NULL)
        return 0;
    if (fflush(s->later) != 0 || fseek(s->later, 0, SEEK_SET) != 0)
        return mc_error_set(MC_EIO, "could not read back the temporary output file");
    while ((n = fread(chunk, 1, sizeof(chunk), s->later)) > 0)
        if (mc_out_put(s->out, chunk, n) < 0)
            return MC_EIO;
    return ferror(s->later) ? mc_error_set(MC_EIO, "could not read the temporary output file") : 0;
}

static int json_trailer(mc_output_stream *s, size_t files)
{
    mc_jw w;

    if (mc_out_put(s->out, "],\"models\":[", 12) < 0 || copy_later(s) < 0)
        return MC_EIO;
    mc_buf_clear(&s->buf);
    mc_buf_puts(&s->buf, "],\"counts\":");
    mc_jw_init(&w, &s->buf);
    mc_jw_obj(&w);
    mc_jw_knum(&w, "errors", (double)s->sev[0], true);
    mc_jw_knum(&w, "warnings", (double)s->sev[1], true);
    mc_jw_knum(&w, "notes", (double)s->sev[2], true);
    mc_jw_knum(&w, "models", (double)s->nmodels, true);
    mc_jw_knum(&w, "files", (double)files, true);
    mc_jw_end_obj(&w);
    mc_buf_puts(&s->buf, "}\n");
    return flush_buf(s, s->out);
}

static int text_end(mc_output_stream *s, size_t files_read)
{
    int rc;

    if (!s->opts.summary)
        return 0;
    if (s->nfindings && s->nmodels && (rc = mc_out_put(s->out, "\n", 1)) < 0)
        return rc;
    if ((rc = copy_later(s)) < 0)
        return rc;
    mc_out_text_counts(&s->buf, s->sev, s->nmodels, files_read);
    return flush_buf(s, s->out);
}

static int jsonl_end(mc_output_stream *s, size_t files_read)
{
    (void)files_read;
    return copy_later(s);
}

const mc_stream_ops mc_stream_text = {NULL, text_finding, text_model, text_end};
const mc_stream_ops mc_stream_gcc = {NULL, gcc_finding, NULL, NULL};
const mc_stream_ops mc_stream_json = {json_begin, json_finding, json_model, json_trailer};
const mc_stream_ops mc_stream_jsonl = {NULL, jsonl_finding, jsonl_model, jsonl_end};
const mc_stream_ops mc_stream_rdjsonl = {NULL, rd_finding, NULL, NULL};

int mc_output_stream_close(mc_output_stream *s, size_t files_read)
{
    int rc;

    if (s == NULL)
        return 0;
    rc = s->rc;
    if (rc == 0 && s->ops->end)
        rc = s->ops->end(s, files_read);
    if (rc == 0)
        rc = mc_out_finish(s->out);
    if (s->later)
        fclose(s->later);
    mc_buf_release(&s->buf);
    free(s);
    return rc;
}

/* A streamed format from the whole report: one part, the whole report. */
int mc_out_whole_streamed(FILE *out, mc_format format, const mc_report *r,
                          const mc_output_options *opts)
{
    mc_output_stream *s = NULL;
    int rc = mc_output_stream_open(&s, out, format, opts);

    if (rc == 0)
        rc = mc_output_stream_part(s, r);
    if (s) {
        int crc = mc_output_stream_close(s, mc_report_files_read(r));
        if (rc == 0)
            rc = crc;
    }
    return rc;
}
