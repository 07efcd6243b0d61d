/* The provenance record: Hub fields and the provenance block with their positions, the
 * model's name, and how the technical report is found. */
#include "sourceutil.h"
#include "testutil.h"

#include "record/build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_fields_and_positions(void **state)
{
    const char *text =
        "---\n"
        "license: other\n"
        "license_name: acme\n"
        "base_model:\n"
        "  - acme-ai/Base-7B\n"
        "  - other-lab/Chat-7B\n"
        "base_model_relation: merge\n"
        "provenance:\n"
        "  training: merge\n"
        "  tokenizer: {origin: extended, based_on: acme-ai/Base-7B, languages: [ko, en]}\n"
        "  components:\n"
        "    - {name: vision encoder, origin: reused, source: x/y}\n"
        "  tier: T3\n"
        "---\n"
        "# Merged 7B\n";
    mc_doc *doc = NULL;
    mc_record *rec = NULL;

    (void)state;
    assert_int_equal(mc_doc_parse(&doc, "m/README.md", text, strlen(text), MC_DOC_MARKDOWN, NULL),
                     0);
    assert_int_equal(mc_record_from_doc(&rec, NULL, doc, NULL), 0);
    assert_string_equal(rec->dir, "m");
    assert_string_equal(rec->name, "Merged 7B");
    assert_string_equal(rec->license.str, "other");
    assert_int_equal(rec->license.span.line, 2);
    assert_int_equal(rec->license.span.col, 10);
    assert_int_equal(rec->base_models.len, 2);
    assert_string_equal(rec->base_models.items[1].str, "other-lab/Chat-7B");
    assert_int_equal(rec->base_models.items[1].span.line, 6);
    assert_int_equal(rec->base_models.items[1].span.col, 5);
    assert_int_equal(rec->base_models.items[1].from, MC_FROM_HUB);
    assert_string_equal(rec->training.str, "merge");
    assert_int_equal(rec->training.from, MC_FROM_BLOCK);
    assert_int_equal(rec->training.span.line, 9);
    assert_string_equal(rec->tok_origin.str, "extended");
    assert_int_equal(rec->tok_languages.len, 2);
    assert_int_equal(rec->ncomponents, 1);
    assert_string_equal(rec->components[0].source.str, "x/y");
    assert_string_equal(rec->tier_claimed.str, "T3");
    mc_record_free(rec);
}

static void test_name_fallbacks(void **state)
{
    const char *text = "---\nlicense: mit\n---\nNo heading here.\n";
    mc_doc *doc = NULL;
    mc_record *rec = NULL;

    (void)state;
    assert_int_equal(
        mc_doc_parse(&doc, "org/tiny-7b/README.md", text, strlen(text), MC_DOC_MARKDOWN, NULL), 0);
    assert_int_equal(mc_record_from_doc(&rec, NULL, doc, NULL), 0);
    assert_string_equal(rec->name, "tiny-7b");
    mc_record_free(rec);
}

static mc_record *build(const char *dir, const char *card)
{
    mc_source *src = tu_open_dir(dir);
    mc_record *rec = NULL;

    assert_int_equal(mc_record_build(&rec, src, card), 0);
    /* the record keeps a pointer to the source: the caller frees both */
    return rec;
}

