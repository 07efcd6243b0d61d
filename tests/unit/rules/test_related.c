/* Related locations: the report copies them, and a finding about evidence that contradicts
 * a claim sits on the card's line with the evidence as its related location; without a
 * claim on the card it stays on the evidence. */
#include "testutil.h"

#include "record/build.h"
#include "rules/engine.h"

#include <stdio.h>
#include <string.h>

static const char card_text[] = "---\n"
                                "license: apache-2.0\n"
                                "---\n"
                                "# Orbit-7B\n"
                                "Orbit-7B was trained from scratch on invented text.\n";

static const mc_rule rule = {
    .id = "MC599",
    .family = "MC5",
    .name = "invented-evidence-rule",
    .severity = MC_SEV_ERROR,
    .title = "An invented evidence rule",
    .message = "the card claims {what}, but config.json says {value}",
    .check = "none",
};

typedef struct {
    mc_record *rec;
    mc_report *report;
    mc_check_ctx ctx;
} fixture;

static void setup(fixture *fx)
{
    mc_doc *doc = NULL;

    memset(fx, 0, sizeof(*fx));
    assert_int_equal(
        mc_doc_parse(&doc, "m/README.md", card_text, strlen(card_text), MC_DOC_MARKDOWN, NULL), 0);
    assert_int_equal(mc_record_from_doc(&fx->rec, NULL, doc, NULL), 0);
    assert_int_equal(mc_report_new(&fx->report), 0);
    fx->ctx.rec = fx->rec;
    fx->ctx.report = fx->report;
    fx->ctx.rule = &rule;
}

static void teardown(fixture *fx)
{
    mc_report_free(fx->report);
    mc_record_free(fx->rec);
}

static mc_val val(const char *path, unsigned line, unsigned col, mc_from from)
{
    mc_val v = {0};

    v.path = path;
    v.span.line = line;
    v.span.col = col;
    v.from = from;
    return v;
}

/* mc_report_add copies the related locations (strings included), at most MC_MAX_RELATED */
static void test_report_copies_related(void **state)
{
    mc_report *r = NULL;
    mc_finding f = {0};
    mc_related rel[MC_MAX_RELATED + 2];
    char path[MC_MAX_RELATED + 2][32];
    const mc_finding *got;

    assert_int_equal(mc_report_new(&r), 0);
    for (size_t i = 0; i < MC_MAX_RELATED + 2; i++) {
        snprintf(path[i], sizeof(path[i]), "m/part-%zu.json", i);
        rel[i].path = path[i];
        rel[i].span = (mc_span){(unsigned)i + 1, 2, 0, 0};
        rel[i].message = i == 0 ? "the evidence" : NULL;
    }
    f.rule = "MC599";
    f.path = "m/README.md";
    f.span.line = 5;
    f.message = "m";
    f.related = rel;
    f.nrelated = 2;
    assert_int_equal(mc_report_add(r, &f), 0);
    f.nrelated = MC_MAX_RELATED + 2;
    assert_int_equal(mc_report_add(r, &f), 0);
    f.related = NULL;
    f.nrelated = 3; /* no list: no related locations */
    assert_int_equal(mc_report_add(r, &f), 0);
    memset(path, 'x', sizeof(path)); /* the report holds its own copies */

    got = mc_report_at(r, 0);
    assert_int_equal(mc_finding_related_count(got), 2);
    assert_string_equal(mc_finding_related_at(got, 0)->path, "m/part-0.json");
    assert_int_equal(mc_finding_related_at(got, 0)->span.line, 1);
    assert_int_equal(mc_finding_related_at(got, 0)->span.col, 2);
    assert_string_equal(mc_finding_related_at(got, 0)->message, "the evidence");
    assert_null(mc_finding_related_at(got, 1)->message);
    assert_string_equal(mc_finding_related_at(got, 1)->path, "m/part-1.json");
    assert_null(mc_finding_related_at(got, 2));
    assert_int_equal(mc_finding_related_count(mc_report_at(r, 1)), MC_MAX_RELATED);
    assert_int_equal(mc_finding_related_count(mc_report_at(r, 2)), 0);
    assert_null(mc_finding_related_at(mc_report_at(r, 2), 0));
    assert_int_equal(mc_finding_related_count(NULL), 0);
    mc_report_free(r);
    (void)state;
}

