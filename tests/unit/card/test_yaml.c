/* Positioned YAML trees: spans, diagnostics and limits. */
#include "testutil.h"

#include "mclint/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static mc_yaml *parse(const char *text, unsigned first_line)
{
    mc_yaml *y = NULL;

    assert_int_equal(mc_yaml_parse(&y, text, strlen(text), first_line, NULL), 0);
    assert_non_null(y);
    return y;
}

static size_t count_kind(const mc_yaml *y, mc_ydiag_kind kind)
{
    size_t n = 0;

    for (size_t i = 0; i < mc_yaml_diag_count(y); i++)
        if (mc_yaml_diag_at(y, i)->kind == kind)
            n++;
    return n;
}

static const mc_ydiag *first_kind(const mc_yaml *y, mc_ydiag_kind kind)
{
    for (size_t i = 0; i < mc_yaml_diag_count(y); i++)
        if (mc_yaml_diag_at(y, i)->kind == kind)
            return mc_yaml_diag_at(y, i);
    fail_msg("no diagnostic of kind %d", (int)kind);
    return NULL;
}

static void assert_span(mc_span s, unsigned line, unsigned col, unsigned eline, unsigned ecol)
{
    if (s.line != line || s.col != col || s.end_line != eline || s.end_col != ecol)
        fail_msg("span %u:%u-%u:%u, expected %u:%u-%u:%u", s.line, s.col, s.end_line, s.end_col,
                 line, col, eline, ecol);
}

static void test_block_positions(void **state)
{
    mc_yaml *y = parse("license: apache-2.0\n"
                       "base_model:\n"
                       "  - acme-ai/Tiny-7B\n"
                       "  - \"acme-ai/Small-1B\"\n"
                       "tags: [a, bé, c]\n",
                       2);
    const mc_ynode *root = mc_yaml_root(y), *bm, *tags;

    (void)state;
    assert_int_equal(mc_yaml_diag_count(y), 0);
    assert_int_equal(mc_ynode_kind_of(root), MC_YNODE_MAP);
    assert_int_equal(mc_ynode_size(root), 3);
    assert_span(mc_ynode_span(mc_ynode_get_key(root, "license")), 2, 1, 2, 8);
    assert_span(mc_ynode_span(mc_ynode_get(root, "license")), 2, 10, 2, 20);
    assert_string_equal(mc_ynode_str(mc_ynode_get(root, "license")), "apache-2.0");
    assert_true(mc_ynode_plain(mc_ynode_get(root, "license")));

    bm = mc_ynode_get(root, "base_model");
    assert_int_equal(mc_ynode_kind_of(bm), MC_YNODE_SEQ);
    assert_int_equal(mc_ynode_size(bm), 2);
    assert_span(mc_ynode_span(mc_ynode_item(bm, 0)), 4, 5, 4, 20);
    /* a quoted scalar: span includes the quotes, value does not */
    assert_span(mc_ynode_span(mc_ynode_item(bm, 1)), 5, 5, 5, 23);
    assert_string_equal(mc_ynode_str(mc_ynode_item(bm, 1)), "acme-ai/Small-1B");
    assert_false(mc_ynode_plain(mc_ynode_item(bm, 1)));

    /* flow style; columns count code points ("bé" is 3 bytes, 2 columns) */
    tags = mc_ynode_get(root, "tags");
    assert_int_equal(mc_ynode_size(tags), 3);
    assert_span(mc_ynode_span(tags), 6, 7, 6, 17);
    assert_span(mc_ynode_span(mc_ynode_item(tags, 1)), 6, 11, 6, 13);
    assert_span(mc_ynode_span(mc_ynode_item(tags, 2)), 6, 15, 6, 16);
    assert_null(mc_ynode_get(root, "missing"));
    assert_null(mc_ynode_get(root, "licens"));
    assert_null(mc_ynode_item(tags, 3));
    mc_yaml_free(y);
}

