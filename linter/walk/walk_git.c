/* Listings from git objects: the index (staged blobs) and the tree of a revision. */
#include "walk/walk.h"

#include "util/buf.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

static bool under(const char *path, const char *sub, size_t sublen)
{
    return sublen == 0 || (strncmp(path, sub, sublen) == 0 && path[sublen] == '/');
}

/* Paths from a hostile index or tree: no empty, ".", ".." or ".git" components. */
static bool safe_path(const char *p)
{
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);

        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.') ||
            (n == 4 && strncasecmp(p, ".git", 4) == 0))
            return false;
        if (slash == NULL)
            return true;
        p = slash + 1;
    }
}

static bool is_blob_mode(uint32_t mode)
{
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

int mc_walk_index(mc_source *s, git_index *index, const char *sub)
{
    size_t sublen = strlen(sub), n = git_index_entrycount(index), i = 0;

    if (sublen) {
        /* entries are sorted: start at the first one below `sub` */
        mc_buf p = MC_BUF_INIT;

        mc_buf_printf(&p, "%s/", sub);
        if (!mc_buf_ok(&p))
            return mc_error_set(MC_ENOMEM, "out of memory");
        if (git_index_find_prefix(&i, index, p.ptr) < 0)
            i = n;
        mc_buf_release(&p);
    }
    for (; i < n; i++) {
        const git_index_entry *e = git_index_get_byindex(index, i);
        int r;

        if (e == NULL)
            continue;
        if (!under(e->path, sub, sublen))
            break;
        if (GIT_INDEX_ENTRY_STAGE(e) != 0 || (e->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) ||
            !safe_path(e->path))
            continue;
        if (!is_blob_mode(e->mode)) {
            /* a staged symbolic link: listed, to be reported where mclint would read it */
            if (e->mode == GIT_FILEMODE_LINK)
                r = mc_walk_add_special(s, e->path, strlen(e->path), MC_ENTRY_LINK, &e->id);
            else
                continue;
        } else {
            r = mc_walk_add(s, e->path, strlen(e->path), e->file_size, &e->id);
        }
        if (r < 0)
            return r;
        if (r > 0)
            break;
    }
    return 0;
}

/* The ids of the trees seen in one walk: open addressing, grown at half full, hashed
 * under a random key so that ids ground to share low bits do not share a bucket. */
typedef struct {
    git_oid *ids;
    size_t cap, len;
    uint64_t key[2];
} tree_set;

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static size_t tree_slot(const tree_set *t, const git_oid *id)
{
    uint64_t a, b;

    memcpy(&a, id->id, 8);
    memcpy(&b, id->id + 8, 8);
    return (size_t)(mix64(a ^ t->key[0]) ^ mix64(b ^ t->key[1])) & (t->cap - 1);
}

static void tree_set_key(tree_set *t)
{
    struct timespec ts;

    if (getrandom(t->key, sizeof(t->key), GRND_NONBLOCK) == (ssize_t)sizeof(t->key))
        return;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    t->key[0] = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^ (uint64_t)ts.tv_sec;
    t->key[1] = (uint64_t)(uintptr_t)t ^ ((uint64_t)ts.tv_nsec << 32);
}

/* Add `id`: 1 if it was new, 0 if already there, or MC_ENOMEM. The zero id marks a free
 * slot (no object has it). */
static int tree_set_add(tree_set *t, const git_oid *id)
{
    size_t i;

    if (2 * (t->len + 1) > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        tree_set n = {calloc(cap, sizeof(git_oid)), cap, 0, {t->key[0], t->key[1]}};

        if (n.ids == NULL)
            return MC_ENOMEM;
        for (size_t k = 0; k < t->cap; k++) {
            if (git_oid_is_zero(&t->ids[k]))
                continue;
            for (i = tree_slot(&n, &t->ids[k]); !git_oid_is_zero(&n.ids[i]);
                 i = (i + 1) & (cap - 1))
                ;
            n.ids[i] = t->ids[k];
        }
        n.len = t->len;
        free(t->ids);
        *t = n;
    }
    for (i = tree_slot(t, id); !git_oid_is_zero(&t->ids[i]); i = (i + 1) & (t->cap - 1))
        if (git_oid_equal(&t->ids[i], id))
            return 0;
    t->ids[i] = *id;
    t->len++;
    return 1;
}

/* The tree walk's budget: every entry of every distinct tree may be visited this many
 * times, plus the listing's file limit; beyond it the trees are shared so often (a tree
 * whose two entries are the same subtree, nested: 2^depth paths from a few dozen objects)
 * that the listing stops there, truncated. */
#define TREE_VISITS_PER_ENTRY 4

typedef struct {
    mc_source *s;
    git_repository *repo;
    git_odb *odb;
    mc_buf path;
    size_t base; /* length of the subtree prefix ("sub/") in `path` */
    tree_set seen;
    uint64_t entries; /* entries of the distinct trees seen */
    uint64_t visits;  /* entries visited */
    int err;
} tree_walk;

/* Count a visit of `te` (an entry of the tree at `root`): 0 to go on, -1 to stop (the
 * budget is spent: the listing is marked truncated there; or an error in w->err). */
static int tree_visit(tree_walk *w, const char *root, const git_tree_entry *te)
{
    w->visits++;
    if (git_tree_entry_type(te) == GIT_OBJECT_TREE) {
        int r = tree_set_add(&w->seen, git_tree_entry_id(te));
        git_tree *t = NULL;

        if (r < 0) {
            w->err = mc_error_set(MC_ENOMEM, "out of memory");
            return -1;
        }
        if (r > 0 && git_tree_lookup(&t, w->repo, git_tree_entry_id(te)) == 0) {
            w->entries += git_tree_entrycount(t);
            git_tree_free(t);
        }
    }
    if (w->visits <= w->s->max_files + TREE_VISITS_PER_ENTRY * w->entries)
        return 0;
    w->path.len = w->base;
    mc_buf_puts(&w->path, root);
    mc_buf_puts(&w->path, git_tree_entry_name(te));
    if (!mc_buf_ok(&w->path)) {
        w->err = mc_error_set(MC_ENOMEM, "out of memory");
        return -1;
    }
    mc_walk_stop(w->s, w->path.ptr, w->path.len,
                 "the listing stopped here: the revision's folders share subtrees so often "
                 "that walking them would visit more than 4 times each of their entries");
    return -1;
}

static int tree_cb(const char *root, const git_tree_entry *te, void *payload)
{
    tree_walk *w = payload;
    git_filemode_t mode = git_tree_entry_filemode(te);
    const char *name = git_tree_entry_name(te);
    git_object_t type;
    size_t size = 0;
    int r;

    /* any link, and a folder where a model card goes: listed, to be reported */
    bool special = mode == GIT_FILEMODE_LINK ||
                   (mc_walk_card_name(name) && git_tree_entry_type(te) == GIT_OBJECT_TREE);

    if (tree_visit(w, root, te) < 0)
        return -1;
    if (!special && (git_tree_entry_type(te) != GIT_OBJECT_BLOB || !is_blob_mode(mode)))
        return 0; /* trees are entered; links and submodules skipped */
    w->path.len = w->base;
    mc_buf_puts(&w->path, root);
    mc_buf_puts(&w->path, name);
    if (!mc_buf_ok(&w->path)) {
        w->err = mc_error_set(MC_ENOMEM, "out of memory");
        return -1;
    }
    if (!safe_path(w->path.ptr))
        return 0;
    if (special) {
        r = mc_walk_add_special(w->s, w->path.ptr, w->path.len,
                                mode == GIT_FILEMODE_LINK ? MC_ENTRY_LINK : MC_ENTRY_DIR,
                                git_tree_entry_id(te));
        if (r < 0) {
            w->err = r;
            return -1;
        }
        return r > 0 ? -1 : 0;
    }
    if (git_odb_read_header(&size, &type, w->odb, git_tree_entry_id(te)) < 0)
        size = 0; /* missing object (shallow or partial clone): reading will say so */
    r = mc_walk_add(w->s, w->path.ptr, w->path.len, size, git_tree_entry_id(te));
    if (r < 0) {
        w->err = r;
        return -1;
    }
    return r > 0 ? -1 : 0;
}

typedef struct {
    git_repository *repo;
    tree_set seen;
    uint64_t entries, visits, cap;
    int err;
} tree_count;

static int count_cb(const char *root, const git_tree_entry *te, void *payload)
{
    tree_count *c = payload;

    (void)root;
    c->visits++;
    if (git_tree_entry_type(te) == GIT_OBJECT_TREE) {
        int r = tree_set_add(&c->seen, git_tree_entry_id(te));
        git_tree *t = NULL;

        if (r < 0) {
            c->err = mc_error_set(MC_ENOMEM, "out of memory");
            return -1;
        }
        if (r > 0 && git_tree_lookup(&t, c->repo, git_tree_entry_id(te)) == 0) {
            c->entries += git_tree_entrycount(t);
            git_tree_free(t);
        }
    }
    return c->visits <= c->cap + TREE_VISITS_PER_ENTRY * c->entries ? 0 : -1;
}

int mc_walk_tree_within_budget(git_repository *repo, git_tree *tree, size_t max_files)
{
    tree_count c = {repo, {NULL, 0, 0, {0, 0}}, 0, 0, max_files, 0};
    int err;

    if (tree == NULL)
        return 1;
    tree_set_key(&c.seen);
    c.entries = git_tree_entrycount(tree);
    err = git_tree_walk(tree, GIT_TREEWALK_PRE, count_cb, &c);
    free(c.seen.ids);
    if (c.err < 0)
        return c.err;
    return err == 0;
}

int mc_walk_tree(mc_source *s, git_repository *repo, git_tree *tree, const char *sub)
{
    tree_walk w = {s, repo, NULL, MC_BUF_INIT, 0, {NULL, 0, 0, {0, 0}}, 0, 0, 0};
    git_tree_entry *te = NULL;
    git_tree *subtree = NULL;
    int err;

    if (sub[0]) {
        err = git_tree_entry_bypath(&te, tree, sub);
        if (err == GIT_ENOTFOUND || (err == 0 && git_tree_entry_type(te) != GIT_OBJECT_TREE)) {
            git_tree_entry_free(te);
            return 0; /* nothing there in this revision */
        }
        if (err < 0 || git_tree_lookup(&subtree, repo, git_tree_entry_id(te)) < 0) {
            git_tree_entry_free(te);
            return mc_walk_git_error(MC_EIO, sub);
        }
        git_tree_entry_free(te);
        tree = subtree;
        mc_buf_printf(&w.path, "%s/", sub);
        if (!mc_buf_ok(&w.path)) {
            git_tree_free(subtree);
            return mc_error_set(MC_ENOMEM, "out of memory");
        }
        w.base = w.path.len;
    }
    if (git_repository_odb(&w.odb, repo) < 0) {
        git_tree_free(subtree);
        mc_buf_release(&w.path);
        return mc_walk_git_error(MC_EIO, "object database");
    }
    tree_set_key(&w.seen);
    w.entries = git_tree_entrycount(tree);
    err = git_tree_walk(tree, GIT_TREEWALK_PRE, tree_cb, &w);
    if (w.err < 0)
        err = w.err;
    else if (err < 0 && !s->truncated)
        err = mc_walk_git_error(MC_EIO, "tree");
    else
        err = 0;
    git_odb_free(w.odb);
    git_tree_free(subtree);
    mc_buf_release(&w.path);
    free(w.seen.ids);
    return err;
}
