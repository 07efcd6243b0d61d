/*
 * Configuration (.mclint.yaml), inline suppressions and baselines.
 *
 * A configuration selects rules, overrides their severities (globally or per path),
 * excludes paths, sets the failure threshold and policy values. It is found by walking up
 * from the linted directory to the repository root (closest file wins), or given
 * explicitly; `extends:` merges a parent file (the child overrides it). Every value
 * remembers the file and line it came from, for error messages and mc_config_show().
 * See docs/configuration.md.
 *
 * Paths given to the queries are repository-relative, '/'-separated.
 */
#ifndef MCLINT_CONFIG_H
#define MCLINT_CONFIG_H

#include "mclint/common.h"
#include "mclint/doc.h"
#include "mclint/report.h"
#include "mclint/rules.h"
#include "mclint/source.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct mc_config mc_config;

/** Largest configuration or baseline file read (bytes). */
#define MC_CONFIG_MAX_BYTES (1024 * 1024)
/** Longest `extends:` chain. */
#define MC_CONFIG_MAX_EXTENDS 8

/**
 * Find and load the configuration for the repository-relative directory `start_dir`
 * ("" = the root) of `src`:
 * - `explicit_path` (--config; a file-system path), else the environment variable
 *   MCLINT_CONFIG if set and non-empty, is read from the file system; its relative paths
 *   (globs, report folders, rule files, `extends:`) are relative to the repository root;
 * - else the closest `.mclint.yaml` (or `.mclint.yml`) from `start_dir` up to the root,
 *   read through the source (so it works for the index and revisions); its paths are
 *   relative to its own folder and `extends:` must stay inside the repository;
 * - else the defaults.
 * Rule ids are checked against `rules` plus the configuration's `rules_files`.
 * Errors: MC_EINVALID with "FILE:LINE:COL: message", MC_ENOTFOUND (explicit file missing),
 * MC_ETOOBIG, MC_ENOMEM.
 */
MC_EXTERN(int)
mc_config_discover(mc_config **out, const mc_source *src, const char *start_dir,
                   const char *explicit_path, const mc_rules *rules);

/** Parse one configuration text (no discovery; `extends:` is an error here). `path` names
 * the file in messages; `base_dir` is the repository-relative folder its paths are
 * relative to ("" = root). */
MC_EXTERN(int)
mc_config_parse(mc_config **out, const char *path, const char *base_dir, const char *text,
                size_t len, const mc_rules *rules);

MC_EXTERN(void) mc_config_free(mc_config *cfg);
/** The configuration file that was used (the closest one), or NULL for the defaults. */
MC_EXTERN(const char *) mc_config_path(const mc_config *cfg);

/** The rule catalogue: the one given plus the rule files of the configuration. */
MC_EXTERN(const mc_rules *) mc_config_rules(const mc_config *cfg);

/** The rule selection of the command line over the configuration, as ruff orders them:
 * `select` (if not NULL) replaces both the configuration's `select` and its `ignore`;
 * `extend_select` and `ignore` add to them. A rule that any command-line selector matches
 * is decided by the command-line selectors alone (the most specific wins, `ignore` on a
 * tie); any other rule by the configuration. Each argument is a comma-separated list of
 * rule ids, rule names, family prefixes or ALL. Errors: MC_EINVALID naming the option and
 * the selector. */
MC_EXTERN(int)
mc_config_select_cli(mc_config *cfg, const char *select, const char *ignore,
                     const char *extend_select);
/** True if `select`/`ignore` enable the rule (by id, family prefix or ALL; the most
 * specific selector wins, `ignore` on a tie). */
MC_EXTERN(bool) mc_config_rule_enabled(const mc_config *cfg, const char *rule_id);
/** The severity of a rule's findings at `path`: MC_SEV_NONE when the rule is disabled,
 * ignored at that path (per_path_ignores) or set to `off`; else the most specific
 * `severity:` override; else the rule's default (MC_SEV_WARNING for an unknown rule).
 * `path` may be NULL (no per-path rule applies). */
MC_EXTERN(mc_severity)
mc_config_severity(const mc_config *cfg, const char *rule_id, const char *path);
/** True if `path` is excluded from linting (also for files named on the command line). */
MC_EXTERN(bool) mc_config_excluded(const mc_config *cfg, const char *path);
/** The exit threshold (default MC_SEV_ERROR). */
MC_EXTERN(mc_severity) mc_config_fail_on(const mc_config *cfg);
/** The minimum T-Class tier policy ("T0".."T6", "T4-1", "T4-2"), or NULL. */
MC_EXTERN(const char *) mc_config_min_tier(const mc_config *cfg);
/** The tier name as accepted by min_tier and --min-tier (a static string), or NULL when
 * `name` is not "T0".."T6", "T4-1" or "T4-2". */
