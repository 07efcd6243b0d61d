/* --fix: each fix rewrites one value and no other byte; neighbours that look alike are
 * left alone; a fixed card has nothing left to fix; the unified diff. */
#include "testutil.h"

#include "mclint/fix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fix `in`; expect `want` (NULL: nothing changes) and `n` values rewritten. */
static void expect_fix(const char *in, const char *want, size_t n)
{
    char *out = NULL, *again = NULL;
    size_t len = 0, nfix = 99, len2 = 0, n2 = 99;

    assert_int_equal(mc_fix_card(in, strlen(in), NULL, NULL, &out, &len, &nfix), 0);
    if (want == NULL) {
        assert_null(out);
        assert_int_equal(nfix, 0);
        return;
    }
    assert_non_null(out);
    assert_int_equal(nfix, n);
    assert_int_equal(len, strlen(want));
    assert_string_equal(out, want);
    /* round trip: a fixed card has nothing left to fix */
    assert_int_equal(mc_fix_card(out, len, NULL, NULL, &again, &len2, &n2), 0);
    assert_null(again);
    assert_int_equal(n2, 0);
    free(out);
}

static void test_license_case(void **state)
{
    (void)state;
    expect_fix("---\nlicense: Apache-2.0\n---\n# M\n", "---\nlicense: apache-2.0\n---\n# M\n", 1);
    expect_fix("---\nlicense: MIT\n---\n", "---\nlicense: mit\n---\n", 1);
    /* already a Hub id, or not one in any case: nothing */
    expect_fix("---\nlicense: apache-2.0\n---\n", NULL, 0);
    expect_fix("---\nlicense: Apache-2.0-or-later\n---\n", NULL, 0);
}

static void test_license_name(void **state)
{
    (void)state;
    expect_fix("---\nlicense: Apache License 2.0\n---\n", "---\nlicense: apache-2.0\n---\n", 1);
    expect_fix("---\nlicense: \"Apache License, Version 2.0\"\n---\n",
               "---\nlicense: \"apache-2.0\"\n---\n", 1);
    /* a name from licenses.yaml whose id is a Hub id */
    expect_fix("---\nlicense: Llama 3.1 Community License\n---\n", "---\nlicense: llama3.1\n---\n",
               1);
    /* a name that could mean several licences is not guessed */
    expect_fix("---\nlicense: Apache\n---\n", NULL, 0);
    expect_fix("---\nlicense: GPL\n---\n", "---\nlicense: gpl\n---\n", 1); /* a case variant */
    expect_fix("---\nlicense: Qwen Research License\n---\n", NULL, 0);     /* not a Hub id */
}

static void test_relation(void **state)
{
    (void)state;
    expect_fix("---\nbase_model: a/b\nbase_model_relation: finetuned\n---\n",
               "---\nbase_model: a/b\nbase_model_relation: finetune\n---\n", 1);
    expect_fix("---\nbase_model_relation: 'fine-tune'\n---\n",
               "---\nbase_model_relation: 'finetune'\n---\n", 1);
    expect_fix("---\nbase_model_relation: Quantised\n---\n",
               "---\nbase_model_relation: quantized\n---\n", 1);
    expect_fix("---\nbase_model_relation: quantized\n---\n", NULL, 0);
    /* not a spelling of a relation: left for MC106 to report */
    expect_fix("---\nbase_model_relation: distilled\n---\n", NULL, 0);
}

/* Everything but the values stays: CRLF, comments, order, quoting, the Markdown. */
static void test_bytes_elsewhere(void **state)
{
    const char *in = "---\r\n# header comment\r\nlicense:   Apache-2.0   # id\r\ntags: [b, a]\r\n"
                     "base_model_relation: \"fine-tuned\"\r\n---\r\n# M\r\nlicense: MIT\r\n";
    const char *want = "---\r\n# header comment\r\nlicense:   apache-2.0   # id\r\ntags: [b, a]\r\n"
                       "base_model_relation: \"finetune\"\r\n---\r\n# M\r\nlicense: MIT\r\n";
    (void)state;
    expect_fix(in, want, 2);
}

/* What cannot be rewritten safely is left alone. */
static void test_left_alone(void **state)
{
    (void)state;
    /* an escape in a quoted value: its bytes are not its value */
    expect_fix("---\nlicense: \"Apache\\x2d2.0\"\n---\n", NULL, 0);
    /* a duplicate key */
    expect_fix("---\nlicense: MIT\nlicense: MIT\n---\n", NULL, 0);
    /* a list, a nested key, no front matter, a broken front matter */
    expect_fix("---\nlicense: [MIT]\n---\n", NULL, 0);
    expect_fix("---\nmodel:\n  license: MIT\n---\n", NULL, 0);
    expect_fix("# license: MIT\n", NULL, 0);
    expect_fix("---\nlicense: MIT\nbase_model: [a\n---\n", NULL, 0);
    /* a value folded over two lines */
    expect_fix("---\nlicense: Apache License\n  2.0\n---\n", NULL, 0);
}

static bool only_mc106(const char *rule, unsigned line, void *ctx)
{
    (void)ctx;
    assert_int_equal(line, strcmp(rule, "MC106") == 0 ? 3 : 2);
    return strcmp(rule, "MC106") == 0;
}

static void test_filter(void **state)
{
    const char *in = "---\nlicense: MIT\nbase_model_relation: finetuned\n---\n";
    char *out = NULL;
    size_t len = 0, n = 0;

    (void)state;
    assert_int_equal(mc_fix_card(in, strlen(in), only_mc106, NULL, &out, &len, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(out, "---\nlicense: MIT\nbase_model_relation: finetune\n---\n");
    free(out);
}

static void test_diff(void **state)
{
    const char *a = "---\nl1\nl2\nlicense: MIT\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nx";
    const char *b = "---\nl1\nl2\nlicense: mit\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\ny";
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    (void)state;
    assert_int_equal(mc_fix_diff(f, "m/README.md", a, strlen(a), b, strlen(b)), 0);
    fclose(f);
    assert_string_equal(buf, "--- a/m/README.md\n+++ b/m/README.md\n"
                             "@@ -1,7 +1,7 @@\n ---\n l1\n l2\n-license: MIT\n+license: mit\n"
                             " l4\n l5\n l6\n"
                             "@@ -10,4 +10,4 @@\n l9\n l10\n l11\n-x\n\\ No newline at end of "
                             "file\n+y\n\\ No newline at end of file\n");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_license_case), cmocka_unit_test(test_license_name),
        cmocka_unit_test(test_relation),     cmocka_unit_test(test_bytes_elsewhere),
        cmocka_unit_test(test_left_alone),   cmocka_unit_test(test_filter),
        cmocka_unit_test(test_diff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
