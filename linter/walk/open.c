/* mc_source_open: find the root, list the files of the requested kind, mark changes. */
#include "walk/offline.h"
#include "walk/walk.h"

#include "util/str.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX_FILES 1000000

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const mc_walk_entry *)a)->e.path, ((const mc_walk_entry *)b)->e.path);
}

/* `abs` relative to `root` (both canonical), or NULL if it is not below it. */
static char *relative_to(const char *root, const char *abs)
{
    size_t n = strlen(root);

    if (n == 1 && root[0] == '/')
        return mc_strdup(abs + 1);
    if (strncmp(abs, root, n) != 0)
        return NULL;
    if (abs[n] == '\0')
        return mc_strdup("");
    if (abs[n] != '/')
        return NULL;
    return mc_strdup(abs + n + 1);
}

static char *canonical_dir(const char *path)
{
    char *r = realpath(path, NULL);
    size_t n;

    if (r == NULL)
        return NULL;
    n = strlen(r);
    while (n > 1 && r[n - 1] == '/')
        r[--n] = '\0';
    return r;
}

/* The canonical path of a file that does not exist (yet) in a folder that does. */
static char *canonical_missing(const char *path)
{
    size_t dl = mc_path_dirlen(path);
    const char *base = path + dl + (path[dl] == '/');
    char *dir = dl ? mc_strndup(path, dl) : mc_strdup(path[0] == '/' ? "/" : ".");
    char *real = dir ? canonical_dir(dir) : NULL;
    char *out = NULL;

    if (real && *base && strcmp(base, ".") && strcmp(base, "..")) {
        size_t rl = strlen(real), bl = strlen(base);
        if ((out = malloc(rl + bl + 2)) != NULL)
            snprintf(out, rl + bl + 2, "%s%s%s", real, rl > 1 ? "/" : "", base);
    }
    free(dir);
    free(real);
    errno = ENOENT;
    return out;
}

