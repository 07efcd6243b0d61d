/* The pool allocator of the Markdown parse, and line splitting on its fast and slow paths. */
#include "testutil.h"

#include "card/docint.h"
#include "card/mdmem.h"

#include <stdlib.h>
#include <string.h>

static void test_calloc_zeroes_reused_block(void **state)
{
    mc_mdmem *m = mc_mdmem_begin(1 << 20);
    cmark_mem *mem = mc_mdmem_allocator();
    unsigned char *a, *b;

    (void)state;
    assert_non_null(m);
    a = mem->calloc(10, 10);
    assert_non_null(a);
    memset(a, 0xAA, 100);
    mem->free(a); /* the last block: given back */
    b = mem->calloc(1, 100);
    assert_ptr_equal(a, b);
    for (size_t i = 0; i < 100; i++)
        assert_int_equal(b[i], 0);
    assert_false(mc_mdmem_spilled(m));
    mc_mdmem_end(m);
}

static void test_realloc_keeps_content(void **state)
{
    mc_mdmem *m = mc_mdmem_begin(1 << 20);
    cmark_mem *mem = mc_mdmem_allocator();
    char *a, *b, *c, *big;

    (void)state;
    a = mem->calloc(1, 16);
    memcpy(a, "0123456789abcde", 16);
    b = mem->realloc(a, 64); /* last block: grows in place */
    assert_ptr_equal(a, b);
    assert_string_equal(b, "0123456789abcde");
    c = mem->calloc(1, 8); /* now b is not the last block */
    memcpy(c, "xyz", 4);
    a = mem->realloc(b, 200);
    assert_ptr_not_equal(a, b);
    assert_string_equal(a, "0123456789abcde");
    assert_string_equal(c, "xyz");
    assert_ptr_equal(mem->realloc(a, 10), a); /* shrinking never moves */
    big = mem->calloc(1, 100000);             /* own chunk */
    assert_non_null(big);
    memset(big, 'q', 99999);
    big = mem->realloc(big, 300000);
    assert_non_null(big);
    assert_int_equal(big[99998], 'q');
    assert_int_equal(big[99999], 0);
    c = mem->calloc(1, 8); /* small blocks still come from the current chunk */
    assert_non_null(c);
    assert_false(mc_mdmem_spilled(m));
    mc_mdmem_end(m);
}

static void test_budget_spills_to_system(void **state)
{
    mc_mdmem *m = mc_mdmem_begin(1);
    cmark_mem *mem = mc_mdmem_allocator();
    char *a;

    (void)state;
    a = mem->calloc(4, 4);
    assert_non_null(a);
    assert_true(mc_mdmem_spilled(m));
    for (size_t i = 0; i < 16; i++)
        assert_int_equal(a[i], 0);
    memcpy(a, "spill", 6);
    a = mem->realloc(a, 1000);
    assert_string_equal(a, "spill");
    mem->free(a); /* a real free (leak-checked under the sanitizers) */
    mc_mdmem_end(m);
}

static const char card[] = "---\nlicense: mit\n---\n# Tiny-7B\n\n<!-- note -->\n"
                           "See [acme](https://example.com/acme) and <https://example.com/b>.\n\n"
                           "| a | b |\n|---|---|\n| [x](y) | 2 |\n\n```\ncode\n```\n";

static void check_card(void)
{
    mc_doc *doc = NULL;

    assert_int_equal(mc_doc_parse(&doc, "README.md", card, strlen(card), MC_DOC_MARKDOWN, NULL), 0);
    assert_int_equal(mc_doc_heading_count(doc), 1);
    assert_string_equal(mc_doc_heading_at(doc, 0)->text, "Tiny-7B");
    assert_int_equal(mc_doc_link_count(doc), 3);
    assert_string_equal(mc_doc_link_at(doc, 0)->url, "https://example.com/acme");
    assert_int_equal(mc_doc_link_at(doc, 0)->line, 7);
    assert_int_equal(mc_doc_link_at(doc, 0)->col, 12);
    assert_string_equal(mc_doc_link_at(doc, 1)->url, "https://example.com/b");
    assert_string_equal(mc_doc_link_at(doc, 2)->url, "y");
    assert_int_equal(mc_doc_link_at(doc, 2)->line, 11);
    assert_int_equal(mc_doc_comment_count(doc), 1);
    assert_string_equal(mc_doc_comment_at(doc, 0)->text, "note");
    assert_int_equal(mc_doc_line_kind(doc, 9), MC_LINE_TABLE);
    assert_int_equal(mc_doc_line_kind(doc, 14), MC_LINE_CODE);
    mc_doc_free(doc);
}

