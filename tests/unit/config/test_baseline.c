/* Baselines: round trip across line shifts, counts, whole-file findings, malformed files. */
#include "testutil.h"

#include "mclint/config.h"
#include "mclint/doc.h"

#include <stdlib.h>
#include <string.h>

#define CARD "models/tiny/README.md"

static const char card_v1[] = "---\n"
                              "license: apache-2.0\n"
                              "base_model: acme-ai/Base-7B\n"
                              "---\n"
                              "# Tiny-7B\n"
                              "Trained from scratch by acme-ai.\n"
                              "Trained from scratch by acme-ai.\n";

/* two lines added above the findings, one of them flagged anew; indentation changed */
static const char card_v2[] = "---\n"
                              "license: apache-2.0\n"
                              "language: [en]\n"
                              "pipeline_tag: text-generation\n"
                              "base_model:    acme-ai/Base-7B\n"
                              "---\n"
                              "# Tiny-7B\n"
                              "Trained from scratch by acme-ai.\n"
                              "Trained from scratch by acme-ai.\n";

static void add_at(mc_report *r, const mc_doc *doc, const char *rule, unsigned line)
{
    mc_finding f = {0};
    size_t len = 0;
    const char *text = line ? mc_doc_line(doc, line, &len) : NULL;
    char *snip = text ? strndup(text, len) : NULL;

    f.rule = rule;
    f.name = "n";
    f.title = "t";
    f.severity = MC_SEV_ERROR;
    f.path = CARD;
    f.span.line = line;
    f.message = line ? "claim contradicts base_model" : "no licence file";
    f.snippet = snip;
    assert_int_equal(mc_report_add(r, &f), 0);
    free(snip);
}

static mc_doc *parse(const char *text)
{
    mc_doc *doc = NULL;

    assert_int_equal(mc_doc_parse(&doc, CARD, text, strlen(text), MC_DOC_MARKDOWN, NULL), 0);
    return doc;
}

static char *write_baseline(const mc_report *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    assert_int_equal(mc_baseline_write(out, r), 0);
    fclose(out);
    return text;
}

static void test_round_trip_survives_line_shift(void **state)
{
    mc_doc *d1 = parse(card_v1), *d2 = parse(card_v2);
    mc_report *r1 = NULL, *r2 = NULL;
    mc_baseline *bl = NULL;
    char *text;

    (void)state;
    assert_int_equal(mc_report_new(&r1), 0);
    add_at(r1, d1, "MC104", 3); /* base_model line */
    add_at(r1, d1, "MC201", 6); /* both "from scratch" lines: one key, count 2 */
    add_at(r1, d1, "MC201", 7);
    add_at(r1, d1, "MC005", 0); /* whole file */
    text = write_baseline(r1);
    assert_non_null(strstr(text, "\"version\":"));
    assert_non_null(strstr(text, "\"count\":\t2"));
    assert_non_null(strstr(text, "\"message\":\t\"no licence file\""));
    assert_int_equal(mc_baseline_load(&bl, "bl.json", text, strlen(text)), 0);

    assert_int_equal(mc_report_new(&r2), 0);
    add_at(r2, d2, "MC104", 5); /* moved two lines down, white space changed */
    add_at(r2, d2, "MC201", 8);
    add_at(r2, d2, "MC201", 9);
    add_at(r2, d2, "MC005", 0);
    add_at(r2, d2, "MC102", 4); /* new */
    add_at(r2, d2, "MC104", 4); /* same rule, a different line: new */
    assert_int_equal(mc_baseline_filter(bl, r2), 4);
    assert_int_equal(mc_report_count(r2), 2);
    assert_string_equal(mc_report_at(r2, 0)->rule, "MC102");
    assert_string_equal(mc_report_at(r2, 1)->rule, "MC104");
    assert_int_equal(mc_report_at(r2, 1)->span.line, 4);

    free(text);
    mc_baseline_free(bl);
    mc_report_free(r1);
    mc_report_free(r2);
    mc_doc_free(d1);
    mc_doc_free(d2);
}

static void test_counts_respected(void **state)
{
    mc_doc *d1 = parse(card_v1);
    mc_report *r1 = NULL, *r2 = NULL;
    mc_baseline *bl = NULL;
    char *text;

    (void)state;
    assert_int_equal(mc_report_new(&r1), 0);
    add_at(r1, d1, "MC201", 6);
    text = write_baseline(r1);
    assert_int_equal(mc_baseline_load(&bl, "bl.json", text, strlen(text)), 0);
    /* the same line now appears twice: one is new */
    assert_int_equal(mc_report_new(&r2), 0);
    add_at(r2, d1, "MC201", 6);
    add_at(r2, d1, "MC201", 7);
    assert_int_equal(mc_baseline_filter(bl, r2), 1);
    assert_int_equal(mc_report_count(r2), 1);
    /* the baseline is not consumed: a second report is filtered the same way */
    assert_int_equal(mc_baseline_filter(bl, r2), 1);
    assert_int_equal(mc_report_count(r2), 0);
    free(text);
    mc_baseline_free(bl);
    mc_report_free(r1);
    mc_report_free(r2);
    mc_doc_free(d1);
}