/* List the overlay file (whatever the walk found at its path) and keep its bytes. */
static int add_overlay(mc_source *s, const char *abs, const mc_source_options *opts)
{
    char *rel = relative_to(s->root, abs);
    size_t i;
    int rc;

    if (rel == NULL || *rel == '\0') {
        free(rel);
        return mc_error_set(MC_EINVALID, "%s: not a file in the linted folder", opts->overlay_path);
    }
    for (i = 0; i < s->count && strcmp(s->ents[i].e.path, rel) != 0; i++)
        ;
    if (i == s->count) {
        if ((rc = mc_walk_add(s, rel, strlen(rel), 0, NULL)) != 0) {
            free(rel);
            return rc < 0 ? rc : mc_error_set(MC_ETOOBIG, "too many files");
        }
    }
    s->ents[i].e.type = MC_ENTRY_FILE;
    s->ents[i].e.size = opts->overlay_len;
    s->overlay_path = rel;
    s->overlay_len = opts->overlay_len;
    if ((s->overlay_data = malloc(opts->overlay_len + 1)) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    if (opts->overlay_len)
        memcpy(s->overlay_data, opts->overlay_data, opts->overlay_len);
    s->overlay_data[opts->overlay_len] = '\0';
    return 0;
}

/* The commit whose merge base with `since` is the reference point: HEAD, or the revision
 * itself for MC_SOURCE_REV. Returns GIT_ENOTFOUND for an unborn HEAD. */
static int ours_commit(git_oid *out, git_repository *repo, const char *rev)
{
    git_object *obj = NULL, *commit = NULL;
    int err;

    if (rev == NULL)
        return git_reference_name_to_id(out, repo, "HEAD");
    err = git_revparse_single(&obj, repo, rev);
    if (err == 0)
        err = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
    if (err == 0)
        git_oid_cpy(out, git_object_id(commit));
    git_object_free(commit);
    git_object_free(obj);
    if (err < 0) /* a bare tree has no history: compare with HEAD */
        return git_reference_name_to_id(out, repo, "HEAD");
    return 0;
}

static int mark_changed(mc_source *s, git_repository *repo, git_index *index, git_tree *rev_tree,
                        const char *rev, const char *since, const char *sub)
{
    git_object *obj = NULL, *theirs = NULL;
    git_commit *base_commit = NULL;
    git_tree *base = NULL;
    git_diff *diff = NULL;
    git_diff_options dopts;
    git_oid ours, mb;
    char *pathspec[1];
    int err;

    git_diff_options_init(&dopts, GIT_DIFF_OPTIONS_VERSION);
    err = git_revparse_single(&obj, repo, since);
    if (err == 0)
        err = git_object_peel(&theirs, obj, GIT_OBJECT_COMMIT);
    if (err < 0) {
        err = mc_error_set(MC_ENOTFOUND, "changed-since: unknown revision '%s'", since);
        goto done;
    }
    err = ours_commit(&ours, repo, rev);
    if (err == 0) {
        err = git_merge_base(&mb, repo, &ours, git_object_id(theirs));
        if (err == GIT_ENOTFOUND) /* unrelated histories: compare with `since` itself */
            git_oid_cpy(&mb, git_object_id(theirs));
        else if (err < 0) {
            err = mc_walk_git_error(MC_EIO, "merge base");
            goto done;
        }
        if ((err = git_commit_lookup(&base_commit, repo, &mb)) < 0 ||
            (err = git_commit_tree(&base, base_commit)) < 0) {
            err = mc_walk_git_error(MC_EIO, "merge base");
            goto done;
        }
    } else if (err != GIT_ENOTFOUND && err != GIT_EUNBORNBRANCH) {
        err = mc_walk_git_error(MC_EIO, "HEAD");
        goto done;
    }
    /* an unborn HEAD shares nothing with `since`: base stays NULL (the empty tree) */

    /* a tree whose subtrees are shared so often that diffing it would visit more paths than
     * the listing's budget: nothing is compared, every file counts as changed (more cards
     * linted, never fewer) */
    if ((err = mc_walk_tree_within_budget(repo, base, s->max_files)) == 1 &&
        s->kind != MC_SOURCE_WORKDIR && s->kind != MC_SOURCE_INDEX)
        err = mc_walk_tree_within_budget(repo, rev_tree, s->max_files);
    if (err < 0)
        goto done;
    if (err == 0) {
        for (size_t i = 0; i < s->count; i++)
            s->ents[i].e.changed = true;
        goto done;
    }
    dopts.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL;
    if (sub[0]) {
        pathspec[0] = (char *)sub;
        dopts.pathspec.strings = pathspec;
        dopts.pathspec.count = 1;
        dopts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    }
    if (s->kind == MC_SOURCE_WORKDIR) {
        dopts.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
        err = git_diff_tree_to_workdir_with_index(&diff, repo, base, &dopts);
    } else if (s->kind == MC_SOURCE_INDEX) {
        err = git_diff_tree_to_index(&diff, repo, base, index, &dopts);
    } else {
        err = git_diff_tree_to_tree(&diff, repo, base, rev_tree, &dopts);
    }
    if (err < 0) {
        err = mc_walk_git_error(MC_EIO, "diff");
        goto done;
    }
    for (size_t i = 0, n = git_diff_num_deltas(diff); i < n; i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        long at;

        if (d->status == GIT_DELTA_DELETED || d->status == GIT_DELTA_UNMODIFIED ||
            d->status == GIT_DELTA_IGNORED || d->new_file.path == NULL)
            continue;
        at = mc_source_find(s, d->new_file.path);
        if (at >= 0)
            s->ents[at].e.changed = true;
    }
    err = 0;
done:
    git_diff_free(diff);
    git_tree_free(base);
    git_commit_free(base_commit);
    git_object_free(theirs);
    git_object_free(obj);
    return err;
}

/* The repository could not be opened: if git refuses it because it belongs to another
 * user, warn and lint a plain directory (MC_SOURCE_AUTO without changed-since, as the
 * files are all there), or fail naming the fix (the git kinds cannot do without it).
 * Returns 0 to carry on as if `dir` were in no repository, or a negative error. */
static int refused_repo(mc_source *s, const char *dir, bool needs_git)
{
    static char *warned; /* one warning per repository, however many times it is opened */
    char *where = NULL, *msg = NULL;
    bool fallback = s->kind == MC_SOURCE_AUTO && !needs_git;
    int err;

    err = mc_walk_foreign_repo(&where, dir);
    if (err <= 0)
        return err;
    err = mc_walk_foreign_message(&msg, where, fallback);
    if (err == 0 && !fallback)
        err = mc_error_set(MC_EINVALID, "%s", msg);
    else if (err == 0 && (warned == NULL || strcmp(warned, where) != 0)) {
        size_t cap = strlen(msg) * 4 + 1; /* an escape is at most 4 bytes per byte */
        char *esc = malloc(cap);
        if (esc)
            mc_term_escape(esc, cap, msg, strlen(msg));
        fprintf(stderr, "mclint: warning: %s\n",
                esc ? esc : "a git repository belongs to another user");
        free(esc);
        free(warned);
        warned = where;
        where = NULL;
    }
    free(msg);
    free(where);
    return err;
}

static int list_rev(mc_source *s, git_repository *repo, const char *rev, const char *sub,
                    git_tree **tree_out)
{
    git_object *obj = NULL;
    char *spec;
    int err;

    if (rev == NULL || rev[0] == '\0')
        rev = "HEAD";
    spec = malloc(strlen(rev) + sizeof("^{tree}"));
    if (spec == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    memcpy(spec, rev, strlen(rev));
    memcpy(spec + strlen(rev), "^{tree}", sizeof("^{tree}"));
    err = git_revparse_single(&obj, repo, spec);
    free(spec);
    if (err < 0)
        return mc_error_set(MC_ENOTFOUND, "unknown revision '%s'", rev);
    *tree_out = (git_tree *)obj;
    return mc_walk_tree(s, repo, (git_tree *)obj, sub);
}

int mc_source_open(mc_source **out, const char *path, const mc_source_options *opts)
{
    static const mc_source_options defaults = MC_SOURCE_OPTIONS_INIT;
    mc_source *s = NULL;
    git_repository *repo = NULL;
    git_index *index = NULL;
    git_tree *rev_tree = NULL;
    char *abs = NULL, *dir = NULL, *root = NULL;
    const char *sub;
    struct stat st;
    bool is_dir;
    int err;

    if (out == NULL || path == NULL || path[0] == '\0')
        return mc_error_set(MC_EINVALID, "mc_source_open: invalid argument");
    *out = NULL;
    if (opts == NULL)
        opts = &defaults;
    if (opts->version != MC_SOURCE_OPTIONS_VERSION)
        return mc_error_set(MC_EINVALID, "mc_source_options: unsupported version %u",
                            opts->version);
    abs = canonical_dir(path);
    if (abs == NULL && errno == ENOENT && opts->overlay_path)
        abs = canonical_missing(path);
    if (abs == NULL || (stat(abs, &st) != 0 && !(errno == ENOENT && opts->overlay_path))) {
        err = mc_error_set(errno == ENOMEM ? MC_ENOMEM : MC_ENOTFOUND, "%s: %s", path,
                           strerror(errno));
        goto fail;
    }
    if (opts->overlay_path && (opts->kind == MC_SOURCE_INDEX || opts->kind == MC_SOURCE_REV)) {
        err = mc_error_set(MC_EINVALID, "a card read from stdin cannot be linted from git blobs");
        goto fail;
    }
    is_dir = !opts->overlay_path && S_ISDIR(st.st_mode);
    if (is_dir) {
        dir = mc_strdup(abs);
    } else {
        size_t n = mc_path_dirlen(abs);

        dir = mc_strndup(abs, n ? n : 1);
    }
    s = calloc(1, sizeof(*s));
    if (s == NULL || dir == NULL || (s->paths = mc_arena_new()) == NULL) {
        err = mc_error_set(MC_ENOMEM, "out of memory");
        goto fail;
    }
    s->rootfd = -1;
    s->kind = opts->kind;
    s->max_files = opts->max_files ? opts->max_files : DEFAULT_MAX_FILES;
    if ((err = mc_walk_git_init()) < 0)
        goto fail;
    s->git_ready = true;

    if (s->kind != MC_SOURCE_DIR) {
        err = git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
        if (err == GIT_ENOTFOUND || err == GIT_EOWNER) {
            err = refused_repo(s, dir, opts->changed_since != NULL);
            if (err < 0)
                goto fail;
            err = GIT_ENOTFOUND;
        }
        if (err == GIT_ENOTFOUND && s->kind == MC_SOURCE_AUTO) {
            s->kind = MC_SOURCE_DIR;
        } else if (err == GIT_ENOTFOUND) {
            err = mc_error_set(MC_ENOTFOUND, "%s: not in a git repository", path);
            goto fail;
        } else if (err < 0) {
            err = mc_walk_git_error(MC_EIO, path);
            goto fail;
        } else if (git_repository_is_bare(repo)) {
            if (s->kind == MC_SOURCE_AUTO) {
                s->kind = MC_SOURCE_DIR;
            } else if (s->kind == MC_SOURCE_WORKDIR) {
                err = mc_error_set(MC_EINVALID, "%s: a bare repository has no work tree", path);
                goto fail;
            }
        } else if (s->kind == MC_SOURCE_AUTO) {
            s->kind = MC_SOURCE_WORKDIR;
        }
    }
    if (s->kind == MC_SOURCE_DIR) {
        git_repository_free(repo);
        repo = NULL;
        if (opts->changed_since) {
            err = mc_error_set(MC_EINVALID, "%s: changed-since needs a git repository", path);
            goto fail;
        }
        root = mc_strdup(dir);
    } else {
        const char *wd = git_repository_workdir(repo);

        root = canonical_dir(wd ? wd : git_repository_path(repo));
    }
    if (root == NULL) {
        err = mc_error_set(MC_EIO, "%s: cannot resolve the root", path);
        goto fail;
    }
    s->root = root;
    root = NULL;
    s->prefix = relative_to(s->root, abs);
    if (s->prefix == NULL) {
        err = mc_error_set(MC_EINVALID, "%s: outside the work tree %s", path, s->root);
        goto fail;
    }
    sub = is_dir ? s->prefix : "";

    switch (s->kind) {
    case MC_SOURCE_DIR:
        err = mc_walk_fs(s, NULL, sub);
        break;
    case MC_SOURCE_WORKDIR:
        err = mc_walk_fs(s, repo, sub);
        break;
    case MC_SOURCE_INDEX:
        err = git_repository_index(&index, repo);
        if (err < 0)
            err = mc_walk_git_error(MC_EIO, "index");
        else
            err = mc_walk_index(s, index, sub);
        break;
    case MC_SOURCE_REV:
        err = list_rev(s, repo, opts->rev, sub, &rev_tree);
        break;
    default:
        err = mc_error_set(MC_EINVALID, "mc_source_open: unknown kind %d", (int)s->kind);
        break;
    }
    if (err < 0)
        goto fail;
    if (opts->overlay_path && (err = add_overlay(s, abs, opts)) < 0)
        goto fail;
    if (s->count > 1)
        qsort(s->ents, s->count, sizeof(*s->ents), cmp_entry);
    if (repo && opts->changed_since) {
        if (s->kind == MC_SOURCE_WORKDIR && index == NULL &&
            git_repository_index(&index, repo) < 0) {
            err = mc_walk_git_error(MC_EIO, "index");
            goto fail;
        }
        err = mark_changed(s, repo, index, rev_tree, s->kind == MC_SOURCE_REV ? opts->rev : NULL,
                           opts->changed_since, sub);
        if (err < 0)
            goto fail;
    }
    if (s->kind == MC_SOURCE_INDEX || s->kind == MC_SOURCE_REV) {
        if (git_repository_odb(&s->odb, repo) < 0) {
            err = mc_walk_git_error(MC_EIO, "object database");
            goto fail;
        }
    } else {
        s->rootfd = open(s->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (s->rootfd < 0) {
            err = mc_error_set(MC_EIO, "%s: %s", s->root, strerror(errno));
            goto fail;
        }
    }
    git_tree_free(rev_tree);
    git_index_free(index);
    git_repository_free(repo);
    free(abs);
    free(dir);
    *out = s;
    return 0;
fail:
    git_tree_free(rev_tree);
    git_index_free(index);
    git_repository_free(repo);
    free(abs);
    free(dir);
    free(root);
    mc_source_free(s);
    return err;
}
