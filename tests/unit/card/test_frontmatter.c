/* Front matter found as the Hub finds it; lines, line endings, BOM, binary input. */
#include "testutil.h"

#include "mclint/doc.h"

#include <stdlib.h>
#include <string.h>

static mc_doc *parse_len(const char *text, size_t len)
{
    mc_doc *doc = NULL;

    assert_int_equal(mc_doc_parse(&doc, "README.md", text, len, MC_DOC_MARKDOWN, NULL), 0);
    assert_non_null(doc);
    return doc;
}

static mc_doc *parse(const char *text)
{
    return parse_len(text, strlen(text));
}

static const char *yaml_str(const mc_doc *doc, const char *key)
{
    return mc_ynode_str(mc_ynode_get(mc_yaml_root(mc_doc_yaml(doc)), key));
}

static void test_basic(void **state)
{
    mc_doc *doc = parse("---\nlicense: mit\nbase_model: acme-ai/Tiny-7B\n---\n\n# Tiny\n");
    mc_span s;
    const mc_ynode *k;

    (void)state;
    assert_true(mc_doc_has_front_matter(doc));
    assert_false(mc_doc_front_matter_unclosed(doc));
    s = mc_doc_front_matter_span(doc);
    assert_int_equal(s.line, 1);
    assert_int_equal(s.end_line, 4);
    assert_int_equal(s.end_col, 4);
    assert_string_equal(yaml_str(doc, "license"), "mit");
    k = mc_ynode_get_key(mc_yaml_root(mc_doc_yaml(doc)), "base_model");
    assert_int_equal(mc_ynode_span(k).line, 3);
    assert_int_equal(mc_ynode_span(mc_ynode_get(mc_yaml_root(mc_doc_yaml(doc)), "base_model")).col,
                     13);
    assert_int_equal(mc_doc_line_count(doc), 6);
    for (unsigned l = 1; l <= 4; l++)
        assert_int_equal(mc_doc_line_kind(doc, l), MC_LINE_FRONT_MATTER);
    assert_int_equal(mc_doc_line_kind(doc, 5), MC_LINE_BLANK);
    assert_int_equal(mc_doc_line_kind(doc, 6), MC_LINE_HEADING);
    assert_int_equal(mc_doc_heading_count(doc), 1);
    assert_int_equal(mc_doc_heading_at(doc, 0)->line, 6);
    assert_false(mc_doc_is_crlf(doc));
    assert_false(mc_doc_has_bom(doc));
    assert_true(mc_doc_is_utf8(doc));
    mc_doc_free(doc);
}

static void test_blank_lines_before(void **state)
{
    mc_doc *doc = parse("\n\n  \n---\nlicense: mit\n---\nbody\n");

    (void)state;
    assert_true(mc_doc_has_front_matter(doc));
    assert_int_equal(mc_doc_front_matter_span(doc).line, 4);
    assert_int_equal(mc_doc_front_matter_span(doc).end_line, 6);
    assert_int_equal(mc_ynode_span(mc_ynode_get(mc_yaml_root(mc_doc_yaml(doc)), "license")).line,
                     5);
    assert_int_equal(mc_doc_line_kind(doc, 1), MC_LINE_BLANK);
    assert_int_equal(mc_doc_line_kind(doc, 3), MC_LINE_BLANK);
    assert_int_equal(mc_doc_line_kind(doc, 4), MC_LINE_FRONT_MATTER);
    assert_int_equal(mc_doc_line_kind(doc, 7), MC_LINE_TEXT);
    mc_doc_free(doc);

    /* text before the block: no front matter at all */
    doc = parse("Intro\n---\nlicense: mit\n---\n");
    assert_false(mc_doc_has_front_matter(doc));
    assert_false(mc_doc_front_matter_unclosed(doc));
    assert_null(mc_doc_yaml(doc));
    mc_doc_free(doc);
}

static void test_crlf_and_bom(void **state)
{
    mc_doc *doc = parse("\xEF\xBB\xBF---\r\nlicense: apache-2.0\r\ntags:\r\n- x\r\n---\r\n"
                        "# T\xC3\xADtulo\r\nsee [a](https://example.com/a)\r\n");
    const mc_link *l;
    size_t len;

    (void)state;
    assert_true(mc_doc_has_bom(doc));
    assert_true(mc_doc_is_crlf(doc));
    assert_true(mc_doc_has_front_matter(doc));
    assert_string_equal(yaml_str(doc, "license"), "apache-2.0");
    assert_int_equal(mc_ynode_span(mc_ynode_get(mc_yaml_root(mc_doc_yaml(doc)), "tags")).line, 4);
    assert_int_equal(mc_doc_line_count(doc), 7);
    assert_string_equal(mc_doc_line(doc, 2, &len), "license: apache-2.0");
    assert_int_equal(len, 19);
    assert_string_equal(mc_doc_heading_at(doc, 0)->text, "T\xC3\xADtulo");
    assert_int_equal(mc_doc_heading_at(doc, 0)->line, 6);
    l = mc_doc_link_at(doc, 0);
    assert_non_null(l);
    assert_int_equal(l->line, 7);
    assert_int_equal(l->col, 9);
    assert_string_equal(mc_doc_text(doc, &len),
                        "---\r\nlicense: apache-2.0\r\ntags:\r\n- x\r\n---"
                        "\r\n# T\xC3\xADtulo\r\nsee [a](https://example.com/a)\r\n");
    mc_doc_free(doc);
}

