/* Inline suppressions: next-line, range, file, prefixes, and the MC9xx findings. */
#include "testutil.h"

#include "cfgtest.h"
#include "mclint/config.h"
#include "mclint/doc.h"

#include <stdlib.h>
#include <string.h>

#define CARD "m/README.md"

typedef struct {
    const char *rule;
    unsigned line;
} at;

/* Parse `text` as the card, add `n` findings to it, apply its suppressions and return the
 * remaining findings as "RULE@LINE ..." (malloc'd). */
static char *run(const char *text, const at *f, size_t n, const mc_config *cfg, mc_report **keep)
{
    mc_doc *doc = NULL;
    mc_report *r = NULL;
    mc_buf b = MC_BUF_INIT;

    assert_int_equal(mc_doc_parse(&doc, CARD, text, strlen(text), MC_DOC_MARKDOWN, NULL), 0);
    assert_int_equal(mc_report_new(&r), 0);
    for (size_t i = 0; i < n; i++) {
        mc_finding x = {0};
        size_t len = 0;
        const char *line = mc_doc_line(doc, f[i].line, &len);
        char *snip = line ? strndup(line, len) : NULL;
        x.rule = f[i].rule;
        x.name = "n";
        x.title = "t";
        x.severity = MC_SEV_WARNING;
        x.path = CARD;
        x.span.line = f[i].line;
        x.message = "m";
        x.snippet = snip;
        assert_int_equal(mc_report_add(r, &x), 0);
        free(snip);
    }
    assert_int_equal(mc_suppressions_apply(r, doc, tc_rules(), cfg), 0);
    mc_report_sort(r);
    for (size_t i = 0; i < mc_report_count(r); i++) {
        const mc_finding *x = mc_report_at(r, i);
        mc_buf_printf(&b, "%s%s@%u", i ? " " : "", x->rule, x->span.line);
    }
    mc_doc_free(doc);
    if (keep)
        *keep = r;
    else
        mc_report_free(r);
    return b.len ? mc_buf_detach(&b) : strdup("");
}

static char *summary(const char *text, const at *f, size_t n)
{
    return run(text, f, n, NULL, NULL);
}

#define CHECK(text, findings, expected)                                                            \
    do {                                                                                           \
        char *got_ = summary(text, findings, sizeof(findings) / sizeof(findings[0]));              \
        assert_string_equal(got_, expected);                                                       \
        free(got_);                                                                                \
    } while (0)

static const char *message_of(const mc_report *r, const char *rule)
{
    for (size_t i = 0; i < mc_report_count(r); i++)
        if (!strcmp(mc_report_at(r, i)->rule, rule))
            return mc_report_at(r, i)->message;
    return NULL;
}

static void test_next_line(void **state)
{
    const char *card = "---\nlicense: mit\n---\n# Tiny-7B\n"
                       "<!-- mclint-disable-next-line MC104 -- the base model is internal -->\n"
                       "\n"
                       "Fine-tuned from an in-house model.\n"
                       "Trained on 1T tokens.\n";
    const at f[] = {{"MC104", 7}, {"MC104", 8}, {"MC101", 7}};

    (void)state;
    /* the blank line is skipped; only MC104 on line 7 goes */
    CHECK(card, f, "MC101@7 MC104@8");
}

static void test_next_line_without_reason(void **state)
{
    const char *card = "---\nlicense: mit\n---\n# Tiny-7B\n"
                       "<!-- mclint-disable-next-line MC104 -->\n"
                       "Fine-tuned from an in-house model.\n";
    const char *card2 = "---\nlicense: mit\n---\n# Tiny-7B\n"
                        "<!-- mclint-disable-next-line MC104 --   -->\n"
                        "Fine-tuned from an in-house model.\n";
    const at f[] = {{"MC104", 6}};
    mc_report *r = NULL;
    char *s;

    (void)state;
    s = run(card, f, 1, NULL, &r);
    assert_string_equal(s, "MC901@5 MC104@6");
    assert_non_null(strstr(message_of(r, "MC901"), "without a reason"));
    free(s);
    mc_report_free(r);
    CHECK(card2, f, "MC901@5 MC104@6");
}

