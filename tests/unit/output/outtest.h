/* Helpers shared by the output tests: reports with invented findings and models, and
 * rendering to a string. */
#ifndef MC_TEST_OUTTEST_H
#define MC_TEST_OUTTEST_H

#include "testutil.h"

#include "mclint/output.h"
#include "mclint/report.h"
#include "record/record.h"
#include "util/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Render a report in `format` (or the step summary when format < 0) to a malloc'd string.
 * (Not inlined: GCC then mistakes the result for a pointer to the local it came through.) */
__attribute__((noinline, unused)) static char *tu_render(int format, const mc_report *r,
                                                         const mc_output_options *o)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    int rc;

    assert_non_null(f);
    if (format < 0)
        rc = mc_output_step_summary(f, r, o);
    else
        rc = mc_output_write(f, (mc_format)format, r, o);
    assert_int_equal(fclose(f), 0);
    if (rc != 0)
        fail_msg("output failed: %s", mc_error_last());
    assert_non_null(text);
    assert_int_equal(strlen(text), len); /* no NUL byte in any output */
    return text;
}

static inline void tu_finding(mc_report *r, const char *rule, mc_severity sev, const char *path,
                              unsigned line, unsigned col, unsigned end_line, unsigned end_col,
                              const char *message, const char *snippet)
{
    mc_finding f = {0};

    f.rule = rule;
    f.name = "invented-rule";
    f.title = "An invented rule for tests";
    f.severity = sev;
    f.path = path;
    f.span.line = line;
    f.span.col = col;
    f.span.end_line = end_line;
    f.span.end_col = end_col;
    f.message = message;
    f.snippet = snippet;
    f.model = "models/tiny/README.md";
    assert_int_equal(mc_report_add(r, &f), 0);
}

/* A finding on a card's claim line with two related evidence locations: a config line and
 * a whole file. */
static inline void tu_finding_related(mc_report *r, const char *message)
{
    mc_finding f = {0};
    mc_related rel[2] = {
        {"models/tiny/config.json", {2, 3, 0, 0}, "saved from acme-ai/Base-7B"},
        {"models/tiny/tiny [q4].gguf", {0, 0, 0, 0}, NULL},
    };

    f.rule = "MC503";
    f.name = "invented-rule";
    f.title = "An invented rule for tests";
    f.severity = MC_SEV_ERROR;
    f.path = "models/tiny/README.md";
    f.span = (mc_span){7, 22, 7, 34};
    f.message = message;
    f.snippet = "Tiny-7B was trained from scratch on invented text.";
    f.model = "models/tiny/README.md";
    f.related = rel;
    f.nrelated = 2;
    assert_int_equal(mc_report_add(r, &f), 0);
}

static inline mc_val tu_val(mc_record *rec, const char *s, unsigned line)
{
    mc_val v = {0};

    v.str = s ? mc_arena_strdup(rec->arena, s) : NULL;
    v.path = rec->card_path;
    v.span.line = line;
    v.span.col = 1;
    v.from = MC_FROM_BLOCK;
    return v;
}

/* A model with a name, a training origin, base models (NULL-terminated) and a tier. */
static inline mc_record *tu_model(const char *card, const char *name, const char *training,
                                  const char *const *bases, const char *tier, const char *reason)
{
    mc_record *rec = mc_record_new(NULL, card);

    assert_non_null(rec);
    rec->name = name ? mc_arena_strdup(rec->arena, name) : NULL;
    rec->prov.training = tu_val(rec, training, 5);
    rec->prov.done = true;
    for (size_t i = 0; bases && bases[i]; i++) {
        mc_val v = tu_val(rec, bases[i], 3);
        v.from = MC_FROM_HUB;
        assert_int_equal(mc_vals_push(rec->arena, &rec->base_models, &v), 0);
        assert_int_equal(mc_vals_push(rec->arena, &rec->prov.bases, &v), 0);
    }
    rec->tier = tier ? mc_arena_strdup(rec->arena, tier) : NULL;
    rec->tier_reason = reason ? mc_arena_strdup(rec->arena, reason) : NULL;
    assert_int_equal(mc_record_decide_lineage(rec), 0);
    return rec;
}

/* Every byte sequence of s is valid UTF-8. */
static inline int tu_valid_utf8(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    while (*u) {
        size_t len = *u < 0x80 ? 1 : (*u & 0xE0) == 0xC0 ? 2 : (*u & 0xF0) == 0xE0 ? 3 : 4;
        if (*u >= 0x80 && (*u < 0xC2 || *u > 0xF4))
            return 0;
        for (size_t i = 1; i < len; i++)
            if ((u[i] & 0xC0) != 0x80)
                return 0;
        u += len;
    }
    return 1;
}

#endif