static void test_lone_cr(void **state)
{
    /* a lone CR opens the block, but a CR-ended "---" only closes at the end of the file */
    mc_doc *doc = parse("---\rlicense: mit\r---\rbody\r");

    (void)state;
    assert_int_equal(mc_doc_line_count(doc), 4);
    assert_false(mc_doc_has_front_matter(doc));
    assert_true(mc_doc_front_matter_unclosed(doc));
    mc_doc_free(doc);

    doc = parse("---\rlicense: mit\r---");
    assert_true(mc_doc_has_front_matter(doc));
    assert_string_equal(yaml_str(doc, "license"), "mit");
    assert_int_equal(mc_ynode_span(mc_ynode_get(mc_yaml_root(mc_doc_yaml(doc)), "license")).line,
                     2);
    assert_int_equal(mc_doc_front_matter_span(doc).end_line, 3);
    mc_doc_free(doc);
}

static void test_dashes_in_body(void **state)
{
    mc_doc *doc = parse("# Card\n\n---\nlicense: mit\n---\n");

    (void)state;
    assert_false(mc_doc_has_front_matter(doc));
    assert_false(mc_doc_front_matter_unclosed(doc));
    assert_int_equal(mc_doc_line_kind(doc, 3), MC_LINE_TEXT);
    mc_doc_free(doc);

    /* "---" with trailing text does not close; the next one does */
    doc = parse("---\na: 1\n--- x\n---  \nbody\n");
    assert_true(mc_doc_has_front_matter(doc));
    assert_int_equal(mc_doc_front_matter_span(doc).end_line, 4);
    assert_int_equal(mc_doc_front_matter_span(doc).end_col, 6);
    assert_int_equal(mc_doc_line_kind(doc, 5), MC_LINE_TEXT);
    mc_doc_free(doc);

    /* an opening "--- " (trailing blank) is not an opening */
    doc = parse("--- \na: 1\n---\n");
    assert_false(mc_doc_has_front_matter(doc));
    assert_false(mc_doc_front_matter_unclosed(doc));
    mc_doc_free(doc);
}

static void test_unclosed(void **state)
{
    mc_doc *doc = parse("---\nlicense: mit\n# Title\n");

    (void)state;
    assert_false(mc_doc_has_front_matter(doc));
    assert_true(mc_doc_front_matter_unclosed(doc));
    assert_null(mc_doc_yaml(doc));
    assert_int_equal(mc_doc_front_matter_span(doc).line, 0);
    assert_int_equal(mc_doc_line_kind(doc, 3), MC_LINE_HEADING);
    mc_doc_free(doc);
}

static void test_empty_front_matter(void **state)
{
    mc_doc *doc = parse("---\n\n---\n# T\n");

    (void)state;
    assert_true(mc_doc_has_front_matter(doc));
    assert_non_null(mc_doc_yaml(doc));
    assert_null(mc_yaml_root(mc_doc_yaml(doc)));
    assert_int_equal(mc_yaml_diag_count(mc_doc_yaml(doc)), 0);
    assert_int_equal(mc_doc_heading_at(doc, 0)->line, 4);
    mc_doc_free(doc);

    /* CRLF "---" twice: an empty block, as the Hub's regex reads it */
    doc = parse("---\r\n---\r\n# T\r\n");
    assert_true(mc_doc_has_front_matter(doc));
    assert_null(mc_yaml_root(mc_doc_yaml(doc)));
    assert_int_equal(mc_doc_front_matter_span(doc).end_line, 2);
    assert_int_equal(mc_doc_heading_at(doc, 0)->line, 3);
    mc_doc_free(doc);

    /* LF "---" twice: the regex finds no block */
    doc = parse("---\n---\n# T\n");
    assert_false(mc_doc_has_front_matter(doc));
    assert_true(mc_doc_front_matter_unclosed(doc));
    mc_doc_free(doc);
}

static void test_not_a_mapping(void **state)
{
    mc_doc *doc = parse("---\n- a\n- b\n---\n");

    (void)state;
    assert_true(mc_doc_has_front_matter(doc));
    assert_int_equal(mc_ynode_kind_of(mc_yaml_root(mc_doc_yaml(doc))), MC_YNODE_SEQ);
    mc_doc_free(doc);
    doc = parse("---\njust text\n---\n");
    assert_int_equal(mc_ynode_kind_of(mc_yaml_root(mc_doc_yaml(doc))), MC_YNODE_SCALAR);
    mc_doc_free(doc);
}

