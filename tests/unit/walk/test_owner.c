/* Repositories of another user (git's safe.directory check): told apart from folders
 * outside any repository, a warning and a plain-directory walk, or an error naming the fix
 * for the kinds that need git. */
#include "testutil.h"

#include "mclint/source.h"
#include "walk/offline.h"
#include "walk/walk.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GIT "git -c user.name=t -c user.email=t@e -c init.defaultBranch=main"

/* A committed repository with one card, in a fresh folder (realpath'd). */
static char *make_repo(void)
{
    char *dir = tu_mkdtemp(), *real;

    tu_write(dir, "acme-ai/Tiny-7B/README.md", "---\nlicense: mit\n---\n# Tiny\n");
    tu_write(dir, ".gitignore", "skip/\n");
    tu_write(dir, "skip/README.md", "# ignored\n");
    tu_sh("cd '%s' && " GIT " init -q . && " GIT " add -A && " GIT " commit -qm one", dir);
    real = realpath(dir, NULL);
    assert_non_null(real);
    free(dir);
    return real;
}

/* Give the repository to another user: needs root. */
static bool give_away(const char *dir)
{
    if (geteuid() != 0)
        return false;
    tu_sh("chown -R 65534 '%s'", dir);
    return true;
}

static void set_safe_directories(const char *text)
{
    tu_write(tu_home, ".gitconfig", text);
}

static void test_message(void **state)
{
    char *msg = NULL;

    (void)state;
    assert_int_equal(mc_walk_foreign_message(&msg, "/srv/acme-ai/models", true), 0);
    assert_string_equal(msg, "/srv/acme-ai/models: the git repository belongs to another user "
                             "and git refuses it (linting it as a plain directory: .gitignore "
                             "not honoured); if you trust it: git config --global --add "
                             "safe.directory /srv/acme-ai/models");
    free(msg);
    /* a name the shell would split or expand is quoted */
    assert_int_equal(mc_walk_foreign_message(&msg, "/srv/it's a $dir", false), 0);
    assert_non_null(strstr(msg, "refuses it; if you trust it: git config --global --add "
                                "safe.directory '/srv/it'\\''s a $dir'"));
    assert_null(strstr(msg, "plain directory"));
    free(msg);
}

static void test_plain_folder(void **state)
{
    char *plain = tu_mkdtemp(), *where = (char *)"x";

    (void)state;
    assert_int_equal(mc_walk_git_init(), 0);
    /* a plain folder (no repository above /tmp) is not a refused repository */
    assert_int_equal(mc_walk_foreign_repo(&where, plain), 0);
    assert_null(where);
    git_libgit2_shutdown();
    tu_rmtree(plain);
    free(plain);
}

static void test_foreign_repository(void **state)
{
    char *repo = make_repo(), *sub, *where = NULL, *plain = tu_mkdtemp();
    mc_source *src = NULL;
    mc_source_options so = MC_SOURCE_OPTIONS_INIT;
    size_t n = strlen(repo) + sizeof("/acme-ai");
    int validate = 0;

    (void)state;
    if (!give_away(repo)) {
        printf("not root (cannot give a repository to another user): skipped\n");
        tu_rmtree(repo);
        tu_rmtree(plain);
        free(repo);
        free(plain);
        skip();
    }
    sub = malloc(n);
    assert_non_null(sub);
    snprintf(sub, n, "%s/acme-ai", repo);

    /* no safe.directory at all (libgit2 1.5 then says "not found"), then one that does
     * not list this repository (GIT_EOWNER) */
    for (int round = 0; round < 2; round++) {
        set_safe_directories(round == 0 ? "[user]\n\tname = t\n"
                                        : "[safe]\n\tdirectory = /srv/elsewhere\n");
        assert_int_equal(mc_walk_git_init(), 0);
        assert_int_equal(mc_walk_foreign_repo(&where, sub), 1);
        assert_string_equal(where, repo);
        free(where);
        where = NULL;
        assert_int_equal(mc_walk_foreign_repo(&where, plain), 0);
        /* the check is on again afterwards */
        assert_int_equal(git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, &validate), 0);
        assert_int_equal(validate, 1);
        git_libgit2_shutdown();

        /* the default kind walks it as a plain directory: the ignored card is listed */
        so.kind = MC_SOURCE_AUTO;
        so.changed_since = NULL;
        assert_int_equal(mc_source_open(&src, repo, &so), 0);
        assert_int_equal(mc_source_get_kind(src), MC_SOURCE_DIR);
        assert_true(mc_source_find(src, "skip/README.md") >= 0);
        mc_source_free(src);
        src = NULL;

        /* the kinds that need git fail and say how to trust it */
        for (int k = 0; k < 3; k++) {
            so.kind = k == 0 ? MC_SOURCE_INDEX : k == 1 ? MC_SOURCE_REV : MC_SOURCE_AUTO;
            so.changed_since = k == 2 ? "HEAD" : NULL;
            assert_int_equal(mc_source_open(&src, sub, &so), MC_EINVALID);
            assert_null(src);
            assert_non_null(strstr(mc_error_last(), "belongs to another user"));
            assert_non_null(strstr(mc_error_last(), "git config --global --add safe.directory"));
            assert_non_null(strstr(mc_error_last(), repo));
        }
    }

    /* listed in safe.directory: an ordinary repository again (.gitignore honoured) */
    {
        char cfg[4200];

        snprintf(cfg, sizeof(cfg), "[safe]\n\tdirectory = %s\n", repo);
        set_safe_directories(cfg);
    }
    so.kind = MC_SOURCE_AUTO;
    so.changed_since = NULL;
    assert_int_equal(mc_source_open(&src, repo, &so), 0);
    assert_int_equal(mc_source_get_kind(src), MC_SOURCE_WORKDIR);
    assert_int_equal(mc_source_find(src, "skip/README.md"), -1);
    mc_source_free(src);
    so.kind = MC_SOURCE_INDEX;
    assert_int_equal(mc_source_open(&src, repo, &so), 0);
    mc_source_free(src);

    set_safe_directories("");
    tu_rmtree(repo);
    tu_rmtree(plain);
    free(repo);
    free(sub);
    free(plain);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_message),
        cmocka_unit_test(test_plain_folder),
        cmocka_unit_test(test_foreign_repository),
    };

    return cmocka_run_group_tests(tests, tu_git_setup, tu_git_teardown);
}
