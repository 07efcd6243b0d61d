/* The Markdown body: line kinds, headings, links, HTML comments; plain-text reports. */
#include "testutil.h"

#include "mclint/doc.h"

#include <string.h>

static mc_doc *parse_kind(const char *path, const char *text, mc_doc_kind kind)
{
    mc_doc *doc = NULL;

    assert_int_equal(mc_doc_parse(&doc, path, text, strlen(text), kind, NULL), 0);
    assert_non_null(doc);
    return doc;
}

static mc_doc *parse(const char *text)
{
    return parse_kind("README.md", text, MC_DOC_MARKDOWN);
}

static void assert_kinds(const mc_doc *doc, const char *expect)
{
    /* one letter per line: F front matter, T text, H heading, B table, C code, M html, _ blank */
    static const char letters[] = "_FTHBCM";

    assert_int_equal(mc_doc_line_count(doc), strlen(expect));
    for (unsigned l = 1; l <= mc_doc_line_count(doc); l++) {
        char got = letters[mc_doc_line_kind(doc, l)];
        if (got != expect[l - 1])
            fail_msg("line %u: kind %c, expected %c", l, got, expect[l - 1]);
    }
}

static void test_line_kinds(void **state)
{
    mc_doc *doc = parse("---\n"
                        "license: mit\n"
                        "---\n"
                        "# Tiny-7B\n"
                        "\n"
                        "Some text\n"
                        "over two lines.\n"
                        "\n"
                        "| Model | Params |\n"
                        "|-------|--------|\n"
                        "| Tiny  | 7B     |\n"
                        "\n"
                        "```yaml\n"
                        "---\n"
                        "# not a heading\n"
                        "\n"
                        "```\n"
                        "\n"
                        "<div align=\"center\">\n"
                        "<img src=\"x.png\">\n"
                        "</div>\n"
                        "\n"
                        "- item one\n"
                        "- item two\n"
                        "\n"
                        "> quoted\n"
                        "\n"
                        "    indented code\n"
                        "Setext\n"
                        "======\n");

    (void)state;
    assert_kinds(doc, "FFFH_TT_BBB_CCCCC_MMM_TT_T_CHH");
    assert_int_equal(mc_doc_heading_count(doc), 2);
    assert_string_equal(mc_doc_heading_at(doc, 0)->text, "Tiny-7B");
    assert_int_equal(mc_doc_heading_at(doc, 0)->level, 1);
    assert_int_equal(mc_doc_heading_at(doc, 1)->line, 29);
    assert_string_equal(mc_doc_heading_at(doc, 1)->text, "Setext");
    mc_doc_free(doc);
}

static void test_headings_and_sections(void **state)
{
    mc_doc *doc = parse("intro\n"
                        "## Model *Details*\n"
                        "text\n"
                        "### Training `data`\n"
                        "more\n"
                        "#not a heading\n");
    const mc_heading *h;

    (void)state;
    assert_int_equal(mc_doc_heading_count(doc), 2);
    h = mc_doc_heading_at(doc, 0);
    assert_int_equal(h->level, 2);
    assert_string_equal(h->text, "Model Details");
    assert_string_equal(mc_doc_heading_at(doc, 1)->text, "Training data");
    assert_null(mc_doc_section_of(doc, 1));
    assert_ptr_equal(mc_doc_section_of(doc, 2), h);
    assert_ptr_equal(mc_doc_section_of(doc, 3), h);
    assert_ptr_equal(mc_doc_section_of(doc, 5), mc_doc_heading_at(doc, 1));
    assert_ptr_equal(mc_doc_section_of(doc, 100), mc_doc_heading_at(doc, 1));
    assert_int_equal(mc_doc_line_kind(doc, 6), MC_LINE_TEXT);
    mc_doc_free(doc);
}

