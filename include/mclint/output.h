/*
 * Output formats. Every writer takes the finished report and writes one complete
 * document (or stream) to a FILE. Text from cards is untrusted: each writer escapes it
 * for its format (terminal escapes, workflow commands, JSON, Markdown).
 */
#ifndef MCLINT_OUTPUT_H
#define MCLINT_OUTPUT_H

#include "mclint/common.h"
#include "mclint/report.h"
#include "mclint/rules.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum {
    MC_FORMAT_AUTO = 0, /**< github inside GitHub Actions, else text */
    MC_FORMAT_TEXT,
    MC_FORMAT_JSON,
    MC_FORMAT_JSONL,
    MC_FORMAT_GITHUB,
    MC_FORMAT_SARIF,
    MC_FORMAT_GITLAB,
    MC_FORMAT_RDJSONL,
    MC_FORMAT_GCC, /**< `path:line:col: severity: message [RULE]`, one line per finding */
} mc_format;

typedef struct {
    unsigned version;
    bool color;                 /**< text: ANSI colours */
    bool show_source;           /**< text: print the source line under each finding */
    bool summary;               /**< text: print the per-model summary and counts */
    const mc_rules *rules;      /**< for SARIF rule metadata */
    unsigned annotation_limit;  /**< github: annotations per severity (0 = 10) */
    /** text, gcc: print paths relative to this repository-relative folder (the working
     * directory, so that they are clickable from it: `../b/README.md`); NULL or "" =
     * relative to the repository root. */
    const char *path_base;
    /** sarif: the category of the run: automationDetails.id is "CATEGORY/" (NULL or "":
     * "mclint/"). Two runs with different categories are kept apart by code scanning. */
    const char *sarif_category;
    /** sarif: URL of docs/rules.md; each rule's helpUri is URL#mcNNN (NULL: the build's
     * MCLINT_RULES_URL; "": no helpUri). */
    const char *rules_url;
    /** sarif: tool.driver.informationUri (NULL: the build's MCLINT_INFORMATION_URI; "":
     * none is written). */
    const char *information_uri;
} mc_output_options;

#define MC_OUTPUT_OPTIONS_VERSION 1
#define MC_OUTPUT_OPTIONS_INIT \
    {MC_OUTPUT_OPTIONS_VERSION, false, true, true, NULL, 0, NULL, NULL, NULL, NULL}

/** Parse a format name ("text", "json", ...); returns -1 if unknown. */
MC_EXTERN(int) mc_format_parse(const char *name);
MC_EXTERN(const char *) mc_format_name(mc_format f);
/** The i-th format of the table (name, a one-line description, whether it streams);
 * false past the end. For listings (--help, --list-formats). */
MC_EXTERN(bool) mc_format_list(size_t i, const char **name, const char **help, bool *streams);
/** MC_FORMAT_AUTO becomes MC_FORMAT_GITHUB when GITHUB_ACTIONS=true and GITHUB_WORKFLOW is
 * set (as in a workflow step), else MC_FORMAT_TEXT; any other format is returned as is. */
MC_EXTERN(mc_format) mc_format_resolve(mc_format f);

/** Write the report in `format` to `out`. Returns 0 or MC_EIO. */
MC_EXTERN(int) mc_output_write(FILE *out, mc_format format, const mc_report *report,
                               const mc_output_options *opts);

/**
 * Streamed output, for runs over many models: the text, gcc, json, jsonl and rdjsonl formats
 * can be written part by part (a part is the findings and model of one or a few cards,
 * handed over in the report's order), with memory that does not grow with the number of
 * models. The bytes are those mc_output_write gives for the whole report.
 */
typedef struct mc_output_stream mc_output_stream;
/** True if `format` (after mc_format_resolve) can be streamed. */
MC_EXTERN(bool) mc_output_streams(mc_format format);
MC_EXTERN(int) mc_output_stream_open(mc_output_stream **out, FILE *f, mc_format format,
                                     const mc_output_options *opts);
/** Write the findings of `part` and keep its models for the end. */
MC_EXTERN(int) mc_output_stream_part(mc_output_stream *s, const mc_report *part);
/** Finish the document (models, counts) and free the stream. */
MC_EXTERN(int) mc_output_stream_close(mc_output_stream *s, size_t files_read);

/** Largest step summary written (GitHub rejects more than 1 MiB per step). */
#define MC_STEP_SUMMARY_MAX (1024u * 1024u)

/** Write the Markdown step summary (one row per model, lineage graph). At most
 * MC_STEP_SUMMARY_MAX bytes: longer summaries are cut at a row, with a note. */
MC_EXTERN(int) mc_output_step_summary(FILE *out, const mc_report *report,
                                      const mc_output_options *opts);

#endif