static void test_multiline_comment_and_stacking(void **state)
{
    const char *card = "# Tiny-7B\n"
                       "<!-- mclint-disable-next-line MC104 --\n"
                       "     the base model is internal -->\n"
                       "<!-- mclint-disable-next-line MC201 -- declared elsewhere -->\n"
                       "Fine-tuned from an in-house model.\n";
    const at f[] = {{"MC104", 5}, {"MC201", 5}, {"MC202", 5}};

    (void)state;
    CHECK(card, f, "MC202@5");
}

static void test_range(void **state)
{
    const char *card = "# Tiny-7B\n"
                       "\n"
                       "<!-- mclint-disable MC101,MC102 -- migrated card, fixed in #12 -->\n"
                       "a\n"
                       "b\n"
                       "<!-- mclint-enable MC101 -->\n"
                       "c\n"
                       "d\n";
    const at f[] = {{"MC101", 4}, {"MC102", 5}, {"MC101", 7},
                    {"MC102", 8}, {"MC101", 1}, {"MC101", 0}};

    (void)state;
    /* MC102 is never enabled again: to the end of the file; line 0 is not in a range */
    CHECK(card, f, "MC101@0 MC101@1 MC101@7");
}

static void test_enable_without_disable(void **state)
{
    const char *card = "# Tiny-7B\n"
                       "<!-- mclint-enable MC101 -->\n"
                       "a\n";
    const at f[] = {{"MC101", 3}};
    mc_report *r = NULL;
    char *s;

    (void)state;
    s = run(card, f, 1, NULL, &r);
    assert_string_equal(s, "MC902@2 MC101@3");
    assert_string_equal(message_of(r, "MC902"),
                        "mclint-enable MC101 without a matching mclint-disable");
    free(s);
    mc_report_free(r);
}

static void test_file(void **state)
{
    const char *card = "---\nlicense: mit\n---\n# Tiny-7B\ntext\n"
                       "<!-- mclint-disable-file MC2 -- generated from the registry -->\n";
    const at f[] = {{"MC201", 2}, {"MC202", 0}, {"MC101", 0}, {"MC101", 5}};
    const char *range = "# T\n<!-- mclint-disable -- everything below is vendored -->\nx\n";
    const at g[] = {{"MC101", 0}, {"MC101", 3}};

    (void)state;
    CHECK(card, f, "MC101@0 MC101@5");
    /* no rule named: all rules, but a range never covers whole-file findings */
    CHECK(range, g, "MC101@0");
}

static void test_prefix(void **state)
{
    const char *card = "# T\n<!-- mclint-disable-next-line MC1 -- legacy card -->\nline\n";
    const at f[] = {{"MC101", 3}, {"MC104", 3}, {"MC201", 3}};

    (void)state;
    CHECK(card, f, "MC201@3");
}

static void test_unused(void **state)
{
    const char *card = "# T\n"
                       "<!-- mclint-disable-next-line MC101, MC104 -- old exception -->\n"
                       "line\n";
    const at f[] = {{"MC101", 3}};
    const at none[] = {{"MC101", 1}};
    mc_report *r = NULL;
    char *s;

    (void)state;
    s = run(card, f, 1, NULL, &r);
    assert_string_equal(s, "MC902@2");
    assert_string_equal(message_of(r, "MC902"), "unused suppression: MC104 suppressed nothing");
    assert_string_equal(mc_report_at(r, 0)->snippet,
                        "<!-- mclint-disable-next-line MC101, MC104 -- old exception -->");
    free(s);
    mc_report_free(r);
    CHECK(card, none, "MC101@1 MC902@2");
}

