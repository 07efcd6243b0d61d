/* Listing the file system: the work tree of a repository (ignore rules honoured) or a plain
 * directory. Directories are read through descriptors opened relative to their parent with
 * O_NOFOLLOW, so no symbolic link is ever followed, and nothing outside the root is seen. */
#include "walk/walk.h"

#include "util/buf.h"
#include "walk/ignore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Folders deeper than MAX_DEPTH are not walked; down to 4 * MAX_DEPTH they are still
 * searched for model cards, which are listed as too deep (and so reported). */
#define MAX_DEPTH MC_SOURCE_MAX_DEPTH

typedef struct {
    mc_source *s;
    git_repository *repo; /* NULL for a plain directory */
    git_index *index;
    mc_ign ign;
    mc_buf path; /* the current directory relative to the root, "" or ending in '/' */
    int depth;
    bool full;
    size_t ignore_checks; /* libgit2 calls, for measurements */
    /* > 0 below an ignore file that is not a regular file (a link, a FIFO...), or
     * everywhere if info/exclude or core.excludesfile is one: libgit2 would read it
     * (following the link, blocking on the FIFO), so it is not asked; nothing is ignored
     * there (more files linted, never fewer) */
    int no_git_ignore;
} fs_walk;

typedef struct {
    char *names; /* NUL-separated */
    char **ptrs; /* into names, sorted */
    size_t count;
} name_list;

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read every name of a directory (except "." and ".."), sorted so that the walk, and so
 * a truncated listing, is deterministic. */
static int read_names(DIR *d, name_list *out)
{
    mc_buf names = MC_BUF_INIT;
    size_t count = 0, off = 0;
    struct dirent *de;

    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        mc_buf_put(&names, de->d_name, strlen(de->d_name) + 1);
        count++;
    }
    if (!mc_buf_ok(&names))
        goto nomem;
    out->ptrs = malloc((count ? count : 1) * sizeof(char *));
    if (out->ptrs == NULL)
        goto nomem;
    for (size_t i = 0; i < count; i++) {
        out->ptrs[i] = names.ptr + off;
        off += strlen(names.ptr + off) + 1;
    }
    out->names = names.ptr;
    out->count = count;
    if (count > 1)
        qsort(out->ptrs, count, sizeof(char *), cmp_name);
    return 0;
nomem:
    mc_buf_release(&names);
    return mc_error_set(MC_ENOMEM, "out of memory");
}

static bool is_ignored(fs_walk *w)
{
    int ignored = 0;

    if (w->no_git_ignore)
        return false;
    w->ignore_checks++;
    if (git_ignore_path_is_ignored(&ignored, w->repo, w->path.ptr) < 0)
        return false;
    return ignored != 0;
}

static bool tracked_under(fs_walk *w)
{
    size_t pos;

    return w->index && git_index_find_prefix(&pos, w->index, w->path.ptr) == 0;
}

static bool tracked(fs_walk *w)
{
    return w->index && git_index_get_bypath(w->index, w->path.ptr, 0) != NULL;
}

/* A nested repository or a submodule: a ".git" entry inside, or a gitlink in the index. */
static bool is_submodule(fs_walk *w, int dirfd, const char *name)
{
    const git_index_entry *e;
    struct stat st;
    int fd;
    bool found;

    if (w->index && (e = git_index_get_bypath(w->index, w->path.ptr, 0)) != NULL &&
        e->mode == GIT_FILEMODE_COMMIT)
        return true;
    fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    found = fstatat(fd, ".git", &st, AT_SYMLINK_NOFOLLOW) == 0;
    close(fd);
    return found;
}

static int walk_dir(fs_walk *w, int dirfd, bool ignored_dir);

/* Whether a file w->path (named `name`) is left out by the ignore rules. */
static bool skipped(fs_walk *w, const char *name, bool ignored_dir)
{
    if (w->repo == NULL)
        return false;
    if (ignored_dir)
        return !tracked(w);
    return mc_ign_maybe(&w->ign, name, false) && is_ignored(w) && !tracked(w);
}

