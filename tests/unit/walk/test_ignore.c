/* The ignore pre-filter: it may say "maybe" too often, never "no" wrongly. */
#include "testutil.h"

#include "walk/ignore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void add(mc_ign *ig, const char *text)
{
    mc_ign_add_text(ig, text, strlen(text));
}

static void test_kinds(void **state)
{
    mc_ign ig;

    (void)state;
    mc_ign_init(&ig, false);
    add(&ig, "# comment\n*.pyc\nbuild-*\nREADME.old\nx?z.[ch]\n\n");
    assert_true(mc_ign_maybe(&ig, "a.pyc", false));
    assert_true(mc_ign_maybe(&ig, ".pyc", false));
    assert_false(mc_ign_maybe(&ig, "a.py", false));
    assert_false(mc_ign_maybe(&ig, "a.pyc.txt", false));
    assert_true(mc_ign_maybe(&ig, "build-7", true));
    assert_false(mc_ign_maybe(&ig, "xbuild-7", true));
    assert_true(mc_ign_maybe(&ig, "README.old", false));
    assert_false(mc_ign_maybe(&ig, "README.old2", false));
    assert_false(mc_ign_maybe(&ig, "readme.old", false)); /* case matters by default */
    assert_true(mc_ign_maybe(&ig, "xyz.c", false));
    assert_false(mc_ign_maybe(&ig, "xyz.o", false));
    assert_false(mc_ign_maybe(&ig, "# comment", false));
    mc_ign_release(&ig);
}

static void test_paths_dirs_negations(void **state)
{
    mc_ign ig;
    size_t mark;

    (void)state;
    mc_ign_init(&ig, false);
    add(&ig, "/top.txt\nmodels/*/cache/\n!keep.bin\nlogs/  \ndocs/**/*.tmp\r\n");
    assert_true(mc_ign_maybe(&ig, "top.txt", false));
    assert_true(mc_ign_maybe(&ig, "cache", true));
    assert_false(mc_ign_maybe(&ig, "cache", false));    /* directory-only rule */
    assert_false(mc_ign_maybe(&ig, "keep.bin", false)); /* negations ignore nothing */
    assert_true(mc_ign_maybe(&ig, "logs", true));       /* trailing spaces trimmed */
    assert_true(mc_ign_maybe(&ig, "a.tmp", false));     /* CR trimmed */
    assert_false(mc_ign_maybe(&ig, "a.tmp2", false));
    mark = mc_ign_mark(&ig);
    add(&ig, "docs/**\n");
    assert_true(mc_ign_maybe(&ig, "anything", false));
    mc_ign_pop(&ig, mark);
    assert_false(mc_ign_maybe(&ig, "anything", false));
    mc_ign_release(&ig);
}

static void test_conservative(void **state)
{
    mc_ign ig;

    (void)state;
    mc_ign_init(&ig, false);
    add(&ig, "\\#notes\n");
    assert_true(mc_ign_maybe(&ig, "whatever", false)); /* escapes: match-all */
    mc_ign_release(&ig);

    mc_ign_init(&ig, true);
    add(&ig, "README.OLD\n*.PYC\nf[o]o\n");
    assert_true(mc_ign_maybe(&ig, "readme.old", false));
    assert_true(mc_ign_maybe(&ig, "x.pyc", false));
    assert_true(mc_ign_maybe(&ig, "FOO", false));
    mc_ign_release(&ig);

    mc_ign_init(&ig, false);
    assert_false(mc_ign_maybe(&ig, "x", false));
    mc_ign_add_any(&ig);
    assert_true(mc_ign_maybe(&ig, "x", false));
    mc_ign_release(&ig);
}

static void test_files(void **state)
{
    char *d = tu_mkdtemp();
    char path[4096];
    mc_ign ig;

    (void)state;
    tu_write(d, "rules", "*.bak\n");
    snprintf(path, sizeof(path), "%s/rules", d);
    mc_ign_init(&ig, false);
    mc_ign_add_file(&ig, -1, path);
    assert_true(mc_ign_maybe(&ig, "a.bak", false));
    assert_false(mc_ign_maybe(&ig, "a.md", false));
    snprintf(path, sizeof(path), "%s/missing", d);
    mc_ign_add_file(&ig, -1, path); /* absent: nothing added */
    assert_false(mc_ign_maybe(&ig, "a.md", false));
    /* not a regular file (a directory, a link, a FIFO): reported, never opened, nothing
     * added */
    assert_int_equal(mc_ign_add_file(&ig, -1, d), 1);
    assert_false(mc_ign_maybe(&ig, "a.md", false));
    {
        char link[4200], fifo[4200];
        snprintf(link, sizeof(link), "%s/link", d);
        snprintf(fifo, sizeof(fifo), "%s/fifo", d);
        snprintf(path, sizeof(path), "%s/rules", d);
        assert_int_equal(symlink(path, link), 0);
        assert_int_equal(mc_ign_add_file(&ig, -1, link), 1);
        assert_int_equal(mkfifo(fifo, 0600), 0);
        assert_int_equal(mc_ign_add_file(&ig, -1, fifo), 1);
        assert_false(mc_ign_maybe(&ig, "a.md", false));
        assert_int_equal(mc_ign_add_file(&ig, -1, path), 0);
        assert_true(mc_ign_maybe(&ig, "a.bak", false));
    }
    mc_ign_release(&ig);
    tu_rmtree(d);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_paths_dirs_negations),
        cmocka_unit_test(test_conservative),
        cmocka_unit_test(test_files),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
