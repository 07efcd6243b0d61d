/* mc_evidence_collect: list the files of one model directory in a source and read the
 * ones with a reader. Large files are not loaded whole where that can be avoided: for
 * sources backed by a directory on disk (plain directories, git working trees) the
 * tokenizer.json is streamed in 64 KiB chunks and only the header of a .safetensors file
 * is read, with the file opened through the source (mc_source_open_fd) like every read.
 * Of a .gguf file, from any source, only a prefix holding the metadata is read (at most
 * MC_EV_GGUF_CAP bytes, through mc_source_read_prefix). tokenizer.json is streamed from
 * every source (mc_source_stream). Whatever is held whole is reserved first from the
 * process-wide budget (budget.h): its buffer, libgit2's copy of a git blob, the tree of a
 * JSON parse. */
#include "evidence/budget.h"
#include "evidence/ev.h"
#include "evidence/jsonread.h"
#include "evidence/tokjson.h"
#include "util/str.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Open a listed file through the source (beneath the root, as every read); -1 if it
 * cannot be. */
static int open_listed(const mc_source *src, const char *path, struct stat *st)
{
    uint64_t size = 0;
    int fd;

    if (mc_source_open_fd(src, path, &fd, &size) < 0)
        return -1;
    memset(st, 0, sizeof(*st));
    st->st_size = (off_t)size;
    return fd;
}

