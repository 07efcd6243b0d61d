/*
 * The linter as a library: from a repository (or files in it) to a report. This is what
 * the command-line program calls; everything it does is available here.
 */
#ifndef MCLINT_LINT_H
#define MCLINT_LINT_H

#include "mclint/common.h"
#include "mclint/report.h"
#include "mclint/rules.h"
#include "mclint/source.h"

#include <stdbool.h>

typedef struct {
    unsigned version;
    mc_source_kind kind;       /**< where files come from (working tree, index, revision, dir) */
    const char *rev;           /**< for MC_SOURCE_REV */
    const char *changed_since; /**< lint only model directories changed since this base */
    const char *const *paths;  /**< directories or card files; none = "." */
    size_t npaths;
    const mc_rules *rules;     /**< NULL = the built-in catalogue */
    unsigned jobs;             /**< worker threads (0 = number of processors, at most 8) */
    size_t max_file_size;      /**< bytes; larger files are not read (0 = 16 MiB) */
    const char *min_tier;      /**< policy: lower computed tiers are a finding */
    const char *const *report_dirs; /**< extra folders where technical reports live */
    size_t nreport_dirs;
    unsigned shard_index, shard_count; /**< lint only model directories of shard I of N */
    bool no_evidence;          /**< do not read the files beside the cards */
} mc_lint_options;

#define MC_LINT_OPTIONS_VERSION 1
#define MC_LINT_OPTIONS_INIT {MC_LINT_OPTIONS_VERSION, MC_SOURCE_AUTO}

/** Lint and produce a sorted report. Returns 0 (even with findings), or a negative code
 * for a usage or environment error (bad revision, unreadable path). */
MC_EXTERN(int) mc_lint_run(mc_report **out, const mc_lint_options *opts);

/** The cards mclint would lint for `opts` (for --list-files); *out is a malloc'd array of
 * malloc'd repository-relative paths. */
MC_EXTERN(int) mc_lint_list_cards(char ***out, size_t *count, const mc_lint_options *opts);

#endif