static void test_multiline_scalars(void **state)
{
    mc_yaml *y = parse("a: first\n"
                       "  continued\n"
                       "b: |\n"
                       "  line one\n"
                       "  line two\n"
                       "c: 'x'\n",
                       1);
    const mc_ynode *root = mc_yaml_root(y);
    mc_span s;

    (void)state;
    assert_string_equal(mc_ynode_str(mc_ynode_get(root, "a")), "first continued");
    assert_span(mc_ynode_span(mc_ynode_get(root, "a")), 1, 4, 2, 12);
    assert_string_equal(mc_ynode_str(mc_ynode_get(root, "b")), "line one\nline two\n");
    s = mc_ynode_span(mc_ynode_get(root, "b"));
    assert_int_equal(s.line, 3);
    assert_int_equal(s.col, 4);
    assert_true(s.end_line >= 5);
    assert_false(mc_ynode_plain(mc_ynode_get(root, "b")));
    assert_span(mc_ynode_span(mc_ynode_get_key(root, "c")), 6, 1, 6, 2);
    mc_yaml_free(y);
}

static void test_nested_map_positions(void **state)
{
    mc_yaml *y = parse("model-index:\n"
                       "- name: Tiny\n"
                       "  results:\n"
                       "  - task: {type: text-generation}\n",
                       10);
    const mc_ynode *mi = mc_ynode_get(mc_yaml_root(y), "model-index");
    const mc_ynode *r0 = mc_ynode_item(mc_ynode_get(mc_ynode_item(mi, 0), "results"), 0);
    const mc_ynode *task = mc_ynode_get(r0, "task");

    (void)state;
    assert_int_equal(mc_ynode_kind_of(task), MC_YNODE_MAP);
    assert_span(mc_ynode_span(mc_ynode_get_key(task, "type")), 13, 12, 13, 16);
    assert_span(mc_ynode_span(mc_ynode_get(task, "type")), 13, 18, 13, 33);
    assert_span(mc_ynode_span(mc_ynode_get_key(mc_ynode_item(mi, 0), "name")), 11, 3, 11, 7);
    mc_yaml_free(y);
}

static void test_null_values(void **state)
{
    mc_yaml *y = parse("a:\nb: ~\nc: null\nd: 'null'\ne: x\n", 1);
    const mc_ynode *root = mc_yaml_root(y);

    (void)state;
    assert_true(mc_ynode_is_null(mc_ynode_get(root, "a")));
    assert_true(mc_ynode_is_null(mc_ynode_get(root, "b")));
    assert_true(mc_ynode_is_null(mc_ynode_get(root, "c")));
    assert_false(mc_ynode_is_null(mc_ynode_get(root, "d")));
    assert_false(mc_ynode_is_null(mc_ynode_get(root, "e")));
    assert_true(mc_ynode_is_null(NULL));
    mc_yaml_free(y);
}

static void test_syntax_error_position(void **state)
{
    mc_yaml *y = parse("license: mit\nbase_model: [a, b\ntags: x\n", 5);
    const mc_ydiag *d = mc_yaml_syntax_error(y);

    (void)state;
    assert_non_null(d);
    assert_int_equal(d->kind, MC_YDIAG_SYNTAX);
    assert_null(mc_yaml_root(y));
    assert_int_equal(d->span.line, 7);
    assert_non_null(strstr(d->message, "flow sequence"));
    mc_yaml_free(y);

    y = parse("a: b\n  c: d\n", 1);
    d = mc_yaml_syntax_error(y);
    assert_non_null(d);
    assert_int_equal(d->span.line, 2);
    assert_int_equal(d->span.col, 4);
    mc_yaml_free(y);

    /* a neighbour that parses */
    y = parse("a: b\nc: d\n", 1);
    assert_null(mc_yaml_syntax_error(y));
    assert_int_equal(mc_yaml_diag_count(y), 0);
    mc_yaml_free(y);
}

static void test_duplicate_keys(void **state)
{
    mc_yaml *y = parse("license: mit\nlicense: apache-2.0\nother: 1\n", 2);
    const mc_ydiag *d;

    (void)state;
    assert_int_equal(mc_yaml_diag_count(y), 1);
    d = mc_yaml_diag_at(y, 0);
    assert_int_equal(d->kind, MC_YDIAG_DUPLICATE_KEY);
    assert_span(d->span, 3, 1, 3, 8);
    /* the last occurrence wins, as for the Hub's loader */
    assert_string_equal(mc_ynode_str(mc_ynode_get(mc_yaml_root(y), "license")), "apache-2.0");
    assert_int_equal(mc_ynode_span(mc_ynode_get_key(mc_yaml_root(y), "license")).line, 3);
    mc_yaml_free(y);

    /* keys differing only by quoting are the same key; by case are not */
    y = parse("a: 1\n\"a\": 2\nA: 3\n", 1);
    assert_int_equal(count_kind(y, MC_YDIAG_DUPLICATE_KEY), 1);
    mc_yaml_free(y);
}