MC_EXTERN(const char *) mc_config_tier_name(const char *name);
/** Extra folders holding technical reports (repository-relative, normalised). */
MC_EXTERN(size_t) mc_config_report_dir_count(const mc_config *cfg);
MC_EXTERN(const char *) mc_config_report_dir_at(const mc_config *cfg, size_t i);
/** Files larger than this are skipped with a finding (default 16 MiB). */
MC_EXTERN(uint64_t) mc_config_max_file_size(const mc_config *cfg);
/** False when `no_inline_config: true` turns inline suppressions off. */
MC_EXTERN(bool) mc_config_inline_enabled(const mc_config *cfg);

/** Print the effective configuration as YAML, each value with a comment saying where it
 * came from. Returns 0 or MC_EIO. */
MC_EXTERN(int) mc_config_show(FILE *out, const mc_config *cfg);

/** Apply the configuration to a report: drop findings of disabled rules, of rules ignored
 * at their path and of excluded paths; rewrite severities. Returns 0 or MC_ENOMEM. */
MC_EXTERN(int) mc_config_apply(const mc_config *cfg, mc_report *report);

/**
 * Inline suppressions of one Markdown document (HTML comments):
 *   <!-- mclint-disable-next-line MC101 -- reason -->
 *   <!-- mclint-disable MC101,MC102 -- reason --> ... <!-- mclint-enable MC101 -->
 *   <!-- mclint-disable-file MC1 -- reason -->
 * Drops the report's findings for mc_doc_path(doc) that are suppressed, then adds the
 * findings about the suppressions themselves: MC901 (no reason; the suppression is not
 * applied), MC902 (suppressed nothing; also an enable without a disable), MC903 (unknown
 * rule or directive). Run it before mc_config_apply(). `cfg` may be NULL; with
 * `no_inline_config: true` nothing is done. `rules` may be NULL (then cfg's catalogue).
 * Returns 0 or MC_ENOMEM.
 */
MC_EXTERN(int)
mc_suppressions_apply(mc_report *report, const mc_doc *doc, const mc_rules *rules,
                      const mc_config *cfg);

/**
 * Baselines: findings recorded once (--write-baseline) and dropped from later runs
 * (--baseline), keyed on rule, path and the whitespace-collapsed text of the flagged line
 * (the message for whole-file findings), with a count per key, so that they survive lines
 * being added or removed above them.
 */
typedef struct mc_baseline mc_baseline;

/** Write the report's findings as a baseline (JSON). Returns 0, MC_ENOMEM or MC_EIO. */
MC_EXTERN(int) mc_baseline_write(FILE *out, const mc_report *report);
/** Load a baseline from its text; `path` names it in messages. MC_EINVALID if malformed. */
MC_EXTERN(int) mc_baseline_load(mc_baseline **out, const char *path, const char *text, size_t len);
/** Read the baseline file at `path` and load it: a file over the size cap (32 MiB) or that
 * is not a regular file is refused before it is read (MC_ETOOBIG, MC_EIO). */
MC_EXTERN(int) mc_baseline_read(mc_baseline **out, const char *path);
/** Drop the findings the baseline holds (each key at most `count` times). Returns the
 * number of findings dropped. The baseline itself is not changed. */
MC_EXTERN(size_t) mc_baseline_filter(const mc_baseline *bl, mc_report *report);
/** The same for one part of a run: drops the findings the baseline still holds and counts
 * them as used, so that parts handed over in order (mc_linter_run_each) consume each key at
 * most `count` times in all. `*dropped` (may be NULL): findings dropped. 0 or MC_ENOMEM. */
MC_EXTERN(int) mc_baseline_take(mc_baseline *bl, mc_report *part, size_t *dropped);
/** Forget what earlier runs took: a new run starts with every entry unused. */
MC_EXTERN(void) mc_baseline_rewind(mc_baseline *bl);
/** Which entries the run could have matched: those whose path in_scope() accepts (NULL:
 * every entry, the default). An entry out of scope is never stale. */
MC_EXTERN(void)
mc_baseline_scope(mc_baseline *bl, bool (*in_scope)(const char *path, void *arg), void *arg);
/** Entries (after merging equal keys) in the baseline. */
MC_EXTERN(size_t) mc_baseline_entry_count(const mc_baseline *bl);
/** Stale entries: in scope, and expecting more findings than mc_baseline_take() used. */
MC_EXTERN(size_t) mc_baseline_stale_count(const mc_baseline *bl);
/** Write a note about the stale entries (nothing when there is none), listing at most
 * `max_listed` of them; `name` names the baseline. Returns 0, MC_ENOMEM or MC_EIO. */
MC_EXTERN(int)
mc_baseline_write_stale(FILE *out, const mc_baseline *bl, const char *name, size_t max_listed);
/** Write the baseline without its stale part (a stale entry's count is lowered to the
 * findings it matched; one that matched none is dropped). Returns 0, MC_ENOMEM or MC_EIO. */
MC_EXTERN(int) mc_baseline_write_pruned(FILE *out, const mc_baseline *bl);
MC_EXTERN(void) mc_baseline_free(mc_baseline *bl);

#endif
