/* Links to the Hub: hosts and non-model pages come from rules/signals.yaml. */
#include "testutil.h"

#include "record/hub.h"

#include <string.h>

static long find(const char *s)
{
    return mc_hub_find(s, strlen(s));
}

static void test_find(void **state)
{
    (void)state;
    /* the offset just after "HOST/": the repository's path */
    assert_int_equal(find("https://huggingface.co/acme/Tiny-7B"), 23);
    assert_int_equal(find("see hf.co/acme/Tiny-7B"), 10);
    assert_int_equal(find("HTTPS://HuggingFace.co/acme/x"), 23);
    /* the earliest of the hosts */
    assert_int_equal(find("hf.co/a/b and huggingface.co/c/d"), 6);
    /* close neighbours: a longer host, a host with no path, another site */
    assert_int_equal(find("https://nothf.co/acme/x"), -1);
    assert_int_equal(find("https://huggingface.co"), -1);
    assert_int_equal(find("https://github.com/acme/x"), -1);
    assert_int_equal(find("https://nothf.co/a hf.co/b/c"), 25);
    assert_int_equal(mc_hub_find(NULL, 0), -1);
}

static void test_is_url(void **state)
{
    (void)state;
    assert_true(mc_hub_is_url("https://huggingface.co/acme/x)"));
    assert_true(mc_hub_is_url("https://hf.co/acme/x"));
    assert_false(mc_hub_is_url("http://huggingface.co/acme/x"));
    assert_false(mc_hub_is_url("https://github.com/huggingface.co/x"));
    assert_false(mc_hub_is_url("https://huggingface.com/acme/x"));
    assert_false(mc_hub_is_url(NULL));
}

static void test_pages(void **state)
{
    (void)state;
    assert_true(mc_hub_page_not_model("datasets/acme/text", 18));
    assert_true(mc_hub_page_not_model("models?search=llama", 19));
    assert_true(mc_hub_page_not_model("Spaces/acme/demo", 16));
    /* the segment, not a prefix: an owner named like a page is a repository */
    assert_false(mc_hub_page_not_model("datasets-org/model", 18));
    assert_false(mc_hub_page_not_model("acme/Tiny-7B", 12));
    /* only the first n bytes count */
    assert_false(mc_hub_page_not_model("docsy/x", 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_is_url),
        cmocka_unit_test(test_pages),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
