/* Every rule documents an example that must trigger it and a close neighbour that must
 * not; this test runs both through the whole linter, so the documentation cannot drift
 * from the behaviour. */
#include "testutil.h"

#include "mclint/lint.h"
#include "rules/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count_rule(const mc_report *r, const char *id)
{
    int n = 0;

    for (size_t i = 0; i < mc_report_count(r); i++)
        n += strcmp(mc_report_at(r, i)->rule, id) == 0;
    return n;
}

static mc_report *lint_example(const mc_example *ex)
{
    char *dir = tu_mkdtemp();
    mc_lint_options o = MC_LINT_OPTIONS_INIT;
    const char *paths[1];
    mc_report *report = NULL;
    char sub[4200];

    snprintf(sub, sizeof(sub), "%s/repo", dir);
    for (size_t i = 0; i < ex->nfiles; i++)
        tu_write_len(sub, ex->files[i].name, ex->files[i].text, ex->files[i].len);
    paths[0] = sub;
    o.kind = MC_SOURCE_DIR;
    o.paths = paths;
    o.npaths = 1;
    o.jobs = 1;
    if (mc_lint_run(&report, &o) < 0)
        fail_msg("lint failed: %s", mc_error_last());
    tu_rmtree(dir);
    free(dir);
    return report;
}

static void test_catalogue_is_complete(void **state)
{
    const mc_rules *rules = mc_rules_builtin();

    (void)state;
    assert_non_null(rules);
    assert_true(mc_rules_count(rules) > 10);
    assert_false(mc_check_known("no_such_check"));
    assert_null(mc_check_find("suppressions")); /* made by mc_suppressions_apply */
    for (size_t i = 0; i < mc_rules_count(rules); i++) {
        const mc_rule *r = mc_rules_at(rules, i);
        if (!mc_check_known(r->check))
            fail_msg("%s names an unknown check '%s'", r->id, r->check);
        if (r->bad.nfiles == 0 || r->good.nfiles == 0)
            fail_msg("%s lacks a failing or a passing example", r->id);
        if (r->fix == NULL)
            fail_msg("%s has no fix text", r->id);
    }
}

static void test_examples(void **state)
{
    const mc_rules *rules = mc_rules_builtin();
    int failures = 0;

    (void)state;
    for (size_t i = 0; i < mc_rules_count(rules); i++) {
        const mc_rule *r = mc_rules_at(rules, i);
        mc_report *bad = lint_example(&r->bad);
        mc_report *good = lint_example(&r->good);
        if (count_rule(bad, r->id) == 0) {
            fprintf(stderr, "%s: the failing example does not trigger it\n", r->id);
            failures++;
        }
        if (count_rule(good, r->id) != 0) {
            fprintf(stderr, "%s: the passing example triggers it\n", r->id);
            for (size_t k = 0; k < mc_report_count(good); k++)
                if (strcmp(mc_report_at(good, k)->rule, r->id) == 0)
                    fprintf(stderr, "   %s\n", mc_report_at(good, k)->message);
            failures++;
        }
        mc_report_free(bad);
        mc_report_free(good);
    }
    assert_int_equal(failures, 0);
}

static void test_template_expand(void **state)
{
    const char *pairs[] = {"value", "x{y}", "count", "3"};
    char *s = mc_template_expand("{count} of '{value}' {unknown} {", pairs, 2);

    (void)state;
    assert_string_equal(s, "3 of 'x{y}' {unknown} {");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue_is_complete),
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_template_expand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