static bool only_other(const char *path, void *arg)
{
    (void)arg;
    return strcmp(path, CARD) != 0;
}

/* Parts taken in turn share the counts; what the run did not match is stale and pruned. */
static void test_take_stale_prune(void **state)
{
    mc_doc *d1 = parse(card_v1);
    mc_report *r1 = NULL, *p1 = NULL, *p2 = NULL;
    mc_baseline *bl = NULL, *pruned = NULL;
    char *text, *note = NULL, *out = NULL;
    size_t dropped = 0, len = 0;
    FILE *f;

    (void)state;
    assert_int_equal(mc_report_new(&r1), 0);
    add_at(r1, d1, "MC201", 6);
    add_at(r1, d1, "MC201", 7); /* the same text: one entry with count 2 */
    add_at(r1, d1, "MC105", 3);
    add_at(r1, d1, "MC101", 0);
    text = write_baseline(r1);
    assert_int_equal(mc_baseline_load(&bl, "bl.json", text, strlen(text)), 0);
    assert_int_equal(mc_baseline_entry_count(bl), 3);
    /* nothing taken yet: every entry is stale */
    assert_int_equal(mc_baseline_stale_count(bl), 3);
    /* two parts: MC201 once in each (both dropped, the count is 2), MC105 in neither */
    assert_int_equal(mc_report_new(&p1), 0);
    add_at(p1, d1, "MC201", 6);
    add_at(p1, d1, "MC101", 0);
    assert_int_equal(mc_baseline_take(bl, p1, &dropped), 0);
    assert_int_equal(dropped, 2);
    assert_int_equal(mc_report_count(p1), 0);
    assert_int_equal(mc_report_new(&p2), 0);
    add_at(p2, d1, "MC201", 7);
    add_at(p2, d1, "MC201", 7); /* a third one is new */
    assert_int_equal(mc_baseline_take(bl, p2, &dropped), 0);
    assert_int_equal(dropped, 1);
    assert_int_equal(mc_report_count(p2), 1);
    assert_int_equal(mc_baseline_stale_count(bl), 1);
    /* the note names the stale entry */
    f = open_memstream(&note, &len);
    assert_int_equal(mc_baseline_write_stale(f, bl, "bl.json", 20), 0);
    fclose(f);
    assert_non_null(strstr(note, "bl.json: 1 entry no longer matches any finding"));
    assert_non_null(strstr(note, "MC105 " CARD ": base_model: acme-ai/Base-7B"));
    assert_null(strstr(note, "MC201"));
    /* pruned: MC105 gone, the others kept */
    f = open_memstream(&out, &len);
    assert_int_equal(mc_baseline_write_pruned(f, bl), 0);
    fclose(f);
    assert_null(strstr(out, "MC105"));
    assert_non_null(strstr(out, "MC201"));
    assert_non_null(strstr(out, "MC101"));
    assert_int_equal(mc_baseline_load(&pruned, "p.json", out, strlen(out)), 0);
    assert_int_equal(mc_baseline_entry_count(pruned), 2);
    /* an entry out of the run's scope is never stale, and is kept */
    mc_baseline_scope(bl, only_other, NULL);
    assert_int_equal(mc_baseline_stale_count(bl), 0);
    free(note);
    note = NULL;
    f = open_memstream(&note, &len);
    assert_int_equal(mc_baseline_write_stale(f, bl, "bl.json", 20), 0);
    fclose(f);
    assert_string_equal(note, "");
    free(text);
    free(note);
    free(out);
    mc_baseline_free(bl);
    mc_baseline_free(pruned);
    mc_report_free(r1);
    mc_report_free(p1);
    mc_report_free(p2);
    mc_doc_free(d1);
}

static void test_other_path_not_matched(void **state)
{
    const char *text = "{\"version\": 1, \"findings\": [{\"rule\": \"MC201\", \"path\": "
                       "\"other/README.md\", \"text\": \"Trained from scratch by acme-ai.\", "
                       "\"count\": 5}]}";
    mc_doc *d1 = parse(card_v1);
    mc_report *r = NULL;
    mc_baseline *bl = NULL;

    (void)state;
    assert_int_equal(mc_baseline_load(&bl, "bl.json", text, strlen(text)), 0);
    assert_int_equal(mc_report_new(&r), 0);
    add_at(r, d1, "MC201", 6);
    assert_int_equal(mc_baseline_filter(bl, r), 0);
    assert_int_equal(mc_report_count(r), 1);
    mc_baseline_free(bl);
    mc_report_free(r);
    mc_doc_free(d1);
}

