/* Helpers shared by the evidence tests. */
#ifndef EVTEST_H
#define EVTEST_H

#include "testutil.h"

#include "mclint/evidence.h"

#include <stdio.h>
#include <string.h>

static inline mc_evidence_set *ev_read(const char *path, const char *data, size_t len)
{
    mc_evidence_set *set = NULL;

    assert_int_equal(mc_evidence_new(&set), 0);
    assert_int_equal(mc_evidence_read_buffer(set, path, data, len), 0);
    assert_int_equal(mc_evidence_finish(set), 0);
    return set;
}

static inline mc_evidence_set *ev_text(const char *path, const char *text)
{
    return ev_read(path, text, strlen(text));
}

/* The first item of `kind` whose key (if given) and value (if given) match. */
static inline const mc_evidence *ev_find(const mc_evidence_set *set, mc_evidence_kind kind,
                                         const char *key, const char *value)
{
    for (size_t i = 0; i < mc_evidence_count(set); i++) {
        const mc_evidence *e = mc_evidence_at(set, i);

        if (e->kind != kind)
            continue;
        if (key && (e->key == NULL || strcmp(e->key, key) != 0))
            continue;
        if (value && (e->value == NULL || strcmp(e->value, value) != 0))
            continue;
        return e;
    }
    return NULL;
}

static inline size_t ev_count_kind(const mc_evidence_set *set, mc_evidence_kind kind)
{
    size_t n = 0;

    for (size_t i = 0; i < mc_evidence_count(set); i++)
        n += mc_evidence_at(set, i)->kind == kind;
    return n;
}

static inline void ev_dump(const mc_evidence_set *set, const char *title)
{
    printf("-- %s: %zu items\n", title, mc_evidence_count(set));
    for (size_t i = 0; i < mc_evidence_count(set); i++) {
        const mc_evidence *e = mc_evidence_at(set, i);

        printf("   %s:%u:%u %s key=%s value=%s number=%lld family=%s component=%s\n", e->file,
               e->span.line, e->span.col, mc_evidence_kind_name(e->kind), e->key ? e->key : "-",
               e->value ? e->value : "-", e->number, e->family ? e->family : "-",
               e->component ? e->component : "-");
    }
}

#endif