static void test_duplicate_keys_large_map(void **state)
{
    char *text = malloc(100 * 20 + 64);
    size_t n = 0;
    mc_yaml *y;

    (void)state;
    for (int i = 0; i < 100; i++)
        n += (size_t)snprintf(text + n, 32, "k%d: %d\n", i, i);
    n += (size_t)snprintf(text + n, 32, "k42: again\nk7: again\n");
    assert_int_equal(mc_yaml_parse(&y, text, n, 1, NULL), 0);
    assert_int_equal(count_kind(y, MC_YDIAG_DUPLICATE_KEY), 2);
    assert_int_equal(mc_yaml_diag_at(y, 0)->span.line, 101);
    assert_int_equal(mc_yaml_diag_at(y, 1)->span.line, 102);
    assert_string_equal(mc_ynode_str(mc_ynode_get(mc_yaml_root(y), "k42")), "again");
    assert_string_equal(mc_ynode_str(mc_ynode_get(mc_yaml_root(y), "k41")), "41");
    mc_yaml_free(y);
    free(text);
}

/* Tags a safe loader refuses are reported; the standard ones and "!" are not. */
static void test_unsafe_tags(void **state)
{
    mc_yaml *y;

    (void)state;
    y = parse("a: !!python/object/apply:os.system [\"id\"]\nb: !custom x\n"
              "c: !<tag:example.com,2024:t> {k: v}\n",
              1);
    assert_int_equal(count_kind(y, MC_YDIAG_TAG), 3);
    assert_non_null(strstr(mc_yaml_diag_at(y, 0)->message, "!!python/object/apply:os.system"));
    assert_int_equal(mc_yaml_diag_at(y, 0)->span.line, 1);
    assert_int_equal(mc_yaml_diag_at(y, 1)->span.line, 2);
    mc_yaml_free(y);
    /* the neighbours: standard tags and the non-specific tag */
    y = parse("a: !!str 1\nb: !!int \"2\"\nc: !!seq [x]\nd: !!map {k: v}\ne: ! x\n"
              "f: !!float 1\ng: !!bool true\nh: !!null ''\ni: !!binary aGk=\n"
              "j: !!timestamp 2024-01-01\nk: !!set {x}\n",
              1);
    assert_int_equal(count_kind(y, MC_YDIAG_TAG), 0);
    mc_yaml_free(y);
}

static void test_alias_shared(void **state)
{
    mc_yaml *y = parse("base: &b acme-ai/Tiny-7B\nbase_model: *b\n", 1);
    const mc_ynode *root = mc_yaml_root(y);

    (void)state;
    assert_int_equal(count_kind(y, MC_YDIAG_ALIAS), 1);
    assert_int_equal(mc_yaml_diag_at(y, 0)->span.line, 2);
    assert_ptr_equal(mc_ynode_get(root, "base"), mc_ynode_get(root, "base_model"));
    mc_yaml_free(y);

    /* an alias to an unknown anchor is a NULL node (libyaml's event API lets it through) */
    y = parse("a: [1]\nb: *nope\n", 1);
    if (mc_yaml_syntax_error(y) == NULL)
        assert_int_equal(mc_ynode_kind_of(mc_ynode_get(mc_yaml_root(y), "b")), MC_YNODE_NULL);
    mc_yaml_free(y);

    /* a recursive alias cannot make a cycle */
    y = parse("a: &x [1, *x]\n", 1);
    if (mc_yaml_root(y)) {
        const mc_ynode *a = mc_ynode_get(mc_yaml_root(y), "a");
        assert_int_equal(mc_ynode_kind_of(mc_ynode_item(a, 1)), MC_YNODE_NULL);
    }
    mc_yaml_free(y);
}