static void test_yaml_error_lines(void **state)
{
    mc_doc *doc = parse("\n---\nlicense: mit\nbase_model: [a\n---\n");
    const mc_ydiag *d;

    (void)state;
    assert_true(mc_doc_has_front_matter(doc));
    d = mc_yaml_syntax_error(mc_doc_yaml(doc));
    assert_non_null(d);
    assert_true(d->span.line >= 4 && d->span.line <= 5);
    mc_doc_free(doc);
}

static void test_binary_and_limits(void **state)
{
    static const char bin[] = "---\nlicense: mit\n---\n\0\x01\x02";
    mc_doc *doc;
    mc_doc_options opts;

    (void)state;
    doc = parse_len(bin, sizeof(bin) - 1);
    assert_true(mc_doc_is_binary(doc));
    assert_int_equal(mc_doc_line_count(doc), 0);
    assert_false(mc_doc_has_front_matter(doc));
    assert_null(mc_doc_line(doc, 1, NULL));
    mc_doc_free(doc);

    memset(&opts, 0, sizeof(opts));
    opts.max_bytes = 10;
    assert_int_equal(mc_doc_parse(&doc, "a.md", "0123456789x", 11, MC_DOC_MARKDOWN, &opts),
                     MC_ETOOBIG);
    assert_null(doc);
    assert_int_equal(mc_doc_parse(&doc, "a.md", "0123456789", 10, MC_DOC_MARKDOWN, &opts), 0);
    assert_false(mc_doc_is_binary(doc));
    mc_doc_free(doc);

    /* a NUL after the first 8000 bytes: text */
    {
        char *big = malloc(9000);
        memset(big, 'a', 9000);
        big[8500] = '\0';
        doc = parse_len(big, 9000);
        assert_false(mc_doc_is_binary(doc));
        assert_int_equal(mc_doc_line_count(doc), 1);
        mc_doc_free(doc);
        free(big);
    }
}

static void test_invalid_utf8(void **state)
{
    mc_doc *doc = parse("---\nlicense: caf\xE9\n---\n# Caf\xE9\n");

    (void)state;
    assert_false(mc_doc_is_utf8(doc));
    assert_true(mc_doc_has_front_matter(doc));
    assert_non_null(mc_yaml_syntax_error(mc_doc_yaml(doc)));
    assert_int_equal(mc_yaml_syntax_error(mc_doc_yaml(doc))->span.line, 2);
    assert_int_equal(mc_doc_heading_count(doc), 1);
    mc_doc_free(doc);
}

static void test_lines(void **state)
{
    mc_doc *doc = parse("a\nb\r\nc\rd");
    size_t len;

    (void)state;
    assert_int_equal(mc_doc_line_count(doc), 4);
    assert_string_equal(mc_doc_line(doc, 3, &len), "c");
    assert_string_equal(mc_doc_line(doc, 4, &len), "d");
    assert_null(mc_doc_line(doc, 5, &len));
    assert_null(mc_doc_line(doc, 0, &len));
    mc_doc_free(doc);

    doc = parse("");
    assert_int_equal(mc_doc_line_count(doc), 0);
    assert_false(mc_doc_has_front_matter(doc));
    mc_doc_free(doc);

    doc = parse("\n\n");
    assert_int_equal(mc_doc_line_count(doc), 2);
    mc_doc_free(doc);
}

/* Every prefix of a card parses without crashing or leaking. */
static void test_truncations(void **state)
{
    const char *text = "\xEF\xBB\xBF\r\n---\r\nlicense: mit\r\nbase_model: &b [x, *b]\r\n---\r\n"
                       "# T\r\n<!-- a\r\n-->\r\n| a | b |\r\n|---|---|\r\n| [x](y) | 2 |\r\n"
                       "```\r\n---\r\n";
    size_t n = strlen(text);

    (void)state;
    for (size_t i = 0; i <= n; i++) {
        mc_doc *doc;
        assert_int_equal(mc_doc_parse(&doc, "x.md", text, i, MC_DOC_MARKDOWN, NULL), 0);
        for (unsigned l = 1; l <= mc_doc_line_count(doc); l++)
            (void)mc_doc_section_of(doc, l);
        mc_doc_free(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_blank_lines_before),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_lone_cr),
        cmocka_unit_test(test_dashes_in_body),
        cmocka_unit_test(test_unclosed),
        cmocka_unit_test(test_empty_front_matter),
        cmocka_unit_test(test_not_a_mapping),
        cmocka_unit_test(test_yaml_error_lines),
        cmocka_unit_test(test_binary_and_limits),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_truncations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
