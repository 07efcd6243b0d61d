/* mc_source_dir_range: the files under a folder, found by binary search, must be exactly
 * those a scan of the whole sorted list finds, for neighbours that sort around "dir/". */
#include "testutil.h"

#include "mclint/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *files[] = {
    "a/README.md", "a/b/config.json", "a-b/README.md",       "a.b/x.md",
    "a/z.json",    "a0/README.md",    "ab/README.md",        "b/README.md",
    "a!x.md",      "a/A/README.md",   "z/deep/er/README.md",
};

static mc_source *open_tree(char **dir)
{
    mc_source *src = NULL;
    mc_source_options o = MC_SOURCE_OPTIONS_INIT;

    *dir = tu_mkdtemp();
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        tu_write(*dir, files[i], "x\n");
    o.kind = MC_SOURCE_DIR;
    assert_int_equal(mc_source_open(&src, *dir, &o), 0);
    return src;
}

/* What a full scan finds: count and first index. */
static size_t scan(const mc_source *src, const char *dir, size_t *first)
{
    size_t dl = strlen(dir), n = 0;

    *first = mc_source_count(src);
    for (size_t i = 0; i < mc_source_count(src); i++) {
        const char *p = mc_source_at(src, i)->path;
        if (strncmp(p, dir, dl) == 0 && p[dl] == '/') {
            if (n++ == 0)
                *first = i;
        }
    }
    return n;
}

static void test_range_equals_scan(void **state)
{
    const char *dirs[] = {"a",      "a/b",       "a-b", "a.b",     "a0", "ab", "b", "z",
                          "z/deep", "z/deep/er", "a/A", "missing", "0",  "zz", "a/"};
    char *root;
    mc_source *src = open_tree(&root);

    (void)state;
    for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++) {
        size_t begin, end, first, n;
        char dir[32];
        snprintf(dir, sizeof(dir), "%s", dirs[k]);
        if (dir[strlen(dir) - 1] == '/')
            dir[strlen(dir) - 1] = '\0';
        n = scan(src, dir, &first);
        mc_source_dir_range(src, dirs[k], &begin, &end);
        assert_int_equal(end - begin, n);
        if (n)
            assert_int_equal(begin, first);
    }
    mc_source_free(src);
    tu_rmtree(root);
    free(root);
}

static void test_root_is_everything(void **state)
{
    char *root;
    mc_source *src = open_tree(&root);
    size_t begin = 9, end = 0;

    (void)state;
    mc_source_dir_range(src, "", &begin, &end);
    assert_int_equal(begin, 0);
    assert_int_equal(end, mc_source_count(src));
    mc_source_dir_range(src, NULL, &begin, &end);
    assert_int_equal(end, mc_source_count(src));
    mc_source_free(src);
    tu_rmtree(root);
    free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range_equals_scan),
        cmocka_unit_test(test_root_is_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
