/* The tree-less JSON writer gives the bytes cJSON_PrintUnformatted gives for the same
 * values: string escapes, invalid UTF-8, number forms, nesting and commas. */
#include "testutil.h"

#include "output/escape.h"
#include "output/jsonw.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *strings[] = {
    "",
    "plain",
    "quote \" and \\ backslash",
    "tab\tnew\nline\rret\bbs\fff",
    "\x01\x02\x1f ctl",
    "\x7f del",
    "한국어 UTF-8 ✓",
    "bad \xff\xfe bytes",
    "cut \xe2\x82",
    "slash / stays",
    "\xf0\x9f\x98\x80 emoji",
};
static const double numbers[] = {0,
                                 1,
                                 -1,
                                 42,
                                 2147483647.0,
                                 2147483648.0,
                                 -2147483649.0,
                                 7e9,
                                 1e15,
                                 1e16,
                                 123456789012345678.0,
                                 0.5,
                                 1.0 / 3,
                                 -0.25};

static void test_same_bytes_as_cjson(void **state)
{
    cJSON *root = cJSON_CreateObject(), *arr = cJSON_CreateArray(), *nums = cJSON_CreateArray();
    mc_buf b = MC_BUF_INIT;
    mc_jw w;
    char *want;

    (void)state;
    mc_jw_init(&w, &b);
    mc_jw_obj(&w);
    mc_jw_key(&w, "strings");
    mc_jw_arr(&w);
    for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        cJSON_AddItemToArray(arr, mc_out_jstr(strings[i]));
        mc_jw_str(&w, strings[i]);
    }
    mc_jw_end_arr(&w);
    cJSON_AddItemToObject(root, "strings", arr);
    mc_jw_key(&w, "numbers");
    mc_jw_arr(&w);
    for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
        cJSON_AddItemToArray(nums, cJSON_CreateNumber(numbers[i]));
        mc_jw_num(&w, numbers[i], true);
    }
    mc_jw_end_arr(&w);
    cJSON_AddItemToObject(root, "numbers", nums);
    mc_jw_kstr(&w, "null", NULL);
    cJSON_AddItemToObject(root, "null", cJSON_CreateNull());
    mc_jw_knum(&w, "absent", 5, false);
    cJSON_AddItemToObject(root, "absent", cJSON_CreateNull());
    mc_jw_key(&w, "yes");
    mc_jw_bool(&w, true);
    cJSON_AddBoolToObject(root, "yes", 1);
    mc_jw_key(&w, "empty");
    mc_jw_obj(&w);
    mc_jw_end_obj(&w);
    cJSON_AddItemToObject(root, "empty", cJSON_CreateObject());
    mc_jw_key(&w, "nested");
    mc_jw_arr(&w);
    mc_jw_obj(&w);
    mc_jw_kstr(&w, "a", "1");
    mc_jw_end_obj(&w);
    mc_jw_obj(&w);
    mc_jw_end_obj(&w);
    mc_jw_arr(&w);
    mc_jw_end_arr(&w);
    mc_jw_end_arr(&w);
    {
        cJSON *n = cJSON_CreateArray(), *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "a", "1");
        cJSON_AddItemToArray(n, o);
        cJSON_AddItemToArray(n, cJSON_CreateObject());
        cJSON_AddItemToArray(n, cJSON_CreateArray());
        cJSON_AddItemToObject(root, "nested", n);
    }
    mc_jw_end_obj(&w);
    mc_buf_putc(&b, '\0');
    want = cJSON_PrintUnformatted(root);
    assert_true(mc_buf_ok(&b));
    assert_string_equal(b.ptr, want);
    cJSON_free(want);
    cJSON_Delete(root);
    mc_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes_as_cjson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