static void test_unknown(void **state)
{
    const char *typo = "# T\n<!-- mclint-disable-next-line MC1O4 -- internal base -->\nline\n";
    const char *mixed = "# T\n<!-- mclint-disable-next-line MC104 MC999 -- internal -->\nline\n";
    const char *directive = "# T\n<!-- mclint-disabled MC104 -- internal -->\nline\n";
    const char *not_ours = "# T\n<!-- mclint is run in CI -->\n<!-- a note -->\nline\n";
    const char *meta = "# T\n<!-- mclint-disable-file MC903 -- old pragmas kept -->\n"
                       "<!-- mclint-disable-next-line MC777 -- x -->\nline\n";
    const at f[] = {{"MC104", 3}};
    const at g[] = {{"MC104", 4}};
    mc_report *r = NULL;
    char *s;

    (void)state;
    s = run(typo, f, 1, NULL, &r);
    assert_string_equal(s, "MC903@2 MC104@3");
    assert_string_equal(message_of(r, "MC903"), "unknown rule 'MC1O4' in suppression");
    free(s);
    mc_report_free(r);
    CHECK(mixed, f, "MC903@2");
    s = run(directive, f, 1, NULL, &r);
    assert_string_equal(s, "MC903@2 MC104@3");
    assert_string_equal(message_of(r, "MC903"), "unknown mclint directive 'mclint-disabled'");
    free(s);
    mc_report_free(r);
    CHECK(not_ours, g, "MC104@4");
    /* MC903 suppressed for the whole file; MC777's line-4 suppression suppressed nothing,
     * but it names no valid rule, so only MC104 remains */
    CHECK(meta, g, "MC104@4");
    /* a comment does not suppress the findings about itself (its ALL is used by MC104) */
    CHECK("# T\n<!-- mclint-disable-file ALL MC999 -- vendored -->\nline\n", f, "MC903@2");
}

/* The MC9 findings take their name, title, severity and message from the rule catalogue
 * the suppressions are applied with, and from the built-in one without a catalogue. */
static void test_catalogue_texts(void **state)
{
    static const char rules[] = "family: MC9\ntitle: test\nrules:\n"
                                "  - id: MC903\n    name: bad-pragma\n    severity: error\n"
                                "    check: none\n    title: Custom title\n"
                                "    message: \"not a rule: {rule}\"\n    rationale: r\n";
    const char *typo = "# T\n<!-- mclint-disable-next-line MC1O4 -- internal base -->\nline\n";
    mc_rules *custom = NULL;
    mc_doc *doc = NULL;
    mc_report *r = NULL;
    const mc_finding *f;
    const mc_rule *builtin = mc_rules_find(mc_rules_builtin(), "MC902");

    (void)state;
    assert_int_equal(mc_rules_load(&custom, NULL, "custom.yaml", rules, strlen(rules)), 0);
    assert_int_equal(mc_doc_parse(&doc, CARD, typo, strlen(typo), MC_DOC_MARKDOWN, NULL), 0);
    assert_int_equal(mc_report_new(&r), 0);
    assert_int_equal(mc_suppressions_apply(r, doc, custom, NULL), 0);
    assert_int_equal(mc_report_count(r), 1);
    f = mc_report_at(r, 0);
    assert_string_equal(f->message, "not a rule: MC1O4");
    assert_string_equal(f->title, "Custom title");
    assert_string_equal(f->name, "bad-pragma");
    assert_int_equal(f->severity, MC_SEV_ERROR);
    mc_report_free(r);
    /* no catalogue (any id is taken): the built-in rule's texts for the unused suppression */
    assert_non_null(builtin);
    assert_int_equal(mc_report_new(&r), 0);
    assert_int_equal(mc_suppressions_apply(r, doc, NULL, NULL), 0);
    assert_int_equal(mc_report_count(r), 1);
    f = mc_report_at(r, 0);
    assert_string_equal(f->rule, "MC902");
    assert_string_equal(f->message, "unused suppression: MC1O4 suppressed nothing");
    assert_string_equal(f->title, builtin->title);
    assert_string_equal(f->name, builtin->name);
    assert_int_equal(f->severity, builtin->severity);
    mc_report_free(r);
    mc_doc_free(doc);
    mc_rules_free(custom);
}

static void test_other_files_and_config(void **state)
{
    const char *card = "# T\n<!-- mclint-disable-file ALL -- vendored -->\nline\n";
    const at f[] = {{"MC101", 3}};
    mc_doc *doc = NULL;
    mc_report *r = NULL;
    mc_finding x = {0};
    mc_config *cfg = NULL;
    const char *yml = "no_inline_config: true\n";
    char *s;

    (void)state;
    assert_int_equal(mc_doc_parse(&doc, CARD, card, strlen(card), MC_DOC_MARKDOWN, NULL), 0);
    assert_int_equal(mc_report_new(&r), 0);
    x.rule = "MC101";
    x.path = "other/README.md";
    x.span.line = 3;
    x.message = "m";
    assert_int_equal(mc_report_add(r, &x), 0);
    assert_int_equal(mc_suppressions_apply(r, doc, tc_rules(), NULL), 0);
    /* the other file's finding stays; the unused file suppression is reported */
    assert_int_equal(mc_report_count(r), 2);
    mc_report_free(r);
    mc_doc_free(doc);

    assert_int_equal(mc_config_parse(&cfg, ".mclint.yaml", "", yml, strlen(yml), tc_rules()), 0);
    s = run(card, f, 1, cfg, NULL);
    assert_string_equal(s, "MC101@3"); /* pragmas off: nothing suppressed, nothing reported */
    free(s);
    mc_config_free(cfg);
}

