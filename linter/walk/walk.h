/* Internals of the walk module: the listing shared by every kind of source. */
#ifndef MC_WALK_WALK_H
#define MC_WALK_WALK_H

#include "mclint/source.h"
#include "util/arena.h"

#include <git2.h>
#include <stdbool.h>

/* One listed file. `e` comes first so that mc_source_at() can return &entry->e. For the
 * blob kinds (MC_SOURCE_INDEX, MC_SOURCE_REV) the blob's id is stored in the paths arena
 * just before the path (mc_walk_oid), so file-system listings, the large ones, pay nothing
 * for it: 24 bytes an entry plus the path. */
typedef struct {
    mc_source_entry e;
} mc_walk_entry;

/* The blob id of an entry of a blob kind. */
static inline const git_oid *mc_walk_oid(const mc_walk_entry *e)
{
    return (const git_oid *)(const void *)(e->e.path - sizeof(git_oid));
}

struct mc_source {
    mc_source_kind kind;
    char *root;   /* absolute, no trailing '/' */
    char *prefix; /* relative to root, "" for the root */
    int rootfd;   /* open directory of the root, for file-system kinds (else -1) */
    git_odb *odb; /* for blob kinds (thread-safe) */
    mc_arena *paths;
    mc_walk_entry *ents;
    size_t count;
    size_t cap;
    size_t max_files;
    bool truncated;
    bool git_ready;
    char *stop_path;      /* where the listing stopped (malloc'd), when truncated */
    const char *stop_why; /* why (a static string) */
    char *overlay_path;   /* the file read from overlay_data (relative to root), or NULL */
    char *overlay_data;   /* malloc'd copy */
    size_t overlay_len;
};

/* Append a file. Returns 0, 1 if the listing is full (then the file was not added and the
 * source is marked truncated), or a negative error. */
int mc_walk_add(mc_source *s, const char *path, size_t len, uint64_t size, const git_oid *oid);

/* Mark the listing truncated at `path` (the first thing not listed) for `why` (a static
 * string); the first call wins. */
void mc_walk_stop(mc_source *s, const char *path, size_t len, const char *why);

/* Append an entry that is not a regular file at a model card's name (see mc_entry_type);
 * `oid` (blob kinds, may be NULL) is only kept for the layout of the entry. Same returns
 * as mc_walk_add. */
int mc_walk_add_special(mc_source *s, const char *path, size_t len, mc_entry_type type,
                        const git_oid *oid);
/* The Hugging Face cache folder (.../models--ORG--NAME, malloc'd) of the absolute path
 * `abs` when it lies in that folder's snapshots/, else NULL. */
char *mc_walk_cache_base(const char *abs);

/* True if `rel` (below the root of a plain directory) lies in a cache folder's snapshots/. */
bool mc_walk_in_cache(const mc_source *s, const char *rel);

/* A symbolic link `rel` of a cache snapshot: the canonical path of its target when that is
 * a regular file inside the same models--ORG--NAME folder (malloc'd, with its size), else
 * NULL. */
char *mc_walk_cache_target(const mc_source *s, const char *rel, uint64_t *size);

/* True if `name` (a base name) is one of the names of a model card. */
bool mc_walk_card_name(const char *name);

/* Set the error from libgit2's last error: "<what>: <libgit2 message>". */
int mc_walk_git_error(int code, const char *what);

/* After git_repository_open_ext() on `dir` failed with GIT_ENOTFOUND or GIT_EOWNER: 1 if
 * the reason is that the repository belongs to another user (git's safe.directory check),
 * with its work tree (or git directory, if bare) in *where (malloc'd, no trailing '/');
 * 0 if `dir` is not in a repository; or a negative error. */
int mc_walk_foreign_repo(char **where, const char *dir);

/* The one-line message about such a repository, naming the command that trusts it; with
 * `fallback`, says that it is linted as a plain directory instead. *out is malloc'd. */
int mc_walk_foreign_message(char **out, const char *repo, bool fallback);

/* List the file system below `sub` (a directory relative to the root, "" for the root).
 * With a repository (MC_SOURCE_WORKDIR), .gitignore and friends are honoured, tracked
 * files are always listed and submodules are skipped; without one (MC_SOURCE_DIR) only
 * .git and symbolic links are skipped. */
int mc_walk_fs(mc_source *s, git_repository *repo, const char *sub);

/* List the staged blobs (stage 0) below `sub`. */
int mc_walk_index(mc_source *s, git_index *index, const char *sub);

/* 1 if a walk of `tree` stays within the tree-walk budget of mc_walk_tree (`max_files` +
 * 4 visits per entry of its distinct trees), 0 if its subtrees are shared so often that it
 * would not, or a negative error. */
int mc_walk_tree_within_budget(git_repository *repo, git_tree *tree, size_t max_files);

/* List the blobs of `tree` below `sub`. */
int mc_walk_tree(mc_source *s, git_repository *repo, git_tree *tree, const char *sub);

#endif
