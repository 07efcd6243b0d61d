/* A small invented rule catalogue for the configuration tests. */
#ifndef MC_TEST_CFGTEST_H
#define MC_TEST_CFGTEST_H

#include "mclint/rules.h"
#include "util/buf.h"
#include "util/vec.h"

#include <stdio.h>
#include <string.h>

static mc_vec tc_chain = MC_VEC_INIT;

/* One family file with the given rule ids (default severity warning). */
static const mc_rules *tc_add_family(const mc_rules *base, const char *family,
                                     const char *const *ids, size_t n)
{
    mc_buf b = MC_BUF_INIT;
    mc_rules *r = NULL;

    mc_buf_printf(&b, "family: %s\ntitle: test\nrules:\n", family);
    for (size_t i = 0; i < n; i++) {
        /* the message of a built-in rule (MC9's are written by the suppressions), else "m" */
        const mc_rule *real = mc_rules_find(mc_rules_builtin(), ids[i]);
        mc_buf_printf(&b,
                      "  - id: %s\n    name: rule-%s\n    severity: %s\n    check: none\n"
                      "    title: t\n    message: \"",
                      ids[i], ids[i], strcmp(ids[i], "MC101") == 0 ? "error" : "warning");
        for (const char *m = real ? real->message : "m"; *m; m++)
            mc_buf_printf(&b, "%s%c", *m == '"' || *m == '\\' ? "\\" : "", *m);
        mc_buf_puts(&b, "\"\n    rationale: r\n");
    }
    if (mc_rules_load(&r, base, family, b.ptr, b.len) != 0)
        fail_msg("catalogue: %s", mc_error_last());
    mc_buf_release(&b);
    mc_vec_push(&tc_chain, r);
    return r;
}

/* MC101 (error), MC102, MC104, MC105, MC201, MC202, MC301, MC901, MC902, MC903. */
static const mc_rules *tc_rules(void)
{
    static const char *const f1[] = {"MC101", "MC102", "MC104", "MC105"};
    static const char *const f2[] = {"MC201", "MC202"};
    static const char *const f3[] = {"MC301"};
    static const char *const f9[] = {"MC901", "MC902", "MC903"};
    const mc_rules *r = tc_add_family(NULL, "MC1", f1, 4);

    r = tc_add_family(r, "MC2", f2, 2);
    r = tc_add_family(r, "MC3", f3, 1);
    return tc_add_family(r, "MC9", f9, 3);
}

static void tc_rules_free(void)
{
    for (size_t i = tc_chain.len; i > 0; i--)
        mc_rules_free(tc_chain.items[i - 1]);
    mc_vec_release(&tc_chain);
}

#endif
