/* The writers behind mc_output_write, one per format, and what they share. */
#ifndef MC_OUTPUT_WRITERS_H
#define MC_OUTPUT_WRITERS_H

#include "mclint/output.h"
#include "record/view.h"
#include "output/jsonw.h"
#include "util/buf.h"

#include <cjson/cJSON.h>

int mc_out_text(FILE *out, const mc_report *r, const mc_output_options *opts);
int mc_out_json(FILE *out, const mc_report *r, const mc_output_options *opts);
int mc_out_jsonl(FILE *out, const mc_report *r, const mc_output_options *opts);
int mc_out_github(FILE *out, const mc_report *r, const mc_output_options *opts);
int mc_out_sarif(FILE *out, const mc_report *r, const mc_output_options *opts);
int mc_out_gitlab(FILE *out, const mc_report *r, const mc_output_options *opts);
int mc_out_rdjsonl(FILE *out, const mc_report *r, const mc_output_options *opts);

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
void mc_out_text_model(mc_buf *b, const mc_record *rec);
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
