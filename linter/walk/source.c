/* Sources: opening, the sorted listing, lookups and thread-safe reads. */
#include "walk/walk.h"

#include "util/buf.h"
#include "util/str.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/openat2.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#endif

#define MAX_PATH_DEPTH 256

int mc_walk_git_error(int code, const char *what)
{
    const git_error *e = git_error_last();

    return mc_error_set(code, "%s: %s", what, e && e->message ? e->message : "unknown error");
}

void mc_walk_stop(mc_source *s, const char *path, size_t len, const char *why)
{
    s->truncated = true;
    if (s->stop_path == NULL) {
        s->stop_path = mc_strndup(path, len); /* NULL if out of memory: still truncated */
        s->stop_why = why;
    }
}

int mc_walk_add(mc_source *s, const char *path, size_t len, uint64_t size, const git_oid *oid)
{
    mc_walk_entry *e;
    char *p;

    if (s->count >= s->max_files) {
        mc_walk_stop(s, path, len, "the listing stopped at its limit of files");
        return 1;
    }
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        mc_walk_entry *n;

        if (cap > SIZE_MAX / sizeof(*n))
            return mc_error_set(MC_ENOMEM, "out of memory");
        n = realloc(s->ents, cap * sizeof(*n));
        if (n == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        s->ents = n;
        s->cap = cap;
    }
    if (oid) {
        /* the blob id, then the path (see mc_walk_oid) */
        char *block = len > SIZE_MAX - sizeof(git_oid) - 1
                          ? NULL
                          : mc_arena_alloc(s->paths, sizeof(git_oid) + len + 1);
        if (block == NULL)
            return mc_error_set(MC_ENOMEM, "out of memory");
        memcpy(block, oid, sizeof(git_oid));
        p = block + sizeof(git_oid);
        memcpy(p, path, len);
        p[len] = '\0';
    } else if ((p = mc_arena_strndup(s->paths, path, len)) == NULL) {
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    e = &s->ents[s->count++];
    memset(e, 0, sizeof(*e));
    e->e.path = p;
    e->e.size = size;
    return 0;
}

int mc_walk_add_special(mc_source *s, const char *path, size_t len, mc_entry_type type,
                        const git_oid *oid)
{
    static const git_oid zero;
    int r = mc_walk_add(s, path, len, 0, s->odb ? (oid ? oid : &zero) : NULL);

    if (r == 0)
        s->ents[s->count - 1].e.type = (unsigned char)type;
    return r;
}

char *mc_walk_cache_base(const char *abs)
{
    const char *p = abs, *found = NULL, *end;

    /* the last folder named models--ORG--NAME on the path, with snapshots/ below it */
    while ((p = strstr(p, "/models--")) != NULL) {
        found = p;
        p++;
    }
    if (found == NULL || found[9] == '\0' || found[9] == '/')
        return NULL;
    end = strchr(found + 1, '/');
    if (end == NULL || strncmp(end, "/snapshots/", 11) != 0)
        return NULL;
    return mc_strndup(abs, (size_t)(end - abs));
}

char *mc_walk_cache_target(const mc_source *s, const char *rel, uint64_t *size)
{
    mc_buf abs = MC_BUF_INIT;
    char *real = NULL, *base = NULL;
    size_t bl;
    struct stat st;

    if (s->kind != MC_SOURCE_DIR)
        return NULL;
    mc_buf_printf(&abs, "%s/%s", s->root, rel);
    if (mc_buf_ok(&abs) && (base = mc_walk_cache_base(abs.ptr)) != NULL)
        real = realpath(abs.ptr, NULL);
    mc_buf_release(&abs);
    if (real == NULL) {
        free(base);
        return NULL;
    }
    bl = strlen(base);
    if (strncmp(real, base, bl) != 0 || real[bl] != '/' || stat(real, &st) != 0 ||
        !S_ISREG(st.st_mode)) {
        free(real);
        real = NULL;
    } else if (size) {
        *size = (uint64_t)st.st_size;
    }
    free(base);
    return real;
}

bool mc_walk_in_cache(const mc_source *s, const char *rel)
{
    mc_buf abs = MC_BUF_INIT;
    char *base = NULL;

    if (s->kind != MC_SOURCE_DIR)
        return false;
    mc_buf_printf(&abs, "%s/%s", s->root, rel);
    if (mc_buf_ok(&abs))
        base = mc_walk_cache_base(abs.ptr);
    mc_buf_release(&abs);
    free(base);
    return base != NULL;
}

bool mc_walk_card_name(const char *name)
{
    return strcmp(name, "README.md") == 0 || strcmp(name, "MODEL_CARD.md") == 0 ||
           strcmp(name, "model_card.md") == 0;
}

mc_source_kind mc_source_get_kind(const mc_source *src)
{
    return src->kind;
}

const char *mc_source_root(const mc_source *src)
{
    return src->root;
}

const char *mc_source_prefix(const mc_source *src)
{
    return src->prefix;
}

size_t mc_source_count(const mc_source *src)
{
    return src ? src->count : 0;
}

const char *mc_source_truncated_at(const mc_source *src, const char **why)
{
    if (why)
        *why = src && src->truncated ? src->stop_why : NULL;
    return src && src->truncated ? src->stop_path : NULL;
}

const mc_source_entry *mc_source_at(const mc_source *src, size_t i)
{
    return src && i < src->count ? &src->ents[i].e : NULL;
}

long mc_source_find(const mc_source *src, const char *path)
{
    size_t lo = 0, hi;

    if (src == NULL || path == NULL)
        return -1;
    hi = src->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(src->ents[mid].e.path, path);

        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

void mc_source_free(mc_source *src)
{
    if (src == NULL)
        return;
    if (src->rootfd >= 0)
        close(src->rootfd);
    git_odb_free(src->odb);
    mc_arena_free(src->paths);
    free(src->ents);
    free(src->root);
    free(src->prefix);
    free(src->stop_path);
    free(src->overlay_path);
    free(src->overlay_data);
    if (src->git_ready)
        git_libgit2_shutdown();
    free(src);
}

/* ---- reading ---- */

static int read_fd(int fd, const char *path, size_t max_size, char **out, size_t *len)
{
    struct stat st;
    size_t cap, got = 0;
    char *buf;

    if (fstat(fd, &st) != 0)
        return mc_error_set(MC_EIO, "%s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return mc_error_set(MC_ENOTFOUND, "%s: not a regular file", path);
    if ((uint64_t)st.st_size > (uint64_t)max_size)
        return mc_error_set(MC_ETOOBIG, "%s: %llu bytes, over the limit of %zu", path,
                            (unsigned long long)st.st_size, max_size);
    /* read one byte more than expected to notice a file growing past the limit */
    cap = (size_t)st.st_size + 1;
    buf = malloc(cap + 1);
    if (buf == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    for (;;) {
        ssize_t r;

        if (got == cap) {
            char *n;

            if (got > max_size)
                break;
            cap = cap * 2 > max_size + 1 ? max_size + 1 : cap * 2;
            n = realloc(buf, cap + 1);
            if (n == NULL) {
                free(buf);
                return mc_error_set(MC_ENOMEM, "out of memory");
            }
            buf = n;
        }
        r = read(fd, buf + got, cap - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int err = errno;

            free(buf);
            return mc_error_set(MC_EIO, "%s: %s", path, strerror(err));
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    if (got > max_size) {
        free(buf);
        return mc_error_set(MC_ETOOBIG, "%s: over the limit of %zu bytes", path, max_size);
    }
    buf[got] = '\0';
    *out = buf;
    *len = got;
    return 0;
}

/* Open `path` below the root one component at a time, never following a symbolic link,
 * so that a tree changed since the listing cannot lead outside the root. */
#if defined(__linux__) && defined(SYS_openat2)
/* openat2(2) with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS gives the same guarantee as the
 * component-by-component walk below (no symbolic link anywhere on the path, nothing
 * outside the root) in one system call instead of one open and close per folder. Kernels
 * before 5.6, and sandboxes that filter the call, answer ENOSYS or EPERM: then the walk
 * below is used from then on. */
static atomic_int openat2_missing;

static int open_resolved(const mc_source *s, const char *path)
{
    struct open_how how;
    int fd;

    if (atomic_load(&openat2_missing))
        return -2;
    memset(&how, 0, sizeof(how));
    how.flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    fd = (int)syscall(SYS_openat2, s->rootfd, path, &how, sizeof(how));
    if (fd < 0 && (errno == ENOSYS || errno == EPERM)) {
        atomic_store(&openat2_missing, 1);
        return -2;
    }
    return fd;
}
#else
static int open_resolved(const mc_source *s, const char *path)
{
    (void)s;
    (void)path;
    return -2;
}
#endif

/* Open `path` (relative to the root) for reading without following any symbolic link and
 * without leaving the root; -1 with errno on failure. */
static int open_beneath(const mc_source *s, const char *path)
{
    int dfd = s->rootfd, depth = 0;
    int fd = open_resolved(s, path);

    if (fd != -2)
        return fd;
    const char *p = path;

    for (;;) {
        const char *slash = strchr(p, '/');
        char name[NAME_MAX + 1];
        size_t n = slash ? (size_t)(slash - p) : strlen(p);

        if (n == 0 || n > NAME_MAX || (n == 1 && p[0] == '.') ||
            (n == 2 && p[0] == '.' && p[1] == '.') || ++depth > MAX_PATH_DEPTH) {
            fd = -1;
            errno = EINVAL;
        } else {
            memcpy(name, p, n);
            name[n] = '\0';
            fd = openat(dfd, name,
                        O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
                            (slash ? O_DIRECTORY : O_NONBLOCK | O_NOCTTY));
        }
        if (dfd != s->rootfd) {
            int err = errno;

            close(dfd);
            errno = err;
        }
        if (fd < 0 || slash == NULL)
            return fd;
        dfd = fd;
        p = slash + 1;
    }
}

/* Open a listed entry of a file-system source: beneath the root, or for a link of a cache
 * snapshot, its target again checked to be inside the cache folder. -1 with errno. */
static int open_entry(const mc_source *s, const mc_walk_entry *e)
{
    char *target;
    int fd;

    if (!e->e.cache_link)
        return open_beneath(s, e->e.path);
    if ((target = mc_walk_cache_target(s, e->e.path, NULL)) == NULL) {
        errno = ENOENT;
        return -1;
    }
    fd = open(target, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    free(target);
    return fd;
}

static int read_blob(const mc_source *s, const mc_walk_entry *e, size_t max_size, char **out,
                     size_t *len)
{
    git_odb_object *obj = NULL;
    git_object_t type;
    size_t size;
    char *buf;
    int err;

    err = git_odb_read_header(&size, &type, s->odb, mc_walk_oid(e));
    if (err < 0)
        return mc_walk_git_error(err == GIT_ENOTFOUND ? MC_ENOTFOUND : MC_EIO, e->e.path);
    if (size > max_size)
        return mc_error_set(MC_ETOOBIG, "%s: %zu bytes, over the limit of %zu", e->e.path, size,
                            max_size);
    err = git_odb_read(&obj, s->odb, mc_walk_oid(e));
    if (err < 0)
        return mc_walk_git_error(err == GIT_ENOTFOUND ? MC_ENOTFOUND : MC_EIO, e->e.path);
    size = git_odb_object_size(obj);
    if (size > max_size) {
        git_odb_object_free(obj);
        return mc_error_set(MC_ETOOBIG, "%s: over the limit of %zu bytes", e->e.path, max_size);
    }
    buf = malloc(size + 1);
    if (buf == NULL) {
        git_odb_object_free(obj);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    memcpy(buf, git_odb_object_data(obj), size);
    buf[size] = '\0';
    git_odb_object_free(obj);
    *out = buf;
    *len = size;
    return 0;
}

/* The bytes given for the overlay file (see mc_source_options.overlay_path). */
static int read_overlay(const mc_source *s, const char *path, size_t max_size, bool prefix,
                        char **out, size_t *len)
{
    size_t n = s->overlay_len;

    if (n > max_size) {
        if (!prefix)
            return mc_error_set(MC_ETOOBIG, "%s: larger than %zu bytes", path, max_size);
        n = max_size;
    }
    if ((*out = malloc(n + 1)) == NULL)
        return mc_error_set(MC_ENOMEM, "out of memory");
    if (n)
        memcpy(*out, s->overlay_data, n);
    (*out)[n] = '\0';
    *len = n;
    return 0;
}

/* Open a listed entry of a file-system source (open_entry) and check it is a regular file
 * still: 0 with *fd open and *st filled, else an error naming `path` (*fd is -1). */
static int open_regular(const mc_source *s, const mc_walk_entry *e, const char *path, int *fd,
                        struct stat *st)
{
    if ((*fd = open_entry(s, e)) < 0)
        return mc_error_set(errno == ENOENT ? MC_ENOTFOUND : MC_EIO, "%s: %s", path,
                            strerror(errno));
    if (fstat(*fd, st) != 0 || !S_ISREG(st->st_mode)) {
        close(*fd);
        *fd = -1;
        return mc_error_set(MC_ENOTFOUND, "%s: not a regular file", path);
    }
    return 0;
}

int mc_source_read(const mc_source *src, const char *path, size_t max_size, char **out, size_t *len)
{
    const mc_walk_entry *e;
    long i;
    int fd, err;

    if (out == NULL || len == NULL || src == NULL || path == NULL)
        return mc_error_set(MC_EINVALID, "mc_source_read: invalid argument");
    *out = NULL;
    *len = 0;
    if (max_size == 0 || max_size >= SIZE_MAX - 1)
        max_size = SIZE_MAX - 2;
    i = mc_source_find(src, path);
    if (i < 0)
        return mc_error_set(MC_ENOTFOUND, "%s: not in the source", path);
    e = &src->ents[i];
    if (src->overlay_path && strcmp(e->e.path, src->overlay_path) == 0)
        return read_overlay(src, path, max_size, false, out, len);
    if (e->e.type != MC_ENTRY_FILE)
        return mc_error_set(MC_EIO, "%s: not a regular file", path);
    if (src->odb)
        return read_blob(src, e, max_size, out, len);
    fd = open_entry(src, e);
    if (fd < 0)
        return mc_error_set(errno == ENOENT ? MC_ENOTFOUND : MC_EIO, "%s: %s", path,
                            strerror(errno));
    err = read_fd(fd, e->e.path, max_size, out, len);
    close(fd);
    return err;
}

int mc_source_open_fd(const mc_source *src, const char *path, int *fd, uint64_t *size)
{
    struct stat st;
    long i;
    int err;

    if (fd == NULL || src == NULL || path == NULL)
        return mc_error_set(MC_EINVALID, "mc_source_open_fd: invalid argument");
    *fd = -1;
    if (size)
        *size = 0;
    if (src->odb || src->rootfd < 0)
        return mc_error_set(MC_EINVALID, "%s: not a file-system source", path);
    i = mc_source_find(src, path);
    if (i < 0)
        return mc_error_set(MC_ENOTFOUND, "%s: not in the source", path);
    if (src->ents[i].e.type != MC_ENTRY_FILE)
        return mc_error_set(MC_ENOTFOUND, "%s: not a regular file", path);
    if ((err = open_regular(src, &src->ents[i], path, fd, &st)) < 0)
        return err;
    if (size)
        *size = (uint64_t)st.st_size;
    return 0;
}

/* Read a (packed) blob whole, as libgit2 inflates it: refused over `limit` bytes (0: no
 * limit) before it is inflated. */
static int read_packed(const mc_source *s, const mc_walk_entry *e, size_t limit,
                       git_odb_object **obj)
{
    size_t size;
    git_object_t type;
    int err = git_odb_read_header(&size, &type, s->odb, mc_walk_oid(e));

    if (err < 0)
        return mc_walk_git_error(err == GIT_ENOTFOUND ? MC_ENOTFOUND : MC_EIO, e->e.path);
    if (limit && size > limit)
        return mc_error_set(MC_ETOOBIG, "%s: a packed blob of %zu bytes, over the limit of %zu",
                            e->e.path, size, limit);
    err = git_odb_read(obj, s->odb, mc_walk_oid(e));
    if (err < 0)
        return mc_walk_git_error(err == GIT_ENOTFOUND ? MC_ENOTFOUND : MC_EIO, e->e.path);
    return 0;
}

/* The first bytes of a blob: streamed when its backend can (loose objects), else inflated
 * whole within MC_SOURCE_PREFIX_INFLATE_MAX. */
static int read_blob_prefix(const mc_source *s, const mc_walk_entry *e, size_t max_size, char **out,
                            size_t *len)
{
    git_odb_stream *stream = NULL;
    git_odb_object *obj = NULL;
    git_object_t type;
    size_t size, got = 0;
    char *buf = NULL;
    int err;

    if (git_odb_open_rstream(&stream, &size, &type, s->odb, mc_walk_oid(e)) == 0) {
        size_t want = size < max_size ? size : max_size;

        buf = malloc(want + 1);
        if (buf == NULL) {
            git_odb_stream_free(stream);
            return mc_error_set(MC_ENOMEM, "out of memory");
        }
        while (got < want) {
            err = git_odb_stream_read(stream, buf + got, want - got);
            if (err < 0) {
                free(buf);
                git_odb_stream_free(stream);
                return mc_walk_git_error(MC_EIO, e->e.path);
            }
            if (err == 0)
                break;
            got += (size_t)err;
        }
        git_odb_stream_free(stream);
        buf[got] = '\0';
        *out = buf;
        *len = got;
        return 0;
    }
    git_error_clear();
    /* a packed blob is inflated whole by libgit2; only the prefix is copied */
    if ((err = read_packed(s, e, MC_SOURCE_PREFIX_INFLATE_MAX, &obj)) != 0)
        return err;
    size = git_odb_object_size(obj);
    got = size < max_size ? size : max_size;
    buf = malloc(got + 1);
    if (buf == NULL) {
        git_odb_object_free(obj);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    memcpy(buf, git_odb_object_data(obj), got);
    buf[got] = '\0';
    git_odb_object_free(obj);
    *out = buf;
    *len = got;
    return 0;
}

int mc_source_read_prefix(const mc_source *src, const char *path, size_t max_size, char **out,
                          size_t *len)
{
    const mc_walk_entry *e;
    struct stat st;
    long i;
    int fd, err;
    size_t got = 0;
    char *buf;

    if (out == NULL || len == NULL || src == NULL || path == NULL)
        return mc_error_set(MC_EINVALID, "mc_source_read_prefix: invalid argument");
    *out = NULL;
    *len = 0;
    if (max_size >= SIZE_MAX - 1)
        max_size = SIZE_MAX - 2;
    i = mc_source_find(src, path);
    if (i < 0)
        return mc_error_set(MC_ENOTFOUND, "%s: not in the source", path);
    e = &src->ents[i];
    if (src->overlay_path && strcmp(e->e.path, src->overlay_path) == 0)
        return read_overlay(src, path, max_size, true, out, len);
    if (src->odb)
        return read_blob_prefix(src, e, max_size, out, len);
    if ((err = open_regular(src, e, path, &fd, &st)) < 0)
        return err;
    /* no more than the file holds: a small file costs its size, not `max_size` */
    if ((uint64_t)st.st_size < (uint64_t)max_size)
        max_size = (size_t)st.st_size;
    buf = malloc(max_size + 1);
    if (buf == NULL) {
        close(fd);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    while (got < max_size) {
        ssize_t r = read(fd, buf + got, max_size - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            err = errno;
            free(buf);
            close(fd);
            return mc_error_set(MC_EIO, "%s: %s", path, strerror(err));
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = '\0';
    *out = buf;
    *len = got;
    return 0;
}

#define STREAM_CHUNK (64u << 10)

/* A blob piece by piece: a loose blob is inflated as it is read; a packed blob is inflated
 * whole by libgit2 (at most `max_size` bytes) and passed from its buffer, without a copy. */
static int stream_blob(const mc_source *s, const mc_walk_entry *e, size_t max_size,
                       mc_source_chunk_fn fn, void *ctx)
{
    git_odb_stream *stream = NULL;
    git_odb_object *obj = NULL;
    git_object_t type;
    size_t size;
    int err, rc = 0;

    if (git_odb_open_rstream(&stream, &size, &type, s->odb, mc_walk_oid(e)) == 0) {
        char *buf = malloc(STREAM_CHUNK);

        if (buf == NULL) {
            git_odb_stream_free(stream);
            return mc_error_set(MC_ENOMEM, "out of memory");
        }
        while (rc == 0 && (err = git_odb_stream_read(stream, buf, STREAM_CHUNK)) > 0)
            rc = fn(ctx, buf, (size_t)err);
        free(buf);
        git_odb_stream_free(stream);
        if (rc == 0 && err < 0)
            return mc_walk_git_error(MC_EIO, e->e.path);
        return 0;
    }
    git_error_clear();
    if ((err = read_packed(s, e, max_size, &obj)) != 0)
        return err;
    size = git_odb_object_size(obj);
    for (size_t off = 0; rc == 0 && off < size; off += STREAM_CHUNK)
        rc = fn(ctx, (const char *)git_odb_object_data(obj) + off,
                size - off < STREAM_CHUNK ? size - off : STREAM_CHUNK);
    git_odb_object_free(obj);
    return 0;
}

int mc_source_stream(const mc_source *src, const char *path, size_t max_size, mc_source_chunk_fn fn,
                     void *ctx)
{
    const mc_walk_entry *e;
    struct stat st;
    char *buf;
    long i;
    int fd, rc = 0, err = 0;
    ssize_t r;

    if (src == NULL || path == NULL || fn == NULL)
        return mc_error_set(MC_EINVALID, "mc_source_stream: invalid argument");
    if (max_size == 0)
        max_size = SIZE_MAX;
    i = mc_source_find(src, path);
    if (i < 0)
        return mc_error_set(MC_ENOTFOUND, "%s: not in the source", path);
    e = &src->ents[i];
    if (e->e.type != MC_ENTRY_FILE)
        return mc_error_set(MC_EIO, "%s: not a regular file", path);
    if (src->odb)
        return stream_blob(src, e, max_size, fn, ctx);
    /* a cache snapshot's link is its target, as for every other read */
    if ((err = open_regular(src, e, path, &fd, &st)) < 0)
        return err;
    buf = malloc(STREAM_CHUNK);
    if (buf == NULL) {
        close(fd);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    while (rc == 0) {
        r = read(fd, buf, STREAM_CHUNK);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            err = errno;
        if (r <= 0)
            break;
        rc = fn(ctx, buf, (size_t)r);
    }
    free(buf);
    close(fd);
    if (err)
        return mc_error_set(MC_EIO, "%s: %s", path, strerror(err));
    return 0;
}

/* ---- Git LFS pointers ---- */

static bool all_of(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0' || strchr(set, s[i]) == NULL)
            return false;
    return n > 0;
}

bool mc_is_lfs_pointer(const char *data, size_t len)
{
    static const char *const versions[] = {"version https://git-lfs.github.com/spec/v1",
                                           "version https://hawser.github.com/spec/v1"};
    bool version = false, oid = false, size = false;
    size_t i = 0;

    /* the specification bounds pointer files to less than 1024 bytes */
    if (data == NULL || len == 0 || len >= 1024)
        return false;
    while (i < len) {
        const char *line = data + i, *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;

        i += n + 1;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (n == 0) {
            if (i < len)
                return false; /* blank lines only at the very end */
            continue;
        }
        if (!version) {
            for (size_t v = 0; v < 2; v++)
                if (n == strlen(versions[v]) && memcmp(line, versions[v], n) == 0)
                    version = true;
            if (!version)
                return false;
        } else if (n > 11 && memcmp(line, "oid sha256:", 11) == 0) {
            if (oid || n - 11 != 64 || !all_of(line + 11, 64, "0123456789abcdef"))
                return false;
            oid = true;
        } else if (n > 5 && memcmp(line, "size ", 5) == 0) {
            if (size || n - 5 > 20 || !all_of(line + 5, n - 5, "0123456789"))
                return false;
            size = true;
        } else {
            /* other "key value" lines (extensions) are allowed */
            const char *sp = memchr(line, ' ', n);

            if (sp == NULL || sp == line ||
                !all_of(line, (size_t)(sp - line), "abcdefghijklmnopqrstuvwxyz0123456789.-"))
                return false;
            for (size_t k = 0; k < n; k++)
                if ((unsigned char)line[k] < 0x20 && line[k] != '\t')
                    return false;
        }
    }
    return version && oid && size;
}