/* a claim on the card's line: the finding is there, the evidence is related */
static void test_claim_on_card(void **state)
{
    fixture fx;
    mc_val claim, ev;
    const mc_finding *f;

    setup(&fx);
    claim = val("m/README.md", 5, 23, MC_FROM_PROSE);
    ev = val("m/config.json", 2, 3, MC_FROM_EVIDENCE);
    assert_int_equal(mc_emit_claim(&fx.ctx, &claim, &ev, "saved from acme-ai/Base-7B", "what",
                                   "training from scratch", "value", "acme-ai/Base-7B", NULL),
                     0);
    assert_int_equal(mc_report_count(fx.report), 1);
    f = mc_report_at(fx.report, 0);
    assert_string_equal(f->path, "m/README.md");
    assert_int_equal(f->span.line, 5);
    assert_int_equal(f->span.col, 23);
    assert_string_equal(f->snippet, "Orbit-7B was trained from scratch on invented text.");
    assert_string_equal(f->message, "the card claims training from scratch, but config.json says "
                                    "acme-ai/Base-7B");
    assert_int_equal(mc_finding_related_count(f), 1);
    assert_string_equal(mc_finding_related_at(f, 0)->path, "m/config.json");
    assert_int_equal(mc_finding_related_at(f, 0)->span.line, 2);
    assert_int_equal(mc_finding_related_at(f, 0)->span.col, 3);
    assert_string_equal(mc_finding_related_at(f, 0)->message, "saved from acme-ai/Base-7B");
    teardown(&fx);
    (void)state;
}

/* no claim line on the card (none, a place without a line, the technical report): the
 * finding stays on the evidence, with nothing related */
static void test_no_claim_line(void **state)
{
    fixture fx;
    mc_val ev = val("m/config.json", 2, 3, MC_FROM_EVIDENCE);
    mc_val whole = val("m/README.md", 0, 0, MC_FROM_PATH);
    mc_val report = val("m/REPORT.md", 9, 1, MC_FROM_REPORT);
    mc_val nowhere = val(NULL, 4, 1, MC_FROM_PATH);

    setup(&fx);
    assert_int_equal(mc_emit_claim(&fx.ctx, NULL, &ev, "x", NULL), 0);
    assert_int_equal(mc_emit_claim(&fx.ctx, &whole, &ev, "x", NULL), 0);
    assert_int_equal(mc_emit_claim(&fx.ctx, &report, &ev, "x", NULL), 0);
    assert_int_equal(mc_emit_claim(&fx.ctx, &nowhere, &ev, "x", NULL), 0);
    assert_int_equal(mc_report_count(fx.report), 4);
    for (size_t i = 0; i < 4; i++) {
        const mc_finding *f = mc_report_at(fx.report, i);
        assert_string_equal(f->path, "m/config.json");
        assert_int_equal(f->span.line, 2);
        assert_null(f->snippet);
        assert_int_equal(mc_finding_related_count(f), 0);
    }
    teardown(&fx);
    (void)state;
}

/* the fingerprint follows the primary location: the card's line text, not its number */
static void test_fingerprint_follows_claim(void **state)
{
    fixture fx;
    mc_val claim = val("m/README.md", 5, 23, MC_FROM_PROSE);
    mc_val ev1 = val("m/config.json", 2, 3, MC_FROM_EVIDENCE);
    mc_val ev2 = val("m/config.json", 7, 3, MC_FROM_EVIDENCE);

    setup(&fx);
    assert_int_equal(mc_emit_claim(&fx.ctx, &claim, &ev1, "a", NULL), 0);
    assert_int_equal(mc_emit_claim(&fx.ctx, &claim, &ev2, "b", NULL), 0);
    assert_string_equal(mc_report_at(fx.report, 0)->fingerprint,
                        mc_report_at(fx.report, 1)->fingerprint);
    assert_int_equal(mc_emit_claim(&fx.ctx, NULL, &ev1, "a", NULL), 0);
    assert_string_not_equal(mc_report_at(fx.report, 0)->fingerprint,
                            mc_report_at(fx.report, 2)->fingerprint);
    teardown(&fx);
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_copies_related),
        cmocka_unit_test(test_claim_on_card),
        cmocka_unit_test(test_no_claim_line),
        cmocka_unit_test(test_fingerprint_follows_claim),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
