/*
 * The linter as a library: from a repository (or files in it) to a report. This is what
 * the command-line program calls; everything it does is available here.
 *
 * Findings pass one filter chain, in this order (docs/configuration.md):
 * 1. rule selection: the rules a card's configuration disables (select/ignore, or a
 *    severity of `off`) are not run at all;
 * 2. inline suppressions of the card (HTML comments, YAML comments in the front matter);
 * 3. the configuration: per-path ignores, excluded paths, severity overrides;
 * 4. the baseline (`baseline`), applied to each card's part as it is handed over, so it
 *    works while streaming;
 * 5. the fail-on threshold: mc_linter_failed() after the run.
 */
#ifndef MCLINT_LINT_H
#define MCLINT_LINT_H

#include "mclint/common.h"
#include "mclint/config.h"
#include "mclint/report.h"
#include "mclint/rules.h"
#include "mclint/source.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    unsigned version;
    mc_source_kind kind;       /**< where files come from (working tree, index, revision, dir) */
    const char *rev;           /**< for MC_SOURCE_REV */
    const char *changed_since; /**< lint only model directories changed since this base */
    const char *const *paths;  /**< directories or card files; none = "." */
    size_t npaths;
    const mc_rules *rules;          /**< NULL = the built-in catalogue */
    unsigned jobs;                  /**< worker threads (0 = number of processors, at most 8) */
    size_t max_file_size;           /**< bytes; larger files are not read (0 = 16 MiB) */
    const char *min_tier;           /**< policy: lower computed tiers are a finding */
    const char *const *report_dirs; /**< extra folders where technical reports live */
    size_t nreport_dirs;
    unsigned shard_index, shard_count; /**< lint only model directories of shard I of N */
    bool no_evidence;                  /**< do not read the files beside the cards */
    const char *config_path; /**< --config; NULL = discover .mclint.yaml (or MCLINT_CONFIG) */
    bool no_inline_config;   /**< ignore <!-- mclint-... --> suppressions */
    /** The command line's --select, --ignore and --extend-select (comma-separated; NULL =
     * not given), applied over every configuration (see mc_config_select_cli). */
    const char *select, *ignore, *extend_select;
    /** --stdin-filename: the card at this path (as on the command line) is read from
     * these bytes instead of the file, which need not exist; its folder gives the
     * evidence beside it. NULL = none. */
    const char *stdin_path;
    const char *stdin_data;
    size_t stdin_len;
    const char *baseline; /**< drop the findings recorded in this baseline file */
    /** --fail-on: one exit threshold for every card; MC_SEV_NONE = each card's
     * configuration's fail_on */
    mc_severity fail_on;
} mc_lint_options;

#define MC_LINT_OPTIONS_VERSION 1
#define MC_LINT_OPTIONS_INIT                                                                       \
    {                                                                                              \
        .version = MC_LINT_OPTIONS_VERSION, .kind = MC_SOURCE_AUTO                                 \
    }

typedef struct mc_linter mc_linter;

/** Open the source, find the configuration and load the rules. Errors (bad revision,
 * path outside the repository, invalid configuration) have a message naming the cause. */
MC_EXTERN(int) mc_linter_open(mc_linter **out, const mc_lint_options *opts);
MC_EXTERN(void) mc_linter_free(mc_linter *l);
MC_EXTERN(const mc_config *) mc_linter_config(const mc_linter *l);
MC_EXTERN(const mc_source *) mc_linter_source(const mc_linter *l);
MC_EXTERN(const mc_rules *) mc_linter_rules(const mc_linter *l);

/** The exit threshold for `card` (a path from mc_linter_card_at): opts->fail_on when set,
 * else the `fail_on` of the configuration that governs the card (of the first path's
 * configuration for any other path or NULL). */
MC_EXTERN(mc_severity) mc_linter_fail_on(const mc_linter *l, const char *card);
/** After a run: true when a finding that passed the filter chain is at least as severe as
 * the exit threshold of its card (the finding's model, else its path). */
MC_EXTERN(bool) mc_linter_failed(const mc_linter *l);
/** The baseline read from opts->baseline (NULL without one), owned by the linter. After a
 * run it knows which entries were used and which are stale (see mc_baseline_stale_count);
 * a run restricted to some paths, to changed folders or to a shard counts as stale only the
 * entries for files in the folders of the cards it linted. */
MC_EXTERN(mc_baseline *) mc_linter_baseline(const mc_linter *l);

/** What the path arguments did not yield, one line each for the command line to print on
 * stderr: "warning: PATH: no model card found there" for a path argument (or, without one,
 * the current folder) that holds no card, and "note: PATH: not linted: WHY" for a named file
 * that is not linted (not staged, not a card, a symbolic link, excluded...). Paths are
 * escaped for a terminal. */
MC_EXTERN(size_t) mc_linter_path_note_count(const mc_linter *l);
MC_EXTERN(const char *) mc_linter_path_note_at(const mc_linter *l, size_t i);

/** The cards that will be linted (repository-relative), in order; owned by the linter. */
MC_EXTERN(size_t) mc_linter_card_count(const mc_linter *l);
MC_EXTERN(const char *) mc_linter_card_at(const mc_linter *l, size_t i);

/** Lint every card: a sorted report with suppressions and the configuration applied.
 * Returns 0 (even with findings), or a negative code for an internal error. */
MC_EXTERN(int) mc_linter_run(mc_linter *l, mc_report **out);

/** Receives each card's part of the report (its findings, sorted, and its model), in card
 * order; the part is freed after the call (take its models to keep them). Non-zero stops
 * the run. */
typedef int (*mc_linter_emit)(mc_report *part, void *payload);

/** Lint every card and hand each card's part to `emit` in card order, as soon as it and
 * every card before it are done (workers run at most a small window ahead, so memory does
 * not grow with the number of cards). `*files_read`: files read in all. Returns 0 or a
 * negative code (an internal error, or what `emit` returned). */
MC_EXTERN(int)
mc_linter_run_each(mc_linter *l, mc_linter_emit emit, void *payload, size_t *files_read);

/** Print every file a run would read (the cards, their technical reports and evidence
 * files), sorted, one per line. Returns 0 or a negative code. */
MC_EXTERN(int) mc_linter_list_files(mc_linter *l, FILE *out);

/** Open, run and free in one call. */
MC_EXTERN(int) mc_lint_run(mc_report **out, const mc_lint_options *opts);

#endif