/* Consider one entry of the directory `dirfd`; w->path holds its path (no trailing '/'). */
static int visit(fs_walk *w, int dirfd, const char *name, bool ignored_dir)
{
    struct stat st;

    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return 0; /* vanished meanwhile */
    if (S_ISLNK(st.st_mode) && w->repo == NULL && w->depth <= MAX_DEPTH &&
        mc_walk_in_cache(w->s, w->path.ptr)) {
        /* a Hugging Face cache: a link that stays in the models--ORG--NAME folder is the file
         * it leads to (snapshots/REV/x -> ../../blobs/HASH); any other is listed, to be
         * reported, never skipped silently */
        uint64_t size = 0;
        char *target = mc_walk_cache_target(w->s, w->path.ptr, &size);
        int r = target ? mc_walk_add(w->s, w->path.ptr, w->path.len, size, NULL)
                       : mc_walk_add_special(w->s, w->path.ptr, w->path.len, MC_ENTRY_LINK, NULL);
        if (r == 0 && target)
            w->s->ents[w->s->count - 1].e.cache_link = true;
        free(target);
        if (r > 0)
            w->full = true;
        return r < 0 ? r : 0;
    }
    if (((!S_ISREG(st.st_mode) && mc_walk_card_name(name)) || S_ISLNK(st.st_mode)) &&
        !skipped(w, name, ignored_dir)) {
        /* something that is not a file where a model card goes, and any symbolic link (a card,
         * a report or evidence mclint would otherwise read): listed, to be reported */
        int r = mc_walk_add_special(w->s, w->path.ptr, w->path.len,
                                    S_ISLNK(st.st_mode)    ? MC_ENTRY_LINK
                                    : S_ISFIFO(st.st_mode) ? MC_ENTRY_FIFO
                                    : S_ISDIR(st.st_mode)  ? MC_ENTRY_DIR
                                    : S_ISSOCK(st.st_mode) ? MC_ENTRY_SOCKET
                                                           : MC_ENTRY_DEVICE,
                                    NULL);
        if (r > 0)
            w->full = true;
        if (r != 0)
            return r < 0 ? r : 0;
    }
    if (S_ISDIR(st.st_mode)) {
        bool ignored = ignored_dir;
        int fd;

        if (w->depth >= MAX_DEPTH * 4)
            return 0;
        if (w->repo) {
            if (is_submodule(w, dirfd, name))
                return 0;
            mc_buf_putc(&w->path, '/');
            if (!ignored && mc_ign_maybe(&w->ign, name, true) && is_ignored(w)) {
                /* an ignored folder matters only for the tracked files inside it */
                if (!tracked_under(w))
                    return 0;
                ignored = true;
            }
        } else {
            mc_buf_putc(&w->path, '/');
        }
        if (!mc_buf_ok(&w->path))
            return mc_error_set(MC_ENOMEM, "out of memory");
        fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return 0; /* unreadable folders are skipped, like git does */
        return walk_dir(w, fd, ignored);
    }
    if (!S_ISREG(st.st_mode))
        return 0; /* links, fifos, sockets, devices */
    if (skipped(w, name, ignored_dir))
        return 0;
    if (w->depth > MAX_DEPTH) {
        /* below the depth limit only model cards are looked for, to be reported */
        int r = mc_walk_card_name(name)
                    ? mc_walk_add_special(w->s, w->path.ptr, w->path.len, MC_ENTRY_TOO_DEEP, NULL)
                    : 0;
        if (r > 0)
            w->full = true;
        return r < 0 ? r : 0;
    }
    {
        int r = mc_walk_add(w->s, w->path.ptr, w->path.len, (uint64_t)st.st_size, NULL);

        if (r > 0)
            w->full = true;
        return r < 0 ? r : 0;
    }
}

/* Walk the directory open as `dirfd` (closed here); w->path is its path with a '/'. */
static int walk_dir(fs_walk *w, int dirfd, bool ignored_dir)
{
    name_list nl = {NULL, NULL, 0};
    size_t mark = mc_ign_mark(&w->ign), base = w->path.len;
    DIR *d = fdopendir(dirfd);
    int err = 0;
    bool unsafe = false;

    if (d == NULL) {
        close(dirfd);
        return 0;
    }
    err = read_names(d, &nl);
    if (err < 0)
        goto done;
    if (w->repo && !ignored_dir && mc_ign_add_file(&w->ign, dirfd, ".gitignore") > 0) {
        w->no_git_ignore++;
        unsafe = true;
    }
    w->depth++;
    for (size_t i = 0; i < nl.count && !w->full; i++) {
        const char *name = nl.ptrs[i];

        if (strcmp(name, ".git") == 0)
            continue;
        mc_buf_puts(&w->path, name);
        if (!mc_buf_ok(&w->path)) {
            err = mc_error_set(MC_ENOMEM, "out of memory");
            break;
        }
        err = visit(w, dirfd, name, ignored_dir);
        w->path.len = base;
        w->path.ptr[base] = '\0';
        if (err < 0)
            break;
    }
    w->depth--;
done:
    if (unsafe)
        w->no_git_ignore--;
    mc_ign_pop(&w->ign, mark);
    free(nl.names);
    free(nl.ptrs);
    closedir(d);
    return err;
}

