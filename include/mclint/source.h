/*
 * Sources: the set of files mclint reads, whatever they come from.
 *
 * A source is a sorted list of repository-relative paths ('/' separators) with a way to
 * read each file. It can be the working tree of a git repository (honouring .gitignore),
 * the index (staged blobs, for pre-commit), the tree of a revision, or a plain directory.
 * Symbolic links and submodules are never listed, and nothing outside the root is read.
 * Everything else (cards, evidence, reports) reads files only through a source.
 */
#ifndef MCLINT_SOURCE_H
#define MCLINT_SOURCE_H

#include "mclint/common.h"

#include <stdbool.h>

typedef struct mc_source mc_source;

typedef enum {
    MC_SOURCE_AUTO = 0, /**< the working tree if `path` is in a git repository, else a directory */
    MC_SOURCE_WORKDIR,  /**< the working tree of a git repository, .gitignore honoured */
    MC_SOURCE_INDEX,    /**< staged contents (the index) */
    MC_SOURCE_REV,      /**< the tree of `rev` */
    MC_SOURCE_DIR,      /**< a plain directory (no git), skipping .git */
} mc_source_kind;

/**
 * Options of mc_source_open.
 *
 * `changed_since` marks the files whose content differs from the tree of
 * merge-base(HEAD, changed_since) (for MC_SOURCE_REV: merge-base(rev, changed_since)):
 * the work tree (untracked files included), the index or the revision's tree is compared
 * with that tree, as `git diff A...B` does. Without a merge base (unrelated histories) the
 * tree of `changed_since` itself is used; with an unborn HEAD every file is changed. A
 * `changed_since` that does not resolve is MC_ENOTFOUND; with MC_SOURCE_DIR it is
 * MC_EINVALID.
 */
typedef struct {
    unsigned version;
    mc_source_kind kind;
    const char *rev;           /**< for MC_SOURCE_REV (NULL = "HEAD") */
    const char *changed_since; /**< if set, mark files changed since merge-base(HEAD, this) */
    size_t max_files;          /**< stop listing after this many files (0 = 1,000,000) */
    /** A file whose bytes are given instead of read (a card piped on stdin): `overlay_path`
     * (a file-system path; the file need not exist, its folder must) is listed whatever
     * is on disk, and mc_source_read returns these `overlay_len` bytes for it. Only for
     * the file-system kinds. NULL = none. */
    const char *overlay_path;
    const char *overlay_data;
    size_t overlay_len;
} mc_source_options;

#define MC_SOURCE_OPTIONS_VERSION 1
#define MC_SOURCE_OPTIONS_INIT                                                                     \
    {                                                                                              \
        MC_SOURCE_OPTIONS_VERSION, MC_SOURCE_AUTO, NULL, NULL, 0, NULL, NULL, 0                    \
    }

/** What a listed entry is. Only regular files (and blobs) are listed, except at the names of
 * model cards (README.md, MODEL_CARD.md, model_card.md): anything else found there is
 * listed too, with its type, so that the card is reported instead of silently missing;
 * such an entry is never opened (mc_source_read refuses it). In a plain directory
 * (MC_SOURCE_DIR), every symbolic link under a Hugging Face cache folder's
 * `models--ORG--NAME/snapshots/` is listed: as the file it leads to when its target stays in
 * that models--ORG--NAME folder (`cache_link`), else as MC_ENTRY_LINK. */
typedef enum {
    MC_ENTRY_FILE = 0, /**< a regular file or a blob */
    MC_ENTRY_LINK,     /**< a symbolic link (never followed) */
    MC_ENTRY_FIFO,     /**< a named pipe */
    MC_ENTRY_DIR,      /**< a directory (or a git tree) */
    MC_ENTRY_DEVICE,   /**< a character or block device */
    MC_ENTRY_SOCKET,   /**< a socket */
    MC_ENTRY_TOO_DEEP, /**< in a folder below the walk's depth limit (not read) */
} mc_entry_type;

typedef struct {
    const char *path;   /**< relative to the root, '/'-separated */
    uint64_t size;      /**< bytes */
    bool changed;       /**< changed since `changed_since` (false when that option is unset) */
    unsigned char type; /**< an mc_entry_type */
    /** a symbolic link of a Hugging Face cache snapshot whose target stays inside the same
     * `models--ORG--NAME` folder (snapshots/REV/x -> ../../blobs/HASH): listed as the file it
     * leads to (type MC_ENTRY_FILE, the target's size) and read through */
    bool cache_link;
} mc_source_entry;

/**
 * Open the source that contains `path` (a file or a directory). For git kinds the root is
 * the repository's work tree (its top level), found by walking up from `path`; for
 * MC_SOURCE_DIR the root is `path` itself (or its directory if `path` is a file).
 * GIT_DIR / GIT_INDEX_FILE from the environment are honoured, as git hooks set them.
 *
 * When `path` is a directory, only the files below it are listed (paths stay relative to
 * the root); when it is a file, the whole root is listed, so the file's neighbours can be
 * read. The work tree listing holds tracked files and untracked files that are not ignored
 * (.gitignore, .git/info/exclude, core.excludesFile, decided by libgit2), like
 * `git ls-files -co --exclude-standard`. Entries are sorted by path in byte order.
 */
