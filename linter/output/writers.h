/* The writers behind mc_output_write, one per format, and what they share. */
#ifndef MC_OUTPUT_WRITERS_H
#define MC_OUTPUT_WRITERS_H

#include "mclint/output.h"
#include "record/view.h"
#include "output/jsonw.h"
#include "util/buf.h"

#include <cjson/cJSON.h>

/** How a streamed format is written (stream.c): `begin` when the stream opens, `finding`
 * for each finding in order, `model` for each model (kept for the end, or dropped), `end`
 * when it closes (with the number of files read). NULL callbacks do nothing. */
typedef struct {
    int (*begin)(mc_output_stream *s);
    int (*finding)(mc_output_stream *s, const mc_finding *f);
    int (*model)(mc_output_stream *s, const mc_record *rec);
    int (*end)(mc_output_stream *s, size_t files_read);
} mc_stream_ops;

extern const mc_stream_ops mc_stream_text, mc_stream_gcc, mc_stream_json, mc_stream_jsonl,
    mc_stream_rdjsonl;

/** A row of the table of formats (format.c): a format streams when it has `stream`, else
 * `whole` writes it from the whole report. */
typedef struct {
    const char *name;
    const char *alias; /* another accepted name, or NULL */
    mc_format format;
    const char *help; /* one line, for --help and --list-formats */
    const mc_stream_ops *stream;
    int (*whole)(FILE *out, const mc_report *r, const mc_output_options *opts);
} mc_format_def;

/** The table's row for `f` (after mc_format_resolve), or NULL. */
const mc_format_def *mc_format_def_of(mc_format f);

/** A streamed format written from the whole report: one part, the whole report. */
int mc_out_whole_streamed(FILE *out, mc_format format, const mc_report *r,
                          const mc_output_options *opts);
int mc_out_github(FILE *out, const mc_report *r, const mc_output_options *opts);
int mc_out_sarif(FILE *out, const mc_report *r, const mc_output_options *opts);
int mc_out_gitlab(FILE *out, const mc_report *r, const mc_output_options *opts);

/** The JSON object of a finding / a model (see docs/output-formats.md), with a first member
 * "type": `type` unless `type` is NULL, written with `w`. */
void mc_out_finding_jw(mc_jw *w, const mc_finding *f, const char *type);
void mc_out_model_jw(mc_jw *w, const mc_record *rec, const char *type);

/** Print a cJSON item unformatted, followed by a newline. Returns 0, MC_ENOMEM or MC_EIO. */
int mc_out_print_json(FILE *out, const cJSON *item);
/** Write bytes; returns 0 or MC_EIO (with a message). */
int mc_out_put(FILE *out, const char *s, size_t n);
/** Flush and check the stream's error flag; returns 0 or MC_EIO. */
int mc_out_finish(FILE *out);

/** Pieces of the streamed formats (stream.c puts them together). */
void mc_out_text_finding(mc_buf *b, const mc_finding *f, const mc_output_options *opts);
void mc_out_text_model(mc_buf *b, const mc_record *rec, const mc_output_options *opts);
/** gcc: `path:line:col: severity: message [RULE]` (whole-file findings at 1:1). */
void mc_out_gcc_finding(mc_buf *b, const mc_finding *f, const mc_output_options *opts);
/** "N errors, N warnings, N notes in M models (K files)\n"; sev: errors, warnings, notes. */
void mc_out_text_counts(mc_buf *b, const size_t sev[3], size_t models, size_t files);
/** The reviewdog diagnostic of a finding; NULL: no memory. */
cJSON *mc_out_rd_json(const mc_finding *f);

/** " (evidence: path:line, path:line)" for a finding with related locations, else nothing
 * (raw: the caller escapes it for where it goes). */
void mc_out_related_text(mc_buf *b, const mc_finding *f);

/** "error" / "warning" / "note" for a severity (MC_SEV_NONE counts as a note). */
const char *mc_out_level(mc_severity sev);

#endif