static void test_billion_laughs(void **state)
{
    const char *text =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
    clock_t t0 = clock();
    mc_yaml *y = parse(text, 1);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;

    (void)state;
    assert_true(secs < 1.0);
    assert_int_equal(count_kind(y, MC_YDIAG_LIMIT), 1);
    assert_non_null(mc_yaml_root(y));
    /* 9^5 nodes: the aliases of "f" are dropped (NULL nodes), "e" is whole */
    assert_int_equal(first_kind(y, MC_YDIAG_LIMIT)->span.line, 6);
    assert_int_equal(mc_ynode_kind_of(mc_ynode_item(mc_ynode_get(mc_yaml_root(y), "f"), 0)),
                     MC_YNODE_NULL);
    assert_int_equal(mc_ynode_kind_of(mc_ynode_item(mc_ynode_get(mc_yaml_root(y), "e"), 8)),
                     MC_YNODE_SEQ);
    mc_yaml_free(y);

    /* a few levels stay under the limit */
    y = parse("a: &a [1,2,3]\nb: &b [*a,*a]\nc: [*b,*b]\n", 1);
    assert_int_equal(count_kind(y, MC_YDIAG_LIMIT), 0);
    assert_int_equal(count_kind(y, MC_YDIAG_ALIAS), 4);
    mc_yaml_free(y);
}

static void test_deep_nesting(void **state)
{
    size_t n = 10000;
    char *text = malloc(2 * n + 1);
    mc_yaml *y;
    const mc_ynode *node;
    unsigned depth = 0;

    (void)state;
    memset(text, '[', n);
    memset(text + n, ']', n);
    text[2 * n] = '\0';
    assert_int_equal(mc_yaml_parse(&y, text, 2 * n, 1, NULL), 0);
    assert_int_equal(count_kind(y, MC_YDIAG_LIMIT), 1);
    for (node = mc_yaml_root(y); mc_ynode_kind_of(node) == MC_YNODE_SEQ;
         node = mc_ynode_item(node, 0))
        depth++;
    assert_int_equal(depth, 64);
    mc_yaml_free(y);

    /* unclosed: a syntax error, no crash */
    assert_int_equal(mc_yaml_parse(&y, text, n, 1, NULL), 0);
    assert_non_null(mc_yaml_syntax_error(y));
    mc_yaml_free(y);

    /* exactly at the limit is fine */
    {
        mc_yaml_limits lim = {4, 0, 0};
        assert_int_equal(mc_yaml_parse(&y, "[[[[x]]]]", 9, 1, &lim), 0);
        assert_int_equal(mc_yaml_diag_count(y), 0);
        mc_yaml_free(y);
        assert_int_equal(mc_yaml_parse(&y, "[[[[[x]]]]]", 11, 1, &lim), 0);
        assert_int_equal(count_kind(y, MC_YDIAG_LIMIT), 1);
        mc_yaml_free(y);
    }
    free(text);
}

static void test_node_limit(void **state)
{
    mc_yaml_limits lim = {0, 10, 0};
    mc_yaml *y;

    (void)state;
    assert_int_equal(mc_yaml_parse(&y, "[1,2,3,4,5,6,7,8,9,10,11,12]", 28, 1, &lim), 0);
    assert_int_equal(count_kind(y, MC_YDIAG_LIMIT), 1);
    assert_int_equal(mc_ynode_size(mc_yaml_root(y)), 9);
    mc_yaml_free(y);
    assert_int_equal(mc_yaml_parse(&y, "[1,2,3,4,5,6,7,8,9]", 19, 1, &lim), 0);
    assert_int_equal(mc_yaml_diag_count(y), 0);
    mc_yaml_free(y);
}

static void test_huge_scalar(void **state)
{
    size_t n = 2 * 1024 * 1024;
    char *text = malloc(n + 16);
    mc_yaml *y;

    (void)state;
    memcpy(text, "a: ", 3);
    memset(text + 3, 'x', n);
    memcpy(text + 3 + n, "\nb: c\n", 6);
    assert_int_equal(mc_yaml_parse(&y, text, n + 9, 1, NULL), 0);
    assert_int_equal(count_kind(y, MC_YDIAG_LIMIT), 1);
    assert_int_equal(mc_ynode_kind_of(mc_ynode_get(mc_yaml_root(y), "a")), MC_YNODE_NULL);
    assert_string_equal(mc_ynode_str(mc_ynode_get(mc_yaml_root(y), "b")), "c");
    mc_yaml_free(y);
    free(text);
}