static void test_comments(void **state)
{
    mc_doc *doc = parse("---\n"
                        "a: 1\n"
                        "---\n"
                        "<!-- mclint-disable MC101 -->\n"
                        "\n"
                        "<!--\n"
                        "  multi\n"
                        "  line -->\n"
                        "\n"
                        "Text <!-- inline --> and `<!-- code -->` <!-- two\n"
                        "lines --> end.\n"
                        "\n"
                        "```\n"
                        "<!-- in code -->\n"
                        "```\n"
                        "<!-- a --> <!--b-->\n");
    const mc_comment *c;

    (void)state;
    assert_int_equal(mc_doc_comment_count(doc), 6);
    c = mc_doc_comment_at(doc, 0);
    assert_string_equal(c->text, "mclint-disable MC101");
    assert_int_equal(c->span.line, 4);
    assert_int_equal(c->span.col, 1);
    assert_int_equal(c->span.end_line, 4);
    assert_int_equal(c->span.end_col, 30);
    c = mc_doc_comment_at(doc, 1);
    assert_string_equal(c->text, "multi\n  line");
    assert_int_equal(c->span.line, 6);
    assert_int_equal(c->span.end_line, 8);
    assert_int_equal(c->span.end_col, 11);
    c = mc_doc_comment_at(doc, 2);
    assert_string_equal(c->text, "inline");
    assert_int_equal(c->span.line, 10);
    assert_int_equal(c->span.col, 6);
    assert_int_equal(c->span.end_col, 21);
    c = mc_doc_comment_at(doc, 3);
    assert_string_equal(c->text, "two\nlines");
    assert_int_equal(c->span.line, 10);
    assert_int_equal(c->span.col, 42);
    assert_int_equal(c->span.end_line, 11);
    assert_int_equal(c->span.end_col, 10);
    c = mc_doc_comment_at(doc, 4);
    assert_string_equal(c->text, "a");
    assert_int_equal(c->span.line, 16);
    c = mc_doc_comment_at(doc, 5);
    assert_string_equal(c->text, "b");
    assert_int_equal(c->span.col, 12);
    assert_int_equal(c->span.end_col, 20);
    assert_int_equal(mc_doc_line_kind(doc, 14), MC_LINE_CODE);
    mc_doc_free(doc);

    /* an unclosed comment is not a comment */
    doc = parse("<!-- never closed\n\ntext\n");
    assert_int_equal(mc_doc_comment_count(doc), 0);
    mc_doc_free(doc);
}

static void test_links(void **state)
{
    mc_doc *doc = parse("# Links\n"
                        "Base: [Tiny **7B**](https://example.com/acme-ai/Tiny-7B) and "
                        "[again](https://example.com/acme-ai/Tiny-7B).\n"
                        "Auto <https://example.com/auto> and [ref][r] and [x]( y.md ).\n"
                        "\n"
                        "| [c\xC3\xA9ll](cell.md) | b |\n"
                        "|---|---|\n"
                        "| 1 | [row](row.md) |\n"
                        "\n"
                        "Mail <someone@example.com>, a [span\n"
                        "over lines](span.md).\n"
                        "\n"
                        "[r]: https://example.com/ref\n"
                        "`[not](a-link.md)`\n");
    const mc_link *l;

    (void)state;
    assert_int_equal(mc_doc_link_count(doc), 9);
    l = mc_doc_link_at(doc, 0);
    assert_string_equal(l->url, "https://example.com/acme-ai/Tiny-7B");
    assert_string_equal(l->text, "Tiny 7B");
    assert_int_equal(l->line, 2);
    assert_int_equal(l->col, 21);
    l = mc_doc_link_at(doc, 1);
    assert_int_equal(l->line, 2);
    assert_int_equal(l->col, 70);
    l = mc_doc_link_at(doc, 2);
    assert_string_equal(l->url, "https://example.com/auto");
    assert_int_equal(l->line, 3);
    assert_int_equal(l->col, 7);
    l = mc_doc_link_at(doc, 3);
    assert_string_equal(l->url, "https://example.com/ref");
    assert_string_equal(l->text, "ref");
    assert_int_equal(l->line, 3);
    assert_int_equal(l->col, 37);
    l = mc_doc_link_at(doc, 4);
    assert_string_equal(l->url, "y.md");
    assert_int_equal(l->col, 55);
    l = mc_doc_link_at(doc, 5);
    assert_string_equal(l->url, "cell.md");
    assert_int_equal(l->line, 5);
    assert_int_equal(l->col, 10);
    l = mc_doc_link_at(doc, 6);
    assert_string_equal(l->url, "row.md");
    assert_int_equal(l->line, 7);
    assert_int_equal(l->col, 13);
    l = mc_doc_link_at(doc, 7);
    assert_string_equal(l->url, "mailto:someone@example.com");
    assert_int_equal(l->line, 9);
    assert_int_equal(l->col, 7);
    l = mc_doc_link_at(doc, 8);
    assert_string_equal(l->text, "span over lines");
    assert_int_equal(l->line, 10);
    assert_int_equal(l->col, 13);
    mc_doc_free(doc);
}

