/* Sources: work tree, index, revision and plain-directory listings on real repositories
 * built at test time. */
#include "testutil.h"

#include "mclint/source.h"
#include "util/buf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define GIT "git -c user.name=t -c user.email=t@e -c init.defaultBranch=main"

/* All listed paths, one per line, with '*' after changed ones. */
static char *listing(const mc_source *src)
{
    mc_buf b = MC_BUF_INIT;

    for (size_t i = 0; i < mc_source_count(src); i++) {
        const mc_source_entry *e = mc_source_at(src, i);

        /* a symbolic link is marked '@' (listed to be reported, never followed) */
        mc_buf_printf(&b, "%s%s%s\n", e->path, e->type == MC_ENTRY_LINK ? "@" : "",
                      e->changed ? "*" : "");
    }
    assert_true(mc_buf_ok(&b));
    return b.len ? mc_buf_detach(&b) : strdup("");
}

static const char *base_name(const char *p)
{
    const char *slash = strrchr(p, '/');

    return slash ? slash + 1 : p;
}

static mc_source *open_kind(const char *path, mc_source_kind kind, const char *rev,
                            const char *since)
{
    mc_source_options o = MC_SOURCE_OPTIONS_INIT;
    mc_source *src = NULL;
    int err;

    o.kind = kind;
    o.rev = rev;
    o.changed_since = since;
    err = mc_source_open(&src, path, &o);
    if (err != 0)
        fail_msg("mc_source_open(%s): %d %s", path, err, mc_error_last());
    return src;
}

static void assert_listing(const mc_source *src, const char *expected)
{
    char *got = listing(src);

    if (strcmp(got, expected) != 0)
        fail_msg("listing:\n%s\nexpected:\n%s", got, expected);
    free(got);
}

static void assert_read(const mc_source *src, const char *path, const char *expected)
{
    char *data = NULL;
    size_t len = 0;
    int err = mc_source_read(src, path, 1 << 20, &data, &len);

    if (err != 0)
        fail_msg("read %s: %d %s", path, err, mc_error_last());
    assert_int_equal(len, strlen(expected));
    assert_string_equal(data, expected);
    free(data);
}

static char *new_repo(void)
{
    char *dir = tu_mkdtemp();

    tu_sh("cd '%s' && " GIT " init -q", dir);
    return dir;
}