/* A finding about evidence, now on the card's claim line with the evidence file related,
 * still matches a baseline entry written when it was on the evidence file (keyed there on
 * its message); a finding whose message changed, or with nothing related, does not. */
static void add_related(mc_report *r, const char *message, size_t nrelated)
{
    mc_finding f = {0};
    mc_related rel = {"models/tiny/config.json", {2, 3, 0, 0}, "saved from acme-ai/Base-7B"};

    f.rule = "MC503";
    f.path = CARD;
    f.span.line = 6;
    f.message = message;
    f.snippet = "Trained from scratch by acme-ai.";
    f.related = &rel;
    f.nrelated = nrelated;
    assert_int_equal(mc_report_add(r, &f), 0);
}

static void test_evidence_entry_still_matches(void **state)
{
    const char *text = "{\"version\": 1, \"findings\": [{\"rule\": \"MC503\", \"path\": "
                       "\"models/tiny/config.json\", \"message\": \"from scratch, but saved\", "
                       "\"count\": 1}]}";
    mc_report *r = NULL;
    mc_baseline *bl = NULL;

    (void)state;
    assert_int_equal(mc_baseline_load(&bl, "bl.json", text, strlen(text)), 0);
    assert_int_equal(mc_report_new(&r), 0);
    add_related(r, "from scratch, but saved", 1);
    add_related(r, "from scratch, but saved", 1); /* the count is 1: the second is new */
    add_related(r, "from scratch, but renamed", 1);
    add_related(r, "from scratch, but saved", 0);
    assert_int_equal(mc_baseline_filter(bl, r), 1);
    assert_int_equal(mc_report_count(r), 3);
    assert_string_equal(mc_report_at(r, 1)->message, "from scratch, but renamed");
    mc_baseline_free(bl);
    mc_report_free(r);
}

static void test_empty_report(void **state)
{
    mc_report *r = NULL;
    mc_baseline *bl = NULL;
    char *text;

    (void)state;
    assert_int_equal(mc_report_new(&r), 0);
    text = write_baseline(r);
    assert_int_equal(mc_baseline_load(&bl, "bl.json", text, strlen(text)), 0);
    assert_int_equal(mc_baseline_filter(bl, r), 0);
    free(text);
    mc_baseline_free(bl);
    mc_report_free(r);
}

static void test_malformed(void **state)
{
    static const struct {
        const char *text;
        const char *message;
    } bad[] = {
        {"", "not a JSON object"},
        {"[1, 2]", "not a JSON object"},
        {"{\"version\": 1, \"findings\": [", "not a JSON object"},
        {"{\"findings\": []}", "unsupported baseline version"},
        {"{\"version\": 2, \"findings\": []}", "unsupported baseline version"},
        {"{\"version\": 1}", "'findings' must be an array"},
        {"{\"version\": 1, \"findings\": [{\"rule\": \"MC1\"}]}", "findings[0] needs"},
        {"{\"version\": 1, \"findings\": [{\"rule\": \"MC1\", \"path\": \"a\", \"text\": \"x\", "
         "\"message\": \"y\"}]}",
         "findings[0] needs"},
        {"{\"version\": 1, \"findings\": [{\"rule\": \"MC1\", \"path\": \"a\", \"text\": \"x\"}, "
         "{\"rule\": \"MC1\", \"path\": \"a\", \"text\": \"x\", \"count\": 0}]}",
         "findings[1]: 'count' must be a positive integer"},
        {"{\"version\": 1, \"findings\": [{\"rule\": \"MC1\", \"path\": \"a\", \"text\": \"x\", "
         "\"count\": 1.5}]}",
         "'count' must be a positive integer"},
        {"{\"version\": 1, \"findings\": [7]}", "findings[0] needs"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        mc_baseline *bl = NULL;
        int rc = mc_baseline_load(&bl, "bl.json", bad[i].text, strlen(bad[i].text));
        if (rc != MC_EINVALID || strstr(mc_error_last(), bad[i].message) == NULL ||
            strncmp(mc_error_last(), "bl.json: ", 9) != 0)
            fail_msg("%s: got %d '%s'", bad[i].text, rc, mc_error_last());
        assert_null(bl);
    }
}

static void test_truncated_never_crashes(void **state)
{
    const char *text = "{\"version\": 1, \"findings\": [{\"rule\": \"MC201\", \"path\": \"a\", "
                       "\"text\": \"x\", \"count\": 3}]}";
    size_t n = strlen(text);

    (void)state;
    for (size_t len = 0; len < n; len++) {
        mc_baseline *bl = NULL;
        assert_int_equal(mc_baseline_load(&bl, "bl.json", text, len), MC_EINVALID);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_survives_line_shift),
        cmocka_unit_test(test_counts_respected),
        cmocka_unit_test(test_take_stale_prune),
        cmocka_unit_test(test_other_path_not_matched),
        cmocka_unit_test(test_evidence_entry_still_matches),
        cmocka_unit_test(test_empty_report),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_truncated_never_crashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