/* Global excludes, info/exclude and core.ignorecase, as libgit2 reads them. */
static void load_repo_rules(fs_walk *w)
{
    git_config *cfg = NULL;
    git_buf buf = GIT_BUF_INIT;
    mc_buf p = MC_BUF_INIT;
    int casefold = 0;

    if (git_repository_config_snapshot(&cfg, w->repo) == 0) {
        if (git_config_get_bool(&casefold, cfg, "core.ignorecase") < 0)
            casefold = 0;
    }
    mc_ign_init(&w->ign, casefold != 0);
    if (cfg && git_config_get_path(&buf, cfg, "core.excludesfile") == 0) {
        w->no_git_ignore += mc_ign_add_file(&w->ign, -1, buf.ptr);
    } else {
        const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

        if (xdg && xdg[0])
            mc_buf_printf(&p, "%s/git/ignore", xdg);
        else if (home && home[0])
            mc_buf_printf(&p, "%s/.config/git/ignore", home);
        if (p.len && mc_buf_ok(&p))
            w->no_git_ignore += mc_ign_add_file(&w->ign, -1, p.ptr);
    }
    mc_buf_clear(&p);
    mc_buf_printf(&p, "%sinfo/exclude", git_repository_commondir(w->repo));
    if (mc_buf_ok(&p))
        w->no_git_ignore += mc_ign_add_file(&w->ign, -1, p.ptr);
    else
        mc_ign_add_any(&w->ign);
    mc_buf_release(&p);
    git_buf_dispose(&buf);
    git_config_free(cfg);
}

int mc_walk_fs(mc_source *s, git_repository *repo, const char *sub)
{
    fs_walk w;
    bool ignored = false;
    const char *p = sub;
    int fd, err = 0;

    memset(&w, 0, sizeof(w));
    w.s = s;
    w.repo = repo;
    w.path = (mc_buf)MC_BUF_INIT;
    if (repo) {
        if (git_repository_index(&w.index, repo) < 0)
            return mc_walk_git_error(MC_EIO, "index");
        load_repo_rules(&w);
    } else {
        mc_ign_init(&w.ign, false);
    }
    mc_buf_puts(&w.path, "");
    fd = open(s->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        err = mc_error_set(MC_EIO, "%s: %s", s->root, strerror(errno));
        goto done;
    }
    /* descend to `sub`, collecting the ignore rules of the folders on the way */
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        char *name = strndup(p, n);
        int nfd;

        if (name == NULL) {
            close(fd);
            err = mc_error_set(MC_ENOMEM, "out of memory");
            goto done;
        }
        if (repo && !ignored)
            w.no_git_ignore += mc_ign_add_file(&w.ign, fd, ".gitignore");
        mc_buf_put(&w.path, p, n);
        if (strcmp(name, ".git") == 0 || (repo && is_submodule(&w, fd, name))) {
            free(name);
            close(fd);
            goto done; /* nothing to list there */
        }
        mc_buf_putc(&w.path, '/');
        if (repo && !ignored && mc_ign_maybe(&w.ign, name, true) && is_ignored(&w)) {
            if (!tracked_under(&w)) {
                free(name);
                close(fd);
                goto done;
            }
            ignored = true;
        }
        nfd = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        free(name);
        close(fd);
        if (nfd < 0) {
            err = mc_error_set(MC_EIO, "%s/%s: %s", s->root, sub, strerror(errno));
            goto done;
        }
        fd = nfd;
        p += n;
        while (*p == '/')
            p++;
    }
    if (!mc_buf_ok(&w.path)) {
        close(fd);
        err = mc_error_set(MC_ENOMEM, "out of memory");
        goto done;
    }
    err = walk_dir(&w, fd, ignored);
    if (getenv("MCLINT_WALK_STATS"))
        fprintf(stderr, "walk: %zu files, %zu ignore checks\n", s->count, w.ignore_checks);
done:
    mc_ign_release(&w.ign);
    mc_buf_release(&w.path);
    git_index_free(w.index);
    return err;
}