static void test_workdir_gitignore(void **state)
{
    char *d = new_repo();
    mc_source *src;

    (void)state;
    tu_write(d, ".gitignore", "*.log\nbuild/\n!keep.log\n/top-only.txt\ndata/*.bin\n");
    tu_write(d, "README.md", "hi\n");
    tu_write(d, "a.log", "x\n");
    tu_write(d, "keep.log", "x\n");
    tu_write(d, "top-only.txt", "x\n");
    tu_write(d, "sub/top-only.txt", "x\n");
    tu_write(d, "build/out.txt", "x\n");
    tu_write(d, "build/forced.txt", "x\n");
    tu_write(d, "data/w.bin", "x\n");
    tu_write(d, "data/w.json", "x\n");
    tu_write(d, "sub/.gitignore", "*.tmp\r\n");
    tu_write(d, "sub/x.tmp", "x\n");
    tu_write(d, "other/x.tmp", "x\n");
    tu_write(d, "deep/er/still/x.log", "x\n");
    tu_sh("cd '%s' && " GIT " add .gitignore README.md && " GIT " add -f build/forced.txt && " GIT
          " commit -q -m one",
          d);
    tu_write(d, "untracked.md", "u\n");

    src = open_kind(d, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_int_equal(mc_source_get_kind(src), MC_SOURCE_WORKDIR);
    assert_string_equal(mc_source_prefix(src), "");
    assert_listing(src, ".gitignore\nREADME.md\nbuild/forced.txt\ndata/w.json\nkeep.log\n"
                        "other/x.tmp\nsub/.gitignore\nsub/top-only.txt\nuntracked.md\n");
    assert_read(src, "untracked.md", "u\n");
    assert_int_equal(mc_source_find(src, "a.log"), -1);
    assert_int_equal(mc_source_find(src, ".git/HEAD"), -1);
    assert_true(mc_source_find(src, "README.md") >= 0);
    assert_null(mc_source_truncated_at(src, NULL));
    mc_source_free(src);

    /* AUTO picks the work tree */
    src = open_kind(d, MC_SOURCE_AUTO, NULL, NULL);
    assert_int_equal(mc_source_get_kind(src), MC_SOURCE_WORKDIR);
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

static void test_workdir_global_and_info_excludes(void **state)
{
    char *d = new_repo();
    mc_source *src;

    (void)state;
    tu_write(tu_home, "git/ignore", "*.swp\n");
    tu_write(d, ".git/info/exclude", "local-*\n");
    tu_write(d, "a.md", "a\n");
    tu_write(d, "a.md.swp", "a\n");
    tu_write(d, "local-notes.md", "a\n");
    tu_write(d, "notlocal-notes.md", "a\n");
    src = open_kind(d, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_listing(src, "a.md\nnotlocal-notes.md\n");
    mc_source_free(src);
    tu_sh("rm -f '%s/git/ignore'", tu_home);
    tu_rmtree(d);
    free(d);
}

static void test_symlinks_listed_not_followed(void **state)
{
    char *d = new_repo();
    mc_source *src;
    char *data = NULL;
    size_t len;

    (void)state;
    tu_write(d, "real.md", "real\n");
    tu_write(d, "dir/inner.md", "inner\n");
    tu_sh("cd '%s' && ln -s real.md link.md && ln -s /etc/passwd passwd && ln -s loop loop && "
          "ln -s dir dirlink && ln -s .. up",
          d);
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m links", d);
    for (int k = 0; k < 4; k++) {
        static const mc_source_kind kinds[] = {MC_SOURCE_WORKDIR, MC_SOURCE_INDEX, MC_SOURCE_REV,
                                               MC_SOURCE_DIR};
        src = open_kind(d, kinds[k], NULL, NULL);
        assert_listing(src, "dir/inner.md\ndirlink@\nlink.md@\nloop@\npasswd@\nreal.md\nup@\n");
        assert_int_not_equal(mc_source_read(src, "passwd", 1 << 20, &data, &len), 0);
        assert_null(data);
        assert_true(mc_source_find(src, "dirlink/inner.md") < 0);
        mc_source_free(src);
    }
    /* a listed file replaced by a link after the listing is not followed */
    src = open_kind(d, MC_SOURCE_WORKDIR, NULL, NULL);
    tu_sh("cd '%s' && rm real.md && ln -s /etc/passwd real.md", d);
    assert_int_not_equal(mc_source_read(src, "real.md", 1 << 20, &data, &len), 0);
    assert_null(data);
    tu_sh("cd '%s' && rm -r dir && ln -s /etc dir", d);
    assert_int_not_equal(mc_source_read(src, "dir/inner.md", 1 << 20, &data, &len), 0);
    assert_null(data);
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

static void test_submodules_skipped(void **state)
{
    char *d = new_repo();
    mc_source *src;

    (void)state;
    tu_write(d, "top.md", "t\n");
    tu_write(d, "nested/inner.md", "n\n");
    tu_sh("cd '%s/nested' && " GIT " init -q", d);
    tu_write(d, "linked/file.md", "l\n");
    tu_sh("cd '%s' && " GIT " add top.md && " GIT " update-index --add --cacheinfo "
          "160000,0123456789012345678901234567890123456789,linked && " GIT " commit -q -m s",
          d);
    src = open_kind(d, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_listing(src, "top.md\n");
    mc_source_free(src);
    src = open_kind(d, MC_SOURCE_INDEX, NULL, NULL);
    assert_listing(src, "top.md\n");
    mc_source_free(src);
    src = open_kind(d, MC_SOURCE_REV, "HEAD", NULL);
    assert_listing(src, "top.md\n");
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

/* An overlay (a card piped on stdin): its bytes replace the file's, a missing file is
 * listed, ignored files too; the other files are read as usual; blob kinds refuse it. */
static void test_overlay(void **state)
{
    char *d = new_repo(), path[4096], *data = NULL;
    mc_source_options o = MC_SOURCE_OPTIONS_INIT;
    mc_source *src = NULL;
    size_t len = 0;
    static const char piped[] = "---\nlicense: mit\n---\n";

    (void)state;
    tu_write(d, "m/README.md", "on disk\n");
    tu_write(d, "m/config.json", "{}\n");
    tu_write(d, ".gitignore", "ignored.md\n");
    o.overlay_data = piped;
    o.overlay_len = strlen(piped);
    /* an existing file: the overlay's bytes, in full and as a prefix */
    snprintf(path, sizeof(path), "%s/m/README.md", d);
    o.overlay_path = path;
    assert_int_equal(mc_source_open(&src, path, &o), 0);
    assert_listing(src, ".gitignore\nm/README.md\nm/config.json\n");
    assert_read(src, "m/README.md", piped);
    assert_read(src, "m/config.json", "{}\n");
    assert_int_equal(mc_source_at(src, (size_t)mc_source_find(src, "m/README.md"))->size,
                     strlen(piped));
    assert_int_equal(mc_source_read(src, "m/README.md", 4, &data, &len), MC_ETOOBIG);
    assert_int_equal(mc_source_read_prefix(src, "m/README.md", 4, &data, &len), 0);
    assert_int_equal(len, 4);
    assert_memory_equal(data, "---\n", 4);
    free(data);
    mc_source_free(src);
    /* a file that is not on disk, and one that .gitignore hides: listed all the same */
    snprintf(path, sizeof(path), "%s/m/MODEL_CARD.md", d);
    assert_int_equal(mc_source_open(&src, path, &o), 0);
    assert_listing(src, ".gitignore\nm/MODEL_CARD.md\nm/README.md\nm/config.json\n");
    assert_read(src, "m/MODEL_CARD.md", piped);
    assert_read(src, "m/README.md", "on disk\n");
    mc_source_free(src);
    snprintf(path, sizeof(path), "%s/ignored.md", d);
    assert_int_equal(mc_source_open(&src, path, &o), 0);
    assert_read(src, "ignored.md", piped);
    mc_source_free(src);
    /* without the overlay a missing file is an error, as before; a missing folder too */
    o.overlay_path = NULL;
    snprintf(path, sizeof(path), "%s/m/MODEL_CARD.md", d);
    assert_int_equal(mc_source_open(&src, path, &o), MC_ENOTFOUND);
    snprintf(path, sizeof(path), "%s/nowhere/README.md", d);
    o.overlay_path = path;
    assert_int_equal(mc_source_open(&src, path, &o), MC_ENOTFOUND);
    /* blob kinds have no place for it */
    snprintf(path, sizeof(path), "%s/m/README.md", d);
    o.kind = MC_SOURCE_INDEX;
    assert_int_equal(mc_source_open(&src, path, &o), MC_EINVALID);
    tu_rmtree(d);
    free(d);
}

static void test_index_reads_staged(void **state)
{
    char *d = new_repo();
    mc_source *src;

    (void)state;
    tu_write(d, "card.md", "v1\n");
    tu_sh("cd '%s' && " GIT " add card.md && " GIT " commit -q -m one", d);
    tu_write(d, "card.md", "staged\n");
    tu_write(d, "new.md", "new staged\n");
    tu_sh("cd '%s' && " GIT " add card.md new.md", d);
    tu_write(d, "card.md", "working copy\n");
    tu_write(d, "untracked.md", "u\n");
    tu_sh("cd '%s' && rm new.md", d);

    src = open_kind(d, MC_SOURCE_INDEX, NULL, NULL);
    assert_int_equal(mc_source_get_kind(src), MC_SOURCE_INDEX);
    assert_listing(src, "card.md\nnew.md\n");
    assert_read(src, "card.md", "staged\n");
    assert_read(src, "new.md", "new staged\n");
    assert_int_equal(mc_source_at(src, 0)->size, 7);
    mc_source_free(src);

    src = open_kind(d, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_listing(src, "card.md\nuntracked.md\n");
    assert_read(src, "card.md", "working copy\n");
    mc_source_free(src);

    /* GIT_INDEX_FILE, as hooks set it */
    tu_sh("cd '%s' && GIT_INDEX_FILE=.git/other-index " GIT " add untracked.md", d);
    {
        char idx[4096];

        snprintf(idx, sizeof(idx), "%s/.git/other-index", d);
        setenv("GIT_INDEX_FILE", idx, 1);
        src = open_kind(d, MC_SOURCE_INDEX, NULL, NULL);
        unsetenv("GIT_INDEX_FILE");
        assert_listing(src, "untracked.md\n");
        mc_source_free(src);
    }
    tu_rmtree(d);
    free(d);
}

static void test_rev_reads_old_tree(void **state)
{
    char *d = new_repo();
    mc_source *src;
    mc_source_options o = MC_SOURCE_OPTIONS_INIT;

    (void)state;
    tu_write(d, "m/card.md", "old\n");
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m one && " GIT " tag v1", d);
    tu_write(d, "m/card.md", "new\n");
    tu_write(d, "m/later.md", "later\n");
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m two", d);

    src = open_kind(d, MC_SOURCE_REV, "HEAD~1", NULL);
    assert_listing(src, "m/card.md\n");
    assert_read(src, "m/card.md", "old\n");
    assert_int_equal(mc_source_at(src, 0)->size, 4);
    mc_source_free(src);
    src = open_kind(d, MC_SOURCE_REV, "v1", NULL);
    assert_read(src, "m/card.md", "old\n");
    mc_source_free(src);
    src = open_kind(d, MC_SOURCE_REV, NULL, NULL); /* HEAD */
    assert_listing(src, "m/card.md\nm/later.md\n");
    assert_read(src, "m/card.md", "new\n");
    mc_source_free(src);

    o.kind = MC_SOURCE_REV;
    o.rev = "no-such-rev";
    src = NULL;
    assert_int_equal(mc_source_open(&src, d, &o), MC_ENOTFOUND);
    assert_null(src);
    assert_non_null(strstr(mc_error_last(), "no-such-rev"));
    tu_rmtree(d);
    free(d);
}

static void test_changed_since_merge_base(void **state)
{
    char *d = new_repo();
    mc_source *src;
    mc_source_options o = MC_SOURCE_OPTIONS_INIT;

    (void)state;
    tu_write(d, "a.md", "a\n");
    tu_write(d, "b.md", "b\n");
    tu_write(d, "c.md", "c\n");
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m base", d);
    tu_sh("cd '%s' && " GIT " checkout -q -b feature", d);
    tu_write(d, "a.md", "a on feature\n");
    tu_write(d, "d.md", "d\n");
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m feature", d);
    /* main moves on after the branch point: not a change of this branch */
    tu_sh("cd '%s' && " GIT " checkout -q main", d);
    tu_write(d, "c.md", "c on main\n");
    tu_sh("cd '%s' && " GIT " commit -q -am main2 && " GIT " checkout -q feature", d);
    tu_write(d, "e.md", "untracked\n");
    tu_write(d, "b.md", "b staged\n");
    tu_sh("cd '%s' && " GIT " add b.md", d);

    src = open_kind(d, MC_SOURCE_WORKDIR, NULL, "main");
    assert_listing(src, "a.md*\nb.md*\nc.md\nd.md*\ne.md*\n");
    mc_source_free(src);
    src = open_kind(d, MC_SOURCE_INDEX, NULL, "main");
    assert_listing(src, "a.md*\nb.md*\nc.md\nd.md*\n");
    mc_source_free(src);
    src = open_kind(d, MC_SOURCE_REV, "feature", "main");
    assert_listing(src, "a.md*\nb.md\nc.md\nd.md*\n");
    mc_source_free(src);
    src = open_kind(d, MC_SOURCE_REV, "main", "main");
    assert_listing(src, "a.md\nb.md\nc.md\n");
    mc_source_free(src);
    /* without the option nothing is marked */
    src = open_kind(d, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_listing(src, "a.md\nb.md\nc.md\nd.md\ne.md\n");
    mc_source_free(src);

    o.kind = MC_SOURCE_WORKDIR;
    o.changed_since = "origin/nowhere";
    src = NULL;
    assert_int_equal(mc_source_open(&src, d, &o), MC_ENOTFOUND);
    assert_null(src);
    assert_non_null(strstr(mc_error_last(), "origin/nowhere"));
    tu_rmtree(d);
    free(d);
}

static void test_tracked_in_ignored_folder(void **state)
{
    char *d = new_repo();
    char path[4096];
    mc_source *src;

    (void)state;
    tu_write(d, ".gitignore", "vendor/\n");
    tu_write(d, "vendor/kept/LICENSE", "l\n");
    tu_write(d, "vendor/kept/junk.txt", "j\n");
    tu_write(d, "vendor/other/x.txt", "x\n");
    tu_sh("cd '%s' && " GIT " add .gitignore && " GIT " add -f vendor/kept/LICENSE && " GIT
          " commit -q -m v",
          d);
    src = open_kind(d, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_listing(src, ".gitignore\nvendor/kept/LICENSE\n");
    mc_source_free(src);
    snprintf(path, sizeof(path), "%s/vendor/kept", d);
    src = open_kind(path, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_listing(src, "vendor/kept/LICENSE\n");
    mc_source_free(src);
    snprintf(path, sizeof(path), "%s/vendor/other", d);
    src = open_kind(path, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_listing(src, "");
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

static void test_hostile_tree_names(void **state)
{
    char *d = new_repo();
    mc_source *src;

    (void)state;
    /* git mktree accepts names that git checkout would refuse */
    tu_sh("cd '%s' && b=$(echo hi | git hash-object -w --stdin) && "
          "t=$(printf '100644 blob %%s\\t..\\n100644 blob %%s\\t.GIT\\n100644 blob "
          "%%s\\tok\\n' $b $b $b | git mktree) && "
          "c=$(" GIT " commit-tree $t -m x) && git update-ref refs/heads/hostile $c",
          d);
    src = open_kind(d, MC_SOURCE_REV, "hostile", NULL);
    assert_listing(src, "ok\n");
    assert_read(src, "ok", "hi\n");
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

static void test_plain_directory(void **state)
{
    char *d = tu_mkdtemp();
    mc_source *src;
    mc_source_options o = MC_SOURCE_OPTIONS_INIT;

    (void)state;
    tu_write(d, "x/README.md", "card\n");
    tu_write(d, "x/.git/config", "not a repo\n");
    tu_write(d, ".gitignore", "*.md\n"); /* no git: not honoured */
    tu_sh("cd '%s' && ln -s x/README.md link.md && mkfifo fifo", d);
    src = open_kind(d, MC_SOURCE_DIR, NULL, NULL);
    assert_int_equal(mc_source_get_kind(src), MC_SOURCE_DIR);
    assert_listing(src, ".gitignore\nlink.md@\nx/README.md\n");
    assert_read(src, "x/README.md", "card\n");
    mc_source_free(src);

    o.kind = MC_SOURCE_DIR;
    o.changed_since = "main";
    assert_int_equal(mc_source_open(&src, d, &o), MC_EINVALID);

    o = (mc_source_options)MC_SOURCE_OPTIONS_INIT;
    o.kind = MC_SOURCE_WORKDIR;
    assert_int_equal(mc_source_open(&src, d, &o), MC_ENOTFOUND);
    assert_int_equal(mc_source_open(&src, "/nonexistent/mclint/path", NULL), MC_ENOTFOUND);
    tu_rmtree(d);
    free(d);
}

static void test_odd_names(void **state)
{
    static const char *names = "a b.md\nc,d:e.md\nmodèles/ко́рпус 한국어.md\n";
    char *d = new_repo();
    mc_source *src;

    (void)state;
    tu_write(d, "a b.md", "1\n");
    tu_write(d, "c,d:e.md", "2\n");
    tu_write(d, "modèles/ко́рпус 한국어.md", "3\n");
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m odd", d);
    for (int k = 0; k < 4; k++) {
        static const mc_source_kind kinds[] = {MC_SOURCE_WORKDIR, MC_SOURCE_INDEX, MC_SOURCE_REV,
                                               MC_SOURCE_DIR};
        src = open_kind(d, kinds[k], NULL, NULL);
        assert_listing(src, names);
        assert_read(src, "modèles/ко́рпус 한국어.md", "3\n");
        assert_read(src, "c,d:e.md", "2\n");
        mc_source_free(src);
    }
    tu_rmtree(d);
    free(d);
}

static void test_read_limits(void **state)
{
    char *d = new_repo();
    mc_source *src;
    char *data = NULL;
    size_t len = 0;
    char big[5000];

    (void)state;
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    tu_write(d, "big.txt", big);
    tu_write(d, "empty.txt", "");
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m big", d);
    for (int k = 0; k < 3; k++) {
        static const mc_source_kind kinds[] = {MC_SOURCE_WORKDIR, MC_SOURCE_INDEX, MC_SOURCE_REV};
        src = open_kind(d, kinds[k], NULL, NULL);
        assert_int_equal(mc_source_read(src, "big.txt", 4998, &data, &len), MC_ETOOBIG);
        assert_null(data);
        assert_int_equal(mc_source_read(src, "big.txt", 4999, &data, &len), 0);
        assert_int_equal(len, 4999);
        assert_int_equal(data[4999], '\0');
        free(data);
        data = NULL;
        assert_int_equal(mc_source_read(src, "empty.txt", 10, &data, &len), 0);
        assert_int_equal(len, 0);
        assert_string_equal(data, "");
        free(data);
        data = NULL;
        assert_int_equal(mc_source_read(src, "missing.txt", 10, &data, &len), MC_ENOTFOUND);
        assert_int_equal(mc_source_read(src, "../etc/passwd", 10, &data, &len), MC_ENOTFOUND);
        assert_int_equal(mc_source_read(src, "/etc/passwd", 10, &data, &len), MC_ENOTFOUND);
        assert_null(data);
        mc_source_free(src);
    }
    tu_rmtree(d);
    free(d);
}

static void test_unborn_head(void **state)
{
    char *d = new_repo();
    mc_source *src;
    mc_source_options o = MC_SOURCE_OPTIONS_INIT;

    (void)state;
    tu_write(d, "card.md", "staged\n");
    tu_write(d, "loose.md", "l\n");
    tu_sh("cd '%s' && " GIT " add card.md", d);
    src = open_kind(d, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_listing(src, "card.md\nloose.md\n");
    mc_source_free(src);
    src = open_kind(d, MC_SOURCE_INDEX, NULL, NULL);
    assert_listing(src, "card.md\n");
    assert_read(src, "card.md", "staged\n");
    mc_source_free(src);
    o.kind = MC_SOURCE_REV;
    assert_int_equal(mc_source_open(&src, d, &o), MC_ENOTFOUND);
    tu_rmtree(d);
    free(d);
}

static void test_prefix_and_file_paths(void **state)
{
    char *d = new_repo();
    char path[4096];
    mc_source *src;

    (void)state;
    tu_write(d, "LICENSE", "l\n");
    tu_write(d, "models/tiny/README.md", "card\n");
    tu_write(d, "models/tiny/config.json", "{}\n");
    tu_write(d, "models/tiny-other/README.md", "card\n");
    tu_write(d, "models/tiny.md", "x\n");
    tu_write(d, ".gitignore", "models/tiny/*.json\n");
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m m", d);

    snprintf(path, sizeof(path), "%s/models/tiny", d);
    for (int k = 0; k < 3; k++) {
        static const mc_source_kind kinds[] = {MC_SOURCE_WORKDIR, MC_SOURCE_INDEX, MC_SOURCE_REV};
        src = open_kind(path, kinds[k], NULL, NULL);
        assert_string_equal(mc_source_prefix(src), "models/tiny");
        assert_listing(src, "models/tiny/README.md\n");
        mc_source_free(src);
    }
    /* a file: the whole repository, the prefix names the file */
    snprintf(path, sizeof(path), "%s/models/tiny/README.md", d);
    src = open_kind(path, MC_SOURCE_AUTO, NULL, NULL);
    assert_string_equal(mc_source_prefix(src), "models/tiny/README.md");
    assert_listing(src, ".gitignore\nLICENSE\nmodels/tiny-other/README.md\nmodels/tiny.md\n"
                        "models/tiny/README.md\n");
    {
        char *real = realpath(d, NULL);

        assert_string_equal(mc_source_root(src), real);
        free(real);
    }
    mc_source_free(src);
    src = open_kind(path, MC_SOURCE_DIR, NULL, NULL);
    assert_string_equal(mc_source_prefix(src), "README.md");
    assert_listing(src, "README.md\nconfig.json\n");
    mc_source_free(src);
    /* inside .git: nothing */
    snprintf(path, sizeof(path), "%s/.git", d);
    src = open_kind(path, MC_SOURCE_WORKDIR, NULL, NULL);
    assert_int_equal(mc_source_count(src), 0);
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

static void test_max_files(void **state)
{
    char *d = tu_mkdtemp();
    mc_source *src;
    mc_source_options o = MC_SOURCE_OPTIONS_INIT;

    (void)state;
    tu_write(d, "a", "");
    tu_write(d, "b/c", "");
    tu_write(d, "d", "");
    o.kind = MC_SOURCE_DIR;
    o.max_files = 2;
    assert_int_equal(mc_source_open(&src, d, &o), 0);
    assert_listing(src, "a\nb/c\n");
    assert_string_equal(mc_source_truncated_at(src, NULL), "d");
    mc_source_free(src);
    o.max_files = 3;
    assert_int_equal(mc_source_open(&src, d, &o), 0);
    assert_null(mc_source_truncated_at(src, NULL));
    assert_int_equal(mc_source_count(src), 3);
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

static void test_byte_order(void **state)
{
    char *d = tu_mkdtemp();
    mc_source *src;

    (void)state;
    tu_write(d, "a/b", "");
    tu_write(d, "a.txt", "");
    tu_write(d, "a-b", "");
    tu_write(d, "B", "");
    tu_write(d, "\xc3\xa9", "");
    src = open_kind(d, MC_SOURCE_DIR, NULL, NULL);
    assert_listing(src, "B\na-b\na.txt\na/b\n\xc3\xa9\n");
    for (size_t i = 0; i < mc_source_count(src); i++)
        assert_int_equal(mc_source_find(src, mc_source_at(src, i)->path), (long)i);
    assert_int_equal(mc_source_find(src, "a"), -1);
    assert_null(mc_source_at(src, 99));
    mc_source_free(src);
    tu_rmtree(d);
    free(d);
}

static void test_lfs_pointer(void **state)
{
    static const char ok[] = "version https://git-lfs.github.com/spec/v1\n"
                             "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d"
                             "17e2393\nsize 12345\n";
    static const char ext[] = "version https://git-lfs.github.com/spec/v1\n"
                              "ext-0-foo sha256:abc\n"
                              "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d"
                              "17e2393\nsize 0";
    static const char short_oid[] = "version https://git-lfs.github.com/spec/v1\n"
                                    "oid sha256:4d7a2146\nsize 12\n";
    static const char no_size[] = "version https://git-lfs.github.com/spec/v1\n"
                                  "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2"
                                  "ca24d17e2393\n";
    static const char bad_size[] = "version https://git-lfs.github.com/spec/v1\n"
                                   "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e"
                                   "2ca24d17e2393\nsize 12kB\n";
    static const char tok[] = "{\"version\": \"1.0\", \"model\": {\"vocab\": {}}}";
    char big[2048];

    (void)state;
    assert_true(mc_is_lfs_pointer(ok, strlen(ok)));
    assert_true(mc_is_lfs_pointer(ext, strlen(ext)));
    assert_false(mc_is_lfs_pointer(ok, strlen(ok) - 20)); /* truncated */
    assert_false(mc_is_lfs_pointer(short_oid, strlen(short_oid)));
    assert_false(mc_is_lfs_pointer(no_size, strlen(no_size)));
    assert_false(mc_is_lfs_pointer(bad_size, strlen(bad_size)));
    assert_false(mc_is_lfs_pointer(tok, strlen(tok)));
    assert_false(mc_is_lfs_pointer("", 0));
    assert_false(mc_is_lfs_pointer(NULL, 0));
    assert_false(mc_is_lfs_pointer(ok + 1, strlen(ok) - 1));
    memset(big, 'a', sizeof(big));
    memcpy(big, ok, strlen(ok));
    assert_false(mc_is_lfs_pointer(big, sizeof(big))); /* too big for a pointer */
}

typedef struct {
    const mc_source *src;
    int failures;
} reader_arg;

static void *reader(void *p)
{
    reader_arg *a = p;

    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < mc_source_count(a->src); i++) {
            const mc_source_entry *e = mc_source_at(a->src, i);
            char *data = NULL;
            size_t len = 0;
            char want[64];

            snprintf(want, sizeof(want), "content of %s\n", e->path);
            if (mc_source_read(a->src, e->path, 1024, &data, &len) != 0 || strcmp(data, want) != 0)
                a->failures++;
            free(data);
        }
    }
    return NULL;
}

static void test_concurrent_reads(void **state)
{
    char *d = new_repo();

    (void)state;
    for (int i = 0; i < 60; i++) {
        char name[32], text[64];

        snprintf(name, sizeof(name), "d%d/f%d.md", i % 5, i);
        snprintf(text, sizeof(text), "content of %s\n", name);
        tu_write(d, name, text);
    }
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m many && " GIT " gc -q", d);
    for (int k = 0; k < 3; k++) {
        static const mc_source_kind kinds[] = {MC_SOURCE_WORKDIR, MC_SOURCE_INDEX, MC_SOURCE_REV};
        mc_source *src = open_kind(d, kinds[k], NULL, NULL);
        pthread_t t[4];
        reader_arg args[4];

        assert_int_equal(mc_source_count(src), 60);
        for (int i = 0; i < 4; i++) {
            args[i].src = src;
            args[i].failures = 0;
            assert_int_equal(pthread_create(&t[i], NULL, reader, &args[i]), 0);
        }
        for (int i = 0; i < 4; i++) {
            pthread_join(t[i], NULL);
            assert_int_equal(args[i].failures, 0);
        }
        mc_source_free(src);
    }
    tu_rmtree(d);
    free(d);
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_timing_20000(void **state)
{
    char *d = new_repo();
    mc_source *src;
    double t;

    (void)state;
    tu_write(d, ".gitignore", "*.pyc\n__pycache__/\n*.log\nbuild/\n.DS_Store\n*.tmp\n");
    tu_sh("cd '%s' && for i in $(seq 1 200); do mkdir -p m$i/sub; "
          "(cd m$i && touch c1.json c2.json c3.md c4.txt c5.py c6.pyc c7.bin c8.safetensors "
          "c9.model c10.yaml && cd sub && touch $(seq -f 's%%g.txt' 1 90)); done",
          d);
    tu_sh("cd '%s' && " GIT " add -A && " GIT " commit -q -m big", d);
    for (int k = 0; k < 4; k++) {
        static const mc_source_kind kinds[] = {MC_SOURCE_WORKDIR, MC_SOURCE_INDEX, MC_SOURCE_REV,
                                               MC_SOURCE_DIR};
        static const char *names[] = {"workdir", "index", "rev", "dir"};

        t = now();
        src = open_kind(d, kinds[k], NULL, NULL);
        t = now() - t;
        printf("timing: %s listing of %zu files: %.1f ms\n", names[k], mc_source_count(src),
               t * 1e3);
        assert_int_equal(mc_source_count(src), kinds[k] == MC_SOURCE_DIR ? 20001 : 19801);
        mc_source_free(src);
    }
    tu_rmtree(d);
    free(d);
}

static void test_corpus_readable(void **state)
{
    const char *corpus = tu_corpus();
    char path[4096];
    mc_source *src;
    size_t readmes = 0;

    (void)state;
    if (corpus == NULL) {
        printf("skipped: corpus not found\n");
        skip();
    }
    snprintf(path, sizeof(path), "%s/real", corpus);
    src = open_kind(path, MC_SOURCE_AUTO, NULL, NULL);
    assert_true(mc_source_count(src) > 50);
    for (size_t i = 0; i < mc_source_count(src); i++) {
        const mc_source_entry *e = mc_source_at(src, i);
        char *data = NULL;
        size_t len = 0;
        int err = mc_source_read(src, e->path, 4 << 20, &data, &len);

        if (err == MC_ETOOBIG)
            continue;
        assert_int_equal(err, 0);
        assert_int_equal(len, e->size);
        if (strcmp(base_name(e->path), "README.md") == 0) {
            readmes++;
            assert_false(mc_is_lfs_pointer(data, len));
        }
        free(data);
    }
    printf("corpus: %zu files, %zu README.md\n", mc_source_count(src), readmes);
    assert_true(readmes > 40);
    mc_source_free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workdir_gitignore),
        cmocka_unit_test(test_workdir_global_and_info_excludes),
        cmocka_unit_test(test_symlinks_listed_not_followed),
        cmocka_unit_test(test_submodules_skipped),
        cmocka_unit_test(test_index_reads_staged),
        cmocka_unit_test(test_rev_reads_old_tree),
        cmocka_unit_test(test_changed_since_merge_base),
        cmocka_unit_test(test_tracked_in_ignored_folder),
        cmocka_unit_test(test_hostile_tree_names),
        cmocka_unit_test(test_plain_directory),
        cmocka_unit_test(test_odd_names),
        cmocka_unit_test(test_read_limits),
        cmocka_unit_test(test_unborn_head),
        cmocka_unit_test(test_prefix_and_file_paths),
        cmocka_unit_test(test_max_files),
        cmocka_unit_test(test_byte_order),
        cmocka_unit_test(test_lfs_pointer),
        cmocka_unit_test(test_overlay),
        cmocka_unit_test(test_concurrent_reads),
        cmocka_unit_test(test_corpus_readable),
        cmocka_unit_test(test_timing_20000),
    };

    return cmocka_run_group_tests(tests, tu_git_setup, tu_git_teardown);
}
