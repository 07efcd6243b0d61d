/* The filter chain of the library: disabled rules are not run, the baseline is applied to
 * each card's part as it is handed over (also card by card), fail-on is decided last. */
#include "testutil.h"

#include "mclint/lint.h"
#include "record/build.h"
#include "rules/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char card[] = "---\n"
                           "license: apache-2.0\n"
                           "base_model: Base-7B\n"
                           "---\n"
                           "# Tiny-7B\n\n"
                           "Fine-tuned from Base-7B on our own data.\n";

static int count_rule(const mc_report *r, const char *id)
{
    int n = 0;

    for (size_t i = 0; i < mc_report_count(r); i++)
        n += strcmp(mc_report_at(r, i)->rule, id) == 0;
    return n;
}

typedef struct {
    int asked_mc105;
} selection;

static bool all_but_mc105(const char *rule_id, const void *arg)
{
    selection *s = (selection *)arg;

    if (strcmp(rule_id, "MC105") != 0)
        return true;
    s->asked_mc105++;
    return false;
}

/* The engine asks the selection before it runs a rule's check, and skips the rule. */
static void test_engine_skips_disabled_rules(void **state)
{
    mc_doc *doc = NULL;
    mc_record *rec = NULL;
    mc_report *on = NULL, *off = NULL;
    mc_policy policy = {0};
    selection sel = {0};

    (void)state;
    assert_int_equal(mc_doc_parse(&doc, "m/README.md", card, strlen(card), MC_DOC_MARKDOWN, NULL),
                     0);
    assert_int_equal(mc_record_from_doc(&rec, NULL, doc, NULL), 0);
    assert_int_equal(mc_report_new(&on), 0);
    assert_int_equal(mc_report_new(&off), 0);
    assert_int_equal(mc_engine_run(mc_rules_builtin(), rec, on, &policy), 0);
    assert_int_equal(count_rule(on, "MC105"), 1);
    policy.enabled = all_but_mc105;
    policy.enabled_arg = &sel;
    assert_int_equal(mc_engine_run(mc_rules_builtin(), rec, off, &policy), 0);
    assert_int_equal(sel.asked_mc105, 1);
    assert_int_equal(count_rule(off, "MC105"), 0);
    /* the other rules ran as before */
    assert_int_equal(mc_report_count(off), mc_report_count(on) - 1);
    mc_report_free(on);
    mc_report_free(off);
    mc_record_free(rec);
}

typedef struct {
    int parts;
    int mc105;
} seen;

static int count_parts(mc_report *part, void *payload)
{
    seen *s = payload;

    s->parts++;
    s->mc105 += count_rule(part, "MC105");
    return 0;
}

/* Baseline and fail-on through the library, card by card. */
static void test_linter_baseline_and_fail_on(void **state)
{
    char *dir = tu_mkdtemp(), sub[4200], bl[4300];
    const char *paths[1];
    mc_lint_options o = MC_LINT_OPTIONS_INIT;
    mc_linter *l = NULL;
    seen s = {0, 0};
    FILE *f;

    (void)state;
    snprintf(sub, sizeof(sub), "%s/repo", dir);
    snprintf(bl, sizeof(bl), "%s/bl.json", dir);
    tu_write(sub, "a/README.md", card);
    tu_write(sub, "b/README.md", card);
    f = fopen(bl, "w");
    assert_non_null(f);
    /* a's MC105 is recorded, b's is not; one entry matches nothing */
    fputs("{\"version\": 1, \"findings\": ["
          "{\"rule\": \"MC105\", \"path\": \"a/README.md\", \"text\": \"base_model: Base-7B\"},"
          "{\"rule\": \"MC101\", \"path\": \"a/README.md\", \"message\": \"gone\"}]}\n",
          f);
    fclose(f);
    paths[0] = sub;
    o.kind = MC_SOURCE_DIR;
    o.paths = paths;
    o.npaths = 1;
    o.jobs = 2;
    o.baseline = bl;
    assert_int_equal(mc_linter_open(&l, &o), 0);
    assert_non_null(mc_linter_baseline(l));
    assert_int_equal(mc_linter_fail_on(l, "a/README.md"), MC_SEV_ERROR);
    assert_int_equal(mc_linter_run_each(l, count_parts, &s, NULL), 0);
    assert_int_equal(s.parts, 2);
    assert_int_equal(s.mc105, 1); /* b's only */
    assert_true(mc_linter_failed(l));
    assert_int_equal(mc_baseline_stale_count(mc_linter_baseline(l)), 1);
    mc_linter_free(l);

    /* with b's recorded too, nothing at error level is left */
    f = fopen(bl, "w");
    fputs("{\"version\": 1, \"findings\": ["
          "{\"rule\": \"MC105\", \"path\": \"a/README.md\", \"text\": \"base_model: Base-7B\"},"
          "{\"rule\": \"MC105\", \"path\": \"b/README.md\", \"text\": \"base_model: Base-7B\"}]}\n",
          f);
    fclose(f);
    assert_int_equal(mc_linter_open(&l, &o), 0);
    s.parts = s.mc105 = 0;
    assert_int_equal(mc_linter_run_each(l, count_parts, &s, NULL), 0);
    assert_int_equal(s.mc105, 0);
    assert_false(mc_linter_failed(l));
    assert_int_equal(mc_baseline_stale_count(mc_linter_baseline(l)), 0);
    mc_linter_free(l);

    /* each card's configuration sets its own threshold: both cards' MC105 are warnings,
     * and only a's configuration fails on warnings */
    f = fopen(bl, "w");
    fputs("{\"version\": 1, \"findings\": []}\n", f);
    fclose(f);
    tu_write(sub, "b/.mclint.yaml", "severity: {MC105: warning}\n");
    tu_write(sub, "a/.mclint.yaml", "severity: {MC105: warning}\nfail_on: warning\n");
    assert_int_equal(mc_linter_open(&l, &o), 0);
    assert_int_equal(mc_linter_fail_on(l, "a/README.md"), MC_SEV_WARNING);
    assert_int_equal(mc_linter_fail_on(l, "b/README.md"), MC_SEV_ERROR);
    assert_int_equal(mc_linter_run_each(l, count_parts, &s, NULL), 0);
    assert_true(mc_linter_failed(l));
    mc_linter_free(l);
    /* b's warning alone does not */
    tu_write(sub, "a/.mclint.yaml", "severity: {MC105: warning}\n");
    assert_int_equal(mc_linter_open(&l, &o), 0);
    assert_int_equal(mc_linter_run_each(l, count_parts, &s, NULL), 0);
    assert_false(mc_linter_failed(l));
    mc_linter_free(l);
    tu_write(sub, "a/.mclint.yaml", "severity: {MC105: warning}\nfail_on: warning\n");

    /* fail_on from the options is one threshold for every card: a's warning passes */
    o.fail_on = MC_SEV_ERROR;
    assert_int_equal(mc_linter_open(&l, &o), 0);
    assert_int_equal(mc_linter_fail_on(l, "a/README.md"), MC_SEV_ERROR);
    assert_int_equal(mc_linter_run_each(l, count_parts, &s, NULL), 0);
    assert_false(mc_linter_failed(l));
    mc_linter_free(l);

    /* a baseline that cannot be read fails the open */
    o.fail_on = MC_SEV_NOTE;
    snprintf(bl, sizeof(bl), "%s/missing.json", dir);
    assert_true(mc_linter_open(&l, &o) < 0);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_skips_disabled_rules),
        cmocka_unit_test(test_linter_baseline_and_fail_on),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
