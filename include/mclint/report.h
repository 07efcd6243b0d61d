/*
 * Findings and the report of one run. A report owns its findings (all strings copied) and
 * the provenance records of the models it linted. Findings are kept in a deterministic
 * order: grouped by model (by card path; findings of no model first), then by path, line,
 * column, rule id. Models are in card path order.
 */
#ifndef MCLINT_REPORT_H
#define MCLINT_REPORT_H

#include "mclint/common.h"
#include "mclint/record.h"

/** A location related to a finding: where the evidence behind it is (the finding itself is
 * on the card's line that makes the claim the evidence contradicts). */
typedef struct {
    const char *path;    /**< repository-relative, '/'-separated */
    mc_span span;        /**< line 0: the file as a whole */
    const char *message; /**< what is there, one line, or NULL */
} mc_related;

/** At most this many related locations per finding (the rest are dropped). */
#define MC_MAX_RELATED 8

typedef struct {
    const char *rule;        /**< "MC101" */
    const char *name;        /**< "front-matter-invalid" */
    const char *title;       /**< the rule's title */
    mc_severity severity;    /**< after configuration overrides */
    const char *path;        /**< repository-relative, '/'-separated */
    mc_span span;            /**< line 0: the file as a whole */
    const char *message;     /**< one line (may contain card text: outputs must escape it) */
    const char *model;       /**< card path of the model the finding belongs to, or NULL */
    const char *snippet;     /**< the source line at span.line, or NULL */
    const char *fingerprint; /**< stable across line shifts: hash of rule, path, snippet */
    /* Related locations: read them with mc_finding_related_count / _at. When adding a
     * finding, point `related` at `nrelated` locations (copied by mc_report_add). */
    const mc_related *related;
    size_t nrelated;
} mc_finding;

typedef struct mc_report mc_report;

/** Number of related locations of a finding (0 for most findings). */
MC_EXTERN(size_t) mc_finding_related_count(const mc_finding *f);
/** The i-th related location, NULL past the end. */
MC_EXTERN(const mc_related *) mc_finding_related_at(const mc_finding *f, size_t i);

MC_EXTERN(int) mc_report_new(mc_report **out);
MC_EXTERN(void) mc_report_free(mc_report *r);

/** Add a finding; every string is copied. */
MC_EXTERN(int) mc_report_add(mc_report *r, const mc_finding *f);
/** Hand a record to the report (the report frees it). */
MC_EXTERN(int) mc_report_add_model(mc_report *r, mc_record *rec);
/** Move the models of `from` to `to` (findings stay). */
MC_EXTERN(int) mc_report_take_models(mc_report *to, mc_report *from);
/** Keep only the findings for which keep(f, payload) returns non-zero (in order). */
MC_EXTERN(void)
mc_report_filter(mc_report *r, int (*keep)(const mc_finding *f, void *payload), void *payload);
/** Sort findings and models into their deterministic order. */
MC_EXTERN(void) mc_report_sort(mc_report *r);

MC_EXTERN(size_t) mc_report_count(const mc_report *r);
MC_EXTERN(const mc_finding *) mc_report_at(const mc_report *r, size_t i);
MC_EXTERN(size_t) mc_report_model_count(const mc_report *r);
MC_EXTERN(const mc_record *) mc_report_model_at(const mc_report *r, size_t i);
/** Number of findings at a severity. */
MC_EXTERN(size_t) mc_report_count_severity(const mc_report *r, mc_severity sev);
/** The most severe finding's severity (MC_SEV_NONE if none). */
MC_EXTERN(mc_severity) mc_report_worst(const mc_report *r);
/** Number of files read (cards, reports, evidence), for summaries. */
MC_EXTERN(size_t) mc_report_files_read(const mc_report *r);
MC_EXTERN(void) mc_report_set_files_read(mc_report *r, size_t n);

#endif