static ssize_t read_full(int fd, char *buf, size_t n)
{
    size_t got = 0;

    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

static bool on_disk(const mc_source *src)
{
    mc_source_kind k = mc_source_get_kind(src);

    return k == MC_SOURCE_DIR || k == MC_SOURCE_WORKDIR;
}

static int feed_tokscan(void *ctx, const char *data, size_t len)
{
    return mc_tokscan_feed(ctx, data, len) ? 0 : 1;
}

/* Stream tokenizer.json from any source (a small file, possibly an LFS pointer, is read
 * whole by the caller). A packed git blob is inflated whole by libgit2: that is reserved
 * from the budget, up to MC_EV_TOKENIZER_CAP. */
static void stream_tokenizer(mc_evidence_set *set, const mc_source *src, const mc_source_entry *ent)
{
    size_t held = 0;
    mc_tokscan *s = malloc(sizeof(*s));

    mc_ev_begin_file(set, ent->path);
    if (s == NULL) {
        set->failed = 1;
        return;
    }
    if (!on_disk(src))
        held = mc_ev_budget_take(ent->size < MC_EV_TOKENIZER_CAP ? (size_t)ent->size
                                                                 : MC_EV_TOKENIZER_CAP);
    mc_tokscan_init(s);
    if (mc_source_stream(src, ent->path, MC_EV_TOKENIZER_CAP, feed_tokscan, s) != 0) {
        mc_ev_unreadable(set, ent->path, (mc_span){0, 0, 0, 0}, "%s", mc_error_last());
    } else {
        mc_tokscan_finish(s);
        mc_ev_tokscan_emit(set, ent->path, s);
    }
    mc_ev_budget_give(held);
    free(s);
}

/* Read the first bytes of a safetensors file from disk (the header only). */
static bool safetensors_header(mc_evidence_set *set, const mc_source *src, const char *path)
{
    struct stat st;
    int fd = open_listed(src, path, &st);
    unsigned char lenbuf[8];
    unsigned long long n = 0;
    char *buf = NULL;
    size_t held = 0;
    ssize_t r;

    if (fd < 0)
        return false;
    r = read_full(fd, (char *)lenbuf, sizeof(lenbuf));
    if (r == 8)
        for (int i = 7; i >= 0; i--)
            n = (n << 8) | lenbuf[i];
    if (r < 8 || n > MC_EV_ST_HEADER_CAP || n + 8 > (unsigned long long)st.st_size ||
        (unsigned long long)st.st_size < 1024) {
        /* small, short or lying: let the buffer reader say what is wrong */
        size_t take = (size_t)((unsigned long long)st.st_size < 1024 ? st.st_size : 8);

        buf = malloc(take + 1);
        if (buf && lseek(fd, 0, SEEK_SET) == 0 && (r = read_full(fd, buf, take)) >= 0) {
            if ((unsigned long long)st.st_size < 1024) {
                mc_evidence_read_buffer(set, path, buf, (size_t)r);
            } else {
                mc_ev_begin_file(set, path);
                mc_ev_read_safetensors(set, path, buf, (size_t)r, (unsigned long long)st.st_size);
            }
        }
        goto done;
    }
    held = mc_ev_budget_take((size_t)n + 8);
    buf = malloc((size_t)n + 8);
    if (buf == NULL) {
        set->failed = 1;
        goto done;
    }
    memcpy(buf, lenbuf, 8);
    r = read_full(fd, buf + 8, (size_t)n);
    mc_ev_begin_file(set, path);
    if (r != (ssize_t)n)
        mc_ev_unreadable(set, path, (mc_span){0, 0, 0, 0}, "safetensors header truncated");
    else
        mc_ev_read_safetensors(set, path, buf, (size_t)n + 8, (unsigned long long)st.st_size);
done:
    free(buf);
    mc_ev_budget_give(held);
    close(fd);
    return true;
}

/* Read the start of a GGUF file, never its tensor data (but for what the last read takes
 * beyond the metadata). From disk: from 64 KiB up to what the metadata needs, within
 * MC_EV_GGUF_CAP; each read is at least 1.5 times the previous one, so a file costs a few
 * reads and at most about three times its metadata. From git objects: MC_EV_GGUF_CAP at
 * once, as a packed blob is inflated whole for each read. */
static void gguf_header(mc_evidence_set *set, const mc_source *src, const mc_source_entry *ent)
{
    size_t want = on_disk(src) ? 64u << 10 : MC_EV_GGUF_CAP;
    char *data = NULL;
    size_t len = 0;
    size_t size = ent->size < MC_EV_GGUF_CAP ? (size_t)ent->size : MC_EV_GGUF_CAP;
    /* the prefix, and from git a packed blob libgit2 inflates whole */
    size_t held = mc_ev_budget_take(size + (on_disk(src) ? 0
                                                         : (ent->size < MC_SOURCE_PREFIX_INFLATE_MAX
                                                                ? (size_t)ent->size
                                                                : MC_SOURCE_PREFIX_INFLATE_MAX)));

    for (;;) {
        unsigned long long need;

        if (want > MC_EV_GGUF_CAP)
            want = MC_EV_GGUF_CAP;
        free(data);
        data = NULL;
        if (mc_source_read_prefix(src, ent->path, want, &data, &len) != 0) {
            mc_ev_begin_file(set, ent->path);
            mc_ev_unreadable(set, ent->path, (mc_span){0, 0, 0, 0}, "%s", mc_error_last());
            mc_ev_budget_give(held);
            return;
        }
        if (len < want || want == MC_EV_GGUF_CAP)
            break; /* the whole file, or all that may be read */
        need = mc_ev_gguf_need(data, len, ent->size);
        if (need <= len)
            break;
        /* half as much again as is known to be needed (the keys after a large array are
         * usually small), so that a file of many keys costs few reads */
        want = need < MC_EV_GGUF_CAP ? (size_t)(need + need / 2) : MC_EV_GGUF_CAP;
    }
    if (mc_ev_is_lfs_pointer(data, len) || len == ent->size) {
        mc_evidence_read_buffer(set, ent->path, data, len);
    } else {
        mc_ev_begin_file(set, ent->path);
        mc_ev_read_gguf(set, ent->path, data, len, ent->size);
    }
    free(data);
    mc_ev_budget_give(held);
}

static size_t cap_for(mc_ev_reader r)
{
    switch (r) {
    case MC_EVR_TOKENIZER_JSON:
        return MC_EV_TOKENIZER_CAP;
    case MC_EVR_ST_INDEX:
        return MC_EV_INDEX_CAP;
    case MC_EVR_SAFETENSORS:
        return MC_EV_ST_HEADER_CAP + 8;
    case MC_EVR_CODE:
    case MC_EVR_LICENSE:
    case MC_EVR_MERGE:
        return 4 * MC_EV_TEXT_CAP;
    case MC_EVR_TOKENIZER_MODEL:
        return 1024; /* only to see whether it is an LFS pointer */
    default:
        return MC_EV_JSON_CAP;
    }
}

/* What reading a file of `size` bytes (at most its cap) whole may hold at once: its
 * buffer, from git also the object libgit2 inflates, and what its reader builds. */
static size_t cost_for(mc_ev_reader r, const mc_source *src, size_t size)
{
    size_t cost = on_disk(src) ? size : 2 * size;

    switch (r) {
    case MC_EVR_CONFIG:
    case MC_EVR_MODEL_INDEX:
    case MC_EVR_ADAPTER:
    case MC_EVR_QUANT:
    case MC_EVR_TOKENIZER_CONFIG:
    case MC_EVR_SPECIAL_TOKENS_MAP:
    case MC_EVR_ADDED_TOKENS:
        return cost + mc_json_tree_bound(size); /* the cJSON tree, refused over it */
    case MC_EVR_MERGE:
        return cost + (32u << 20); /* a YAML tree of at most 100,000 nodes */
    default:
        return cost; /* read in place */
    }
}

static void read_one(mc_evidence_set *set, const mc_source *src, const mc_source_entry *ent)
{
    mc_ev_reader r = mc_ev_reader_for(ent->path);
    size_t cap = cap_for(r);
    char *data = NULL;
    size_t len = 0, held;
    int rc;

    if (ent->type == MC_ENTRY_LINK) {
        mc_ev_begin_file(set, ent->path);
        mc_ev_unreadable(set, ent->path, (mc_span){0, 0, 0, 0}, "a symbolic link (never followed)");
        return;
    }
    if (r == MC_EVR_TOKENIZER_JSON && ent->size >= 1024) {
        stream_tokenizer(set, src, ent);
        return;
    }
    if (r == MC_EVR_SAFETENSORS && on_disk(src) && safetensors_header(set, src, ent->path))
        return;
    if (r == MC_EVR_GGUF) {
        gguf_header(set, src, ent);
        return;
    }
    if (r == MC_EVR_TOKENIZER_MODEL && ent->size >= 1024) {
        mc_ev_begin_file(set, ent->path); /* a real sentencepiece model: listed, not read */
        return;
    }
    if (ent->size > cap) {
        mc_ev_begin_file(set, ent->path);
        mc_ev_unreadable(set, ent->path, (mc_span){0, 0, 0, 0},
                         "%llu bytes is over the %zu-byte limit for this file",
                         (unsigned long long)ent->size, cap);
        return;
    }
    held = mc_ev_budget_take(cost_for(r, src, (size_t)ent->size));
    rc = mc_source_read(src, ent->path, cap, &data, &len);
    if (rc != 0) {
        mc_ev_budget_give(held);
        mc_ev_begin_file(set, ent->path);
        mc_ev_unreadable(set, ent->path, (mc_span){0, 0, 0, 0}, "%s", mc_error_last());
        return;
    }
    if (r == MC_EVR_TOKENIZER_MODEL) {
        if (mc_ev_is_lfs_pointer(data, len))
            mc_evidence_read_buffer(set, ent->path, data, len);
        else
            mc_ev_begin_file(set, ent->path);
    } else {
        mc_evidence_read_buffer(set, ent->path, data, len);
    }
    free(data);
    mc_ev_budget_give(held);
}

int mc_evidence_collect(mc_evidence_set **out, const mc_source *src, const char *dir)
{
    mc_evidence_set *set = NULL;
    size_t dlen = dir ? strlen(dir) : 0;
    int rc;

    *out = NULL;
    if (src == NULL)
        return mc_error_set(MC_EINVALID, "no source");
    if ((rc = mc_evidence_new(&set)) != 0)
        return rc;
    while (dlen > 0 && dir[dlen - 1] == '/')
        dlen--;
    size_t begin, end;
    mc_source_dir_range(src, dlen > 0 ? dir : NULL, &begin, &end);
    set->root_len = dlen > 0 ? dlen + 1 : 0;
    for (size_t i = begin; i < end && !set->failed; i++) {
        const mc_source_entry *ent = mc_source_at(src, i);
        const char *p = ent->path;

        if (dlen > 0) {
            if (strncmp(p, dir, dlen) != 0 || p[dlen] != '/')
                continue;
            p += dlen + 1;
        }
        if ((strchr(p, '/') != NULL && mc_ev_diffusers_component(p) == NULL) ||
            !mc_evidence_wants(p))
            continue; /* the directory's own files, and a pipeline's component configs */
        read_one(set, src, ent);
    }
    if (!set->failed)
        mc_evidence_finish(set);
    if (set->failed) {
        mc_evidence_free(set);
        return mc_error_set(MC_ENOMEM, "out of memory");
    }
    *out = set;
    return 0;
}