/* The same document whether cmark's blocks come from the pool, the system, or both. */
static void test_parse_any_budget(void **state)
{
    (void)state;
    check_card();
    mc_md_set_pool_budget(1);
    check_card();
    mc_md_set_pool_budget(70000); /* the first chunk, then the system */
    check_card();
    mc_md_set_pool_budget(0);
    check_card();
}

static void expect_lines(const char *text, size_t len, bool crlf, unsigned n,
                         const char *const *want)
{
    mc_doc *doc = NULL;

    assert_int_equal(mc_doc_parse(&doc, "a.txt", text, len, MC_DOC_TEXT, NULL), 0);
    assert_int_equal(mc_doc_is_crlf(doc), crlf);
    assert_int_equal(mc_doc_line_count(doc), n);
    for (unsigned i = 0; i < n; i++) {
        size_t l;
        const char *s = mc_doc_line(doc, i + 1, &l);
        assert_non_null(s);
        assert_int_equal(l, strlen(want[i]));
        assert_memory_equal(s, want[i], l);
        assert_int_equal(s[l], '\0');
    }
    assert_null(mc_doc_line(doc, n + 1, NULL));
    mc_doc_free(doc);
}

/* "\n" and "\r\n" only take the memchr path; a lone "\r" anywhere takes the byte loop. */
static void test_line_endings(void **state)
{
    static const char *const ab[] = {"a", "b"};
    static const char *const abc[] = {"a", "", "b", "c"};
    static const char *const a_[] = {"a", ""};

    (void)state;
    expect_lines("a\nb\n", 4, false, 2, ab);
    expect_lines("a\r\nb", 4, true, 2, ab);
    expect_lines("a\rb\r", 4, false, 2, ab);
    expect_lines("a\r\n\nb\rc", 7, true, 4, abc);
    expect_lines("a\r\n\r", 4, true, 2, a_); /* a lone "\r" at the very end */
    expect_lines("a\n\r\n", 4, true, 2, a_);
    expect_lines("", 0, false, 0, NULL);
    expect_lines("\r", 1, false, 1, (const char *const[]){""});
}

/* Many short lines: more than the first guess at the line count. */
static void test_many_lines(void **state)
{
    size_t n = 6000;
    char *text = malloc(2 * n + 2);
    mc_doc *doc = NULL;

    (void)state;
    assert_non_null(text);
    memset(text, '\n', n);
    text[n] = 'x';
    assert_int_equal(mc_doc_parse(&doc, "a.txt", text, n + 1, MC_DOC_TEXT, NULL), 0);
    assert_int_equal(mc_doc_line_count(doc), n + 1);
    assert_string_equal(mc_doc_line(doc, n + 1, NULL), "x");
    mc_doc_free(doc);
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = 'a';
        text[2 * i + 1] = '\r'; /* lone CRs: the byte loop */
    }
    assert_int_equal(mc_doc_parse(&doc, "a.txt", text, 2 * n, MC_DOC_TEXT, NULL), 0);
    assert_int_equal(mc_doc_line_count(doc), n);
    assert_false(mc_doc_is_crlf(doc));
    assert_string_equal(mc_doc_line(doc, n, NULL), "a");
    mc_doc_free(doc);
    free(text);
}

/* UTF-8 checked eight ASCII bytes at a time, a bad byte anywhere still found. */
static void test_utf8(void **state)
{
    char text[64];
    mc_doc *doc = NULL;

    (void)state;
    for (size_t at = 0; at < 20; at++) {
        memset(text, 'x', sizeof(text));
        memcpy(text + at, "\xC3\xA9", 2); /* valid */
        assert_int_equal(mc_doc_parse(&doc, "a.txt", text, 30, MC_DOC_TEXT, NULL), 0);
        assert_true(mc_doc_is_utf8(doc));
        mc_doc_free(doc);
        text[at + 1] = 'y'; /* a lead byte without its continuation */
        assert_int_equal(mc_doc_parse(&doc, "a.txt", text, 30, MC_DOC_TEXT, NULL), 0);
        assert_false(mc_doc_is_utf8(doc));
        mc_doc_free(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calloc_zeroes_reused_block),
        cmocka_unit_test(test_realloc_keeps_content),
        cmocka_unit_test(test_budget_spills_to_system),
        cmocka_unit_test(test_parse_any_budget),
        cmocka_unit_test(test_line_endings),
        cmocka_unit_test(test_many_lines),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
