/* Path globs: *, **, ?, classes, folder prefixes, and what is rejected. */
#include "testutil.h"

#include "config/glob.h"

#include <string.h>

static void test_star_within_segment(void **state)
{
    (void)state;
    assert_true(mc_glob_match("*.md", "README.md"));
    assert_false(mc_glob_match("*.md", "docs/README.md"));
    assert_true(mc_glob_match("legacy/*/README.md", "legacy/a/README.md"));
    assert_false(mc_glob_match("legacy/*/README.md", "legacy/a/b/README.md"));
    assert_false(mc_glob_match("legacy/*/README.md", "legacy/README.md"));
    assert_true(mc_glob_match("a*b*c", "aXXbYYc"));
    assert_false(mc_glob_match("a*b*c", "aXXbYY"));
}

static void test_double_star(void **state)
{
    (void)state;
    assert_true(mc_glob_match("vendor/**", "vendor/x/y/README.md"));
    assert_true(mc_glob_match("**/README.md", "README.md"));
    assert_true(mc_glob_match("**/README.md", "a/b/README.md"));
    assert_false(mc_glob_match("**/README.md", "a/b/NOTES.md"));
    assert_true(mc_glob_match("a/**/z.md", "a/z.md"));
    assert_true(mc_glob_match("a/**/z.md", "a/b/c/z.md"));
    assert_false(mc_glob_match("a/**/z.md", "b/c/z.md"));
    assert_false(mc_glob_match("vendor/**", "vendors/x.md"));
}

static void test_question_and_class(void **state)
{
    (void)state;
    assert_true(mc_glob_match("model-?/README.md", "model-a/README.md"));
    assert_false(mc_glob_match("model-?/README.md", "model-ab/README.md"));
    assert_false(mc_glob_match("a?b", "a/b"));
    /* ? is one code point, not one byte */
    assert_true(mc_glob_match("\xeb\xaa\xa8?", "\xeb\xaa\xa8\xeb\x8d\xb8"));
    assert_true(mc_glob_match("v[0-9].md", "v3.md"));
    assert_false(mc_glob_match("v[0-9].md", "vx.md"));
    assert_true(mc_glob_match("v[!0-9].md", "vx.md"));
    assert_true(mc_glob_match("[[]x]", "[x]"));
}

static void test_folder_prefix(void **state)
{
    (void)state;
    assert_true(mc_glob_match("third_party", "third_party/m/README.md"));
    assert_true(mc_glob_match("third_party", "third_party"));
    assert_false(mc_glob_match("third_party", "third_party2/README.md"));
    assert_false(mc_glob_match("third_party", "src/third_party/README.md"));
}

static void test_check(void **state)
{
    (void)state;
    assert_null(mc_glob_check("vendor/**"));
    assert_null(mc_glob_check("legacy/*/README.md"));
    assert_null(mc_glob_check("v[0-9]?.md"));
    assert_non_null(mc_glob_check(""));
    assert_non_null(mc_glob_check("/abs/*"));
    assert_non_null(mc_glob_check("a/../b"));
    assert_non_null(mc_glob_check("./a"));
    assert_non_null(mc_glob_check("a**b"));
    assert_non_null(mc_glob_check("a/**b/c"));
    assert_non_null(mc_glob_check("v[0-9.md"));
    assert_non_null(mc_glob_check("a//b"));
    assert_non_null(mc_glob_check("a\\*"));
}

/* A pattern built to make naive backtracking explode must still answer quickly. */
static void test_no_blowup(void **state)
{
    char pat[600], path[700];
    size_t n = 0;

    (void)state;
    for (int i = 0; i < 100; i++) {
        memcpy(pat + n, "**/", 3);
        n += 3;
    }
    memcpy(pat + n, "a*a*a*a*a*a*a*a*a*b", 20);
    memset(path, 'a', sizeof(path) - 1);
    for (size_t i = 1; i < 400; i += 2)
        path[i] = '/';
    path[sizeof(path) - 1] = '\0';
    assert_false(mc_glob_match(pat, path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star_within_segment),
        cmocka_unit_test(test_double_star),
        cmocka_unit_test(test_question_and_class),
        cmocka_unit_test(test_folder_prefix),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_no_blowup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
