/* libgit2 starts without loading TLS certificates, and git repositories still open. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "testutil.h"

#include "mclint/source.h"
#include "walk/offline.h"

#include <git2.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GIT "git -c user.name=t -c user.email=t@e -c init.defaultBranch=main"

static int find_mbedx509(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    return info->dlpi_name && strstr(info->dlpi_name, "libmbedx509") != NULL;
}

/* True when libgit2 loads certificates with a shared mbedTLS (Debian's build): then the
 * refusals must be counted. */
static bool libgit2_uses_mbedtls(void)
{
    return dl_iterate_phdr(find_mbedx509, NULL) != 0;
}

static void test_init_refuses_certificates(void **state)
{
    char *dir = tu_mkdtemp();
    mc_source *src = NULL;
    mc_source_options so = MC_SOURCE_OPTIONS_INIT;
    unsigned long before = mc_walk_offline_refusals();

    (void)state;
    if (!mc_walk_offline_tls()) {
        printf("built with MCLINT_OFFLINE_TLS=OFF: skipped\n");
        tu_rmtree(dir);
        free(dir);
        skip();
    }
    tu_write(dir, "acme-ai/Tiny-7B/README.md", "---\nlicense: mit\n---\n# Tiny\n");
    tu_write(dir, "acme-ai/Tiny-7B/config.json", "{}\n");
    tu_sh("cd '%s' && " GIT " init -q . && " GIT " add -A && " GIT " commit -qm one", dir);

    /* each open starts libgit2 (the last close shuts it down again) */
    for (int round = 1; round <= 2; round++) {
        so.kind = round == 1 ? MC_SOURCE_WORKDIR : MC_SOURCE_INDEX;
        assert_int_equal(mc_source_open(&src, dir, &so), 0);
        assert_int_equal(mc_source_get_kind(src), so.kind);
        assert_int_equal(mc_source_count(src), 2);
        assert_int_equal(mc_source_find(src, "acme-ai/Tiny-7B/config.json"), 1);
        mc_source_free(src);
        src = NULL;
        /* libgit2 with mbedTLS asks once per start; with another TLS library, never */
        if (libgit2_uses_mbedtls())
            assert_int_equal(mc_walk_offline_refusals(), before + (unsigned long)round);
        else
            assert_int_equal(mc_walk_offline_refusals(), before);
    }
    /* libgit2's own "failed to load CA certificates" is not left behind */
    assert_int_equal(mc_walk_git_init(), 0);
    assert_null(git_error_last());
    git_libgit2_shutdown();
    tu_rmtree(dir);
    free(dir);
}

/* An explicit request to load certificates goes through the same function and fails. */
static void test_explicit_location_refused(void **state)
{
    unsigned long before;
    int rc;

    (void)state;
    if (!mc_walk_offline_tls() || !libgit2_uses_mbedtls()) {
        printf("no mbedTLS certificate loading to refuse: skipped\n");
        skip();
    }
    assert_int_equal(mc_walk_git_init(), 0);
    before = mc_walk_offline_refusals();
    rc = git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, "/etc/ssl/certs/ca-certificates.crt",
                          NULL);
    assert_int_equal(rc, -1);
    assert_int_equal(mc_walk_offline_refusals(), before + 1);
    assert_non_null(git_error_last());
    assert_non_null(strstr(git_error_last()->message, "CA certificates"));
    git_libgit2_shutdown();
}

/* The count only moves when libgit2 starts: opening a plain directory again (libgit2
 * still started by an open source) asks for nothing. */
static void test_nested_open_does_not_reload(void **state)
{
    char *dir = tu_mkdtemp();
    mc_source *a = NULL, *b = NULL;
    mc_source_options so = MC_SOURCE_OPTIONS_INIT;
    unsigned long after_first;

    (void)state;
    so.kind = MC_SOURCE_DIR;
    tu_write(dir, "m/README.md", "# m\n");
    assert_int_equal(mc_source_open(&a, dir, &so), 0);
    after_first = mc_walk_offline_refusals();
    assert_int_equal(mc_source_open(&b, dir, &so), 0);
    assert_int_equal(mc_walk_offline_refusals(), after_first);
    assert_int_equal(mc_source_count(b), 1);
    mc_source_free(b);
    mc_source_free(a);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_refuses_certificates),
        cmocka_unit_test(test_explicit_location_refused),
        cmocka_unit_test(test_nested_open_does_not_reload),
    };

    return cmocka_run_group_tests(tests, tu_git_setup, tu_git_teardown);
}