/* YAML comments in the front matter: disable-line on a key's line, disable-next-line on its
 * own line before a key; each covers the whole entry of that key. */
static void test_yaml_comments(void **state)
{
    const char *card =
        "---\n"
        "license: mit  # mclint-disable-line MC101 -- licence granted by mail\n" /* 2 */
        "# mclint-disable-next-line MC105 -- the bases are internal\n"           /* 3 */
        "# an ordinary comment\n"                                                /* 4 */
        "base_model:\n"                                                          /* 5 */
        "  - Base-7B\n"                                                          /* 6 */
        "  - Other\n"                                                            /* 7 */
        "model_name: tiny\n"                                                     /* 8 */
        "---\n"
        "# Tiny-7B\n";
    const at f[] = {{"MC101", 2}, {"MC102", 2}, {"MC105", 5}, {"MC105", 6},
                    {"MC105", 7}, {"MC105", 8}, {"MC101", 10}};

    (void)state;
    /* MC101 only on its line, MC105 on every line of base_model, not on the next key */
    CHECK(card, f, "MC102@2 MC105@8 MC101@10");
}

/* The close neighbours: a "#" inside a quoted or block scalar, or glued to a word, is not
 * a comment; without a reason the suppression is not applied; one that suppresses nothing
 * is reported. */
static void test_yaml_comment_neighbours(void **state)
{
    const char *card = "---\n"
                       "license: \"mit # mclint-disable-line MC101 -- quoted\"\n"    /* 2 */
                       "model_name: 'a # mclint-disable-line MC105 -- quoted'\n"     /* 3 */
                       "description: |\n"                                            /* 4 */
                       "  text # mclint-disable-line MC102 -- in a block scalar\n"   /* 5 */
                       "base_model: x#mclint-disable-line MC105 -- glued\n"          /* 6 */
                       "pipeline_tag: text # mclint-disable-line MC104\n"            /* 7 */
                       "library_name: y # mclint-disable-line MC201 -- not needed\n" /* 8 */
                       "---\n";
    const at f[] = {{"MC101", 2}, {"MC105", 3}, {"MC102", 5}, {"MC105", 6}, {"MC104", 7}};
    mc_report *r = NULL;
    char *s;

    (void)state;
    s = run(card, f, 5, NULL, &r);
    assert_string_equal(s, "MC101@2 MC105@3 MC102@5 MC105@6 MC104@7 MC901@7 MC902@8");
    assert_non_null(strstr(message_of(r, "MC901"), "write # mclint-disable-line RULE -- why"));
    free(s);
    mc_report_free(r);
}

/* A rule the configuration turns off is not run, so a suppression naming it is not
 * reported as unused; another unused one still is. */
static void test_unused_for_disabled_rule(void **state)
{
    const char *card = "# T\n<!-- mclint-disable-next-line MC104 -- internal -->\nline\n"
                       "<!-- mclint-disable-next-line MC105 -- internal -->\nline\n";
    const char *yml = "ignore: [MC104]\n";
    mc_config *cfg = NULL;
    char *s;

    (void)state;
    assert_int_equal(mc_config_parse(&cfg, ".mclint.yaml", "", yml, strlen(yml), tc_rules()), 0);
    s = run(card, NULL, 0, cfg, NULL);
    assert_string_equal(s, "MC902@4");
    free(s);
    mc_config_free(cfg);
}

static int teardown(void **state)
{
    (void)state;
    tc_rules_free();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_line),
        cmocka_unit_test(test_next_line_without_reason),
        cmocka_unit_test(test_multiline_comment_and_stacking),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_enable_without_disable),
        cmocka_unit_test(test_file),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_unused),
        cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_catalogue_texts),
        cmocka_unit_test(test_other_files_and_config),
        cmocka_unit_test(test_yaml_comments),
        cmocka_unit_test(test_yaml_comment_neighbours),
        cmocka_unit_test(test_unused_for_disabled_rule),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