static void test_report_discovery(void **state)
{
    char *dir = tu_mkdtemp();
    mc_record *rec;
    const mc_source *src;

    (void)state;
    /* 1. named by the block */
    tu_write(dir, "a/README.md", "---\nprovenance:\n  technical_report: docs/paper.md\n---\n# A\n");
    tu_write(dir, "a/docs/paper.md", "# A: technical report\nInitialized from acme-ai/Base-7B.\n");
    /* 2. linked from the card, the link text says report */
    tu_write(dir, "b/README.md",
             "---\nlicense: mit\n---\n# B\nSee the [technical report](notes/b.md).\n");
    tu_write(dir, "b/notes/b.md", "# B report\n");
    /* 3. by name */
    tu_write(dir, "c/README.md", "---\nlicense: mit\n---\n# C\n");
    tu_write(dir, "c/TECHNICAL_REPORT.md", "# C report\n");
    /* a neighbour: a link to an ordinary document is not a report */
    tu_write(dir, "d/README.md", "---\nlicense: mit\n---\n# D\nSee [usage](USAGE.md).\n");
    tu_write(dir, "d/USAGE.md", "# Usage\n");
    /* an arXiv link counts as a linked report */
    tu_write(dir, "e/README.md",
             "---\nlicense: mit\n---\n# E\nPaper: https://arxiv.org/abs/2401.00001\n"
             "[arXiv](https://arxiv.org/abs/2401.00001)\n");

    rec = build(dir, "a/README.md");
    src = rec->src;
    assert_non_null(rec->report);
    assert_string_equal(mc_doc_path(rec->report), "a/docs/paper.md");
    /* the report's text is read for claims too */
    {
        int from_report = 0;
        for (size_t i = 0; i < rec->nclaims; i++)
            from_report |= rec->claims[i].where.from == MC_FROM_REPORT;
        assert_true(from_report);
    }
    mc_record_free(rec);
    mc_source_free((mc_source *)src);

    rec = build(dir, "b/README.md");
    src = rec->src;
    assert_non_null(rec->report);
    assert_string_equal(mc_doc_path(rec->report), "b/notes/b.md");
    assert_int_equal(rec->report_ref.span.line, 5);
    mc_record_free(rec);
    mc_source_free((mc_source *)src);

    rec = build(dir, "c/README.md");
    src = rec->src;
    assert_non_null(rec->report);
    assert_string_equal(mc_doc_path(rec->report), "c/TECHNICAL_REPORT.md");
    mc_record_free(rec);
    mc_source_free((mc_source *)src);

    rec = build(dir, "d/README.md");
    src = rec->src;
    assert_null(rec->report);
    assert_null(rec->report_url.str);
    mc_record_free(rec);
    mc_source_free((mc_source *)src);

    rec = build(dir, "e/README.md");
    src = rec->src;
    assert_null(rec->report);
    assert_non_null(rec->report_url.str);
    mc_record_free(rec);
    mc_source_free((mc_source *)src);

    tu_rmtree(dir);
    free(dir);
}

static void test_report_never_leaves_the_repository(void **state)
{
    char *dir = tu_mkdtemp();
    mc_record *rec;
    const mc_source *src;
    char sub[4200];

    (void)state;
    tu_write(dir, "outside/TECHNICAL_REPORT.md", "# secret\n");
    tu_write(dir, "repo/m/README.md",
             "---\nprovenance:\n  technical_report: ../../outside/TECHNICAL_REPORT.md\n---\n"
             "[report](../../outside/TECHNICAL_REPORT.md)\n");
    snprintf(sub, sizeof(sub), "%s/repo", dir);
    rec = build(sub, "m/README.md");
    src = rec->src;
    assert_null(rec->report);
    mc_record_free(rec);
    mc_source_free((mc_source *)src);
    tu_rmtree(dir);
    free(dir);
}

static void test_report_names(void **state)
{
    (void)state;
    assert_true(mc_is_report_name("TECHNICAL_REPORT.md"));
    assert_true(mc_is_report_name("x/Tech-Report-v2.tex"));
    assert_true(mc_is_report_name("docs/report.md"));
    assert_true(mc_is_report_name("paper/main.tex"));
    assert_true(mc_is_report_name("REPORT.md"));
    assert_false(mc_is_report_name("README.md"));
    assert_false(mc_is_report_name("docs/usage.md"));
    assert_false(mc_is_report_name("report.pdf"));
    assert_true(mc_is_card_name("a/b/MODEL_CARD.md"));
    assert_false(mc_is_card_name("a/b/readme.txt"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_and_positions),
        cmocka_unit_test(test_name_fallbacks),
        cmocka_unit_test(test_report_discovery),
        cmocka_unit_test(test_report_never_leaves_the_repository),
        cmocka_unit_test(test_report_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
