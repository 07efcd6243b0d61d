#include "testutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *tu_mkdtemp(void)
{
    const char *tmp = getenv("TMPDIR");
    char *path = malloc(4096);

    snprintf(path, 4096, "%s/mclint-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(path));
    return path;
}

static void mkparents(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    }
}

void tu_write_len(const char *dir, const char *rel, const char *data, size_t len)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    mkparents(path);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

void tu_write(const char *dir, const char *rel, const char *text)
{
    tu_write_len(dir, rel, text, strlen(text));
}

void tu_sh(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    if (system(cmd) != 0)
        fail_msg("command failed: %s", cmd);
}

void tu_rmtree(const char *dir)
{
    if (dir && strncmp(dir, "/", 1) == 0 && strstr(dir, "mclint-test-"))
        tu_sh("rm -rf '%s'", dir);
}

const char *tu_corpus(void)
{
    const char *c = getenv("MCLINT_CORPUS");
    struct stat st;

    if (c && stat(c, &st) == 0 && S_ISDIR(st.st_mode))
        return c;
    fprintf(stderr, "note: corpus not found (MCLINT_CORPUS); corpus tests skipped\n");
    return NULL;
}

char *tu_home;

int tu_git_setup(void **state)
{
    (void)state;
    tu_home = tu_mkdtemp();
    setenv("HOME", tu_home, 1);
    setenv("XDG_CONFIG_HOME", tu_home, 1);
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    unsetenv("GIT_DIR");
    unsetenv("GIT_INDEX_FILE");
    unsetenv("GIT_WORK_TREE");
    unsetenv("GIT_CEILING_DIRECTORIES");
    return 0;
}

int tu_git_teardown(void **state)
{
    (void)state;
    tu_rmtree(tu_home);
    free(tu_home);
    tu_home = NULL;
    return 0;
}
