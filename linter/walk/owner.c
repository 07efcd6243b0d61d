/* Repositories that git refuses because they belong to another user (safe.directory). */
#include "walk/walk.h"

#include "util/buf.h"
#include "util/str.h"

#include <stdio.h>
#include <string.h>

int mc_walk_foreign_repo(char **where, const char *dir)
{
    git_repository *repo = NULL;
    const char *p;
    int validate = 1, err;
    size_t n;

    *where = NULL;
    /*
     * libgit2 1.5 says GIT_EOWNER when safe.directory is set but does not list the
     * repository, and GIT_ENOTFOUND ("config value 'safe.directory' was not found") when
     * it is not set at all, like a folder outside any repository. Opening again without
     * the check tells them apart. Nothing is read from the repository but its location.
     */
    if (git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, &validate) < 0 || !validate)
        return 0; /* the check is off: it cannot be the reason */
    if (git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0) < 0)
        return 0;
    err = git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, validate);
    if (err < 0) {
        git_error_clear();
        return 0;
    }
    p = git_repository_workdir(repo);
    if (p == NULL)
        p = git_repository_path(repo);
    n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        n--;
    *where = mc_strndup(p, n);
    git_repository_free(repo);
    if (*where == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    return 1;
}

/* `path` as one shell word: as is when it only has safe characters, else single-quoted. */
static void shell_word(mc_buf *b, const char *path)
{
    if (path[0] && strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                "0123456789/._-+=:,@%") == strlen(path)) {
        mc_buf_puts(b, path);
        return;
    }
    mc_buf_puts(b, "'");
    for (const char *c = path; *c; c++) {
        if (*c == '\'')
            mc_buf_puts(b, "'\\''");
        else
            mc_buf_putc(b, *c);
    }
    mc_buf_puts(b, "'");
}

int mc_walk_foreign_message(char **out, const char *repo, bool fallback)
{
    mc_buf b = MC_BUF_INIT;

    *out = NULL;
    mc_buf_printf(&b, "%s: the git repository belongs to another user and git refuses it", repo);
    mc_buf_puts(&b, fallback ? " (linting it as a plain directory: .gitignore not honoured)" : "");
    mc_buf_puts(&b, "; if you trust it: git config --global --add safe.directory ");
    shell_word(&b, repo);
    if (!mc_buf_ok(&b)) {
        mc_buf_release(&b);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    *out = mc_buf_detach(&b);
    return 0;
}