static void test_link_not_found_stays_in_block(void **state)
{
    /* an escaped destination is not written as cmark returns it: the block start is used */
    mc_doc *doc = parse("para\n\n  x [a](a\\_b.md)\n  y\n");
    const mc_link *l;

    (void)state;
    assert_int_equal(mc_doc_link_count(doc), 1);
    l = mc_doc_link_at(doc, 0);
    assert_string_equal(l->url, "a_b.md");
    assert_int_equal(l->line, 3);
    mc_doc_free(doc);
}

static void test_link_forms(void **state)
{
    mc_doc *doc = parse("See [wiki](https://example.com/w-\\(4-bit\\)) and [next](\n"
                        "  https://example.com/next) and [**Tiny** 7B][t].\n"
                        "\n"
                        "[t]: https://example.com/t\n");
    const mc_link *l;

    (void)state;
    assert_int_equal(mc_doc_link_count(doc), 3);
    l = mc_doc_link_at(doc, 0);
    assert_string_equal(l->url, "https://example.com/w-(4-bit)");
    assert_int_equal(l->line, 1);
    assert_int_equal(l->col, 12);
    l = mc_doc_link_at(doc, 1);
    assert_string_equal(l->url, "https://example.com/next");
    assert_int_equal(l->line, 2);
    assert_int_equal(l->col, 3);
    l = mc_doc_link_at(doc, 2);
    assert_string_equal(l->text, "Tiny 7B");
    assert_int_equal(l->line, 2);
    assert_int_equal(l->col, 33);
    mc_doc_free(doc);
}

static void test_tex_and_txt(void **state)
{
    mc_doc *doc = parse_kind("report/paper.tex",
                             "\\documentclass{article}\n"
                             "% a comment with \\section{no}\n"
                             "\\section{Training from {Scratch}}\n"
                             "We train.\n"
                             "  \\subsection*{Data}\n"
                             "\n"
                             "\\sectionmark{x}\n",
                             MC_DOC_TEXT);

    (void)state;
    assert_kinds(doc, "T_HTH_T");
    assert_int_equal(mc_doc_heading_count(doc), 2);
    assert_string_equal(mc_doc_heading_at(doc, 0)->text, "Training from {Scratch}");
    assert_int_equal(mc_doc_heading_at(doc, 0)->level, 1);
    assert_int_equal(mc_doc_heading_at(doc, 1)->level, 2);
    assert_int_equal(mc_doc_heading_at(doc, 1)->line, 5);
    assert_ptr_equal(mc_doc_section_of(doc, 4), mc_doc_heading_at(doc, 0));
    assert_false(mc_doc_has_front_matter(doc));
    mc_doc_free(doc);

    doc = parse_kind("report.txt", "---\na: 1\n---\n% x\n# y\n\\section{z}\n", MC_DOC_TEXT);
    assert_kinds(doc, "TTTTTT");
    assert_false(mc_doc_has_front_matter(doc));
    assert_int_equal(mc_doc_heading_count(doc), 0);
    mc_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_kinds),
        cmocka_unit_test(test_headings_and_sections),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_link_not_found_stays_in_block),
        cmocka_unit_test(test_link_forms),
        cmocka_unit_test(test_tex_and_txt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