MC_EXTERN(int) mc_source_open(mc_source **out, const char *path, const mc_source_options *opts);
MC_EXTERN(void) mc_source_free(mc_source *src);

/** The kind in use (MC_SOURCE_AUTO resolved to MC_SOURCE_WORKDIR or MC_SOURCE_DIR). */
MC_EXTERN(mc_source_kind) mc_source_get_kind(const mc_source *src);
/** Absolute path of the root directory (the work tree), without a trailing '/'. */
MC_EXTERN(const char *) mc_source_root(const mc_source *src);
/** `path` (as given to mc_source_open) relative to the root: "" for the root itself. */
MC_EXTERN(const char *) mc_source_prefix(const mc_source *src);

MC_EXTERN(size_t) mc_source_count(const mc_source *src);
/** Where a listing stopped at `max_files` or at the tree-walk budget (the path of the first
 * file or folder not listed, relative to the root) and, in *why if not NULL, why; NULL if
 * the listing is whole. */
MC_EXTERN(const char *) mc_source_truncated_at(const mc_source *src, const char **why);
MC_EXTERN(const mc_source_entry *) mc_source_at(const mc_source *src, size_t i);
/** Index of `path` in the sorted list, or -1. */
MC_EXTERN(long) mc_source_find(const mc_source *src, const char *path);
/** The maximum folder depth walked in the file system (deeper folders are not entered). */
#define MC_SOURCE_MAX_DEPTH 200
/** The entries under folder `dir` (at any depth) are [*begin, *end) of the sorted list;
 * `dir` "" or NULL gives the whole list. O(log n). */
MC_EXTERN(void)
mc_source_dir_range(const mc_source *src, const char *dir, size_t *begin, size_t *end);

/**
 * Read a listed file into a malloc'd, NUL-terminated buffer (*out, *len). Files over
 * `max_size` bytes are not read: MC_ETOOBIG (0 means no limit). Paths not in the list:
 * MC_ENOTFOUND. Git kinds read the blob (no filters are applied); file-system kinds open
 * the file relative to the root without following any symbolic link. On failure *out is
 * NULL. Thread-safe: several threads may read from one source at once.
 */
MC_EXTERN(int)
mc_source_read(const mc_source *src, const char *path, size_t max_size, char **out, size_t *len);

/**
 * Read at most the first `max_size` bytes of a listed file into a malloc'd, NUL-terminated
 * buffer (*out, *len <= max_size), for readers that need only a file's header. File-system
 * kinds read only those bytes; git kinds stream loose blobs (only the prefix is inflated)
 * and inflate a packed blob whole, which is refused (MC_ETOOBIG) over
 * MC_SOURCE_PREFIX_INFLATE_MAX bytes. Otherwise as mc_source_read().
 */
#define MC_SOURCE_PREFIX_INFLATE_MAX (256u << 20)
MC_EXTERN(int)
mc_source_read_prefix(const mc_source *src, const char *path, size_t max_size, char **out,
                      size_t *len);

/**
 * Open a listed regular file of a file-system source (MC_SOURCE_DIR, MC_SOURCE_WORKDIR) for
 * reading, exactly as mc_source_read() opens it (beneath the root, no symbolic link
 * followed), for readers that stream a file or read only part of it. *fd is the caller's
 * to close; *size is the file's size. Blob kinds: MC_EINVALID (use mc_source_read_prefix).
 * A path not listed, or not a regular file: MC_ENOTFOUND.
 */
MC_EXTERN(int) mc_source_open_fd(const mc_source *src, const char *path, int *fd, uint64_t *size);

/**
 * Pass the bytes of a listed file to `fn(ctx, data, len)` in order, in pieces of at most
 * 64 KiB, until the end or until `fn` returns non-zero (which is not an error), without
 * holding the file in memory: file-system kinds read it piece by piece, git kinds stream
 * loose blobs; a packed blob is inflated whole by libgit2 (refused over `max_size` bytes,
 * MC_ETOOBIG; 0 means no limit) and passed from that buffer. Otherwise as mc_source_read().
 */
typedef int (*mc_source_chunk_fn)(void *ctx, const char *data, size_t len);
MC_EXTERN(int)
mc_source_stream(const mc_source *src, const char *path, size_t max_size, mc_source_chunk_fn fn,
                 void *ctx);

/** True if `data` is a Git LFS pointer file: under 1024 bytes, a "version
 * https://git-lfs.github.com/spec/v1" line, "oid sha256:<64 hex>" and "size <digits>". */
MC_EXTERN(bool) mc_is_lfs_pointer(const char *data, size_t len);

#endif