static void test_complex_key_and_multi_doc(void **state)
{
    mc_yaml *y = parse("? [a, b]\n: c\nd: e\n", 1);

    (void)state;
    assert_int_equal(count_kind(y, MC_YDIAG_COMPLEX_KEY), 1);
    assert_string_equal(mc_ynode_str(mc_ynode_get(mc_yaml_root(y), "d")), "e");
    mc_yaml_free(y);

    y = parse("a: 1\n---\nb: 2\n", 1);
    assert_int_equal(count_kind(y, MC_YDIAG_MULTI_DOC), 1);
    assert_int_equal(mc_yaml_diag_at(y, 0)->span.line, 2);
    assert_non_null(mc_ynode_get(mc_yaml_root(y), "a"));
    assert_null(mc_ynode_get(mc_yaml_root(y), "b"));
    mc_yaml_free(y);

    y = parse("a: 1\n...\n", 1);
    assert_int_equal(mc_yaml_diag_count(y), 0);
    mc_yaml_free(y);
}

static void test_bad_bytes(void **state)
{
    static const char nul[] = "a: b\0c\nd: e\n";
    mc_yaml *y;
    const mc_ydiag *d;

    (void)state;
    assert_int_equal(mc_yaml_parse(&y, nul, sizeof(nul) - 1, 3, NULL), 0);
    d = mc_yaml_syntax_error(y);
    assert_non_null(d);
    assert_int_equal(d->span.line, 3);
    assert_int_equal(d->span.col, 5);
    mc_yaml_free(y);

    y = parse("a: ok\nb: caf\xE9\n", 1);
    d = mc_yaml_syntax_error(y);
    assert_non_null(d);
    assert_int_equal(d->span.line, 2);
    assert_int_equal(d->span.col, 7);
    mc_yaml_free(y);

    /* BOM and CRLF */
    y = parse("\xEF\xBB\xBF"
              "a: 1\r\nb: x\r\n",
              1);
    assert_null(mc_yaml_syntax_error(y));
    assert_span(mc_ynode_span(mc_ynode_get(mc_yaml_root(y), "b")), 2, 4, 2, 5);
    mc_yaml_free(y);

    /* lone CR line breaks */
    y = parse("a: 1\rb: x\r", 1);
    assert_span(mc_ynode_span(mc_ynode_get(mc_yaml_root(y), "b")), 2, 4, 2, 5);
    mc_yaml_free(y);
}

static void test_empty(void **state)
{
    mc_yaml *y = parse("", 2);

    (void)state;
    assert_null(mc_yaml_root(y));
    assert_int_equal(mc_yaml_diag_count(y), 0);
    mc_yaml_free(y);
    y = parse("# only a comment\n\n", 2);
    assert_null(mc_yaml_root(y));
    mc_yaml_free(y);
    assert_int_equal(mc_yaml_parse(&y, NULL, 0, 1, NULL), 0);
    mc_yaml_free(y);
    y = parse("- a\n- b\n", 1);
    assert_int_equal(mc_ynode_kind_of(mc_yaml_root(y)), MC_YNODE_SEQ);
    assert_null(mc_ynode_get(mc_yaml_root(y), "a"));
    mc_yaml_free(y);
}

/* Every prefix of a valid document: no crash, no leak (run under the sanitizers). */
static void test_truncations(void **state)
{
    const char *text = "a: &x {b: [1, 'two', \"th\\u00e9\"]}\n"
                       "c: *x\n"
                       "d: |\n  x\n"
                       "? e\n: f\n";
    size_t n = strlen(text);

    (void)state;
    for (size_t i = 0; i <= n; i++) {
        mc_yaml *y;
        assert_int_equal(mc_yaml_parse(&y, text, i, 1, NULL), 0);
        mc_yaml_free(y);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_block_positions),
        cmocka_unit_test(test_multiline_scalars),
        cmocka_unit_test(test_nested_map_positions),
        cmocka_unit_test(test_null_values),
        cmocka_unit_test(test_syntax_error_position),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_duplicate_keys_large_map),
        cmocka_unit_test(test_unsafe_tags),
        cmocka_unit_test(test_alias_shared),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_node_limit),
        cmocka_unit_test(test_huge_scalar),
        cmocka_unit_test(test_complex_key_and_multi_doc),
        cmocka_unit_test(test_bad_bytes),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_truncations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
