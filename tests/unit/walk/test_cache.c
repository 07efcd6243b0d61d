/* Hugging Face cache snapshots in a plain directory: a link that stays inside its
 * models--ORG--NAME folder is listed as the file it leads to and read through; any other
 * link there is listed as a link (to be reported), never read. And mc_source_open_fd, the
 * one way a reader streams a file of the source. */
#include "sourceutil.h"
#include "testutil.h"

#include "mclint/source.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const mc_source_entry *entry(const mc_source *src, const char *path)
{
    long at = mc_source_find(src, path);

    assert_true(at >= 0);
    return mc_source_at(src, (size_t)at);
}

static void test_snapshot_links(void **state)
{
    char *d = tu_mkdtemp();
    char path[4096];
    mc_source *src;
    char *data = NULL;
    size_t len = 0;
    int fd = -1;
    uint64_t size = 0;

    (void)state;
    tu_write(d, "hub/models--acme--tiny/blobs/b1", "card text\n");
    tu_write(d, "hub/models--acme--tiny/snapshots/r1/plain.json", "{}\n");
    tu_write(d, "hub/models--other--x/blobs/b2", "other model\n");
    tu_write(d, "secret.txt", "secret\n");
    tu_sh("cd '%s/hub/models--acme--tiny/snapshots/r1' && ln -s ../../blobs/b1 README.md && "
          "ln -s ../../../../secret.txt out.json && "
          "ln -s ../../../models--other--x/blobs/b2 other.json && "
          "ln -s ../../blobs/missing gone.json",
          d);
    /* outside snapshots/: links are never followed */
    tu_sh("cd '%s/hub/models--acme--tiny' && mkdir -p refs && ln -s ../blobs/b1 refs/link.md", d);
    snprintf(path, sizeof(path), "%s/hub", d);
    src = tu_open_dir(path);
    {
        const mc_source_entry *e = entry(src, "models--acme--tiny/snapshots/r1/README.md");
        assert_int_equal(e->type, MC_ENTRY_FILE);
        assert_true(e->cache_link);
        assert_int_equal(e->size, 10);
    }
    assert_int_equal(
        mc_source_read(src, "models--acme--tiny/snapshots/r1/README.md", 0, &data, &len), 0);
    assert_string_equal(data, "card text\n");
    free(data);
    assert_int_equal(
        mc_source_read_prefix(src, "models--acme--tiny/snapshots/r1/README.md", 4, &data, &len), 0);
    assert_string_equal(data, "card");
    free(data);
    assert_int_equal(
        mc_source_open_fd(src, "models--acme--tiny/snapshots/r1/README.md", &fd, &size), 0);
    assert_true(fd >= 0);
    assert_int_equal(size, 10);
    close(fd);
    /* the neighbours that leave the folder: listed as links, never read */
    assert_int_equal(entry(src, "models--acme--tiny/snapshots/r1/out.json")->type, MC_ENTRY_LINK);
    assert_int_equal(entry(src, "models--acme--tiny/snapshots/r1/other.json")->type, MC_ENTRY_LINK);
    assert_int_equal(entry(src, "models--acme--tiny/snapshots/r1/gone.json")->type, MC_ENTRY_LINK);
    assert_false(entry(src, "models--acme--tiny/snapshots/r1/out.json")->cache_link);
    assert_true(mc_source_read(src, "models--acme--tiny/snapshots/r1/out.json", 0, &data, &len) <
                0);
    assert_null(data);
    assert_int_equal(mc_source_open_fd(src, "models--acme--tiny/snapshots/r1/out.json", &fd, NULL),
                     MC_ENOTFOUND);
    /* a regular file of the snapshot is as usual */
    assert_false(entry(src, "models--acme--tiny/snapshots/r1/plain.json")->cache_link);
    assert_int_equal(entry(src, "models--acme--tiny/refs/link.md")->type, MC_ENTRY_LINK);
    mc_source_free(src);

    /* the same snapshot opened by itself */
    snprintf(path, sizeof(path), "%s/hub/models--acme--tiny/snapshots/r1", d);
    src = tu_open_dir(path);
    assert_true(entry(src, "README.md")->cache_link);
    assert_int_equal(entry(src, "out.json")->type, MC_ENTRY_LINK);
    mc_source_free(src);

    /* not a cache: a link is listed, to be reported, and never read */
    tu_write(d, "plain/m/config.json", "{}\n");
    tu_sh("cd '%s/plain/m' && ln -s ../../secret.txt tokenizer.json && ln -s config.json c2.json",
          d);
    snprintf(path, sizeof(path), "%s/plain", d);
    src = tu_open_dir(path);
    assert_int_equal(entry(src, "m/tokenizer.json")->type, MC_ENTRY_LINK);
    assert_int_equal(entry(src, "m/c2.json")->type, MC_ENTRY_LINK);
    assert_int_equal(mc_source_open_fd(src, "m/tokenizer.json", &fd, NULL), MC_ENOTFOUND);
    assert_int_equal(mc_source_open_fd(src, "m/config.json", &fd, &size), 0);
    assert_int_equal(size, 3);
    close(fd);
    assert_int_equal(mc_source_open_fd(src, "m/nothere.json", &fd, NULL), MC_ENOTFOUND);
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshot_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
