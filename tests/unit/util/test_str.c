/* String helpers: the case-insensitive search finds what a plain scan finds, at the same
 * position, on invented and random inputs; messages are escaped for a terminal. */
#include "testutil.h"

#include "util/str.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static long naive(const char *h, size_t hl, const char *n, size_t nl)
{
    if (nl == 0)
        return 0;
    for (size_t i = 0; i + nl <= hl; i++) {
        size_t j = 0;
        while (j < nl && tolower((unsigned char)h[i + j]) == tolower((unsigned char)n[j]))
            j++;
        if (j == nl)
            return (long)i;
    }
    return -1;
}

static void test_memifind_cases(void **state)
{
    (void)state;
    assert_int_equal(mc_memifind("More Information Needed", 23, "information", 11), 5);
    assert_int_equal(mc_memifind("xx[MORE INFO]", 13, "[more info]", 11), 2);
    assert_int_equal(mc_memifind("aAaAb", 5, "AAB", 3), 2);
    assert_int_equal(mc_memifind("abc", 3, "abcd", 4), -1);
    assert_int_equal(mc_memifind("abc", 3, "", 0), 0);
    assert_int_equal(mc_memifind("Tech report", 11, "REPORT", 6), 5);
    assert_int_equal(mc_memifind("reporT", 6, "report", 6), 0);
    assert_int_equal(mc_memifind("보고서 링크", 16, "보고서", 9), 0);
    assert_int_equal(mc_memifind("no match here", 13, "zz", 2), -1);
}

static void test_squeeze(void **state)
{
    char out[8];
    (void)state;
    assert_int_equal(mc_squeeze("Llama-3.1-8B", out, sizeof(out)), 7); /* cut at cap - 1 */
    assert_string_equal(out, "llama31");
    assert_int_equal(mc_squeeze("  A_b ", out, sizeof(out)), 2);
    assert_string_equal(out, "ab");
    assert_int_equal(mc_squeeze(NULL, out, sizeof(out)), 0);
    assert_string_equal(out, "");
    assert_int_equal(mc_squeeze("\xea\xb8\xb0x", out, sizeof(out)), 1); /* non-ASCII dropped */
    assert_string_equal(out, "x");
}

static void test_memifind_random(void **state)
{
    const char alphabet[] = "aAbB[]-x";
    char hay[64], needle[6];

    (void)state;
    srand(7);
    for (int round = 0; round < 20000; round++) {
        size_t hl = (size_t)(rand() % 40), nl = (size_t)(rand() % 5);
        for (size_t i = 0; i < hl; i++)
            hay[i] = alphabet[rand() % 8];
        for (size_t i = 0; i < nl; i++)
            needle[i] = alphabet[rand() % 8];
        if (mc_memifind(hay, hl, needle, nl) != naive(hay, hl, needle, nl))
            fail_msg("memifind differs: '%.*s' in '%.*s'", (int)nl, needle, (int)hl, hay);
    }
}

static void test_term_escape(void **state)
{
    char out[64];
    const char in[] = "a\n::error::x\x1b[2J\t\xc2\x9b\xe2\x80\xae\xff\xed\xa0\x80 \xea\xb0\x80";
    size_t n;

    (void)state;
    n = mc_term_escape(out, sizeof(out), in, sizeof(in) - 1);
    assert_int_equal(n, strlen(out));
    assert_string_equal(out, "a\\x0a::error::x\\x1b[2J\t\\u009b\\u202e\xef\xbf\xbd"
                             "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xea\xb0\x80");
    /* cut before an escape that does not fit, never inside it */
    assert_int_equal(mc_term_escape(out, 6, "ab\ncd", 5), 2);
    assert_string_equal(out, "ab");
    assert_int_equal(mc_term_escape(out, 1, "x", 1), 0);
    assert_string_equal(out, "");
}

static void test_error_escaped(void **state)
{
    (void)state;
    assert_int_equal(mc_error_set(MC_EINVALID, "bad '%s'", "v\r\n::warning::w\x1b]8;;"),
                     MC_EINVALID);
    assert_string_equal(mc_error_last(), "bad 'v\\x0d\\x0a::warning::w\\x1b]8;;'");
    /* an error quoting the previous one is escaped once */
    mc_error_set(MC_EINVALID, "x: %s", mc_error_last());
    assert_string_equal(mc_error_last(), "x: bad 'v\\x0d\\x0a::warning::w\\x1b]8;;'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memifind_cases), cmocka_unit_test(test_memifind_random),
        cmocka_unit_test(test_squeeze),        cmocka_unit_test(test_term_escape),
        cmocka_unit_test(test_error_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
